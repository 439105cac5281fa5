// The embedded widget from another origin: embed-demo.html is served by a second static server
// (another port, so another origin) with its iframe pointing at the app server. At 320 px and
// 720 px the iframe has no scrollbars, its height follows the widget's content, the widget sets
// no cookies, writes no storage, and nothing is requested from any other host. The planner's
// embed dialog gives the snippet of the scenario on screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { ROOT, kpi, openPage, start, typeInto } from './harness.mjs';
import { startServer } from '../../scripts/static-server.mjs';

let env;
let article;
let articleDir;
before(async () => {
  env = await start();
  // The demo as shipped, with its relative iframe src pointed at the app's origin.
  const demo = await readFile(join(ROOT, 'dist', 'embed-demo.html'), 'utf8');
  assert.match(demo, /<iframe src="\.\/widget\.html#view=embed&amp;lang=nl&amp;s=/, 'the demo embeds the widget with a relative src');
  articleDir = await mkdtemp(join(tmpdir(), 'leadplan-article-'));
  await writeFile(join(articleDir, 'embed-demo.html'), demo.replace('<iframe src="./widget.html#', `<iframe src="${env.base}widget.html#`));
  article = await startServer(articleDir, 0);
});
after(async () => {
  await env?.close();
  await new Promise((ok) => (article ? article.close(ok) : ok()));
  if (articleDir) await rm(articleDir, { recursive: true, force: true });
});

/** Opens the article at a width; returns the page, the widget's frame and the requests seen. */
async function openArticle(width) {
  const context = await env.browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const articleBase = `http://127.0.0.1:${article.address().port}/`;
  await page.goto(`${articleBase}embed-demo.html`);
  const iframe = page.locator('iframe');
  await iframe.scrollIntoViewIfNeeded();
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
  await frame.waitForFunction(() => Number(document.querySelector('canvas[data-chart="waterfall"]')?.dataset.draws) > 0);
  await waitForFit(page, frame);
  return { context, page, frame, requests, errors, articleBase };
}

async function iframeHeight(page) {
  return page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
}

/** Waits (at most five seconds) until the iframe is exactly as tall as the widget's document,
 * and returns that height. The two heights live in two origins, so no one page function sees
 * both: this checks them once per animation frame of the article, when a new height can have
 * been laid out. */
async function waitForFit(page, frame) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const outer = await iframeHeight(page);
    const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    if (outer > 150 && Math.abs(outer - inner) <= 1) return outer;
    if (Date.now() > deadline) {
      assert.fail(`the iframe (${outer} px) never fitted its content (${inner} px) within 5 s`);
    }
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(ok)));
  }
}

async function assertNoScrollbars(frame, label) {
  const m = await frame.evaluate(() => {
    const e = document.scrollingElement || document.documentElement;
    return { sh: e.scrollHeight, ch: e.clientHeight, sw: e.scrollWidth, cw: e.clientWidth };
  });
  assert.ok(m.sh <= m.ch, `${label}: scrollHeight ${m.sh} > clientHeight ${m.ch}`);
  assert.ok(m.sw <= m.cw, `${label}: scrollWidth ${m.sw} > clientWidth ${m.cw}`);
}

async function assertNothingKept(context, frame, requests, articleBase) {
  assert.deepEqual(await context.cookies(), []);
  const kept = await frame.evaluate(() => ({ cookie: document.cookie, local: localStorage.length, session: sessionStorage.length }));
  assert.deepEqual(kept, { cookie: '', local: 0, session: 0 });
  const allowed = new Set([new URL(env.base).host, new URL(articleBase).host]);
  const foreign = requests.filter((u) => u.startsWith('http') && !allowed.has(new URL(u).host));
  assert.deepEqual(foreign, []);
}

