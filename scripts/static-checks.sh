#!/usr/bin/env bash
# The checks `npm test` runs before the tests — types, lint, formatting — side by side: each is one process on one
# core, so one after another they left a core idle for about a minute. Each one's output is printed whole, in a fixed
# order, and the script fails if any of them failed. (Run beside the tests instead, they took as long as the tests
# lost to them on 2 cores, and a broken type no longer failed fast.)
set -uo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

npm run -s typecheck >"$out/typecheck" 2>&1 &
typecheck=$!
npm run -s lint >"$out/lint" 2>&1 &
lint=$!
npm run -s format:check >"$out/format" 2>&1 &
format=$!

failed=0
for check in typecheck lint format; do
  pid_var="$check"
  if wait "${!pid_var}"; then
    echo "✓ $check"
  else
    echo "✗ $check failed:"
    failed=1
  fi
  cat "$out/$check"
done
exit "$failed"
