// Trunk post-build hook of every page's build; for the collector's (which holds the other pages
// too) it also:
// 1. splits each language's texts (locales/<code>.json) in two, minified, each with a content
//    hash in its name: what the collector's page needs, `<code>-<hash>.json`, and the rest
//    (scripts/locale-pages.json), `<code>-more-<hash>.json`, which only the transfer, secretariat
//    and report pages fetch besides; writes the names into each page's inline script
//    (public/locale-preload.js), leaving the pages' comments out;
// 2. writes the build's file list and a content version into sw.js.
import { createHash } from 'node:crypto';
import { transform } from 'esbuild';
import { minifyPage } from './minify.mjs';
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

// 0. Release builds: the page's script and stylesheet minified (minify.mjs); `trunk serve` keeps them readable.
if (process.env.TRUNK_PROFILE === 'release') await minifyPage(dir);

// The secretariat's own build (scripts/build.sh) has no worker: the collector's build, which
// copies it in, does all this for both.
if (!existsSync(join(dir, 'sw.js'))) process.exit(0);

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

// 1. Languages. The collector's first load carries only its own texts (issue 14: French
// 13,999 -> 9,7xx B gzip); a collector wasm that names a section it was not given fails the build.
const pages = JSON.parse(readFileSync(new URL('./locale-pages.json', import.meta.url), 'utf8'));
const wasm = readdirSync(dir).find((n) => /^gcm-collector-.*_bg\.wasm$/.test(n));
// Checked in release builds, which are what ships: a debug build's wasm keeps code no page
// runs (the messages of every error, for one), and `trunk serve` must still build.
if (wasm && process.env.TRUNK_PROFILE === 'release') {
  const bytes = readFileSync(join(dir, wasm));
  for (const section of pages.sections) {
    if (bytes.includes(`${section}.`)) throw new Error(`the collector names texts of "${section}", left out of its locale files: scripts/locale-pages.json`);
  }
  // Of a "kept" section, every `section.` the wasm holds must begin one of the keys kept: a
  // key made up at run time (`format!("bundle_error.{key}")`) leaves `section.` followed by
  // anything else, and fails too.
  for (const [section, kept] of Object.entries(pages.kept)) {
    for (let at = bytes.indexOf(`${section}.`); at >= 0; at = bytes.indexOf(`${section}.`, at + 1)) {
      const rest = bytes.subarray(at + section.length + 1, at + section.length + 65).toString('latin1');
      if (!kept.some((key) => rest.startsWith(key))) {
        throw new Error(`the collector names a text of "${section}" (${section}.${rest.slice(0, 24)}…) left out of its locale files: scripts/locale-pages.json "kept"`);
      }
    }
  }
}
const files = { collector: {}, others: {} };
const localeDir = join(dir, 'locales');
const write = (code, part, texts) => {
  const text = JSON.stringify(texts);
  const hashed = `${code}${part}-${sha(text).slice(0, 16)}.json`;
  writeFileSync(join(localeDir, hashed), text);
  return `locales/${hashed}`;
};
for (const name of readdirSync(localeDir).filter((n) => /^[a-z]{2,3}\.json$/.test(n)).sort()) {
  const code = name.slice(0, -'.json'.length);
  const all = JSON.parse(readFileSync(join(localeDir, name), 'utf8'));
  const own = {}, more = { ui: {} };
  for (const [section, texts] of Object.entries(all)) (pages.sections.includes(section) ? more : own)[section] = texts;
  for (const [section, kept] of Object.entries(pages.kept)) {
    if (!all[section]) throw new Error(`scripts/locale-pages.json: no section ${section} in ${name}`);
    own[section] = {};
    more[section] = {};
    for (const [key, text] of Object.entries(all[section])) (kept.includes(key) ? own : more)[section][key] = text;
    for (const key of kept) if (!(key in own[section])) throw new Error(`scripts/locale-pages.json: ${section}.${key} is not in ${name}`);
  }
  own.ui = { ...all.ui };
  for (const key of pages.ui) {
    if (!(key in own.ui)) throw new Error(`scripts/locale-pages.json: ui.${key} is not in ${name}`);
    more.ui[key] = own.ui[key];
    delete own.ui[key];
  }
  unlinkSync(join(localeDir, name));
  const first = write(code, '', own);
  files.collector[code] = [first];
  files.others[code] = [first, write(code, '-more', more)];
}
if (!files.collector.en) throw new Error('locales/en.json is missing');
const placeholder = '/*GCM_LOCALES*/{}/*END*/';
for (const [page, prefix, which] of [['index.html', '', 'collector'], ['transfer/index.html', '../', 'others'], ['secretariat/index.html', '../', 'others'], ['report/index.html', '../', 'others']]) {
  const path = join(dir, page);
  const html = readFileSync(path, 'utf8');
  if (!html.includes(placeholder)) throw new Error(`${page}: the locale placeholder is missing`);
  const urls = Object.fromEntries(Object.entries(files[which]).map(([code, list]) => [code, list.map((url) => prefix + url)]));
  const text = withoutComments(html.replace(placeholder, JSON.stringify(urls)));
  writeFileSync(path, process.env.TRUNK_PROFILE === 'release' ? await minifyInlineScripts(text) : text);
}

