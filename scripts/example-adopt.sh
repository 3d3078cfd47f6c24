#!/usr/bin/env bash
# `npm run example:adopt`: examples/adopt against the emulator. The emulator starts with three groups
# that exist before Pulumi is involved (as an upload widget would have made them). The stack adopts the
# first, adopts the second with retainOnDelete, references the third read-only with Group.get, and
# lists the project's groups. After destroy, only the first group is gone.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/emulator-session.sh"

start_emulator --seed-files 6 --seed-groups 3
read -r legacy archive reference <<<"$(read_field groups)"

banner "Groups before Pulumi"
emulator_groups

project="$(node scripts/prepare-example.mts examples/adopt "$work/adopt")"
cd "$project"
pulumi stack init demo --non-interactive >/dev/null
pulumi config set groupId "$legacy" --non-interactive
pulumi config set archiveGroupId "$archive" --non-interactive
pulumi config set referenceGroupId "$reference" --non-interactive

banner "pulumi up (examples/adopt): adopts, creates nothing"
pulumi up --yes --non-interactive

banner "Stack outputs"
pulumi stack output --non-interactive

banner "pulumi refresh"
pulumi refresh --yes --non-interactive

banner "pulumi destroy: deletes $legacy only"
pulumi destroy --yes --non-interactive

banner "Groups after destroy"
emulator_groups
pulumi stack rm --yes --non-interactive >/dev/null
banner "Done"
