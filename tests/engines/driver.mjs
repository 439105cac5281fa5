// Drives Chromium, Firefox and WebKit through W3C WebDriver (selenium-webdriver, pinned in
// package-lock.json), so every user path is tested in the three engines the app supports. Each
// engine's driver comes from a package registry: Debian's chromedriver, geckodriver built by
// cargo, Debian's WebKitWebDriver (which drives MiniBrowser, the WebKitGTK browser, and needs a
// display: scripts/test runs that engine under xvfb-run). A missing browser or driver throws,
// so the engine's tests fail; they never skip.
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebDriver, error as webdriverError } from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http/index.js';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Appends a figure for the summary of scripts/test (target/e2e-metrics.txt), tagged with `engine`. */
export function metric(engine, line) {
  const file = join(ROOT, 'target', 'e2e-metrics.txt');
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `[${engine}] ${line}\n`);
}
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

function which(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function need(engine, what, path) {
  if (!path) {
    throw new Error(`${engine}: ${what} is not installed or not on PATH, so the ${engine} tests cannot run and fail (scripts/setup --browser installs it)`);
  }
  return path;
}

/** The driver command and the session capabilities of an engine. */
function engineSpec(engine) {
  switch (engine) {
    case 'chromium': {
      const browser = need(engine, 'chromium', which('chromium'));
      return {
        driver: need(engine, 'chromedriver', which('chromedriver')),
        args: (port) => [`--port=${port}`],
        capabilities: {
          browserName: 'chrome',
          'goog:chromeOptions': {
            binary: browser,
            args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
              '--disable-quic', '--no-first-run', '--disable-background-networking',
              '--disable-component-update', '--disable-sync', '--window-size=1280,900'],
          },
        },
      };
    }
    case 'firefox': {
      const browser = need(engine, 'firefox-esr', which('firefox-esr') || which('firefox'));
      return {
        driver: need(engine, 'geckodriver', which('geckodriver')),
        args: (port) => ['--port', String(port)],
        capabilities: {
          browserName: 'firefox',
          'moz:firefoxOptions': {
            binary: browser,
            args: ['-headless', '-width', '1280', '-height', '900'],
            prefs: {
              // Nothing but the app's own server: no update, telemetry or remote-settings traffic.
              'app.update.enabled': false,
              'browser.safebrowsing.malware.enabled': false,
              'browser.safebrowsing.phishing.enabled': false,
              'datareporting.policy.dataSubmissionEnabled': false,
              'network.captive-portal-service.enabled': false,
              'network.connectivity-service.enabled': false,
            },
          },
        },
      };
    }
    case 'webkit': {
      const driver = need(engine, 'WebKitWebDriver', which('WebKitWebDriver'));
      need(engine, `MiniBrowser (${MINIBROWSER})`, existsSync(MINIBROWSER) ? MINIBROWSER : '');
      if (!process.env.DISPLAY) {
        throw new Error('webkit: no DISPLAY; WebKitWebDriver needs one (run under xvfb-run, as scripts/test does)');
      }
      return {
        driver,
        args: (port) => [`--port=${port}`],
        // Software rendering, as Chromium's --disable-gpu and headless Firefox: with no GPU,
        // WebKitGTK would otherwise paint and read canvases back through Mesa's llvmpipe, where
        // a chart read back blank once and a page crashed in getImageData once
        // (scripts/browser-tests sets the same for the in-browser tests).
        env: { WEBKIT_SKIA_ENABLE_CPU_RENDERING: '1' },
        capabilities: {
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        },
      };
    }
    default:
      throw new Error(`unknown engine "${engine}"; LEADPLAN_ENGINE must be one of ${ENGINES.join(', ')}`);
  }
}

async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Time between two checks of [`until`]: about a frame, so a state is seen within one. */
const POLL_MS = 16;

