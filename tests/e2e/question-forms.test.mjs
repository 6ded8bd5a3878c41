// Each question is a form of its own (issue 14: Chromium's autofill then reads one question,
// not the whole page, at every key), never submitted: Enter in a text box leaves the page, the
// answer and its neighbours as they were, and a choice in one question leaves another's alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openNewResponse } from './helpers.mjs';
import { loadForm, answer } from './forms.mjs';

const form = loadForm('stakeholder_report');
const label = (id) => form.item(id).label.en;

test('Enter in a text box submits nothing: the page and the answers stay', async (t) => {
  const { page } = await openNewResponse(t, 'stakeholder_report', form.title.en);
  const url = page.url();
  await page.evaluate(() => { window.stayed = true; });
  await answer(page, form.item('org_name'), 'Red de Mujeres Migrantes');
  await answer(page, form.item('org_scope'), 'regional');
  await answer(page, form.item('publication'), 'anonymised');
  for (const id of ['org_name', 'contact_person', 'contact_email']) {
    await page.getByLabel(label(id), { exact: true }).press('Enter');
  }
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  assert.equal(page.url(), url);
  assert.equal(await page.evaluate(() => window.stayed), true, 'not reloaded');
  assert.equal(await page.getByLabel(label('org_name'), { exact: true }).inputValue(), 'Red de Mujeres Migrantes');
  for (const id of ['org_scope', 'publication']) {
    const group = page.getByRole('group', { name: label(id), exact: true });
    assert.equal(await group.locator('input:checked').count(), 1, `${id}: its choice stays beside the other's`);
  }
});
