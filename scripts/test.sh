#!/usr/bin/env bash
# The test command (`npm test`): setup, lint, typecheck, build, then every vitest project (unit, provider,
# engine). Extra arguments go to vitest, e.g. `npm test -- --project unit`.
# Ends with one plain line `N passed, N failed`, counted from vitest's JSON report.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "test: lint" >&2
npx biome check .
echo "test: typecheck" >&2
npm run --silent typecheck

mkdir -p test-results
report="test-results/vitest.json"
rm -f "$report"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?

if [ ! -f "$report" ]; then
    echo "test: vitest wrote no report" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
node -e '
const r = require(process.argv[1]);
// A file that fails outside any test (e.g. in beforeAll) counts as one failure too.
const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.every((a) => a.status !== "failed")).length;
console.log(`${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed`);
if (r.numTotalTests === 0) process.exitCode = 1;
' "$PWD/$report" || status=1
exit "$status"
