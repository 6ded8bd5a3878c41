// What a first visit downloads, raw and gzip -9, for the collector (dist/) and the secretariat's
// page (dist/secretariat/); fails over either budget.
// The budgets guard against regressions at today's size plus a margin. Our target is ~195 KB
// (DEVELOPERS.md); the collector is above it (README "Size"), so these numbers may only go down.
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const pages = [
  { name: "collector (first load)", dir: dist, budget: 352 * 1024 },
  { name: 'secretariat page', dir: join(dist, 'secretariat'), budget: 285 * 1024 },
];
let failed = false;
for (const { name, dir, budget } of pages) {
  let raw = 0, gz = 0;
  console.log(`\n${name}: ${dir}\n${'file'.padEnd(48)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)}`);
  for (const f of readdirSync(dir).filter((f) => !f.startsWith('.')).sort()) {
    if (statSync(join(dir, f)).isDirectory()) continue;
    const body = readFileSync(join(dir, f));
    const g = gzipSync(body, { level: 9 }).length;
    raw += body.length; gz += g;
    console.log(`${f.padEnd(48)} ${String(body.length).padStart(9)} ${String(g).padStart(9)}`);
  }
  console.log(`${'total'.padEnd(48)} ${String(raw).padStart(9)} ${String(gz).padStart(9)}  (budget ${budget} gzip)`);
  if (gz > budget) {
    console.error(`${name}: size budget exceeded by ${gz - budget} bytes gzip`);
    failed = true;
  }
}
if (failed) process.exit(1);
