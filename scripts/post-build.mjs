// Trunk post-build hook (Trunk.toml, Trunk.widget.toml) for release builds: minifies the
// JavaScript and bundles the stylesheets, then updates the page (index.html or widget.html) to
// match, integrity hashes included.
//
// - JavaScript: esbuild (npm, pinned in package-lock.json). Trunk's own JS minifier cannot parse
//   wasm-bindgen's output and leaves it as is; this takes the glue from about 10 KB to 8 KB gzip,
//   and sw.js from 2.3 KB to 1 KB. The module keeps its exports; esbuild renames only local
//   names, never properties, so the import object the WebAssembly links against is unchanged.
// - CSS: the stylesheets (kept apart in static/ by subject, minified by trunk) become one file,
//   style-<hash>.css, in their order: one request instead of four, and 1.7 KB less gzip, since
//   they share most of their vocabulary. The widget's page (under 4 KB of CSS) gets its rules
//   inline, in a <style> element: one request fewer before the first paint.
//
// Anything unexpected in trunk's output fails the build rather than shipping half a rewrite.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { transform } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
// trunk writes the page it builds as index.html, whatever the source's name (widget.html in the
// widget's build: scripts/build renames it).
const page = `index.html (from ${basename(process.env.TRUNK_HTML_FILE || 'index.html')})`;
const htmlPath = join(dir, 'index.html');
let html = await readFile(htmlPath, 'utf8');

for (const name of (await readdir(dir)).filter((f) => f.endsWith('.js'))) {
  const path = join(dir, name);
  const source = await readFile(path, 'utf8');
  // The service worker is a classic script; the app's glue is a module.
  const { code } = await transform(source, {
    minify: true,
    format: name === 'sw.js' ? undefined : 'esm',
    target: 'es2020',
    legalComments: 'none',
  });
  await writeFile(path, code);
  html = html.replaceAll(sri(source), sri(code));
  console.log(`post-build: ${name} ${source.length} → ${code.length} bytes`);
}

// trunk writes <link href=./name-<hash>.css integrity=sha384-… rel=stylesheet> (minified HTML).
const links = [...html.matchAll(/<link href=\.\/([\w-]+\.css) integrity=(sha384-[\w+/=]+) rel=stylesheet>/g)];
const all = html.match(/rel=stylesheet/g) ?? [];
if (links.length === 0 || links.length !== all.length) {
  console.error(`post-build: found ${links.length} of ${all.length} stylesheet links in ${page}; trunk's output changed?`);
  process.exit(1);
}
const parts = await Promise.all(links.map(([, name]) => readFile(join(dir, name), 'utf8')));
links.forEach(([, , integrity], i) => {
  if (sri(parts[i]) !== integrity) {
    console.error(`post-build: ${links[i][1]} does not match its integrity hash`);
    process.exit(1);
  }
});
const css = parts.join('\n');
if (basename(process.env.TRUNK_HTML_FILE || '') === 'widget.html') {
  // The widget's few rules (under 4 KB) go into its page: an article's reader sees the widget
  // after one request instead of two, and the stylesheet never competes with the wasm download.
  if (css.includes('</')) {
    console.error('post-build: the widget\'s CSS holds "</", which cannot go inside <style>');
    process.exit(1);
  }
  html = html.replace(links[0][0], `<style>${css}</style>`);
  for (const [tag, name] of links) {
    if (tag !== links[0][0]) html = html.replace(tag, '');
    await rm(join(dir, name));
  }
  console.log(`post-build: ${links.length} stylesheets inlined in ${page} (${css.length} bytes)`);
  await writeFile(htmlPath, html);
  process.exit(0);
}
const bundle = `style-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
await writeFile(join(dir, bundle), css);
html = html.replace(links[0][0], `<link href=./${bundle} integrity=${sri(css)} rel=stylesheet>`);
for (const [tag, name] of links) {
  if (tag !== links[0][0]) html = html.replace(tag, '');
  if (name !== bundle) await rm(join(dir, name));
}
console.log(`post-build: ${links.length} stylesheets → ${bundle} (${css.length} bytes)`);
await writeFile(htmlPath, html);
