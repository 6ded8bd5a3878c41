// A new version of the app while a tab is open: neither an upgrade of the database by a newer
// build in another tab nor a new service worker pulls the page out from under the person. The
// page saves first, and reloads only when the person says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHONE, launchBrowser, openNewResponse, shot, startServer, waitForServiceWorker } from './helpers.mjs';
import { loadForm, locales } from './forms.mjs';

const en = locales.en;
const annex1 = loadForm('annex1');
const label = (id) => annex1.item(id).label.en;
const SCHEMA_VERSION = 2;

test('a newer build upgrading the database from another tab: the old tab saves, lets go and asks to reload; nothing is lost', async (t) => {
  const { browser, page, server } = await openNewResponse(t, 'annex1', annex1.title.en);
  await page.setViewportSize(PHONE);
  const institution = page.getByLabel(label('institution'), { exact: true });
  await institution.fill('Ministerio del Interior');
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  // The newer build, in another tab, opens the database one version up, adding a store.
  const newer = await browser.context.newPage();
  await newer.goto(new URL('manifest.webmanifest', server.url).href);
  // The last words are typed just before the other tab asks: still waiting for their save
  // (the page writes 250 ms after typing stops), so only the page's answer to the other tab
  // can save them.
  await institution.fill('Ministerio del Interior — Dirección de Migraciones');
  assert.equal(await page.getByTestId('save-state').getAttribute('data-state'), 'pending');
  const opened = newer.evaluate((version) => new Promise((ok, fail) => {
    const open = indexedDB.open('gcm-collector', version);
    open.onupgradeneeded = () => open.result.createObjectStore('added_by_the_newer_build');
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction('drafts').objectStore('drafts').getAll();
      all.onsuccess = () => ok({ version: db.version, stores: [...db.objectStoreNames], drafts: all.result });
    };
    open.onerror = () => fail(open.error);
  }), SCHEMA_VERSION + 1);
  const result = await Promise.race([opened, new Promise((_, fail) => setTimeout(() => fail(new Error('the newer tab hangs')), 10_000))]);

  // The newer tab has its upgrade, and the old tab's last words were saved before it let go.
  assert.equal(result.version, SCHEMA_VERSION + 1);
  for (const store of ['drafts', 'collection', 'collection_set_aside', 'added_by_the_newer_build']) assert.ok(result.stores.includes(store), store);
  assert.equal(result.drafts.length, 1);
  assert.equal(result.drafts[0].answers.institution, 'Ministerio del Interior — Dirección de Migraciones');

  // The old tab does not hang: it says why and offers to reload, and the text is still there.
  const offer = page.getByRole('alert').filter({ hasText: en.store_error.superseded });
  await offer.waitFor();
  assert.ok(await offer.getByRole('button', { name: en.ui.reload }).isVisible());
  assert.equal(await offer.getByText(en.ui.update_ready).isVisible(), false);
  await shot(page, 'superseded');
  await assertFocusClearOf(page, page.getByTestId('reload-offer'));
  // Typing on is answered, not frozen: the save fails saying why, the text stays, a backup is offered.
  await institution.fill('Ministerio del Interior — DNM');
  await page.getByTestId('save-state').and(page.locator('[data-state=error]')).waitFor();
  assert.ok((await page.getByTestId('save-state').textContent()).includes(en.store_error.superseded));
  assert.ok(await page.getByRole('button', { name: en.ui.backup_button }).isVisible());
  assert.equal(await institution.inputValue(), 'Ministerio del Interior — DNM');
  await newer.close();
});

/**
 * Tabs through the page from where the focus is: no control it reaches is hidden under
 * `offer`, a notice kept at the bottom of the screen (WCAG 2.4.11; a tall text box may go on
 * under it, its first lines and the caret in view).
 */
