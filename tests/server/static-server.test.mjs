// The static server every figure is measured through (scripts/static-server.mjs) serves as a
// well-configured host does, and its disk cache of compressed bodies does not grow for ever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer } from '../../scripts/static-server.mjs';

const DISK_CACHE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'compressed');

/** A site of one page and one hashed file, each with content of its own (`tag`). */
async function site(tag) {
  const dir = await mkdtemp(join(tmpdir(), 'leadplan-server-'));
  await writeFile(join(dir, 'index.html'), `<!doctype html><title>${tag}</title>${'<p>leads</p>'.repeat(200)}`);
  await writeFile(join(dir, 'app-0123456789abcdef_bg.wasm'), Buffer.alloc(4096, tag));
  return dir;
}

/** The raw response (body as sent, not decoded) to GET `path` with `acceptEncoding`. */
function get(server, path, acceptEncoding) {
  return new Promise((ok, fail) => {
    const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    request({ host: '127.0.0.1', port: server.address().port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

async function stop(server) {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
}

test('brotli or gzip by Accept-Encoding, with Content-Encoding and Vary; hashed files immutable', async (t) => {
  const dir = await site(`encoding-${process.pid}`);
  const server = await startServer(dir, 0);
  t.after(async () => { await stop(server); await rm(dir, { recursive: true }); });
  const br = await get(server, '/', 'gzip, deflate, br');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.equal(br.headers['cache-control'], 'no-cache', 'the page is revalidated');
  const page = brotliDecompressSync(br.body).toString();
  assert.match(page, /^<!doctype html>/);
  assert.ok(br.body.length < page.length / 4, `compressed: ${br.body.length} of ${page.length} bytes`);
  const gz = await get(server, '/index.html', 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.body).toString(), page);
  const plain = await get(server, '/index.html', '');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body.toString(), page);
  const wasm = await get(server, '/app-0123456789abcdef_bg.wasm', 'br;q=0, gzip');
  assert.equal(wasm.headers['content-encoding'], 'gzip', 'br refused with q=0');
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await get(server, '/missing.js', 'gzip')).status, 404);
  // Nothing outside the served folder, not even from a folder whose name starts with its name.
  const sibling = `${dir}x`;
  await mkdir(sibling);
  t.after(() => rm(sibling, { recursive: true }));
  await writeFile(join(sibling, 'secret.txt'), 'not served');
  assert.equal((await get(server, '/%2e%2e/package.json', 'gzip')).status, 404, 'dot segments stay inside');
  assert.equal((await get(server, `/..%2f${sibling.split('/').pop()}/secret.txt`, 'gzip')).status, 403, 'an encoded slash stays inside');
});

test('the disk cache drops what no server used for a week, and keeps what one uses', async (t) => {
  const dir = await site(`cache-${process.pid}-${Date.now()}`);
  t.after(() => rm(dir, { recursive: true }));
  // Compressed once by a first server: its entries are in the cache.
  await stop(await startServer(dir, 0).then(async (s) => { await s.compressed; return s; }));
  const html = await readFile(join(dir, 'index.html'));
  const used = join(DISK_CACHE, `${createHash('sha256').update(html).digest('hex')}.br`);
  assert.ok(existsSync(used), 'the page\'s brotli body is kept on disk');
  // Both look 8 days old: an entry of no file served, and the page's.
  await mkdir(DISK_CACHE, { recursive: true });
  const unused = join(DISK_CACHE, `${'0'.repeat(63)}${process.pid % 10}.gzip`);
  await writeFile(unused, 'stale');
  const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
  await utimes(unused, eightDaysAgo, eightDaysAgo);
  await utimes(used, eightDaysAgo, eightDaysAgo);
  const server = await startServer(dir, 0);
  await server.compressed;
  await stop(server);
  assert.ok(!existsSync(unused), 'an entry unused for 8 days is deleted');
  assert.ok(existsSync(used), 'an entry the server used is kept');
  assert.ok((await stat(used)).mtimeMs > Date.now() - 60_000, 'and counts as used now');
});
