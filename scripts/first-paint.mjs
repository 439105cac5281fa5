// The first paint before the WebAssembly (issue 11.3), run by scripts/build after both trunk
// runs: writes the static layout and the default scenario's headline figures, computed by the
// native model (`leadplan first-paint planner|widget`, see src/first_paint.rs), into
// dist/index.html and dist/widget.html, in both languages, with two small inline scripts:
//
// - in <head>, before anything is painted: which language's static page to show (the address's
//   `lang=`), none for another view (compare, presentation), and whether the page opens on
//   something else than the default scenario (a share link `s=`, or in the planner a saved
//   library in LocalStorage, which the app may restore), in which case the static figures and
//   input values are placeholders (hidden by style.css);
// - after the static page: takes those figures and values out of the DOM too, so nothing on the
//   page ever says the default's figures belong to the scenario being opened; and opens the
//   scenario bar on wide screens as the app does; and, when the page is idle while the wasm
//   downloads, has the engine load its number and date formatting (Intl's locale data, some
//   80 ms on a slow phone the first time), in a task of its own instead of the app's first.
//
// The app then replaces #app's content in one frame (src/ui/mod.rs, src/ui/widget.rs).
// There is no Content-Security-Policy: inline scripts run as the page's own forwarding script
// does. Usage: node scripts/first-paint.mjs [DIST]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.argv[2] ?? join(ROOT, 'dist');
const cargo = existsSync(join(homedir(), '.cargo', 'bin', 'cargo')) ? join(homedir(), '.cargo', 'bin', 'cargo') : 'cargo';

const head = (planner) => `<script>(function(d,h){` +
  `var en=/(^#|&)lang=en(&|$)/.test(h),other=/(^#|&)s=/.test(h),view=(/(?:^#|&)view=([a-z]+)/.exec(h)||[])[1];` +
  (planner
    ? `try{other=other||localStorage.getItem("leadplan.scenarios")!==null}catch(e){}` +
      `if(view&&view!=="plan")d.setAttribute("data-fp-off","");`
    : '') +
  `if(en){d.setAttribute("data-fp-lang","en");d.lang="en"}` +
  `if(other)d.setAttribute("data-fp-other","")` +
  `})(document.documentElement,location.hash)</script>`;

const body = `<script>(function(d){` +
  `if(d.documentElement.hasAttribute("data-fp-other")){` +
  `d.querySelectorAll("[data-fp]").forEach(function(e){e.textContent="…";e.removeAttribute("data-value")});` +
  `d.querySelectorAll("[data-fp-input]").forEach(function(e){e.value=""})}` +
  `if(matchMedia("(min-width: 721px)").matches)d.querySelectorAll("details.fp-bar").forEach(function(e){e.open=true});` +
  // requestIdleCallback where the engine has it (Safari has not), else a short timeout.
  `var l=d.documentElement.lang||"nl",idle=function(f){"requestIdleCallback"in window?requestIdleCallback(f,{timeout:2000}):setTimeout(f,16)};` +
  `idle(function(){try{new Intl.NumberFormat(l,{style:"currency",currency:"EUR"}).format(1)}catch(e){}` +
  `idle(function(){try{new Date().toLocaleDateString(l)}catch(e){}})})` +
  `})(document)</script>`;

function shells(page) {
  return execFileSync(cargo, ['run', '--quiet', '--locked', '--bin', 'leadplan', '--', 'first-paint', page], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

for (const [file, page] of [['index.html', 'planner'], ['widget.html', 'widget']]) {
  const path = join(DIST, file);
  let html = readFileSync(path, 'utf8');
  if (html.includes('data-fp=')) {
    console.error(`first-paint: ${file} already has a first paint`);
    process.exit(1);
  }
  const loading = /<p class="?loading"?>/;
  if (!loading.test(html) || !html.includes('</head>')) {
    console.error(`first-paint: ${file} has no <p class=loading> in #app or no </head>; the page changed?`);
    process.exit(1);
  }
  html = html.replace('</head>', `${head(page === 'planner')}</head>`);
  html = html.replace(loading, (tag) => `${shells(page)}${body}${tag}`);
  writeFileSync(path, html);
  console.log(`first-paint: ${file} carries the default scenario's first paint (${html.length} bytes)`);
}
