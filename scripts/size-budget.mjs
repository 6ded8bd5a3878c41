// What a first visit downloads, raw and gzip, for each page: the collector (dist/), the
// transfer page (dist/transfer/), the secretariat's (dist/secretariat/) and the rapporteur's
// (dist/report/). A page's own files, plus its person's language texts (dist/locales/: the
// collector's page reads one file, the others two; the largest language counted: a visitor gets one).
// "gzip" is what a host sends: the .gz scripts/precompress.mjs wrote beside the file (Zopfli),
// checked to unpack to it; gzip -9 computed here when there is none, and shown beside it in any
// case, with brotli (quality 11, what precompress.mjs writes). The budgets and the target are
// gzip; the .gz/.br copies are not counted as files of their own.
// Fails over any budget. Budgets follow each measured step down; our target is ~195 KB for the
// collector (DEVELOPERS.md, issue 14), which it is below since its wasm comes as an LZMA copy
// (README "Size").
import { brotliCompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
// 357,815, report 262,210.
// Issue 14, the collector's first load towards ~195 KB, each step measured on its own (gzip;
// brotli in brackets). Found first where the bytes go (twiggy on the collector's wasm, names
// kept): of 730 KB raw, Leptos's view code 20% (tachys, 147 KB) and its reactive graph 8%, our
// own code 15% (the form page, drafts' JSON, the forms' reading), core and alloc 17% (generic
// iterators, sorts, formatting), data 12% (the forms' JSON 23 KB, the UI keys 5 KB, panic
// locations), serde_json 5%. 1. Leptos's type-erased views (`--cfg erase_components`,
// .cargo/config.toml): collector wasm 300,881 -> 277,660 (-23.2 KB; [240,680 -> 222,410]);
// secretariat -3.3 KB, transfer as it was, report +2.3 KB (its views were small already).
// opt-level "s" instead of "z" with it: 307,440, +29.8 KB, not taken; wasm-opt --converge or
// --gufa: -0.3 KB, not worth the build time. 2. Each language's texts in two files
// (scripts/locale-pages.json): the collector's page reads only its own (French 13,999 -> 9,826
// [12,380 -> 8,695]); the other pages read the rest besides (French +4,986), ~0.8 KB more than
// one file. With steps 1 and 2: collector 307,072 [247,455], transfer 305,388, secretariat
// 355,658, report 265,722 (+2.3 KB wasm of step 1, +0.8 KB the second file). 3. The forms'
// definitions checked natively only (engine::def::CHECKED: `cargo test` reads every bundled
// one; the wasm reads the same files): collector 299,793 [242,094] (-7.3 KB), transfer 299,256
// (-6.1 KB), secretariat 350,044 (-5.6 KB), report 258,506 (-7.2 KB). 4. The bundle format's
// JSON Schema, which no page reads, no longer precached nor counted: collector 298,390
// [240,890] (-1.4 KB). Not taken: the forms' JSON minified in the wasm (-0.2 KB gzip), or
// fetched as data files (the page needs its form at once: the same bytes, one request more).
// 5. The print and blank pages moved to the transfer page (`transfer/#/r/<id>/print`,
// `transfer/#/blank/<form>`; precached at the first visit, so paper works offline as before):
// collector 290,982 [235,435] (-7.4 KB: its wasm 271,380 -> 264,099), transfer 308,396
// (+9.1 KB: the document's drawing and reading a stored record, which it did not carry; then
// +1.0 KB: it draws itself again when only the hash changes, 309,435).
// Not taken: the form page's backup after a failed save, off the first load: -0.0 KB (what it
// uses, the collector carries for other ends).
// Then (merged after the first five steps of issue 14 below) updates, storage and crashes (issue 13, parts 2-4): every page offers a reload when a
// new version waits and answers another tab's upgrade (a second connection of its own watches
// for it, src/store/newer.rs), the home page shows storage, and an inlined script shows the
// message after a crash (no wasm): collector 342,277 (+9.1 KB: 8.4 KB wasm, 0.5 KB the two
// inlined scripts, 0.2 KB CSS), transfer 311,057 (+6.9 KB), secretariat 363,210 (+5.4 KB),
// report 267,881 (+5.7 KB).
// Issue 14, typing in a long form: the collector +5.3 KB (wasm: engine::FormState, which keeps
// each field's state edit by edit and says what an edit changed, and a trigger per field and
// section on the form screen), for 2.9× less main-thread work per key in the longest voluntary
// report; (+5 KB in the budget).
// Then the secretariat at scale (issue 14, part 3): secretariat
// 362,107 (+4.3 KB: imports read in batches while the last is written, the collection stored
// as JSON bytes and read back in prefetched pages, each record's part of the statistics kept,
// a search narrowed letter by letter; not measured one by one); collector 333,752 (+0.6 KB:
// search keys' ASCII path, each bundled form digested once, the records' digest a record at a
// time), transfer 303,654 and report 262,105 (both less).
// All of these together, as measured after the merge: collector 304,052, transfer 315,732,
// secretariat 361,180, report 264,758.
// Then, each on its own: 6. the screens that read storage first (home, form, a session's inputs,
// transfer, print) with a 30-line loader (src/ui/loaded.rs) instead of Leptos's LocalResource,
// whose suspense and transition code no page uses: collector wasm 276,873 -> 265,524 (-11.3 KB),
// transfer -11 KB, report -2 KB. 7. each page's wasm-bindgen script and stylesheet minified
// (scripts/minify.mjs, esbuild): collector 10,008 -> 7,674 (script), 3,511 -> 2,668 (stylesheet);
// the worker minified too would save 0.25 KB more, left readable then (minified later, below). Collector 289,970 [234,566], transfer 301,064,
// secretariat 357,550, report 260,903. For scale: a page with Leptos, rexie and serde_json that
// draws a button, a field and a list and stores one record (the same build settings) is 84 KB
// gzip of wasm and 7 KB of script; the rest of the collector's ~265 KB of wasm is its own code.
// Issue 14 part 3, responsive at 100,000: secretariat 360,702 -> 373,242 (+12.5 KB: the export in slices, a large file read in steps).
// Both together, after the merge: see the budgets below. Then a large file's progress on its bar:
// secretariat 370,655 -> 371,011 (+0.4 KB). A page the first worker's claim missed asks to be claimed
// (public/update.js, sw.js): collector 290,767 -> 290,819; its budget 285 KiB.
// Issue 14 (its fourth round), the collector's wasm smaller, each step measured on its own (wasm-opt -Oz, gzip -9
// of the wasm alone; commits say each): one copy of Leptos's code for each kind of view rather
// than for each closure or type: LangCtx::keyed and the form page's closures through one shared
// reactive function (-4.5 KB), Show replaced by ui::when (-2.1 KB), every list and every view that
// may be absent erased (-4.0, -1.5 KB), event handlers boxed (-2.4 KB), effects and memos boxed
// (-0.9 KB), fewer types of reactive value (-3.1 KB), ui::loaded shared by type (-0.7 KB); and
// code the wasm carried twice or for little: pretty JSON laid out from the compact one (-0.9 KB),
// localStorage read with the one JSON reader (-0.8 KB), a number answer read by serde_json's
// parser instead of core's with its 10 KB table (-14.4 KB), two enums read from their codes
// (-0.6 KB), the UI strings looked up by the keys a page names (-0.9 KB), the list of responses
// ordered with the bundles' insertion (-1.6 KB); a repeat group's instances as a list drawn again
// when one comes or goes, without Leptos's keyed For (-5.9 KB); the error summary focused by its
// id, not a NodeRef (-0.7 KB). Collector wasm 264,382 -> 219,423 (gzip -9); first load 290,819 ->
// 245,772, its budget 241 KiB. Transfer 297,177, secretariat 367,511, report 258,751 (all less).
// Merged with the sticky bar's watch (+0.3 KB) and the large file stored 4,000 a transaction
// (secretariat +0.5 KB): collector 246,109, transfer 297,228, secretariat 368,022, report 258,926;
// the other pages' budgets follow too: 291, 360 and 253 KiB.
// Reactive attribute texts (save state, language select) and classes (question, repeat group) as Strings (-0.5, -0.35 KB): collector 245,195, its budget 240 KiB.
// Issue 14's fifth round, every page: the bindings' import names shortened and the unused stream
// classes' exports removed after the build (scripts/shrink-bindings.mjs): collector 245,188 ->
// 236,709 (wasm 220,486 -> 214,964, script 7,601 -> 4,643; brotli 199,660 -> 193,108), transfer
// 297,190 -> 288,621, secretariat 367,707 -> 358,670, report 258,284 -> 249,338.
// Each page's inline scripts minified (scripts/precache.mjs): -0.2 KB each. With the sticky bar
// watched without a forced layout (+0.1 KB; drawing a long form's sections one per task cost
// 0.7 KB more and showed no less blocking, dropped): collector 236,593 [192,955], transfer
// 288,435, secretariat 358,481, report 249,150.
// A bundled form's digest read from a table (src/forms.rs DIGESTS, checked by cargo test), no
// definition serialized in the pages: collector 235,036 (-1.6 KB), transfer 286,752 (-1.7 KB),
// secretariat 356,882 (-1.6 KB), report 249,162.
// Issue 14's sixth round: the backup a failed save offers written by a plain writer
// (bundle::plain_backup): collector 235,017 -> 232,811 (gzip -9). The .gz copies written by
// Zopfli (scripts/precompress.mjs), counted as sent: collector 232,811 -> 222,370 [189,922],
// transfer 286,710 -> 269,964, secretariat 356,893 -> 337,835, report 249,146 -> 237,793.
// The bundle errors' texts left to the other pages but the plain backup's two
// (scripts/locale-pages.json "kept"): collector 222,370 -> 221,697 (French 9,510 -> 8,841).
// The closures' entry points exported under short names, and the wasm's producers and target
// features sections left out (scripts/shrink-bindings.mjs): collector 221,212 (-0.5 KB),
// transfer 269,129 (-0.8 KB), secretariat 337,261 (-0.5 KB), report 237,501 (-0.3 KB).
// The other pages' rules (tables, charts, the document, the secretariat's and the rapporteur's)
// in a stylesheet of their own, style/pages.css: collector 220,417 (its stylesheet 2,700 ->
// 1,887), the other pages +0.4 KB each (transfer 269,592, secretariat 337,725, report 237,965).
// The service worker minified (scripts/precache.mjs): collector 220,192 (sw.js 1,538 -> 1,334).
// The wasm's functions in the order of their names (alike ones side by side), then the names
// and Leptos's code-splitting marker left out (scripts/shrink-bindings.mjs): collector 218,585
// (wasm 201,154 -> 199,547), transfer 266,549 (-3.0 KB), secretariat 332,204 (-5.5 KB), report
// 236,531 (-1.4 KB). Ordered by the generic's name without its types, or by crate, or by the
// last part of the name: no better, or worse. Then each function laid out beside one like it
// (scripts/order-functions.mjs, MinHash; by name where none is): collector 216,388 (wasm
// 199,547 -> 197,352; raw +1.3 KB, brotli -1.3 KB), transfer 264,974, secretariat 330,448,
// report 234,331. The forms' JSON in the wasm without its layout whitespace (build.rs): raw
// -7.8 KB, collector 216,187 (-0.2 KB; as much as ±0.3 KB of any small change to the wasm is
// the function order's, which follows the code's bytes), transfer 264,629, secretariat 330,042,
// report 234,143.
// Zopfli with no limit on its block splitting (scripts/precompress.mjs; in worker threads, the
// step 24 -> 13 s): collector 215,374 (-0.8 KB), transfer 263,320, secretariat 328,300, report
// 233,786.
// Issue 14's seventh round: each page's wasm sent as its LZMA copy (scripts/lzma.mjs), decoded in
// a worker as it arrives (public/unlzma.js, public/wasm-load.js; the decoder inlined in each page,
// +1.8 KB with its worker's side, and in the service worker, +1.3 KB): collector 215,411 ->
// 184,970 (wasm 196,364 as sent -> 162,730), transfer 263,302 -> 224,323, secretariat 328,308 ->
// 276,729, report 233,783 -> 199,300. Brotli, for hosts that send it: collector 185,240 -> 182,965.
const pages = [
  { name: 'collector (first load)', dir: dist, budget: 182 * 1024, texts: ['own'] },
  { name: 'transfer page', dir: join(dist, 'transfer'), budget: 220 * 1024, texts: ['own', 'more'] },
  { name: 'secretariat page', dir: join(dist, 'secretariat'), budget: 271 * 1024, texts: ['own', 'more'] },
  { name: 'report page', dir: join(dist, 'report'), budget: 196 * 1024, texts: ['own', 'more'] },
];
const pad = (n) => String(n).padStart(9);
const row = (name, raw, gz, br, g9, note = '') => console.log(`${name.padEnd(48)} ${pad(raw)} ${pad(gz)} ${pad(br)} ${pad(g9)}${note}`);
const header = () => `${'file'.padEnd(48)} ${pad('raw')} ${pad('gzip')} ${pad('brotli')} ${pad('gzip -9')}`;
// A file's size as is, as sent gzipped (its .gz, else gzip -9), brotli 11 (as the .br
// precompress.mjs writes: computed here, so it reads the same with or without it) and gzip -9.
const sizes = (path) => {
  const body = readFileSync(path);
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const g9 = gzipSync(body, { level: 9 }).length;
  let gz = Math.min(g9, body.length);
  if (existsSync(`${path}.gz`)) {
    const sent = readFileSync(`${path}.gz`);
    if (!gunzipSync(sent).equals(body)) throw new Error(`${path}.gz does not unpack to ${path}: build again`);
    gz = sent.length;
  }
  return [body.length, gz, br.length, g9];
};
const isCopy = (f) => f.startsWith('.') || /\.(gz|br)$/.test(f);
// Published beside the app for other programs, never fetched by a page nor precached by the
// worker (scripts/precache.mjs): no visit downloads it.
const notLoaded = (f) => f === 'bundle.schema.json';
// A page fetches its wasm's LZMA copy (X_bg.wasm.lzma, scripts/lzma.mjs), counted as it is (a
// host's gzip cannot shrink it); the plain wasm only should that copy fail.
const fallback = (dir, f) => f.endsWith('.wasm') && existsSync(join(dir, `${f}.lzma`));

// Each language's texts, fetched when that language is used and precached afterwards: the
// collector's page reads `<code>-<hash>.json`, the other pages `<code>-more-<hash>.json` too
// (scripts/locale-pages.json); each page counts the language whose files are largest for it.
console.log(`\nlanguages: ${join(dist, 'locales')}\n${header()}`);
const languages = {};
for (const f of readdirSync(join(dist, 'locales')).filter((f) => !isCopy(f)).sort()) {
  const [raw, gz, br, g9] = sizes(join(dist, 'locales', f));
  row(f, raw, gz, br, g9);
  const [, code, more] = f.match(/^([a-z]{2,3})(-more)?-/);
  const lang = (languages[code] ??= { own: [], more: [] });
  lang[more ? 'more' : 'own'].push({ name: `locales/${f}`, raw, gz, br, g9 });
}
const largestFor = (parts) => Object.values(languages).map((l) => parts.flatMap((p) => l[p]))
  .reduce((a, b) => (b.reduce((s, f) => s + f.gz, 0) > a.reduce((s, f) => s + f.gz, 0) ? b : a));

let failed = false;
for (const { name, dir, budget, texts } of pages) {
  const largest = largestFor(texts);
  let raw = 0, gz = 0, br = 0, g9 = 0;
  for (const f of largest) { raw += f.raw; gz += f.gz; br += f.br; g9 += f.g9; }
  console.log(`\n${name}: ${dir}\n${header()}`);
  for (const f of readdirSync(dir).filter((f) => !isCopy(f) && !notLoaded(f)).sort()) {
    if (statSync(join(dir, f)).isDirectory()) continue;
    const [r, g, b, g_9] = sizes(join(dir, f));
    if (fallback(dir, f)) {
      row(f, r, g, b, g_9, '  (fetched only if its .lzma fails: not counted)');
      continue;
    }
    raw += r; gz += g; br += b; g9 += g_9;
    row(f, r, g, b, g_9);
  }
  for (const f of largest) row(f.name, f.raw, f.gz, f.br, f.g9, '  (the largest language)');
  row('total', raw, gz, br, g9, `  (budget ${budget} gzip)`);
  if (gz > budget) {
    console.error(`${name}: size budget exceeded by ${gz - budget} bytes gzip`);
    failed = true;
  }
}
if (failed) process.exit(1);
