// Benchmarks (measured, never asserted): time to the first editable textarea, cold and warm,
// typing cost with autosave running, the secretariat's import of 1,000 and 10,000 records, and
// the rapporteur's page over them (opening, tagging an excerpt), and encryption's cost.
// `node scripts/bench.mjs [dist]` after a release build; it writes the import's files first.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser } from '../tests/e2e/helpers.mjs';

const dir = process.argv[2] ?? 'dist';
const server = await startServer(dir);
const browser = await launchBrowser();
const { page } = browser;
const sinceNavigation = () => page.evaluate(() => Math.round(performance.now()));
// Every page this tab opens records its long tasks (over 50 ms) in window.__long.
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
});

// Cold: empty profile, nothing cached; the time includes starting a response from the home page.
await page.goto(server.url);
await page.getByTestId('start-annex1').click();
await page.locator('textarea').first().waitFor();
const cold = await sinceNavigation();
const formUrl = page.url();
await page.evaluate(() => navigator.serviceWorker.ready);

const warm = [];
for (let i = 0; i < 5; i++) {
  await page.goto(formUrl);
  await page.locator('textarea').first().waitFor();
  warm.push(await sinceNavigation());
}
warm.sort((a, b) => a - b);

// Typing: 2,000 key presses into a long answer while autosave writes behind them.
await page.evaluate(() => { window.__long = []; });
const area = page.locator('textarea').first();
await area.click();
const text = 'Cooperación regional en migración — niñez y juventud. '.repeat(40).slice(0, 2000);
const t0 = Date.now();
await page.keyboard.type(text);
const typing = Date.now() - t0;
await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
const longTasks = await page.evaluate(() => window.__long);

console.log(`first editable textarea, cold (new profile, incl. starting a response): ${cold} ms`);
console.log(`first editable textarea, warm (reload, median of 5): ${warm[2]} ms (min ${warm[0]}, max ${warm[4]})`);
console.log(`typing 2000 characters: ${typing} ms (${(typing / 2000).toFixed(2)} ms per key, Playwright-driven)`);
console.log(`long tasks (>50 ms) during typing: ${longTasks.length}${longTasks.length ? `, longest ${Math.round(Math.max(...longTasks))} ms` : ''}`);

// Secretariat: 20 files (1,000 records), then a cleared collection and 200 files (10,000), from
// choosing the files to the stored collection's count on screen; long tasks show any freezing.
execFileSync('cargo', ['test', '--release', '--quiet', '--test', 'e2e_bundles', '--', '--ignored', 'benchmark'], { stdio: 'inherit' });
const benchDir = new URL('../target/bench-bundles/', import.meta.url).pathname;
const files = readdirSync(benchDir).sort().map((f) => join(benchDir, f));
await page.goto(`${server.url}secretariat/`);
page.on('dialog', (d) => d.accept());
for (const n of [20, 200]) {
  await page.getByTestId('clear-collection').click();
  await page.getByTestId('collection-count').filter({ hasText: /^0 / }).waitFor();
  await page.evaluate(() => { window.__long = []; });
  const started = Date.now();
  await page.getByLabel(/Import bundle files/).setInputFiles(files.slice(0, n));
  await page.getByTestId('collection-count').filter({ hasText: new RegExp(`^${(n * 50).toLocaleString("en")} `) }).waitFor({ timeout: 120000 });
  const took = Date.now() - started;
  const long = await page.evaluate(() => window.__long);
  console.log(`secretariat import of ${n * 50} records from ${n} files, to the stored count on screen: ${took} ms; long tasks: ${long.length}, longest ${Math.round(Math.max(0, ...long))} ms`);
}
// Opening the page with the 10,000 records stored: from navigation to the count on screen.
await page.reload();
await page.getByTestId('collection-count').filter({ hasText: /^10,000 / }).waitFor({ timeout: 120000 });
const opened = await sinceNavigation();
const openLong = await page.evaluate(() => window.__long);
console.log(`secretariat page with 10000 stored records, navigation to the count on screen: ${opened} ms; long tasks: ${openLong.length}, longest ${Math.round(Math.max(0, ...openLong))} ms`);

