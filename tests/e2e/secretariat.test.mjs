// The secretariat imports a folder of bundles the app produced (written by tests/e2e_bundles.rs):
// good ones, a duplicate, a conflict, a truncated file, a tampered one and a file that is not a
// bundle; then reads each file's report, the statistics, the consolidated CSV, and goes offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, waitForServiceWorker } from './helpers.mjs';

const dir = new URL('../../target/e2e-bundles/', import.meta.url).pathname;
const files = readdirSync(dir).sort().map((f) => join(dir, f));

test('a secretariat consolidates seven files and keeps the collection offline', async (t) => {
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page } = browser;
  await page.goto(server.url);
  await waitForServiceWorker(page);
  await page.getByTestId('secretariat-link').click();
  await page.getByLabel(/Import bundle files/).setInputFiles(files);
  const reports = page.getByTestId('file-reports');
  await page.getByTestId('collection-count').filter({ hasText: /^6 / }).waitFor();
  const rows = await reports.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const byFile = Object.fromEntries(rows.map(([file, ...rest]) => [file, rest]));
  assert.deepEqual(byFile['01_annex1_two_countries.zip'], ['2', '0', '0', '']);
  assert.deepEqual(byFile['02_duplicate_of_01.zip'], ['0', '2', '0', '']);
  assert.deepEqual(byFile['03_session_with_inputs.json'], ['4', '0', '0', '']);
  assert.deepEqual(byFile['04_conflict_newer_peru.json'].slice(0, 3), ['0', '0', '1']);
  for (const bad of ['05_truncated.zip', '06_tampered.json', '07_notes.txt']) {
    assert.deepEqual(byFile[bad].slice(0, 3), ['0', '0', '0'], bad);
    assert.match(byFile[bad][3], new RegExp(bad.replace('.', '\\.')), `${bad}: the reason names the file`);
  }
  assert.ok((await page.getByTestId('stat').count()) >= 6, 'statistics tables');
  const stats = await page.getByTestId('stat').allTextContents();
  assert.ok(stats.some((s) => /gender/i.test(s) && /Woman|Women/.test(s)), stats.join('\n'));

  // The consolidated export: the same formats as everyone's; the conflict's newest revision won.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('consolidated-export').click()]);
  const listing = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist()}))`, await file.path()]));
  assert.equal(JSON.parse(listing['bundle.json']).records.length, 6);
  assert.ok(listing['annex1.csv'].includes('Cancillería del Perú — versión revisada'));
  assert.equal(listing['participant_input.csv'].trim().split('\r\n').length, 4, 'header and three inputs');

  // Filter, then open one record with its questions' text.
  await page.getByTestId('filter-text').fill('Cúcuta');
  assert.match(await page.getByTestId('shown-count').textContent(), /^1 /);
  await page.locator('.rows .row').first().click();
  assert.match(await page.getByTestId('record-view').textContent(), /Title of the session.*Consulta en Cúcuta/s);

  await server.stop();
  await page.reload();
  await page.getByTestId('collection-count').filter({ hasText: /^6 / }).waitFor();
});
