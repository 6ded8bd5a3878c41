// Trunk post-build hook: writes the build's file list and a content version into sw.js.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

// The secretariat's own build (scripts/build.sh) has no worker: the collector's build, which
// copies it in, lists both.
if (!existsSync(join(dir, 'sw.js'))) process.exit(0);

const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
const files = walk(dir).map((f) => relative(dir, f).split('\\').join('/')).filter((f) => f !== 'sw.js').sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
// Pages are cached under the address people open: ./ and secretariat/.
const urls = files.map((f) => (f.endsWith('index.html') ? f.slice(0, -'index.html'.length) || './' : f));

const swPath = join(dir, 'sw.js');
const sw = readFileSync(swPath, 'utf8');
const out = sw.replace("'__VERSION__'", JSON.stringify(version)).replace('self.__PRECACHE = []', `self.__PRECACHE = ${JSON.stringify(urls)}`);
if (out === sw) throw new Error('sw.js placeholders not found');
writeFileSync(swPath, out);
console.log(`precache: ${urls.length} files, version ${version}`);
