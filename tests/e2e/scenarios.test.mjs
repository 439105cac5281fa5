// Scenarios end to end: autosave, the saved-scenario library, share links (ours and another
// program's, truncated), corrupted storage, import and export (JSON, CSV, PNG), presets, the
// compare view, the embed view's read-only storage, and the print report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { kpi, openPage, start, typeInto } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const KEY = 'leadplan.scenarios';

/** MODEL.md's example scenario, as another program would write it. */
function example() {
  return {
    version: 1, name: 'Typical Dutch dealer', currency: 'EUR',
    revenue_per_sale: 25000, gross_profit_per_sale: 2500, target_sales_per_year: 600,
    benchmark_conversion: 0.13,
    seasonality: [1.15, 1.05, 1.1, 1.0, 1.0, 1.0, 0.9, 0.85, 1.0, 1.0, 0.95, 1.0],
    sources: [
      { name: 'Website', leads_per_month: 120, cost_per_lead: 25, conversion_now: 0.09 },
      { name: 'Importer', leads_per_month: 60, cost_per_lead: 0, conversion_now: 0.07 },
      { name: 'Marktplaats', leads_per_month: 150, cost_per_lead: 12, conversion_now: 0.08 },
      { name: 'AutoTrack', leads_per_month: 80, cost_per_lead: 15, conversion_now: 0.08 },
      { name: 'AutoScout24', leads_per_month: 40, cost_per_lead: 18, conversion_now: 0.09 },
      { name: 'Phone & walk-in', leads_per_month: 60, cost_per_lead: 0, conversion_now: 0.12 },
    ],
    process_now: { follow_up_rate: 0.9, median_response_minutes: 480, response_spread: 4, attempts: 2 },
    process_target: { follow_up_rate: 1.0, median_response_minutes: 7, response_spread: 3, attempts: 6 },
    contact: {
      first_attempt: 0.6, attempt_decay: 0.7,
      response_curve: [[5, 1.0], [60, 0.9], [480, 0.7], [1440, 0.55], [4320, 0.4], [10080, 0.3]],
    },
    simulation: { runs: 10000, seed: 42, volume_cv: 0.15 },
  };
}
const DEFAULT_LEADS = 12 * 510;

/** A share-link payload made the way the issue states it: raw DEFLATE, base64url, no padding. */
function foreignLink(scenario) {
  return deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString('base64url');
}

async function stored(page) {
  return page.evaluate((k) => localStorage.getItem(k), KEY);
}

async function waitStored(page, predicate, arg) {
  await page.waitForFunction(([k, src, a]) => {
    const text = localStorage.getItem(k);
    // eslint-disable-next-line no-new-func
    return text !== null && new Function('doc', 'a', src)(JSON.parse(text), a);
  }, [KEY, predicate, arg]);
}

async function waitKpi(page, key, value) {
  await page.waitForFunction(([k, v]) => Number(document.querySelector(`[data-kpi="${k}"]`)?.dataset.value) === v, [key, value]);
}

async function saveAs(page, name) {
  await page.click('[data-action="save-as"]');
  await page.fill('#scenario-name', name);
  await page.click('[data-action="save-as-confirm"]');
  await page.waitForSelector(`#scenario-switch option:text-is("${name}")`, { state: 'attached' });
}

async function optionNames(page) {
  return page.$$eval('#scenario-switch option', (os) => os.filter((o) => o.value !== '').map((o) => o.textContent));
}

test('autosave: an edit survives a reload', async () => {
  const page = await openPage(env);
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS);
  await typeInto(page, 'sources[0].leads_per_month', '240');
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS + 12 * 120);
  await waitStored(page, 'return doc.scenarios.some((e) => e.scenario.sources[0].leads_per_month === 240)');
  await page.reload();
  await page.waitForSelector('html[data-ready] [data-kpi="expected.leads"]');
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS + 12 * 120);
  assert.equal(await page.inputValue('input[name="sources[0].leads_per_month"]'), '240');
  const doc = JSON.parse(await stored(page));
  assert.equal(doc.format, 'leadplan.scenarios');
  assert.equal(doc.version, 1);
  assert.deepEqual(page.problems.consoleErrors, []);
  await page.context().close();
});

