// The payload of each entry point of the built site: the files an entry's HTML page names
// (its JavaScript, WebAssembly and CSS), raw and gzip -9, against the entry's budget. Size is
// deterministic, so tests/budget enforces the budgets; scripts/test prints the table.
// Usage: node scripts/payload.mjs [DIST]   (exit 1 when an entry is over its budget)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets in bytes of gzip (1 KB = 1000 bytes), by entry page. */
export const BUDGETS = {
  'index.html': { name: 'planner', gzip: 450_000 },
  'widget.html': { name: 'widget', gzip: 200_000 },
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
      const files = assetsOf(readFileSync(join(dist, page), 'utf8')).map((name) => {
        const bytes = readFileSync(join(dist, name));
        return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      });
      const sum = (k) => files.reduce((s, f) => s + f[k], 0);
      return { page, ...budget, budget: budget.gzip, files, raw: sum('raw'), gzip: sum('gzip') };
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  let over = false;
  for (const entry of payload(dist)) {
    console.log(`${entry.name} (${entry.page}):`);
    for (const f of entry.files) console.log(`  ${f.name.padEnd(40)} ${String(f.raw).padStart(9)} ${String(f.gzip).padStart(9)}`);
    const ok = entry.gzip <= entry.budget;
    over ||= !ok;
    console.log(`payload ${entry.name}: ${(entry.raw / 1000).toFixed(1)} KB raw, ${(entry.gzip / 1000).toFixed(1)} KB gzip (wasm + js + css), budget ${entry.budget / 1000} KB: ${ok ? 'within' : 'OVER'}`);
  }
  process.exit(over ? 1 : 0);
}
