#!/usr/bin/env bash
# Sets up, builds and runs every test of figscope. Each suite prints its own result; this
# script runs them all (a failing suite does not hide the others) and ends with one line
# "test.sh: N passed, M failed" (suites), exit status 0 only if all passed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
SHARED="${FIGSCOPE_SHARED_DIR:-$ROOT/../shared}"

tools/setup.sh || { echo "test.sh: setup failed"; exit 1; }
tools/build.sh || { echo "test.sh: build failed"; exit 1; }

passed=0; failed=0; failed_names=()
suite() {   # suite NAME COMMAND...
  local name=$1; shift
  echo; echo "=== $name: $*"
  local t0=$SECONDS
  if "$@"; then passed=$((passed+1)); echo "=== $name: ok ($((SECONDS-t0)) s)"
  else failed=$((failed+1)); failed_names+=("$name"); echo "=== $name: FAILED ($((SECONDS-t0)) s)"; fi
}

suite core-native     build/bin/figscope_tests
suite core-wasm-node  node --no-experimental-fetch build-wasm/bin/figscope_tests.js
suite yaml-vs-pyyaml  /usr/bin/python3 tests/yaml_differential.py build/bin/yaml_dump "$SHARED/seeds" "$SHARED/corpus/_figures"
suite export-vs-pyyaml /usr/bin/python3 tests/export_differential.py build/bin/figscope "$SHARED/seeds" "$SHARED/corpus"
suite cli             tests/cli_test.sh build/bin/figscope "$SHARED"
for extra in tools/desktop_screenshot_test.sh tools/e2e_test.sh tools/bad_input_test.sh; do
  [ -x "$extra" ] && suite "$(basename "$extra" .sh)" "$extra"
done

echo
[ $failed -eq 0 ] || echo "failed suites: ${failed_names[*]}"
echo "test.sh: $passed passed, $failed failed"
[ $failed -eq 0 ]
