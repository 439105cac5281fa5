// Lighthouse (npm lighthouse 12.8.2) against the built dist/ in Debian's headless Chromium.
// Accessibility must score 100; performance, best practices and SEO are printed as figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { ROOT, metric } from '../e2e/harness.mjs';
import { startServer } from '../../scripts/static-server.mjs';

function chromiumPath() {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is not on PATH: Lighthouse needs it and fails without it');
  }
}

async function audit(url, formFactor) {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const desktop = formFactor === 'desktop';
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      formFactor,
      screenEmulation: desktop
        ? { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }
        : undefined,
      throttlingMethod: 'simulate',
    });
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

test('Lighthouse: accessibility 100, other scores printed', async () => {
  const server = await startServer(join(ROOT, 'dist'), 0);
  try {
    const url = `http://127.0.0.1:${server.address().port}/`;
    for (const formFactor of ['mobile', 'desktop']) {
      const lhr = await audit(url, formFactor);
      const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      metric(`lighthouse ${formFactor}: accessibility ${score('accessibility')}, performance ${score('performance')}, best practices ${score('best-practices')}, SEO ${score('seo')}`);
      const failed = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id))
        .map((a) => `${a.id}: ${a.title}`);
      assert.equal(score('accessibility'), 100, `accessibility (${formFactor}) below 100: ${failed.join('; ')}`);
    }
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});
