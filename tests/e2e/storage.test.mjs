// When the device's storage runs out (the origin's quota cut through the DevTools protocol), or
// IndexedDB is gone, the person is told so in their language, keeps their text on screen, and
// can take it away in a backup file; nothing is blamed on "another tab".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { PHONE, launchBrowser, shot, startServer } from './helpers.mjs';
import { locales } from './forms.mjs';

const en = locales.en;

/** The app served and a browser whose quota for it is `bytes`, set before the app opens its database. */
async function withQuota(t, bytes) {
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page, context } = browser;
  const cdp = await context.newCDPSession(page);
  // On a blank page: Chromium applies the quota to connections opened afterwards.
  await page.goto('about:blank');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: bytes });
  await page.goto(server.url);
  return { server, page };
}

// Varied text: the browser compresses what it stores, so repeated characters never fill anything.
const varied = (n) => randomBytes(n).toString('base64').slice(0, n);

test('storage running out while typing: the right message, the text kept, a backup, no conflict', async (t) => {
  const { page, server } = await withQuota(t, 200_000);
  await page.getByTestId('start-annex1').click();
  const state = page.getByTestId('save-state');
  const fields = ['collab_gaps', 'collab_areas', 'collab_pledges', 'impl_actions', 'impl_progress', 'imrf_findings', 'other_comments'];
  let failedAt;
  const typed = {};
  for (const id of fields) {
    typed[id] = varied(9_000);
    await page.locator(`#q-${id}`).fill(typed[id]);
    await page.waitForFunction(() => ['saved', 'error'].includes(document.querySelector('[data-testid=save-state]').dataset.state) && !document.querySelector('[data-testid=save-state]').textContent.includes('…'));
    if ((await state.getAttribute('data-state')) === 'error') { failedAt = id; break; }
  }
  assert.ok(failedAt, 'the quota was reached');
  const message = await state.textContent();
  assert.ok([en.store_error.full, en.store_error.not_saved].includes(message), message);
  assert.doesNotMatch(message, /another tab/);
  assert.equal(await page.getByRole('button', { name: en.ui.keep_mine }).count(), 0, 'no "keep my version" choice');
  assert.equal(await page.locator(`#q-${failedAt}`).inputValue(), typed[failedAt], 'the text stays on screen');

  // Another edit fails the same way: never a conflict with a revision that was never stored.
  await page.locator('#q-institution').fill('Ministerio de Relaciones Exteriores');
  await page.waitForTimeout(800);
  assert.doesNotMatch(await state.textContent(), /another tab/);

  // The backup holds what is only on the screen.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en.ui.backup_button }).click()]);
  assert.match(file.suggestedFilename(), /^backup_.*\.json$/);
  const path = await file.path();
  const bundle = JSON.parse(execFileSync('python3', ['-c', 'import sys, json; print(json.dumps(json.load(open(sys.argv[1], encoding="utf-8"))))', path]));
  assert.equal(bundle.manifest.kind, 'backup');
  assert.equal(bundle.records[0].answers[failedAt], typed[failedAt]);
  assert.equal(bundle.records[0].answers.institution, 'Ministerio de Relaciones Exteriores');

  // Another device (with room) restores it on the transfer page, and the words are back.
  const other = await launchBrowser();
  t.after(() => other.close());
  await other.page.goto(new URL('transfer/', server.url).href);
  await other.page.getByLabel('Open a backup file').setInputFiles(path);
  await other.page.getByTestId('import-report').waitFor();
  await other.page.goto(server.url);
  await other.page.getByTestId('drafts').getByRole('link').first().click();
  assert.equal(await other.page.locator('#q-institution').inputValue(), 'Ministerio de Relaciones Exteriores');
});

test('storage already full when a response is started: the page says so', async (t) => {
  const { page } = await withQuota(t, 1);
  await page.getByTestId('start-annex1').click();
  await page.getByText(en.store_error.full_at_start).waitFor();
  assert.equal(new URL(page.url()).hash, '', 'nothing opened');
  assert.equal(await page.getByText(en.ui.not_found).count(), 0);
});

test('IndexedDB gone while typing (private browsing, settings, a lost connection): said in the person\'s language, text kept, a backup', async (t) => {
  const server = await startServer('dist');
  const browser = await launchBrowser({ locale: 'es-ES' });
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page, context } = browser;
  const es = locales.es;
  await page.setViewportSize(PHONE);
  await page.goto(server.url);
  await page.getByRole('button', { name: es.ui.start_form.replace('{form}', es.forms.annex1.title) }).click();
  const institution = page.getByLabel(es.forms.annex1.items.institution.label, { exact: true });
  await institution.fill('Cancillería');
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();

  // The browser stops letting the page store anything: its connection is closed (site data
  // cleared from under it) and any new one is refused, as in a private window that allows none.
  await page.evaluate(() => {
    IDBFactory.prototype.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(server.url).origin, storageTypes: 'indexeddb' });
  await institution.fill('Cancillería — Dirección de Asuntos Migratorios');
  const state = page.getByTestId('save-state');
  await state.and(page.locator('[data-state=error]')).waitFor();
  const message = await state.textContent();
  assert.ok(message.startsWith(es.store_error.unavailable.replace('{detail}', 'SecurityError')), message);
  assert.ok(message.endsWith(es.ui.text_kept), message);
  assert.equal(await institution.inputValue(), 'Cancillería — Dirección de Asuntos Migratorios', 'the text stays on screen');
  await shot(page, 'indexeddb-unavailable');
  // On the phone the sticky bar keeps only what saves the words: the message and the backup
  // button; the progress and the next-question link come back on a wider screen.
  const progress = page.getByTestId('progress'), next = page.getByRole('button', { name: es.ui.next_unanswered });
  assert.ok(!(await progress.isVisible()) && !(await next.isVisible()), 'the phone\'s bar keeps the message and the button alone');
  const bar = await page.locator('.status-bar').boundingBox();
  assert.ok(bar.height < PHONE.height / 3, `the bar takes ${bar.height} px of ${PHONE.height}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok((await progress.isVisible()) && (await next.isVisible()), 'a wide screen shows them');
  await page.setViewportSize(PHONE);

  // The backup holds what is only on the screen.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: es.ui.backup_button }).click()]);
  const bundle = JSON.parse(execFileSync('python3', ['-c', 'import sys, json; print(json.dumps(json.load(open(sys.argv[1], encoding="utf-8"))))', await file.path()]));
  assert.equal(bundle.manifest.kind, 'backup');
  assert.equal(bundle.records.length, 1);
  assert.equal(bundle.records[0].answers.institution, 'Cancillería — Dirección de Asuntos Migratorios');
});
