#!/usr/bin/python3
"""Checks `figscope export` against an independent reading of the same files.

Every record under the given paths is read here with PyYAML (Debian's python3-yaml, libyaml
loader) and its sidecars with Python's csv module; the expected export (fields, year, organisms,
gene set and where it came from, chemicals, diseases) is derived here from the rules in
docs/FORMATS.md, and compared field by field with what the CLI printed.

usage: export_differential.py BUILD/bin/figscope PATH...
"""
import csv
import glob
import json
import os
import subprocess
import sys

import yaml

MISSING = {"", "NA", ".na.character"}


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    assert lines[0].rstrip() == "---", path
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return yaml.load("\n".join(lines[1:i]) + "\n", Loader=yaml.CSafeLoader)
    raise ValueError(path)


def text(v):
    if v is None:
        return None
    s = v if isinstance(v, str) else str(v)
    return None if s in MISSING else s


def listed(v, sep):
    if v is None:
        return []
    items = v if isinstance(v, list) else (str(v).split(sep) if sep else [str(v)])
    out = []
    for x in items:
        x = str(x).strip()
        if x not in MISSING and x not in out:
            out.append(x)
    return out


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:] if r]


def collect(paths):
    records, sidecars = [], {}
    for p in paths:
        if os.path.isdir(os.path.join(p, "_figures")):
            files = glob.glob(os.path.join(p, "_figures", "**", "*"), recursive=True) + \
                glob.glob(os.path.join(p, "_data", "**", "*"), recursive=True)
        elif os.path.isdir(p):
            files = glob.glob(os.path.join(p, "**", "*"), recursive=True)
        else:
            files = [p]
        for f in sorted(files):
            base = os.path.basename(f)
            for kind in ("genes", "chemicals", "diseases"):
                if base.endswith("-%s.tsv" % kind):
                    sidecars[(base[: -len("-%s.tsv" % kind)], kind)] = f
                    break
            else:
                if base.endswith((".md", ".txt")) and base.lower() != "readme.md":
                    records.append(f)
    return records, sidecars


def expected(paths):
    records, sidecars = collect(paths)
    figs, known = [], set()
    for path in records:
        d = front_matter(path)
        figid = text(d.get("figid")) or os.path.splitext(os.path.basename(path))[0]
        inline = [g for g in (d.get("genes") or []) if text(g.get("hgnc_symbol"))]
        genes, source = [], "none"
        if inline:
            genes, source = sorted({g["hgnc_symbol"] for g in inline}), "inline"
        elif (figid, "genes") in sidecars:
            syms = {r["ncbigene_symbol"] for r in read_tsv(sidecars[(figid, "genes")])
                    if text(r.get("ncbigene_symbol"))}
            if syms:
                genes, source = sorted(syms), "sidecar"
        known.update(genes)
        def terms(key):
            items = d.get(key) or []
            if items:
                return [t.get("word") for t in items]
            if (figid, key) in sidecars:
                # Sidecar rows: values trimmed, NA is empty, identical (word, name, id) rows merged.
                idcol = "chebi" if key == "chemicals" else "doid"
                clean = lambda v: "" if (v or "").strip() in MISSING else (v or "").strip()
                seen, words = set(), []
                for r in read_tsv(sidecars[(figid, key)]):
                    t = (clean(r.get("word")), clean(r.get("name")), clean(r.get(idcol)) or clean(r.get("mesh")))
                    if (t[0] or t[1]) and t not in seen:
                        seen.add(t)
                        words.append(t[0])
                return words
            return []
        year = text(d.get("year"))
        figs.append({
            "figid": figid,
            "pmcid": text(d.get("pmcid")),
            "title": text(d.get("figtitle")),
            "caption": text(d.get("caption")),
            "papertitle": text(d.get("papertitle")),
            "year": int(year) if year else None,
            "doi": text(d.get("doi")),
            "organisms": listed(d.get("organisms"), ","),
            "keywords": listed(d.get("keywords"), "|"),
            "genes": genes,
            "genes_from": source,
            "_jsonld": [str(k) for k in ((d.get("schema-jsonld") or {}).get("keywords") or [])],
            "chemicals": terms("chemicals"),
            "diseases": terms("diseases"),
        })
    for f in figs:   # records with neither layout: keywords that are genes known elsewhere
        if f["genes_from"] == "none":
            kw = sorted({k for k in f["_jsonld"] if k in known})
            if kw:
                f["genes"], f["genes_from"] = kw, "keywords"
        del f["_jsonld"]
    return figs


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    exe, paths = sys.argv[1], sys.argv[2:]
    out = subprocess.run([exe, "export", *paths, "--format", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        print("export-differential: figscope export exited %d:\n%s" % (out.returncode, out.stderr))
        return 1
    got = {f["figid"]: f for f in json.loads(out.stdout)}
    want = expected(paths)
    failed = 0
    for w in want:
        g = got.get(w["figid"])
        if g is None:
            print("MISSING %s" % w["figid"])
            failed += 1
            continue
        diffs = []
        for key, value in w.items():
            gv = g.get(key)
            if key in ("chemicals", "diseases"):
                gv = [t["word"] for t in gv]
                value = [v for v in value if v not in MISSING]
            if gv != value:
                diffs.append("  %s: figscope=%r expected=%r" % (key, gv, value))
        if diffs:
            failed += 1
            print("DIFF %s\n%s" % (w["figid"], "\n".join(diffs)))
    if len(got) != len(want):
        print("figure count: figscope=%d expected=%d" % (len(got), len(want)))
        failed += 1
    print("export-differential: %d passed, %d failed" % (len(want) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
