// sw.js - lets figscope open without a network after one visit.
//
// Network first, cache as fallback: when the host is reachable the page always gets the
// current files (a redeploy is never hidden behind a stale cache); when it is not, the copy
// saved on the last visit is used. Only this folder's own files are involved, so the
// worker's scope is wherever the site is hosted (any sub-path).
'use strict';
const CACHE = 'figscope-v1';
const FILES = ['./', 'index.html', 'style.css', 'figscope.js', 'app.js', 'app.wasm', 'data/bundled.figsnap'];

self.addEventListener('install', (event) => {
  // Saved at install: the first visit's own requests ran before this worker existed.
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).catch(() => {}).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const resp = await fetch(req);
      if (resp.ok && resp.type === 'basic') {
        const copy = resp.clone();
        event.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy)).catch(() => {}));
      }
      return resp;
    } catch (err) {
      const cached = await caches.match(req, { ignoreSearch: true });
      if (cached) return cached;
      throw err;
    }
  })());
});
