#!/usr/bin/env bash
# Bounded soak of the provider against the local emulator with random faults, loopback only.
#   bash scripts/soak.sh                  # 3 minutes
#   SOAK_SECONDS=60 bash scripts/soak.sh  # shorter; SOAK_WORKERS and SOAK_SEED are also read
# Prints start/end RSS and per-kind counts; exits 1 on an unexplained error, a leftover group or memory growth.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap-node.sh
# The soak runs the built package: rebuild when a source file is newer than the build. SOAK_SKIP_BUILD=1 (the
# test that runs the soak inside `npm test`, which has just built dist/) uses dist/ as it is.
if [ "${SOAK_SKIP_BUILD:-}" != 1 ] && { [ ! -f dist/index.js ] || [ -n "$(find src -newer dist/index.js -name '*.ts' -print -quit)" ]; }; then
    npm run --silent build
fi
exec node --expose-gc test/soak/soak.mts
