#!/usr/bin/env python3
"""Writes a full-scale synthetic PFOCR corpus for benchmarks, in the real site layout.

    tools/bench/gen_corpus.py [--out build/bench-corpus] [--figures 100000]
                              [--mentions 1700000] [--genes 13000] [--seed 20240501]

Output (never committed; build/ is git-ignored):
    OUT/_figures/<figid>.md                 YAML front matter records
    OUT/_data/<figid>-genes.tsv             gene sidecars (2023+ generation)
    OUT/_data/<figid>-chemicals.tsv, ...    chemical / disease sidecars where the template had them
    OUT/sample10.txt                        every 10th record file (sorted), for the YAML peers
    OUT/manifest.json                       shape, seed and generation counts

Every synthetic record is a perturbed copy of a real record (../shared/corpus/_figures and
the seeds): same fields, same generation (inline `genes:` / genes sidecar / neither), captions
and titles resampled at the sentence and word level from the real texts, new ids, and a new
gene list. Gene lists mix (a) genes of the template's own real list, which keeps real
co-occurrence structure, and (b) draws from a Zipf-like law p(rank) ~ 1/(rank + 20) over
~13k symbols (the real symbols first, by real frequency, then symbols derived from them).
Per-figure gene counts follow the real records' counts, scaled so that the corpus holds
~1.7M gene mentions. Deterministic for a given --seed.

YAML is written by a small emitter in PyYAML's block style (width 80 folding, indentless
sequences, single quotes where needed); --verify N re-reads N records with PyYAML's
CSafeLoader and checks that they load to exactly the intended values.
"""
import argparse
import bisect
import json
import math
import os
import random
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

# ---------------------------------------------------------------------------------------------
# Reading the real records
# ---------------------------------------------------------------------------------------------


def front_matter(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    assert text.startswith("---\n")
    end = text.index("\n---", 3)
    return text[4:end + 1]


def read_tsv(path):
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().replace("\r\n", "\n").split("\n")
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) == len(header):
            rows.append(dict(zip(header, fields)))
    return header, rows


def is_missing(v):
    return v is None or v in ("", "NA", ".na.character")


def load_templates(shared):
    """Real records: (dict, generation, sidecars, own gene symbols)."""
    figs = os.path.join(shared, "corpus", "_figures")
    data = os.path.join(shared, "corpus", "_data")
    out = []
    for name in sorted(os.listdir(figs)):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(figs, name), encoding="utf-8") as fh:
            d = yaml.load(front_matter(fh.read()), Loader=yaml.CSafeLoader)
        stem = name[:-3]
        sidecars = {}
        for kind in ("genes", "chemicals", "diseases"):
            p = os.path.join(data, "%s-%s.tsv" % (stem, kind))
            if os.path.exists(p):
                sidecars[kind] = read_tsv(p)
        out.append((d, sidecars))
    seeds = os.path.join(shared, "seeds")
    extra_texts = []
    for name in sorted(os.listdir(seeds)):
        with open(os.path.join(seeds, name), encoding="utf-8") as fh:
            d = yaml.load(front_matter(fh.read()), Loader=yaml.CSafeLoader)
        if isinstance(d.get("genes"), list) and d["genes"]:
            out.append((d, {}))          # an inline-genes template
        else:
            extra_texts.append(d)        # texts only (its sidecar is not available)
    return out, extra_texts


def own_genes(d, sidecars):
    genes = d.get("genes")
    if isinstance(genes, list):
        syms = []
        for g in genes:
            if isinstance(g, dict) and not is_missing(g.get("hgnc_symbol")):
                s = str(g["hgnc_symbol"])
                if s not in syms:
                    syms.append(s)
        if syms:
            return "inline", syms
    if "genes" in sidecars:
        syms = []
        for r in sidecars["genes"][1]:
            s = r.get("ncbigene_symbol", "")
            if not is_missing(s) and s not in syms:
                syms.append(s)
        if syms:
            return "sidecar", syms
    return "neither", []


