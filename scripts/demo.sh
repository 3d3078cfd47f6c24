#!/usr/bin/env bash
# The demo (`npm run demo`): on a fresh machine, sets everything up, starts the bundled Uploadcare
# emulator on 127.0.0.1, runs `pulumi up` of examples/basic against it, shows the outputs and the group
# as the emulator sees it, runs `pulumi destroy`, and stops the emulator. No Uploadcare account and no
# Pulumi Cloud: the state lives in a temporary file:// backend.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/emulator-session.sh"

start_emulator --seed-files 3

project="$(node scripts/prepare-example.mts examples/basic "$work/basic")"
cd "$project"
pulumi stack init demo --non-interactive >/dev/null
i=0
for uuid in $(read_field files); do
    pulumi config set --path "files[$i]" "$uuid" --non-interactive
    i=$((i + 1))
done

banner "pulumi up (examples/basic)"
pulumi up --yes --non-interactive

banner "Stack outputs"
pulumi stack output --non-interactive

banner "The group as the emulator has it"
emulator_groups

banner "pulumi destroy"
pulumi destroy --yes --non-interactive
groups_left="$(emulator_groups count)"
echo "groups left in the emulator: $groups_left (member files are kept, as Uploadcare does)"
pulumi stack rm --yes --non-interactive >/dev/null
banner "Done"
