// Offline support. scripts/precache.mjs fills in the build's file list and version after each
// build, so a new build changes this file, the browser installs the new worker, and it replaces
// the old cache whole once it takes over.
const VERSION = '__VERSION__';
const PRECACHE = self.__PRECACHE = [];
const CACHE = `gcm-${VERSION}`;
// The pages' wasm files that have an LZMA copy beside them (X_bg.wasm.lzma, scripts/lzma.mjs),
// with each one's SHA-256: the worker fetches the copy, 163 KB where gzip sends 196 (the
// collector's), and keeps the wasm decoded under its own address, so the pages it serves compile
// it from the cache as it is. LZMA has no checksum of its own: a damaged copy would otherwise be
// kept, and fail every later load. Filled in by scripts/precache.mjs, as is the decoder
// (public/unlzma.js) below.
const PACKED = self.__PACKED = {};
/*__UNLZMA__*/

// The secretariat's and the rapporteur's pages are cached on the devices that open them, not
// on every phone that fills forms: at their first visit (see fetch), and at each update where
// the old cache had them.
const ON_DEMAND = ['secretariat/', 'report/'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const skipped = [];
    for (const page of ON_DEMAND) if (!(await usedBefore(page))) skipped.push(page);
    const urls = PRECACHE.filter((url) => !skipped.some((page) => url.startsWith(page)));
    // 'reload' skips the HTTP cache so the precache never holds a stale copy.
    await cache.addAll(urls.filter((url) => !PACKED[url]).map((url) => new Request(url, { cache: 'reload' })));
    for (const url of urls.filter((url) => PACKED[url])) {
      const response = await unpacked(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      await cache.put(url, response);
    }
    await keepKeyFile(cache);
    // The first worker takes over at once: there is nothing to replace. A newer build's waits
    // until the person, their typing saved, agrees to reload (public/update.js): a page is
    // never left running on files whose cache was just dropped.
    if (!self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  // A page the first worker's claim missed (public/update.js).
  if (event.data === 'claim') event.waitUntil(self.clients.claim());
});

async function usedBefore(page) {
  for (const name of await caches.keys()) {
    if (name.startsWith('gcm-') && name !== CACHE && (await (await caches.open(name)).match(page))) return true;
  }
  return false;
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('gcm-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  if (new URL(request.url).pathname === new URL(KEY_FILE, self.registration.scope).pathname) {
    event.respondWith(keyFile(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

// Pages with a wasm of their own, under the collector's address.
const SUB_PAGES = ['transfer/', ...ON_DEMAND];

// A page: from the network when it answers quickly (a new build is picked up online), else the
// cached page (the transfer page, the secretariat's or the collector's), so a slow or dead link
// never leaves the person waiting.
async function navigation(request) {
  const cache = await caches.open(CACHE);
  // Any other address of the collector falls back to its page; a sub-page only to its own.
  const path = new URL(request.url).pathname;
  const subPage = SUB_PAGES.some((p) => path.startsWith(new URL(p, self.registration.scope).pathname));
  const cached = (await cache.match(request, { ignoreSearch: true })) || (subPage ? undefined : await cache.match('./'));
  try {
    const response = await withTimeout(fetch(request), cached ? 2500 : 30000);
    if (response.ok) {
      cache.put(request, response.clone());
      return response;
    }
  } catch (_) { /* offline or too slow: fall through */ }
  return cached || Response.error();
}

// A deployment's public key file, beside index.html (docs/bundle-format.md §10.2): every
// collector encrypts for it from its first load, offline too. Not part of the build, so kept
// apart from the precache: from the network when it answers (a deployment may change or
// withdraw it), else the copy kept.
const KEY_FILE = 'public-key.json';

async function keepKeyFile(cache) {
  try {
    const response = await fetch(new Request(KEY_FILE, { cache: 'reload' }));
    if (response.ok) await cache.put(KEY_FILE, response);
  } catch (_) { /* offline at install: the first online load keeps it */ }
}

async function keyFile(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request, { cache: 'no-store' }), 2500);
    if (response.ok) await cache.put(KEY_FILE, response.clone());
    else if (response.status === 404) await cache.delete(KEY_FILE);
    return response;
  } catch (_) {
    return (await cache.match(KEY_FILE)) || new Response('', { status: 404 });
  }
}

// Hashed assets never change under one name: cache first, network only for what is missing.
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const path = new URL(request.url).pathname;
  const packed = Object.keys(PACKED).find((url) => new URL(url, self.registration.scope).pathname === path);
  const response = packed ? await unpacked(packed) : await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

// A wasm from its LZMA copy, decoded; the plain file if the copy cannot be had or read.
async function unpacked(url) {
  try {
    const response = await fetch(new Request(`${url}.lzma`, { cache: 'reload' }));
    if (response.ok) {
      const packed = new Uint8Array(await response.arrayBuffer());
      const unpack = gcmUnlzma(packed);
      unpack.push(packed.subarray(13), true);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', unpack.out));
      if (Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') === PACKED[url]) {
        return new Response(unpack.out, { headers: { 'Content-Type': 'application/wasm' } });
      }
    }
  } catch (_) { /* a copy that does not decode */ }
  // A copy missing, damaged or not the wasm's: the plain file.
  return fetch(new Request(url, { cache: 'reload' }));
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
