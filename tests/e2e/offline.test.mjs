// Offline use: after one visit the service worker controls the page; with the browser offline
// and the server gone, a reload still shows the figures, draws the charts and runs the simulation.
// A new deploy's worker waits until the old version's tabs are closed, then replaces its cache.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, chartState, start } from './harness.mjs';
import { startServer } from '../../scripts/static-server.mjs';

let env;
let server;
before(async () => {
  env = await start();
  // A server of our own, so the test can take it away.
  server = await startServer(join(ROOT, 'dist'), 0);
});
after(async () => {
  await env?.close();
  server?.closeAllConnections?.();
  await new Promise((ok) => (server?.listening ? server.close(ok) : ok()));
});

test('after a first visit the app loads and works with no network', async () => {
  const base = `http://127.0.0.1:${server.address().port}/`;
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForSelector('[data-kpi="simulation.annual.lost_revenue.p50"]');
  const online = await page.getAttribute('[data-kpi="expected.lost_revenue"]', 'data-value');

  // No network at all: the browser is offline and the server is closed.
  await context.setOffline(true);
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await page.reload();
  await page.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
  assert.equal(await page.getAttribute('[data-kpi="expected.lost_revenue"]', 'data-value'), online);
  await page.waitForFunction(() => Number(document.querySelector('canvas[data-chart="monthly"]')?.dataset.draws) > 0);
  const chart = await chartState(page, 'monthly');
  assert.ok(chart.inked > 2000, `chart has ${chart.inked} inked pixels`);
  // The simulation worker and its wasm come from the cache too.
  await page.waitForSelector('[data-kpi="simulation.annual.lost_revenue.p50"]', { timeout: 20000 });
  // The widget and the projector mode work offline as well.
  // A new view in the fragment: the app reopens itself in it (offline, from the cache).
  const reopened = page.waitForEvent('load');
  await page.goto(`${base}#view=present`);
  await reopened;
  await page.waitForSelector('.present [data-kpi="expected.lost_revenue"]');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Fails naming `what` unless `promise` settles within ten seconds: a bound on a wait for
 * events, never a pause (it ends as soon as the promise does). */
async function within(what, promise) {
  let timer;
  const deadline = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out after 10 s waiting until ${what}`)), 10000);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** In the page: resolves once the registration has a worker waiting, following the new worker's
 * events (found, then installed) rather than polling. */
async function newWorkerWaiting() {
  const registration = await navigator.serviceWorker.getRegistration();
  while (registration.waiting === null) {
    // Checked and listened to in one task, so no event falls in between.
    const worker = registration.installing;
    await new Promise((ok) => {
      if (worker !== null) worker.addEventListener('statechange', ok, { once: true });
      else registration.addEventListener('updatefound', ok, { once: true });
    });
  }
}

/** In the page: resolves once `only` is the one cache left. The new worker deletes the other
 * versions' caches when it activates, so after each listing that is not yet right this waits
 * for that worker's next state change (installed, activating, activated). */
async function onlyCache(only) {
  const registration = await navigator.serviceWorker.getRegistration();
  for (;;) {
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    const state = worker?.state;
    const names = await caches.keys();
    if (names.length === 1 && names[0] === only) return;
    // Unless its state changed while the caches were listed: then list them again at once.
    if (worker && worker.state === state) {
      await new Promise((ok) => worker.addEventListener('statechange', ok, { once: true }));
    }
  }
}

test('a new deploy waits until every tab of the old one is closed, then replaces its cache', async () => {
  // A site of its own, so the test can deploy a new version into it.
  const site = await mkdtemp(join(tmpdir(), 'leadplan-deploy-'));
  await cp(join(ROOT, 'dist'), site, { recursive: true });
  // This deploy's cache version (the service worker names it) and the next deploy's.
  const version = Number((await readFile(join(site, 'sw.js'), 'utf8')).match(/"leadplan-v(\d+)"/)[1]);
  const oldCache = `leadplan-v${version}`;
  const newCache = `leadplan-v${version + 1}`;
  const own = await startServer(site, 0);
  const base = `http://127.0.0.1:${own.address().port}/`;
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cacheNames = (p) => p.evaluate(() => caches.keys());
    assert.deepEqual(await cacheNames(page), [oldCache]);

    // Deploy 2: new service-worker rules (a new cache version), a stylesheet under a new hashed
    // name, and a page that says which deploy it is.
    const index = await readFile(join(site, 'index.html'), 'utf8');
    const oldCss = index.match(/href=\.\/(style-[0-9a-f]+\.css)/)[1];
    const newCss = 'style-0123456789abcdef.css';
    await rename(join(site, oldCss), join(site, newCss));
    await writeFile(join(site, 'index.html'), index.replace(oldCss, newCss).replace('<title>', '<meta content=2 name=leadplan-deploy><title>'));
    const sw = await readFile(join(site, 'sw.js'), 'utf8');
    assert.ok(sw.includes(`"${oldCache}"`));
    await writeFile(join(site, 'sw.js'), sw.replaceAll(`"${oldCache}"`, `"${newCache}"`));

    // The open tab gets the new page (network first) but keeps its worker: the new one waits.
    await page.reload();
    await page.waitForSelector('meta[name="leadplan-deploy"]', { state: 'attached' });
    await page.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
    await within('the new deploy\'s worker is waiting', page.evaluate(newWorkerWaiting));
    assert.ok((await cacheNames(page)).includes(oldCache), 'the running worker keeps its cache');

    // Every tab of the old version closed: the next visit runs the new worker, and only its
    // cache is left, holding deploy 2's files and not deploy 1's.
    await page.close();
    const next = await context.newPage();
    await next.goto(base);
    await next.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
    await within('only the new deploy\'s cache is left', next.evaluate(onlyCache, newCache));
    const cached = await next.evaluate(async (c) => (await (await caches.open(c)).keys()).map((r) => new URL(r.url).pathname), newCache);
    assert.ok(cached.includes(`/${newCss}`), `deploy 2's stylesheet is cached: ${cached}`);
    assert.ok(!cached.includes(`/${oldCss}`), `deploy 1's stylesheet is gone: ${cached}`);

    // And deploy 2 works offline.
    await context.setOffline(true);
    own.closeAllConnections();
    await new Promise((ok) => own.close(ok));
    await next.reload();
    await next.waitForSelector('meta[name="leadplan-deploy"]', { state: 'attached' });
    await next.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
  } finally {
    await context.close();
    own.closeAllConnections?.();
    if (own.listening) await new Promise((ok) => own.close(ok));
    await rm(site, { recursive: true, force: true });
  }
});
