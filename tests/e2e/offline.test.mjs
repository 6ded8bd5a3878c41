// The shell: loads, asks nothing of any other origin, and comes back with the server stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForServiceWorker } from './helpers.mjs';
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
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the wasm was fetched');

  await server.stop();
  await page.reload();
  await page.getByTestId('start-annex1').waitFor();
  const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('gcm-')));
  assert.equal(cached.length, 1, 'one cache, of this build');
  // Paper is on the transfer page (its own wasm), precached too: a blank form prints offline.
  const form = loadForm('consultation_session');
  await page.getByRole('link', { name: `${locales.en.ui.print_blank}: ${form.title.en}` }).click();
  await page.getByRole('heading', { level: 1, name: form.title.en }).waitFor();
  await page.getByText(locales.en.ui.blank_note).waitFor();
});