for (const width of [320, 720]) {
  test(`at ${width} px the widget fits its iframe, follows its content's height, and keeps nothing`, async () => {
    const { context, page, frame, requests, errors, articleBase } = await openArticle(width);
    assert.notEqual(new URL(frame.url()).host, new URL(articleBase).host, 'the widget comes from another origin');
    // The widget alone: no app header or footer.
    assert.equal(await frame.locator('header.app-header, footer.app-footer').count(), 0);
    await assertNoScrollbars(frame, 'opened');
    const first = await iframeHeight(page);

    // A message under a field makes the widget taller; the iframe grows with it, still no scrollbars.
    const leads = frame.locator('input[name="sources[0].leads_per_month"]');
    await leads.fill('veel');
    await frame.waitForSelector('input[name="sources[0].leads_per_month"][aria-invalid="true"]');
    const taller = await waitForFit(page, frame);
    assert.ok(taller > first, `height ${taller} > ${first} after an error message appeared`);
    await assertNoScrollbars(frame, 'with a message');

    // Fixed again: the figure moves and the iframe shrinks back.
    const before = await kpi(frame, 'expected.lost_revenue');
    await leads.fill('1020');
    await frame.waitForFunction((b) => Number(document.querySelector('[data-kpi="expected.lost_revenue"]').dataset.value) > b, before);
    await page.waitForFunction((h) => document.querySelector('iframe').getBoundingClientRect().height < h, taller);
    await waitForFit(page, frame);
    await assertNoScrollbars(frame, 'fixed');

    // The link to the full planner opens a new tab on the widget's scenario.
    const link = frame.locator('a[data-planner-link]');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener');
    const href = await link.getAttribute('href');
    assert.ok(href.startsWith(`${env.base}#view=plan&`), href);
    assert.match(href, /[#&]s=[A-Za-z0-9_-]+/);

    assert.deepEqual(errors, []);
    await assertNothingKept(context, frame, requests, articleBase);
    await context.close();
  });
}

test('the iframe height follows a change of the viewport width', async () => {
  const { context, page, frame, requests, articleBase } = await openArticle(720);
  const wide = await iframeHeight(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.waitForFunction((h) => document.querySelector('iframe').getBoundingClientRect().height > h + 50, wide);
  const narrow = await waitForFit(page, frame);
  assert.ok(narrow > wide, `${narrow} > ${wide}`);
  await assertNoScrollbars(frame, '320 px after 720 px');
  await assertNothingKept(context, frame, requests, articleBase);
  await context.close();
});

test('the full planner opened from the widget shows the widget\'s scenario', async () => {
  const { context, frame } = await openArticle(720);
  await frame.locator('input[name="revenue_per_sale"]').fill('31000');
  await frame.waitForFunction(() => document.querySelector('a[data-planner-link]').href.length > 0);
  const widgetLost = await kpi(frame, 'expected.lost_revenue');
  const [planner] = await Promise.all([
    context.waitForEvent('page'),
    frame.locator('a[data-planner-link]').click(),
  ]);
  await planner.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
  assert.equal(await planner.locator('input[name="revenue_per_sale"]').inputValue(), '31000');
  assert.equal(await planner.locator('header.app-header').count(), 1);
  assert.equal(await kpi(planner, 'expected.lost_revenue'), widgetLost);
  await context.close();
});

test('the embed dialog gives the snippet of the scenario on screen, selected, and closes back to its button', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  const scenarioIn = async () => {
    const code = await page.inputValue('#embed-code');
    const src = code.match(/<iframe src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    assert.match(src, /#view=embed&lang=en&s=[A-Za-z0-9_-]+$/);
    return JSON.parse(inflateRawSync(Buffer.from(src.split('&s=')[1], 'base64url')).toString('utf8'));
  };
  await page.click('.embed-open');
  await page.waitForSelector('dialog.embed-dialog[open]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'embed-code');
  const selected = await page.evaluate(() => {
    const a = document.getElementById('embed-code');
    return a.selectionEnd - a.selectionStart === a.value.length && a.value.length > 0;
  });
  assert.ok(selected, 'the whole code is selected');
  assert.equal((await scenarioIn()).sources[0].leads_per_month, 120);
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.embed-dialog:not([open])', { state: 'attached' });
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'embed-open');
  // A changed scenario: the dialog shows the new one, never the old.
  await typeInto(page, 'sources[0].leads_per_month', '130');
  await page.waitForFunction(() => document.querySelector('[data-kpi="expected.leads"]').dataset.value === String(12 * 520));
  await page.click('.embed-open');
  await page.waitForSelector('dialog.embed-dialog[open]');
  assert.equal((await scenarioIn()).sources[0].leads_per_month, 130);
  assert.deepEqual(page.problems.consoleErrors, []);
  await page.context().close();
});