test('save as, rename, duplicate, switch and delete', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  await saveAs(page, 'Plan A');
  await typeInto(page, 'sources[0].leads_per_month', '300');
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS + 12 * 180);
  await page.click('[data-action="duplicate"]');
  await page.waitForSelector('#scenario-switch option:text-is("Plan A (copy)")', { state: 'attached' });
  await typeInto(page, 'sources[0].leads_per_month', '0');
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS - 12 * 120);
  await page.click('[data-action="rename"]');
  await page.fill('#scenario-name', 'Plan A');
  await page.click('[data-action="rename-confirm"]');
  // A name that is taken is refused with a message, and nothing is renamed.
  assert.match(await page.textContent('#scenario-name-msg'), /already/);
  await page.fill('#scenario-name', 'Plan B');
  await page.click('[data-action="rename-confirm"]');
  await page.waitForSelector('#scenario-switch option:text-is("Plan B")', { state: 'attached' });
  assert.deepEqual(await optionNames(page), ['Plan A', 'Plan B']);
  // Switch back: Plan A kept its own edit.
  await page.selectOption('#scenario-switch', { label: 'Plan A' });
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS + 12 * 180);
  await page.selectOption('#scenario-switch', { label: 'Plan B' });
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS - 12 * 120);
  await page.click('[data-action="delete"]');
  await page.click('[data-action="delete-confirm"]');
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS + 12 * 180);
  assert.deepEqual(await optionNames(page), ['Plan A']);
  await waitStored(page, 'return doc.scenarios.length === 1 && doc.scenarios[0].name === "Plan A"');
  await page.reload();
  await page.waitForSelector('html[data-ready] [data-kpi="expected.leads"]');
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS + 12 * 180);
  assert.deepEqual(await optionNames(page), ['Plan A']);
  await page.context().close();
});

test('a share link opens in a fresh profile, without saving, and offers to save', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  await typeInto(page, 'sources[1].leads_per_month', '100');
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS + 12 * 40);
  const lostRevenue = await kpi(page, 'expected.lost_revenue');
  await page.click('[data-action="share"]');
  const link = await page.inputValue('#share-link');
  assert.match(link, /#lang=en&view=plan&s=[A-Za-z0-9_-]+$/);
  assert.ok(await page.isVisible('#share-link'));
  await page.context().close();

  // A new context is a new profile: empty storage.
  const fresh = await env.browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await other.waitForSelector('html[data-ready] [data-kpi="expected.leads"]');
  assert.equal(await kpi(other, 'expected.leads'), DEFAULT_LEADS + 12 * 40);
  assert.equal(await kpi(other, 'expected.lost_revenue'), lostRevenue);
  assert.ok(await other.isVisible('[data-offer="save"]'));
  assert.equal(await stored(other), null, 'opening a link writes nothing');
  await other.click('[data-action="save-offer"]');
  await other.fill('#scenario-name', 'From a colleague');
  await other.click('[data-action="save-as-confirm"]');
  await waitStored(other, 'return doc.scenarios[0].name === "From a colleague" && doc.scenarios[0].scenario.sources[1].leads_per_month === 100');
  await fresh.close();
});

test('the open page follows its address: a pasted link opens, lang= switches, in-page links change nothing', async () => {
  const page = await openPage(env, { fragment: 'lang=nl' });
  await page.evaluate(() => { window.__samePage = true; });
  // The skip link changes the fragment to #results: same page, nothing reset.
  await typeInto(page, 'sources[1].leads_per_month', '100');
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS + 12 * 40);
  // Not a pause but the app's own handling of the change: this listener comes after the app's,
  // so when it runs the app has decided (a reload would have started: the Navigation API's
  // navigate event reports it as it starts), and whatever the app dispatched has rendered by
  // the second frame after it.
  const handled = await page.evaluate(() => new Promise((ok) => {
    let reload = false;
    navigation.addEventListener('navigate', (e) => { reload ||= e.navigationType === 'reload'; });
    addEventListener('hashchange', () => {
      requestAnimationFrame(() => requestAnimationFrame(() => ok({ reload })));
    }, { once: true });
    location.hash = 'results';
  }));
  assert.equal(handled.reload, false, 'an in-page link does not reload the page');
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS + 12 * 40);
  assert.equal(await page.evaluate(() => window.__samePage), true);
  // A hand-edited language: switched in place, nothing lost.
  await page.evaluate(() => { location.hash = 'lang=en&view=plan'; });
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS + 12 * 40);
  assert.equal(await page.evaluate(() => window.__samePage), true);
  // A share link pasted into the address bar of the open tab opens its scenario.
  const s = example();
  s.sources[0].leads_per_month = 200;
  await page.evaluate((link) => { location.hash = `lang=en&view=plan&s=${link}`; }, foreignLink(s));
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS + 12 * 80);
  assert.ok(await page.isVisible('[data-offer="save"]'), 'offered for saving, as a link is');
  assert.deepEqual(page.problems.consoleErrors, []);
  await page.context().close();
});

