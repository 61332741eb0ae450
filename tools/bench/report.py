#!/usr/bin/env python3
"""Writes docs/BENCHMARKS.md (to stdout) from the results of tools/bench.sh.

    python3 tools/bench/report.py build/bench-work > docs/BENCHMARKS.md

Reads WORK/shape.json, WORK/manifest.json and WORK/results/*.json; appends
tools/bench/notes.md (method notes and profiling findings, written by hand).
Each engine reports, per round, the median of its repetitions; the tables give the median over
rounds, and every ratio is computed inside one round and then the median over rounds taken."""
import glob
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
work = sys.argv[1]
res = os.path.join(work, "results")


def load(path):
    with open(path) as fh:
        text = fh.read().strip()
    return [json.loads(line) for line in text.split("\n")] if text.startswith("{\"") and "\n{" in text else [json.loads(text)]


shape = load(os.path.join(work, "shape.json"))[0]
manifest = load(os.path.join(work, "manifest.json"))[0]
machine = load(os.path.join(res, "machine.json"))[0]
mem = {os.path.basename(p)[4:-5]: load(p)[0] for p in glob.glob(os.path.join(res, "mem-*.json"))}

# rounds[r][engine] = result
rounds = {}
for p in sorted(glob.glob(os.path.join(res, "round*-*.json"))):
    r = int(re.match(r"round(\d+)-", os.path.basename(p)).group(1))
    for obj in load(p):
        name = obj["engine"]
        if name == "figscope-wasm" and p.endswith("wasm_noexc.json"):
            name = "figscope-wasm-noexc"
        if name == "figscope-wasm" and p.endswith("wasm_eh.json"):
            name = "figscope-wasm-eh"
        rounds.setdefault(r, {})[name] = obj
R = sorted(rounds)

NATIVE, WASM, NOEXC, WEH = "figscope-native", "figscope-wasm", "figscope-wasm-noexc", "figscope-wasm-eh"
L_NOEXC, L_WEH = "figscope wasm, no exceptions", "figscope wasm, -fwasm-exceptions"
SQLJS, DUCK, JSY, PYY = "sql.js", "DuckDB-WASM", "js-yaml", "PyYAML CSafeLoader"


def vals(engine, key):
    return [rounds[r][engine][key] for r in R if engine in rounds[r] and key in rounds[r][engine]]


def med(engine, key):
    v = vals(engine, key)
    return statistics.median(v) if v else None


def ratio(num_engine, num_key, den_engine, den_key):
    """Median over rounds of num/den, each taken within one round; with the range."""
    v = []
    for r in R:
        a, b = rounds[r].get(num_engine, {}), rounds[r].get(den_engine, {})
        if num_key in a and den_key in b and b[den_key]:
            v.append(a[num_key] / b[den_key])
    if not v:
        return "n/a"
    m = statistics.median(v)
    return "%s× (%s–%s)" % (fmt_ratio(m), fmt_ratio(min(v)), fmt_ratio(max(v))) if len(v) > 1 else fmt_ratio(m) + "×"


def fmt_ratio(x):
    return "%.0f" % x if x >= 100 else "%.1f" % x if x >= 10 else "%.2f" % x


def num(x, unit="", digits=None):
    if x is None:
        return "n/a"
    if digits is None and float(x).is_integer() and abs(x) >= 1:
        digits = 0
    if digits is None:
        digits = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2 if abs(x) >= 1 else 3
    return ("{:,.%df}" % digits).format(x) + unit


def mb(x):
    return num(x / 1e6, " MB") if x is not None else "n/a"


def version(engine):
    for r in R:
        if engine in rounds[r] and "version" in rounds[r][engine]:
            return rounds[r][engine]["version"]
    return ""


out = []
w = out.append
w("# figscope benchmarks\n")
w("Written by `tools/bench.sh` (tools/bench/report.py); do not edit by hand — rerun the command. "
  "Method notes and profiling findings are at the end (from tools/bench/notes.md).\n")
