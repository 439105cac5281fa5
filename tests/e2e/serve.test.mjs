// scripts/serve, as a new user runs it: it builds and serves the app, and a visit in headless
// Chromium sees figures and a drawn chart, no console error and no request to another host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, chartState } from './harness.mjs';

test('scripts/serve serves the app with a drawn chart and no foreign requests', { timeout: 15 * 60_000 }, async () => {
  const child = spawn(join(ROOT, 'scripts', 'serve'), [], {
    env: { ...process.env, PORT: '0' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const base = await new Promise((ok, fail) => {
      const onData = (d) => {
        output += d;
        const m = output.match(/served at (http:\/\/127\.0\.0\.1:\d+\/)/);
        if (m) ok(m[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (d) => { output += d; });
      child.on('exit', (code) => fail(new Error(`scripts/serve exited with ${code}:\n${output}`)));
    });
    const browser = await chromium.launch({
      executablePath: execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const errors = [];
      const foreign = [];
      const host = new URL(base).host;
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => {
        const u = new URL(r.url());
        // blob: and data: URLs (the worker's bootstrap) stay inside the page.
        if (u.protocol.startsWith('http') && u.host !== host) foreign.push(r.url());
      });
      await page.goto(base);
      await page.waitForFunction(() => Number(document.querySelector('canvas[data-chart="monthly"]')?.dataset.draws) > 0);
      assert.ok((await chartState(page, 'monthly')).inked > 2000);
      assert.ok(Number(await page.getAttribute('[data-kpi="expected.lost_revenue"]', 'data-value')) > 0);
      await page.waitForFunction(() => document.querySelector('canvas[data-chart="lost-revenue"]'));
      assert.deepEqual(errors, []);
      assert.deepEqual(foreign, []);
    } finally {
      await browser.close();
    }
  } finally {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
});
