// The release build's precompressed copies (scripts/precompress.mjs) and how the static server
// sends them: X.br for a browser that accepts br, else X.gz for gzip, else X, always with X's
// type and `Vary: Accept-Encoding`; never listed for the service worker as assets of their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer } from './helpers.mjs';
import { chooseEncoding } from '../../scripts/static-server.mjs';

/** GET `url` with this Accept-Encoding: the status, headers and the body's bytes as sent. */
const fetchRaw = (url, acceptEncoding) => new Promise((ok, fail) => {
  get(url, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
  }).on('error', fail);
});

test('Accept-Encoding is read with its q-values', () => {
  const both = () => true;
  assert.equal(chooseEncoding('gzip, deflate, br, zstd', both), 'br');
  assert.equal(chooseEncoding('gzip, deflate', both), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip', both), 'gzip');
  assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.9', both), 'gzip');
  assert.equal(chooseEncoding('*', both), 'br');
  assert.equal(chooseEncoding('identity', both), null);
  assert.equal(chooseEncoding(undefined, both), null);
  assert.equal(chooseEncoding('gzip, br', (suffix) => suffix === '.gz'), 'gzip', 'only the copies there are');
});

test('the build has a .gz and a .br beside each compressible file, and the server sends the right one', async (t) => {
  const wasm = readdirSync('dist').find((f) => f.endsWith('_bg.wasm'));
  for (const f of [wasm, 'index.html', 'sw.js', 'transfer/index.html']) {
    assert.ok(existsSync(`dist/${f}.gz`) && existsSync(`dist/${f}.br`), `${f} has its copies`);
  }
  const precache = JSON.parse(readFileSync('dist/sw.js', 'utf8').match(/self\.__PRECACHE\s*=\s*(\[.*?\])/)[1]);
  assert.ok(precache.length > 10 && !precache.some((u) => /\.(gz|br)$/.test(u)), 'the worker lists no copy');

  const server = await startServer('dist');
  t.after(() => server.stop());
  const original = readFileSync(`dist/${wasm}`);
  const cases = [
    ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
    ['identity', undefined, (b) => b],
    [undefined, undefined, (b) => b],
  ];
  for (const [accept, encoding, decode] of cases) {
    const res = await fetchRaw(server.url + wasm, accept);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/wasm', `the wasm's own type for "${accept}"`);
    assert.equal(res.headers['content-encoding'], encoding, `"${accept}"`);
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assert.ok(decode(res.body).equals(original), `the same bytes for "${accept}"`);
  }
  // A page under its address, with its revalidation; a file with no copies, as it is.
  const page = await fetchRaw(`${server.url}transfer/`, 'br');
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(page.headers['content-encoding'], 'br');
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.ok(brotliDecompressSync(page.body).equals(readFileSync('dist/transfer/index.html')));
  const missing = await fetchRaw(`${server.url}public-key.json`, 'br');
  assert.equal(missing.status, 404);
});
