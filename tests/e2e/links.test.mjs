// Links that open a form: a new response to the form, its answers prefilled when the form
// accepts them; a bad value is said and never kept; the secretariat makes such links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './helpers.mjs';
import { loadForm, locales } from './forms.mjs';

const en = locales.en.ui;
const annex1 = loadForm('annex1');
const country = (page) => page.getByRole('group', { name: annex1.item('country').label.en, exact: true });

test('#/new/annex1 opens a new response, prefilled, once', async (t) => {
  const { server, page } = await openApp(t);
  await page.goto(`${server.url}#/new/annex1?country=PER&institution=${encodeURIComponent('Cancillería del Perú')}`);
  await page.getByRole('heading', { level: 1, name: annex1.title.en }).waitFor();
  assert.match(page.url(), /#\/r\/[0-9a-f-]{36}$/, 'the link becomes the response');
  assert.ok(await country(page).getByLabel('Peru', { exact: true }).isChecked());
  assert.equal(await page.getByLabel(annex1.item('institution').label.en, { exact: true }).inputValue(), 'Cancillería del Perú');
  assert.equal(await page.getByTestId('link-notice').count(), 0, 'nothing refused, nothing said');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: annex1.title.en }).waitFor();
  await page.goto(server.url);
  await page.getByTestId('drafts').waitFor();
  assert.equal(await page.getByTestId('drafts').locator('li').count(), 1, 'one response, however often the page is reloaded');
});

test('a bad value in a link is said and never kept', async (t) => {
  const { server, page } = await openApp(t);
  await page.goto(`${server.url}#/new/annex1?country=XYZ&email=not-an-address&colour=blue&focal_point=Ana`);
  await page.getByRole('heading', { level: 1, name: annex1.title.en }).waitFor();
  const notice = page.getByTestId('link-notice');
  const said = await notice.textContent();
  assert.ok(said.includes(en.link_refused), said);
  assert.match(said, /Country or associate member = “XYZ”: Choose one of the options\./);
  assert.match(said, /Email = “not-an-address”: Enter a valid email address/);
  assert.match(said, /colour = “blue”: this form has no such question/);
  assert.equal(await country(page).locator('input:checked').count(), 0, 'XYZ was not kept');
  assert.equal(await page.getByLabel(annex1.item('focal_point').label.en, { exact: true }).inputValue(), 'Ana', 'good values are');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: annex1.title.en }).waitFor();
  assert.equal(await page.getByTestId('link-notice').count(), 0, 'said once');
  assert.equal(await page.getByLabel(annex1.item('email').label.en, { exact: true }).inputValue(), '');
});

test('the secretariat makes a link for a form and a country, and it opens the form with it', async (t) => {
  const { server, page } = await openApp(t);
  await page.goto(`${server.url}secretariat/`);
  await page.getByRole('tab', { name: en.links }).click();
  const panel = page.getByRole('tabpanel', { name: en.links });
  await panel.getByRole('combobox', { name: new RegExp(`^${en.form}`) }).selectOption('annex1');
  await panel.getByRole('combobox', { name: new RegExp(`^${en.country}`) }).selectOption('CHL');
  const link = await panel.getByLabel(en.link, { exact: true }).inputValue();
  assert.equal(link, `${server.url}#/new/annex1?country=CHL`);
  await panel.getByRole('button', { name: en.copy_link }).click();
  await panel.getByText(en.copied).waitFor();
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: annex1.title.en }).waitFor();
  assert.ok(await country(page).getByLabel('Chile', { exact: true }).isChecked());
});
