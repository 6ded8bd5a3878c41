// The rapporteur's workbench, end to end: bundles made by the app's own export code (a
// voluntary report, a consultation session with two inputs, one given without consent to be
// quoted, and an Annex 1; tests/e2e_workbench_bundles.rs) imported at the secretariat; on the
// rapporteur's page, a cell opened from the grid, a passage selected by keyboard and made an excerpt, re-tagged, a
// synthesis written; everything still there after a reload with the server stopped; the draft
// report downloaded as Word and read back with python-docx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openApp, axeViolations, startServer, launchBrowser } from './helpers.mjs';
import { locales } from './forms.mjs';

const en = locales.en;
const dir = new URL('../../target/e2e-bundles/workbench/', import.meta.url).pathname;
const files = readdirSync(dir).sort().map((f) => join(dir, f));
// What the participant who did not consent said (tests/e2e_workbench_bundles.rs).
const SECRET = 'Mi hermano fue detenido sin abogado';
// The good practice's title, where its answer starts (title, then description).
const PASSAGE = 'Escuelas de acogida';
const session1 = en.lists.thematic_sessions.session1;
const literal = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The read-only answer (by its label, "Answer from …") whose words include `text`. */
async function answerWith(page, text, without = false) {
  const boxes = page.getByRole('textbox', { name: /^Answer from / });
  await boxes.first().waitFor();
  for (let i = 0; i < (await boxes.count()); i++) {
    if ((await boxes.nth(i).inputValue()).includes(text) !== without) return boxes.nth(i);
  }
  throw new Error(`no answer ${without ? 'without' : 'with'} ${text}`);
}
const cell = (page, theme, kind) => page.getByRole('button', { name: new RegExp(`^${literal(theme)} — ${literal(kind)}: \\d+$`) });

test('a rapporteur excerpts, re-tags and synthesises, offline too, and the Word draft quotes only with consent', async (t) => {
  const { server, page } = await openApp(t);
  await page.goto(new URL('secretariat/', server.url).href);
  await page.getByLabel(/Import bundle files/).setInputFiles(files);
  await page.getByTestId('collection-count').filter({ hasText: /^5 records/ }).waitFor();
  await page.getByRole('link', { name: en.ui.workbench_link }).click();
  await page.getByRole('heading', { level: 1, name: en.ui.workbench_title }).waitFor();
  await page.getByTestId('collection-count').filter({ hasText: /^5 records/ }).waitFor();
  const grid = page.getByTestId('findings-grid');
  await grid.waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the workbench passes axe');

  // The voluntary report's good practice on session 1 is in its cell.
  await cell(page, session1, en.workbench.kind.good_practices).click();
  await page.getByRole('heading', { level: 3, name: `${session1} — ${en.workbench.kind.good_practices}` }).waitFor();
  const answer = await answerWith(page, PASSAGE);
  // Select the passage by keyboard: to the start, then Shift and the arrows over its words.
  await answer.focus();
  await page.keyboard.press('Control+Home');
  // Typing does not change a person's words.
  await page.keyboard.type('x');
  assert.ok((await answer.inputValue()).startsWith(PASSAGE), 'the answer refuses edits');
  for (let i = 0; i < PASSAGE.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await answer.locator('xpath=following-sibling::button[1]').click();
  const excerpt = page.getByTestId('excerpt').filter({ hasText: PASSAGE });
  await excerpt.waitFor();
  assert.equal((await excerpt.locator('blockquote').textContent()).trim(), PASSAGE, 'exactly the passage selected');

  // Re-tagged: a highlight for the executive summary, and about a guiding principle.
  await excerpt.getByLabel(en.ui.for_summary).check();
  await excerpt.getByText(en.ui.principles).click();
  await excerpt.getByLabel(en.lists.guiding_principles.child_sensitive).check();

  // The non-consenting input is counted but cannot be excerpted.
  await cell(page, session1, en.workbench.kind.other).click();
  const secret = await answerWith(page, SECRET);
  assert.equal(await secret.locator('xpath=following-sibling::button').count(), 0);
  await page.getByText(en.ui.not_quotable).first().waitFor();
  // Moved to another kind: the excerpt goes to that cell.
  const other = await answerWith(page, SECRET, true);
  await other.locator('xpath=following-sibling::button[1]').click();
  const moved = page.getByTestId('excerpt').first();
  await moved.getByLabel(en.ui.kind_of_finding).selectOption({ label: en.workbench.kind.challenges });
  await page.getByTestId('workbench-status').filter({ hasText: en.workbench.kind.challenges }).waitFor();

  // The synthesis of the challenges cell.
  await cell(page, session1, en.workbench.kind.challenges).click();
  await page.getByTestId('excerpt').first().waitFor();
  const synthesis = 'Las demoras en la documentación dominan los aportes de la sesión 1.';
  await page.getByLabel(en.ui.synthesis).fill(synthesis);
  await page.keyboard.press('Tab');
  await page.getByLabel(en.report.section.introduction).fill('Este proyecto reúne los aportes de la región.');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(300);

  // The server is gone: the page, the collection and the workbench come from this device.
  await server.stop();
  await page.reload();
  await page.getByTestId('collection-count').filter({ hasText: /^5 records/ }).waitFor();
  await cell(page, session1, en.workbench.kind.challenges).click();
  assert.equal(await page.getByLabel(en.ui.synthesis).inputValue(), synthesis);
  await cell(page, session1, en.workbench.kind.good_practices).click();
  const kept = page.getByTestId('excerpt').filter({ hasText: PASSAGE });
  assert.ok(await kept.getByLabel(en.ui.for_summary).isChecked());

  // The Word draft, read with python-docx (and its footnotes with zipfile).
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en.ui.download_docx }).click()]);
  assert.match(file.suggestedFilename(), /\.docx$/);
  const doc = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, zipfile, docx