test('the default link is short; a link from another program opens; saved scenarios are not overwritten', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  await page.click('[data-action="share"]');
  const payload = (await page.inputValue('#share-link')).split('&s=')[1];
  assert.ok(payload.length < 1000, `${payload.length} characters`);
  await saveAs(page, 'Mine');
  const before = await stored(page);
  const scenario = example();
  scenario.sources[0].leads_per_month = 200;
  scenario.name = 'Made elsewhere';
  // Same page, new fragment: the app opens the link afresh by itself.
  const reopened = page.waitForEvent('load');
  await page.goto(`${env.base}#lang=en&view=plan&s=${foreignLink(scenario)}`);
  await reopened;
  await page.waitForSelector('html[data-ready] [data-kpi="expected.leads"]');
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS + 12 * 80);
  assert.ok(await page.isVisible('[data-offer="save"]'));
  assert.equal(await stored(page), before);
  await page.context().close();
});

test('a truncated or tampered link shows an alert naming the problem and opens on defaults', async () => {
  const payload = foreignLink(example());
  for (const [bad, words] of [[payload.slice(0, payload.length >> 1), /cut short/], [`${payload.slice(0, 10)}*!${payload.slice(12)}`, /characters/]]) {
    const page = await openPage(env, { fragment: `lang=en&view=plan&s=${bad}` });
    const alert = page.locator('[role="alert"][data-notice="link"]');
    assert.match(await alert.textContent(), words);
    assert.match(await alert.textContent(), /default scenario/);
    assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS);
    await page.context().close();
  }
  const invalid = example();
  invalid.sources[2].conversion_now = 3;
  const page = await openPage(env, { fragment: `lang=nl&s=${foreignLink(invalid)}` });
  const text = await page.locator('[role="alert"][data-notice="link"]').textContent();
  assert.match(text, /sources\[2\]\.conversion_now/);
  assert.match(text, /standaardscenario/);
  await page.context().close();
});

test('corrupted storage shows a notice and opens on defaults; one bad scenario among good ones is left out', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  await page.evaluate((k) => localStorage.setItem(k, '{not json at all'), KEY);
  await page.reload();
  await page.waitForSelector('html[data-ready] [data-kpi="expected.leads"]');
  assert.match(await page.textContent('[data-notice="storage"]'), /could not be read/);
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS);
  // An edit saves again, after the garbage was backed up.
  await typeInto(page, 'sources[0].leads_per_month', '121');
  await waitStored(page, 'return doc.scenarios.length === 1');
  assert.equal(await page.evaluate(() => localStorage.getItem('leadplan.scenarios.backup')), '{not json at all');

  const good = example();
  good.sources[0].leads_per_month = 10;
  const bad = example();
  bad.process_now.attempts = 'many';
  const doc = { format: KEY, version: 1, current: 1, scenarios: [{ name: 'Broken', scenario: bad }, { name: 'Good', scenario: good }] };
  await page.evaluate(([k, d]) => localStorage.setItem(k, d), [KEY, JSON.stringify(doc)]);
  await page.reload();
  await page.waitForSelector('html[data-ready] [data-kpi="expected.leads"]');
  const notice = await page.textContent('[data-notice="storage"]');
  assert.match(notice, /Broken/);
  assert.match(notice, /process_now\.attempts/);
  assert.deepEqual(await optionNames(page), ['Good']);
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS - 12 * 110);
  await page.context().close();
});

