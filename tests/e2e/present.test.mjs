// The presentation mode, driven by the keyboard alone at 1920×1080: large type, a lever moved
// with the arrow keys moves the figures (gliding to the new value), and the back-to-start key
// restores the scenario the mode was opened with.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { kpi, openPage, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('keyboard levers move the figures and R brings back the start', async () => {
  const page = await openPage(env, { fragment: 'view=present', width: 1920, height: 1080 });
  const headline = page.locator('[data-kpi="expected.lost_revenue"]');
  const size = await headline.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 48, `headline ${size} px`);
  // Dark and high-contrast: light text on a dark page.
  const colors = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.present-lost')).color]);
  assert.deepEqual(colors, ['rgb(11, 15, 25)', 'rgb(251, 191, 36)']);
  await page.waitForFunction(() => Number(document.querySelector('canvas[data-chart="waterfall"]')?.dataset.draws) > 0);

  const start = await kpi(page, 'expected.lost_revenue');
  const startText = await headline.textContent();
  const response = page.locator('input[type="range"][name="process_now.median_response_minutes"]');
  assert.equal(await response.getAttribute('aria-valuetext'), '8 u');

  // Tab from the top of the page to the first lever: leads followed up today.
  let focused = '';
  for (let i = 0; i < 10 && focused !== 'process_now.follow_up_rate'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (document.activeElement?.type === 'range' ? document.activeElement.name : ''));
  }
  assert.equal(focused, 'process_now.follow_up_rate');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((s) => Number(document.querySelector('[data-kpi="expected.lost_revenue"]').dataset.value) < s, start);
  const moved = await kpi(page, 'expected.lost_revenue');
  assert.equal(await page.locator('input[name="process_now.follow_up_rate"]').getAttribute('aria-valuetext'), '92%');
  // The text glides and then settles on the new figure.
  await page.waitForFunction((t) => document.querySelector('[data-kpi="expected.lost_revenue"]').textContent !== t, startText);
  const settled = await page.evaluate(() => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 })
    .format(Number(document.querySelector('[data-kpi="expected.lost_revenue"]').dataset.value)));
  await page.waitForFunction((t) => document.querySelector('[data-kpi="expected.lost_revenue"]').textContent === t, settled, { timeout: 3000 });

  // The response-time lever is logarithmic: one step right from 8 h is a little slower.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'process_now.median_response_minutes');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((m) => Number(document.querySelector('[data-kpi="expected.lost_revenue"]').dataset.value) < m, moved);
  assert.notEqual(await response.getAttribute('aria-valuetext'), '8 u');

  // Back to start, from the keyboard.
  await page.keyboard.press('r');
  await page.waitForFunction((s) => Number(document.querySelector('[data-kpi="expected.lost_revenue"]').dataset.value) === s, start);
  assert.equal(await response.getAttribute('aria-valuetext'), '8 u');
  await page.waitForFunction((t) => document.querySelector('[data-kpi="expected.lost_revenue"]').textContent === t, startText, { timeout: 3000 });
  assert.deepEqual(page.problems.consoleErrors, []);
  assert.deepEqual(page.problems.foreignRequests, []);
  await page.context().close();
});

test('the levers can move the target process instead, and reduced motion shows figures at once', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${env.base}#view=present&lang=en`);
  await page.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
  const start = await kpi(page, 'expected.lost_revenue');
  await page.getByRole('button', { name: 'Target', exact: true }).click();
  const attempts = page.locator('input[type="range"][name="process_target.attempts"]');
  assert.equal(await attempts.getAttribute('aria-valuetext'), '6 attempts');
  await attempts.focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((s) => Number(document.querySelector('[data-kpi="expected.lost_revenue"]').dataset.value) < s, start);
  // With reduced motion the text is the final figure in the very next frame.
  const [text, value] = await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => {
    const e = document.querySelector('[data-kpi="expected.lost_revenue"]');
    ok([e.textContent, Number(e.dataset.value)]);
  })));
  const expected = await page.evaluate((v) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(v), value);
  assert.equal(text, expected);
  await context.close();
});
