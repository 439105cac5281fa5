// Each entry point's payload (what its page loads: wasm, JS, CSS, gzip -9) stays within its
// budget: planner 450 KB, widget 200 KB. Sizes are deterministic, so this is a test, not a figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetsOf, payload } from '../../scripts/payload.mjs';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

test('the planner page names its wasm, its JavaScript and its stylesheet', () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'dist/index.html is built');
  const planner = payload(DIST).find((e) => e.page === 'index.html');
  const kinds = new Set(planner.files.map((f) => f.name.split('.').pop()));
  assert.deepEqual([...kinds].sort(), ['css', 'js', 'wasm']);
});

test('assetsOf reads trunk\'s unquoted and quoted references', () => {
  const html = '<link href=./style-0123.css rel=stylesheet><link rel="modulepreload" href="./app-ab.js">' +
    '<script type=module>import init from "./app-ab.js";init({module_or_path:"./app-ab_bg.wasm"})</script>';
  assert.deepEqual(assetsOf(html), ['app-ab.js', 'app-ab_bg.wasm', 'style-0123.css']);
});

// Every entry page that the build made is held to its budget.
for (const entry of existsSync(DIST) ? payload(DIST) : []) {
  test(`${entry.name} (${entry.page}) stays within ${entry.budget / 1000} KB gzip`, () => {
    assert.ok(entry.gzip <= entry.budget, `${entry.name}: ${entry.gzip} bytes gzip > budget ${entry.budget}: ${entry.files.map((f) => `${f.name} ${f.gzip}`).join(', ')}`);
  });
}
