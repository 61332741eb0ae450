#!/usr/bin/env bash
# The benchmark: one command, from a fresh checkout to docs/BENCHMARKS.md.
#
#   tools/bench.sh
#
# 1. installs what it needs when missing (tools/setup.sh for Debian packages; npm ci in
#    tools/bench for the JS peers, into the git-ignored tools/bench/node_modules),
# 2. generates the full-scale synthetic corpus if missing (tools/bench/gen_corpus.py ->
#    build/bench-corpus: 100k figures, ~1.7M gene mentions, ~13k genes; never committed),
# 3. builds the benchmark natively (build-bench/) and with em++ (build-bench-wasm/),
# 4. exports the snapshot, the figure_gene table and the gene triples (build/bench-work/),
# 5. runs ROUNDS rounds; each round runs every engine once, in a rotated order, each engine
#    repeating each measurement REPS times and reporting its median. Ratios are taken within a
#    round and their median over rounds is reported (the machine may be shared and noisy),
# 6. writes docs/BENCHMARKS.md (tools/bench/report.py).
#
# Environment: FIGSCOPE_BENCH_ROUNDS (3), FIGSCOPE_BENCH_REPS (3),
#              FIGSCOPE_BENCH_CORPUS (build/bench-corpus), FIGSCOPE_BENCH_OUT (docs/BENCHMARKS.md),
#              FIGSCOPE_BENCH_COOC_BUDGET (seconds of sql.js / DuckDB co-occurrence runs per round; 20),
#              FIGSCOPE_BENCH_CORE (unset: the work tree's core/; a git revision such as HEAD: that
#              revision's core/, extracted read-only into build/bench-core, so that a recorded result
#              names exactly the code it measured while core/ is being edited).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs   # emscripten 3.1.6 needs acorn from Debian's node modules
ROUNDS=${FIGSCOPE_BENCH_ROUNDS:-3}
REPS=${FIGSCOPE_BENCH_REPS:-3}
CORPUS=${FIGSCOPE_BENCH_CORPUS:-$ROOT/build/bench-corpus}
OUT_MD=${FIGSCOPE_BENCH_OUT:-$ROOT/docs/BENCHMARKS.md}
BUDGET=${FIGSCOPE_BENCH_COOC_BUDGET:-20}
WORK=$ROOT/build/bench-work
RES=$WORK/results
T0=$(date +%s)
say() { echo "bench: $* ($(( $(date +%s) - T0 )) s, load $(cut -d' ' -f1-3 /proc/loadavg))" >&2; }

# 1. Dependencies.
"$ROOT/tools/setup.sh" >&2
if [ ! -d tools/bench/node_modules ] ||
   [ tools/bench/package-lock.json -nt tools/bench/node_modules/.package-lock.json ]; then
  say "npm ci (tools/bench)"
  (cd tools/bench && npm ci --no-audit --no-fund --loglevel=error)
fi

# 2. Corpus.
if [ ! -f "$CORPUS/manifest.json" ]; then
  say "generating the corpus in $CORPUS (about 2-3 minutes)"
  python3 tools/bench/gen_corpus.py --out "$CORPUS" >&2
fi

# 3. Builds.
CORE_DIR=$ROOT/core
CORE_DESC="work tree core/ at $(git rev-parse --short HEAD)"
[ -n "$(git status --porcelain -- core)" ] && CORE_DESC="$CORE_DESC + uncommitted changes"
if [ -n "${FIGSCOPE_BENCH_CORE:-}" ]; then
  CORE_DIR=$ROOT/build/bench-core/core
  tmp=$(mktemp -d)
  git archive "$FIGSCOPE_BENCH_CORE" core | tar -x -C "$tmp"
  if ! diff -rq "$tmp/core" "$CORE_DIR" >/dev/null 2>&1; then   # unchanged: keep mtimes, no rebuild
    rm -rf "$ROOT/build/bench-core"; mkdir -p "$ROOT/build/bench-core"
    mv "$tmp/core" "$CORE_DIR"
  fi
  rm -rf "$tmp"
  CORE_DESC="core/ of $(git rev-parse --short "$FIGSCOPE_BENCH_CORE") (committed)"