w("Run: %s, core measured: %s, %d rounds × %d repetitions, %s s in all. "
  "Load average (1, 5, 15 min) at the start of the rounds: %s; at the end: %s.\n"
  % (machine["date"], machine["commit"], machine["rounds"], machine["reps"], machine["seconds"],
     machine["load_start"], machine["load_end"]))

w("Every ratio reads \"how many times faster figscope is\": above 1 figscope is faster, below 1 slower. "
  "Ratios are computed within a round (all engines run back to back, in a rotated order) and the median over the "
  "rounds is shown with its range.\n")
w("## Machine and versions\n")
w("| | |\n|---|---|")
w("| CPU | %s, %d cores |" % (machine["cpu"], machine["cores"]))
w("| memory | %s GB |" % num(machine["mem_bytes"] / 2 ** 30, "", 0))
w("| OS | %s, kernel %s |" % (machine["os"], machine["kernel"]))
w("| figscope native | %s, -O3 (Release) |" % machine["gxx"])
w("| figscope wasm | %s, -O3, -fexceptions as the browser app; run by Node %s. Two variants of the same code for "
  "comparison: without exception support, and with -fwasm-exceptions |" % (machine["emcc"], machine["node"]))
w("| sql.js | %s |" % version(SQLJS))
w("| DuckDB-WASM | %s, node blocking bundle |" % version(DUCK))
w("| js-yaml | %s (Node %s) |" % (version(JSY), machine["node"]))
w("| PyYAML | %s, CSafeLoader (Python %s) |" % (machine["pyyaml"], machine["python"]))
w("")

w("## Dataset\n")
w("Synthetic, full PFOCR scale, generated by `tools/bench/gen_corpus.py` (seed %d) from the %d real records "
  "of ../shared (corpus and seeds) in the PFOCR site layout (`_figures/*.md`, `_data/*-genes.tsv`). "
  "Shape as figscope loads it:\n" % (manifest["seed"], manifest["templates"]))
gf = shape["genes_from"]
w("| | |\n|---|---|")
w("| figures | %s (%s papers) |" % (num(shape["figures"]), num(manifest["papers"])))
w("| generations | inline `genes:` %s · genes sidecar %s · neither %s (of which %s get genes from schema-jsonld keywords) |"
  % (num(manifest["generations"]["inline"]), num(manifest["generations"]["sidecar"]),
     num(manifest["generations"]["neither"]), num(gf.get("keywords", 0))))
w("| gene mentions (figure, gene) | %s |" % num(shape["gene_mentions"]))
w("| distinct genes | %s |" % num(shape["genes"]))
w("| gene frequency | most frequent gene in %s figures; %s genes in ≥ 1%% of figures; median gene in %s figures |"
  % (num(manifest["top_gene_figures"]), num(manifest["genes_in_1pct_of_figures"]), num(manifest["median_gene_figures"])))
w("| files | %s (%s records, %s sidecars) |" % (num(shape["files"]), num(shape["record_files"]), num(shape["sidecar_files"])))
w("| bytes | %s (records %s, sidecars %s) |" % (mb(shape["bytes"]), mb(shape["record_bytes"]), mb(shape["bytes"] - shape["record_bytes"])))
w("| YAML sample | every 10th record: %s files, %s |" % (num(med(NATIVE, "sample_files")), mb(med(NATIVE, "sample_bytes"))))
w("| snapshot | %s |" % mb(shape["snapshot_bytes"]))
w("| load problems | %d |" % shape["load_problems"])
w("")

# ---- targets -----------------------------------------------------------------------------------
ingest = med(NATIVE, "ingest_mb_per_s")
q_w = med(WASM, "query_us_median")
q_n = med(NATIVE, "query_us_median")
c_w = med(WASM, "cooc_ms_median")
c_n = med(NATIVE, "cooc_ms_median")


def status(ok):
    return "**met**" if ok else "**missed**"


w("## Targets\n")
w("| target | figscope native | figscope wasm | status |\n|---|---|---|---|")
w("| ingest ≥ 400 MB/s natively (parse + index, full corpus, from memory) | %s | — | %s |"
  % (num(ingest, " MB/s"), status(ingest is not None and ingest >= 400)))
