// Every language of the region on every screen: the browser's language on a first visit, the
// switch re-drawing each screen at once with no English left and typed text kept, switching
// offline, and axe-core's WCAG A/AA rules in each language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, waitForServiceWorker, axeViolations } from './helpers.mjs';
import { loadForm, locales, languages } from './forms.mjs';

const form = loadForm('annex1');
const institution = form.item('institution');
const ui = (lang, key) => locales[lang].ui[key];

/** The English UI strings a screen in `lang` must not show (those its translation keeps as they are excepted). */
function english(lang) {
  const out = [];
  for (const section of ['ui', 'stats']) {
    for (const [key, text] of Object.entries(locales.en[section])) {
      if (locales[lang][section][key] === text) continue;
      // A placeholder splits a text into fragments, each of which must not show.
      out.push(...text.split(/\{[a-z_]+\}/).map((f) => f.trim()).filter((f) => f.length > 3));
    }
  }
  return [...new Set(out)];
}

/** What the screen says: its visible text and the names given to controls. */
async function screenText(page) {
  return page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))].join('\n'));
}

async function assertNoEnglish(page, lang, where) {
  const text = await screenText(page);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const left = english(lang).filter((s) => new RegExp(`(?<!\\p{L})${escape(s)}(?!\\p{L})`, 'u').test(text));
  assert.deepEqual(left, [], `${where} in ${lang} still shows English`);
}

async function switchTo(page, lang) {
  await page.getByRole('combobox', { name: /Language|Idioma|Langue/ }).selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

test('a first visit follows the browser: pt-BR opens in Portuguese, fr-HT in French, de in English', async (t) => {
  const server = await startServer('dist');
  t.after(() => server.stop());
  for (const [locale, lang] of [['pt-BR', 'pt'], ['fr-HT', 'fr'], ['de-DE', 'en']]) {
    const browser = await launchBrowser({ locale });
    try {
      await browser.page.goto(server.url);
      await browser.page.getByRole('heading', { level: 1, name: ui(lang, 'forms') }).waitFor();
      assert.equal(await browser.page.evaluate(() => document.documentElement.lang), lang, locale);
      assert.equal(await browser.page.title(), ui(lang, 'app_title'));
    } finally {
      await browser.close();
    }
  }
});

test('every screen switches language at once, with no English left, typed text kept and no axe violation', async (t) => {
  const { server, page } = await openApp(t);
  const screens = [
    { name: 'home', open: async () => page.goto(server.url), heading: (l) => ui(l, 'forms') },
    {
      name: 'form page',
      open: async () => {
        await page.goto(server.url);
        await page.getByTestId('start-annex1').click();
        await page.getByLabel(institution.label.en, { exact: true }).fill('Secretaría Nacional de Migración');
      },
      heading: (l) => form.title[l],
      check: async (l) => assert.equal(await page.getByLabel(institution.label[l], { exact: true }).inputValue(), 'Secretaría Nacional de Migración'),
    },
    { name: 'export page', open: async () => page.goto(new URL('transfer/', server.url).href), heading: (l) => ui(l, 'transfer') },
    { name: 'secretariat page', open: async () => page.goto(new URL('secretariat/', server.url).href), heading: (l) => ui(l, 'secretariat') },
    {
      name: 'secretariat\'s encryption tab',
      open: async () => {
        await page.goto(new URL('secretariat/', server.url).href);
        await page.getByRole('tab', { name: ui('en', 'encryption') }).click();
      },
      heading: (l) => ui(l, 'secretariat'),
      check: async (l) => assert.equal(await page.getByLabel(ui(l, 'key_name')).inputValue(), ui(l, 'key_name_default')),
    },
    { name: 'report page', open: async () => page.goto(new URL('report/', server.url).href), heading: (l) => ui(l, 'workbench_title') },
  ];
  for (const screen of screens) {
    await screen.open();
    await page.getByRole('heading', { level: 1, name: screen.heading('en') }).waitFor();
    for (const lang of [...languages.filter((l) => l !== 'en'), 'en']) {
      await switchTo(page, lang);
      await page.getByRole('heading', { level: 1, name: screen.heading(lang), exact: true }).waitFor();
      if (lang !== 'en') await assertNoEnglish(page, lang, screen.name);
      if (screen.check) await screen.check(lang);
      assert.deepEqual(await axeViolations(page), [], `${screen.name} in ${lang}`);
    }
  }
});

test('switching mid-edit keeps the typed text and the choice is remembered', async (t) => {
  const { server, page } = await openApp(t);
  await page.getByTestId('start-annex1').click();
  await page.getByLabel(institution.label.en, { exact: true }).fill('Dirección de Migración y Extranjería');
  // No wait for the autosave: the switch must not drop an edit still in memory.
  await switchTo(page, 'es');
  await page.getByRole('heading', { level: 1, name: form.title.es }).waitFor();
  assert.equal(await page.getByLabel(institution.label.es, { exact: true }).inputValue(), 'Dirección de Migración y Extranjería');
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  await page.reload();
  assert.equal(await page.getByLabel(institution.label.es, { exact: true }).inputValue(), 'Dirección de Migración y Extranjería');
  await page.getByRole('link', { name: new RegExp(ui('es', 'home')) }).click();
  await page.getByTestId('drafts').getByText(/Dirección de Migración y Extranjería/).waitFor();
  // Another page of the app opens in the chosen language.
  await page.goto(new URL('secretariat/', server.url).href);
  await page.getByRole('heading', { level: 1, name: ui('es', 'secretariat') }).waitFor();
});

test('with the server stopped, switching to French works after one visit', async (t) => {
  const { server, page } = await openApp(t);
  await waitForServiceWorker(page);
  // The worker precached every language at install.
  await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('gcm-')));
    const locales = (await cache.keys()).filter((r) => r.url.includes('/locales/'));
    if (locales.length < 4) throw new Error(`${locales.length} languages precached`);
  });
  await server.stop();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: ui('en', 'forms') }).waitFor();
  await switchTo(page, 'fr');
  await page.getByRole('heading', { level: 1, name: ui('fr', 'forms') }).waitFor();
  await page.getByTestId('start-annex1').click();
  await page.getByRole('heading', { level: 1, name: form.title.fr }).waitFor();
});
