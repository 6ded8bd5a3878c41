// The release build's last step (scripts/build.sh): `node scripts/precompress.mjs [dist]` writes
// X.gz (gzip by Zopfli) and X.br (brotli, quality 11) beside every compressible file X of the build, so
// a static host sends them instead of compressing on each request (nginx `gzip_static` and
// `brotli_static`, Apache's rewrite rules, scripts/static-server.mjs: README "Deploying").
// They are not assets of their own: the service worker's list (scripts/precache.mjs, run before
// this) and the size budget leave them out. Idempotent: stale .gz/.br files are replaced, and
// a variant no smaller than its original is not written (the host sends the original).
//
// Zopfli (npm @gfx/zopfli, 15 iterations) writes the same gzip format any browser reads, 4-5%
// smaller than gzip -9, taking seconds a wasm where gzip takes milliseconds: worth it for files
// compressed once and sent to every first visit (issue 14: collector's first load 232,811 ->
// 222,370 B as sent; gzip -9 beside it in scripts/size-budget.mjs). With no limit on the
// number of blocks it splits a file into (`blocksplittingmax: 0`, its default 15): collector's
// wasm -0.8 KB more, the secretariat's -1.7 KB, for about 5 s a wasm instead of 1.5.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { brotliCompress, constants, gunzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

const dir = process.argv[2] ?? 'dist';
// Text and wasm; images already compressed (png, jpeg, webp, woff2…) are left alone.
const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.css', '.html', '.json', '.map', '.svg', '.txt', '.xml', '.csv', '.md',
  '.webmanifest', '.ico']);
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.json', '.map', '.svg', '.txt', '.xml', '.csv', '.md', '.webmanifest']);
const isVariant = (name) => /\.(gz|br)$/.test(name);

const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
// Zopfli runs in worker threads, one a core: it is JavaScript (wasm) on the thread that calls it.
const ZOPFLI = `
const { parentPort, workerData } = require('node:worker_threads');
const { gzipAsync } = require(workerData.zopfli);
parentPort.on('message', async (body) => parentPort.postMessage(await gzipAsync(body, { numiterations: 15, blocksplittingmax: 0 })));
`;
const zopfliPath = createRequire(import.meta.url).resolve('@gfx/zopfli');
const workers = Array.from({ length: Math.max(1, availableParallelism()) }, () => new Worker(ZOPFLI, { eval: true, workerData: { zopfli: zopfliPath } }));
const idle = [...workers], waiting = [];
for (const w of workers) w.on('error', (e) => { throw e; });
const zopfli = (body) => new Promise((resolve) => {
  const run = (w) => {
    w.once('message', (out) => { resolve(Buffer.from(out)); const next = waiting.shift(); if (next) next(w); else idle.push(w); });
    w.postMessage(body);
  };
  const w = idle.pop();
  if (w) run(w); else waiting.push(run);
});
// The copy's contents are checked, not trusted: a host would send it in the original's place.
const gz = async (body) => {
  const out = await zopfli(body);
  if (!gunzipSync(out).equals(body)) throw new Error('Zopfli wrote a .gz that does not unpack to its file');
  return out;
};
const br = promisify(brotliCompress);

const files = walk(dir);
for (const f of files.filter(isVariant)) unlinkSync(f);
let count = 0, raw = 0, gzTotal = 0, brTotal = 0;
// zlib runs brotli on its thread pool, beside Zopfli's workers.
await Promise.all(files.filter((f) => !isVariant(f) && COMPRESSIBLE.has(extname(f).toLowerCase())).map(async (f) => {
  const body = readFileSync(f);
  const [g, b] = await Promise.all([
    gz(body),
    br(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: TEXT.has(extname(f).toLowerCase()) ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  ]);
  if (g.length < body.length) writeFileSync(`${f}.gz`, g);
  if (b.length < body.length) writeFileSync(`${f}.br`, b);
  count++; raw += body.length; gzTotal += Math.min(g.length, body.length); brTotal += Math.min(b.length, body.length);
}));
console.log(`precompressed ${count} files in ${relative(process.cwd(), dir) || '.'}: ${raw} bytes, gzip ${gzTotal}, brotli ${brTotal}`);
for (const w of workers) await w.terminate();