# ---------------------------------------------------------------------------------------------
# A PyYAML-style block emitter (fast; checked against CSafeLoader with --verify)
# ---------------------------------------------------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._,()/+%=;-]*\Z")
_PRINTABLE_SQ = re.compile(r"[\x20-\x7e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*\Z")
_FOLD_SPLIT = re.compile(r"(?<=\S) (?=\S)")
WIDTH = 80


def _plain_ok(s):
    return (_PLAIN_OK.match(s) is not None and not s.endswith(" ")
            and _RESOLVER.resolve(yaml.ScalarNode, s, (True, False)) == _STR_TAG)


def _fold(tokens, col, indent, breakable):
    """Greedy fold at single spaces, PyYAML-like: break once a line passes the width."""
    pad = " " * indent
    parts = [tokens[0]]
    col += len(tokens[0])
    for tok in tokens[1:]:
        if col + 1 + len(tok) > WIDTH and breakable(tok) and col > indent:
            parts.append("\n" + pad + tok)
            col = indent + len(tok)
        else:
            parts.append(" " + tok)
            col += 1 + len(tok)
    return "".join(parts)


def _plain_breakable(tok):
    return tok[0].isalnum() or tok[0] == "("


_SCALAR_CACHE = {}


def scalar(v, col, indent, fold=True):
    """YAML text of a scalar value starting at column col; folded lines indent by indent."""
    if isinstance(v, str) and len(v) < 48:
        key = (v, col, indent, fold)
        r = _SCALAR_CACHE.get(key)
        if r is None:
            if len(_SCALAR_CACHE) > 500000:
                _SCALAR_CACHE.clear()
            r = _SCALAR_CACHE[key] = _scalar(v, col, indent, fold)
        return r
    return _scalar(v, col, indent, fold)


def _scalar(v, col, indent, fold):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return ".nan"
        if math.isinf(v):
            return ".inf" if v > 0 else "-.inf"
        r = repr(v)
        return r if ("." in r or "e" in r or "n" in r) else r + ".0"
    s = str(v)
    if s == "":
        return "''"
    if _plain_ok(s):
        if not fold or len(s) + col <= WIDTH:
            return s
        return _fold(_FOLD_SPLIT.split(s), col, indent, _plain_breakable)
    if "\n" not in s and _PRINTABLE_SQ.match(s):
        q = "'" + s.replace("'", "''") + "'"
        if not fold or len(q) + col <= WIDTH:
            return q
        return _fold(_FOLD_SPLIT.split(q), col, indent, lambda t: True)
    out = yaml.dump(s, Dumper=yaml.CDumper, default_style='"', width=10 ** 9, allow_unicode=True)
    return out.split("\n", 1)[0]


def emit_mapping(d, indent, out, first_prefix=None):
    pad = " " * indent
    first = True
    for k, v in d.items():
        key = scalar(k, 0, 0, fold=False)
        lead = first_prefix if (first and first_prefix is not None) else pad
        first = False
        if isinstance(v, dict):
            if not v:
                out.append("%s%s: {}" % (lead, key))
            else:
                out.append("%s%s:" % (lead, key))
                emit_mapping(v, indent + 2, out)
        elif isinstance(v, list):
            if not v:
                out.append("%s%s: []" % (lead, key))
            else:
                out.append("%s%s:" % (lead, key))
                emit_sequence(v, indent, out)
        else:
            head = "%s%s: " % (lead, key)
            out.append(head + scalar(v, len(head), indent + 2))


def emit_sequence(items, indent, out):
    pad = " " * indent
    for it in items:
        if isinstance(it, dict) and it:
            emit_mapping(it, indent + 2, out, first_prefix=pad + "- ")
        elif isinstance(it, list) and it:
            raise ValueError("nested lists are not emitted")
        else:
            out.append("%s- %s" % (pad, scalar(it, indent + 2, indent + 2)))


