// The shell: loads, asks nothing of any other origin, and comes back with the server stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { startServer, launchBrowser, waitForServiceWorker, cachedSha256 } from './helpers.mjs';
import { loadForm, locales } from './forms.mjs';

test('the app makes no request off its own origin and loads offline after one visit', async (t) => {
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page, requests } = browser;
  await page.goto(server.url);
  await page.getByRole('link', { name: 'GCM Review Collector' }).waitFor();
  await waitForServiceWorker(page);
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  // The wasm came as its LZMA copy (scripts/lzma.mjs), to the page and to the worker, never whole.
  const wasm = readdirSync('dist').find((f) => f.endsWith('_bg.wasm'));
  assert.ok(requests.some((u) => u.endsWith(`/${wasm}.lzma`)), 'the wasm was fetched as its LZMA copy');
  assert.ok(!requests.some((u) => u.endsWith(`/${wasm}`)), 'and not as the plain file');

  await server.stop();
  const before = requests.length;
  await page.reload();
  await page.getByTestId('start-annex1').waitFor();
  // Under the worker the page asks for the wasm itself, which the worker keeps decoded: the
  // same bytes as the build's file.
  assert.ok(requests.slice(before).some((u) => u.endsWith(`/${wasm}`)), 'the page took the wasm from the worker');
  const kept = await cachedSha256(page, wasm);
  assert.equal(kept, createHash('sha256').update(readFileSync(`dist/${wasm}`)).digest('hex'), 'the worker keeps the wasm decoded');
  const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('gcm-')));
  assert.equal(cached.length, 1, 'one cache, of this build');
  // Paper is on the transfer page (its own wasm), precached too: a blank form prints offline.
  const form = loadForm('consultation_session');
  await page.getByRole('link', { name: `${locales.en.ui.print_blank}: ${form.title.en}` }).click();
  await page.getByRole('heading', { level: 1, name: form.title.en }).waitFor();
  await page.getByText(locales.en.ui.blank_note).waitFor();
});
