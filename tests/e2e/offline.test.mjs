// Offline use: after one visit the service worker controls the page; with the browser offline
// and the server gone, a reload still shows the figures, draws the charts and runs the simulation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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
  await page.waitForSelector('[data-kpi="expected.lost_revenue"]');
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
  await page.waitForSelector('[data-kpi="expected.lost_revenue"]');
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
