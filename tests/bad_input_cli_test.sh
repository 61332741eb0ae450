#!/usr/bin/env bash
# The CLI on bad input beside good input (docs/LIMITS.md): a temp folder with the real seeds
# plus one file of each bad class. Asserts exit 1, exactly one `path:line: reason` line per
# bad file on stderr (with the expected line and reason), and that `figscope export` still
# prints every good record, the seeds exactly as they export on their own.
#   tests/bad_input_cli_test.sh BUILD/bin/figscope SHARED_DIR
set -uo pipefail
FIG=${1:?usage: bad_input_cli_test.sh BUILD/bin/figscope SHARED_DIR}
SHARED=${2:?usage: bad_input_cli_test.sh BUILD/bin/figscope SHARED_DIR}
PY=/usr/bin/python3
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0
ok()  { pass=$((pass+1)); echo "  ok   $1"; }
bad() { fail=$((fail+1)); echo "  FAIL $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

D="$TMP/drop"
mkdir -p "$D"
cp "$SHARED"/seeds/*.txt "$D/"
SEED0=$(ls "$D"/*.txt | head -n 1)
SEED0_FIGID=$(sed -n 's/^figid: //p' "$SEED0" | head -n 1)

# The clean export of the seeds alone: what must come out unchanged.
"$FIG" export "$SHARED/seeds" > "$TMP/seeds.json" 2> "$TMP/seeds.err"
check "seeds alone export cleanly" test $? -eq 0 -a ! -s "$TMP/seeds.err"

# Snapshots to damage: made by the CLI from the seeds, kept outside the folder.
"$FIG" snapshot "$SHARED/seeds" -o "$TMP/seeds.figsnap" 2>/dev/null
check "snapshot of the seeds written" test -s "$TMP/seeds.figsnap"

# One file per class. expected.tsv: file name, line, regex the reason must match
# (every other file in the folder is good and must cause no line).
"$PY" - "$D" "$TMP/seeds.figsnap" "$SEED0_FIGID" "$SEED0" > "$TMP/expected.tsv" <<'PY'
import sys, os
d, snap, seed_figid, seed0 = sys.argv[1:5]
exp = []
def put(name, data, line=None, reason=None):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    if line is not None:
        exp.append((name, line, reason))

put("empty.md", "", 1, r"empty file")
put("notes.md", "# Notes\n\nfigid: PMC900__notes\n", 1, r"no front matter: a figure record starts with a line '---'")
put("half.md", "---\nfigid: PMC900__half\nfigtitle: Half-downloaded\ncaption: The downl", 1,
    r"unterminated front matter: the '---' on line 1 is never closed")
put("yaml-indent.md", "---\nfigid: PMC900__indent\nfigtitle: T\norganisms:\n  - Homo sapiens\n - Mus musculus\n---\n", 6,
    r"YAML: bad indentation")
put("yaml-quote.md", "---\nfigid: PMC900__quote\nfigtitle: T\ncaption: \"never closed\n  more text\nyear: 2019\n---\n", 4,
    r"YAML: unclosed double-quoted scalar")
put("yaml-tab.md", "---\nfigid: PMC900__tab\n\tfigtitle: T\n---\n", 3, r"YAML: tab character")
# Wrong types: reported, the record still loads.
put("genes-string.md", "---\nfigid: PMC900__genes_string\nfigtitle: Genes as a string\nyear: 2018\ngenes: STAT3, JAK2\n---\n", 5,
    r"genes: expected a list of mappings, found text; ignored")
put("year-20x1.md", "---\nfigid: PMC900__year\nfigtitle: A year that is not one\nyear: 20x1\n---\n", 4,
    r"year: '20x1' is not a year; field left empty")
# No figid: the file name is used (and said); its sidecars attach to it.
put("PMC900__nofigid.md", "---\nfigtitle: No figid here\nyear: 2020\n---\n", 1,
    r"no figid; using the file name 'PMC900__nofigid'")
put("PMC900__nofigid-genes.tsv",
    "organism_name\tword\tncbigene_symbol\tncbigene_id\nHomo sapiens\tStat3\tSTAT3\t6774\nshort\trow\n"
    "Homo sapiens\tJak2\tJAK2\t3717\n", 3, r"row has 2 fields, the header has 4; row skipped")
put("PMC900__nofigid-chemicals.tsv", "word,name,chebi\nATP,ATP,chebi:15422\n", 1,
    r"header lacks the column 'word' \(found: word,name,chebi\); file skipped")
# The same figid as a seed: the seed (sorted first) is kept.
put("zz-duplicate.md", "---\nfigid: %s\nfigtitle: DUPLICATE\n---\n" % seed_figid, 1,
    r"duplicate figid '%s': already loaded from %s; the first one loaded is kept, this one skipped" % (seed_figid, seed0))
put("latin1.md", b"---\nfigid: PMC900__latin1\nfigtitle: T\ncaption: caf\xe9 au lait\n---\n", 4,
    r"invalid UTF-8 at column 13; file skipped")
put("junk.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0" + bytes(range(256)) * 8, 1, r"binary data, not text")
# A huge but allowed record (10 MB caption, folded as PFOCR's writer does) and one over 16 MB.
words = ("JAK2 phosphorylates STAT3 in the nucleus of the cell " * 200000)[: 10 * 1024 * 1024].strip()
lines, cur = [], []
for w in words.split(" "):
    if sum(len(x) + 1 for x in cur) + len(w) > 78:
        lines.append(" ".join(cur)); cur = []
    cur.append(w)
lines.append(" ".join(cur))
put("huge.md", "---\nfigid: PMC900__huge\nfigtitle: Huge\ncaption: " + "\n  ".join(lines) + "\n---\n")
with open(os.path.join(os.path.dirname(d), "huge-caption.txt"), "w") as f:
    f.write(words)
put("toolarge.md", "---\nfigid: PMC900__toolarge\ncaption: " + "x" * (17 * 1024 * 1024) + "\n---\n", 0,
    r"record is \d+ bytes, over the 16 MB limit for one record; skipped")
# Good output of another tool: CRLF line ends.
put("crlf.md", "---\r\nfigid: PMC900__crlf\r\nfigtitle: Windows line ends\r\n---\r\n")
# A sidecar with no record.
put("PMC404__orphan-genes.tsv", "word\tncbigene_symbol\nStat3\tSTAT3\n", 0,
    r"no record with figid 'PMC404__orphan' is loaded; this sidecar is kept")
# Snapshots: truncated, corrupted, another version.
good = open(snap, "rb").read()
put("truncated.figsnap", good[: len(good) // 2], 0, r"truncated snapshot: header says \d+ payload bytes, file has \d+")
corrupt = bytearray(good); corrupt[len(good) // 2] ^= 0x20
put("corrupt.figsnap", bytes(corrupt), 0, r"corrupted snapshot: checksum mismatch")
v2 = bytearray(good); v2[8] = 2
put("v2.figsnap", bytes(v2), 0, r"snapshot format version 2; this figscope reads version 1")
for name, line, reason in exp:
    print("%s\t%d\t%s" % (name, line, reason))
PY
check "bad files written" test "$(wc -l < "$TMP/expected.tsv")" -eq 19

# export: exit 1, one line per bad file, every good record printed.
t0=$SECONDS
"$FIG" export "$D" > "$TMP/export.json" 2> "$TMP/export.err"; rc=$?
echo "  (export of the folder took $((SECONDS-t0)) s)"
check "export exits 1" test $rc -eq 1
check "stderr: one 'path:line: reason' line per bad file, with the expected line and reason" \
  "$PY" - "$TMP/export.err" "$TMP/expected.tsv" "$D" <<'PY'
import re, sys
err, exp, d = sys.argv[1:4]
lines = open(err, encoding="utf-8", errors="replace").read().splitlines()
want = {}
for row in open(exp, encoding="utf-8").read().splitlines():
    name, line, reason = row.split("\t", 2)
    want[name] = (int(line), reason)
seen, ok = {}, True
for l in lines:
    m = re.fullmatch(re.escape(d) + r"/([^:/]+):(\d+): (.+)", l)
    if not m:
        print("    not path:line: reason in the folder:", l[:200]); ok = False; continue
    name, line, reason = m.group(1), int(m.group(2)), m.group(3)
    seen[name] = seen.get(name, 0) + 1
    if name not in want:
        print("    a good file was reported:", l[:200]); ok = False; continue
    wl, wr = want[name]
    if line != wl or not re.search(wr, reason):
        print("    %s: got line %d '%s', want line %d /%s/" % (name, line, reason[:200], wl, wr)); ok = False
for name in want:
    if seen.get(name, 0) != 1:
        print("    %s: reported %d times, want once" % (name, seen.get(name, 0))); ok = False
print("    %d lines for %d bad files" % (len(lines), len(want)))
sys.exit(0 if ok else 1)
PY
check "export prints every good record; the seeds exactly as on their own" \
  "$PY" - "$TMP/export.json" "$TMP/seeds.json" "$TMP/huge-caption.txt" <<'PY'
import json, sys
got = {f["figid"]: f for f in json.load(open(sys.argv[1]))}
seeds = {f["figid"]: f for f in json.load(open(sys.argv[2]))}
huge = open(sys.argv[3]).read()
strip = lambda f: {k: v for k, v in f.items() if k != "source"}
ok = True
def need(cond, msg):
    global ok
    if not cond: print("    " + msg); ok = False
need(len(seeds) == 5, "seeds: %d records" % len(seeds))
for fid, f in seeds.items():
    need(fid in got, "seed lost: " + fid)
    if fid in got: need(strip(got[fid]) == strip(f), "seed changed: " + fid)
extra = {"PMC900__genes_string", "PMC900__year", "PMC900__nofigid", "PMC900__huge", "PMC900__crlf"}
need(set(got) == set(seeds) | extra, "figids: %s" % sorted(set(got) ^ (set(seeds) | extra)))
if not ok: sys.exit(1)
need(got["PMC900__genes_string"]["title"] == "Genes as a string" and got["PMC900__genes_string"]["genes"] == []
     and got["PMC900__genes_string"]["year"] == 2018, "wrong-types record")
need(got["PMC900__year"]["year"] is None and got["PMC900__year"]["title"] == "A year that is not one", "year record")
n = got["PMC900__nofigid"]
need(n["title"] == "No figid here" and n["genes"] == ["JAK2", "STAT3"] and n["genes_from"] == "sidecar"
     and n["chemicals"] == [], "no-figid record and its sidecar: %s" % {k: n[k] for k in ("title", "genes", "genes_from")})
need(got["PMC900__huge"]["caption"] == huge and len(huge) > 10_000_000, "huge caption changed")
need(got["PMC900__crlf"]["title"] == "Windows line ends", "CRLF record")
need(all(f["title"] != "DUPLICATE" for f in got.values()), "the duplicate replaced the seed")
sys.exit(0 if ok else 1)
PY

# The good data survives a snapshot made from the mixed folder.
"$FIG" snapshot "$D" -o "$TMP/mixed.figsnap" 2> "$TMP/snap.err"; rc=$?
check "snapshot of the folder: exit 1, same problem lines, file written" \
  test $rc -eq 1 -a -s "$TMP/mixed.figsnap" -a "$(grep -c ": " "$TMP/snap.err")" -ge 19
"$FIG" export "$TMP/mixed.figsnap" > "$TMP/from-snap.json" 2> "$TMP/from-snap.err"; rc=$?
check "export from that snapshot: exit 0, the same good records" \
  "$PY" -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(0 if int(sys.argv[3])==0 and sorted(json.dumps(x,sort_keys=True) for x in a)==sorted(json.dumps(x,sort_keys=True) for x in b) else 1)' \
  "$TMP/export.json" "$TMP/from-snap.json" "$rc"

# stats and query go on as well.
"$FIG" stats "$D" --json > "$TMP/stats.json" 2>/dev/null; rc=$?
check "stats: exit 1, 10 figures, problems counted" \
  "$PY" -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if int(sys.argv[2])==1 and s["figures"]==10 and s["problems"]==19 else 1)' "$TMP/stats.json" "$rc"
"$FIG" query "$D" --gene STAT3 --json > "$TMP/q.json" 2>/dev/null; rc=$?
check "query STAT3: exit 1, finds the sidecar genes of the no-figid record" \
  "$PY" -c 'import json,sys; q=json.load(open(sys.argv[1])); sys.exit(0 if int(sys.argv[2])==1 and "PMC900__nofigid" in q["figids"] else 1)' "$TMP/q.json" "$rc"

echo "bad-input-cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
