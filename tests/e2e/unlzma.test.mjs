// Each page's wasm comes as its LZMA copy (scripts/lzma.mjs), decoded by public/unlzma.js in the
// page (public/wasm-load.js) and in the worker (sw.js). The decoder is checked here on data
// unlike the wasm, with every setting of the format, fed whole and in pieces, and on damaged
// data, which must end in an error, never a hang; then a page whose copy is damaged or missing
// must still start, from the plain wasm, and the worker must keep the right bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lzma, unlzma } from '../../scripts/lzma.mjs';
import { serve } from '../../scripts/static-server.mjs';
import { launchBrowser, startServer, waitForServiceWorker, cachedSha256 } from './helpers.mjs';

const wasm = readdirSync('dist').find((f) => f.endsWith('_bg.wasm'));
const samples = {
  empty: Buffer.alloc(0),
  'one byte': Buffer.from('a'),
  text: Buffer.from(readFileSync('README.md', 'utf8').repeat(3)),
  random: randomBytes(70_000),
  zeros: Buffer.alloc(300_000),
  // Runs, repeats and noise: long matches, repeated distances, literals after matches.
  mixed: Buffer.concat(Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? randomBytes(1) : Buffer.from('ab'.repeat(1 + (i % 150)))))),
  wasm: readFileSync(`dist/${wasm}`),
};

test('the decoder reads LZMA of any data and settings, whole or in pieces', () => {
  for (const [name, bytes] of Object.entries(samples)) {
    for (const [lc, lp, pb] of [[4, 0, 0], [3, 0, 2], [0, 2, 0], [1, 3, 4]]) {
      const packed = lzma(bytes, { lc, lp, pb, preset: 6 });
      for (const piece of [packed.length, 4096, 333, 7]) {
        assert.ok(unlzma(packed, piece).equals(bytes), `${name}, lc=${lc} lp=${lp} pb=${pb}, in pieces of ${piece}`);
      }
    }
  }
  // The build's own settings, as scripts/lzma.mjs writes the pages' copies.
  assert.ok(unlzma(lzma(samples.mixed), 1000).equals(samples.mixed));
  assert.ok(readFileSync(`dist/${wasm}.lzma`).length < samples.wasm.length / 3, 'the copy is a third of the wasm at most');
});

test('damaged LZMA ends in an error or other bytes, never a hang', () => {
  const packed = lzma(samples.text);
  assert.throws(() => unlzma(packed.subarray(0, packed.length >> 1)), /lzma: truncated/);
  assert.throws(() => unlzma(packed.subarray(0, 10)), /lzma: truncated/);
  let differed = 0;
  for (let i = 0; i < 200; i++) {
    const damaged = Buffer.from(packed);
    const at = 13 + Math.floor(Math.random() * (damaged.length - 13));
    damaged[at] ^= 1 + Math.floor(Math.random() * 255);
    try {
      if (!unlzma(damaged, 512).equals(samples.text)) differed++;
    } catch (e) {
      assert.match(e.message, /^lzma: /);
      differed++;
    }
  }
  assert.ok(differed > 190, `damage is noticed: ${differed} of 200`);
});

for (const [what, spoil] of [
  ['damaged', (file) => { const b = readFileSync(file); b.fill(0x5a, b.length >> 1, (b.length >> 1) + 64); writeFileSync(file, b); }],
  ['missing', (file) => unlinkSync(file)],
]) {
  test(`a page whose wasm's LZMA copy is ${what} starts from the plain wasm, and the worker keeps the right bytes`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gcm-lzma-'));
    cpSync('dist', dir, { recursive: true });
    spoil(join(dir, `${wasm}.lzma`));
    const server = await startServer(dir);
    const browser = await launchBrowser();
    t.after(async () => { await browser.close(); await server.stop(); rmSync(dir, { recursive: true, force: true }); });
    const { page, requests } = browser;
    await page.goto(server.url);
    await page.getByRole('link', { name: 'GCM Review Collector' }).waitFor();
    assert.ok(requests.some((u) => u.endsWith(`/${wasm}`)), 'the plain wasm was fetched');
    await waitForServiceWorker(page);
    const kept = await cachedSha256(page, wasm);
    assert.equal(kept, createHash('sha256').update(samples.wasm).digest('hex'), 'the worker keeps the wasm, not the damaged decode');
    // Offline, the page starts from what the worker kept.
    await server.stop();
    await page.reload();
    await page.getByRole('link', { name: 'GCM Review Collector' }).waitFor();
  });
}

test('a page the worker has not cached yet gets its wasm through the worker, from the LZMA copy', async (t) => {
  // The secretariat's page is cached on the devices that open it (sw.js ON_DEMAND): its first
  // visit under the collector's worker asks the worker for the wasm, which fetches the copy.
  const sent = [];
  const server = await serve('dist', 0, { onResponse: (r) => sent.push(r.path) });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); server.closeAllConnections(); server.close(); });
  const { page } = browser;
  await page.goto(url);
  await waitForServiceWorker(page);
  const wasmOf = readdirSync('dist/secretariat').find((f) => f.endsWith('_bg.wasm'));
  assert.ok(!sent.some((p) => p.includes(wasmOf)), 'not precached on a collector');
  await page.goto(`${url}secretariat/`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.deepEqual(sent.filter((p) => p.includes(wasmOf)), [`/secretariat/${wasmOf}.lzma`], 'the host sent the copy alone');
});
