// Trunk post-build hook of the collector's build (which holds the secretariat's page too):
// 1. gives each language's texts (locales/<code>.json) a content hash in its name, minified,
//    and writes the names into both pages' inline script (public/locale-preload.js), leaving
//    the pages' comments out;
// 2. writes the build's file list and a content version into sw.js.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

// The secretariat's own build (scripts/build.sh) has no worker: the collector's build, which
// copies it in, does all this for both.
if (!existsSync(join(dir, 'sw.js'))) process.exit(0);

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

// 1. Languages.
const locales = {};
const localeDir = join(dir, 'locales');
for (const name of readdirSync(localeDir).filter((n) => /^[a-z]{2,3}\.json$/.test(n)).sort()) {
  const code = name.slice(0, -'.json'.length);
  const text = JSON.stringify(JSON.parse(readFileSync(join(localeDir, name), 'utf8')));
  const hashed = `${code}-${sha(text).slice(0, 16)}.json`;
  writeFileSync(join(localeDir, hashed), text);
  unlinkSync(join(localeDir, name));
  locales[code] = `locales/${hashed}`;
}
if (!locales.en) throw new Error('locales/en.json is missing');
const placeholder = '/*GCM_LOCALES*/{}/*END*/';
for (const [page, prefix] of [['index.html', ''], ['transfer/index.html', '../'], ['secretariat/index.html', '../'], ['report/index.html', '../']]) {
  const path = join(dir, page);
  const html = readFileSync(path, 'utf8');
  if (!html.includes(placeholder)) throw new Error(`${page}: the locale placeholder is missing`);
  const files = Object.fromEntries(Object.entries(locales).map(([code, url]) => [code, prefix + url]));
  writeFileSync(path, withoutComments(html.replace(placeholder, JSON.stringify(files))));
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
const files = walk(dir).map((f) => relative(dir, f).split('\\').join('/'))
  .filter((f) => f !== 'sw.js' && !/\.(gz|br)$/.test(f)).sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
// Pages are cached under the address people open: ./, transfer/, secretariat/ and report/.
const urls = files.map((f) => (f.endsWith('index.html') ? f.slice(0, -'index.html'.length) || './' : f));

const swPath = join(dir, 'sw.js');
const sw = readFileSync(swPath, 'utf8');
const out = sw.replace("'__VERSION__'", JSON.stringify(version)).replace('self.__PRECACHE = []', `self.__PRECACHE = ${JSON.stringify(urls)}`);
if (out === sw) throw new Error('sw.js placeholders not found');
writeFileSync(swPath, withoutComments(out));
console.log(`locales: ${Object.values(locales).join(', ')}`);
console.log(`precache: ${urls.length} files, version ${version}`);
