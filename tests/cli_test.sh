#!/usr/bin/env bash
# CLI contract: JSON on stdout, "path:line: reason" on stderr, exit codes 0 / 1 / 2, and
# query / cooccur results equal to counts computed from `figscope export` in Python.
set -uo pipefail
FIG=${1:?usage: cli_test.sh BUILD/bin/figscope SHARED_DIR}
SHARED=${2:?}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0
ok()  { pass=$((pass+1)); echo "  ok   $1"; }
bad() { fail=$((fail+1)); echo "  FAIL $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

DATA=("$SHARED/seeds" "$SHARED/corpus")
"$FIG" export "${DATA[@]}" --format json > "$TMP/export.json" 2> "$TMP/export.err"; rc=$?
check "export exits 0 on the real records" test $rc -eq 0
check "export prints no problems" test ! -s "$TMP/export.err"

py() { /usr/bin/python3 -c "$1" "$TMP/export.json" "${@:2}"; }
COUNT_ALL='import json,sys; e=json.load(open(sys.argv[1])); g=sys.argv[2:]; print(sum(all(x.upper() in [s.upper() for s in f["genes"]] for x in g) for f in e))'
for genes in "STAT3" "STAT3 JAK2" "AKT1 MTOR" "TP53"; do
  args=(); for g in $genes; do args+=(--gene "$g"); done
  got=$("$FIG" query "${DATA[@]}" "${args[@]}" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  want=$(py "$COUNT_ALL" $genes)
  check "query $genes: $got == $want (from export)" test "$got" = "$want"
done
got=$("$FIG" query "${DATA[@]}" --gene STAT3 --gene TNF --any --not JAK2 --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
want=$(py 'import json,sys; e=json.load(open(sys.argv[1])); u=lambda f:[s.upper() for s in f["genes"]]; print(sum(("STAT3" in u(f) or "TNF" in u(f)) and "JAK2" not in u(f) for f in e))')
check "query ANY + NOT: $got == $want" test "$got" = "$want"

"$FIG" cooccur "${DATA[@]}" --genes STAT3,JAK2,TNF --json > "$TMP/co.json"
check "cooccur counts equal pair counts from export" /usr/bin/python3 - "$TMP/export.json" "$TMP/co.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1])); m = json.load(open(sys.argv[2]))
genes = m["genes"]
for i, a in enumerate(genes):
    for j, b in enumerate(genes):
        want = sum(a in f["genes"] and b in f["genes"] for f in e)
        if m["counts"][i][j] != want:
            print("cell", a, b, m["counts"][i][j], want); sys.exit(1)
sys.exit(0 if genes == ["STAT3", "JAK2", "TNF"] else 1)
PY
"$FIG" cooccur "${DATA[@]}" --top 25 --csv > "$TMP/co.csv"
check "cooccur --csv has a header and 25 rows" test "$(wc -l < "$TMP/co.csv")" -eq 26
"$FIG" stats "${DATA[@]}" --json > "$TMP/stats.json"
check "stats figures equals export length" /usr/bin/python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); e=json.load(open(sys.argv[2])); sys.exit(0 if s["figures"]==len(e) and s["unique_genes"]==len({g for f in e for g in f["genes"]}) and s["gene_mentions"]==sum(len(f["genes"]) for f in e) else 1)' "$TMP/stats.json" "$TMP/export.json"

# Usage errors: exit 2.
"$FIG" >/dev/null 2>&1; check "no command exits 2" test $? -eq 2
"$FIG" query "${DATA[@]}" --bogus >/dev/null 2>&1; check "unknown option exits 2" test $? -eq 2
"$FIG" cooccur "${DATA[@]}" >/dev/null 2>&1; check "cooccur without --top/--genes exits 2" test $? -eq 2

# Bad input beside good input: exit 1, one line per problem, good records still printed.
mkdir -p "$TMP/mixed"
cp "$SHARED/seeds/"*.txt "$TMP/mixed/"
printf -- '---\nfigid: broken\ncaption: "unclosed\n---\n' > "$TMP/mixed/broken.md"
: > "$TMP/mixed/empty.md"
"$FIG" export "$TMP/mixed" > "$TMP/mixed.json" 2> "$TMP/mixed.err"; rc=$?
check "bad input exits 1" test $rc -eq 1
check "good records still exported" /usr/bin/python3 -c 'import json,sys; sys.exit(0 if len(json.load(open(sys.argv[1])))==5 else 1)' "$TMP/mixed.json"
check "problems are path:line: reason" /usr/bin/python3 - "$TMP/mixed.err" "$TMP/mixed" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
ok = len(lines) == 2 and all(re.match(re.escape(sys.argv[2]) + r"/[^:]+\.md:\d+: .+", l) for l in lines)
print("\n".join(lines)); sys.exit(0 if ok else 1)
PY
"$FIG" snapshot "${DATA[@]}" -o "$TMP/all.figsnap" 2>/dev/null
"$FIG" export "$TMP/all.figsnap" > "$TMP/snap.json"
check "export from a snapshot equals export from the files" /usr/bin/python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); k=lambda f:{x:f[x] for x in f if x!="source"}; sys.exit(0 if sorted(map(json.dumps,map(k,a)))==sorted(map(json.dumps,map(k,b))) else 1)' "$TMP/export.json" "$TMP/snap.json"

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
