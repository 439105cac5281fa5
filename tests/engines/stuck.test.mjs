// A browser whose page stops answering fails the test it is in, not the run (driver.mjs): the
// wait ends at the command's bound, closing the session ends the browser's processes, and a new
// session works. CI's run of 43481f7's successor waited 75 minutes for a WebKit page like this.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/static-server.mjs';
import { descendants, startEngine, until } from './driver.mjs';
import { js, waitFor } from './page.mjs';

let server;
let base;
let dir;
before(async () => {
  // Nothing of the app: a page, whatever it holds, can stop.
  dir = await mkdtemp(join(tmpdir(), 'leadplan-stuck-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>stuck</title><p>a page');
  server = await startServer(dir, 0);
  base = `http://127.0.0.1:${server.address().port}/`;
});

after(async () => {
  server?.closeAllConnections?.();
  await new Promise((ok) => (server?.listening ? server.close(ok) : ok()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Whether process `pid` has ended (a zombie nobody reaped counts as ended). */
function ended(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return true;
  }
}

/** Waits until every process of `pids` has ended (a kill takes effect once the kernel runs it). */
async function allEnd(pids) {
  let left = pids;
  await until('the browser\'s processes to end', () => (left = left.filter((pid) => !ended(pid))).length === 0, 5_000)
    .catch((e) => assert.fail(`${e.message}: ${left.join(', ')} still run`));
}

/** A new session of the engine opens a page. */
async function newSessionWorks() {
  const fresh = await startEngine();
  try {
    await fresh.driver.get(base);
    assert.equal(await fresh.driver.getTitle(), 'stuck');
  } finally {
    await fresh.close();
  }
}

test('a page whose main thread stops: the wait fails at the bound, the browser ends, a new session works', async () => {
  const commandMs = 5_000;
  const engine = await startEngine(undefined, { commandMs });
  let closed = false;
  try {
    const d = engine.driver;
    await d.get(base);
    const browser = descendants(engine.pid);
    assert.ok(browser.length > 0, 'the driver started the browser');
    await js(d, () => { setTimeout(() => { for (;;) { /* a page that never yields */ } }, 50); });
    const started = Date.now();
    await assert.rejects(waitFor(d, 'a state that never comes', () => false, [], 60_000),
      /^Error: the browser is stuck: WebDriver's executeAsyncScript had no answer within 5 s, waiting for a state that never comes$/);
    const took = Date.now() - started;
    // The first check may still be answered (the loop starts 50 ms after the script), the next not.
    assert.ok(took < 2 * commandMs + 5_000, `the wait ended after ${took} ms, not at its 60 s`);
    assert.match(engine.stuck, /had no answer within 5 s/);
    await assert.rejects(d.getTitle(), /the browser is stuck/, 'later commands fail at once');
    const closing = Date.now();
    await engine.close();
    closed = true;
    assert.ok(Date.now() - closing < 30_000, `closing took ${Date.now() - closing} ms`);
    await allEnd(browser);
  } finally {
    if (!closed) await engine.close();
  }
  await newSessionWorks();
});

test('a browser that went away: the test fails with what happened, and a new session works', async () => {
  const engine = await startEngine();
  try {
    await engine.driver.get(base);
    const browser = descendants(engine.pid);
    for (const pid of browser) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    await allEnd(browser);
    await assert.rejects(waitFor(engine.driver, 'a page that is gone', () => true, [], 30_000), /the browser is stuck: the session ended during WebDriver's/);
    assert.match(engine.stuck, /the session ended/);
  } finally {
    await engine.close();
  }
  await newSessionWorks();
});