// Searching the 10,000 records: each key filters the table and recomputes the statistics.
await page.getByRole('tab', { name: 'Records' }).click();
await page.evaluate(() => { window.__long = []; });
const search = page.getByTestId('filter-text');
const typedAt = Date.now();
await search.pressSequentially('consulta 17 en');
await page.getByTestId('shown-count').filter({ hasText: /^1 / }).waitFor();
const searchLong = await page.evaluate(() => window.__long);
console.log(`typing a 14-character search over 10000 records: ${Date.now() - typedAt} ms to the one match; long tasks: ${searchLong.length}, longest ${Math.round(Math.max(0, ...searchLong))} ms`);

// The rapporteur's page over the same 10,000 records: from navigation to the grid's counts.
await page.goto(`${server.url}report/`);
await page.getByTestId('collection-count').filter({ hasText: /^10,000 / }).waitFor({ timeout: 120000 });
const busiest = page.getByTestId('findings-grid').getByRole('button', { name: /: [1-9][\d,]*$/ }).first();
await busiest.waitFor({ timeout: 120000 });
const workbenchOpened = await sinceNavigation();
const workbenchLong = await page.evaluate(() => window.__long);
console.log(`rapporteur's page with 10000 stored records, navigation to the grid's counts: ${workbenchOpened} ms; long tasks: ${workbenchLong.length}, longest ${Math.round(Math.max(0, ...workbenchLong))} ms`);
// A cell opened, an excerpt made, then one tag changed: the time from the click to the next frame.
await busiest.click();
await page.getByRole('button', { name: 'Make an excerpt of the selected passage' }).first().click();
await page.getByTestId('excerpt').first().waitFor();
const redraw = await page.getByTestId('excerpt').first().getByLabel('For the executive summary').evaluate(async (box) => {
  const t0 = performance.now();
  box.click();
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return Math.round(performance.now() - t0);
});
console.log(`tagging an excerpt on a 10000-record workbench, click to the next frame: ${redraw} ms`);

// Encryption of a 1 MB bundle with the calls src/ui/crypto.rs makes (WebCrypto: RSA-OAEP-3072
// wraps a fresh AES-256-GCM key, AES-GCM encrypts with the header as additional data), and its
// decryption; medians of 5 in this Chromium. The wasm adds two copies of the bytes around them.
const crypto = await page.evaluate(async () => {
  const s = crypto.subtle;
  const rsa = { name: 'RSA-OAEP', hash: 'SHA-256' };
  const pair = await s.generateKey({ ...rsa, modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['encrypt', 'decrypt']);
  const spki = await s.exportKey('spki', pair.publicKey);
  const zip = new Uint8Array(1 << 20);
  for (let i = 0; i < zip.length; i += 65536) crypto.getRandomValues(zip.subarray(i, i + 65536));
  const seal = [], open = [];
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    const pub = await s.importKey('spki', spki, rsa, false, ['encrypt']);
    const aes = await s.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    const wrapped = await s.encrypt(rsa, pub, await s.exportKey('raw', aes));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const header = new Uint8Array(446);
    const ct = await s.encrypt({ name: 'AES-GCM', iv, additionalData: header }, aes, zip);
    seal.push(performance.now() - t0);
    t0 = performance.now();
    const raw = await s.decrypt(rsa, pair.privateKey, wrapped);
    const key = await s.importKey('raw', raw, { name: 'AES-GCM' }, false, ['decrypt']);
    await s.decrypt({ name: 'AES-GCM', iv, additionalData: header }, key, ct);
    open.push(performance.now() - t0);
  }
  const median = (a) => Math.round(a.sort((x, y) => x - y)[2] * 10) / 10;
  return { seal: median(seal), open: median(open) };
});
console.log(`encrypting a 1 MB bundle (key wrap + AES-256-GCM, WebCrypto): ${crypto.seal} ms; decrypting it: ${crypto.open} ms (medians of 5)`);
const kdf = await page.evaluate(async () => {
  const s = crypto.subtle;
  const t0 = performance.now();
  const base = await s.importKey('raw', new TextEncoder().encode('tres palabras sueltas'), 'PBKDF2', false, ['deriveKey']);
  await s.deriveKey({ name: 'PBKDF2', salt: new Uint8Array(16), iterations: 600000, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  return Math.round(performance.now() - t0);
});
console.log(`deriving a key from a passphrase (PBKDF2-HMAC-SHA256, 600,000 iterations): ${kdf} ms`);
await browser.close();
await server.stop();
