// The first paint before the WebAssembly (issue 11.3), in the engine named by LEADPLAN_ENGINE,
// through W3C WebDriver. The server holds every .wasm response until the test releases it, so
// the page is read exactly as a visitor sees it while the wasm loads:
// - the planner's and the widget's static figures are the `leadplan` command's for the default
//   scenario, and the same numbers in the same text as the app shows once it runs;
// - a share link, or a planner with saved scenarios, never shows the default's figures (the DOM
//   holds none of them) and the app then shows the link's;
// - the takeover does not move the headline figures (their boxes before and after agree within
//   1 px) and, in Chromium, the layout shifts of load and takeover add up to at most 0.02.
// The pages load in a full-size same-origin frame: a held preload delays a page's load event,
// which a top-level WebDriver navigation would wait for. Each case has a server (an origin) of
// its own, so no service worker from an earlier case answers for the held wasm.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { startServer } from '../../scripts/static-server.mjs';
import { startEngine } from './driver.mjs';
import { js, setViewport, unstuck, waitFor } from './page.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The figures the first paint shows (the planner's headline cards; the widget's headline).
const PLANNER_KEYS = ['expected.lost_revenue', 'expected.lost_sales', 'expected.sales_now', 'expected.sales_target', 'expected.leads', 'expected.cost'];
const WIDGET_KEYS = ['expected.lost_revenue', 'expected.sales_now', 'expected.sales_target'];

let engine;
let site;
let leadplanBin;
const servers = [];

before(async () => {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: run the release build first');
  const cargo = existsSync(join(homedir(), '.cargo', 'bin', 'cargo')) ? join(homedir(), '.cargo', 'bin', 'cargo') : 'cargo';
  execFileSync(cargo, ['build', '--quiet', '--release', '--bin', 'leadplan'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  leadplanBin = join(ROOT, 'target', 'release', 'leadplan');
  // dist/ plus a page that frames the page under test at the full size of the window.
  site = await mkdtemp(join(tmpdir(), 'leadplan-first-paint-'));
  await cp(join(ROOT, 'dist'), site, { recursive: true });
  await writeFile(join(site, 'frame.html'), '<!doctype html><meta charset="utf-8"><title>frame</title>' +
    '<style>html,body{margin:0;height:100%}iframe{position:fixed;inset:0;width:100%;height:100%;border:0}</style>');
  engine = await startEngine();
  await setViewport(engine.driver, 1280, 900);
});

after(async () => {
  await engine?.close();
  for (const s of servers) {
    s.closeAllConnections?.();
    await new Promise((ok) => (s.listening ? s.close(ok) : ok()));
  }
  if (site) await rm(site, { recursive: true, force: true });
});

function leadplan(args, input = '') {
  return execFileSync(leadplanBin, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
}

function at(doc, key) {
  return key.split('.').reduce((v, k) => v?.[k], doc);
}

/**
 * Opens `path#fragment` in the frame on a fresh origin whose .wasm is held; `storage` is put in
 * its LocalStorage first; `size` ([width, height] in CSS px) makes the frame that size instead of
 * the window's. Returns { d, release, fail } once the static page is parsed: `release()` lets the
 * .wasm through, `fail()` answers it with a 404.
 */
async function openHeld(path, fragment = '', storage = {}, size = null) {
  let release;
  let fail;
  const held = new Promise((ok, no) => { release = ok; fail = no; });
  // Failed before any request awaits it: not an unhandled rejection here (requests get a 404).
  held.catch(() => {});
  const server = await startServer(site, 0, '127.0.0.1', { hold: (name) => (name.endsWith('.wasm') ? held : undefined) });
  servers.push(server);
  const base = `http://127.0.0.1:${server.address().port}/`;
  // A page that stopped answering in an earlier test: a new session, so it fails that test only.
  engine = await unstuck(engine);
  const d = engine.driver;
  await d.get(`${base}frame.html`);
  await js(d, (items, src, wh) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
    const frame = document.createElement('iframe');
    frame.src = src;
    if (wh) Object.assign(frame.style, { width: `${wh[0]}px`, height: `${wh[1]}px` });
    document.body.append(frame);
  }, storage, path + (fragment ? `#${fragment}` : ''), size);
  await waitFor(d, `the static page of ${path}`, () => {
    const doc = document.querySelector('iframe')?.contentDocument;
    return doc?.readyState !== 'loading' && doc?.querySelector('#app .fp') !== null && doc.defaultView.getComputedStyle(doc.body).marginTop === "0px";
  }, [], 30_000);
  return { d, release, fail };
}

/** What the frame shows now: the visible static (`[data-fp]`) or app (`[data-kpi]`) figures, with their boxes. */
async function figures(d, attr, keys) {
  return js(d, (a, ks) => {
    const doc = document.querySelector('iframe').contentDocument;
    const out = {};
    for (const k of ks) {
      const e = [...doc.querySelectorAll(`[${a}="${k}"]`)].find((el) => el.getClientRects().length > 0);
      if (!e) continue;
      const r = e.getBoundingClientRect();
      out[k] = { text: e.textContent, value: e.dataset.value, box: [r.x, r.y, r.width, r.height] };
    }
    return out;
  }, attr, keys);
}

/**
 * Releases the wasm and returns the app's figures as its first render lays them out: read in
 * the mutation that puts them in (before any paint, and before anything the app does later, such
 * as the simulation's P10–P90 lines, can move them); then waits two frames so it is on screen.
 */
async function takeover(d, release, keys) {
  await js(d, (ks) => {
    const w = document.querySelector('iframe').contentWindow;
    const doc = w.document;
    w.__fpTakeover = new Promise((ok) => {
      const o = new w.MutationObserver(() => {
        if (doc.querySelector('[data-kpi="expected.lost_revenue"]') === null || doc.querySelector('#app .fp') !== null) return;
        o.disconnect();
        const out = {};
        for (const k of ks) {
          const e = [...doc.querySelectorAll(`[data-kpi="${k}"]`)].find((el) => el.getClientRects().length > 0);
          if (!e) continue;
          const r = e.getBoundingClientRect();
          out[k] = { text: e.textContent, value: e.dataset.value, box: [r.x, r.y, r.width, r.height] };
        }
        ok(out);
      });
      o.observe(doc.getElementById('app'), { childList: true, subtree: true });
    });
    return true;
  }, keys);
  release();
  await waitFor(d, 'the app to take over', () => {
    const doc = document.querySelector('iframe').contentDocument;
    return doc.querySelector('[data-kpi="expected.lost_revenue"]') !== null && doc.querySelector('#app .fp') === null;
  }, [], 60_000);
  return js(d, () => {
    const w = document.querySelector('iframe').contentWindow;
    return new Promise((ok) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => ok(w.__fpTakeover))));
  });
}

