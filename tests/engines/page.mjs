// What the cross-engine tests do to a page, in WebDriver terms: open, wait for a state, type as a
// user types, read figures and chart pixels. Every wait is for a state, with a bound.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { By, Key } from 'selenium-webdriver';
import { startServer } from '../../scripts/static-server.mjs';
import { startEngine, until } from './driver.mjs';

export { By, Key, until };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The set-up the engine test files share, registered as the file's `before` and `after` hooks:
 * builds the `leadplan` command (release), serves dist/ on a free port, starts a session of the
 * engine named by LEADPLAN_ENGINE at a 1280×900 viewport, and ends all of it after the file's
 * tests. Call it once at the top level of a test file. The fields are set before the first test:
 * `engine` (from `startEngine`: `engine.engine` is its name, `engine.metric(line)` records a
 * figure), `driver`, `base` (the site's address, ending in `/`); and `leadplan(args, input)`
 * runs the command, `run(scenario)` gives its results, `example()` its example scenario,
 * `visit(fragment, path)` opens a fresh visit with empty storage.
 */
export function useApp() {
  let server;
  let bin;
  const app = {
    engine: null,
    driver: null,
    base: '',
    leadplan(args, input = '') {
      return execFileSync(bin, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
    },
    run(scenario) {
      return JSON.parse(app.leadplan(['run', '-'], JSON.stringify(scenario)));
    },
    example() {
      return JSON.parse(app.leadplan(['example']));
    },
    /**
     * A fresh visit with empty storage: every test starts from the same state. A browser that
     * stopped answering in an earlier test (driver.mjs: `stuck`) is replaced by a new session
     * first, so one hung page fails one test, not every test after it.
     */
    async visit(fragment = '', path = '') {
      app.engine = await unstuck(app.engine);
      app.driver = app.engine.driver;
      const d = app.driver;
      await d.get(app.base + 'favicon.svg');
      await js(d, () => { localStorage.clear(); sessionStorage.clear(); });
      await open(d, app.base + path + (fragment ? `#${fragment}` : ''));
      return d;
    },
  };
  before(async () => {
    if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: run the release build first');
    const cargo = existsSync(join(homedir(), '.cargo', 'bin', 'cargo')) ? join(homedir(), '.cargo', 'bin', 'cargo') : 'cargo';
    execFileSync(cargo, ['build', '--quiet', '--release', '--bin', 'leadplan'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    bin = join(ROOT, 'target', 'release', 'leadplan');
    server = await startServer(join(ROOT, 'dist'), 0);
    // Every file compressed before the first test, as a host serving precompressed files has
    // them: no test then runs beside the compression (the first simulation's time did).
    await server.compressed;
    app.base = `http://127.0.0.1:${server.address().port}/`;
    app.engine = await startEngine();
    app.driver = app.engine.driver;
    await setViewport(app.driver, 1280, 900);
  });
  after(async () => {
    await app.engine?.close();
    server?.closeAllConnections?.();
    await new Promise((ok) => (server?.listening ? server.close(ok) : ok()));
  });
  return app;
}

/**
 * `engine`, or in its place a new session at a 1280×900 viewport when it is stuck (driver.mjs:
 * `stuck`), so one hung page fails one test, not every test after it.
 */
export async function unstuck(engine) {
  if (!engine.stuck) return engine;
  console.log(`${engine.engine}: a new session, since ${engine.stuck}`);
  await engine.close();
  const fresh = await startEngine();
  await setViewport(fresh.driver, 1280, 900);
  return fresh;
}

/** The value at a results key path such as `expected.sources[2].sales_now` (undefined if absent). */
export function at(doc, key) {
  let v = doc;
  for (const part of key.match(/[^.[\]]+/g)) {
    if (v === null || v === undefined) return undefined;
    v = v[part];
  }
  return v;
}

/** Fails unless the page had no uncaught error since `open` and shows no panic banner. */
export async function noProblems(driver) {
  assert.deepEqual(await problems(driver), { errors: [], panic: false });
}

/**
 * Evaluates `expression` (script source that may use `args`, the values passed along) in the
 * page, and returns its awaited value; an exception there is thrown here.
 */
async function inPage(driver, expression, args) {
  return driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     const args = Array.prototype.slice.call(arguments, 0, -1);
     Promise.resolve(${expression})
       .then((v) => done({ ok: v }), (e) => done({ error: String(e && e.stack || e) }));`,
    ...args,
  ).then((r) => {
    if (r && 'error' in r) throw new Error(`in the page: ${r.error}`);
    return r?.ok;
  });
}

/** Runs `fn` (a function, serialised) in the page with `args`; returns its (awaited) value. */
export async function js(driver, fn, ...args) {
  return inPage(driver, `(${fn}).apply(null, args)`, args);
}

/** How long one round trip of [`waitFor`] checks in the page before it answers "not yet". */
const IN_PAGE_SLICE_MS = 2_000;
/** Time between two checks in the page: about a frame. */
const IN_PAGE_POLL_MS = 16;

/**
 * Waits until `fn(...args)` is truthy in the page; returns its value. The checks run in the page
 * itself, one round trip to the browser per [`IN_PAGE_SLICE_MS`]: a round trip per check kept
 * the driver, the browser's processes and the page's main thread busy beside what the test
 * measures (in WebKit it tripled the first simulation's worker time on a 2-core machine). A
 * check that throws, or a page navigating away, ends the round trip; `until` then asks again.
 */
export async function waitFor(driver, what, fn, args = [], ms = 20_000) {
  const slice = Math.min(IN_PAGE_SLICE_MS, ms);
  return until(what, () => inPage(driver, `(async (check) => {
    const end = performance.now() + ${slice};
    for (;;) {
      const v = await check.apply(null, args);
      if (v || performance.now() >= end) return v;
      await new Promise((ok) => setTimeout(ok, ${IN_PAGE_POLL_MS}));
    }
  })(${fn})`, args), ms);
}

/**
 * Opens `url` as a new visit (a blank page first, so a changed fragment alone is a new load too),
 * waits for the figures once the page is ready (`<html data-ready>`: the planner mounts its
 * sections in stages), and starts recording uncaught errors on `window.__leadplanErrors`.
 */
export async function open(driver, url, { ready = 'html[data-ready] [data-kpi="expected.lost_revenue"]' } = {}) {
  await driver.get('about:blank');
  await driver.get(url);
  try {
    await waitFor(driver, `${ready} on ${url}`, (sel) => document.querySelector(sel) !== null, [ready], 30_000);
  } catch (e) {
    e.message += `\nthe page then: ${await pageState(driver).catch((why) => `(unreadable: ${why.message})`)}`;
    throw e;
  }
  await js(driver, () => {
    window.__leadplanErrors = [];
    window.addEventListener('error', (e) => window.__leadplanErrors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.__leadplanErrors.push(String(e.reason)));
  });
}

/**
 * What a page that never became ready shows, for the failure's message: how far it loaded, the
 * app's loader and its files (from the page's resource timing), the service worker, the app's
 * root and any message in it.
 */
export async function pageState(driver) {
  return JSON.stringify(await js(driver, () => {
    const app = document.getElementById('app');
    const files = performance.getEntriesByType('resource')
      .filter((r) => /\.(js|wasm)$/.test(r.name))
      .map((r) => `${r.name.replace(/^.*\//, '')} ${Math.round(r.startTime)}–${Math.round(r.responseEnd)} ms, ${r.transferSize} B`);
    return {
      readyState: document.readyState,
      html: [...document.documentElement.attributes].map((a) => a.name).join(' '),
      started: typeof window.wasmBindings === 'object',
      files,
      serviceWorker: navigator.serviceWorker ? (navigator.serviceWorker.controller?.state ?? 'none controls the page') : 'unsupported',
      app: app ? `${app.querySelectorAll('*').length} elements, first ${app.firstElementChild?.className ?? '(none)'}` : 'missing',
      text: (document.querySelector('.panic, .load-error')?.textContent ?? '').slice(0, 300),
      since: Math.round(performance.now()),
    };
  }));
}

/** Uncaught errors since `open`, and whether the page's panic banner is showing. */
export async function problems(driver) {
  return js(driver, () => ({ errors: window.__leadplanErrors ?? ['the error recorder is missing'], panic: document.querySelector('.panic') !== null }));
}

/** The unrounded value of a figure by its results key path. */
export async function kpi(driver, key) {
  return Number(await js(driver, (k) => document.querySelector(`[data-kpi="${k}"]`)?.dataset.value, key));
}

/** Waits until a figure satisfies `test` (a function source of v, with `arg`); a time-out names the last value. */
export async function waitKpi(driver, key, what, test, arg) {
  let last;
  return until(`${key} ${what} (arg ${arg})`, async () => {
    last = await js(driver, (k, src, a) => {
      const v = Number(document.querySelector(`[data-kpi="${k}"]`)?.dataset.value);
      // eslint-disable-next-line no-new-func
      return [v, new Function('v', 'a', src)(v, a)];
    }, key, test, arg);
    if (!last[1]) throw new Error(`${key} is ${last[0]}`);
    return last[0];
  });
}

/** Replaces the text of the input named `name` by typing `text`, as a user would. */
export async function typeInto(driver, name, text) {
  const input = await driver.findElement(By.css(`input[name="${name}"]`));
  await js(driver, (el) => { el.focus(); el.select(); }, input);
  await input.sendKeys(text);
}

/**
 * Puts `text` into the input named `name` in one go, as a paste does (typed key by key, "2.5"
 * would pass through the valid "2", and the last valid results would be that value's).
 */
export async function pasteInto(driver, name, text) {
  await js(driver, (n, t) => {
    const input = document.querySelector(`input[name="${n}"]`);
    input.focus();
    input.value = t;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: t }));
  }, name, text);
}

