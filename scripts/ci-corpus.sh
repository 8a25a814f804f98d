#!/usr/bin/env bash
# Corpus checks run by .ci/run after npm test: the runtime's reproducibility,
# then other people's tests against ../shared (OPA conformance cases,
# gatekeeper-library's Rego unit tests and gator suites). Each check ends
# with one `<name>: N passed, N failed` line; this script ends with their sum.
# Where ../shared is absent each check says so and counts nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
shared=../shared
passed=0
failed=0
status=0
mkdir -p .tmp

# The counts of a check's log: its own `name: N passed, N failed` line, else
# the last generic `N passed, N failed` line, else `PASS|FAIL: ok/all` (gwpc
# test), else 1 passed or 1 failed by exit code.
counts() { # name, log, rc
  local line
  line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed" "$2" | tail -n 1)
  [ -n "$line" ] || line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
  if [ -z "$line" ]; then
    line=$(grep -E '^(PASS|FAIL|ERROR): [0-9]+/[0-9]+' "$2" | tail -n 1)
    if [ -n "$line" ]; then
      local ok all
      ok=$(sed -E 's/^[A-Z]+: ([0-9]+)\/.*/\1/' <<<"$line")
      all=$(sed -E 's/^[A-Z]+: [0-9]+\/([0-9]+).*/\1/' <<<"$line")
      line="$ok passed, $((all - ok)) failed"
    fi
  fi
  if [ -z "$line" ]; then
    if [ "$3" -eq 0 ]; then line="1 passed, 0 failed"; else line="0 passed, 1 failed"; fi
  fi
  sed -E 's/^([^:]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2 \3/' <<<"$line"
}

run() { # name, command...
  local name=$1
  shift
  echo "--- $name: $*"
  "$@" > ".tmp/corpus-$name.log" 2>&1
  local rc=$?
  tail -n 12 ".tmp/corpus-$name.log"
  local p f
  read -r p f < <(counts "$name" ".tmp/corpus-$name.log" "$rc")
  echo "$name: $p passed, $f failed (exit $rc)"
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$rc" -eq 0 ] || status=1
}

run runtime node scripts/check-runtime.mjs
run conformance npx vite-node scripts/conformance.ts
if [ -d "$shared/gatekeeper-library" ]; then
  # Upstream runs these with `opa test` (v0) and `gator verify`; unmodified here.
  run library-rego node bin/gwpc.js test --v0-compatible "$shared/gatekeeper-library/src"
  run library-suites node bin/gwpc.js verify "$shared/gatekeeper-library/library/general/..."
else
  echo "gatekeeper-library: $shared/gatekeeper-library is absent; library checks skipped"
fi

echo "corpus: $passed passed, $failed failed"
exit $status