d = docx.Document(sys.argv[1])
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({
  'headings': [p.text for p in d.paragraphs if p.style.name.startswith('Heading')],
  'quotes': [p.text for p in d.paragraphs if p.style.name == 'Quote'],
  'text': '\\n'.join(p.text for p in d.paragraphs),
  'xml': z.read('word/document.xml').decode() + z.read('word/footnotes.xml').decode(),
  'footnotes': z.read('word/footnotes.xml').decode(),
}))`, await file.path()]).toString());
  for (const h of [en.report.section.introduction, en.report.section.executive_summary, en.report.section.main_conclusions,
    en.report.section.good_practices, en.report.section.challenges_opportunities, en.report.principles, session1]) {
    assert.ok(doc.headings.includes(h), `heading ${h}`);
  }
  const quote = doc.quotes.find((q) => q.includes(PASSAGE));
  assert.ok(quote, 'the excerpt is quoted');
  assert.match(quote, / — .+/, 'with its attribution');
  assert.ok(doc.text.includes(synthesis), 'the synthesis');
  assert.match(doc.footnotes, /Record [0-9a-f-]{36}\./, 'footnoted with its record id');
  assert.ok(!doc.xml.includes(SECRET), 'the non-consenting input never appears');
  assert.ok(doc.text.includes(en.report.no_input), 'empty cells are said');

  // The workbench as a file, for another rapporteur.
  const [wb] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en.ui.download_workbench }).click()]);
  const wbPath = await wb.path();
  const saved = JSON.parse(readFileSync(wbPath, 'utf8'));
  assert.equal(saved.format, 'gcm-review-workbench');
  assert.ok(saved.excerpts.some((e) => e.text === PASSAGE && e.summary));
  assert.ok(saved.notes.some((n) => n.text === synthesis));
  // Another device opens it: merged, excerpt by excerpt; again, nothing new; a bundle is refused.
  const server2 = await startServer('dist');
  const second = await launchBrowser();
  t.after(async () => { await second.close(); await server2.stop(); });
  await second.page.goto(new URL('report/', server2.url).href);
  const status = second.page.getByTestId('workbench-status');
  await second.page.getByLabel(en.ui.open_workbench).setInputFiles(wbPath);
  await status.filter({ hasText: new RegExp(`: ${saved.excerpts.length + saved.notes.length} added, 0 already here, 0 changed`) }).waitFor();
  await second.page.getByLabel(en.ui.open_workbench).setInputFiles(files[0]);
  await status.filter({ hasText: /is not a workbench file of this app\. Nothing was changed\./ }).waitFor();
  await second.page.getByLabel(en.ui.open_workbench).setInputFiles(wbPath);
  await status.filter({ hasText: /: 0 added, \d+ already here, 0 changed/ }).waitFor();
});