w("| 3-gene filter < 1 ms (median over %d triples) | %s | %s | %s |"
  % (med(NATIVE, "query_triples") or 0, num(q_n, " µs"), num(q_w, " µs"),
     status(q_w is not None and q_w < 1000 and q_n < 1000)))
w("| top-100 co-occurrence matrix < 16 ms in wasm | %s | %s | %s |"
  % (num(c_n, " ms"), num(c_w, " ms"), status(c_w is not None and c_w < 16)))
w("")

# ---- 1. ingest ---------------------------------------------------------------------------------
w("## 1. Ingest\n")
w("figscope: `load_files` (parse every record and sidecar, build the index, `finalize`) over files "
  "already in memory; \"with file reading\" adds `read_paths` (warm page cache). "
  "Peers parse the YAML front matter only (cut out before the clock starts; nothing is indexed), "
  "on the every-10th-record sample; figscope's sample row loads the same record files (parse + index, no sidecars). "
  "MB/s over the files' bytes.\n")
w("| engine | input | work | MB/s | seconds | figscope native ÷ this | figscope wasm ÷ this |\n|---|---|---|---|---|---|---|")
w("| figscope native | full corpus, in memory | parse + index | %s | %s | | |"
  % (num(ingest), num(med(NATIVE, "ingest_seconds_median"))))
w("| figscope native | full corpus, files read too | read + parse + index | %s | %s | | |"
  % (num(med(NATIVE, "ingest_io_mb_per_s")), num(shape["bytes"] / 1e6 / med(NATIVE, "ingest_io_mb_per_s")) if med(NATIVE, "ingest_io_mb_per_s") else "n/a"))
ph = [med(NATIVE, k) for k in ("ingest_phase_records_seconds", "ingest_phase_sidecars_seconds", "ingest_phase_finalize_seconds")]
if None not in ph:
    w("| figscope native, by phase | full corpus, in memory | records (parse + add) %s s · sidecars (parse + add) %s s · finalize %s s | | | | |"
      % tuple(num(x) for x in ph))
for eng, label, work_ in ((NATIVE, "figscope native", "parse + index"), (WASM, "figscope wasm", "parse + index"),
                          (NOEXC, L_NOEXC, "parse + index"), (WEH, L_WEH, "parse + index"),
                          (PYY, "PyYAML CSafeLoader", "parse only"), (JSY, "js-yaml", "parse only")):
    mbs = med(eng, "sample_mb_per_s")
    if mbs is None:
        continue
    secs = med(eng, "sample_bytes") / 1e6 / mbs
    w("| %s | sample | %s | %s | %s | %s | %s |" % (
        label, work_, num(mbs), num(secs),
        ratio(NATIVE, "sample_mb_per_s", eng, "sample_mb_per_s") if eng != NATIVE else "",
        ratio(WASM, "sample_mb_per_s", eng, "sample_mb_per_s") if eng not in (WASM,) else ""))
w("")

# ---- 2. snapshot -------------------------------------------------------------------------------
w("## 2. Snapshot (what the browser loads at start-up)\n")
w("`load_files` on the one `.figsnap` (%s) held in memory: decode, add every figure, `finalize`. "
  "For reference, the SQL peers' start-up on this data is building their table from the TSV "
  "(figure_gene and genes only, no display fields).\n" % mb(shape["snapshot_bytes"]))
w("| engine | start-up | seconds | ÷ figscope native | ÷ figscope wasm |\n|---|---|---|---|---|")
for eng, label in ((NATIVE, "figscope native"), (WASM, "figscope wasm"), (NOEXC, L_NOEXC), (WEH, L_WEH)):
    v = med(eng, "snapshot_load_seconds_median")
    if v is not None:
        w("| %s | snapshot load | %s | %s | %s |" % (label, num(v), ratio(eng, "snapshot_load_seconds_median", NATIVE, "snapshot_load_seconds_median") if eng != NATIVE else "",
                                                 ratio(eng, "snapshot_load_seconds_median", WASM, "snapshot_load_seconds_median") if eng != WASM else ""))
