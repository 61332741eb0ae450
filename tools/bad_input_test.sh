#!/usr/bin/env bash
# Bad input, end to end (run by tools/test.sh; can also be run on its own):
#   1. cli          tests/bad_input_cli_test.sh with the normal build (build/bin/figscope)
#   2. asan-build   an ASan + UBSan build of the core tests and the CLI in build-asan/
#   3. asan-tests   the whole doctest suite under the sanitizers
#   4. asan-cli     tests/bad_input_cli_test.sh with the sanitized CLI
#   5. fuzz-build   the libFuzzer targets (clang) in build-fuzz/
#   6. fuzz-*       each target for FIGSCOPE_FUZZ_SECONDS (default 20) seconds, seeded with
#                   copies of the real records / sidecars / a snapshot in a temp dir
# Ends with "bad-input: N passed, M failed" (steps); exit 0 only if all passed.
# A fuzz crash leaves its input in build-fuzz/artifacts/ (never in the tracked tree).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="${FIGSCOPE_SHARED_DIR:-$ROOT/../shared}"
JOBS=$(nproc)
FUZZ_SECONDS=${FIGSCOPE_FUZZ_SECONDS:-20}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
T_START=$SECONDS

passed=0; failed=0; failed_names=()
step() {   # step NAME COMMAND...
  local name=$1; shift
  echo "--- bad-input $name"
  local t0=$SECONDS
  if "$@"; then passed=$((passed+1)); echo "--- bad-input $name: ok ($((SECONDS-t0)) s)"
  else failed=$((failed+1)); failed_names+=("$name"); echo "--- bad-input $name: FAILED ($((SECONDS-t0)) s)"; fi
}
quiet() {  # runs a command, shows its output only if it fails
  local log; log=$(mktemp -p "$TMP")
  if "$@" >"$log" 2>&1; then return 0; fi
  tail -n 60 "$log"; return 1
}

# 1. The CLI test with the normal build (tools/test.sh has built it; build it if run alone).
native_cli() {
  if [ ! -x build/bin/figscope ]; then
    quiet cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release || return 1
    quiet cmake --build build -j "$JOBS" --target figscope || return 1
  fi
  tests/bad_input_cli_test.sh build/bin/figscope "$SHARED"
}
step cli native_cli

# 2-4. ASan + UBSan.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan_build() {
  quiet cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIGSCOPE_SANITIZE=ON \
      -DFIGSCOPE_DESKTOP=OFF -DFIGSCOPE_SHARED_DIR="$SHARED" &&
  quiet cmake --build build-asan -j "$JOBS" --target figscope_tests figscope
}
step asan-build asan_build
if [ -x build-asan/bin/figscope_tests ]; then
  step asan-tests build-asan/bin/figscope_tests
  step asan-cli tests/bad_input_cli_test.sh build-asan/bin/figscope "$SHARED"
else
  failed=$((failed+2)); failed_names+=(asan-tests asan-cli)
fi

# 5-6. libFuzzer.
fuzz_build() {
  quiet cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIGSCOPE_FUZZ=ON \
      -DFIGSCOPE_DESKTOP=OFF -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ &&
  quiet cmake --build build-fuzz -j "$JOBS" --target fuzz_record fuzz_sidecar fuzz_snapshot
}
step fuzz-build fuzz_build

# Seed corpora: copies of the real data in a temp dir (libFuzzer writes new inputs there).
mkdir -p "$TMP/record" "$TMP/sidecar" "$TMP/snapshot"
cp "$SHARED"/seeds/* "$SHARED"/corpus/_figures/*.md "$TMP/record/"
cp "$SHARED"/corpus/_data/*.tsv "$TMP/sidecar/"
FIG=build/bin/figscope; [ -x "$FIG" ] || FIG=build-asan/bin/figscope
"$FIG" snapshot "$SHARED/seeds" -o "$TMP/snapshot/seeds.figsnap" 2>/dev/null
# A small snapshot with sidecar genes, chemicals and diseases too.
mkdir -p "$TMP/small/_figures" "$TMP/small/_data"
for f in $(ls "$SHARED"/corpus/_data/*-chemicals.tsv | head -n 3); do
  id=$(basename "$f" -chemicals.tsv)
  cp "$SHARED/corpus/_figures/$id.md" "$TMP/small/_figures/" 2>/dev/null
  cp "$SHARED/corpus/_data/$id"-*.tsv "$TMP/small/_data/"
done
"$FIG" snapshot "$TMP/small" -o "$TMP/snapshot/small.figsnap" 2>/dev/null

mkdir -p build-fuzz/artifacts
run_fuzzer() {   # run_fuzzer NAME CORPUS_DIR
  local name=$1 corpus=$2 log="$TMP/$1.log"
  [ -x "build-fuzz/bin/$name" ] || { echo "  build-fuzz/bin/$name missing"; return 1; }
  "build-fuzz/bin/$name" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$name-" "$corpus" >"$log" 2>&1
  local rc=$?
  local execs; execs=$(awk '/stat::number_of_executed_units/{print $2}' "$log")
  local cov; cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  echo "  $name: ${execs:-?} runs in ${FUZZ_SECONDS} s, $cov, corpus $(ls "$corpus" | wc -l) inputs, exit $rc"
  if [ $rc -ne 0 ]; then
    grep -E 'ERROR|invariant broken|SUMMARY|Test unit written' "$log" | head -n 20
    tail -n 40 "$log"
  fi
  return $rc
}
step fuzz-record   run_fuzzer fuzz_record "$TMP/record"
step fuzz-sidecar  run_fuzzer fuzz_sidecar "$TMP/sidecar"
step fuzz-snapshot run_fuzzer fuzz_snapshot "$TMP/snapshot"

echo
[ $failed -eq 0 ] || echo "failed steps: ${failed_names[*]}"
echo "bad-input: total $((SECONDS-T_START)) s"
echo "bad-input: $passed passed, $failed failed"
[ $failed -eq 0 ]
