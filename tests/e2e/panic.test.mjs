// A panic stops the app's wasm: the page says so in the person's language, offers a reload, and
// what was saved before is still there. The panic is the test-only route `#/test-panic`
// (src/ui/mod.rs), which panics on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, openNewResponse, shot } from './helpers.mjs';
import { loadForm, locales } from './forms.mjs';

const annex1 = loadForm('annex1');

test('a panic shows the recovery message in the page\'s language; saved answers survive the reload', async (t) => {
  const { page } = await openNewResponse(t, 'annex1', annex1.title.en);
  await page.setViewportSize(PHONE);
  // In French: the message follows the language the app speaks, with no wasm to say it.
  await page.getByLabel(locales.en.ui.language).selectOption('fr');
  const fr = locales.fr;
  await page.getByRole('heading', { level: 1, name: annex1.title.fr }).waitFor();
  await page.getByLabel(annex1.item('institution').label.fr, { exact: true }).fill('Ministère des Affaires étrangères');
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.evaluate(() => { location.hash = '#/test-panic'; });
  const message = page.getByRole('alert').filter({ hasText: 'Vos réponses enregistrées sont en sécurité' });
  await message.waitFor();
  assert.match(errors.join('\n'), /unreachable/, 'the wasm trapped');
  const reload = message.getByRole('button', { name: 'Recharger' });
  assert.ok(await reload.isVisible());
  await shot(page, 'panic');

  // The focus is on it, and the keyboard presses it (Space, as Enter). The reload leaves the
  // address that failed, and the saved draft is there, as it was.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Recharger');
  await page.keyboard.press('Space');
  await page.getByRole('heading', { level: 1, name: fr.ui.forms }).waitFor();
  assert.equal(new URL(page.url()).hash, '');
  await page.getByTestId('drafts').getByRole('link', { name: /Ministère des Affaires étrangères/ }).click();
  assert.equal(await page.getByLabel(annex1.item('institution').label.fr, { exact: true }).inputValue(), 'Ministère des Affaires étrangères');
});
