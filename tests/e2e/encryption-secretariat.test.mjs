// The secretariat's key (docs/bundle-format.md §10): made on the Encryption tab, its backup
// downloaded and opened by the Python recipe, the private key stored as a CryptoKey no script can
// export, the public key published as a file and a link; envelopes of a real bundle, sealed by
// an independent writer (tests/seal_envelope.py), imported with their records, and refused,
// with nothing imported, when made for another key, altered, cut short, or met with no key.
// Then a second browser restores the key from its backup: a wrong passphrase stores nothing,
// the right one brings the key back and the envelope imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { openApp, startServer, launchBrowser, axeViolations } from './helpers.mjs';
import { locales } from './forms.mjs';

const en = locales.en.ui;
const sealedMessage = locales.en.sealed;
const PASSPHRASE = 'tres tristes tigres tragan trigo';
const bundle = new URL('../../target/e2e-bundles/01_annex1_two_countries.zip', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'gcm-e2e-keys-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
/** What the first test made, for the second: the key backup and the envelope for its key. */
const made = {};

/** A message template's fixed parts, for matching a filled one. */
const fragments = (template) => template.split(/\{[a-z_]+\}/).map((f) => f.trim()).filter((f) => f.length > 3);

/** The text of the elements an element's aria-describedby names. */
const description = (locator) => locator.evaluate((e) =>
  (e.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim());

/** Whether the page scrolls sideways. */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** The keys stored in the `gcm-keys` database, as what a script can see of them. */
const storedKeys = (page) => page.evaluate(() => new Promise((ok, fail) => {
  const open = indexedDB.open('gcm-keys');
  open.onerror = () => fail(open.error);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('keys')) return ok([]);
    const all = db.transaction('keys').objectStore('keys').getAll();
    all.onsuccess = () => ok(all.result.map((k) => ({
      members: Object.keys(k).sort(),
      isCryptoKey: k.private instanceof CryptoKey,
      extractable: k.private.extractable,
      type: k.private.type,
      usages: k.private.usages,
      algorithm: k.private.algorithm.name,
      name: k.name,
    })));
    all.onerror = () => fail(all.error);
  };
}));

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });

/** The file reports' rows, as [file, accepted, duplicates, conflicts, rejected]. */
const reportRows = (page) => page.getByTestId('file-reports').locator('tbody tr')
  .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));

async function importFiles(page, paths, last) {
  await page.getByRole('tab', { name: en.import }).click();
  await page.getByLabel(/Import bundle files/).setInputFiles(paths);
  // Files are reported in their order: the last one's report ends the import.
  await page.getByTestId('file-reports').locator('tbody tr', { hasText: last }).waitFor();
  return Object.fromEntries((await reportRows(page)).map(([file, ...rest]) => [file, rest]));
}