// A page's own scripts (the language's texts fetched early, the worker, the crash message…),
// minified in release builds like its other scripts (minify.mjs), once the file names are in:
// -0.2 KB gzip a page (issue 14). Only plain `<script>`s: Trunk's module loader stays as written.
async function minifyInlineScripts(html) {
  const parts = html.split(/(<script>[\s\S]*?<\/script>)/);
  for (let i = 1; i < parts.length; i += 2) {
    const { code } = await transform(parts[i].slice('<script>'.length, -'</script>'.length), { loader: 'js', minify: true });
    parts[i] = `<script>${code.trim()}</script>`;
  }
  return parts.join('');
}

// Every first visit downloads the pages and the worker: their comments (HTML, and whole-line
// ones in scripts, which say why for the people reading the sources) stay in the sources.
function withoutComments(html) {
  const lines = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<script>\/\/.*/g, '<script>').split('\n');
  return lines.filter((line) => !/^\s*(\/\/.*)?$/.test(line)).join('\n') + '\n';
}

// 2. The worker's precache list and version.
const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
// The .gz/.br copies (scripts/precompress.mjs, after this hook) are the same files as the host
// sends them, never assets of their own: left out even if a stale one is there.
const built = walk(dir).map((f) => relative(dir, f).split('\\').join('/'))
  .filter((f) => f !== 'sw.js' && !/\.(gz|br)$/.test(f)).sort();
const hash = createHash('sha256');
for (const f of built) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
// The bundle format's JSON Schema is published beside the app for other programs; the app never
// reads it, so a first visit does not download it for the worker either (issue 14: -1.4 KB gzip).
const NOT_PRECACHED = ['bundle.schema.json'];
// Pages are cached under the address people open: ./, transfer/, secretariat/ and report/.
// A wasm's LZMA copy (scripts/lzma.mjs) is how the worker fetches that wasm, not a file of its own.
const packed = Object.fromEntries(built.filter((f) => f.endsWith('.wasm') && built.includes(`${f}.lzma`))
  .map((f) => [f, sha(readFileSync(join(dir, f)))]));
const urls = built.filter((f) => !NOT_PRECACHED.includes(f) && !f.endsWith('.lzma'))
  .map((f) => (f.endsWith('index.html') ? f.slice(0, -'index.html'.length) || './' : f));

const swPath = join(dir, 'sw.js');
const sw = readFileSync(swPath, 'utf8');
const filled = [["'__VERSION__'", JSON.stringify(version)], ['self.__PRECACHE = []', `self.__PRECACHE = ${JSON.stringify(urls)}`],
  ['self.__PACKED = {}', `self.__PACKED = ${JSON.stringify(packed)}`],
  ['/*__UNLZMA__*/', readFileSync(new URL('../public/unlzma.js', import.meta.url), 'utf8')]];
let out = sw;
for (const [placeholder, value] of filled) {
  if (!out.includes(placeholder)) throw new Error(`sw.js: placeholder ${placeholder} not found`);
  out = out.replace(placeholder, () => value);
}
// Minified in release builds too (-0.2 KB gzip on every first visit, issue 14): the name of
// its cache's version and `self.__PRECACHE` stay, which tests read.
const worker = withoutComments(out);
writeFileSync(swPath, process.env.TRUNK_PROFILE === 'release' ? (await transform(worker, { loader: 'js', minify: true })).code : worker);
console.log(`locales: ${Object.values(files.others).flat().join(', ')}`);
console.log(`precache: ${urls.length} files (${Object.keys(packed).length} wasm from their LZMA copies), version ${version}`);
