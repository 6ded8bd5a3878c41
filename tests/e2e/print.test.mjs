// Print and paper: a filled Annex 1 and a blank consultation-session form, printed to PDF by
// Chromium and read back with pdftotext: every question and answer, the response's id on its
// pages, and no button or input chrome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from './helpers.mjs';
import { loadForm, locales } from './forms.mjs';

const en = locales.en.ui;
// Compared without whitespace and hyphens: pdftotext joins a line broken after one ("cross-\nregional").
const flat = (s) => s.replace(/[\s\-‐]+/g, '');

/** The page printed to PDF: its page count and its text, whitespace folded. */
async function printed(page, name) {
  const path = join(mkdtempSync(join(tmpdir(), 'gcm-pdf-')), `${name}.pdf`);
  await page.pdf({ path, format: 'A4' });
  const pages = Number(execFileSync('pdfinfo', [path]).toString().match(/Pages:\s+(\d+)/)[1]);
  return { pages, text: flat(execFileSync('pdftotext', [path, '-']).toString()) };
}

test('a filled Annex 1 prints as a document: every question and answer, its id, no buttons', async (t) => {
  const form = loadForm('annex1');
  const { server, page } = await openApp(t);
  await page.goto(`${server.url}#/new/annex1?country=ECU&institution=${encodeURIComponent('Cancillería del Ecuador')}`);
  await page.getByRole('heading', { level: 1, name: form.title.en }).waitFor();
  const answers = {
    collab_gaps: 'Brechas de datos entre países vecinos.',
    impl_progress: 'Progreso: una ley de movilidad humana (2017) y su reglamento.',
    imrf_findings: 'Recomendación: financiamiento estable para la integración.',
  };
  for (const [id, text] of Object.entries(answers)) await page.getByLabel(form.item(id).label.en, { exact: true }).fill(text);
  await page.getByRole('group', { name: form.item('has_plan').label.en }).getByLabel('No', { exact: true }).check();
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  const id = page.url().split('#/r/')[1];
  await page.getByRole('link', { name: en.print }).click();
  await page.getByRole('heading', { level: 1, name: form.title.en }).waitFor();
  // The document is drawn once the response is read from storage: print what a person sees.
  await page.getByText(answers.imrf_findings).waitFor();

  const { pages, text } = await printed(page, 'annex1');
  console.log(`# a filled Annex 1 prints on ${pages} A4 pages`);
  const shown = form.sections.flatMap((s) => s.items).filter((i) => i.id !== 'plan_process');
  for (const item of shown) assert.ok(text.includes(flat(item.label.en)), `question: ${item.label.en}`);
  assert.ok(!text.includes(flat(form.item('plan_process').label.en)), 'a question that does not apply is left out');
  for (const value of [...Object.values(answers), 'Ecuador', 'Cancillería del Ecuador']) assert.ok(text.includes(flat(value)), `answer: ${value}`);
  const stamps = text.split(flat(id)).length - 1;
  assert.ok(stamps >= pages, `the response id on every page (${stamps} for ${pages} pages)`);
  for (const chrome of [en.print, en.mark_complete, en.download_zip, en.language, en.back_to_form]) assert.ok(!text.includes(flat(chrome)), `no "${chrome}"`);
});

test('a blank consultation-session form prints as a paper questionnaire in the chosen language', async (t) => {
  const form = loadForm('consultation_session');
  const { server, page } = await openApp(t);
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('link', { name: `${locales.es.ui.print_blank}: ${form.title.es}` }).click();
  await page.getByRole('heading', { level: 1, name: form.title.es }).waitFor();
  const { pages, text } = await printed(page, 'blank-session');
  console.log(`# a blank consultation-session form prints on ${pages} A4 pages`);
  for (const item of form.sections.flatMap((s) => s.items)) {
    assert.ok(text.includes(flat(item.label.es)), `question: ${item.label.es}`);
    for (const c of item.choices) assert.ok(text.includes(flat(c.label.es)), `option: ${c.label.es}`);
  }
  assert.ok(text.includes('○') && text.includes('☐'), 'circles and boxes to tick');
  assert.ok(!text.includes(flat(locales.es.ui.print)), 'no button');
  assert.equal(new URL(page.url()).hash, '#/blank/consultation_session');
  void server;
});