for eng in (SQLJS, DUCK):
    v = med(eng, "table_load_seconds")
    if v is not None:
        w("| %s | table from TSV + indexes (not equivalent: no display fields) | %s | | |" % (eng, num(v)))
w("")

# ---- 3. query ----------------------------------------------------------------------------------
w("## 3. Three-gene ALL filter\n")
sqls = {e: next((rounds[r][e].get("query_sql") for r in R if e in rounds[r]), None) for e in (SQLJS, DUCK)}
forms = {e: sorted({rounds[r][e].get("query_form") for r in R if e in rounds[r]}) for e in (SQLJS, DUCK)}
w("%d gene triples (two thirds: three genes of one figure; one third: three of the 500 most frequent genes), "
  "each timed on its own, per-triple median over the repetitions, then the median (p90, max) over triples. "
  "figscope: `run_query` with three gene terms (symbols resolved case-insensitively, aliases too), ALL mode, "
  "figures returned as ids. SQL peers: table `figure_gene(figure_id, gene_id)` with indexes on "
  "(gene_id, figure_id) and (figure_id, gene_id) (DuckDB: ART indexes on gene_id and figure_id, table sorted by gene), "
  "`genes(gene_id, symbol UNIQUE)`; a prepared statement, exact-symbol lookup, each engine with the faster of two "
  "spellings (sql.js: %s; DuckDB: %s; see notes). Results agree: %s figures in all for every engine.\n"
  % (med(NATIVE, "query_triples") or 0, "/".join(forms[SQLJS]) or "n/a", "/".join(forms[DUCK]) or "n/a",
     ", ".join("%s %s" % (e, num(med(e, "query_result_figures_total"))) for e in (NATIVE, WASM, SQLJS, DUCK))))
w("| engine | median µs | p90 µs | max µs | ÷ figscope native | ÷ figscope wasm |\n|---|---|---|---|---|---|")
for eng, label in ((NATIVE, "figscope native"), (WASM, "figscope wasm"), (NOEXC, L_NOEXC), (WEH, L_WEH),
                   (SQLJS, "sql.js"), (DUCK, "DuckDB-WASM")):
    v = med(eng, "query_us_median")
    if v is None:
        continue
    w("| %s | %s | %s | %s | %s | %s |" % (label, num(v), num(med(eng, "query_us_p90")), num(med(eng, "query_us_max")),
                                          ratio(eng, "query_us_median", NATIVE, "query_us_median") if eng != NATIVE else "",
                                          ratio(eng, "query_us_median", WASM, "query_us_median") if eng != WASM else ""))
w("")

# ---- 4. co-occurrence --------------------------------------------------------------------------
w("## 4. Top-100 co-occurrence matrix of the whole corpus\n")
w("figscope: `gene_frequencies(all figures, 100)` + `cooccurrence_matrix(all figures, those 100)`; the all-figures "
  "selection vector is built before the clock starts. SQL peers: one statement — top 100 genes by figure count "
  "(ties by symbol), then a self-join of their rows on figure_id with GROUP BY gene pair (SQL in the notes). "
  "A peer run longer than the budget is not repeated within a round. Checksums agree: matrix cell sum %s, diagonal %s (figscope native) vs %s.\n"
  % (num(med(NATIVE, "cooc_cell_sum")), num(med(NATIVE, "cooc_diagonal_sum")),
     ", ".join("%s %s / %s" % (e, num(med(e, "cooc_cell_sum")), num(med(e, "cooc_diagonal_sum"))) for e in (WASM, SQLJS, DUCK))))