async function assertFocusClearOf(page, offer) {
  const hidden = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const under = await offer.evaluate((o) => {
      const e = document.activeElement;
      if (e === document.body || o.contains(e)) return null;
      return e.getBoundingClientRect().top >= o.getBoundingClientRect().top ? `${e.tagName}#${e.id}` : null;
    });
    if (under) hidden.push(under);
  }
  assert.deepEqual(hidden, [], 'the focus went under the notice');
}

/** A copy of dist/ served, whose worker can be changed into a newer build's; removed after `t`. */
function copyOfDist(t) {
  const dir = mkdtempSync(join(tmpdir(), 'gcm-e2e-dist-'));
  cpSync('dist', dir, { recursive: true });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    // A newer build: another worker (its version changed), the same files.
    newWorker: () => {
      const path = join(dir, 'sw.js');
      const sw = readFileSync(path, 'utf8');
      const next = sw.replace(/(\bVERSION\s*=\s*)"([0-9a-f]+)"/, '$1"$2-next"');
      assert.notEqual(next, sw, 'the version was found');
      writeFileSync(path, next);
      // The precompressed copies are the old worker's, and the server prefers them.
      for (const suffix of ['.gz', '.br']) rmSync(path + suffix, { force: true });
    },
  };
}

test('a new service worker while typing: the page offers a reload and waits for the person; then it saves and reloads', async (t) => {
  const dist = copyOfDist(t);
  const server = await startServer(dist.dir);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page } = browser;
  await page.setViewportSize(PHONE);
  await page.goto(server.url);
  await waitForServiceWorker(page);
  await page.getByRole('button', { name: en.ui.start_form.replace('{form}', annex1.title.en) }).click();
  await page.getByRole('heading', { level: 1, name: annex1.title.en }).waitFor();
  const offer = page.getByTestId('reload-offer');
  assert.equal(await offer.isVisible(), false, 'no offer without a new version');

  const answer = page.getByLabel(label('collab_gaps'), { exact: true });
  await answer.click();
  let typed = 'Falta de datos comparables entre países; ';
  await page.keyboard.type(typed);
  // A marker that a reload would wipe.
  await page.evaluate(() => { window.stillTheSamePage = true; });

  dist.newWorker();
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  // The person goes on typing while the new worker installs.
  for (const words of ['la movilidad laboral ', 'y los retornos ', 'necesitan mesas binacionales. ']) {
    await page.keyboard.type(words);
    typed += words;
  }
  await offer.getByText(en.ui.update_ready).waitFor();
  assert.equal(await offer.getByRole('button', { name: en.ui.reload }).isVisible(), true);
  await shot(page, 'update-ready');
  // The keyboard reaches it from the top of the page, after the language switch.
  await page.getByLabel(en.ui.language).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), en.ui.reload);
  await answer.focus();

  // Offered, never forced: seconds of typing later, the same page, the same text.
  for (const words of ['Segunda idea: ', 'formación conjunta ', 'de funcionarios.']) {
    await page.keyboard.type(words);
    typed += words;
    await page.waitForTimeout(500);
  }
  assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'the page was not reloaded');
  assert.equal(await answer.inputValue(), typed);

  // The last words, typed just before the click, are saved, then the page reloads.
  await page.keyboard.type(' Fin.');
  typed += ' Fin.';
  // By keyboard: the focus is on the button and Enter presses it.
  await offer.getByRole('button', { name: en.ui.reload }).press('Enter');
  await page.waitForFunction(() => !window.stillTheSamePage);
  await page.getByRole('heading', { level: 1, name: annex1.title.en }).waitFor();
  assert.equal(await page.getByLabel(label('collab_gaps'), { exact: true }).inputValue(), typed);
  // The new worker took over, with its cache alone, and offers nothing more.
  await waitForServiceWorker(page);
  const names = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('gcm-')));
  assert.deepEqual(names.length, 1);
  assert.match(names[0], /-next$/);
  assert.equal(await page.getByTestId('reload-offer').isVisible(), false);
});
