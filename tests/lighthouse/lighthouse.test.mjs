// Lighthouse (npm lighthouse 12.8.2) against the built dist/ in Debian's headless Chromium, served
// compressed as every real host serves it (scripts/static-server.mjs). For each entry point, the
// planner and the widget: accessibility must score 100; the performance figures (score, LCP,
// TBT, CLS) are printed as medians of 3 runs, mobile (default throttling) and desktop, with
// Lighthouse's benchmark index of the host (its CPU speed: a slower host's runs block longer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
// Lighthouse's own desktop settings (desktop throttling, screen and user agent): a desktop run
// with the mobile throttling would score a phone's load against desktop thresholds.
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
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
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      throttlingMethod: 'simulate',
    }, formFactor === 'desktop' ? desktopConfig : undefined);
    const settings = result.lhr.configSettings;
    assert.equal(settings.formFactor, formFactor, 'Lighthouse ran with the wrong form factor');
    assert.equal(settings.throttling.cpuSlowdownMultiplier, formFactor === 'desktop' ? 1 : 4,
      `Lighthouse ${formFactor} ran with another CPU throttling than its own default`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

const ENTRIES = [['planner', ''], ['widget', 'widget.html#lang=nl']];
const RUNS = 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [entry, path] of ENTRIES) {
  test(`Lighthouse, ${entry}: accessibility 100, performance figures printed (median of ${RUNS})`, { timeout: 20 * 60_000 }, async () => {
    const server = await startServer(join(ROOT, 'dist'), 0);
    // Every file compressed before the first audit, as a host serving precompressed files has
    // them: no audit measures the server's compression instead of the page.
    await server.compressed;
    try {
      const url = `http://127.0.0.1:${server.address().port}/${path}`;
      for (const formFactor of ['mobile', 'desktop']) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) {
          const lhr = await audit(url, formFactor);
          const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
          const failed = Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id))
            .map((a) => `${a.id}: ${a.title}`);
          assert.equal(score('accessibility'), 100, `accessibility (${entry}, ${formFactor}) below 100: ${failed.join('; ')}`);
          const transferred = (lhr.audits['network-requests']?.details?.items ?? []).reduce((s, r) => s + (r.transferSize || 0), 0);
          runs.push({
            performance: score('performance'), bestPractices: score('best-practices'), seo: score('seo'),
            lcp: lhr.audits['largest-contentful-paint'].numericValue,
            tbt: lhr.audits['total-blocking-time'].numericValue,
            cls: lhr.audits['cumulative-layout-shift'].numericValue,
            transferred,
            // Lighthouse's measure of the host's CPU speed: the mobile figures are this host's
            // main-thread times × 4, so the index says what machine they describe.
            benchmark: lhr.environment.benchmarkIndex,
          });
        }
        const m = (k) => median(runs.map((r) => r[k]));
        metric(`lighthouse ${entry} ${formFactor} (median of ${RUNS}, served compressed): performance ${m('performance')} (${runs.map((r) => r.performance).join(', ')}), LCP ${(m('lcp') / 1000).toFixed(2)} s, TBT ${Math.round(m('tbt'))} ms, CLS ${m('cls').toFixed(3)}, transferred ${(m('transferred') / 1000).toFixed(1)} KB; accessibility 100, best practices ${m('bestPractices')}, SEO ${m('seo')}; host benchmark index ${Math.round(m('benchmark'))}`);
      }
    } finally {
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(ok));
    }
  });
}
