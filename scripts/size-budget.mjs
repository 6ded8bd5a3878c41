// What a first visit downloads, raw and gzip -9; fails over the budget.
// The budget guards against regressions at today's size plus a margin. Our target is ~195 KB
// (DEVELOPERS.md); the build is above it (README "Size"), so this number may only go down.
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BUDGET = 370 * 1024;
const dir = process.argv[2] ?? 'dist';
let raw = 0, gz = 0;
const rows = readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => {
  const body = readFileSync(join(dir, f));
  const g = gzipSync(body, { level: 9 }).length;
  raw += body.length; gz += g;
  return `${f.padEnd(48)} ${String(body.length).padStart(9)} ${String(g).padStart(9)}`;
});
console.log(`${'file'.padEnd(48)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)}`);
rows.forEach((r) => console.log(r));
console.log(`${'total'.padEnd(48)} ${String(raw).padStart(9)} ${String(gz).padStart(9)}  (budget ${BUDGET} gzip)`);
if (gz > BUDGET) {
  console.error(`size budget exceeded by ${gz - BUDGET} bytes gzip`);
  process.exit(1);
}