/** `promise`'s value, or false once `ms` have passed without one. */
function within(promise, ms) {
  let timer;
  const late = new Promise((ok) => { timer = setTimeout(() => ok(false), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * How long one WebDriver command may go unanswered before the browser counts as stuck. The
 * session's own time-outs (scripts and page loads: 60 s) bound what a working browser does; this
 * bounds a browser that honours none of them: WebKitWebDriver never answers an async script of
 * a page whose main thread has stopped, and the run would wait for it for ever.
 */
const COMMAND_MS = 90_000;

/** What every command of a stuck session throws; [`until`] gives up on it at once. */
class StuckError extends Error {
  constructor(why) {
    super(`the browser is stuck: ${why}`);
  }
}

/**
 * An executor whose every command ends within its bound ([`COMMAND_MS`] unless told). After one
 * went unanswered, or the session ended under it (a crashed browser), every later command fails
 * at once with what happened: the test that met it fails, and `useApp` starts a new session for
 * the next one.
 */
class BoundedExecutor extends Executor {
  stuck = '';

  constructor(client, ms) {
    super(client);
    this.ms = ms;
  }

  async execute(command) {
    if (this.stuck) throw new StuckError(this.stuck);
    const answer = await within(super.execute(command).then((value) => ({ value }), (error) => ({ error })), this.ms);
    if (!answer) {
      this.stuck = `WebDriver's ${command.getName()} had no answer within ${this.ms / 1000} s`;
      throw new StuckError(this.stuck);
    }
    if (answer.error instanceof webdriverError.NoSuchSessionError && command.getName() !== 'quit') {
      // The browser went away (it crashed): a new session for the next test, as for a stuck one.
      this.stuck = `the session ended during WebDriver's ${command.getName()} (${answer.error.message || 'the browser is gone'})`;
      throw new StuckError(this.stuck);
    }
    if (answer.error) throw answer.error;
    return answer.value;
  }
}

/** The descendants of process `pid` (from ps), parents first. */
export function descendants(pid) {
  const children = new Map();
  try {
    for (const line of execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')) {
      const [child, parent] = line.trim().split(/\s+/).map(Number);
      children.set(parent, [...(children.get(parent) ?? []), child]);
    }
  } catch {
    // No ps: the driver's own kill below still ends the session.
  }
  const out = [];
  for (let todo = children.get(pid) ?? []; todo.length;) {
    const p = todo.shift();
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

/** Polls `check` (async, truthy when done) until it holds, failing after `ms` with `what`. */
export async function until(what, check, ms = 20_000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      if (e instanceof StuckError) throw new Error(`${e.message}, waiting for ${what}`);
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    // A pause between checks: each is a round trip to the browser (driver, browser process, the
    // page's main thread), and back to back they would keep two cores busy beside the page.
    await new Promise((ok) => setTimeout(ok, POLL_MS));
  }
}

/**
 * Starts the engine's WebDriver server and a session. Returns { engine, driver, close, metric,
 * pid, stuck }, where `metric(line)` records a figure for this engine (see [`metric`]).
 * The engine is `LEADPLAN_ENGINE` unless given; `commandMs` bounds each WebDriver command (see
 * [`BoundedExecutor`]).
 */
export async function startEngine(engine = process.env.LEADPLAN_ENGINE || 'chromium', { commandMs = COMMAND_MS } = {}) {
  const spec = engineSpec(engine);
  const port = await freePort();
  const server = spawn(spec.driver, spec.args(port), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...spec.env } });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((ok) => server.on('exit', (code) => ok(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await until(`${engine}'s WebDriver server on port ${port}`, async () => {
      if (server.exitCode !== null) throw new Error(`${spec.driver} exited with ${server.exitCode}: ${stderr}`);
      const r = await fetch(`${url}/status`);
      return r.ok && (await r.json()).value?.ready !== false;
    }, 30_000);
    // A plain W3C session on the server started above (selenium's Builder would want a known
    // browser name, which WebKitWebDriver's MiniBrowser is not, and may look for drivers itself).
    const executor = new BoundedExecutor(new HttpClient(url), commandMs);
    const driver = await WebDriver.createSession(executor, spec.capabilities);
    await driver.manage().setTimeouts({ script: 60_000, pageLoad: 60_000 });
    return {
      engine,
      driver,
      metric: (line) => metric(engine, line),
      /** The WebDriver server's process id (the browser's processes are its descendants). */
      pid: server.pid,
      /** Why the browser stopped answering ('' while it answers): see [`BoundedExecutor`]. */
      get stuck() {
        return executor.stuck;
      },
      // A crashed or hung browser must not hang the run: the session ends within a bound, and
      // the browser's processes with it (killing the driver alone would leave a hung MiniBrowser
      // or Chromium running, holding the display and the run's output open).
      async close() {
        const browser = descendants(server.pid);
        const quit = !executor.stuck && await within(driver.quit().then(() => true, () => false), 15_000);
        server.kill();
        if (!(await within(exited.then(() => true), 5_000))) server.kill('SIGKILL');
        await exited;
        if (!quit) {
          for (const pid of browser) {
            try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
          }
        }
      },
    };
  } catch (e) {
    server.kill();
    throw new Error(`${engine}: could not start a browser session: ${e.message}\n${stderr}`);
  }
}
