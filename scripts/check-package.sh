#!/usr/bin/env bash
# Checks the npm package as it would be published (a step of `npm test`; needs dist/ and the pulumi CLI,
# which `npm pack`'s prepack uses to generate the native SDK):
#   - publint (https://publint.dev/rules) on the packed tarball, warnings counted as errors (--strict);
#   - @arethetypeswrong/cli on the same tarball with the `node16` profile: every entry point must resolve
#     to JavaScript and matching types under Node's CommonJS and ESM resolution and for bundlers. The
#     profile leaves out only `node10` resolution (TypeScript's `moduleResolution: node`), which ignores
#     `exports` and so cannot see the subpaths; this package requires Node 22 (`engines`);
#   - `npm publish --dry-run`: fails if npm would correct package.json on publish.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
log() { echo "check-package: $*" >&2; }

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
npm pack --silent --pack-destination "$dir" >/dev/null
tarball="$(ls "$dir"/*.tgz)"
log "$(basename "$tarball"): $(wc -c <"$tarball") bytes, $(tar -tzf "$tarball" | wc -l) files"

npx --no-install publint run --strict "$tarball"
npx --no-install attw --profile node16 --format table-flipped "$tarball"

# --ignore-scripts: the tarball above already ran prepack. No registry is contacted for a dry run.
published="$(npm publish --dry-run --ignore-scripts 2>&1)"
if grep -qi "auto-corrected\|errors corrected" <<<"$published"; then
    grep "^npm warn" <<<"$published" >&2
    log "npm publish --dry-run would change package.json (run \`npm pkg fix\` and review)"
    exit 1
fi
log "publint, attw (node16) and npm publish --dry-run are clean"
