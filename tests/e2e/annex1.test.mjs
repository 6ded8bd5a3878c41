// The Annex 1 questionnaire, end to end in real Chromium against the release build:
// fill every question by its label, autosave, reload, go offline, complete, export, read the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { openNewResponse } from './helpers.mjs';
import { loadForm, languages, locales } from './forms.mjs';

const form = loadForm('annex1');
const items = form.sections.flatMap((s) => s.items);
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
const en = (t) => t.en;

// Answers with accents, quotes, commas, line breaks and a would-be formula: what people really type.
const text = (id) => `Respuesta «${id}»: niñez, educación y año 2024 — São Paulo, Bogotá; "citado"\nsegunda línea`;
const values = {
  institution: 'Ministerio de Relaciones Exteriores y Movilidad Humana',
  focal_point: 'María José Núñez',
  email: 'punto.focal@cancilleria.gob.ec',
  phone: '+593 2 299 3200',
  submission_date: '2026-11-20',
};

async function fillTop(page, item) {
  const label = en(item.label);
  switch (item.kind) {
    case 'single_choice': {
      // The country picker by keyboard alone: type a few letters, Enter chooses the first shown.
      const group = page.getByRole('group', { name: label, exact: true });
      await group.getByRole('searchbox').fill('ecu');
      await group.getByRole('searchbox').press('Enter');
      await group.getByRole('button', { name: 'Remove: Ecuador' }).waitFor();
      break;
    }
    case 'yes_no':
      break; // answered separately: its follow-ups depend on it
    case 'repeat':
      break;
    default:
      await page.getByLabel(label, { exact: true }).fill(values[item.id] ?? text(item.id));
  }
}

async function fillExample(page, n) {
  const box = page.getByTestId(`instance-examples-${n}`);
  const [title, description, level, objectives] = byId.examples.items;
  await box.getByLabel(en(title.label), { exact: true }).fill(`Mesa binacional n.º ${n}: Perú–Ecuador`);
  await box.getByLabel(en(description.label), { exact: true }).fill(`=HYPERLINK("x") descripción ${n}, con acentos: ñ á é í ó ú ü`);
  await box.getByRole('group', { name: en(level.label) }).getByLabel('Sub-regional', { exact: true }).check();
  const objs = box.getByRole('group', { name: en(objectives.label) });
  await objs.getByRole('checkbox').nth(0).check();
  await objs.getByRole('checkbox').nth(22).check();
}

async function waitSaved(page) {
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor({ timeout: 5000 });
}

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: readFileSync(path, 'utf8') };
}

