#!/usr/bin/env bash
# The demo (`npm run demo`): on a fresh machine, sets everything up, starts the bundled Uploadcare
# emulator on 127.0.0.1, runs `pulumi up` of examples/basic against it, shows the outputs and the group
# as the emulator sees it, runs `pulumi destroy`, and stops the emulator. No Uploadcare account and no
# Pulumi Cloud: the state lives in a temporary file:// backend.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-uploadcare-demo.XXXXXX")"
emulator_pid=""
cleanup() {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

banner() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

banner "Starting the Uploadcare emulator (loopback only)"
node dist/cli.js emulator --json --seed-files 3 --quiet >"$work/emulator.json" 2>"$work/emulator.log" &
emulator_pid=$!
for _ in $(seq 1 100); do [ -s "$work/emulator.json" ] && break; sleep 0.1; done
[ -s "$work/emulator.json" ] || { cat "$work/emulator.log" >&2; echo "demo: the emulator did not start" >&2; exit 1; }
read_field() { node -e 'const e=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const v=e[process.argv[2]]; console.log(Array.isArray(v)?v.join(" "):v)' "$work/emulator.json" "$1"; }
url="$(read_field url)"
echo "emulator at $url with seeded files: $(read_field files)"

export UPLOADCARE_PUBLIC_KEY UPLOADCARE_SECRET_KEY UPLOADCARE_API_BASE_URL="$url" UPLOADCARE_UPLOAD_BASE_URL="$url"
UPLOADCARE_PUBLIC_KEY="$(read_field publicKey)"
UPLOADCARE_SECRET_KEY="$(read_field secretKey)"
export PULUMI_HOME="$work/pulumi-home" PULUMI_BACKEND_URL="file://$work/state" PULUMI_CONFIG_PASSPHRASE="demo"
mkdir -p "$work/state"

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

# The emulator's own view, through its loopback admin API.
emulator_groups() {
    node -e 'fetch(process.argv[1] + "/__emulator/state").then((r) => r.json()).then((s) => {
        const groups = s.projects[s.publicKey].groups;
        if (process.argv[2] === "count") console.log(groups.length);
        else for (const g of groups) console.log(`${g.id}: ${g.files.map((f) => f.uuid + (f.defaultEffects ? "/-/" + f.defaultEffects : "")).join(", ")}`);
    })' "$url" "${1:-list}"
}

banner "The group as the emulator has it"
emulator_groups

banner "pulumi destroy"
pulumi destroy --yes --non-interactive
groups_left="$(emulator_groups count)"
echo "groups left in the emulator: $groups_left (member files are kept, as Uploadcare does)"
pulumi stack rm --yes --non-interactive >/dev/null
banner "Done"