test('full or disabled storage: a notice says so, and the planner keeps working', async () => {
  // Full: every write of the library fails with the browser's QuotaExceededError.
  const context = await env.browser.newContext();
  await context.addInitScript((k) => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === k) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  }, KEY);
  const full = await context.newPage();
  await full.goto(`${env.base}#lang=en`);
  await full.waitForSelector('html[data-ready] [data-kpi="expected.leads"]');
  await typeInto(full, 'sources[0].leads_per_month', '121');
  await full.waitForSelector('[data-notice="storage"][role="alert"]');
  assert.match(await full.textContent('[data-notice="storage"]'), /storage is full/i);
  assert.equal(await kpi(full, 'expected.leads'), DEFAULT_LEADS + 12);
  await context.close();

  // Disabled: reading localStorage throws (as with cookies blocked).
  const blocked = await env.browser.newContext();
  await blocked.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('Access is denied.', 'SecurityError'); } });
  });
  const off = await blocked.newPage();
  const errors = [];
  off.on('pageerror', (e) => errors.push(String(e)));
  await off.goto(`${env.base}#lang=en`);
  await off.waitForSelector('html[data-ready] [data-kpi="expected.leads"]');
  assert.match(await off.textContent('[data-notice="storage"]'), /storage is disabled/i);
  await typeInto(off, 'sources[0].leads_per_month', '121');
  await waitKpi(off, 'expected.leads', DEFAULT_LEADS + 12);
  assert.deepEqual(errors, []);
  await blocked.close();
});

test('import: a good file is opened and saved; a bad file lists every problem and changes nothing', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  const scenario = example();
  scenario.name = 'Imported plan';
  scenario.sources[3].leads_per_month = 20;
  await page.setInputFiles('input[data-action="import"]', { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario, null, 2)) });
  await page.waitForSelector('[data-import="ok"]');
  await waitKpi(page, 'expected.leads', DEFAULT_LEADS - 12 * 60);
  assert.deepEqual(await optionNames(page), ['Imported plan']);
  const before = await stored(page);

  const broken = example();
  broken.sources[2].conversion_now = 1.5;
  broken.process_now.attempts = 0;
  delete broken.revenue_per_sale;
  await page.setInputFiles('input[data-action="import"]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const alert = page.locator('[role="alert"][data-import="failed"]');
  await alert.waitFor();
  const text = await alert.textContent();
  for (const path of ['revenue_per_sale', 'sources[2].conversion_now', 'process_now.attempts']) {
    assert.ok(text.includes(path), `${path} in ${text}`);
  }
  assert.equal(await alert.locator('li').count(), 3);
  assert.equal(await kpi(page, 'expected.leads'), DEFAULT_LEADS - 12 * 60);
  assert.equal(await stored(page), before);
  await page.context().close();
});

test('export: the JSON file is the scenario, the CSV opens in Dutch Excel, a chart saves as PNG', async () => {
  const page = await openPage(env);
  let [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-json"]')]);
  assert.equal(download.suggestedFilename(), 'Typical Dutch dealer.json');
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), example());

  [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-csv"]')]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l);
  assert.equal(lines.length, 1 + 12 + 6 + 1);
  assert.match(lines[0], /^Soort;Naam;Leads/);
  assert.ok(lines.every((l) => l.split(';').length === 17), 'every row has the 17 columns (both plans included)');
  assert.ok(lines.includes(lines.find((l) => l.startsWith('Bron;Website;1440,00;'))));
  assert.ok(!/\d\.\d/.test(lines.slice(1).join('\n')), 'no decimal points in Dutch');

  await page.waitForFunction(() => Number(document.querySelector('canvas[data-chart="monthly"]')?.dataset.draws) > 0);
  [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-png"][data-chart-png="monthly"]')]);
  assert.equal(download.suggestedFilename(), 'leadplan-monthly.png');
  const png = readFileSync(await download.path());
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.ok(png.length > 2000);
  await page.context().close();
});

test('a workshop preset loads as a new unsaved scenario and leaves saved ones alone', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  await saveAs(page, 'Mine');
  const before = await stored(page);
  await page.selectOption('[data-action="preset"]', 'portal-heavy');
  assert.match(await page.textContent('#preset-story'), /Marktplaats/);
  await page.click('[data-action="load-preset"]');
  await waitKpi(page, 'expected.leads', 12 * 640);
  assert.ok(await page.isVisible('[data-offer="save"]'));
  // The saved scenarios are unchanged; only which one is open (none) differs.
  assert.deepEqual(JSON.parse(await stored(page)).scenarios, JSON.parse(before).scenarios);
  await page.context().close();
});