test('Annex 1: fill, autosave, reload, offline, complete, export', async (t) => {
  const { server, page } = await openNewResponse(t, 'annex1', en(form.title));

  // Completing an empty form lists what is missing; an entry moves focus to its field.
  await page.getByTestId('complete').click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  const first = summary.getByRole('link').first();
  assert.match(await first.textContent(), new RegExp(en(byId.country.label)));
  await first.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q-country-filter', 'the picker\'s filter box, to type in');

  for (const item of items.filter((i) => !i.relevant)) await fillTop(page, item);
  const plan = page.getByRole('group', { name: en(byId.has_plan.label) });
  await plan.getByLabel('Yes', { exact: true }).check();
  await page.getByLabel(en(byId.plan_process.label), { exact: true }).fill(text('plan_process'));
  await plan.getByLabel('No', { exact: true }).check();
  assert.equal(await page.getByLabel(en(byId.plan_process.label), { exact: true }).count(), 0, 'not relevant once "no"');
  await page.getByLabel(en(byId.plan_intentions.label), { exact: true }).fill(text('plan_intentions'));
  for (const n of [1, 2]) {
    await page.getByTestId('add-examples').click();
    await fillExample(page, n);
  }
  await waitSaved(page);

  const checkAll = async (when) => {
    for (const item of items.filter((i) => ['short_text', 'long_text', 'email', 'date', 'number'].includes(i.kind))) {
      if (item.id === 'plan_process') continue;
      const v = await page.getByLabel(en(item.label), { exact: true }).inputValue();
      assert.equal(v, values[item.id] ?? text(item.id), `${when}: ${item.id}`);
    }
    assert.ok(await page.getByRole('group', { name: en(byId.country.label), exact: true }).getByLabel('Ecuador', { exact: true }).isChecked(), when);
    assert.ok(await plan.getByLabel('No', { exact: true }).isChecked(), when);
    for (const n of [1, 2]) {
      const box = page.getByTestId(`instance-examples-${n}`);
      assert.equal(await box.getByLabel('Title', { exact: true }).inputValue(), `Mesa binacional n.º ${n}: Perú–Ecuador`, when);
      assert.ok(await box.getByLabel('Sub-regional', { exact: true }).isChecked(), when);
    }
  };
  await page.reload();
  await page.getByTestId('save-state').waitFor();
  await checkAll('after reload');

  // The server is gone: the worker serves the app, IndexedDB the draft.
  await server.stop();
  await page.reload();
  await page.getByTestId('save-state').waitFor();
  await checkAll('offline');

  // A required answer missing: the summary names it, nothing else.
  await page.getByLabel(en(byId.institution.label), { exact: true }).fill('');
  await page.getByTestId('complete').click();
  await summary.waitFor();
  const entries = await summary.getByRole('link').allTextContents();
  assert.equal(entries.length, 1, entries.join(' | '));
  assert.match(entries[0], new RegExp(en(byId.institution.label)));
  await summary.getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q-institution');
  await page.getByLabel(en(byId.institution.label), { exact: true }).fill(values.institution);
  await page.getByTestId('complete').click();
  await page.getByTestId('complete-note').waitFor();
  await waitSaved(page);

  // Its files are written on the transfer page (offline too: the worker serves it).
  const id = new URL(page.url()).hash.split('/')[2];
  await page.getByRole('link', { name: locales.en.ui.download_response }).click();
  await page.getByRole('heading', { level: 2, name: locales.en.ui.this_response }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/transfer/');
  const json = await download(page, 'download-json');
  assert.match(json.name, /^annex1_ECU_\d{4}-\d\d-\d\d_[0-9a-f]{8}\.json$/);
  const bundle = JSON.parse(json.body);
  assert.equal(bundle.records.length, 1);
  const rec = bundle.records[0];
  assert.equal(rec.form_id, 'annex1');
  assert.equal(rec.status, 'complete');
  assert.match(rec.id, /^[0-9a-f-]{36}$/);
  for (const item of items.filter((i) => ['short_text', 'long_text', 'email', 'date'].includes(i.kind))) {
    if (item.id === 'plan_process') continue;
    assert.equal(rec.answers[item.id], values[item.id] ?? text(item.id), `json ${item.id}`);
  }
  assert.equal(rec.answers.plan_process, undefined, 'a non-relevant answer is not exported');
  assert.equal(rec.answers.country, 'ECU');
  assert.equal(rec.answers.has_plan, 'no');
  assert.equal(rec.answers.examples.length, 2);
  assert.deepEqual(rec.answers.examples[1].example_objectives, ['obj01', 'obj23']);
  assert.equal(rec.answers.examples[0].example_level, 'sub_regional');

  const csv = await download(page, 'download-csv');
  assert.ok(csv.body.startsWith('\uFEFF'), 'UTF-8 BOM');
  assert.ok(csv.body.includes('\r\n'), 'CRLF');
  const quoted = (s) => `"${s.replace(/"/g, '""')}"`;
  for (const id of ['collab_gaps', 'impl_actions', 'imrf_findings', 'plan_intentions', 'other_comments']) {
    assert.ok(csv.body.includes(quoted(text(id))), `csv ${id}`);
  }
  for (const v of Object.values(values)) assert.ok(csv.body.includes(v), `csv ${v}`);
  assert.ok(!csv.body.includes(text('plan_process')));

  // The zip: the bundle, the form table and one table per repeat group, read with Python's zipfile.
  const [zipFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
  assert.match(zipFile.suggestedFilename(), /^annex1_ECU_.*\.zip$/);
  const listing = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist()}))`, await zipFile.path()]));
  assert.ok(listing['bundle.json'] && listing['README.txt'] && listing['annex1.csv'], Object.keys(listing).join());
  const examples = listing['annex1__examples.csv'];
  assert.ok(examples.includes(`"'=HYPERLINK(""x"") descripción 1, con acentos: ñ á é í ó ú ü"`), 'formula neutralised, accents intact');
  assert.equal(JSON.parse(listing['bundle.json']).records[0].answers.examples.length, 2);

  // The codebook labels the codes in every language, read back with Python's csv module.
  const codebook = JSON.parse(execFileSync('python3', ['-c', `
import csv, io, json, sys, zipfile
text = zipfile.ZipFile(sys.argv[1]).read('codebook.csv').decode('utf-8')
assert text.startswith('\\ufeff'), 'BOM'
print(json.dumps(list(csv.reader(io.StringIO(text[1:])))))`, await zipFile.path()]));
  const [header] = codebook;
  assert.deepEqual(header.slice(0, 3), ['form', 'item', 'code']);
  assert.deepEqual([...header.slice(3)].sort(), languages.map((l) => `label_${l}`).sort(), 'a label column per language');
  const row = (item, code) => codebook.find((r) => r[0] === 'annex1' && r[1] === item && r[2] === code);
  const labels = (r) => Object.fromEntries(header.slice(3).map((h, i) => [h.slice('label_'.length), r[3 + i]]));
  assert.deepEqual(labels(row('country', 'PER')), form.item('country').choices.find((c) => c.value === 'PER').label);
  assert.deepEqual(labels(row('collab_gaps', '')), form.item('collab_gaps').label);
  assert.ok(row('example_objectives', 'obj23'), 'repeat children and their options too');
  assert.ok(listing['README.txt'].includes('codebook.csv'));

  // Back to the response, which is still complete, now marked as exported on the home page.
  await page.getByRole('link', { name: locales.en.ui.back_to_form }).click();
  await page.getByTestId('complete-note').waitFor();
  assert.equal(new URL(page.url()).hash, `#/r/${id}`);
  await page.goto(new URL('/', page.url()).href);
  await page.getByTestId('drafts').waitFor();
  assert.equal(await page.getByTestId('not-exported').count(), 0, 'exported');
});
