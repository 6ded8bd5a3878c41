// A draft carried between two devices through a backup file: added on the second, edited on
// both, the conflict shown and settled by the person; a damaged file is refused in plain words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser } from './helpers.mjs';

const institution = (page) => page.getByLabel('Submitting institution', { exact: true });
const saved = (page) => page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();

async function backup(page) {
  await page.goto(new URL('/transfer/', page.url()).href);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup').click()]);
  return file.path();
}

async function openBackup(page, path) {
  await page.goto(new URL('/transfer/', page.url()).href);
  await page.getByLabel('Open a backup file').setInputFiles(path);
  const report = page.getByTestId('import-report');
  await report.waitFor();
  return report.textContent();
}

test('drafts move between devices; conflicts are the person\'s choice', async (t) => {
  const server = await startServer('dist');
  const a = await launchBrowser();
  const b = await launchBrowser();
  t.after(async () => { await a.close(); await b.close(); await server.stop(); });

  await a.page.goto(server.url);
  await a.page.getByTestId('start-annex1').click();
  await institution(a.page).fill('Ministerio del Interior — Migración');
  await a.page.getByRole('group', { name: 'Country or associate member', exact: true }).getByLabel('Paraguay', { exact: true }).check();
  await saved(a.page);
  const draftUrl = a.page.url();

  // Only complete responses are exported; the draft is listed as left out, with the reason.
  await a.page.goto(new URL('transfer/', server.url).href);
  assert.match(await a.page.getByTestId('export-count').textContent(), /^0 /);
  assert.match(await a.page.getByTestId('left-out').textContent(), /Ministerio del Interior.*draft/);
  assert.ok(await a.page.getByTestId('export-zip').isDisabled());

  const first = await backup(a.page);
  await b.page.goto(server.url);
  assert.match(await openBackup(b.page, first), /1 added, 0 already here, 0 with a different version/);
  await b.page.goto(server.url);
  await b.page.getByTestId('drafts').getByRole('link', { name: /Paraguay — Ministerio del Interior/ }).click();
  assert.equal(await institution(b.page).inputValue(), 'Ministerio del Interior — Migración');
  await institution(b.page).fill('Ministerio del Interior — Dirección Nacional de Migraciones (B)');
  await saved(b.page);

  // Opening the same file again changes nothing; a newer edit on A conflicts with B's.
  assert.match(await openBackup(b.page, first), /0 added, 0 already here, 1 with a different version/);
  await b.page.getByTestId('keep-local').click();
  await a.page.goto(draftUrl);
  await institution(a.page).fill('Ministerio del Interior — versión de A');
  await saved(a.page);
  const second = await backup(a.page);
  assert.match(await openBackup(b.page, second), /1 with a different version/);
  const conflict = b.page.getByTestId('conflict');
  assert.match(await conflict.textContent(), /On this device.*In the file/);
  await conflict.getByTestId('take-file').click();
  await conflict.waitFor({ state: 'detached' });
  await b.page.goto(draftUrl.replace(new URL(draftUrl).origin, new URL(server.url).origin));
  assert.equal(await institution(b.page).inputValue(), 'Ministerio del Interior — versión de A');

  // A file changed after export is refused, and nothing is imported from it.
  const bytes = readFileSync(second);
  const text = bytes.toString('latin1');
  assert.ok(text.includes(' de A"'));
  const tampered = Buffer.from(text.replace(' de A"', ' de X"'), 'latin1');
  const path = join(mkdtempSync(join(tmpdir(), 'gcm-')), 'tampered.zip');
  writeFileSync(path, tampered);
  const refused = await openBackup(b.page, path);
  assert.match(refused, /tampered\.zip/);
  assert.doesNotMatch(refused, /added/);
  const notAZip = join(mkdtempSync(join(tmpdir(), 'gcm-')), 'notes.json');
  writeFileSync(notAZip, '{"hello": "world"}');
  assert.match(await openBackup(b.page, notAZip), /notes\.json/);
});
