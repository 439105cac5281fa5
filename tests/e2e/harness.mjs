// Shared set-up of the end-to-end tests: serves dist/ on 127.0.0.1, starts Debian's headless
// Chromium through playwright-core, and records console errors and requests to other hosts.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function chromiumPath() {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is not on PATH: the end-to-end tests need it and fail without it');
  }
}

/** Starts the server and the browser. Returns { base, browser, close }. */
export async function start() {
  const server = await startServer(join(ROOT, 'dist'), 0);
  // Compressed before any test runs (see tests/engines/page.mjs).
  await server.compressed;
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** A new page with console errors and foreign requests recorded on page.problems. */
export async function openPage(env, { fragment = '', width = 1280, height = 900, path = '' } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.problems = { consoleErrors: [], foreignRequests: [] };
  const host = new URL(env.base).host;
  page.on('console', (m) => { if (m.type() === 'error') page.problems.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.problems.consoleErrors.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && u.host !== host) page.problems.foreignRequests.push(r.url());
  });
  await page.goto(env.base + path + (fragment ? `#${fragment}` : ''));
  await page.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
  return page;
}

/** The unrounded value of a figure by its results key path. */
export async function kpi(page, key) {
  const v = await page.getAttribute(`[data-kpi="${key}"]`, 'data-value');
  return Number(v);
}

/** Replaces the text of the input with this name, as a user would type it. */
export async function typeInto(page, name, text) {
  const input = page.locator(`input[name="${name}"]`);
  await input.fill('');
  await input.pressSequentially(text);
}

/** How many times the chart has drawn, and how many of its pixels are not background. */
export async function chartState(page, name) {
  return page.evaluate((name) => {
    const c = document.querySelector(`canvas[data-chart="${name}"]`);
    if (!c) return null;
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked++;
    }
    return { draws: Number(c.dataset.draws || 0), inked, width: c.width, height: c.height };
  }, name);
}

/** Records a figure for the summary of scripts/test. */
export function metric(line) {
  const file = join(ROOT, 'target', 'e2e-metrics.txt');
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${line}\n`);
}