/** Clicks the first element matching `css`, once there is one (a render may still add it). */
export async function click(driver, css) {
  const element = await until(`${css} to be on the page`, async () => (await driver.findElements(By.css(css)))[0]);
  await element.click();
}

/** Draw count and inked (non-background) pixels of a chart's canvas. */
export async function chartState(driver, name) {
  return js(driver, (n) => {
    const c = document.querySelector(`canvas[data-chart="${n}"]`);
    if (!c) return null;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked++;
    }
    return { draws: Number(c.dataset.draws || 0), inked };
  }, name);
}

/** Waits until the simulation of the scenario on screen has finished. */
export async function simulationDone(driver, ms = 60_000) {
  await waitFor(driver, 'the simulation to finish', () =>
    document.querySelector('[data-kpi="simulation.annual.sales_now.mean"]') !== null &&
    document.querySelector('.sim-progress') === null, [], ms);
}

/** Sets the viewport (the page's inner size) to width × height, whatever the browser's chrome. */
export async function setViewport(driver, width, height) {
  const win = driver.manage().window();
  await win.setRect({ width, height });
  const inner = await js(driver, () => [innerWidth, innerHeight]);
  await win.setRect({ width: 2 * width - inner[0], height: 2 * height - inner[1] });
  return until(`a ${width}×${height} viewport`, async () => {
    const [w, h] = await js(driver, () => [innerWidth, innerHeight]);
    return Math.abs(w - width) <= 1 && Math.abs(h - height) <= 2;
  }, 5_000).catch(async () => js(driver, () => [innerWidth, innerHeight]));
}
