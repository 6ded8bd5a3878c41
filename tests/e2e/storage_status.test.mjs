// What the home page says about the device's storage: used and free, whether the browser keeps
// it, a warning before it runs out, and, where the browser may clear it, a reminder to back up
// work three days old and the offer to install the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, launchBrowser, shot, startServer, waitForServiceWorker } from './helpers.mjs';
import { loadForm, locales } from './forms.mjs';

const en = locales.en.ui;
const annex1 = loadForm('annex1');

/**
 * The app served, and a browser whose storage the browser keeps (`persisted`) or may clear, as
 * `navigator.storage` says before any script of the app runs; at 360 px. With `estimate`, the
 * bytes used and the quota it reports too: Chromium's own estimate ignores a quota cut through
 * DevTools (`Storage.overrideQuotaForOrigin` limits writes, not what `estimate()` says).
 */
async function open(t, { persisted, estimate }) {
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { context, page } = browser;
  await context.addInitScript(({ kept, estimate }) => {
    if (!navigator.storage) return;
    navigator.storage.persisted = async () => kept;
    navigator.storage.persist = async () => kept;
    if (estimate) navigator.storage.estimate = async () => estimate;
    // Chromium finds the app installable and makes its own offer: the tests make theirs, when they choose.
    addEventListener('beforeinstallprompt', (e) => { if (!e.byTheTest) e.stopImmediatePropagation(); }, true);
  }, { kept: persisted, estimate });
  await page.setViewportSize(PHONE);
  await page.goto(server.url);
  return { server, page };
}

/** A new response with its institution answered, then `days` old as stored; back home after. */
async function oldDraft(page, days) {
  await page.getByRole('button', { name: en.start_form.replace('{form}', annex1.title.en) }).click();
  await page.getByLabel(annex1.item('institution').label.en, { exact: true }).fill('Cancillería');
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  await page.evaluate((ms) => new Promise((ok, fail) => {
    const open = indexedDB.open('gcm-collector');
    open.onsuccess = () => {
      const tx = open.result.transaction('drafts', 'readwrite');
      const drafts = tx.objectStore('drafts');
      drafts.getAll().onsuccess = (e) => e.target.result.forEach((r) => drafts.put({ ...r, modified: new Date(Date.now() - ms).toISOString() }));
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }), days * 24 * 3600 * 1000);
  await page.getByRole('link', { name: `← ${locales.en.ui.home}` }).click();
  await page.getByTestId('drafts').waitFor();
}

/** The browser's offer to install, as Chromium makes it when the app qualifies (a synthetic one). */
const offerInstall = (page) => page.evaluate(() => {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  event.byTheTest = true;
  event.prompt = () => { window.installPrompted = true; return Promise.resolve({ outcome: 'accepted' }); };
  dispatchEvent(event);
});

test('storage kept by the browser: used and free space shown; no reminder, no install offer', async (t) => {
  const { page } = await open(t, { persisted: true });
  await waitForServiceWorker(page);
  const line = page.getByTestId('storage');
  await line.getByText(en.storage_kept).waitFor();
  await line.getByText(/^Storage: [\d.,]+ MB used, [\d.,]+ GB free\. Kept until you delete it\.$/).waitFor();
  await oldDraft(page, 5);
  await offerInstall(page);
  await line.getByText(en.storage_kept).waitFor();
  assert.equal(await page.getByText(en.backup_reminder).count(), 0);
  assert.equal(await page.getByRole('button', { name: en.install }).isVisible(), false);
  assert.equal(await page.getByText(en.storage_low).count(), 0);
});

test('storage the browser may clear: a reminder once work is three days old, the install offer, both gone once acted on', async (t) => {
  const { page, server } = await open(t, { persisted: false });
  await waitForServiceWorker(page);
  await page.getByTestId('storage').getByText(en.storage_may_clear).waitFor();
  // A draft of two days: no reminder yet.
  await oldDraft(page, 2);
  await page.getByTestId('storage').getByText(en.storage_may_clear).waitFor();
  assert.equal(await page.getByText(en.backup_reminder).count(), 0);
  const install = page.getByRole('button', { name: en.install });
  assert.equal(await install.isVisible(), false, 'no offer until the browser makes one');

  await oldDraft(page, 4);
  const reminder = page.getByRole('alert').filter({ hasText: en.backup_reminder });
  await reminder.waitFor();
  await offerInstall(page);
  await install.waitFor();
  await reminder.scrollIntoViewIfNeeded();
  await shot(page, 'backup-reminder-and-install');
  // By keyboard alone: after the page's own links, Tab reaches the reminder's link, then the
  // offer, which Enter makes; the focus stays by the storage line, not back at the top.
  await page.getByTestId('secretariat-link').focus();
  const focused = () => page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), en.transfer);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), en.install);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.installPrompted), true, 'the browser\'s prompt was shown');
  assert.equal(await install.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'storage');

  // A backup on the transfer page covers the work: the reminder goes.
  await reminder.getByRole('link', { name: en.transfer }).press('Enter');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en.backup_button }).click()]);
  await page.goto(server.url);
  await page.getByTestId('storage').getByText(en.storage_may_clear).waitFor();
  assert.equal(await page.getByText(en.backup_reminder).count(), 0);
});

test('storage nearly full: the home page warns before it runs out', async (t) => {
  const { page } = await open(t, { persisted: true, estimate: { usage: 97_000_000, quota: 100_000_000 } });
  const warning = page.getByRole('alert').filter({ hasText: en.storage_low });
  await warning.waitFor();
  assert.equal(await page.getByTestId('storage').getByText(en.storage_low).count(), 1);
  await page.getByText(/^Storage: 97 MB used, 3 MB free\. Kept until you delete it\.$/).waitFor();
  await warning.scrollIntoViewIfNeeded();
  await shot(page, 'storage-low');
});

test('storage with room: no warning', async (t) => {
  const { page } = await open(t, { persisted: false, estimate: { usage: 80_000_000, quota: 1_000_000_000 } });
  await page.getByTestId('storage').getByText(en.storage_may_clear).waitFor();
  await page.getByText(/^Storage: 80 MB used, 920 MB free\. The browser may clear it when space runs short\.$/).waitFor();
  assert.equal(await page.getByText(en.storage_low).count(), 0);
});