test('compare: two saved scenarios side by side, same seed, differences marked in colour and words', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  await saveAs(page, 'Today');
  await page.click('[data-action="duplicate"]');
  await page.waitForSelector('#scenario-switch option:text-is("Today (copy)")', { state: 'attached' });
  await typeInto(page, 'process_now.median_response_minutes', '10 min');
  await page.click('[data-action="rename"]');
  await page.fill('#scenario-name', 'Fast');
  await page.click('[data-action="rename-confirm"]');
  await waitStored(page, 'return doc.scenarios[1].name === "Fast" && doc.scenarios[1].scenario.process_now.median_response_minutes === 10');
  await page.click('[data-action="compare"]');
  await page.waitForSelector('[data-scenario="Fast"]');
  assert.equal(await page.locator('[data-scenario]').count(), 2);
  assert.match(page.url(), /view=compare/);
  const lost = async (name) => Number(await page.getAttribute(`[data-scenario="${name}"] [data-kpi="expected.lost_revenue"]`, 'data-value'));
  assert.ok(await lost('Fast') < await lost('Today'));
  const delta = page.locator('[data-scenario="Fast"] .delta.better').first();
  assert.match(await delta.textContent(), /Δ [+−].*better/);
  assert.equal(await page.locator('[data-scenario="Today"] .delta').count(), 0);
  assert.match(await page.textContent('.compare'), /seed 42/);
  for (const chart of ['monthly-0', 'waterfall-0', 'monthly-1', 'waterfall-1']) {
    await page.waitForFunction((c) => Number(document.querySelector(`canvas[data-chart="${c}"]`)?.dataset.draws) > 0, chart);
  }
  await page.waitForSelector('[data-scenario="Fast"] [data-kpi="simulation.annual.sales_now.p50"]');
  // Reloading keeps the view.
  await page.reload();
  await page.waitForSelector('[data-scenario="Fast"]');
  await page.context().close();
});

test('the embed view neither reads nor writes storage', async () => {
  const page = await openPage(env);
  const defaultLost = await kpi(page, 'expected.lost_revenue');
  await saveAs(page, 'Mine');
  await typeInto(page, 'sources[0].leads_per_month', '300');
  await waitStored(page, 'return doc.scenarios[0].scenario.sources[0].leads_per_month === 300');
  const before = await stored(page);
  const reopened = page.waitForEvent('load');
  await page.goto(`${env.base}#view=embed`);
  await reopened;
  await page.waitForSelector('html[data-ready] [data-kpi="expected.lost_revenue"]');
  // The saved, open scenario is not read: the widget shows the default (its sources combined
  // into one, with the combined conversion rounded to 0.01%: within 0.5% of the default).
  const embedLost = await kpi(page, 'expected.lost_revenue');
  assert.ok(Math.abs(embedLost - defaultLost) / defaultLost < 0.005, `${embedLost} vs ${defaultLost}`);
  // Instead of a pause, states the widget reaches only after its opening renders' effects (of
  // which autosave is one) have run: its chart has drawn (in a task its effect queues), and the
  // link to the planner has its address (the browser compresses it asynchronously, started by
  // an effect, and a render sets it). Any write would have happened by then.
  await page.waitForFunction(() =>
    Number(document.querySelector('canvas[data-chart="waterfall"]')?.dataset.draws) > 0 &&
    document.querySelector('a[data-planner-link]')?.href.length > 0);
  assert.equal(await stored(page), before);
  assert.equal(await page.locator('.scenario-bar').count(), 0);
  await page.context().close();
});

test('print: controls hidden, report header with date and sources, one A4 page', async () => {
  const page = await openPage(env, { fragment: 'lang=en' });
  await page.waitForFunction(() => Number(document.querySelector('canvas[data-chart="monthly"]')?.dataset.draws) > 0);
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['[data-action="share"]', '.scenario-bar', 'input[type="range"]', '[data-action="export-png"]', '.lang-switch', 'button']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} hidden in print`);
  }
  assert.ok(await page.isVisible('.print-header'));
  assert.match(await page.textContent('.print-header'), /Printed on .*\d/);
  assert.match(await page.textContent('.print-header'), /DCDW/);
  assert.ok(await page.isVisible('[data-kpi="expected.lost_revenue"]'));
  assert.ok(await page.isVisible('canvas[data-chart="monthly"]'));
  assert.ok(await page.isVisible('input[name="sources[0].leads_per_month"]'));
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `${pages} pages`);
  await page.context().close();
});
