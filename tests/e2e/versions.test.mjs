// Form versions, end to end in real Chromium against the build that carries the test form in
// versions 1 and 2 (scripts/build-test-forms.sh; version 2 removes "Other remarks" and takes
// "Housing" from the choices of "Main topic"). Records are stored as an app of version 1 left
// them; a draft reopens migrated with a notice that lists the two answers set aside, and a
// complete record of version 1 still exports as version 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, axeViolations } from './helpers.mjs';
import { locales } from './forms.mjs';

const site = 'target/dist-test-forms';
const ui = locales.en.ui;
const words = JSON.parse(readFileSync(new URL('../fixtures/test-forms/texts.json', import.meta.url))).en.forms.test_versions;
const label = (id) => words.items[id].label;

const note = 'Rents doubled in a year.\nLandlords ask for two guarantors.';
const record = (id, name, status, extra = {}) => ({
  id, form_id: 'test_versions', form_version: '1', status, revision: 3,
  created: '2025-03-01T10:00:00.000Z', modified: '2025-03-01T11:00:00.000Z', language: 'en',
  answers: {
    name, topic: 'housing', old_note: note, people: '34',
    examples: [{ id: 'e1', example_title: 'Shelter network', example_level: 'local' }],
  },
  ...extra,
});
const draft = record('0a000000-0000-4000-8000-000000000001', 'Tacna, 12 March', 'draft');
const complete = record('0a000000-0000-4000-8000-000000000002', 'Arica, 3 April', 'complete', { completed: '2025-03-02T10:00:00.000Z' });

/** The stored record with this id, as the app keeps it in IndexedDB. */
const stored = (page, id) => page.evaluate((id) => new Promise((ok, fail) => {
  const open = indexedDB.open('gcm-collector');
  open.onsuccess = () => {
    const get = open.result.transaction('drafts').objectStore('drafts').get(id);
    get.onsuccess = () => { open.result.close(); ok(get.result); };
    get.onerror = () => fail(get.error);
  };
}), id);

const saved = (page) => page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();

