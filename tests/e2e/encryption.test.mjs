// Submissions encrypted for the secretariat's key (issue 12), the collector's side: the key set
// by the secretariat's link, shown with its fingerprint; an exported response leaves as an
// envelope holding none of the words typed, which Python opens with the documented recipe
// (scripts/decrypt_envelope.py) into a bundle that verifies; a plain copy only past a warning;
// a backup locked with a passphrase; and a deployment's public-key.json beside index.html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, launchBrowser, startServer, waitForServiceWorker } from './helpers.mjs';
import { locales } from './forms.mjs';

const en = locales.en.ui;
const tmp = (name) => join(mkdtempSync(join(tmpdir(), 'gcm-enc-')), name);
const python = (...args) => execFileSync('python3', args, { encoding: 'utf8' });

/** A secretariat key made by Python (the private key stays with the test), its key file and link parts. */
function pythonKey(name) {
  const dir = mkdtempSync(join(tmpdir(), 'gcm-key-'));
  python('tests/seal_envelope.py', 'keygen', dir);
  const spki = readFileSync(join(dir, 'public.spki'));
  const fingerprint = python('-c', `import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())`, join(dir, 'public.spki')).trim();
  const keyFile = join(dir, 'public-key.json');
  writeFileSync(keyFile, JSON.stringify({
    format: 'gcm-review-public-key', format_version: 1, name, algorithm: 'RSA-OAEP-3072-SHA-256',
    spki: spki.toString('base64'), fingerprint,
  }, null, 2));
  const short = fingerprint.slice(0, 16).match(/.{4}/g).join(' ');
  const link = `transfer/#/key/${spki.toString('base64url')}?name=${encodeURIComponent(name)}`;
  return { dir, pem: join(dir, 'private.pem'), keyFile, short, link };
}

// What a person types; none of it may appear in an encrypted file.
const typed = {
  session_title: 'Consulta en Tapachula: detención de niñas y niños',
  session_place: 'Albergue Belén, Tapachula',
  organiser: 'Red de defensores — confidencial',
};

/** A complete consultation session, answered through a prefill link, then completed. */
async function completeSession(page, base) {
  const query = new URLSearchParams({
    ...typed, session_date: '2026-11-20', session_country: 'MEX', modality: 'in_person', session_language: 'es', session_themes: 'session1,session3',
  });
  await page.goto(`${base}#/new/consultation_session?${query}`);
  await page.getByTestId('save-state').waitFor();
  await page.getByTestId('complete').click();
  await page.getByTestId('complete-note').waitFor();
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  return new URL(page.url()).hash.split('/')[2];
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), path: await file.path() };
}

