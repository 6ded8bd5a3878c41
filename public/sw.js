// Offline support. scripts/precache.mjs fills in the build's file list and version after each
// build, so a new build changes this file, the browser installs the new worker, and it replaces
// the old cache whole once it takes over.
const VERSION = '__VERSION__';
const PRECACHE = self.__PRECACHE = [];
const CACHE = `gcm-${VERSION}`;

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
    await cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })));
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
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