/** The sum of the frame's layout shifts so far, or null where the engine does not report them. */
async function layoutShift(d) {
  return js(d, () => {
    const w = document.querySelector('iframe').contentWindow;
    if (!w.PerformanceObserver?.supportedEntryTypes?.includes('layout-shift')) return null;
    return new Promise((ok) => {
      const o = new w.PerformanceObserver(() => {});
      o.observe({ type: 'layout-shift', buffered: true });
      // Buffered entries arrive with the first callback or takeRecords, whichever is first.
      w.setTimeout(() => {
        const entries = o.takeRecords();
        o.disconnect();
        ok(entries.filter((e) => !e.hadRecentInput).reduce((s, e) => s + e.value, 0));
      }, 0);
    });
  });
}

function sameBoxes(before, afterwards, keys, page) {
  for (const k of keys) {
    assert.ok(afterwards[k], `${page}: the app shows ${k}`);
    assert.equal(afterwards[k].text, before[k].text, `${page}: ${k} reads the same before and after the wasm`);
    const off = before[k].box.map((v, i) => Math.abs(v - afterwards[k].box[i]));
    assert.ok(off.every((o) => o <= 1), `${page}: ${k} moved: ${before[k].box} → ${afterwards[k].box}`);
  }
}

async function checkDefault(path, keys, within) {
  const { d, release } = await openHeld(path);
  assert.equal(await js(d, () => document.querySelector('iframe').contentDocument.querySelector('[data-kpi]')), null, 'the app has not run yet');
  const results = JSON.parse(leadplan(['run', '-'], leadplan(['example'])));
  const shown = await figures(d, 'data-fp', keys);
  for (const k of keys) {
    assert.ok(shown[k], `${path}: the static page shows ${k}`);
    const want = at(results, k);
    assert.ok(Math.abs(Number(shown[k].value) - want) <= within * Math.abs(want), `${path}: static ${k} is ${shown[k].value}, the command says ${want}`);
    assert.match(shown[k].text, /\d/, `${path}: ${k} is a figure`);
  }
  // Dutch, as the app opens by default.
  assert.match(shown['expected.lost_revenue'].text, /^€\u00a0\d{1,3}(\.\d{3})+$/);
  const app = await takeover(d, release, keys);
  for (const k of keys) assert.equal(app[k].value, shown[k].value, `${path}: the app's ${k} is the static one`);
  sameBoxes(shown, app, keys, path);
  const cls = await layoutShift(d);
  if (engine.engine === 'chromium') {
    assert.notEqual(cls, null, 'Chromium reports layout shifts');
    assert.ok(cls <= 0.02, `${path}: layout shift ${cls} > 0.02`);
    engine.metric(`first paint: ${path} layout shift from load through the takeover: ${cls.toFixed(4)}`);
  }
}

