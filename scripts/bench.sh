#!/usr/bin/env bash
# `npm run bench`: the same setup as the demo and the tests (Node 24, npm ci, the pinned Pulumi CLI, build),
# then bench/run.mts: N-group up/destroy against the engine floor, requests per operation, state size and
# provider RSS, through the real Pulumi CLI against the local emulator. Prints a table and writes
# bench/results.json. Knobs: the BENCH_* variables described in bench/README.md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
node bench/run.mts "$@"
