// peers_sql.mjs - the SQL-in-wasm peers of figscope: sql.js (SQLite) and DuckDB-WASM (node
// blocking bundle), on the table a user would build from the same data:
//     genes(gene_id INTEGER PRIMARY KEY, symbol TEXT UNIQUE)
//     figure_gene(figure_id INTEGER, gene_id INTEGER)  + indexes (gene_id, figure_id), (figure_id, gene_id)
// filled from WORKDIR/figure_gene.tsv and genes.tsv (written by `figscope_bench export`).
//
//   node peers_sql.mjs WORKDIR [--reps N] [--engines sqljs,duckdb] [--cooc-budget SECONDS]
//
// Measures, interleaving the engines in each repetition:
//   query: the 3-gene ALL filter for each triple of WORKDIR/triples.tsv (symbols looked up in
//          genes, figures that mention all three), per query microseconds;
//   cooc:  top-100 genes by figure count (ties by symbol) and their 100x100 co-occurrence counts,
//          one SQL statement (self-join + GROUP BY). A run that is slower than the budget is not
//          repeated; the report says how many runs there were.
// Prints one JSON object per engine. Checksums (result figures, matrix cell sum, diagonal sum)
// must equal figscope's; tools/bench/report.py checks them.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const pkgVersion = (name) =>
  JSON.parse(fs.readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const args = process.argv.slice(2);
const work = args[0];
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const reps = Number(opt('--reps', '5'));
const engines = opt('--engines', 'sqljs,duckdb').split(',');
const coocBudget = Number(opt('--cooc-budget', '60'));

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? 0 : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const quantile = (v, q) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
};

