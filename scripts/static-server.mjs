// A small static file server for dist/ on 127.0.0.1, used by scripts/serve and the tests. It
// serves as a real host does: brotli or gzip by the request's Accept-Encoding (with
// Content-Encoding and Vary), and hashed file names (trunk's content hashes) as immutable, so
// every figure measured against it is what a user of a well-configured host gets.
// Usage: node scripts/static-server.mjs DIR PORT   (PORT 0 picks a free port; the address is printed)
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, basename, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompress, constants, gzip } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};
// Worth compressing: text and WebAssembly (PNG is compressed already).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.webmanifest']);

/** Whether a file name carries a content hash (trunk: `app-0123456789abcdef_bg.wasm`). */
export function isHashed(name) {
  return /-[0-9a-f]{16,}(_bg)?\.[a-z]+$/.test(name);
}

/** The encoding to answer with: brotli if accepted, else gzip, else none. */
export function chooseEncoding(acceptEncoding = '') {
  const accepted = new Map(acceptEncoding.split(',').map((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return [name, q ? Number(q.slice(2)) : 1];
  }));
  const ok = (name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/**
 * Compressed bodies kept on disk by content, so each build's files are compressed once and not
 * again by every server started on them (each test file starts its own: brotli's best on every
 * file takes a 2-core machine about 4 s, and as a background load it skewed the timings the
 * tests measure). In the repository's `target/`, which a clean removes.
 */
const DISK_CACHE = join(dirname(dirname(fileURLToPath(import.meta.url))), 'target', 'compressed');

/** Entries of [`DISK_CACHE`] unused for longer are deleted (each build's files make new ones). */
const DISK_CACHE_DAYS = 7;

/** `body` compressed with `encoding`, from the disk cache or compressed now and kept there. */
async function compressCached(body, encoding) {
  const file = join(DISK_CACHE, `${createHash('sha256').update(body).digest('hex')}.${encoding}`);
  const kept = await readFile(file).catch(() => null);
  if (kept) {
    // Its time is when it was last used: see `pruneDiskCache`.
    const now = new Date();
    await utimes(file, now, now).catch(() => {});
    return kept;
  }
  const out = await compress(body, encoding);
  // Written beside and renamed: a server reading at the same moment sees all or nothing.
  const part = `${file}.${process.pid}.part`;
  try {
    await mkdir(DISK_CACHE, { recursive: true });
    await writeFile(part, out);
    await rename(part, file);
  } catch {
    // Only a cache: serving goes on without it.
  }
  return out;
}

/**
 * Deletes the disk cache's entries that no server used for [`DISK_CACHE_DAYS`]: without it, the
 * cache would grow by every build's files (about 2 MB a build).
 */
async function pruneDiskCache() {
  const old = Date.now() - DISK_CACHE_DAYS * 24 * 3600 * 1000;
  for (const name of await readdir(DISK_CACHE).catch(() => [])) {
    const file = join(DISK_CACHE, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < old) await unlink(file).catch(() => {});
  }
}

/** `body` compressed with `encoding` (brotli at its best, or gzip -9), off the event loop. */
function compress(body, encoding) {
  return new Promise((ok, fail) => {
    const done = (error, out) => (error ? fail(error) : ok(out));
    if (encoding === 'br') {
      brotliCompress(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }, done);
    } else {
      gzip(body, { level: 9 }, done);
    }
  });
}

/**
 * Serves `dir`. `options.hold(name)` (tests only) may return a promise for a file's name: its
 * response waits until it settles (e.g. the .wasm held back, to read the page before the app runs).
 *
 * Like a host that serves precompressed files (nginx's gzip_static, a CDN's cache), it
 * compresses the folder's files once, in the background from the start: `server.compressed`
 * settles when all are done. A request for a file not done yet waits for it (brotli's best
 * takes most of a second for the planner's wasm), and no request waits for another's.
 */
export async function startServer(dir, port = 0, host = '127.0.0.1', options = {}) {
  const root = resolve(dir);
  // Compressed bodies (promises), by path, encoding and modification time: once per build.
  const cache = new Map();
  const compressed = (path, mtime, encoding, body) => {
    const key = `${path}\0${encoding}`;
    const hit = cache.get(key);
    if (hit && hit.mtime === mtime) return hit.body;
    const out = compressCached(body, encoding);
    cache.set(key, { mtime, body: out });
    return out;
  };
  const names = await readdir(root).catch(() => []);
  const compressedAll = Promise.all(names.filter((name) => COMPRESSIBLE.has(extname(name))).map(async (name) => {
    const path = join(root, name);
    const info = await stat(path);
    if (!info.isFile()) return;
    const body = await readFile(path);
    await Promise.all(['br', 'gzip'].map((encoding) => compressed(path, info.mtimeMs, encoding, body)));
  })).then(pruneDiskCache).then(() => undefined);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (path !== root && !path.startsWith(root + sep)) { res.writeHead(403).end(); return; }
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path);
      }
      const body = await readFile(path);
      await options.hold?.(basename(path));
      const ext = extname(path);
      const headers = {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': isHashed(basename(path)) ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      let out = body;
      if (COMPRESSIBLE.has(ext)) {
        headers.vary = 'Accept-Encoding';
        const encoding = chooseEncoding(req.headers['accept-encoding']);
        if (encoding) {
          out = await compressed(path, info.mtimeMs, encoding, body);
          headers['content-encoding'] = encoding;
        }
      }
      headers['content-length'] = out.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : out);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  // Awaited by whoever needs it (the Lighthouse test); a failure then answers that request with 404.
  compressedAll.catch(() => {});
  server.compressed = compressedAll;
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await startServer(dir, Number(port));
  console.log(`leadplan is served at http://127.0.0.1:${server.address().port}/ (brotli/gzip, hashed files immutable)`);
}