w("| engine | median ms | of which frequencies / matrix | runs | ÷ figscope native | ÷ figscope wasm |\n|---|---|---|---|---|---|")
for eng, label in ((NATIVE, "figscope native"), (WASM, "figscope wasm"), (NOEXC, L_NOEXC), (WEH, L_WEH),
                   (SQLJS, "sql.js"), (DUCK, "DuckDB-WASM")):
    v = med(eng, "cooc_ms_median")
    if v is None:
        continue
    split = "%s / %s" % (num(med(eng, "cooc_frequencies_ms_median")), num(med(eng, "cooc_matrix_ms_median"))) \
        if med(eng, "cooc_matrix_ms_median") is not None else ""
    runs = sum(vals(eng, "cooc_runs")) if vals(eng, "cooc_runs") else sum(len(x) for x in vals(eng, "cooc_ms"))
    w("| %s | %s | %s | %d | %s | %s |" % (label, num(v), split, runs,
                                          ratio(eng, "cooc_ms_median", NATIVE, "cooc_ms_median") if eng != NATIVE else "",
                                          ratio(eng, "cooc_ms_median", WASM, "cooc_ms_median") if eng != WASM else ""))
for eng, label in ((NATIVE, "native"), (WASM, "wasm")):
    v = med(eng, "cooc_prototype_ms_median")
    if v is not None:
        same = all(rounds[r][eng].get("cooc_prototype_same_result") for r in R if eng in rounds[r])
        w("| *prototype in tools/bench, %s (see notes; %s)* | %s | | %d | %s | %s |"
          % (label, "same matrix" if same else "DIFFERENT RESULT", num(v), len(vals(eng, "cooc_prototype_ms_median")) * machine["reps"],
             ratio(eng, "cooc_prototype_ms_median", NATIVE, "cooc_ms_median"), ratio(eng, "cooc_prototype_ms_median", WASM, "cooc_ms_median")))
w("")

# ---- 5. memory ---------------------------------------------------------------------------------
w("## 5. Memory\n")
w("Each in a fresh process. Native: RSS after loading (input bytes freed, `malloc_trim`), and the peak (VmHWM) "
  "while loading. Wasm: `HEAP8.length` after loading the snapshot (wasm memory never shrinks, so this includes "
  "the snapshot bytes and the peak of decoding) and the bytes malloc holds.\n")
w("| what | loaded from | memory | peak | load seconds |\n|---|---|---|---|---|")
m = mem.get("native-files", {})
w("| figscope native RSS | %s of files | %s | %s | %s |" % (mb(m.get("input_bytes")), mb(m.get("rss_bytes")), mb(m.get("peak_rss_bytes")), num(m.get("load_seconds"))))
m = mem.get("native-snapshot", {})
w("| figscope native RSS | snapshot (%s) | %s | %s | %s |" % (mb(m.get("input_bytes")), mb(m.get("rss_bytes")), mb(m.get("peak_rss_bytes")), num(m.get("load_seconds"))))
for key, label in (("wasm-snapshot", "figscope wasm"), ("wasm-noexc-snapshot", L_NOEXC), ("wasm-wasmeh-snapshot", L_WEH)):
    m = mem.get(key, {})
    if m:
        w("| %s heap (HEAP8.length) | snapshot | %s (malloc in use %s) | | %s |"
          % (label, mb(m.get("wasm_heap_bytes")), mb(m.get("wasm_malloc_in_use_bytes")), num(m.get("load_seconds"))))
for eng in (SQLJS, DUCK):
    v = med(eng, "rss_bytes")
    if v is not None:
        w("| Node process RSS with sql.js and DuckDB-WASM loaded (both tables, the TSV text) | TSV | %s | | |" % mb(v))
        break
w("")

notes = os.path.join(HERE, "notes.md")
if os.path.exists(notes):
    with open(notes) as fh:
        w(fh.read().rstrip() + "\n")
w("## SQL used by the peers\n")
for e in (SQLJS, DUCK):
    if sqls.get(e):
        w("%s, 3-gene filter:\n\n```sql\n%s\n```\n" % (e, sqls[e]))
cs = next((rounds[r][SQLJS].get("cooc_sql") for r in R if SQLJS in rounds[r]), None)
if cs:
    w("Both, co-occurrence:\n\n```sql\n%s\n```\n" % cs)
sys.stdout.write("\n".join(out))
