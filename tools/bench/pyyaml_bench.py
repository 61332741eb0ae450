#!/usr/bin/env python3
"""PyYAML (CSafeLoader, libyaml's C scanner/parser) on the front matter of the sample records.

    python3 pyyaml_bench.py CORPUS [--reps N]

Parse only, as peers_yaml.mjs: the text between the '---' lines is cut out first and only
yaml.load(text, Loader=CSafeLoader) is timed. MB/s over the record files' bytes."""
import json
import os
import sys
import time

import yaml

corpus = sys.argv[1]
reps = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 5
if not yaml.__with_libyaml__:
    sys.exit("pyyaml_bench: PyYAML has no libyaml (CSafeLoader); install python3-yaml from Debian")
docs, nbytes = [], 0
with open(os.path.join(corpus, "sample10.txt")) as fh:
    for rel in fh.read().split("\n"):
        if not rel:
            continue
        with open(os.path.join(corpus, rel), "rb") as f:
            raw = f.read()
        nbytes += len(raw)
        text = raw.decode("utf-8")
        docs.append(text[4:text.index("\n---\n", 3) + 1])
seconds, genes = [], 0
for _ in range(reps):
    t0 = time.perf_counter()
    g = 0
    for d in docs:
        o = yaml.load(d, Loader=yaml.CSafeLoader)
        g += len(o.get("genes") or [])
    seconds.append(time.perf_counter() - t0)
    genes = g
s = sorted(seconds)
med = s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2
print(json.dumps({"engine": "PyYAML CSafeLoader", "version": yaml.__version__, "reps": reps,
                  "sample_files": len(docs), "sample_bytes": nbytes, "sample_seconds": seconds,
                  "sample_mb_per_s": nbytes / 1e6 / med, "inline_gene_items": genes}))
