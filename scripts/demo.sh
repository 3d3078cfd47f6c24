#!/usr/bin/env bash
# The demo (`npm run demo`): on a fresh machine, sets everything up, starts the bundled Uploadcare
# emulator on 127.0.0.1, runs `pulumi up` of examples/files against it (every image in the example's
# folder is uploaded and stored, then grouped), shows the outputs and what the emulator holds, runs
# `pulumi destroy` (the group, then the files), and stops the emulator. No Uploadcare account and no
# Pulumi Cloud: the state lives in a temporary file:// backend.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/emulator-session.sh"

start_emulator --seed-files 0

project="$(node scripts/prepare-example.mts examples/files "$work/files")"
cd "$project"
pulumi stack init demo --non-interactive >/dev/null

banner "pulumi up (examples/files)"
pulumi up --yes --non-interactive

banner "Stack outputs"
pulumi stack output --non-interactive

banner "What the emulator holds"
emulator_groups
emulator_files

banner "pulumi destroy"
pulumi destroy --yes --non-interactive
echo "groups left in the emulator: $(emulator_groups count); files still stored: $(emulator_files count)"
pulumi stack rm --yes --non-interactive >/dev/null
banner "Done"