fi
say "building ($CORE_DESC)"
cmake -S tools/bench -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DFIGSCOPE_CORE_DIR="$CORE_DIR" >/dev/null
cmake --build build-bench -j "$(nproc)" >&2
emcmake cmake -S tools/bench -B build-bench-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DFIGSCOPE_CORE_DIR="$CORE_DIR" >/dev/null
cmake --build build-bench-wasm -j "$(nproc)" >&2
NATIVE=build-bench/bin/figscope_bench
WASM=(node --no-experimental-fetch build-bench-wasm/bin/figscope_bench.js)
WASM_NOEXC=(node --no-experimental-fetch build-bench-wasm/bin/figscope_bench_noexc.js)
WASM_EH=(node --no-experimental-fetch build-bench-wasm/bin/figscope_bench_wasmeh.js)

# 4. Export (snapshot, SQL tables, triples) and memory, each in a fresh process.
rm -rf "$RES"; mkdir -p "$RES"
say "export"
$NATIVE export "$CORPUS" "$WORK" > "$WORK/shape.json"
cp "$CORPUS/manifest.json" "$WORK/manifest.json"
say "memory"
$NATIVE mem-files "$CORPUS" > "$RES/mem-native-files.json"
$NATIVE mem-snapshot "$WORK/corpus.figsnap" > "$RES/mem-native-snapshot.json"
"${WASM[@]}" mem-snapshot "$WORK/corpus.figsnap" > "$RES/mem-wasm-snapshot.json"
"${WASM_NOEXC[@]}" mem-snapshot "$WORK/corpus.figsnap" > "$RES/mem-wasm-noexc-snapshot.json"
"${WASM_EH[@]}" mem-snapshot "$WORK/corpus.figsnap" > "$RES/mem-wasm-wasmeh-snapshot.json"

# 5. Rounds.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
jobs_list=(native wasm wasm_noexc wasm_eh sql yaml_js yaml_py)
run_job() {   # name round
  local f="$RES/round$2-$1.json"
  case "$1" in
    native)     $NATIVE run "$CORPUS" "$WORK" --reps "$REPS" > "$f" ;;
    wasm)       "${WASM[@]}" run "$CORPUS" "$WORK" --reps "$REPS" --sections sample,snapshot,query,cooc > "$f" ;;
    wasm_noexc) "${WASM_NOEXC[@]}" run "$CORPUS" "$WORK" --reps "$REPS" --sections sample,snapshot,query,cooc > "$f" ;;
    wasm_eh)    "${WASM_EH[@]}" run "$CORPUS" "$WORK" --reps "$REPS" --sections sample,snapshot,query,cooc > "$f" ;;
    sql)        node tools/bench/peers_sql.mjs "$WORK" --reps "$REPS" --cooc-budget "$BUDGET" > "$f" ;;
    yaml_js)    node tools/bench/peers_yaml.mjs "$CORPUS" --reps "$REPS" > "$f" ;;
    yaml_py)    python3 tools/bench/pyyaml_bench.py "$CORPUS" --reps "$REPS" > "$f" ;;
  esac
}
for ((r = 1; r <= ROUNDS; r++)); do
  n=${#jobs_list[@]}
  for ((k = 0; k < n; k++)); do
    job=${jobs_list[$(( (k + r - 1) % n ))]}
    say "round $r/$ROUNDS: $job"
    run_job "$job" "$r"
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# 6. Machine and versions, then the report.
python3 - "$RES/machine.json" "$load_start" "$load_end" "$ROUNDS" "$REPS" "$(( $(date +%s) - T0 ))" "$CORE_DESC" <<'EOF'
import json, os, platform, subprocess, sys
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return ""
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) * 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
json.dump({
    "cpu": cpu, "cores": os.cpu_count(), "mem_bytes": mem,
    "os": sh(". /etc/os-release && echo $PRETTY_NAME"), "kernel": platform.release(),
    "gxx": sh("g++ --version | head -1"), "emcc": sh("emcc --version | head -1"),
    "node": sh("node --version"), "python": platform.python_version(),
    "pyyaml": sh("python3 -c 'import yaml; print(yaml.__version__, \"libyaml\", yaml._yaml.get_version_string())'"),
    "load_start": sys.argv[2], "load_end": sys.argv[3], "rounds": int(sys.argv[4]), "reps": int(sys.argv[5]),
    "seconds": int(sys.argv[6]), "date": sh("date -u '+%Y-%m-%d %H:%M UTC'"),
    "commit": sys.argv[7],
}, open(sys.argv[1], "w"), indent=1)
EOF
python3 tools/bench/report.py "$WORK" > "$OUT_MD.tmp"
mv "$OUT_MD.tmp" "$OUT_MD"
say "wrote $OUT_MD"
