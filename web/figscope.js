// figscope.js - the page shell around the WebAssembly app (app.js + app.wasm).
//
// Start-up: check for WebGL2, download app.wasm and the bundled data side by side under one
// progress bar, start the app, and hand it the bundled data as its first load batch. Later
// batches come from drag-and-drop, the file picker and figscope.loadUrl(). A batch is one
// user action: begin_load, add_file per file, end_load (wasm/platform_emscripten.cpp).
//
// window.figscope is the scripting and test API:
//   state()                  the app's state_json, parsed
//   setGenes([...], mode)    gene filter, mode "all" | "any"; resolves to state() after a frame
//   loadUrl(url)             fetches a record / TSV / snapshot and adds it as one batch
//   pickFiles(), pickFolder()
//   ready                    resolves to state() once the bundled data is indexed
//
// Every URL is relative to the page, so the folder works from any static host and sub-path,
// and nothing is fetched from anywhere else; sw.js keeps a copy for offline visits.
(() => {
  'use strict';

  const DATA_URL = 'data/bundled.figsnap';
  const ACCEPTED = /\.(md|markdown|txt|tsv|figsnap|ya?ml)$/i;   // files the user names
  // Inside folders, the same choice as the CLI's directory walk (core/loader.cpp): records,
  // sidecars and snapshots, no READMEs, no hidden entries; in a PFOCR site checkout only
  // _figures/ and _data/. Dropping a folder thus loads what `figscope stats FOLDER` counts.
  const IN_FOLDER = /\.(md|txt|tsv|figsnap)$/i;
  const wantedInFolder = (name) => IN_FOLDER.test(name) && !/readme\.md$/i.test(name);
  const SITE_DIRS = ['_figures', '_data'];
  const ACCEPTED_HELP = 'figure records (.md, .txt), gene tables (.tsv) and snapshots (.figsnap)';

  const el = (id) => document.getElementById(id);
  const canvas = el('canvas');
  const overlay = el('overlay');

  function deferred() {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  }
  const hostStarted = deferred();   // the app has drawn its first frame
  const ready = deferred();         // the bundled data has been indexed
  hostStarted.promise.catch(() => {});
  ready.promise.catch(() => {});
  let hostUp = false;
  let failed = false;

  // ---- overlay: progress and errors ---------------------------------------------------------

  function setProgress(fraction) {   // null: total unknown
    const bar = el('progress');
    bar.classList.toggle('indeterminate', fraction == null);
    const pct = fraction == null ? 0 : Math.round(Math.min(1, fraction) * 100);
    el('bar-fill').style.width = fraction == null ? '' : pct + '%';
    if (fraction == null) bar.removeAttribute('aria-valuenow');
    else bar.setAttribute('aria-valuenow', String(pct));
  }

  function formatBytes(n) {
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(0) + ' KB';
    return (n / (1024 * 1024)).toFixed(1) + ' MB';
  }

  // Downloads shown together in the overlay (the app and the bundled data): one bar, one line.
  const downloads = new Map();   // label -> {done, total}
  function showDownload(label, done, total) {
    downloads.set(label, { done, total });
    if (failed || (hostUp && !overlayVisible())) return;
    let sumDone = 0, sumTotal = 0, known = true;
    for (const d of downloads.values()) {
      sumDone += d.done;
      sumTotal += d.total;
      if (!d.total) known = false;
    }
    setProgress(known && sumTotal ? sumDone / sumTotal : null);
    el('status').textContent = !known || !sumTotal ? `Downloading… ${formatBytes(sumDone)}`
      : sumDone < sumTotal ? `Downloading… ${formatBytes(sumDone)} of ${formatBytes(sumTotal)}`
      : 'Starting…';
  }

  const overlayVisible = () => !overlay.classList.contains('done');

  function hideOverlay() {
    if (failed) return;
    overlay.classList.add('done');
    canvas.focus();
  }

  // A fatal problem: the app cannot run. Says what happened and what to do, never a blank page.
  function fail(title, detail) {
    if (failed) return;
    failed = true;
    console.error('figscope:', title, detail || '');
    overlay.classList.remove('done');
    el('progress').hidden = true;
    el('status').hidden = true;
    el('error').hidden = false;
    el('error-title').textContent = title;
    el('error-detail').textContent = detail || '';
    const err = new Error(detail ? `${title}: ${detail}` : title);
    hostStarted.reject(err);
    ready.reject(err);
  }

  // ---- downloads ----------------------------------------------------------------------------

  // Fetches url into a Uint8Array, reporting (bytesDone, bytesTotal) as the body streams in.
  // bytesTotal is 0 when unknown (no Content-Length, or a compressed transfer where the
  // header counts other bytes than the stream delivers).
  async function fetchBytes(url, onProgress) {
    let resp;
    try {
      resp = await fetch(url);
    } catch (e) {
      throw new Error(navigator.onLine === false ? 'the browser is offline' : `network error (${e.message})`);
    }
    if (!resp.ok) throw new Error(`the server answered HTTP ${resp.status} ${resp.statusText}`.trim());
    let total = Number(resp.headers.get('Content-Length')) || 0;
    onProgress(0, total);
    if (!resp.body || !resp.body.getReader) {
      const bytes = new Uint8Array(await resp.arrayBuffer());
      onProgress(bytes.length, bytes.length);
      return bytes;
    }
    const reader = resp.body.getReader();
    const chunks = [];
    let done = 0;
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      chunks.push(value);
      done += value.length;
      if (done > total) total = 0;
      onProgress(done, total);
    }
    const bytes = new Uint8Array(done);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    onProgress(done, done);
    return bytes;
  }

  // ---- calls into the app (see the fs_* functions in platform_emscripten.cpp) ---------------

  function withCStrings(strings, fn) {
    const ptrs = strings.map((s) => {
      const n = Module.lengthBytesUTF8(s) + 1;
      const p = Module._malloc(n);
      Module.stringToUTF8(s, p, n);
      return p;
    });
    try { return fn(...ptrs); } finally { ptrs.forEach((p) => Module._free(p)); }
  }

  const app = {
    beginLoad: (label) => withCStrings([label], (l) => Module._fs_begin_load(l)),
    progress: (done, total) => Module._fs_fetch_progress(done, total),
    endLoad: () => Module._fs_end_load(),
    problem: (path, message) => withCStrings([path, message], (p, m) => Module._fs_report_problem(p, m)),
    addFile(path, bytes) {
      const p = Module._malloc(Math.max(1, bytes.length));
      if (!p) throw new Error('not enough memory for this file');
      Module.HEAPU8.set(bytes, p);   // read HEAPU8 after malloc: memory growth replaces it
      try {
        withCStrings([path], (pp) => Module._fs_add_file(pp, p, bytes.length));
      } finally {
        Module._free(p);
      }
    },
  };

  // Batches run one after another, in the order the user started them, once the app is up.
  let batchQueue = Promise.resolve();
  function runBatch(label, work) {
    const run = batchQueue.then(async () => {
      await hostStarted.promise;
      app.beginLoad(label);
      try {
        await work();
      } finally {
        app.endLoad();
      }
    });
    batchQueue = run.catch(() => {});
    return run;
  }

  function state() {
    if (!hostUp) return { ready: false, loading: true };
    return JSON.parse(Module.UTF8ToString(Module._fs_state_json()));
  }

  const nextFrame = () => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));

  // Resolves with state() once the app has finished indexing what it was given.
  async function whenIdle() {
    for (;;) {
      await nextFrame();
      const s = state();
      if (!s.loading) return s;
    }
  }

  // ---- the bundled data ---------------------------------------------------------------------

  // Started at once, so it downloads while the app starts; handed over as the first batch.
  function loadBundled() {
    let latest = [0, 0];
    let onProgress = null;   // set once the app can show the progress itself
    const bytes = fetchBytes(DATA_URL, (done, total) => {
      latest = [done, total];
      showDownload('figures', done, total);
      if (onProgress) onProgress(done, total);
    });
    bytes.catch(() => {});
    return runBatch('bundled figures', async () => {
      onProgress = app.progress;
      app.progress(...latest);
      try {
        app.addFile(DATA_URL, await bytes);
      } catch (e) {
        // The app still starts (empty); the Problems panel says why there is no data.
        app.problem(DATA_URL, `could not load the bundled figures: ${e.message}`);
      }
    });
  }

  // ---- local files: drag-and-drop and the file pickers --------------------------------------

  const isHidden = (path) => path.split('/').some((part) => part.startsWith('.'));

  // Reads local files into one batch. items: [{path, file}] already filtered; notes:
  // [{path, message}] for things the user named that will not be loaded.
  function loadLocal(label, items, notes) {
    return runBatch(label, async () => {
      for (const n of notes) app.problem(n.path, n.message);
      const total = items.reduce((sum, it) => sum + it.file.size, 0);
      let done = 0;
      app.progress(0, total);
      for (const { path, file } of items) {
        try {
          app.addFile(path, new Uint8Array(await file.arrayBuffer()));
        } catch (e) {
          app.problem(path, `could not read this file: ${e.message}`);
        }
        done += file.size;
        app.progress(done, total);
      }
    }).then(whenIdle);
  }

  function batchLabel(items, fallback) {
    return items.length === 1 ? items[0].path.split('/').pop() : `${items.length} files${fallback}`;
  }

  // Files and folders from a drop. Entries must be taken from the DataTransfer during the
  // drop event itself; walking the folders happens afterwards.
  async function collectDropped(entries) {
    const items = [], notes = [];
    const readDir = (reader) => new Promise((res, rej) => reader.readEntries(res, rej));
    const fileOf = (entry) => new Promise((res, rej) => entry.file(res, rej));

    async function visit(entry, named) {
      const path = entry.fullPath ? entry.fullPath.replace(/^\/+/, '') : entry.name;
      if (entry.isDirectory) {
        const before = items.length;
        const reader = entry.createReader();
        let children = [];
        for (let batch = await readDir(reader); batch.length; batch = await readDir(reader)) children.push(...batch);
        // Hidden entries (.git in a site checkout) hold nothing to load and can be huge.
        children = children.filter((c) => !c.name.startsWith('.'));
        if (children.some((c) => c.isDirectory && c.name === '_figures')) {
          children = children.filter((c) => c.isDirectory && SITE_DIRS.includes(c.name));
        }
        for (const child of children) await visit(child, false);
        if (named && items.length === before) notes.push({ path, message: `no ${ACCEPTED_HELP} in this folder` });
      } else if (named ? ACCEPTED.test(entry.name) : wantedInFolder(entry.name)) {
        try {
          items.push({ path, file: await fileOf(entry) });
        } catch (e) {
          notes.push({ path, message: `could not read this file: ${e.message}` });
        }
      } else if (named) {
        notes.push({ path, message: `skipped: figscope reads ${ACCEPTED_HELP}` });
      }
    }
    for (const e of entries) {
      if (e.file instanceof File) {   // no entry API: a plain file
        if (ACCEPTED.test(e.file.name)) items.push({ path: e.file.name, file: e.file });
        else notes.push({ path: e.file.name, message: `skipped: figscope reads ${ACCEPTED_HELP}` });
      } else {
        await visit(e, true);
      }
    }
    return { items, notes };
  }

  function installDragAndDrop() {
    const hint = el('drop-hint');
    const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
    let depth = 0;   // dragenter/dragleave fire for every element crossed
    window.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      hint.hidden = false;
    });
    window.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();   // allows the drop (else the browser would open the file)
      e.dataTransfer.dropEffect = 'copy';
    });
    window.addEventListener('dragleave', () => {
      if (--depth <= 0) { depth = 0; hint.hidden = true; }
    });
    window.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      hint.hidden = true;
      const dt = e.dataTransfer;
      const entries = [];
      if (dt.items && dt.items.length) {
        for (const item of dt.items) {
          if (item.kind !== 'file') continue;
          const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
          if (entry) entries.push(entry);
          else { const f = item.getAsFile(); if (f) entries.push({ file: f }); }
        }
      } else {
        for (const f of dt.files) entries.push({ file: f });
      }
      collectDropped(entries).then(({ items, notes }) => {
        const folder = entries.length === 1 && entries[0].isDirectory ? entries[0].name : '';
        const label = folder ? `folder ${folder}` : batchLabel(items, ' dropped');
        return loadLocal(label, items, notes);
      }).catch((err) => console.error('figscope: drop failed', err));
    });
  }

  function installPickers() {
    const fromInput = (input, label) => {
      input.addEventListener('change', () => {
        const files = Array.from(input.files || []);
        input.value = '';   // picking the same files again must fire 'change' again
        if (!files.length) return;
        const items = [], notes = [];
        const root = files[0].webkitRelativePath ? files[0].webkitRelativePath.split('/')[0] : '';
        // A folder pick lists every file below it; apply the folder rules of the drop walk.
        const siteCheckout = root && files.some((f) => f.webkitRelativePath.startsWith(`${root}/_figures/`));
        for (const file of files) {
          const path = file.webkitRelativePath || file.name;
          if (!root) {
            if (ACCEPTED.test(file.name)) items.push({ path, file });
            else notes.push({ path, message: `skipped: figscope reads ${ACCEPTED_HELP}` });
          } else if (!isHidden(path) && wantedInFolder(file.name) &&
                     (!siteCheckout || SITE_DIRS.includes(path.split('/')[1]))) {
            items.push({ path, file });
          }
        }
        if (root && !items.length) notes.push({ path: root, message: `no ${ACCEPTED_HELP} in this folder` });
        loadLocal(root ? `folder ${root}` : batchLabel(items, label), items, notes)
          .catch((err) => console.error('figscope: loading picked files failed', err));
      });
    };
    fromInput(el('pick-files'), ' opened');
    fromInput(el('pick-folder'), ' opened');
  }

  // ---- clipboard ----------------------------------------------------------------------------

  // ImGui copies through the host to here. navigator.clipboard needs a secure context
  // (https or localhost); elsewhere the old execCommand route still works while the click or
  // key press that asked for the copy counts as a user action.
  function copyText(text) {
    const legacy = () => {
      const ta = document.createElement('textarea');
      ta.value = text;
      ta.setAttribute('readonly', '');
      ta.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
      document.body.appendChild(ta);
      ta.select();
      try { document.execCommand('copy'); } catch (e) { /* nothing else to try */ }
      ta.remove();
      canvas.focus();
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).catch(legacy);
    else legacy();
  }

  // Ctrl+V reaches ImGui as a key press; the text arrives in this event just before the app's
  // next frame reads it.
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (hostUp && text) withCStrings([text], (p) => Module._fs_set_clipboard(p));
    e.preventDefault();
  });

  // ---- keys ---------------------------------------------------------------------------------

  // Browser shortcuts that the app uses itself: Ctrl/Cmd+F (gene box; the browser's find
  // cannot search a canvas anyway), Ctrl/Cmd+O (open files), and "/" outside text fields
  // (gene box; Firefox's quick find otherwise). The keys still reach the app: GLFW listens
  // to the same events. Ctrl+C/V/X keep their defaults: the copy and paste events need them.
  function installKeys() {
    window.addEventListener('keydown', (e) => {
      const mod = (e.ctrlKey || e.metaKey) && !e.altKey;
      const key = (e.key || '').toLowerCase();
      if (mod && (key === 'f' || key === 'o')) e.preventDefault();
      else if (e.key === '/' && !mod && hostUp && !Module._fs_wants_text()) e.preventDefault();
    }, true);
  }

  // ---- start --------------------------------------------------------------------------------

  function hasWebGL2() {
    try {
      const gl = window.WebGL2RenderingContext && document.createElement('canvas').getContext('webgl2');
      if (!gl) return false;
      const lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();   // only a probe: give the context back
      return true;
    } catch (e) {
      return false;
    }
  }

  function start() {
    if (location.protocol === 'file:') {
      fail('figscope must be opened through a web server',
           'Browsers do not run WebAssembly from file:// pages. Serve this folder with any static ' +
           'web server (tools/run.sh does, or python3 -m http.server) and open its http:// address.');
      return;
    }
    if (typeof WebAssembly !== 'object') {
      fail('This browser cannot run figscope', 'It needs WebAssembly, which every current browser supports.');
      return;
    }
    if (!hasWebGL2()) {
      fail('This browser cannot show figscope',
           'figscope draws with WebGL2, which is not available here. Current Firefox, Chrome, Edge ' +
           'and Safari support it; check that hardware acceleration or WebGL is not turned off.');
      return;
    }

    const wasm = fetchBytes('app.wasm', (done, total) => showDownload('app', done, total));
    wasm.catch((e) => fail('Could not download the app (app.wasm)', e.message));

    window.Module = {
      canvas,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      // Instantiates from our own download, so the overlay can show its progress.
      instantiateWasm(imports, receive) {
        wasm.then((bytes) => WebAssembly.instantiate(bytes, imports))
          .then((result) => receive(result.instance, result.module))
          .catch((e) => fail('Could not start the app', e.message));
        return {};   // empty: the exports arrive later through receive()
      },
      onAbort: (what) => fail('figscope stopped because of an internal error', String(what || '') +
                               ' Reloading the page usually helps.'),
      // Called from platform_emscripten.cpp.
      figscopeHostReady() { hostUp = true; hostStarted.resolve(); },
      figscopeHostFailed: (message) => fail('figscope could not start', message),
      figscopeCopy: copyText,
      figscopePickFiles: () => el('pick-files').click(),
    };

    canvas.addEventListener('webglcontextlost', (e) => {
      e.preventDefault();
      fail('The graphics context was lost', 'The browser took WebGL away from this page (often after a GPU ' +
           'reset or when many tabs use it). Reload the page to continue.');
    });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());

    const script = document.createElement('script');
    script.src = 'app.js';
    script.onerror = () => fail('Could not download the app (app.js)', 'Check the connection and reload the page.');
    document.body.appendChild(script);

    installDragAndDrop();
    installPickers();
    installKeys();

    loadBundled()
      .then(() => { hideOverlay(); return whenIdle(); })
      .then((s) => { ready.resolve(s); registerOfflineCopy(); },
            (e) => { fail('figscope could not start', e.message); });
  }

  // sw.js keeps a copy of this folder for visits without a network. Registered once the app
  // runs, so it does not compete with the first download. Browsers allow it on https and
  // localhost only; elsewhere the page simply needs the network each time.
  function registerOfflineCopy() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('sw.js').catch((e) => console.warn('figscope: no offline copy:', e.message));
  }

  window.figscope = {
    state,
    async setGenes(genes, mode = 'all') {
      if (!Array.isArray(genes) || genes.some((g) => typeof g !== 'string')) {
        throw new TypeError('setGenes expects an array of gene symbols');
      }
      if (mode !== 'all' && mode !== 'any') throw new TypeError('mode must be "all" or "any"');
      await hostStarted.promise;
      if (!withCStrings([JSON.stringify(genes), mode], (g, m) => Module._fs_set_genes(g, m))) {
        throw new Error('the app did not accept the gene list');
      }
      await nextFrame();
      return state();
    },
    loadUrl(url) {
      const abs = new URL(url, document.baseURI);
      const name = decodeURIComponent(abs.pathname.split('/').pop() || abs.host);
      return runBatch(name, async () => {
        try {
          app.addFile(name, await fetchBytes(abs.href, app.progress));
        } catch (e) {
          app.problem(abs.href, `could not load: ${e.message}`);
          throw e;
        }
      }).then(whenIdle);
    },
    pickFiles: () => el('pick-files').click(),
    pickFolder: () => el('pick-folder').click(),
    ready: ready.promise,
  };

  start();
})();