/** The Encryption tab at 360 px: no sideways scroll, no axe violation. */
async function checkTab(page, where) {
  await page.setViewportSize({ width: 360, height: 740 });
  assert.equal(await sideways(page), false, `${where}: scrolls sideways at 360 px`);
  assert.deepEqual(await axeViolations(page), [], where);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('the secretariat creates its key, publishes it, and imports what was sealed for it', async (t) => {
  const { server, page } = await openApp(t);
  await page.goto(`${server.url}secretariat/`);
  assert.match(await page.getByLabel(/Import bundle files/).getAttribute('accept'), /\.gcm-encrypted/);
  await page.getByRole('tab', { name: en.encryption }).click();
  const panel = page.getByRole('tabpanel', { name: en.encryption });
  // The warning is there before anything is done, and no key is shown yet.
  await panel.getByText(en.key_loss).waitFor();
  assert.ok(await panel.getByText(en.key_intro).isVisible());
  assert.equal(await page.getByTestId('device-key').isVisible(), false);
  await checkTab(page, 'Encryption tab without a key');

  const making = panel.getByRole('region', { name: en.encryption });
  const pass = making.getByLabel(en.passphrase, { exact: true });
  const again = making.getByLabel(en.passphrase_again, { exact: true });
  const create = making.getByRole('button', { name: en.create_key });
  assert.equal(await making.getByLabel(en.key_name).inputValue(), en.key_name_default);
  // Too short: said beside the passphrase, tied to it, announced; the keyboard is taken there.
  await pass.fill('short');
  await again.fill('short');
  await create.click();
  await panel.getByRole('alert').filter({ hasText: en.passphrase_short }).waitFor();
  assert.ok((await description(pass)).includes(en.passphrase_short));
  assert.equal(await pass.getAttribute('aria-invalid'), 'true');
  assert.ok(await pass.evaluate((e) => e === document.activeElement));
  assert.ok((await description(pass)).includes(en.passphrase_rule), 'the rule is the field\'s hint');
  // Not the same twice: said beside the second.
  await pass.fill(PASSPHRASE);
  await again.fill(`${PASSPHRASE}.`);
  await again.press('Enter');
  await panel.getByRole('alert').filter({ hasText: en.passphrase_differ }).waitFor();
  assert.ok((await description(again)).includes(en.passphrase_differ));
  assert.equal(await pass.getAttribute('aria-invalid'), 'false');

  // Made: the backup is downloaded; "Working…" meanwhile, the button disabled.
  await again.fill(PASSPHRASE);
  const started = Date.now();
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await create.click();
  await making.getByRole('status').filter({ hasText: en.working }).waitFor();
  assert.equal(await create.isDisabled(), true, 'one key at a time');
  const download = await downloading;
  const tookToBackup = Date.now() - started;
  await panel.getByText(en.key_created).waitFor();
  const tookToKey = Date.now() - started;
  console.log(`key pair, backup locked (PBKDF2 600,000) and downloaded in ${tookToBackup} ms; stored in ${tookToKey} ms`);
  assert.equal(await create.isDisabled(), false);
  assert.equal(await pass.inputValue(), '', 'the passphrase is not left in the field');
  assert.match(download.suggestedFilename(), /^secretariat-key_[0-9a-f]{8}\.gcm-key$/);
  made.backup = join(work, download.suggestedFilename());
  await download.saveAs(made.backup);
  const backup = readFileSync(made.backup);
  assert.equal(backup.subarray(0, 6).toString('latin1'), 'GCMPWD');
  assert.deepEqual([...backup.subarray(6, 9)], [1, 1, 1], 'version 1, the secretariat\'s key, PBKDF2-HMAC-SHA256');
  assert.equal(backup.readUInt32BE(9), 600_000);

  // This device's key: its name and fingerprint, short and whole; the public key file and link.
  const shown = page.getByRole('region', { name: en.this_device_key });
  await shown.waitFor();
  assert.match(await shown.textContent(), new RegExp(en.key_name_default));
  const [keyFile] = await Promise.all([page.waitForEvent('download'), shown.getByRole('button', { name: en.download_key_file }).click()]);
  assert.equal(keyFile.suggestedFilename(), 'public-key.json');
  made.publicKey = join(work, 'public-key.json');
  await keyFile.saveAs(made.publicKey);
  const key = JSON.parse(readFileSync(made.publicKey, 'utf8'));
  assert.deepEqual(Object.keys(key), ['format', 'format_version', 'name', 'algorithm', 'spki', 'fingerprint']);
  assert.equal(key.format, 'gcm-review-public-key');
  assert.equal(key.name, en.key_name_default);
  const spki = Buffer.from(key.spki, 'base64');
  const fingerprint = createHash('sha256').update(spki).digest('hex');
  assert.equal(key.fingerprint, fingerprint);
  made.short = fingerprint.slice(0, 16).match(/.{4}/g).join(' ');
  assert.ok((await shown.textContent()).includes(made.short), 'the short fingerprint is shown');
  assert.ok((await shown.textContent()).includes(fingerprint), 'and the whole one');
  assert.equal(download.suggestedFilename(), `secretariat-key_${fingerprint.slice(0, 8)}.gcm-key`);
  const link = await shown.getByLabel(en.key_link).inputValue();
  assert.equal(link, `${server.url}transfer/#/key/${spki.toString('base64url')}?name=${encodeURIComponent(en.key_name_default)}`);
  await shown.getByRole('button', { name: en.copy_link }).click();
  await shown.getByText(en.copied).waitFor();

  // Stored as a CryptoKey that cannot be exported, for decrypting only; no PKCS#8 beside it.
  const stored = await storedKeys(page);
  assert.deepEqual(stored, [{
    members: ['added', 'name', 'private', 'spki'], isCryptoKey: true, extractable: false, type: 'private',
    usages: ['decrypt'], algorithm: 'RSA-OAEP', name: en.key_name_default,
  }]);
  await checkTab(page, 'Encryption tab with a key');

  // The backup and its passphrase open, outside the app, an envelope sealed for the published key.
  made.sealed = join(work, '01_annex1_two_countries.gcm-encrypted');
  execFileSync('python3', ['tests/seal_envelope.py', 'seal', made.publicKey, bundle, made.sealed]);
  const opened = run('python3', ['scripts/decrypt_envelope.py', '--backup', made.backup, made.sealed, '-o', join(work, 'opened.zip')], { GCM_PASSPHRASE: PASSPHRASE });
  assert.equal(opened.status, 0, opened.stderr);
  assert.deepEqual(readFileSync(join(work, 'opened.zip')), readFileSync(bundle));

  // Refused, each with its reason, nothing imported: for another key, altered, cut short.
  const other = join(work, 'other');
  mkdirSync(other);
  execFileSync('python3', ['tests/seal_envelope.py', 'keygen', other]);
  const otherSpki = readFileSync(join(other, 'public.spki'));
  const otherFingerprint = createHash('sha256').update(otherSpki).digest('hex');
  writeFileSync(join(other, 'key.json'), JSON.stringify({
    format: 'gcm-review-public-key', format_version: 1, name: 'Another secretariat', algorithm: 'RSA-OAEP-3072-SHA-256',
    spki: otherSpki.toString('base64'), fingerprint: otherFingerprint,
  }, null, 2));
  const forOther = join(work, 'for_another_key.gcm-encrypted');
  execFileSync('python3', ['tests/seal_envelope.py', 'seal', join(other, 'key.json'), bundle, forOther]);
  const sealed = readFileSync(made.sealed);
  const altered = Buffer.from(sealed);
  altered[446 + 100] ^= 1; // a byte of the ciphertext (the header is 446 bytes)
  writeFileSync(join(work, 'altered.gcm-encrypted'), altered);
  writeFileSync(join(work, 'cut.gcm-encrypted'), sealed.subarray(0, sealed.length - 10));
  const refused = await importFiles(page, [forOther, join(work, 'altered.gcm-encrypted'), join(work, 'cut.gcm-encrypted')], 'cut.gcm-encrypted');
  const otherShort = otherFingerprint.slice(0, 16).match(/.{4}/g).join(' ');
  const why = {
    'for_another_key.gcm-encrypted': [sealedMessage.another_key, otherShort, made.short],
    'altered.gcm-encrypted': [sealedMessage.altered],
    'cut.gcm-encrypted': [sealedMessage.damaged],
  };
  for (const [file, [template, ...named]] of Object.entries(why)) {
    assert.deepEqual(refused[file].slice(0, 3), ['0', '0', '0'], file);
    for (const part of [`“${file}”`, ...fragments(template), ...named]) {
      assert.ok(refused[file][3].includes(part), `${file}: “${part}” in “${refused[file][3]}”`);
    }
  }
  await page.getByTestId('collection-count').filter({ hasText: /^0 records/ }).waitFor();

  // The envelope made for this key: its bundle's two records, reported under its own name.
  const accepted = await importFiles(page, [made.sealed], '01_annex1_two_countries.gcm-encrypted');
  assert.deepEqual(accepted['01_annex1_two_countries.gcm-encrypted'], ['2', '0', '0', '']);
  await page.getByTestId('collection-count').filter({ hasText: /^2 records/ }).waitFor();
});

test('another browser: no key refuses; a wrong passphrase restores nothing, the right one the key', async (t) => {
  assert.ok(made.backup && made.sealed, 'the first test made the key backup and the envelope');
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page } = browser;
  await page.goto(`${server.url}secretariat/`);
  await page.getByTestId('collection-count').filter({ hasText: /^0 records/ }).waitFor();

  // No key on this device: refused, and said how to get one.
  const none = await importFiles(page, [made.sealed], '01_annex1_two_countries.gcm-encrypted');
  const noKey = none['01_annex1_two_countries.gcm-encrypted'];
  assert.deepEqual(noKey.slice(0, 3), ['0', '0', '0']);
  for (const part of fragments(sealedMessage.no_key)) assert.ok(noKey[3].includes(part), `“${part}” in “${noKey[3]}”`);
  await page.getByTestId('collection-count').filter({ hasText: /^0 records/ }).waitFor();

  await page.getByRole('tab', { name: en.encryption }).click();
  const panel = page.getByRole('tabpanel', { name: en.encryption });
  const restoring = panel.getByRole('region', { name: en.restore_key });
  const file = restoring.getByLabel(en.key_backup_file);
  const pass = restoring.getByLabel(en.passphrase, { exact: true });
  const restore = restoring.getByRole('button', { name: en.restore, exact: true });
  assert.equal(await file.getAttribute('accept'), '.gcm-key');
  // Another kind of file is said at once, beside the file input.
  await file.setInputFiles(made.sealed);
  await panel.getByRole('alert').filter({ hasText: locales.en.key_error.not_locked }).waitFor();
  assert.equal(await description(file), locales.en.key_error.not_locked);

  // A wrong passphrase: said beside it, nothing stored.
  await file.setInputFiles(made.backup);
  assert.equal(await description(file), '');
  await pass.fill('tres tristes tigres tragan trig0');
  await restore.click();
  await panel.getByRole('alert').filter({ hasText: en.wrong_passphrase }).waitFor();
  assert.equal(await description(pass), en.wrong_passphrase);
  assert.ok(await pass.evaluate((e) => e === document.activeElement));
  assert.deepEqual(await storedKeys(page), []);
  assert.equal(await page.getByTestId('device-key').isVisible(), false);

  // The right one: the key is back, the same, still not extractable; the envelope imports.
  await pass.fill(PASSPHRASE);
  const started = Date.now();
  await restore.click();
  await panel.getByText(en.key_restored).waitFor();
  console.log(`key backup opened (PBKDF2 600,000), imported and stored in ${Date.now() - started} ms`);
  await page.getByRole('region', { name: en.this_device_key }).filter({ hasText: made.short }).waitFor();
  const stored = await storedKeys(page);
  assert.equal(stored.length, 1);
  assert.deepEqual([stored[0].isCryptoKey, stored[0].extractable, stored[0].usages], [true, false, ['decrypt']]);
  // The same file name as the refused import's row: the rows are read once the records are in.
  await importFiles(page, [made.sealed], '01_annex1_two_countries.gcm-encrypted');
  await page.getByTestId('collection-count').filter({ hasText: /^2 records/ }).waitFor();
  const back = Object.fromEntries((await reportRows(page)).map(([file, ...rest]) => [file, rest]));
  assert.deepEqual(back['01_annex1_two_countries.gcm-encrypted'], ['2', '0', '0', '']);
});

test('a browser without WebCrypto is told so, and offers nothing it cannot do', async (t) => {
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page } = browser;
  // What a page served over plain http from another machine gets: no `crypto.subtle`.
  await page.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined }));
  await page.goto(`${server.url}secretariat/`);
  await page.getByRole('tab', { name: en.encryption }).click();
  const panel = page.getByRole('tabpanel', { name: en.encryption });
  await panel.getByRole('alert').filter({ hasText: en.no_webcrypto }).waitFor();
  assert.ok(await panel.getByText(en.key_loss).isVisible());
  assert.equal(await panel.getByRole('button', { name: en.create_key }).count(), 0);
  assert.equal(await panel.getByRole('button', { name: en.restore, exact: true }).count(), 0);
});
