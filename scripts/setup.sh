#!/usr/bin/env bash
# Shared setup for the demo, the tests and CI. Source it from bash: `. scripts/setup.sh`.
# On a fresh machine with only Node 20 and Go it: puts Node 24 first on PATH (from the npm registry's
# `node` package), installs the npm dependencies, installs the pinned Pulumi CLI (built from the Go module
# proxy, cached), and builds dist/. Each step is skipped when it is already done.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

. scripts/bootstrap-node.sh
echo "setup: node $(node --version), npm $(npm --version)" >&2

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error >&2
fi

PULUMI_BIN_DIR="$(bash scripts/install-pulumi.sh | tail -n 1)"
export PULUMI_BIN_DIR
export PATH="$PULUMI_BIN_DIR:$PATH"
echo "setup: $(pulumi version) from $PULUMI_BIN_DIR" >&2

# No network version checks, no Pulumi Cloud, no prompts.
export PULUMI_SKIP_UPDATE_CHECK=true

npm run --silent build >&2
