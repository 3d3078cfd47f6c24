#!/usr/bin/env bash
# The test command (`npm test`): setup (which builds), lint, actionlint on every workflow, typecheck, the packed
# package's checks (scripts/check-package.sh), then every vitest
# project (unit, emulator, provider, engine) with line coverage of src/ (thresholds in vitest.config.mts).
# Extra arguments go to vitest, e.g. `npm test -- --project unit`; such a partial run skips coverage (its
# thresholds are for the whole suite) unless COVERAGE=1.
# Ends with one plain line `N passed, N failed`, counted from vitest's JSON report; each coverage threshold
# not met counts as one failure.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "test: lint" >&2
npx biome check .

echo "test: actionlint" >&2
ACTIONLINT_BIN_DIR="$(bash scripts/install-actionlint.sh | tail -n 1)"
# The repository's own workflows and those of the examples (each example folder is laid out as a repository).
workflows=()
while IFS= read -r -d '' file; do workflows+=("$file"); done < <(
    find . \( -name node_modules -o -name .git \) -prune -o -type f \( -name '*.yml' -o -name '*.yaml' \) \
        \( -path './.github/workflows/*' -o -path './examples/*/.github/workflows/*' \) -print0 | sort -z
)
if [ "${#workflows[@]}" -eq 0 ]; then
    echo "test: actionlint: no workflow files found" >&2
    exit 1
fi
"$ACTIONLINT_BIN_DIR/actionlint" -no-color "${workflows[@]}"
echo "test: actionlint: ${#workflows[@]} workflow file(s) clean" >&2

echo "test: typecheck" >&2
npm run --silent typecheck

# The packed tarball (dist/ is built by setup.sh): publint, @arethetypeswrong/cli, npm publish --dry-run.
echo "test: package" >&2
bash scripts/check-package.sh

mkdir -p test-results
report="test-results/vitest.json"
log="test-results/vitest.log"
rm -f "$report" "$log"
coverage=()
if [ "$#" -eq 0 ] || [ "${COVERAGE:-}" = 1 ]; then coverage=(--coverage); fi
# Colours as on a terminal even though the output also goes to the log (read below for threshold failures).
if [ -t 1 ]; then export FORCE_COLOR=1; fi
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "${coverage[@]}" "$@" 2>&1 |
    tee "$log" || status=$?

if [ ! -f "$report" ]; then
    echo "test: vitest wrote no report" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
# vitest prints one `ERROR: Coverage for lines (…%) does not meet … threshold (…%)` line per threshold missed.
below="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -c 'does not meet .* threshold' || true)"
if [ "$below" -gt 0 ]; then
    echo "test: coverage: $below threshold(s) not met (see the ERROR lines above)" >&2
    status=1
fi
node -e '
const r = require(process.argv[1]);
const below = Number(process.argv[2]);
// A file that fails outside any test (e.g. in beforeAll) counts as one failure too.
const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.every((a) => a.status !== "failed")).length;
console.log(`${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles + below} failed`);
if (r.numTotalTests === 0) process.exitCode = 1;
' "$PWD/$report" "$below" || status=1
exit "$status"
