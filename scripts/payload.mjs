// The payload of each entry point of the built site: the files an entry's HTML page names
// (its JavaScript, WebAssembly and CSS), raw and gzip -9, against the entry's budget. Size is
// deterministic, so tests/budget enforces the budgets; scripts/test prints the table.
// Usage: node scripts/payload.mjs [DIST]   (exit 1 when an entry is over its budget)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Budgets in bytes of gzip (1 KB = 1000 bytes), by entry page. `limit` is what the test
 * enforces: the budget itself, or, for an entry not yet within its budget, its present size (a
 * ratchet, so it can only shrink) until it is. The summary prints every entry against its budget.
 */
export const BUDGETS = {
  'index.html': { name: 'planner', gzip: 450_000, limit: 450_000 },
  // 185.5 KB since the widget computes no plan and reads numbers with the engine's parseFloat
  // (src/decimal.rs); 204.3 KB before, 215.4 KB before the charts named their font as it is.
  'widget.html': { name: 'widget', gzip: 200_000, limit: 200_000 },
  // The CRM importer (MODEL.md §9): the import panel, the calibration and calamine, in no page's
  // bundle; the planner loads it only when someone opens the import. Its files are its own (no
  // HTML page names them); it has no budget beyond staying out of the planner, so a generous
  // 700 KB limit (515.9 KB when it came).
  'importer-loader.js': { name: 'importer', gzip: 700_000, limit: 700_000, files: ['importer-loader.js', 'importer.js', 'importer_bg.wasm'] },
};

/** The same-folder .js/.wasm/.css files an HTML page names (attributes and import strings). */
export function assetsOf(html) {
  const names = new Set();
  const pattern = /(?:href|src)\s*=\s*["']?\.?\/?([\w.-]+\.(?:js|wasm|css))|["']\.\/([\w.-]+\.(?:js|wasm|css))["']/g;
  for (const m of html.matchAll(pattern)) names.add(m[1] ?? m[2]);
  return [...names].sort();
}

/** Every entry page present in `dist`, with its files and sizes. */
export function payload(dist) {
  return Object.entries(BUDGETS)
    .filter(([page]) => existsSync(join(dist, page)))
    .map(([page, budget]) => {
      // An entry without a page of its own (the importer) lists its files; its first is no HTML.
      const html = budget.files ? '' : readFileSync(join(dist, page), 'utf8');
      const files = (budget.files ?? assetsOf(html)).map((name) => {
        const bytes = readFileSync(join(dist, name));
        return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      });
      // Stylesheets written into the page itself count as the entry's CSS too.
      const inline = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');
      if (inline) {
        const bytes = Buffer.from(inline);
        files.push({ name: `(inline <style> in ${page})`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
      }
      const sum = (k) => files.reduce((s, f) => s + f[k], 0);
      return { page, name: budget.name, budget: budget.gzip, limit: budget.limit, files, raw: sum('raw'), gzip: sum('gzip') };
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  let over = false;
  for (const entry of payload(dist)) {
    console.log(`${entry.name} (${entry.page}):`);
    for (const f of entry.files) console.log(`  ${f.name.padEnd(40)} ${String(f.raw).padStart(9)} ${String(f.gzip).padStart(9)}`);
    const within = entry.gzip <= entry.budget;
    over ||= entry.gzip > entry.limit;
    const verdict = within ? 'within' : `OVER by ${((entry.gzip - entry.budget) / 1000).toFixed(1)} KB (held at most ${entry.limit / 1000} KB until it is within)`;
    console.log(`payload ${entry.name}: ${(entry.raw / 1000).toFixed(1)} KB raw, ${(entry.gzip / 1000).toFixed(1)} KB gzip (wasm + js + css), budget ${entry.budget / 1000} KB: ${verdict}`);
  }
  process.exit(over ? 1 : 0);
}