test('a collector set up by the secretariat\'s link exports only what the secretariat can read', async (t) => {
  const server = await startServer('dist');
  const collector = await launchBrowser();
  t.after(async () => { await collector.close(); await server.stop(); });
  const { page } = collector;
  const key = pythonKey('Secretaría de la revisión regional (prueba)');

  // The link sets the key: the page says so, with the fingerprint to compare.
  await page.goto(server.url + key.link);
  await page.getByRole('status').filter({ hasText: en.key_set }).waitFor();
  const shown = `${en.encrypted_for}: Secretaría de la revisión regional (prueba) · ${key.short}`;
  assert.equal(await page.getByTestId('recipient').textContent(), shown);
  await page.getByRole('link', { name: en.go_to_forms }).click();
  await waitForServiceWorker(page);
  await page.getByTestId('recipient').filter({ hasText: shown }).waitFor();

  // A completed response, exported from the transfer page: an envelope, never the words.
  const id = await completeSession(page, server.url);
  await page.goto(`${server.url}transfer/`);
  await page.getByTestId('recipient').filter({ hasText: key.short }).waitFor();
  // The page with a key, as a phone shows it: nothing sideways, nothing axe finds.
  await page.setViewportSize({ width: 360, height: 740 });
  assert.deepEqual(await axeViolations(page), []);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no sideways scroll at 360 px');
  await page.setViewportSize({ width: 1280, height: 800 });
  const sealed = await download(page, () => page.getByRole('button', { name: en.download_encrypted }).click());
  assert.match(sealed.name, /^mixed_.*\.gcm-encrypted$/);
  const bytes = readFileSync(sealed.path);
  assert.equal(bytes.subarray(0, 6).toString(), 'GCMENC');
  for (const words of Object.values(typed)) {
    for (const piece of [words, ...words.split(/[ ,:—]+/).filter((w) => w.length > 5)]) {
      assert.ok(!bytes.includes(Buffer.from(piece)), `the envelope holds no "${piece}"`);
    }
  }
  assert.ok(!bytes.includes(Buffer.from(id)), 'nor the record id');

  // Python opens it with the documented recipe, to a bundle that verifies and holds the answers.
  const zip = tmp('opened.zip');
  python('scripts/decrypt_envelope.py', '--key', key.pem, sealed.path, '-o', zip);
  const json = python('-c', 'import zipfile,sys;print(zipfile.ZipFile(sys.argv[1]).read("bundle.json").decode())', zip);
  const bundle = JSON.parse(json);
  assert.equal(bundle.records.length, 1);
  assert.equal(bundle.records[0].id, id);
  assert.equal(bundle.records[0].answers.session_title, typed.session_title);
  const bundlePath = tmp('bundle.json');
  writeFileSync(bundlePath, json);
  const digest = python('-c', 'import json,sys,hashlib;b=json.load(open(sys.argv[1]));print(hashlib.sha256(json.dumps(b["records"],ensure_ascii=False,separators=(",",":")).encode()).hexdigest())', bundlePath).trim();
  assert.equal(digest, bundle.manifest.records_sha256, 'the decrypted bundle verifies');

  // One response's downloads: the encrypted file first; a plain copy only past the warning.
  await page.goto(`${server.url}#/r/${id}`);
  await page.getByRole('link', { name: en.download_response }).click();
  const response = page.getByRole('region', { name: en.this_response });
  const one = await download(page, () => response.getByRole('button', { name: en.download_encrypted }).click());
  assert.match(one.name, /^consultation_session_.*\.gcm-encrypted$/);
  let warned = '';
  page.once('dialog', (d) => { warned = d.message(); d.dismiss(); });
  await response.getByTestId('download-json').click();
  await page.waitForTimeout(300);
  assert.equal(warned, en.unencrypted_warning, 'the warning is shown before a plain copy');
  page.once('dialog', (d) => d.accept());
  const plain = await download(page, () => response.getByTestId('download-json').click());
  assert.match(plain.name, /\.json$/);
  assert.ok(readFileSync(plain.path, 'utf8').includes(typed.session_title), 'the plain copy the person insisted on');
  const plainZip = await (async () => {
    page.once('dialog', (d) => d.accept());
    return download(page, () => page.getByRole('button', { name: en.unencrypted_copy, exact: true }).click());
  })();
  assert.match(plainZip.name, /\.zip$/);

  // A backup locked with a passphrase: no words in it; opened only with the passphrase.
  await page.getByLabel(en.backup_passphrase).fill('tres palabras sueltas');
  const locked = await download(page, () => page.getByTestId('backup').click());
  assert.match(locked.name, /^backup_.*\.gcm-locked$/);
  const lockedBytes = readFileSync(locked.path);
  assert.equal(lockedBytes.subarray(0, 6).toString(), 'GCMPWD');
  assert.ok(!lockedBytes.includes(Buffer.from('Tapachula')));

  const other = await launchBrowser();
  t.after(() => other.close());
  await other.page.goto(`${server.url}transfer/`);
  const report = other.page.getByTestId('import-report');
  await other.page.getByLabel(en.open_backup).setInputFiles(locked.path);
  await report.filter({ hasText: en.backup_is_locked }).waitFor();
  await other.page.getByLabel(en.backup_passphrase).fill('tres palabras sueltaz');
  await other.page.getByLabel(en.open_backup).setInputFiles(locked.path);
  await report.filter({ hasText: en.wrong_passphrase }).waitFor();
  await other.page.getByLabel(en.backup_passphrase).fill('tres palabras sueltas');
  await other.page.getByLabel(en.open_backup).setInputFiles(locked.path);
  await report.filter({ hasText: /1 added/ }).waitFor();

  // A link with a damaged key sets nothing and says so.
  await other.page.goto(server.url);
  await other.page.goto(`${server.url}transfer/#/key/AAAA?name=x`);
  await other.page.getByRole('alert').filter({ hasText: en.key_link_bad }).waitFor();
  assert.equal(await other.page.getByTestId('recipient').textContent(), en.not_encrypted);
});

