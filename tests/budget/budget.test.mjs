// Each entry point's payload (what its page loads: wasm, JS, CSS, gzip -9) stays within its
// budget: planner 450 KB, widget 200 KB. Sizes are deterministic, so this is a test, not a figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
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

// Every entry page that the build made is held to its limit: its budget, or for an entry not yet
// within its budget, its present size (see BUDGETS).
for (const entry of existsSync(DIST) ? payload(DIST) : []) {
  test(`${entry.name} (${entry.page}) stays within ${entry.limit / 1000} KB gzip (budget ${entry.budget / 1000} KB)`, () => {
    assert.ok(entry.gzip <= entry.limit, `${entry.name}: ${entry.gzip} bytes gzip > ${entry.limit}: ${entry.files.map((f) => `${f.name} ${f.gzip}`).join(', ')}`);
  });
}

test('the widget has its own page and bundle, far smaller than the planner\'s', () => {
  const entries = payload(DIST);
  const planner = entries.find((e) => e.page === 'index.html');
  const widget = entries.find((e) => e.page === 'widget.html');
  assert.ok(widget, 'dist/widget.html is built');
  assert.ok(widget.files.every((f) => !planner.files.some((p) => p.name === f.name && f.name.endsWith('.wasm'))), 'the widget loads no planner wasm');
  assert.ok(widget.gzip < 0.65 * planner.gzip, `widget ${widget.gzip} vs planner ${planner.gzip}`);
});

test('the CRM importer is a bundle of its own: the planner page names none of its files, and only it holds calamine and the calibration', () => {
  const entries = payload(DIST);
  const planner = entries.find((e) => e.page === 'index.html');
  const importer = entries.find((e) => e.name === 'importer');
  assert.ok(importer, 'dist/importer-loader.js is built');
  assert.deepEqual(importer.files.map((f) => f.name), ['importer-loader.js', 'importer.js', 'importer_bg.wasm']);
  assert.ok(planner.files.every((f) => !f.name.startsWith('importer')), 'the planner page loads no importer file');
  const wasm = (name) => readFileSync(join(DIST, name)).toString('latin1');
  const plannerWasm = wasm(planner.files.find((f) => f.name.endsWith('.wasm')).name);
  const importerWasm = wasm('importer_bg.wasm');
  // A spreadsheet part calamine opens, and a header alias of MODEL.md §9.
  for (const marker of ['xl/workbook.xml', 'Datum binnenkomst']) {
    assert.ok(importerWasm.includes(marker), `the importer holds "${marker}"`);
    assert.ok(!plannerWasm.includes(marker), `the planner's wasm holds "${marker}"`);
  }
});

test('the widget\'s stylesheet is in its page, and counts in its payload', () => {
  const widget = payload(DIST).find((e) => e.page === 'widget.html');
  assert.ok(widget, 'dist/widget.html is built');
  assert.ok(!widget.files.some((f) => f.name.endsWith('.css')), `the widget loads no stylesheet file: ${widget.files.map((f) => f.name)}`);
  const inline = widget.files.find((f) => f.name.startsWith('(inline <style>'));
  assert.ok(inline && inline.gzip > 500, 'the inline rules are counted');
});