const fgText = fs.readFileSync(path.join(work, 'figure_gene.tsv'), 'utf8');
const genesText = fs.readFileSync(path.join(work, 'genes.tsv'), 'utf8');
const triples = fs.readFileSync(path.join(work, 'triples.tsv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split('\t').slice(0, 3));

// Two spellings of the 3-gene ALL filter; each engine is measured with the one that is faster
// for it (chosen on the first 40 triples before measuring).
const Q3_FORMS = {
  intersect: `SELECT figure_id FROM figure_gene WHERE gene_id = (SELECT gene_id FROM genes WHERE symbol = ?)
INTERSECT SELECT figure_id FROM figure_gene WHERE gene_id = (SELECT gene_id FROM genes WHERE symbol = ?)
INTERSECT SELECT figure_id FROM figure_gene WHERE gene_id = (SELECT gene_id FROM genes WHERE symbol = ?)`,
  group_by: `SELECT figure_id FROM figure_gene WHERE gene_id IN (SELECT gene_id FROM genes WHERE symbol IN (?, ?, ?))
GROUP BY figure_id HAVING COUNT(*) = 3`,
};
const COOC = `WITH top AS (
  SELECT fg.gene_id FROM figure_gene fg JOIN genes g ON g.gene_id = fg.gene_id
  GROUP BY fg.gene_id, g.symbol ORDER BY COUNT(*) DESC, g.symbol LIMIT 100),
t AS (SELECT figure_id, gene_id FROM figure_gene WHERE gene_id IN (SELECT gene_id FROM top))
SELECT a.gene_id AS g1, b.gene_id AS g2, COUNT(*) AS n
FROM t a JOIN t b ON a.figure_id = b.figure_id GROUP BY a.gene_id, b.gene_id`;

// ---- sql.js -----------------------------------------------------------------------------------
async function makeSqljs() {
  const initSqlJs = require('sql.js');
  const t0 = performance.now();
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec('CREATE TABLE genes(gene_id INTEGER PRIMARY KEY, symbol TEXT UNIQUE);' +
          'CREATE TABLE figure_gene(figure_id INTEGER, gene_id INTEGER);');
  db.exec('BEGIN');
  let st = db.prepare('INSERT INTO genes VALUES (?, ?)');
  for (const line of genesText.split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    st.run([Number(line.slice(0, tab)), line.slice(tab + 1)]);
  }
  st.free();
  st = db.prepare('INSERT INTO figure_gene VALUES (?, ?)');
  let pos = 0;
  while (pos < fgText.length) {
    const nl = fgText.indexOf('\n', pos);
    const tab = fgText.indexOf('\t', pos);
    st.run([Number(fgText.slice(pos, tab)), Number(fgText.slice(tab + 1, nl))]);
    pos = nl + 1;
  }
  st.free();
  db.exec('COMMIT');
  db.exec('CREATE INDEX fg_gene ON figure_gene(gene_id, figure_id); CREATE INDEX fg_fig ON figure_gene(figure_id, gene_id); ANALYZE;');
  const loadSeconds = (performance.now() - t0) / 1000;
  const stmts = Object.fromEntries(Object.entries(Q3_FORMS).map(([k, sql]) => [k, db.prepare(sql)]));
  return {
    name: 'sql.js',
    version: `${pkgVersion('sql.js')} (SQLite ${db.exec('SELECT sqlite_version()')[0].values[0][0]})`,
    loadSeconds,
    form: 'intersect',
    query(a, b, c) {
      const q3 = stmts[this.form];
      q3.bind([a, b, c]);
      let n = 0;
      while (q3.step()) ++n;
      q3.reset();
      return n;
    },
    cooc() {
      const st2 = db.prepare(COOC);
      let cells = 0, diag = 0, rows = 0;
      while (st2.step()) {
        const [g1, g2, n] = st2.get();
        cells += n; rows++;
        if (g1 === g2) diag += n;
      }
      st2.free();
      return { cells, diag, rows };
    },
    heapBytes() { return null; },
  };
}

// ---- DuckDB-WASM (node, blocking) ---------------------------------------------------------------
async function makeDuckdb() {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const t0 = performance.now();
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.registerFileText('figure_gene.tsv', fgText);
  db.registerFileText('genes.tsv', genesText);
  const conn = db.connect();
  conn.query("CREATE TABLE genes AS SELECT * FROM read_csv('genes.tsv', delim='\\t', header=false, quote='', " +
             "columns={'gene_id': 'INTEGER', 'symbol': 'VARCHAR'})");
  conn.query("CREATE TABLE figure_gene AS SELECT * FROM read_csv('figure_gene.tsv', delim='\\t', header=false, " +
             "columns={'figure_id': 'INTEGER', 'gene_id': 'INTEGER'}) ORDER BY gene_id, figure_id");
  conn.query('CREATE UNIQUE INDEX genes_symbol ON genes(symbol)');
  conn.query('CREATE INDEX fg_gene ON figure_gene(gene_id)');
  conn.query('CREATE INDEX fg_fig ON figure_gene(figure_id)');
  const loadSeconds = (performance.now() - t0) / 1000;
  const stmts = Object.fromEntries(Object.entries(Q3_FORMS).map(([k, sql]) => [k, conn.prepare(sql)]));
  return {
    name: 'DuckDB-WASM',
    version: `${pkgVersion('@duckdb/duckdb-wasm')} (DuckDB ${conn.query('SELECT version() AS v').getChild('v').get(0)})`,
    loadSeconds,
    form: 'group_by',
    query(a, b, c) { return stmts[this.form].query(a, b, c).numRows; },
    cooc() {
      const t = conn.query(COOC);
      const g1 = t.getChild('g1'), g2 = t.getChild('g2'), n = t.getChild('n');
      let cells = 0, diag = 0;
      for (let i = 0; i < t.numRows; ++i) {
        const v = Number(n.get(i));
        cells += v;
        if (g1.get(i) === g2.get(i)) diag += v;
      }
      return { cells, diag, rows: t.numRows };
    },
    heapBytes() { return null; },
  };
}

const makers = { sqljs: makeSqljs, duckdb: makeDuckdb };
const peers = [];
for (const e of engines) peers.push(await makers[e]());

// Pick each engine's faster spelling of the filter.
for (const p of peers) {
  const spent = {};
  for (const form of Object.keys(Q3_FORMS)) {
    p.form = form;
    const t0 = performance.now();
    for (const [a, b, c] of triples.slice(0, 40)) p.query(a, b, c);
    spent[form] = performance.now() - t0;
  }
  p.form = Object.keys(spent).reduce((x, y) => (spent[x] <= spent[y] ? x : y));
  p.formTimes = spent;
}

// A first co-occurrence run per engine as warm-up (V8 tiers code up). A run of seconds gains
// nothing from warming up, so one slower than 2 s counts as the first measured run instead.
const state = peers.map(() => ({ perTriple: triples.map(() => []), results: 0, cooc: [], check: null }));
peers.forEach((p, k) => {
  const t0 = performance.now();
  const res = p.cooc();
  const ms = performance.now() - t0;
  if (ms > 2000) {
    state[k].cooc.push(ms);
    state[k].check = res;
  }
});
for (let r = 0; r < reps; ++r) {
  peers.forEach((p, k) => {
    const s = state[k];
    triples.forEach(([a, b, c], i) => {
      const t0 = performance.now();
      const n = p.query(a, b, c);
      s.perTriple[i].push((performance.now() - t0) * 1000);
      if (r === 0) s.results += n;
    });
    const spent = s.cooc.reduce((x, y) => x + y, 0) / 1000;
    if (s.cooc.length === 0 || (s.cooc.length < reps && spent + s.cooc[0] / 1000 < coocBudget)) {
      const t0 = performance.now();
      const res = p.cooc();
      s.cooc.push(performance.now() - t0);
      s.check = res;
    }
  });
}

peers.forEach((p, k) => {
  const s = state[k];
  const med = s.perTriple.map(median);
  console.log(JSON.stringify({
    engine: p.name,
    version: p.version,
    reps,
    table_load_seconds: p.loadSeconds,
    query_form: p.form,
    query_sql: Q3_FORMS[p.form],
    query_form_trial_ms: p.formTimes,
    cooc_sql: COOC,
    query_triples: triples.length,
    query_us_median: median(med),
    query_us_p90: quantile(med, 0.9),
    query_us_max: quantile(med, 1),
    query_result_figures_total: s.results,
    cooc_ms: s.cooc,
    cooc_ms_median: median(s.cooc),
    cooc_runs: s.cooc.length,
    cooc_cell_sum: s.check.cells,
    cooc_diagonal_sum: s.check.diag,
    cooc_rows: s.check.rows,
    rss_bytes: process.memoryUsage().rss,
  }));
});
