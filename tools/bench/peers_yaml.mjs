// peers_yaml.mjs - js-yaml on the front matter of the sample records (CORPUS/sample10.txt, every
// 10th record of the corpus), the input figscope's `sample` measurement loads.
//
//   node peers_yaml.mjs CORPUS [--reps N]
//
// Parse only: the YAML text between the two '---' lines is cut out before the clock starts, and
// js-yaml's load() (default schema) is the only thing timed; nothing is indexed. MB/s are
// computed over the same bytes as figscope's (the record files' sizes).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as yaml from 'js-yaml';

const args = process.argv.slice(2);
const corpus = args[0];
const i = args.indexOf('--reps');
const reps = i >= 0 ? Number(args[i + 1]) : 5;
const version = JSON.parse(fs.readFileSync(new URL('./node_modules/js-yaml/package.json', import.meta.url), 'utf8')).version;

let bytes = 0;
const docs = [];
for (const rel of fs.readFileSync(path.join(corpus, 'sample10.txt'), 'utf8').split('\n')) {
  if (!rel) continue;
  const buf = fs.readFileSync(path.join(corpus, rel));
  bytes += buf.length;
  const text = buf.toString('utf8');
  const end = text.indexOf('\n---\n', 3);
  docs.push(text.slice(4, end + 1));
}
const seconds = [];
let genes = 0;
for (let r = -1; r < reps; ++r) {   // r = -1: warm-up for V8's optimising tier, not recorded
  const t0 = performance.now();
  let g = 0;
  for (const d of docs) {
    const o = yaml.load(d);
    if (o.genes) g += o.genes.length;
  }
  if (r >= 0) seconds.push((performance.now() - t0) / 1000);
  genes = g;
}
const sorted = [...seconds].sort((a, b) => a - b);
const med = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(JSON.stringify({
  engine: 'js-yaml', version, reps, sample_files: docs.length, sample_bytes: bytes,
  sample_seconds: seconds, sample_mb_per_s: bytes / 1e6 / med, inline_gene_items: genes,
}));
