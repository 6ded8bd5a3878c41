// What the form screen shows follows each edit at once, though an edit redraws only what it
// changed (engine::FormState, issue 14): once "Mark as complete" was tried, a field's message
// and its entry in the summary go as it is answered and come with a question a choice reveals
// or an example added; progress counts each; an edit of a complete response makes it a draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openNewResponse } from './helpers.mjs';
import { loadForm, answer } from './forms.mjs';

const form = loadForm('stakeholder_report');
const item = form.item;
const label = (id) => item(id).label.en;

test('messages, summary, progress and completion follow every edit of a voluntary report', async (t) => {
  const { page } = await openNewResponse(t, 'stakeholder_report', form.title.en);
  const progress = async () => {
    const [, answered, required] = (await page.getByTestId('progress').textContent()).match(/(\d+) \/ (\d+)/);
    return [Number(answered), Number(required)];
  };
  const summary = page.getByTestId('error-summary');
  const entries = async () => (await summary.getByRole('link').allTextContents()).map((e) => e.split(' — ')[0]);
  const message = (id) => page.locator(`#q-${id}-err`);

  const [, required] = await progress();
  await page.getByTestId('complete').click();
  await summary.waitFor();
  assert.ok((await entries()).includes(label('org_name')));
  assert.ok(await message('org_name').isVisible(), 'the empty name says so');

  // Answered: its message and its entry go, and progress counts it, with no second click.
  await answer(page, item('org_name'), 'Red de Mujeres Migrantes');
  await message('org_name').waitFor({ state: 'hidden' });
  assert.ok(!(await entries()).includes(label('org_name')));
  assert.deepEqual(await progress(), [1, required]);
  // Cleared again: both come back.
  await page.getByLabel(label('org_name'), { exact: true }).fill('');
  await message('org_name').waitFor();
  assert.ok((await entries()).includes(label('org_name')));
  assert.deepEqual(await progress(), [0, required]);

  // A session chosen: its section shows, its three questions are required and listed.
  await answer(page, item('sessions_reported'), ['session2']);
  await page.locator('#s-session_2').waitFor();
  assert.deepEqual(await progress(), [1, required + 3]);
  for (const id of ['s2_progress', 's2_situations', 's2_challenges']) assert.ok((await entries()).includes(label(id)), id);
  await answer(page.locator('#s-session_2'), item('s2_progress'), 'Avances en regularización');
  await message('s2_progress').waitFor({ state: 'hidden' });
  assert.ok(!(await entries()).includes(label('s2_progress')));

  // An example added brings its required fields into the summary; removed, they go.
  await page.getByTestId('add-s2_practices').click();
  const example = page.getByTestId('instance-s2_practices-1');
  await example.waitFor();
  await summary.getByRole('link', { name: new RegExp(`^${label('s2_practice_title')} — `) }).waitFor();
  assert.deepEqual(await progress(), [2, required + 3 + 3]);
  await answer(example, item('s2_practice_title'), 'Ventanilla única');
  await summary.getByRole('link', { name: new RegExp(`^${label('s2_practice_title')} — `) }).waitFor({ state: 'detached' });
  await example.getByRole('button', { name: /Remove/ }).click();
  await example.waitFor({ state: 'detached' });
  assert.ok(!(await entries()).includes(label('s2_practice_description')));
  assert.deepEqual(await progress(), [2, required + 3]);

  // Unchosen: the section and its entries go; its answer is kept for when it comes back.
  await page.getByRole('group', { name: label('sessions_reported'), exact: true }).getByLabel(item('sessions_reported').choices.find((c) => c.value === 'session2').label.en, { exact: true }).uncheck();
  await page.locator('#s-session_2').waitFor({ state: 'detached' });
  assert.ok(!(await entries()).includes(label('s2_situations')));
  assert.deepEqual(await progress(), [0, required]);

  // Everything required answered: complete; then one edit makes it a draft again.
  const given = {
    org_name: 'Red de Mujeres Migrantes', org_category: 'migrant_diaspora', org_scope: 'regional', org_countries: ['PER'],
    contact_person: 'Ana Lucía Peña', contact_email: 'contacto@example.org', sessions_reported: ['session2'],
    s2_situations: 'Situaciones', s2_challenges: 'Desafíos', imrf_recommendations: 'Recomendaciones', publication: 'anonymised',
  };
  for (const [id, value] of Object.entries(given)) await answer(page, item(id), value);
  assert.equal(await page.getByLabel(label('s2_progress'), { exact: true }).inputValue(), 'Avances en regularización');
  assert.deepEqual(await progress(), [required + 3, required + 3]);
  await summary.waitFor({ state: 'hidden' });
  await page.getByTestId('complete').click();
  await page.getByTestId('complete-note').waitFor();
  await page.getByLabel(label('imrf_recommendations'), { exact: true }).fill('Recomendaciones, revisadas');
  await page.getByTestId('complete-note').waitFor({ state: 'detached' });
});
