// The secretariat at scale (issue 14): imports of 1,000, 10,000 and 100,000 records (20, 200
// and 2,000 files of 50), each from choosing the files to the stored count on screen, with the
// long tasks (over 50 ms) that froze the page meanwhile; the same 100,000 records in one
// file (target/bench-one-file); reopening the page with 10,000 and
// 100,000 stored; a search typed over each; with 100,000 shown, the records' list scrolled
// and the statistics tab opened; and the consolidated CSV zip of 100,000 records, from the
// click to the download written to disk. Several runs in one browser profile: medians and
// spread. Measured, never asserted. `bench.mjs` calls it; the files are written first
// (`cargo test --release --test e2e_bundles -- --ignored benchmark`, target/bench-bundles).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LONG_WAIT = 900_000;

/**
 * Runs `runs` rounds on `page` (its init script records long tasks in `window.__long`) against
 * the app served at `url`, prints each round and then the medians; ends with 10,000 records
 * stored, for the rapporteur's page after it.
 */
export async function secretariatBench(page, url, runs) {
  const dir = new URL('../target/bench-bundles/', import.meta.url).pathname;
  const files = readdirSync(dir).sort().map((f) => join(dir, f));
  if (files.length < 2000) throw new Error(`${dir} holds ${files.length} files, 2000 expected: write them again`);
  const one = new URL('../target/bench-one-file/sessions_100000_records.json', import.meta.url).pathname;
  const mb = (n) => (files.slice(0, n).reduce((s, f) => s + statSync(f).size, 0) / 1e6).toFixed(1);
  console.log(`\nsecretariat at scale: ${runs} runs; files of 50 records (a session, 49 inputs), ${mb(200)} MB for 10,000 records, ${mb(2000)} MB for 100,000, ${(statSync(one).size / 1e6).toFixed(1)} MB in one file`);
  await page.goto(`${url}secretariat/`);
  page.on('dialog', (d) => d.accept());
  const results = [];
  for (let run = 1; run <= runs; run++) {
    const r = {};
    r.import1k = await importFiles(page, files.slice(0, 20));
    r.import100k = await importFiles(page, files);
    r.reopen100k = await reopen(page, 100_000);
    r.scroll100k = await scrollList(page);
    r.search100k = await search(page);
    r.stats100k = await openStatistics(page);
    r.export100k = await exportZip(page);
    r.importOne100k = await importFiles(page, [one], 100_000);
    r.import10k = await importFiles(page, files.slice(0, 200));
    r.reopen10k = await reopen(page, 10_000);
    r.search10k = await search(page);
    results.push(r);
    console.log(`run ${run}: ${Object.entries(r).map(([k, v]) => `${k} ${v.ms} ms (${v.long.length} long, max ${longest(v.long)})`).join('; ')}`);
    console.log(`  longest tasks of the 100,000-record import: ${[...r.import100k.long].sort((a, b) => b - a).slice(0, 12).join(', ')} ms`);
    console.log(`  longest tasks of the one-file import: ${[...r.importOne100k.long].sort((a, b) => b - a).slice(0, 12).join(', ')} ms`);
    console.log(`  longest tasks of the export: ${[...r.export100k.long].sort((a, b) => b - a).slice(0, 12).join(', ')} ms`);
  }
  const rows = [
    ['import1k', 'import of 1,000 records (20 files), to the stored count'],
    ['import10k', 'import of 10,000 records (200 files), to the stored count'],
    ['reopen10k', 'page reopened with 10,000 stored, navigation to the count'],
    ['search10k', 'a 14-character search typed over 10,000, to the one match'],
    ['import100k', 'import of 100,000 records (2,000 files), to the stored count'],
    ['reopen100k', 'page reopened with 100,000 stored, navigation to the count'],
    ['scroll100k', 'records list of 100,000 scrolled to the middle, to its rows drawn'],
    ['search100k', 'a 14-character search typed over 100,000, to the one match'],
    ['stats100k', 'statistics tab opened over 100,000, click to the next frame'],
    ['export100k', 'consolidated CSV zip of 100,000, click to the download written'],
    ['importOne100k', 'import of 100,000 records in one file, to the stored count'],
  ];
  console.log(`\nsecretariat at scale, medians of ${runs} runs (spread min–max); long tasks: count, longest (median; worst of all runs)`);
  for (const [key, label] of rows) {
    const ms = stat(results.map((r) => r[key].ms));
    const count = stat(results.map((r) => r[key].long.length));
    const max = stat(results.map((r) => Math.round(Math.max(0, ...r[key].long))));
    const extra = key === 'export100k' ? `, ${(results[0][key].bytes / 1e6).toFixed(1)} MB` : '';
    const over100 = stat(results.map((r) => r[key].long.filter((d) => d > 100).length));
    console.log(`  ${label.padEnd(68)} ${String(ms.median).padStart(6)} ms (${ms.min}–${ms.max}${extra}); long tasks ${count.median} (${count.min}–${count.max}), over 100 ms ${over100.median} (${over100.min}–${over100.max}), longest ${max.median} ms (worst ${max.max})`);
  }
}

