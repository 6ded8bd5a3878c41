// The secretariat imports a folder of bundles the app produced (written by tests/e2e_bundles.rs):
// good ones, a duplicate, a conflict, a truncated file, a tampered one and a file that is not a
// bundle; then reads each file's report, the statistics, the consolidated CSV, and goes offline.
// Then bundles zipped again by another tool (Python's zipfile, deflated), two in one zip; and
// one large file (7,000 records), read in steps and exported in slices with progress shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openApp } from './helpers.mjs';

const dir = new URL('../../target/e2e-bundles/', import.meta.url).pathname;
const files = readdirSync(dir).sort().map((f) => join(dir, f)).filter((f) => statSync(f).isFile());

const statRows = (page, id) => page.locator(`[data-stat="${id}"] tbody tr`).evaluateAll((trs) =>
  Object.fromEntries(trs.map((tr) => [tr.cells[0].textContent, Number(tr.cells[1].textContent)]).filter(([, n]) => n > 0)));

test('a secretariat consolidates seven files and keeps the collection offline', async (t) => {
  const { server, page } = await openApp(t);
  await page.getByTestId('secretariat-link').click();
  await page.getByLabel(/Import bundle files/).setInputFiles(files);
  await page.getByTestId('collection-count').filter({ hasText: /^6 records/ }).waitFor();
  const reports = page.getByTestId('file-reports');
  const rows = await reports.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, 7, 'one report per file');
  const byFile = Object.fromEntries(rows.map(([file, ...rest]) => [file, rest]));
  assert.deepEqual(byFile['01_annex1_two_countries.zip'], ['2', '0', '0', '']);
  assert.deepEqual(byFile['02_duplicate_of_01.zip'], ['0', '2', '0', '']);
  assert.deepEqual(byFile['03_session_with_inputs.json'], ['4', '0', '0', '']);
  assert.deepEqual(byFile['04_conflict_newer_peru.json'], ['0', '0', '1', '']);
  const why = {
    '05_truncated.zip': /damaged or incomplete zip/,
    '06_tampered.json': /changed or damaged after export/,
    '07_notes.txt': /not a bundle/,
  };
  for (const [bad, reason] of Object.entries(why)) {
    assert.deepEqual(byFile[bad].slice(0, 3), ['0', '0', '0'], bad);
    assert.ok(byFile[bad][3].includes(`“${bad}”`), `${bad}: the reason names the file: ${byFile[bad][3]}`);
    assert.match(byFile[bad][3], reason, bad);
  }
  // One of a kind is said in the singular.
  assert.match(await page.getByTestId('collection-count').textContent(), / · 1 older copy set aside after a conflict$/);

  // Statistics: counts of the known set, a chart for each, and each table as CSV.
  await page.getByRole('tab', { name: 'Statistics' }).click();
  assert.equal(await page.getByTestId('stat').count(), 10);
  assert.equal(await page.locator('[data-testid="stat"] svg rect').count() > 10, true, 'bars drawn');
  const byForm = Object.values(await statRows(page, 'records_by_form')).sort();
  assert.deepEqual(byForm, [1, 2, 3]);
  assert.deepEqual(await statRows(page, 'inputs_by_gender'), { Woman: 1, Man: 1, 'Prefer not to say': 1 });
  assert.equal(await page.locator('[data-stat="attendance_by_gender"] tfoot').textContent(), 'Total25');
  assert.deepEqual(Object.values(await statRows(page, 'inputs_by_session')), [2, 1]);
  const [csv] = await Promise.all([page.waitForEvent('download'),
    page.locator('[data-stat="attendance_by_category"] button').click()]);
  const table = readFileSync(await csv.path(), 'utf8');
  assert.equal(csv.suggestedFilename(), 'statistics_attendance_by_category.csv');
  assert.match(table, /^\uFEFFcode,Stakeholder category,Participants\r\n/);
  assert.match(table, /migrant_diaspora,[^\r\n]+,15\r\n/);
  assert.match(table, /,Total,25\r\n$/);

  // The consolidated export: the same formats as everyone's; the conflict's newest revision won.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('consolidated-export').click()]);
  const listing = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist()}))`, await file.path()]));
  assert.equal(JSON.parse(listing['bundle.json']).records.length, 6);
  assert.ok(listing['annex1.csv'].includes('Cancillería del Perú — versión revisada'));
  assert.equal(listing['annex1.csv'].trim().split('\r\n').length, 3, 'header and two countries');
  assert.equal(listing['participant_input.csv'].trim().split('\r\n').length, 4, 'header and three inputs');

  // Filters, then one record with its questions' text (the filters serve both parts).
  await page.getByRole('tab', { name: 'Records' }).click();
  await page.getByTestId('filter-text').fill('Cucuta');
  assert.equal(await page.getByTestId('shown-count').textContent(), '1 record shown');
  await page.locator('.rows .row').first().click();
  assert.match(await page.getByTestId('record-view').textContent(), /Title of the session.*Consulta en Cúcuta/s);
  await page.getByTestId('filter-text').fill('');
  await page.getByTestId('filter-category').selectOption('migrant_diaspora');
  assert.match(await page.getByTestId('shown-count').textContent(), /^3 /, 'two inputs and the session they attended');
  await page.getByTestId('filter-category').selectOption('');
  // The statistics follow the filters: thematic session 1 is the session and two of its inputs.
  await page.getByTestId('filter-theme').selectOption('session1');
  assert.deepEqual(Object.values(await statRows(page, 'records_by_form')).sort(), [1, 2]);
  assert.deepEqual(Object.values(await statRows(page, 'inputs_by_session')), [2]);
  await page.getByTestId('filter-theme').selectOption('');
  await page.getByTestId('filter-country').selectOption('PER');
  assert.match(await page.getByTestId('shown-count').textContent(), /^1 /);
  await page.locator('.rows .row').first().click();
  const peru = page.getByTestId('record-view');
  assert.match(await peru.textContent(), /versión revisada/);
  assert.equal(await peru.getByTestId('set-aside-copy').count(), 1, 'the older copy stays visible');
  // The secretariat may rule otherwise: the older copy kept, the revised one set aside.
  await peru.getByTestId('set-aside-copy').locator('summary').click();
  await peru.getByTestId('keep-instead').click();
  await peru.locator('p.muted', { hasText: /revision 0 ·/ }).waitFor();
  assert.doesNotMatch(await peru.locator('> div').first().textContent(), /versión revisada/);
  assert.match(await peru.getByTestId('set-aside-copy').textContent(), /versión revisada/);

  // Dropping a file that is already in: all duplicates, nothing added.
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByTestId('drop-zone').evaluate(async (zone, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'dropped.zip', { type: 'application/zip' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [...readFileSync(files[0])]);
  await reports.locator('tbody tr', { hasText: 'dropped.zip' }).waitFor();
  assert.deepEqual(await reports.locator('tbody tr').first().evaluate((tr) => [...tr.cells].map((c) => c.textContent)), ['dropped.zip', '0', '2', '0', '']);

  await server.stop();
  await page.reload();
  await page.getByTestId('collection-count').filter({ hasText: /^6 records/ }).waitFor();
  assert.equal(await page.getByTestId('stat').count(), 10);
  await page.getByRole('tab', { name: 'Records' }).click();
  await page.getByTestId('filter-country').selectOption('PER');
  await page.locator('.rows .row').first().click();
  assert.match(await page.getByTestId('set-aside-copy').textContent(), /versión revisada/, 'the ruling was stored');

  // Clearing asks first, empties the collection for good, and leaves the person's drafts alone.
  page.once('dialog', (d) => d.dismiss());
  await page.getByTestId('clear-collection').click();
  assert.match(await page.getByTestId('collection-count').textContent(), /^6 records/, 'dismissed: nothing cleared');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('clear-collection').click();
  await page.getByTestId('collection-count').filter({ hasText: /^0 records/ }).waitFor();
  await page.reload();
  await page.getByTestId('collection-count').filter({ hasText: /^0 records/ }).waitFor();

  // In Spanish, the page and the reasons a file is refused.
  await page.getByLabel('Language').selectOption('es');
  await page.getByLabel(/Importar archivos de paquetes/).setInputFiles(join(dir, '07_notes.txt'));
  const refused = page.getByTestId('file-reports').locator('tbody tr', { hasText: '07_notes.txt' });
  await refused.waitFor();
  assert.match(await refused.textContent(), /El archivo «07_notes\.txt» no es un paquete/);
});

test('two tabs of the secretariat never write over what the other kept', async (t) => {
  const { server, page: a } = await openApp(t);
  await a.goto(`${server.url}secretariat/`);
  const b = await a.context().newPage();
  await b.goto(`${server.url}secretariat/`);
  const count = (page, n) => page.getByTestId('collection-count').filter({ hasText: new RegExp(`^${n} records`) }).waitFor();
  await count(a, 0);
  await count(b, 0);

  await a.getByLabel(/Import bundle files/).setInputFiles(join(dir, '01_annex1_two_countries.zip'));
  await count(a, 2);
  await count(b, 2); // the other tab follows without a reload
  await b.getByLabel(/Import bundle files/).setInputFiles(join(dir, '04_conflict_newer_peru.json'));
  await b.getByTestId('file-reports').locator('tbody tr', { hasText: '04_conflict' }).waitFor();
  // Tab A last loaded revision 0 of Peru; revision 3 arrives there, yet revision 5 stays kept.
  await a.getByLabel(/Import bundle files/).setInputFiles(join(dir, 'tabs', 'peru_revision_3.json'));
  const row = a.getByTestId('file-reports').locator('tbody tr', { hasText: 'peru_revision_3' });
  await row.waitFor();
  assert.deepEqual(await row.evaluate((tr) => [...tr.cells].slice(1).map((c) => c.textContent)), ['0', '0', '1', '']);

  const c = await a.context().newPage();
  await c.goto(`${server.url}secretariat/`);
  await count(c, 2);
  assert.match(await c.getByTestId('collection-count').textContent(), /2 older copies/);
  await c.getByRole('tab', { name: 'Records' }).click();
  await c.getByTestId('filter-country').selectOption('PER');
  await c.locator('.rows .row').first().click();
  const view = c.getByTestId('record-view');
  assert.match(await view.textContent(), /versión revisada/);
  assert.equal(await view.getByTestId('set-aside-copy').count(), 2);
});

// What a person's zip tool makes of the app's files: Python's zipfile, deflated. `repacked.zip`
// is bundle 01 unzipped into a folder and zipped again; `two_bundles.zip` holds the session's
// bundle and the newer Peru, each in a folder of its own. Prints each entry's compression.
const REZIP = `
import json, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
methods = {}
with zipfile.ZipFile(src) as z, zipfile.ZipFile(out + '/repacked.zip', 'w', zipfile.ZIP_DEFLATED) as w:
    for name in z.namelist():
        w.writestr('annex1_two_countries/' + name, z.read(name))
