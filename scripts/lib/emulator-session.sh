# Sourced by the demo scripts: sets everything up, then gives them an emulator on 127.0.0.1, the
# UPLOADCARE_* variables pointing at it, and a throw-away file:// Pulumi backend. Everything lives in
# $work and is removed on exit, with the emulator stopped.
. "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-uploadcare-demo.XXXXXX")"
emulator_pid=""
cleanup() {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

banner() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# A field of the emulator's --json line; lists come out space-separated.
read_field() {
    node -e 'const e=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const v=e[process.argv[2]]; console.log(Array.isArray(v)?v.join(" "):v)' "$work/emulator.json" "$1"
}

# start_emulator [emulator flags…]
start_emulator() {
    banner "Starting the Uploadcare emulator (loopback only)"
    node dist/cli.js emulator --json --quiet "$@" >"$work/emulator.json" 2>"$work/emulator.log" &
    emulator_pid=$!
    for _ in $(seq 1 100); do [ -s "$work/emulator.json" ] && break; sleep 0.1; done
    [ -s "$work/emulator.json" ] || { cat "$work/emulator.log" >&2; echo "demo: the emulator did not start" >&2; exit 1; }
    url="$(read_field url)"
    echo "emulator at $url"
    export UPLOADCARE_PUBLIC_KEY UPLOADCARE_SECRET_KEY UPLOADCARE_API_BASE_URL="$url" UPLOADCARE_UPLOAD_BASE_URL="$url"
    UPLOADCARE_PUBLIC_KEY="$(read_field publicKey)"
    UPLOADCARE_SECRET_KEY="$(read_field secretKey)"
    export PULUMI_HOME="$work/pulumi-home" PULUMI_BACKEND_URL="file://$work/state" PULUMI_CONFIG_PASSPHRASE="demo"
    mkdir -p "$work/state"
}

# The emulator's own view of the project's groups, through its loopback admin API: "list" or "count".
emulator_groups() {
    node -e 'fetch(process.argv[1] + "/__emulator/state").then((r) => r.json()).then((s) => {
        const groups = s.projects[s.publicKey].groups;
        if (process.argv[2] === "count") console.log(groups.length);
        else for (const g of groups) console.log(`${g.id}: ${g.files.map((f) => f.uuid + (f.defaultEffects ? "/-/" + f.defaultEffects : "")).join(", ")}`);
    })' "$url" "${1:-list}"
}

# The emulator's stored files of the project, through its admin API: "list" (name, size, CDN URL) or "count".
emulator_files() {
    node -e 'fetch(process.argv[1] + "/__emulator/state").then((r) => r.json()).then((s) => {
        const files = s.projects[s.publicKey].files.filter((f) => f.datetimeStored && !f.datetimeRemoved);
        if (process.argv[2] === "count") console.log(files.length);
        else for (const f of files) console.log(`${f.uuid}: ${f.originalFilename}, ${f.size} bytes, ${f.mimeType}`);
    })' "$url" "${1:-list}"
}
