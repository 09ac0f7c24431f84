#!/usr/bin/env bash
# `npm test`: the static checks (types, lint, formatting: scripts/static-checks.sh) run beside the tests rather than
# before them. The test run leaves a core idle at times (while a browser starts, between its stages), and the checks
# fill it: on a 2-core machine this took about 80 s off the whole. The tests' output streams as they run; the checks'
# is printed after it, and the command fails if either failed.
set -uo pipefail
cd "$(dirname "$0")/.."
checks_out="$(mktemp)"
trap 'rm -f "$checks_out"' EXIT

bash scripts/static-checks.sh >"$checks_out" 2>&1 &
checks=$!
npx vitest run "$@"
tests_rc=$?
wait "$checks"
checks_rc=$?

echo
echo "Static checks (types, lint, format):"
cat "$checks_out"
if [ "$tests_rc" -ne 0 ] || [ "$checks_rc" -ne 0 ]; then
  echo "npm test failed: tests exit $tests_rc, static checks exit $checks_rc"
  exit 1
fi