test('a deployment\'s public-key.json gives every collector the key from its first load, offline too', async (t) => {
  const key = pythonKey('Secretariat (deployment)');
  const site = mkdtempSync(join(tmpdir(), 'gcm-site-'));
  cpSync('dist', site, { recursive: true });
  cpSync(key.keyFile, join(site, 'public-key.json'));
  const server = await startServer(site);
  const collector = await launchBrowser();
  t.after(async () => { await collector.close(); await server.stop(); });
  const { page } = collector;
  await page.goto(server.url);
  await waitForServiceWorker(page);
  await page.getByTestId('recipient').filter({ hasText: `Secretariat (deployment) · ${key.short}` }).waitFor();
  await completeSession(page, server.url);

  await server.stop();
  await page.goto(`${server.url}transfer/`);
  await page.getByTestId('recipient').filter({ hasText: key.short }).waitFor();
  const sealed = await download(page, () => page.getByRole('button', { name: en.download_encrypted }).click());
  assert.match(sealed.name, /\.gcm-encrypted$/);
  python('scripts/decrypt_envelope.py', '--key', key.pem, sealed.path, '-o', tmp('deployed.zip'));
});

test('a deployment key file that was changed is refused: nothing leaves unencrypted without the person\'s say', async (t) => {
  const key = pythonKey('Secretariat (tampered)');
  const file = JSON.parse(readFileSync(key.keyFile, 'utf8'));
  file.fingerprint = file.fingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const site = mkdtempSync(join(tmpdir(), 'gcm-site-'));
  cpSync('dist', site, { recursive: true });
  writeFileSync(join(site, 'public-key.json'), JSON.stringify(file));
  const server = await startServer(site);
  const collector = await launchBrowser();
  t.after(async () => { await collector.close(); await server.stop(); });
  const { page } = collector;
  await page.goto(server.url);
  await completeSession(page, server.url);
  await page.goto(`${server.url}transfer/`);
  const changed = locales.en.key_error.fingerprint_mismatch;
  await page.getByRole('alert').filter({ hasText: changed }).first().waitFor();
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await page.getByRole('button', { name: en.download_encrypted }).click();
  await page.getByRole('alert').filter({ hasText: changed }).nth(1).waitFor();
  assert.equal(downloads, 0, 'no file left');
});

