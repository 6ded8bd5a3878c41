// Field staff at a consultation session: the session record with its attendance tallies, then
// ten participant inputs captured with the keyboard alone, all still there offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openNewResponse } from './helpers.mjs';
import { loadForm, answer, sectionOf } from './forms.mjs';

const session = loadForm('consultation_session');
const input = loadForm('participant_input');

const sessionAnswers = {
  session_title: 'Consulta comunitaria en Tapachula',
  session_date: '2026-11-20',
  session_place: 'Casa del Migrante, Tapachula',
  session_country: 'MEX',
  modality: 'in_person',
  organiser: 'Red Regional de Sociedad Civil',
  session_language: 'es',
  session_themes: ['session1', 'session2'],
  attendance_by_category: { civil_society: 12, migrant_diaspora: 23, local_authorities: 4 },
  attendance_by_gender: { woman: 21, man: 16, another_or_not_stated: 2 },
};

test('a session with ten participant inputs captured by keyboard, intact offline', async (t) => {
  const { server, page } = await openNewResponse(t, 'consultation_session', session.title.en);
  for (const [id, value] of Object.entries(sessionAnswers)) await answer(sectionOf(page, session, id), session.item(id), value);
  assert.equal(await page.getByTestId('total-attendance_by_category').textContent(), 'Total: 39');
  assert.equal(await page.getByTestId('total-attendance_by_gender').textContent(), 'Total: 39');
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  const sessionUrl = page.url();

  // From here on, only the keyboard.
  await page.getByTestId('add-child').focus();
  let keys = 1;
  await page.keyboard.press('Enter');
  // The first field is the stakeholder category, a long list: its filter box has the focus.
  const firstField = `q-${input.sections[0].items[0].id}-filter`;
  const categories = ['migrant', 'civil-soc', 'academia'];
  const timings = [];
  for (let n = 1; n <= 10; n++) {
    await page.waitForFunction((id) => document.activeElement?.id === id, firstField);
    const t0 = Date.now();
    const before = keys;
    const press = async (key, times = 1) => { for (let i = 0; i < times; i++) await page.keyboard.press(key); keys += times; };
    await page.keyboard.type(categories[n % 3]); // stakeholder category: a few letters,
    keys += categories[n % 3].length;
    await press('Enter'); // and Enter chooses the first shown
    await press('Tab', 2); // past the category's options, to the thematic session's radio group
    await press(n % 2 ? 'Space' : 'ArrowDown');
    await press('Tab'); // what the person said
    const said = `Aporte ${n}: necesitamos documentos y acceso a salud — “sin papeles no hay trabajo”.`;
    await page.keyboard.type(said);
    keys += said.length;
    await press('Tab'); // consent
    await press('Space');
    const url = page.url();
    await press('Control+Enter');
    await page.waitForFunction((u) => location.href !== u, url);
    timings.push({ ms: Date.now() - t0, keys: keys - before - said.length, chars: said.length });
  }
  const avg = Math.round(timings.reduce((a, x) => a + x.ms, 0) / timings.length);
  console.log(`# keyboard capture of one participant input: ${timings[0].keys} key presses + the statement typed; ${avg} ms on average (Playwright typing speed)`);

  // The last Ctrl+Enter opened an empty eleventh input: leave it for the session page.
  await page.goto(sessionUrl);
  const children = page.getByTestId('children');
  await children.waitFor();
  await server.stop();
  await page.reload();
  await page.getByTestId('children').waitFor();
  const completeItems = children.locator('li', { hasText: /Complete/ });
  assert.equal(await completeItems.count(), 10, 'ten complete inputs listed under their session');
  assert.equal(await page.getByLabel(session.item('session_title').label.en, { exact: true }).inputValue(), sessionAnswers.session_title);
  assert.equal(await page.getByTestId('total-attendance_by_category').textContent(), 'Total: 39');

  // Each input is its own record, linked to the session, with its consent.
  const records = await page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('gcm-collector');
    open.onsuccess = () => {
      const req = open.result.transaction('drafts').objectStore('drafts').getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    };
  }));
  const sessionRecord = records.find((r) => r.form_id === 'consultation_session');
  const inputs = records.filter((r) => r.form_id === 'participant_input' && r.status === 'complete');
  assert.equal(inputs.length, 10);
  assert.ok(inputs.every((r) => r.parent === sessionRecord.id));
  assert.ok(inputs.every((r) => r.answers.consent?.includes('given')));
  assert.deepEqual([...new Set(inputs.map((r) => r.answers.input_category))].sort(), ['academia', 'civil_society', 'migrant_diaspora']);
  assert.deepEqual(inputs.map((r) => r.answers.statement).sort(), Array.from({ length: 10 }, (_, i) => `Aporte ${i + 1}: necesitamos documentos y acceso a salud — “sin papeles no hay trabajo”.`).sort());
});
