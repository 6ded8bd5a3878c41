// What a first visit downloads, raw and gzip -9, for each page: the collector (dist/), the
// transfer page (dist/transfer/) and the secretariat's (dist/secretariat/). A page's own files,
// plus its person's language texts (dist/locales/, the largest counted: a visitor gets one).
// Brotli (quality 11, what scripts/precompress.mjs writes) is shown beside gzip, but the
// budgets and the target are gzip; the precompressed .gz/.br copies in dist/ are not counted.
// Fails over any budget. Budgets follow each measured step down; our target is ~195 KB for the
// collector (DEVELOPERS.md, issue 14), which it is still above (README "Size").
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
// Measured 2026-11-23: collector 318,317; transfer 271,393 (it took over one response's
// downloads from the form page: collector -33 KB, transfer +11 KB); secretariat 306,014 (the
// record view as a document, tabs and the link maker of issue 10, +7 KB). Then issue 11 item 8:
// secretariat 314,765 (+8.8 KB: reading zips re-packed by other tools, 6.3 KB of it the
// inflater, miniz_oxide, and several bundles per zip); collector and transfer +0.2 and +0.7 KB
// (two new error messages and the manifest check, no inflater). Then the forms' report roles
// (issue 11), read and checked by every page's loader: collector 320,604 (+2.3 KB), transfer
// 273,906 (+2.5 KB), secretariat +1.7 KB. Of each, about 1.1 KB is the check, 1.2 KB reading
// the new fields, 0.2 KB the data; reading roles with serde's derived enums cost 0.9 KB more,
// dropped. Then the rapporteur's workbench (issue 11): its own page, report/, 259,176 (as a tab
// of the secretariat's page it cost that page 72 KB); its ~60 texts make every language file
// +1.2 KB (French 12,163), which every page counts: collector 322,631, transfer 276,711,
// secretariat 318,720. Then encryption (issue 12; its limit for the first load: +5 KB): its
// ~48 texts make every language file +1.6 KB (French 13,803); the collector's home says whom it
// encrypts for, read with the browser's JSON parser (wasm 293.1 -> 295.5 KB: the 37 new UI
// keys' names about 1.1 KB, the home page's line and its read the rest; with the key file's
// checked reader and a resource it was +9 KB, dropped); the worker keeps the deployment's key
// file (sw.js +0.4 KB): collector 327,274 (+4.4 KB). The transfer page seals exports, checks
// key files and links, locks backups: 302,146 (+25 KB, of it 6 KB the key file's reader, the
// rest the screens); report page 261,201 (the texts).
// Then the secretariat's key (issue 12): the foundation's texts and
// messages made the page 321,013; its Encryption tab and the opening of encrypted files,
// 356,242 (+35.2 KB: about 24 KB the WebCrypto calls, the key database and the backup's
// reading and writing, mostly async state machines; about 11 KB the tab's view, drawn with
// shared helpers so each kind of control is compiled once).
// Then form versions
// (issue 13, docs/form-versions.md; no earlier version published yet, each will cost its JSON):
// collector 333,133 (+6.0 KB: 5.5 KB wasm, of it the migration and its notice, built as one
// HTML string; 0.2 KB texts, 0.2 KB the schema, 0.1 KB CSS); transfer 303,815 (+1.7 KB: the
// texts, records' two new members, tables per version); secretariat +0.8 KB; report
// 261,935 (+0.7 KB). Set-aside answers kept as an answers object (one reader in every wasm):
// as entries of their own type, read by serde's derived code, they cost each page ~2 KB more.
// With all of issue 12 and these together: collector 333,196, transfer 304,187, secretariat
// 357,815, report 262,210. Then the secretariat at scale (issue 14, part 3): secretariat
// 362,107 (+4.3 KB: imports read in batches while the last is written, the collection stored
// as JSON bytes and read back in prefetched pages, each record's part of the statistics kept,
// a search narrowed letter by letter; not measured one by one); collector 333,752 (+0.6 KB:
// search keys' ASCII path, each bundled form digested once, the records' digest a record at a
// time), transfer 303,654 and report 262,105 (both less).
const pages = [
  { name: 'collector (first load)', dir: dist, budget: 326 * 1024 },
  { name: 'transfer page', dir: join(dist, 'transfer'), budget: 298 * 1024 },
  { name: 'secretariat page', dir: join(dist, 'secretariat'), budget: 354 * 1024 },
  { name: 'report page', dir: join(dist, 'report'), budget: 257 * 1024 },
];
const row = (name, raw, gz, br, note = '') =>
  console.log(`${name.padEnd(48)} ${String(raw).padStart(9)} ${String(gz).padStart(9)} ${String(br).padStart(9)}${note}`);
const header = () => `${'file'.padEnd(48)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`;
// A file's size as is, gzip -9 and brotli 11 (the .gz and .br precompress.mjs writes beside it;
// computed here, so the budget reads the same with or without them).
const sizes = (path) => {
  const body = readFileSync(path);
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  return [body.length, gzipSync(body, { level: 9 }).length, br.length];
};
const isCopy = (f) => f.startsWith('.') || /\.(gz|br)$/.test(f);

// Each language's texts, fetched when that language is used and precached afterwards.
console.log(`\nlanguages: ${join(dist, 'locales')}\n${header()}`);
let largest = { name: '', raw: 0, gz: 0, br: 0 };
for (const f of readdirSync(join(dist, 'locales')).filter((f) => !isCopy(f)).sort()) {
  const [raw, gz, br] = sizes(join(dist, 'locales', f));
  row(f, raw, gz, br);
  if (gz > largest.gz) largest = { name: `locales/${f}`, raw, gz, br };
}

let failed = false;
for (const { name, dir, budget } of pages) {
  let raw = largest.raw, gz = largest.gz, br = largest.br;
  console.log(`\n${name}: ${dir}\n${header()}`);
  for (const f of readdirSync(dir).filter((f) => !isCopy(f)).sort()) {
    if (statSync(join(dir, f)).isDirectory()) continue;
    const [r, g, b] = sizes(join(dir, f));
    raw += r; gz += g; br += b;
    row(f, r, g, b);
  }
  row(largest.name, largest.raw, largest.gz, largest.br, '  (the largest language)');
  row('total', raw, gz, br, `  (budget ${budget} gzip)`);
  if (gz > budget) {
    console.error(`${name}: size budget exceeded by ${gz - budget} bytes gzip`);
    failed = true;
  }
}
if (failed) process.exit(1);