test('a draft of version 1 opens in version 2 with the answers set aside; a complete one exports as version 1', async (t) => {
  assert.ok(existsSync(`${site}/index.html`), `${site} is missing: run scripts/build-test-forms.sh`);
  const server = await startServer(site);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page } = browser;

  // The app makes its database; then the two records go in as version 1 of the app wrote them.
  await page.goto(server.url);
  await page.getByText(ui.no_drafts).waitFor();
  await page.evaluate((records) => new Promise((ok, fail) => {
    const open = indexedDB.open('gcm-collector');
    open.onsuccess = () => {
      const tx = open.result.transaction('drafts', 'readwrite');
      for (const r of records) tx.objectStore('drafts').put(r);
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }), [draft, complete]);
  await page.reload();

  // The draft, by its link on the home page.
  await page.getByTestId('drafts').getByRole('link', { name: 'Tacna, 12 March' }).click();
  await page.getByRole('heading', { level: 1, name: words.title }).waitFor();
  const notice = page.getByRole('region', { name: ui.migration_title });
  await notice.waitFor();
  const checkNotice = async (when) => {
    const intro = await notice.getByRole('paragraph').first().textContent();
    assert.equal(intro, ui.migration_intro.replace('{to}', '2').replace('{from}', '1'), when);
    // Each set-aside answer under its question's words as version 1 asked it.
    const terms = await notice.getByRole('term').allTextContents();
    assert.deepEqual(terms, [label('old_note'), label('topic')], when);
    // Each answer in its words: the note as written, line break included; the choice by its label.
    const answers = await notice.getByRole('definition').allInnerTexts();
    assert.deepEqual(answers, [note, words.items.topic.choices.housing], when);
  };
  await checkNotice('on opening');

  // The rest carried over; the removed question is gone from the form; the changed one is blank.
  assert.equal(await page.getByLabel(label('name'), { exact: true }).inputValue(), 'Tacna, 12 March');
  assert.equal(await page.getByLabel(label('people'), { exact: true }).inputValue(), '34');
  const example = page.getByTestId('instance-examples-1');
  assert.equal(await example.getByLabel(label('example_title'), { exact: true }).inputValue(), 'Shelter network');
  assert.ok(await example.getByRole('group', { name: label('example_level') }).getByLabel('Local', { exact: true }).isChecked());
  assert.equal(await page.getByLabel(label('old_note'), { exact: true }).count(), 0);
  const topic = page.getByRole('group', { name: label('topic'), exact: true });
  assert.equal(await topic.getByLabel(words.items.topic.choices.housing, { exact: true }).count(), 0);
  assert.equal(await topic.getByRole('radio', { checked: true }).count(), 0);
  assert.equal(await page.getByLabel(label('new_note'), { exact: true }).inputValue(), '');

  // The note is text to select and copy, not a field.
  const selected = await notice.getByRole('definition').first().evaluate((dd) => {
    const range = document.createRange();
    range.selectNodeContents(dd);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString();
  });
  assert.equal(selected, note);

  // Saved by the autosave as a draft of version 2 that keeps where it began and what was set aside.
  await saved(page);
  const migrated = await stored(page, draft.id);
  assert.equal(migrated.form_version, '2');
  assert.equal(migrated.migrated_from, '1');
  assert.equal(migrated.revision, 4);
  assert.equal(migrated.answers.old_note, undefined);
  assert.equal(migrated.answers.topic, undefined);
  assert.equal(migrated.answers.name, 'Tacna, 12 March');
  assert.deepEqual(migrated.set_aside, { '1/old_note': note, '1/topic': 'housing' });
  await page.reload();
  await notice.waitFor();
  await checkNotice('after reload');
  assert.equal(await page.getByLabel(label('name'), { exact: true }).inputValue(), 'Tacna, 12 March');

  // In the person's language: the notice and version 1's words in French; no WCAG A/AA violation.
  const fr = JSON.parse(readFileSync(new URL('../fixtures/test-forms/texts.json', import.meta.url))).fr.forms.test_versions;
  await page.getByRole('combobox', { name: /Language/ }).selectOption('fr');
  const enFrancais = page.getByRole('region', { name: locales.fr.ui.migration_title });
  await enFrancais.waitFor();
  assert.deepEqual(await enFrancais.getByRole('term').allTextContents(), [fr.items.old_note.label, fr.items.topic.label]);
  assert.deepEqual(await enFrancais.getByRole('definition').allInnerTexts(), [note, fr.items.topic.choices.housing]);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('combobox', { name: /Langue/ }).selectOption('en');
  await notice.waitFor();

  // Once copied, the person removes the list; it stays removed.
  await page.getByLabel(label('new_note'), { exact: true }).fill(`${note}\nStill so in 2026.`);
  await notice.getByRole('button', { name: ui.migration_clear }).click();
  await notice.waitFor({ state: 'detached' });
  await saved(page);
  assert.equal((await stored(page, draft.id)).set_aside, undefined);
  await page.reload();
  await page.getByLabel(label('new_note'), { exact: true }).waitFor();
  assert.equal(await notice.count(), 0);

  // The untouched complete record of version 1 opens in version 1 and exports so.
  await page.goto(new URL(`#/r/${complete.id}`, server.url).href);
  await page.getByTestId('complete-note').waitFor();
  assert.equal(await notice.count(), 0, 'a complete record is not migrated');
  assert.equal(await page.getByLabel(label('old_note'), { exact: true }).inputValue(), note, 'its own version\'s questions');
  await page.getByRole('link', { name: ui.download_response }).click();
  await page.getByRole('heading', { level: 2, name: ui.this_response }).waitFor();
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
  const bundle = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, zipfile
print(zipfile.ZipFile(sys.argv[1]).read('bundle.json').decode('utf-8'))`, await zip.path()]));
  assert.deepEqual(bundle.manifest.forms.map((f) => [f.id, f.version]), [['test_versions', '1']]);
  assert.equal(bundle.records.length, 1);
  const out = bundle.records[0];
  assert.equal(out.form_version, '1');
  assert.equal(out.migrated_from, undefined);
  assert.equal(out.answers.old_note, note);
  assert.equal(out.answers.topic, 'housing');
  assert.equal((await stored(page, complete.id)).form_version, '1', 'still version 1 on the device');
});