test('the planner paints the default\'s figures before the wasm, the command\'s, and the app takes over in place', async () => {
  await checkDefault('index.html', PLANNER_KEYS, 1e-12);
});

test('the widget paints the default\'s figures before the wasm, and the app takes over in place', async () => {
  // The widget combines the sources into one (src/state/widget.rs): within 0.1% of the command.
  await checkDefault('widget.html', WIDGET_KEYS, 1e-3);
});

test('English first paint for lang=en, with the same boxes as the app\'s', async () => {
  const { d, release } = await openHeld('widget.html', 'lang=en');
  const shown = await figures(d, 'data-fp', WIDGET_KEYS);
  assert.match(shown['expected.lost_revenue'].text, /^€\d{1,3}(,\d{3})+$/);
  assert.equal(await js(d, () => document.querySelector('iframe').contentDocument.documentElement.lang), 'en');
  sameBoxes(shown, await takeover(d, release, WIDGET_KEYS), WIDGET_KEYS, 'widget.html#lang=en');
});

test('on a phone the results do not move on screen from the first paint until the planner is whole', async () => {
  // Lighthouse's phone (412 × 823): the first paint shows the economics inputs and the results
  // begin below the window. The app mounts the planner in stages; while the later input groups
  // are not in, the results must not move up into the window and down again when they come.
  // Each frame's position is read in its animation frame callback (every engine has them; an
  // iframe's layout shifts are not reported as a top-level page's are).
  const { d, release } = await openHeld('index.html', '', {}, [412, 823]);
  await js(d, () => {
    const w = document.querySelector('iframe').contentWindow;
    w.__tops = [];
    const sample = () => {
      const results = [...w.document.querySelectorAll('.results')].find((e) => e.getClientRects().length > 0);
      const top = results ? Math.round(results.getBoundingClientRect().top) : null;
      if (w.__tops.at(-1) !== top) w.__tops.push(top);
      if (!w.document.querySelector('.planner[data-mounted]')) w.requestAnimationFrame(sample);
    };
    sample();
    return true;
  });
  release();
  await waitFor(d, 'the planner to be whole', () =>
    document.querySelector('iframe').contentDocument.querySelector('.planner[data-mounted]') !== null, [], 60_000);
  const { tops, height } = await js(d, () => {
    const w = document.querySelector('iframe').contentWindow;
    return { tops: w.__tops, height: w.innerHeight };
  });
  assert.ok(tops[0] > height, `the first paint's results begin below the window (${tops[0]} px, the window ${height} px)`);
  // Content mounting above the results may push them down, out of sight; nothing may pull them
  // up (a stage shorter than the first paint) or move them where they can be seen.
  const moves = tops.slice(1).map((t, i) => [tops[i], t])
    .filter(([a, b]) => a !== null && b !== null && a !== b && (b < a || Math.min(a, b) < height));
  assert.deepEqual(moves, [], `the results' top, frame by frame: ${tops.join(' → ')}`);
  engine.metric(`first paint: index.html on a phone, the results' top frame by frame until the planner is whole: ${tops.join(' → ')} px (window ${height} px)`);
});

/** The default's figures as the first paint writes them, in both languages. */
async function defaultTexts(d) {
  return js(d, () => [...document.querySelector('iframe').contentDocument.querySelectorAll('[data-fp]')]
    .map((e) => e.textContent).filter((t) => /\d/.test(t)));
}