with zipfile.ZipFile(out + '/two_bundles.zip', 'w', zipfile.ZIP_DEFLATED) as w:
    w.write(sys.argv[3], 'a_session/bundle.json')
    w.write(sys.argv[4], 'b_newer_peru/bundle.json')
for name in ('repacked.zip', 'two_bundles.zip'):
    with zipfile.ZipFile(out + '/' + name) as z:
        methods[name] = sorted({i.compress_type for i in z.infolist()})
print(json.dumps(methods))`;

test('a bundle zipped again with compression imports, and a zip of two bundles reports each', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'gcm-rezip-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const methods = JSON.parse(execFileSync('python3', ['-c', REZIP, join(dir, '01_annex1_two_countries.zip'), work,
    join(dir, '03_session_with_inputs.json'), join(dir, '04_conflict_newer_peru.json')], { encoding: 'utf8' }));
  assert.deepEqual(methods, { 'repacked.zip': [8], 'two_bundles.zip': [8] }, 'every entry deflated (method 8)');

  const { server, page } = await openApp(t);
  await page.goto(`${server.url}secretariat/`);
  await page.getByLabel(/Import bundle files/).setInputFiles([join(work, 'repacked.zip'), join(work, 'two_bundles.zip')]);
  await page.getByTestId('collection-count').filter({ hasText: /^6 records/ }).waitFor();
  const rows = await page.getByTestId('file-reports').locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [
    ['repacked.zip', '2', '0', '0', ''],
    ['two_bundles.zip › a_session/bundle.json', '4', '0', '0', ''],
    ['two_bundles.zip › b_newer_peru/bundle.json', '0', '0', '1', ''],
  ]);
  assert.match(await page.getByTestId('collection-count').textContent(), /1 older cop/);
});

test('a large file imports in steps, and its export shows progress and takes one click at a time', async (t) => {
  const { server, page } = await openApp(t);
  await page.goto(`${server.url}secretariat/`);
  // Every value the import's progress bar takes: a large file moves it while "0 / 1" is read.
  await page.evaluate(() => {
    window.__bar = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"] progress');
      if (bar) window.__bar.push(bar.value / bar.max);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByLabel(/Import bundle files/).setInputFiles(join(dir, 'large', 'sessions_7000_records.json'));
  await page.getByTestId('collection-count').filter({ hasText: /^7,000 records/ }).waitFor({ timeout: 120_000 });
  const bar = await page.evaluate(() => window.__bar);
  assert.ok(bar.some((v) => v > 0.05 && v < 0.6) && bar.some((v) => v >= 0.7 && v < 1), `the bar moved through the file: ${bar.join(' ')}`);
  assert.deepEqual(await page.getByTestId('file-reports').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent))),
    [['sessions_7000_records.json', '7,000', '0', '0', '']]);
  // Every record stored: read back from IndexedDB, where it went 4,000 a transaction and a
  // run of 250 puts queued behind another (a record lost at either edge would be missed here).
  await page.reload();
  await page.getByTestId('collection-count').filter({ hasText: /^7,000 records/ }).waitFor({ timeout: 120_000 });

  // What the page shows while the zip is written: progress, and both export buttons waiting.
  await page.evaluate(() => {
    window.__seen = { progress: false, disabled: true };
    const zip = document.querySelector('[data-testid=consolidated-export]');
    const json = document.querySelector('[data-testid=consolidated-json]');
    new MutationObserver(() => {
      const status = document.querySelector('[data-testid=export-progress]');
      if (!status.hidden && status.querySelector('progress')) {
        window.__seen.progress = true;
        window.__seen.disabled &&= zip.disabled && json.disabled;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const zip = page.getByTestId('consolidated-export');
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), zip.click()]);
  const path = await file.path();
  assert.deepEqual(await page.evaluate(() => window.__seen), { progress: true, disabled: true }, 'progress shown, the buttons disabled meanwhile');
  await page.getByTestId('export-progress').waitFor({ state: 'hidden' });
  assert.equal(await zip.isEnabled(), true, 'ready for the next export');
  const counts = JSON.parse(execFileSync('python3', ['-c', `
import csv, io, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
rows = lambda n: len(list(csv.reader(io.StringIO(z.read(n).decode('utf-8-sig'))))) - 1
print(json.dumps([len(json.loads(z.read('bundle.json'))['records']), rows('consultation_session.csv'), rows('participant_input.csv')]))`, path], { encoding: 'utf8' }));
  assert.deepEqual(counts, [7000, 140, 6860]);
});
