// Civil-society organisations: a voluntary report on two thematic sessions, with two good
// practices and one pledge, that survives the server going away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openNewResponse } from './helpers.mjs';
import { loadForm, answer, sectionOf, locales } from './forms.mjs';

const form = loadForm('stakeholder_report');
const item = form.item;

const profile = {
  org_name: 'Red de Mujeres Migrantes «Sin Fronteras»',
  org_category: 'migrant_diaspora',
  org_scope: 'regional',
  org_countries: ['COL', 'ECU', 'PER'],
  org_website: 'https://example.org/red',
  contact_person: 'Ana Lucía Peña',
  contact_email: 'contacto@example.org',
  sessions_reported: ['session1', 'session3'],
};
const sessionText = (n, what) => `Sesión ${n}, ${what}: atención a niñas, niños y adolescentes — Tumbes, Huaquillas`;

test('a voluntary report on two sessions with two good practices and a pledge', async (t) => {
  const { server, page } = await openNewResponse(t, 'stakeholder_report', form.title.en);

  for (const [id, value] of Object.entries(profile)) await answer(sectionOf(page, form, id), item(id), value);
  assert.equal(await page.locator('#s-session_2').count(), 0, 'a session not chosen is not asked');
  for (const n of [1, 3]) {
    const section = page.locator(`#s-session_${n}`);
    for (const what of ['progress', 'situations', 'challenges']) await answer(section, item(`s${n}_${what}`), sessionText(n, what));
  }
  const practices = [['Ventanilla única binacional', 'obj04'], ['Escuelas de acogida', 'obj15']];
  for (const [i, [title, obj]] of practices.entries()) {
    await page.getByTestId('add-s1_practices').click();
    const box = page.getByTestId(`instance-s1_practices-${i + 1}`);
    await answer(box, item('s1_practice_title'), title);
    await answer(box, item('s1_practice_description'), `${title}: descripción con acentos — año 2024`);
    await answer(box, item('s1_practice_objectives'), [obj]);
  }
  await answer(page, item('imrf_recommendations'), 'Regularización migratoria accesible y gratuita.');
  await page.getByTestId('add-pledges').click();
  const pledge = page.getByTestId('instance-pledges-1');
  await answer(pledge, item('pledge_commitment'), 'Acompañar a 500 familias en su regularización.');
  await answer(pledge, item('pledge_objectives'), ['obj04', 'obj23']);
  await answer(page, item('principles_applied'), ['human_rights', 'child_sensitive']);
  await answer(page, item('principles_text'), 'Enfoque de derechos y perspectiva infantil en cada caso.');
  await answer(page, item('publication'), 'anonymised');

  await page.getByTestId('complete').click();
  await page.getByTestId('complete-note').waitFor();
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();

  await server.stop();
  await page.reload();
  await page.getByTestId('complete-note').waitFor();
  assert.equal(await page.getByLabel(item('org_name').label.en, { exact: true }).inputValue(), profile.org_name);
  assert.equal(await page.locator('#s-session_3').getByLabel(item('s3_challenges').label.en, { exact: true }).inputValue(), sessionText(3, 'challenges'));
  assert.equal(await page.getByTestId('instance-s1_practices-2').getByLabel(item('s1_practice_title').label.en, { exact: true }).inputValue(), 'Escuelas de acogida');
  assert.equal(await page.getByTestId('instance-pledges-1').getByLabel(item('pledge_commitment').label.en, { exact: true }).inputValue(), 'Acompañar a 500 familias en su regularización.');
  const json = await (async () => {
    await page.getByRole('link', { name: locales.en.ui.download_response }).click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json').click()]);
    return JSON.parse(await (await import('node:fs/promises')).readFile(await file.path(), 'utf8'));
  })();
  const answers = json.records[0].answers;
  assert.deepEqual(answers.sessions_reported, ['session1', 'session3']);
  assert.equal(answers.s1_practices.length, 2);
  assert.equal(answers.pledges.length, 1);
  assert.equal(answers.s2_progress, undefined);
});