def dump_record(d):
    out = ["---"]
    emit_mapping(d, 0, out)
    out.append("---")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------

_SENT_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])")
_DIGITS = re.compile(r"\d+")


def zipf_cum(n, q=20.0, s=1.0):
    cum, t = [], 0.0
    for r in range(1, n + 1):
        t += 1.0 / (r + q) ** s
        cum.append(t)
    return cum


def make_symbols(real_ranked, total, rng):
    """Real symbols first, then new ones derived from them until there are `total`."""
    symbols = list(real_ranked)
    folded = {s.upper() for s in symbols}
    base = [s for s in real_ranked if re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", s)] or ["GENE"]
    tries = 0
    while len(symbols) < total:
        tries += 1
        b = rng.choice(base)
        m = re.match(r"(.*?[A-Z])(\d+)([A-Z]?)$", b)
        r = rng.random()
        if m and r < 0.6:
            cand = "%s%d%s" % (m.group(1), rng.randint(1, 60), rng.choice(["", "", "", "A", "B", "L"]))
        elif r < 0.85:
            cand = b + rng.choice(["A", "B", "L", "L1", "P", "R", "2", "3", "4"])
        else:
            cand = b[: max(2, len(b) - 1)] + rng.choice("ABCDEFGHKLMNPRST") + str(rng.randint(1, 19))
        if cand.upper() in folded:
            continue
        folded.add(cand.upper())
        symbols.append(cand)
    return symbols


def alias_word(sym, rng):
    r = rng.random()
    if r < 0.4:
        return sym.capitalize()
    if r < 0.7:
        m = re.match(r"([A-Za-z]+)(\d.*)$", sym)
        return "%s-%s" % (m.group(1), m.group(2)) if m else sym.lower()
    if r < 0.85:
        return "p-" + sym
    return sym.lower()


def perturb_words(text, vocab, rng, p):
    words = text.split(" ")
    for i in range(len(words)):
        if rng.random() < p and vocab:
            words[i] = rng.choice(vocab)
    return " ".join(words)


def perturb_digits(s, rng):
    return _DIGITS.sub(lambda m: "".join(rng.choice("0123456789") for _ in m.group(0)), s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench-corpus"))
    ap.add_argument("--shared", default=os.path.abspath(os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--figures", type=int, default=100_000)
    ap.add_argument("--mentions", type=int, default=1_700_000)
    ap.add_argument("--genes", type=int, default=13_000)
    ap.add_argument("--template-share", type=float, default=0.25,
                    help="share of a figure's genes taken from its template's real list")
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--verify", type=int, default=300, help="records re-read with CSafeLoader")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t0 = time.time()

    templates, extra = load_templates(args.shared)
    tinfo = []   # (dict, sidecars, generation, symbols)
    real_freq = {}
    inline_entries, sidecar_rows = {}, {}
    organisms = []   # weighted list of (id, name, group)
    for d, sc in templates:
        gen, syms = own_genes(d, sc)
        tinfo.append((d, sc, gen, syms))
        for s in syms:
            real_freq[s] = real_freq.get(s, 0) + 1
        if gen == "inline":
            for g in d["genes"]:
                if isinstance(g, dict) and not is_missing(g.get("hgnc_symbol")):
                    inline_entries.setdefault(str(g["hgnc_symbol"]), []).append(g)
        if "genes" in sc:
            for r in sc["genes"][1]:
                if not is_missing(r.get("ncbigene_symbol")):
                    sidecar_rows.setdefault(r["ncbigene_symbol"], []).append(r)
                if r.get("organism_name"):
                    organisms.append((r.get("organism_id", ""), r["organism_name"], r.get("organism_group", "")))
    real_ranked = sorted(real_freq, key=lambda s: (-real_freq[s], s))
    real_set = set(real_ranked)
    symbols = make_symbols(real_ranked, args.genes, rng)
    sym_rank = {s: i for i, s in enumerate(symbols)}
    entrez = {}
    next_id = 900000
    for s in symbols:
        e = None
        if s in inline_entries:
            e = inline_entries[s][0].get("entrez")
        elif s in sidecar_rows:
            e = sidecar_rows[s][0].get("ncbigene_id")
        if is_missing(e):
            next_id += rng.randint(1, 40)
            e = str(next_id)
        entrez[s] = str(e)
    cum = zipf_cum(len(symbols))
    total_w = cum[-1]

    # Text pools: sentences of captions, words of titles.
    sentences, title_words = [], []
    for d in [t[0] for t in tinfo] + extra:
        cap = d.get("caption")
        if isinstance(cap, str) and not is_missing(cap):
            sentences += [x for x in _SENT_SPLIT.split(cap) if len(x) > 20]
        for k in ("figtitle", "papertitle"):
            v = d.get(k)
            if isinstance(v, str):
                title_words += [w for w in v.split(" ") if w.isalpha() and len(w) > 3]

    # Pass 1: which template each figure copies, and its gene count.
    plan = []   # (template index, paper number, figure number in paper)
    paper = 0
    while len(plan) < args.figures:
        ti = rng.randrange(len(tinfo))
        paper += 1
        for fn in range(1, 1 + min(rng.choice([1, 1, 1, 2, 2, 3, 4]), args.figures - len(plan))):
            plan.append((ti, paper, fn))
    raw = []
    for ti, _, _ in plan:
        d, sc, gen, syms = tinfo[ti]
        base = len(syms)
        if gen == "neither":
            # As in the real sample (3 of 15): some records with neither layout list gene
            # symbols in their schema-jsonld keywords, and figscope derives their genes from them.
            kws = (d.get("schema-jsonld") or {}).get("keywords") or []
            base = len(kws) if rng.random() < 0.2 else 0
        raw.append(base * math.exp(rng.gauss(0.0, 0.35)) if base else 0.0)
    scale = args.mentions / max(1.0, sum(raw))
    counts = [max(1, int(round(r * scale))) if r else 0 for r in raw]

    # Output folders.
    out = args.out
    tmp = out + ".tmp"
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    os.makedirs(os.path.join(tmp, "_figures"))
    os.makedirs(os.path.join(tmp, "_data"))

    # File creation latency dominates on a busy disk: overlap it with a few writer threads.
    writer = ThreadPoolExecutor(max_workers=8)
    pending = []

    def write(path, text):
        def job():
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        pending.append(writer.submit(job))
        if len(pending) > 4096:
            for f in pending[:2048]:
                f.result()
            del pending[:2048]

    used_figids = set()
    gen_count = {"inline": 0, "sidecar": 0, "neither": 0}
    mentions = 0
    gene_figs = {}
    bytes_records = bytes_sidecars = 0
    n_sidecars = 0
    verify = []
    pmc_base = 1000000
    paper_info = {}

    for i, (ti, pap, fn) in enumerate(plan):
        d0, sc, gen, tsyms = tinfo[ti]
        k = counts[i]
        # Paper-level fields are shared by the figures of one synthetic paper.
        if pap not in paper_info:
            pmc = "PMC%d" % (pmc_base + pap * 7 + rng.randint(0, 6))
            paper_info = {pap: (pmc, perturb_words(str(d0.get("papertitle", "")), title_words, rng, 0.12))}
        pmcid, papertitle = paper_info[pap]
        stem0 = str(d0.get("filename", "fig.jpg")).rsplit(".", 1)
        ext = stem0[1] if len(stem0) > 1 else "jpg"
        while True:
            stem = perturb_digits(stem0[0], rng) + ("-f%d" % fn if fn > 1 else "")
            figid = "%s__%s" % (pmcid, stem)
            if figid not in used_figids and "/" not in figid:
                break
        used_figids.add(figid)

        # Genes: some of the template's own, the rest Zipf draws.
        chosen, seen = [], set()
        if k:
            take = min(len(tsyms), int(round(k * args.template_share)))
            for s in rng.sample(tsyms, take) if take else []:
                if s not in seen:
                    seen.add(s)
                    chosen.append(s)
            guard = 0
            while len(chosen) < k and guard < 50 * k:
                guard += 1
                s = symbols[bisect.bisect_left(cum, rng.random() * total_w)]
                if s not in seen:
                    seen.add(s)
                    chosen.append(s)

        d = {}
        for key, v in d0.items():
            d[key] = v
        d["figid"] = figid
        d["pmcid"] = pmcid
        d["filename"] = "%s.%s" % (stem, ext)
        d["figlink"] = "/pmc/articles/%s/figure/F%d/" % (pmcid, fn)
        d["number"] = "F%d" % fn
        if "figid_alias" in d:
            d["figid_alias"] = "%s__F%d" % (pmcid, fn)
        if "redirect_from" in d:
            d["redirect_from"] = "/figures/%s__F%d" % (pmcid, fn)
        if isinstance(d0.get("figtitle"), str):
            d["figtitle"] = perturb_words(d0["figtitle"], title_words, rng, 0.15)
        cap0 = d0.get("caption")
        if isinstance(cap0, str) and not is_missing(cap0):
            sents = _SENT_SPLIT.split(cap0)
            sents = [rng.choice(sentences) if rng.random() < 0.3 else x for x in sents]
            if rng.random() < 0.3:
                sents.append(rng.choice(sentences))
            d["caption"] = " ".join(sents)
        if isinstance(d0.get("papertitle"), str):
            d["papertitle"] = papertitle
        if isinstance(d0.get("doi"), str) and not is_missing(d0["doi"]):
            d["doi"] = perturb_digits(d0["doi"], rng)
        if isinstance(d0.get("year"), str) and d0["year"].isdigit():
            y = int(d0["year"]) + rng.randint(-1, 1)
            d["year"] = str(min(max(y, 1990), 2025))
        for key in ("automl_pathway", "pathway_score"):
            if isinstance(d0.get(key), float):
                d[key] = round(min(1.0, max(0.0, d0[key] + rng.uniform(-0.05, 0.05))), 7)
        ld0 = d0.get("schema-jsonld")
        if isinstance(ld0, dict):
            ld = dict(ld0)
            ld["@id"] = "https://pfocr.wikipathways.org/figures/%s.html" % figid
            if "description" in ld and "caption" in d:
                ld["description"] = d["caption"]
            kws0 = [x for x in (ld0.get("keywords") or []) if x not in real_set]
            if chosen or "keywords" in ld0:
                ld["keywords"] = list(chosen) + kws0
            d["schema-jsonld"] = ld

        if gen == "inline":
            entries = []
            for s in chosen:
                pool = inline_entries.get(s)
                if pool:
                    e = dict(rng.choice(pool))
                else:
                    w = s if rng.random() < 0.7 else alias_word(s, rng)
                    e = {"word": w, "symbol": s.upper() if w == s else w.upper(),
                         "source": "hgnc_symbol" if w == s else "hgnc_alias_symbol",
                         "hgnc_symbol": s, "entrez": entrez[s]}
                entries.append(e)
                if rng.random() < 0.15:
                    w = alias_word(s, rng)
                    entries.append({"word": w, "symbol": w.upper(), "source": "hgnc_alias_symbol",
                                    "hgnc_symbol": s, "entrez": entrez[s]})
            d["genes"] = entries
        text = dump_record(d)
        path = os.path.join(tmp, "_figures", figid + ".md")
        write(path, text)
        bytes_records += len(text.encode("utf-8"))
        if len(verify) < args.verify and rng.random() < 0.01:
            verify.append((path, d))

        if gen == "sidecar":
            header = sc["genes"][0]
            tpl_orgs = [(r.get("organism_id", ""), r.get("organism_name", ""), r.get("organism_group", ""))
                        for r in sc["genes"][1] if r.get("organism_name")] or organisms
            main_org = tpl_orgs[0]
            lines = ["\t".join(header)]
            for s in chosen:
                pool = sidecar_rows.get(s)
                base = dict(rng.choice(pool)) if pool else None
                orgs = [main_org] + ([rng.choice(tpl_orgs)] if rng.random() < 0.3 else [])
                for org in orgs:
                    if base is not None:
                        r = dict(base)
                    else:
                        w = s if rng.random() < 0.75 else alias_word(s, rng)
                        r = {"word": w, "match": w.upper(), "ncbigene_symbol": s, "ncbigene_id": entrez[s],
                             "source": "ncbigene_symbol" if w == s else "ncbigene_synonym",
                             "count_direct": str(rng.randint(1, 9)), "count_synonym": str(rng.randint(0, 12)),
                             "count_match": str(rng.randint(1, 20))}
                    r["organism_id"], r["organism_name"], r["organism_group"] = org
                    lines.append("\t".join(str(r.get(h, "NA")) for h in header))
            t = "\n".join(lines) + "\n"
            write(os.path.join(tmp, "_data", figid + "-genes.tsv"), t)
            bytes_sidecars += len(t.encode("utf-8"))
            n_sidecars += 1
        for kind in ("chemicals", "diseases"):
            if kind in sc:
                header, rows = sc[kind]
                t = "\n".join(["\t".join(header)] + ["\t".join(r.get(h, "NA") for h in header) for r in rows]) + "\n"
                write(os.path.join(tmp, "_data", "%s-%s.tsv" % (figid, kind)), t)
                bytes_sidecars += len(t.encode("utf-8"))
                n_sidecars += 1

        gen_count[gen] += 1
        mentions += len(chosen)
        for s in chosen:
            gene_figs[s] = gene_figs.get(s, 0) + 1
        if (i + 1) % 20000 == 0:
            print("gen_corpus: %d figures (%.0f s)" % (i + 1, time.time() - t0), file=sys.stderr)

    for f in pending:
        f.result()
    writer.shutdown()

    # Check the emitter: these records must load to exactly what was meant.
    for path, d in verify:
        with open(path, encoding="utf-8") as fh:
            got = yaml.load(front_matter(fh.read()), Loader=yaml.CSafeLoader)
        if got != d:
            bad = [k for k in d if got.get(k) != d[k]]
            sys.exit("gen_corpus: emitter mismatch in %s: fields %s" % (path, bad))

    records = sorted(os.listdir(os.path.join(tmp, "_figures")))
    with open(os.path.join(tmp, "sample10.txt"), "w") as fh:
        for j, name in enumerate(records):
            if j % 10 == 0:
                fh.write("_figures/%s\n" % name)
    top = sorted(gene_figs.values(), reverse=True)
    manifest = {
        "seed": args.seed, "figures": len(plan), "papers": paper,
        "generations": gen_count, "intended_gene_mentions": mentions,
        "genes_mentioned": len(gene_figs), "gene_symbols": len(symbols),
        "top_gene_figures": top[0] if top else 0,
        "genes_in_1pct_of_figures": sum(1 for x in top if x >= len(plan) / 100),
        "median_gene_figures": top[len(top) // 2] if top else 0,
        "record_files": len(records), "sidecar_files": n_sidecars,
        "bytes_records": bytes_records, "bytes_sidecars": bytes_sidecars,
        "templates": len(tinfo), "template_share": args.template_share,
        "verified_records": len(verify), "seconds": round(time.time() - t0, 1),
    }
    with open(os.path.join(tmp, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.rename(tmp, out)
    print(json.dumps(manifest))


if __name__ == "__main__":
    main()
