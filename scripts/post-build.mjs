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
// - Loading: trunk's loader (a module script importing the glue, which fetches the wasm, both
//   preloaded from <head>) becomes one that starts both downloads once the page's first paint
//   (scripts/first-paint.mjs) is on screen, or after 100 ms at most (a hidden tab paints no
//   frame). On a slow connection the few KB the first paint needs then never share the line
//   with the wasm. Trunk's two preload links (with their integrity hashes) are added then. A
//   start that fails, or an exception that stops the app, shows why above the page.
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

// trunk's loader and its two preload links (see the top of this file).
{
  const script = /<script type=module>import init, \* as bindings from '\.\/([\w-]+\.js)';\s*const wasm = await init\(\{ module_or_path: '\.\/([\w-]+_bg\.wasm)' \}\);\s*window\.wasmBindings = bindings;\s*dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);<\/script>/;
  const found = html.match(script);
  const js = found && html.match(new RegExp(`<link crossorigin href=\\./${found[1]} integrity=(sha384-[\\w+/=]+) rel=modulepreload>`));
  const wasm = found && html.match(new RegExp(`<link as=fetch crossorigin href=\\./${found[2]} integrity=(sha384-[\\w+/=]+) rel=preload type=application/wasm>`));
  if (!found || !js || !wasm) {
    console.error(`post-build: trunk's loader or its preload links not found in ${page}; trunk's output changed?`);
    process.exit(1);
  }
  // The same two links trunk wrote (the simulation worker finds the glue and the wasm through
  // them, src/ui/simulation.rs), added once the page has painted, then trunk's own start.
  const loader = '<script type=module>' +
    // What stops the app says so above the page, in its language, instead of leaving the first
    // paint's "loading…" or a page that no longer answers: a download or start that fails (the
    // network gone mid-download, a browser too old), or an exception that went through the
    // WebAssembly (the panic hook, src/ui/panic.rs, sees only Rust's panics; such an exception
    // stops yew's scheduler just as silently). In JavaScript, so nothing calls into a
    // WebAssembly instance that may be in the middle of something. One message: the first.
    'function stopped(e,start){console.error(start?"leadplan could not start:":"leadplan stopped:",e);if(document.querySelector(".panic"))return;' +
    'var p=document.createElement("div"),en=/^en/.test(document.documentElement.lang);p.className=start?"panic load-error":"panic";p.setAttribute("role","alert");' +
    'p.textContent=(en?(start?"leadplan could not start (":"Something went wrong in leadplan ("):(start?"leadplan kon niet starten (":"Er ging iets mis in leadplan ("))+e+' +
    '(en?"). Reload the page; your inputs are kept in the link or in the browser.":"). Herlaad de pagina; uw invoer staat in de link of in de browser opgeslagen.");document.body.prepend(p)}' +
    // Only exceptions (a ResizeObserver's loop notice has no error object).
    'addEventListener("error",function(e){if(e.error)stopped(e.error)});addEventListener("unhandledrejection",function(e){stopped(e.reason)});' +
    // After the next frame has painted (its rendering follows the animation-frame callbacks).
    'await new Promise(function(r){var t=setTimeout(r,100);requestAnimationFrame(function(){setTimeout(function(){clearTimeout(t);r()},0)})});' +
    'function link(a){var l=document.createElement("link");for(var k in a)l.setAttribute(k,a[k]);document.head.append(l)}' +
    `link({rel:"modulepreload",href:"./${found[1]}",integrity:"${js[1]}",crossorigin:""});` +
    `link({rel:"preload",as:"fetch",type:"application/wasm",href:"./${found[2]}",integrity:"${wasm[1]}",crossorigin:""});` +
    `try{const bindings=await import("./${found[1]}");const wasm=await bindings.default({module_or_path:"./${found[2]}"});` +
    'window.wasmBindings=bindings;dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm}}))}catch(e){stopped(e,true)}</script>';
  html = html.replace(js[0], '').replace(wasm[0], '').replace(found[0], loader);
  console.log(`post-build: ${page} loads ${found[1]} and ${found[2]} after its first paint`);
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
