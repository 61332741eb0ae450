// browser.test.mjs - the static site (build/web) in headless Chromium, checked against the CLI.
//
// Run through tools/e2e_test.sh, which serves build/web and sets FIGSCOPE_URL:
//   FIGSCOPE_URL=http://127.0.0.1:PORT/ node --test tests/e2e/
// (FIGSCOPE_CLI and FIGSCOPE_SHOTS override build/bin/figscope and the screenshot folder.)
// Every count the page shows is compared with what `build/bin/figscope` prints for the same
// data (data/seeds + data/corpus, from which the bundled snapshot is built).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const URL_ = process.env.FIGSCOPE_URL;
const CLI = process.env.FIGSCOPE_CLI || path.join(ROOT, 'build/bin/figscope');
const DATA = [path.join(ROOT, 'data/seeds'), path.join(ROOT, 'data/corpus')];
const SHOTS = process.env.FIGSCOPE_SHOTS || path.join(ROOT, 'build');
const VIEWPORT = { width: 1280, height: 800 };

// Debian's Chromium, software WebGL (see /work/shared/TOOLCHAIN.md).
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

// The CLI exits 1 when the data had problems; its JSON on stdout is still the answer.
function cli(...args) {
  const r = spawnSync(CLI, [...args.slice(0, 1), ...DATA, ...args.slice(1), '--json'], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `figscope ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

let browser, page;
const pageErrors = [];

// Polls state() in the page until pred(state) holds; returns that state.
async function waitState(pred, what, timeout = 10000) {
  const t0 = Date.now();
  let s;
  while (Date.now() - t0 < timeout) {
    s = await page.evaluate(() => window.figscope.state());
    if (pred(s)) return s;
    await page.waitForTimeout(50);
  }
  assert.fail(`timed out waiting for ${what}; last state: ${JSON.stringify(s)}`);
}

// Puts the keyboard focus into the gene search box the way a user would: a click on it when
// the app reports where it is (state_json "search_box": [x, y, w, h] in ImGui pixels, which
// are device pixels in the browser), else the app's "/" shortcut.
// Returns how, for failure messages.
async function focusSearchBox() {
  const { box, dpr } = await page.evaluate(() => ({ box: window.figscope.state().search_box, dpr: devicePixelRatio }));
  let how;
  if (Array.isArray(box)) {
    const [x, y, w, h] = box.map((v) => v / dpr);
    await page.mouse.click(x + Math.min(w / 2, 40), y + h / 2);
    how = `a click into search_box ${JSON.stringify(box)}`;
  } else {
    await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5);
    await page.keyboard.press('/');
    how = 'the "/" shortcut (state_json has no search_box)';
  }
  await page.waitForTimeout(100);   // a frame or two for ImGui to activate the box
  return how;
}

async function openPage(context) {
  const p = await context.newPage();
  p.on('pageerror', (e) => pageErrors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') console.error('  [page]', m.text()); });
  await p.goto(URL_);
  return p;
}

before(async () => {
  assert.ok(URL_, 'FIGSCOPE_URL is not set: run tools/e2e_test.sh');
  assert.ok(fs.existsSync(CLI), `${CLI} missing: run tools/build.sh`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(URL_).origin });
  page = await openPage(context);
});

after(async () => {
  await browser?.close();
});

test('the page loads the bundled data, with the counts the CLI gives', async () => {
  const s = await page.evaluate(() => window.figscope.ready);
  const stats = cli('stats');
  assert.equal(s.ready, true);
  assert.ok(s.figures_total > 0, 'no figures loaded');
  assert.equal(s.figures_total, stats.figures, 'figures_total != figscope stats figures');
  assert.equal(s.figures_shown, stats.figures, 'with no filter every figure is shown');
  assert.equal(await page.isVisible('#overlay:not(.done)'), false, 'the loading overlay is still up');
  assert.deepEqual(pageErrors, []);
});

test('the canvas fills the window, follows its size, and is drawn', async () => {
  const size = () => page.evaluate(() => [canvas.width, canvas.height]);
  assert.deepEqual(await size(), [VIEWPORT.width, VIEWPORT.height]);
  await page.setViewportSize({ width: 1000, height: 640 });
  await page.waitForFunction(() => canvas.width === 1000 && canvas.height === 640, null, { timeout: 5000 });
  await page.setViewportSize(VIEWPORT);
  await page.waitForFunction(([w, h]) => canvas.width === w && canvas.height === h,
                             [VIEWPORT.width, VIEWPORT.height], { timeout: 5000 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SHOTS, 'browser.png') });
});

test('typing a gene into the search box and pressing Enter filters like figscope query', async () => {
  const expected = cli('query', '--gene', 'STAT3').count;
  assert.ok(expected > 0, 'the bundled data should have STAT3 figures');
  const how = await focusSearchBox();
  await page.keyboard.type('STAT3', { delay: 20 });
  await page.keyboard.press('Enter');
  const s = await waitState((st) => st.genes_filter?.length === 1, `typed STAT3 + Enter in the gene filter, focused by ${how}`);
  assert.deepEqual(s.genes_filter, ['STAT3']);
  assert.equal(s.figures_shown, expected, 'figures_shown != figscope query --gene STAT3');
  await page.screenshot({ path: path.join(SHOTS, 'browser-stat3.png') });
});

test('figscope.setGenes() filters with ALL and ANY like figscope query', async () => {
  const all = cli('query', '--gene', 'STAT3', '--gene', 'JAK2').count;
  const any = cli('query', '--gene', 'STAT3', '--gene', 'JAK2', '--any').count;
  let s = await page.evaluate(() => window.figscope.setGenes(['STAT3', 'JAK2'], 'all'));
  s = await waitState((st) => st.gene_mode === 'all' && st.genes_filter?.length === 2, 'ALL STAT3 JAK2');
  assert.equal(s.figures_shown, all);
  await page.evaluate(() => window.figscope.setGenes(['STAT3', 'JAK2'], 'any'));
  s = await waitState((st) => st.gene_mode === 'any', 'ANY STAT3 JAK2');
  assert.equal(s.figures_shown, any);
  assert.ok(any >= all);
  await assert.rejects(page.evaluate(() => window.figscope.setGenes('STAT3')), /array/);
});

test('the heatmap shows the top genes of the selection, as figscope cooccur', async () => {
  await page.evaluate(() => window.figscope.setGenes(['STAT3'], 'all'));
  const s = await waitState((st) => st.genes_filter?.length === 1 && st.heatmap_genes?.length > 0,
                           'the heatmap of the STAT3 selection');
  const top = cli('cooccur', '--gene', 'STAT3', '--top', String(s.heatmap_genes.length));
  // The heatmap may order its rows (clustering); the set of genes is what must agree.
  assert.deepEqual([...s.heatmap_genes].sort(), [...top.genes].sort());
  assert.ok(s.heatmap_genes.includes('STAT3'));
  await page.screenshot({ path: path.join(SHOTS, 'browser-heatmap.png') });
  await page.evaluate(() => window.figscope.setGenes([], 'all'));
});

test('copy in the app reaches the system clipboard, paste comes back', async () => {
  const how = await focusSearchBox();
  await page.keyboard.type('SOCS3', { delay: 20 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'SOCS3', null, { timeout: 5000 });
  await page.evaluate(() => navigator.clipboard.writeText('JAK1'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Enter');
  const s = await waitState((st) => st.genes_filter?.includes('JAK1'), `the pasted gene, box focused by ${how}`);
  assert.equal(s.figures_shown, cli('query', '--gene', 'JAK1').count);
  await page.evaluate(() => window.figscope.setGenes([], 'all'));
});

test('a URL that fails to load is reported as a problem, and the app keeps running', async () => {
  const before_ = await page.evaluate(() => window.figscope.state());
  const err = await page.evaluate(() => window.figscope.loadUrl('data/no-such-file.tsv').then(() => null, (e) => e.message));
  assert.match(err ?? '', /404/);
  const s = await waitState((st) => !st.loading, 'the failed batch to end');
  assert.ok(problemCount(s) > problemCount(before_), 'the fetch error did not reach the Problems panel');
  assert.equal(s.figures_total, before_.figures_total);
});

function problemCount(s) {
  return Array.isArray(s.problems) ? s.problems.length : Number(s.problems) || 0;
}

test('dropped files, a picked PFOCR folder and the Open files dialog each load as a batch', async () => {
  const total0 = (await page.evaluate(() => window.figscope.state())).figures_total;
  // A seed record under a new figid: one more figure. The PDF is refused with a problem.
  const seed = fs.readdirSync(DATA[0]).find((f) => f.endsWith('.txt'));
  const text = fs.readFileSync(path.join(DATA[0], seed), 'utf8').replace(/^figid: .*$/m, 'figid: PMC0000001__e2e_drop');
  await page.evaluate((recordText) => {
    const dt = new DataTransfer();
    dt.items.add(new File([recordText], 'e2e_drop.md'));
    dt.items.add(new File(['%PDF-1.4'], 'paper.pdf'));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await waitState((st) => st.figures_total === total0 + 1 && !st.loading, 'the dropped record');

  // A site checkout: _figures/ and _data/ are read; README.md, .git/ and images are not.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'figscope-e2e-'));
  const site = path.join(dir, 'pfocr-site');
  for (const d of ['_figures', '_data', '.git', 'assets']) fs.mkdirSync(path.join(site, d), { recursive: true });
  fs.writeFileSync(path.join(site, '_figures', 'PMC0000002__e2e_folder.md'), text.replace(/^figid: .*$/m, 'figid: PMC0000002__e2e_folder'));
  fs.writeFileSync(path.join(site, '.git', 'PMC0000003__hidden.md'), text.replace(/^figid: .*$/m, 'figid: PMC0000003__hidden'));
  fs.writeFileSync(path.join(site, 'README.md'), '# not a record\n');
  fs.writeFileSync(path.join(site, 'assets', 'logo.png'), 'png');
  await page.setInputFiles('#pick-folder', site);
  let s = await waitState((st) => st.figures_total === total0 + 2 && !st.loading, 'the picked folder');
  assert.equal(s.figures_total, total0 + 2, 'only _figures/PMC0000002__e2e_folder.md should be new');

  // The app's Open files command (Ctrl+O) opens the browser's file dialog (platform::pick_files).
  const picked = path.join(dir, 'PMC0000004__e2e_picked.md');
  fs.writeFileSync(picked, text.replace(/^figid: .*$/m, 'figid: PMC0000004__e2e_picked'));
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 5000 }),
    page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5).then(() => page.keyboard.press('Control+O')),
  ]);
  assert.equal(chooser.isMultiple(), true);
  await chooser.setFiles(picked);
  s = await waitState((st) => st.figures_total === total0 + 3 && !st.loading, 'the file chosen in the dialog');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('HiDPI: the canvas backing store is CSS size times devicePixelRatio', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
  const p = await context.newPage();
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.goto(URL_);
  const s = await p.evaluate(() => window.figscope.ready);
  assert.equal(s.figures_total, cli('stats').figures);
  assert.deepEqual(await p.evaluate(() => [canvas.width, canvas.height]), [1800, 1200]);
  await p.screenshot({ path: path.join(SHOTS, 'browser-hidpi.png') });
  await context.close();
  assert.deepEqual(pageErrors, []);
});

test('the site works from a sub-path of a static host (relative URLs only)', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  const base = new URL(URL_);
  const requested = [];
  // /lab/tools/figscope/X is answered with the served site's /X; anything else is a 404.
  await context.route(() => true, async (route) => {
    const u = new URL(route.request().url());
    requested.push(u.pathname);
    const prefix = '/lab/tools/figscope/';
    if (u.origin !== base.origin || !u.pathname.startsWith(prefix)) return route.fulfill({ status: 404, body: '' });
    const response = await route.fetch({ url: new URL(u.pathname.slice(prefix.length), base).href });
    return route.fulfill({ response });
  });
  const p = await context.newPage();
  await p.goto(new URL('/lab/tools/figscope/', base).href);
  const s = await p.evaluate(() => window.figscope.ready);
  assert.equal(s.figures_total, cli('stats').figures);
  assert.equal(s.problems, 0);
  assert.deepEqual(requested.filter((r) => !r.startsWith('/lab/tools/figscope/')), []);
  await context.close();
});

test('if the bundled data cannot be fetched, the app still starts and says why', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.route('**/data/bundled.figsnap', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const p = await context.newPage();
  await p.goto(URL_);
  const s = await p.evaluate(() => window.figscope.ready);
  assert.equal(s.figures_total, 0);
  assert.ok(problemCount(s) >= 1, 'the fetch error is not in the Problems panel');
  assert.equal(await p.isVisible('#overlay:not(.done)'), false, 'the overlay hides the app');
  await p.waitForTimeout(300);
  await p.screenshot({ path: path.join(SHOTS, 'browser-nodata.png') });
  await context.close();
});

test('without WebGL2 the page explains what is missing instead of a blank canvas', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(() => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : real.call(this, type, ...rest);
    };
  });
  const p = await context.newPage();
  await p.goto(URL_);
  await assert.rejects(p.evaluate(() => window.figscope.ready), /WebGL2/);
  assert.match(await p.textContent('#error'), /WebGL2/);
  assert.equal(await p.isVisible('#error'), true);
  await p.screenshot({ path: path.join(SHOTS, 'browser-nowebgl.png') });
  await context.close();
});

test('after one visit the page also opens offline (sw.js)', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const p = await context.newPage();
  await p.goto(URL_);
  const online = await p.evaluate(() => window.figscope.ready);
  await p.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await p.reload();
  const offline = await p.evaluate(() => window.figscope.ready);
  assert.equal(offline.figures_total, online.figures_total);
  assert.equal(offline.problems, online.problems);
  await context.close();
});
