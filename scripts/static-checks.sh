#!/usr/bin/env bash
# The checks `npm test` runs before the tests — types, lint, formatting — side by side, one process per core's worth
# of work. Types and lint run together in two halves (scripts/check-types-and-lint.ts), so each TypeScript program is
# built and checked once rather than once by tsc and again by ESLint's type-aware rules. Each check's output is
# printed whole, in a fixed order, and the script fails if any of them failed. (Run beside the tests instead, they
# took as long as the tests lost to them on 2 cores, and a broken type no longer failed fast.)
set -uo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Plain variables, no associative arrays: macOS still ships bash 3.2.
npx tsx scripts/check-types-and-lint.ts app >"$out/app" 2>&1 &
app=$!
npx tsx scripts/check-types-and-lint.ts rest >"$out/rest" 2>&1 &
rest=$!
npm run -s format:check >"$out/format" 2>&1 &
format=$!

failed=0
for check in app rest format; do
  case "$check" in
    app) name='types and lint, tablet code' ;;
    rest) name='types and lint, server, tests and tools' ;;
    format) name='format' ;;
  esac
  if wait "${!check}"; then
    echo "✓ $name"
  else
    echo "✗ $name failed:"
    failed=1
  fi
  cat "$out/$check"
done
exit "$failed"