// The whole journey in three browser profiles: the secretariat's key made in the app, a
// collector set up by its link, the envelope opened by Python from the key's backup, imported,
// forgeries refused, and the key restored from its backup on a third device.
test('end to end: secretariat key, collector link, sealed export, Python, import, refusals, restore', async (t) => {
  const server = await startServer('dist');
  const [secretariat, collector, third] = [await launchBrowser(), await launchBrowser(), await launchBrowser()];
  t.after(async () => { await secretariat.close(); await collector.close(); await third.close(); await server.stop(); });
  const passphrase = 'cuatro palabras para la clave';

  // 1. The secretariat creates a key (its backup downloads) and copies the collector link.
  const s = secretariat.page;
  await s.goto(`${server.url}secretariat/`);
  await s.getByRole('tab', { name: en.encryption }).click();
  const making = s.getByRole('tabpanel', { name: en.encryption }).getByRole('region', { name: en.encryption });
  await making.getByLabel(en.passphrase, { exact: true }).fill(passphrase);
  await making.getByLabel(en.passphrase_again, { exact: true }).fill(passphrase);
  const backup = await download(s, () => making.getByRole('button', { name: en.create_key }).click());
  assert.match(backup.name, /\.gcm-key$/);
  const mine = s.getByRole('region', { name: en.this_device_key });
  const link = await mine.getByLabel(en.key_link).inputValue();
  const short = (await mine.textContent()).match(/[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}/)[0];

  // 2. A collector in another profile opens the link, completes a response and exports it.
  const c = collector.page;
  await c.goto(link);
  await c.getByTestId('recipient').filter({ hasText: short }).waitFor();
  const id = await completeSession(c, server.url);
  await c.goto(`${server.url}transfer/`);
  const sealed = await download(c, () => c.getByRole('button', { name: en.download_encrypted }).click());

  // 3. None of the typed answers is in the bytes.
  const bytes = readFileSync(sealed.path);
  for (const words of Object.values(typed)) assert.ok(!bytes.includes(Buffer.from(words)), words);

  // 4. Python, with the documented recipe and the key's backup, opens it to the bundle exported.
  const zip = tmp('from-backup.zip');
  execFileSync('python3', ['scripts/decrypt_envelope.py', '--backup', backup.path, sealed.path, '-o', zip], { env: { ...process.env, GCM_PASSPHRASE: passphrase } });
  const bundle = JSON.parse(python('-c', 'import zipfile,sys;print(zipfile.ZipFile(sys.argv[1]).read("bundle.json").decode())', zip));
  assert.deepEqual([bundle.records[0].id, bundle.records[0].answers.organiser], [id, typed.organiser]);

  // 5. The secretariat imports it.
  const named = (page, file) => page.getByTestId('file-reports').locator('tbody tr', { hasText: file });
  const importAt = async (page, paths) => {
    await page.getByRole('tab', { name: en.import }).click();
    await page.getByLabel(/Import bundle files/).setInputFiles(paths);
  };
  await importAt(s, [sealed.path]);
  const cells = async (page, file) => { await named(page, file).waitFor(); return named(page, file).locator('td').allTextContents(); };
  const sealedName = sealed.path.split('/').pop();
  assert.deepEqual((await cells(s, sealedName)).slice(1, 4), ['1', '0', '0'], 'one record accepted');

  // 6. A file for another key and an altered byte are refused; so is a wrong passphrase.
  const other = pythonKey('Another secretariat');
  const forOther = tmp('for-another-key.gcm-encrypted');
  execFileSync('python3', ['tests/seal_envelope.py', 'seal', other.keyFile, zip, forOther]);
  const altered = tmp('altered.gcm-encrypted');
  const changed = Buffer.from(bytes);
  changed[changed.length - 40] ^= 0x20;
  writeFileSync(altered, changed);
  await importAt(s, [forOther, altered]);
  assert.match((await cells(s, 'for-another-key.gcm-encrypted'))[4], new RegExp(other.short));
  const alteredSaid = locales.en.sealed.altered.split('{file}')[1].trim().split(':')[0];
  assert.ok((await cells(s, 'altered.gcm-encrypted'))[4].includes(alteredSaid), 'the altered file is refused as altered');
  assert.match(await s.getByTestId('collection-count').textContent(), /^1 /, 'nothing more imported');

  // 7. The key restored from its backup in a third profile imports the same file.
  const r = third.page;
  await r.goto(`${server.url}secretariat/`);
  await r.getByRole('tab', { name: en.encryption }).click();
  const restoring = r.getByRole('region', { name: en.restore_key });
  await restoring.getByLabel(en.key_backup_file).setInputFiles(backup.path);
  await restoring.getByLabel(en.passphrase, { exact: true }).fill('not the passphrase at all');
  await restoring.getByRole('button', { name: en.restore, exact: true }).click();
  await restoring.getByText(en.wrong_passphrase).waitFor();
  await restoring.getByLabel(en.passphrase, { exact: true }).fill(passphrase);
  await restoring.getByRole('button', { name: en.restore, exact: true }).click();
  await r.getByText(en.key_restored).waitFor();
  await importAt(r, [sealed.path]);
  assert.deepEqual((await cells(r, sealedName)).slice(1, 4), ['1', '0', '0'], 'the restored key opens it');
});
