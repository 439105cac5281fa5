// leadplan's service worker: keeps the app's own files so that after a first visit the planner,
// the embedded widget and the presentation mode load and work with no network (a workshop venue's
// wifi), and moves to a new deploy safely.
//
// Rules, and why:
// - Pages (navigations) and the files with fixed names (index.html, widget.html, embed-demo.html, favicon) are fetched network-first, with the cached copy as the fallback: an
//   online visit always gets the newest deploy; a cached copy answers offline or when the network
//   is slower than NAVIGATION_TIMEOUT_MS (an unreliable venue network).
// - Files whose names carry trunk's content hash (app-<hash>.js, app-<hash>_bg.wasm,
//   style-<hash>.css, favicon-<hash>.svg) never change under the same name, so they are served cache-first.
// - Whenever a fresh index.html arrives, it and the widget's page (widget.html) are cached with
//   every file they name, and hashed files they no longer name are deleted: one deploy's assets
//   are kept, never a mixture that grows. So after one visit to either, both work offline. The
//   CRM import worker's files (IMPORTER, fixed names, network-first) are cached with them.
// - The cache name is versioned (CACHE); a new worker deletes caches of other versions when it
//   activates. Bump the version when this file's rules change.
// - No skipWaiting(): a new worker waits until every tab of the old one is closed, so a running
//   workshop never switches versions mid-session. clients.claim() is safe because a worker only
//   activates when no older one controls a page; it lets the first visit work offline at once.
// - Only same-origin GET requests are handled; nothing is ever fetched from another host.
const CACHE = 'leadplan-v4';
const NAVIGATION_TIMEOUT_MS = 4000;
// trunk's content hashes are 12–20 hex digits (trunk 0.21 writes 15 or 16).
const HASHED = /-[0-9a-f]{12,20}(_bg)?\.(js|wasm|css|svg)$/;
// The CRM import worker's files (fixed names, no page names them): the planner starts the
// worker only when someone imports, but they are cached with every deploy so import works
// offline too.
const IMPORTER = ['./importer-loader.js', './importer.js', './importer_bg.wasm'];

const scopeUrl = new URL(self.registration.scope);
const INDEX = new URL('./', scopeUrl).href;
const WIDGET = new URL('./widget.html', scopeUrl).href;

/** Same-origin URLs of the app's files named in an HTML page (href/src attributes, import strings). */
function assetsIn(html) {
  // The simulation worker runs the page's own module (app-<hash>.js and its wasm), named here.
  const urls = new Set([INDEX]);
  // trunk's minified HTML leaves attribute values unquoted (href=./style-<hash>.css).
  const pattern = /(?:href|src)\s*=\s*["']?([^"'\s>#?]+)|["'](\.\/[^"'#?\s]+\.(?:js|wasm|css|svg))["']/g;
  for (const m of html.matchAll(pattern)) {
    const url = new URL(m[1] ?? m[2], scopeUrl);
    if (url.origin === scopeUrl.origin) urls.add(url.href);
  }
  return [...urls];
}

/** Caches index.html (as given), widget.html and every file they name; drops hashed files they do not name. */
async function cacheDeploy(indexResponse) {
  const cache = await caches.open(CACHE);
  const pages = [await indexResponse.clone().text()];
  await cache.put(INDEX, indexResponse.clone());
  try {
    const widget = await fetch(WIDGET, { cache: 'no-cache' });
    if (widget.ok) {
      pages.push(await widget.clone().text());
      await cache.put(WIDGET, widget);
    }
  } catch {
    // Offline in the middle of an update: the widget's cached copy stays.
  }
  const importer = IMPORTER.map((name) => new URL(name, scopeUrl).href);
  const wanted = [...new Set([...pages.flatMap(assetsIn), ...importer])].filter((u) => u !== INDEX && u !== WIDGET);
  await Promise.all(wanted.map(async (url) => {
    if (HASHED.test(url) && (await cache.match(url))) return;
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (response.ok) await cache.put(url, response);
    } catch {
      // Offline in the middle of an update: the files already cached stay.
    }
  }));
  const keep = new Set(wanted);
  for (const request of await cache.keys()) {
    if (HASHED.test(request.url) && !keep.has(request.url)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const response = await fetch(INDEX, { cache: 'no-cache' });
    if (response.ok) await cacheDeploy(response);
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('leadplan-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** Keeps the worker alive for `promise`; after the event has ended the promise simply runs on. */
function keepAlive(event, promise) {
  try {
    event.waitUntil(promise);
  } catch {
    // The response was already given from the cache.
  }
}

/** The network's answer, or the cached one when the network fails or is too slow. */
async function networkFirst(event, cacheKey) {
  const cache = await caches.open(CACHE);
  const network = fetch(event.request).then((response) => {
    if (response.ok) {
      const isIndex = cacheKey === INDEX;
      keepAlive(event, isIndex ? cacheDeploy(response.clone()) : cache.put(cacheKey, response.clone()));
    }
    return response;
  });
  const cached = await cache.match(cacheKey, { ignoreSearch: true });
  if (!cached) return network;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(cached), NAVIGATION_TIMEOUT_MS));
  return Promise.race([network.catch(() => cached), timeout]);
}

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok) keepAlive(event, cache.put(event.request, response.clone()));
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scopeUrl.origin || !url.href.startsWith(scopeUrl.href)) return;
  if (url.pathname.endsWith('/sw.js')) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(event));
  } else if (request.mode === 'navigate' && (url.href === INDEX || url.pathname.endsWith('/index.html'))) {
    // The app's page under either name is one cache entry: the fragment carries the state.
    event.respondWith(networkFirst(event, INDEX));
  } else {
    url.hash = '';
    event.respondWith(networkFirst(event, url.href));
  }
});
