// A device that used the first version of the app (IndexedDB schema 1) keeps its drafts when
// the app upgrades the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './helpers.mjs';

test('drafts written under schema 1 survive the upgrade', async (t) => {
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page } = browser;
  await page.goto(new URL('manifest.webmanifest', server.url).href);
  await page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('gcm-collector', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('drafts', { keyPath: 'id' }).createIndex('form_id', 'form_id');
    open.onsuccess = () => {
      const tx = open.result.transaction('drafts', 'readwrite');
      tx.objectStore('drafts').put({
        id: '0f1e2d3c-0000-4000-8000-000000000001', form_id: 'annex1', form_version: '2025.1', status: 'draft', revision: 4,
        created: '2025-01-10T10:00:00.000Z', modified: '2025-01-12T10:00:00.000Z', language: 'es',
        answers: { country: 'URY', institution: 'Dirección Nacional de Migración' },
      });
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }));
  await page.goto(server.url);
  await page.getByTestId('drafts').getByRole('link', { name: /Uruguay — Dirección Nacional de Migración/ }).click();
  assert.equal(await page.getByLabel('Submitting institution', { exact: true }).inputValue(), 'Dirección Nacional de Migración');
  const version = await page.evaluate(() => new Promise((ok) => { const o = indexedDB.open('gcm-collector'); o.onsuccess = () => ok(o.result.version); }));
  assert.equal(version, 2);
});