async function checkOther(path, fragment, storage, keys) {
  const { d, release } = await openHeld(path, fragment, storage);
  // Before the wasm: no figure of the default anywhere in the page, shown or not.
  const state = await js(d, () => {
    const doc = document.querySelector('iframe').contentDocument;
    return {
      marked: doc.documentElement.hasAttribute('data-fp-other'),
      values: [...doc.querySelectorAll('[data-fp][data-value]')].length,
      figures: [...doc.querySelectorAll('[data-fp]')].map((e) => e.textContent),
      inputs: [...doc.querySelectorAll('[data-fp-input]')].map((e) => e.value).filter(Boolean),
      hidden: [...doc.querySelectorAll('[data-fp]')].every((e) => doc.defaultView.getComputedStyle(e).visibility === 'hidden'),
      text: doc.getElementById('app').textContent,
    };
  });
  assert.ok(state.marked, `${path}#${fragment.slice(0, 20)}: marked as another scenario`);
  assert.equal(state.values, 0, 'no default values in the DOM');
  assert.ok(state.figures.length > 0 && state.figures.every((t) => t === '…'), `placeholders, not figures: ${state.figures}`);
  assert.deepEqual(state.inputs, [], 'no default input values');
  assert.ok(state.hidden, 'the placeholders are hidden');
  return { d, release, text: state.text };
}

test('a share link never shows the default\'s figures before the wasm, then shows its own', async () => {
  const scenario = JSON.parse(leadplan(['example']));
  scenario.sources[1].leads_per_month = 100;
  scenario.revenue_per_sale = 31_000;
  const link = deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString('base64url');
  const results = JSON.parse(leadplan(['run', '-'], JSON.stringify(scenario)));
  // The default's static figures, to look for in the other pages' text.
  const plain = await openHeld('index.html');
  const planner = await defaultTexts(plain.d);
  plain.release();
  const widgetPlain = await openHeld('widget.html');
  const widget = await defaultTexts(widgetPlain.d);
  widgetPlain.release();
  assert.ok(planner.length >= 12 && widget.length >= 6, `default figures found: ${planner.length}, ${widget.length}`);

  for (const [path, texts] of [['index.html', planner], ['widget.html', widget]]) {
    const { d, release, text } = await checkOther(path, `s=${link}`, {}, WIDGET_KEYS);
    const leaked = texts.filter((t) => text.includes(t));
    assert.deepEqual(leaked, [], `${path}: the default's figures in the page of a share link`);
    const app = await takeover(d, release, WIDGET_KEYS);
    const within = path === 'widget.html' ? 1e-3 : 1e-9;
    assert.ok(Math.abs(Number(app['expected.lost_revenue'].value) - results.expected.lost_revenue) <= within * results.expected.lost_revenue,
      `${path}: the link's figures after the wasm (${app['expected.lost_revenue'].value} vs ${results.expected.lost_revenue})`);
  }
});

test('a planner with saved scenarios never shows the default\'s figures before the wasm', async () => {
  const scenario = JSON.parse(leadplan(['example']));
  scenario.revenue_per_sale = 40_000;
  const library = JSON.stringify({ format: 'leadplan.scenarios', version: 1, current: 0, scenarios: [{ name: 'Saved', scenario }] });
  const { d, release } = await checkOther('index.html', '', { 'leadplan.scenarios': library }, WIDGET_KEYS);
  const results = JSON.parse(leadplan(['run', '-'], JSON.stringify(scenario)));
  const app = await takeover(d, release, WIDGET_KEYS);
  assert.ok(Math.abs(Number(app['expected.lost_revenue'].value) - results.expected.lost_revenue) <= 1e-9 * results.expected.lost_revenue,
    'the saved scenario\'s figures after the wasm');
});

test('a wasm that cannot be fetched: the page says it could not start, in its language, above its first paint', async () => {
  for (const [path, fragment, text] of [['index.html', '', 'leadplan kon niet starten ('], ['widget.html', 'lang=en', 'leadplan could not start (']]) {
    const { d, fail } = await openHeld(path, fragment);
    fail(new Error('the network is gone'));
    const shown = await waitFor(d, `${path}: the failed start's message`, () => {
      const doc = document.querySelector('iframe').contentDocument;
      const alert = doc.querySelector('.load-error[role="alert"]');
      return alert && { text: alert.textContent, firstPaint: doc.querySelector('#app .fp') !== null, first: doc.body.firstElementChild === alert };
    });
    assert.ok(shown.text.startsWith(text), `${path}: ${shown.text}`);
    assert.ok(shown.first && shown.firstPaint, `${path}: the message is above the first paint, which stays`);
  }
});

test('other views (presentation, compare) show no static planner', async () => {
  const { d, release } = await openHeld('index.html', 'view=present');
  const shown = await js(d, () => [...document.querySelector('iframe').contentDocument.querySelectorAll('.fp')]
    .some((e) => e.getClientRects().length > 0));
  assert.equal(shown, false);
  release();
});