function stat(values) {
  const v = [...values].sort((a, b) => a - b);
  return { median: v[Math.floor(v.length / 2)], min: v[0], max: v[v.length - 1] };
}

const longest = (long) => Math.round(Math.max(0, ...long));
const resetLong = (page) => page.evaluate(() => { window.__long = []; });
const takeLong = (page) => page.evaluate(() => window.__long.map(Math.round));
// The stored count on screen, polled every 50 ms with one query: a locator's text filter polls
// at every frame and was itself a good part of the page's busy time during a long import.
const count = (page, n) => ({
  waitFor: ({ timeout }) => page.waitForFunction((text) => document.querySelector('[data-testid=collection-count]')?.textContent.startsWith(text),
    `${n.toLocaleString('en')} `, { polling: 50, timeout }),
});

/**
 * Empties the collection, then imports `files` on the import tab (its reports drawn as they
 * come, as the person sees them): from choosing them to the stored count on screen.
 */
async function importFiles(page, files, records = files.length * 50) {
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByTestId('clear-collection').click();
  await count(page, 0).waitFor({ timeout: LONG_WAIT });
  await resetLong(page);
  const started = Date.now();
  await page.getByLabel(/Import bundle files/).setInputFiles(files);
  await count(page, records).waitFor({ timeout: LONG_WAIT });
  return { ms: Date.now() - started, long: await takeLong(page) };
}

/** Reloads the page with `n` records stored: from navigation to the count on screen. */
async function reopen(page, n) {
  await page.reload();
  await count(page, n).waitFor({ timeout: LONG_WAIT });
  const ms = await page.evaluate(() => Math.round(performance.now()));
  return { ms, long: await takeLong(page) };
}

/** On the records tab, the list scrolled to its middle: from the scroll to a frame with the rows there drawn. */
async function scrollList(page) {
  await page.getByRole('tab', { name: 'Records' }).click();
  await page.locator('.rows .row').first().waitFor({ timeout: LONG_WAIT });
  await resetLong(page);
  const ms = await page.locator('.rows').evaluate(async (rows) => {
    const t0 = performance.now();
    rows.scrollTop = rows.scrollHeight / 2;
    const middle = rows.scrollTop;
    // Drawn: a row placed within the scrolled-to window.
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const tops = [...rows.querySelectorAll('.row')].map((b) => parseFloat(b.style.top));
      if (tops.some((t) => Math.abs(t - middle) < 100)) break;
      if (performance.now() - t0 > 60_000) throw new Error('the scrolled rows were never drawn');
    }
    return Math.round(performance.now() - t0);
  });
  return { ms, long: await takeLong(page) };
}

/** Types a search that matches one record (session 17's title), to the count of one; then empties it. */
async function search(page) {
  await page.getByRole('tab', { name: 'Records' }).click();
  const box = page.getByTestId('filter-text');
  await resetLong(page);
  const started = Date.now();
  await box.pressSequentially('consulta 17 en');
  await page.getByTestId('shown-count').filter({ hasText: /^1 / }).waitFor({ timeout: LONG_WAIT });
  const ms = Date.now() - started;
  const long = await takeLong(page);
  await box.fill('');
  await page.getByTestId('shown-count').filter({ hasText: /^(?!1 )/ }).waitFor({ timeout: LONG_WAIT });
  return { ms, long };
}

/** The statistics tab opened: from the click to the next frame with its tables. */
async function openStatistics(page) {
  await resetLong(page);
  const tab = page.getByRole('tab', { name: 'Statistics' });
  const ms = await tab.evaluate(async (button) => {
    const t0 = performance.now();
    button.click();
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const panel = document.getElementById('panel-statistics');
      if (!panel.hidden && panel.querySelector('[data-testid=stat]')) break;
      if (performance.now() - t0 > 60_000) throw new Error('the statistics were never drawn');
    }
    return Math.round(performance.now() - t0);
  });
  return { ms, long: await takeLong(page) };
}

/** The consolidated CSV zip: from the click to the download written to disk. */
async function exportZip(page) {
  await resetLong(page);
  const started = Date.now();
  const download = page.waitForEvent('download', { timeout: LONG_WAIT });
  await page.getByTestId('consolidated-export').click();
  const path = await (await download).path();
  const ms = Date.now() - started;
  return { ms, long: await takeLong(page), bytes: statSync(path).size };
}
