// The language switch: every text of the form changes, nothing typed is lost, the choice is remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser } from './helpers.mjs';

const form = JSON.parse(readFileSync(new URL('../../forms/annex1.json', import.meta.url)));
const institution = form.sections[0].items.find((i) => i.id === 'institution');

test('switching to Spanish mid-edit keeps the typed text and is remembered', async (t) => {
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page } = browser;
  await page.goto(server.url);
  await page.getByTestId('start-annex1').click();
  await page.getByLabel(institution.label.en, { exact: true }).fill('Dirección de Migración y Extranjería');
  // No wait for the autosave: the switch must not drop an edit still in memory.
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('heading', { level: 1, name: form.title.es }).waitFor();
  assert.equal(await page.getByLabel(institution.label.es, { exact: true }).inputValue(), 'Dirección de Migración y Extranjería');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  await page.reload();
  assert.equal(await page.getByLabel(institution.label.es, { exact: true }).inputValue(), 'Dirección de Migración y Extranjería');
  await page.getByRole('link', { name: /Todos los formularios/ }).click();
  await page.getByTestId('drafts').getByText(/Dirección de Migración y Extranjería/).waitFor();
});
