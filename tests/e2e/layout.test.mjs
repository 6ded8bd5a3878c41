// Phones and laptops: no screen scrolls sideways at 320, 360 and 1,280 px, every screen passes
// axe-core's WCAG 2.x A/AA rules at each width (and the statistics can be read at each), what a finger presses is 44 × 44 px at least,
// and the long lists and tallies work from the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, axeViolations } from './helpers.mjs';
import { loadForm, locales } from './forms.mjs';

const en = locales.en.ui;
const bundles = join(process.cwd(), 'target', 'e2e-bundles');
const sizes = [[320, 640], [360, 740], [1280, 800]];

/** Whether the page scrolls sideways, and what sticks out if it does. */
const sideways = (page) => page.evaluate(() => {
  const { scrollWidth, clientWidth } = document.documentElement;
  if (scrollWidth <= clientWidth) return null;
  return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > clientWidth + 1)
    .slice(0, 3).map((e) => `${e.tagName}.${e.className}`).join(', ');
});

/**
 * What the statistics show that cannot be read: a count column's heading (one word, as in every
 * language) cut over lines, a chart whose words are drawn under 10 px.
 */
const statisticsUnreadable = (page) => page.evaluate(() => {
  const cut = [...document.querySelectorAll('.stat thead th:last-child')].filter((th) => {
    const words = document.createRange();
    words.selectNodeContents(th);
    return new Set([...words.getClientRects()].map((r) => Math.round(r.top))).size > 1;
  }).map((th) => `heading cut: ${th.textContent}`);
  const small = [...document.querySelectorAll('.stat svg text')].filter((e) => e.getBoundingClientRect().height < 10)
    .slice(0, 1).map((e) => `chart words under 10 px: ${e.textContent}`);
  return [...cut, ...small];
});

test('every screen fits 320, 360 and 1,280 px and passes axe at each', async (t) => {
  const { server, page } = await openApp(t);
  // Records for the screens that show them: a response of each form, a collection at the secretariat.
  const records = {};
  for (const form of ['annex1', 'stakeholder_report', 'consultation_session']) {
    await page.goto(server.url);
    await page.getByTestId(`start-${form}`).click();
    await page.getByRole('heading', { level: 1, name: loadForm(form).title.en }).waitFor();
    records[form] = page.url().split('#/r/')[1];
  }
  await page.getByTestId('add-child').click();
  await page.getByRole('heading', { level: 1, name: loadForm('participant_input').title.en }).waitFor();
  records.participant_input = page.url().split('#/r/')[1];
  // An input left untouched is not kept: give it words.
  await page.getByLabel(loadForm('participant_input').item('statement').label.en, { exact: true }).fill('Acceso a salud.');
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  await page.goto(`${server.url}secretariat/`);
  await page.getByLabel(/Import bundle files/).setInputFiles(readdirSync(bundles).filter((f) => /\.(zip|json)$/.test(f)).map((f) => join(bundles, f)));
  await page.getByTestId('collection-count').filter({ hasText: /^6 records/ }).waitFor();

  const screens = [
    ['home', '', en.forms],
    ...Object.entries(records).map(([form, id]) => [form, `#/r/${id}`, loadForm(form).title.en]),
    ['print', `#/r/${records.annex1}/print`, loadForm('annex1').title.en],
    ['blank form', '#/blank/stakeholder_report', loadForm('stakeholder_report').title.en],
    ['one response\'s downloads', `transfer/#/export/${records.annex1}`, en.transfer],
    ['export page', 'transfer/', en.transfer],
    ['secretariat', 'secretariat/', en.secretariat],
    ['report', 'report/', en.workbench_title],
  ];
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    for (const [name, path, heading] of screens) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      const tabs = name === 'secretariat' ? [en.import, en.records, en.statistics, en.links, en.encryption] : [null];
      for (const tab of tabs) {
        if (tab) await page.getByRole('tab', { name: tab }).click();
        if (tab === en.records) await page.locator('.rows .row').first().click();
        // The rapporteur's page with a cell open: its answers and their controls checked too.
        if (name === 'report') await page.getByTestId('findings-grid').getByRole('button').first().click();
        const where = `${name}${tab ? ` (${tab})` : ''} at ${width} px`;
        assert.equal(await sideways(page), null, `${where} scrolls sideways`);
        if (tab === en.statistics) assert.deepEqual(await statisticsUnreadable(page), [], where);
        assert.deepEqual(await axeViolations(page), [], where);
      }
    }
  }
});

test('on a phone, what a finger presses on the form page is 44 × 44 px at least', async (t) => {
  const { server, page } = await openApp(t);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(server.url);
  await page.getByTestId('start-consultation_session').click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main .option, main .actions a, main .back a, main select, main input:not([type=radio]):not([type=checkbox])')]
    .filter((e) => e.offsetParent !== null)
    .map((e) => [e.tagName + (e.textContent ? `: ${e.textContent.trim().slice(0, 30)}` : ''), e.getBoundingClientRect()])
    .filter(([, r]) => r.width < 44 || r.height < 44)
    .map(([what, r]) => `${what} ${Math.round(r.width)}×${Math.round(r.height)}`));
  assert.deepEqual(small, []);
});

test('a long list by keyboard: type "per", press Enter, Peru is chosen; a chip removes it', async (t) => {
  const form = loadForm('annex1');
  const { server, page } = await openApp(t);
  await page.goto(server.url);
  await page.getByTestId('start-annex1').click();
  const country = page.getByRole('group', { name: form.item('country').label.en, exact: true });
  // A new response starts in its first field: the country's filter box.
  await page.waitForFunction(() => document.activeElement?.id === 'q-country-filter');
  await page.keyboard.type('per');
  assert.equal(await country.getByRole('radio').filter({ visible: true }).count(), 1, 'the list shows what holds "per"');
  await page.keyboard.press('Enter');
  assert.ok(await country.getByLabel('Peru', { exact: true }).isChecked());
  assert.equal(await country.getByRole('radio').filter({ visible: true }).count(), 47, 'the filter is cleared');
  await country.getByRole('button', { name: 'Remove: Peru' }).click();
  assert.equal(await country.locator('input:checked').count(), 0);
  // Several at once in a multiple choice: the stakeholder report's countries of work.
  const report = loadForm('stakeholder_report');
  await page.goto(server.url);
  await page.getByTestId('start-stakeholder_report').click();
  const work = page.getByRole('group', { name: report.item('org_countries').label.en, exact: true });
  for (const letters of ['chil', 'urug', 'haï']) {
    await work.getByRole('searchbox').fill(letters);
    await work.getByRole('searchbox').press('Enter');
  }
  assert.deepEqual(await work.getByRole('list', { name: en.chosen }).getByRole('button').allTextContents(), ['Chile ×', 'Haiti ×', 'Uruguay ×'], 'in the list\'s order');
});

test('a tally filled by keyboard: one count after another, the total always shown', async (t) => {
  const form = loadForm('consultation_session');
  const { server, page } = await openApp(t);
  await page.goto(server.url);
  await page.getByTestId('start-consultation_session').click();
  const tally = page.getByRole('group', { name: form.item('attendance_by_gender').label.en, exact: true });
  const first = tally.getByRole('spinbutton').first();
  await first.focus();
  for (const n of ['12', '9', '2']) {
    await page.keyboard.type(n);
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.getByTestId('total-attendance_by_gender').textContent(), 'Total: 23');
  assert.equal(await tally.getByRole('spinbutton').first().getAttribute('inputmode'), 'numeric');
  // The inputs line up in one column.
  const lefts = await tally.getByRole('spinbutton').evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().left)));
  assert.equal(new Set(lefts).size, 1, `one column: ${lefts}`);
});

test('a long form has its contents with each section\'s state, and goes to the next unanswered question', async (t) => {
  const form = loadForm('annex1');
  const { server, page } = await openApp(t);
  await page.goto(server.url);
  await page.getByTestId('start-annex1').click();
  const contents = page.getByRole('navigation', { name: en.contents });
  const respondent = contents.getByRole('listitem').filter({ hasText: form.sections[0].title.en });
  assert.match(await respondent.textContent(), /5 to answer/);
  const next = page.getByRole('button', { name: en.next_unanswered });
  await next.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q-country-filter');
  await page.keyboard.type('chile');
  await page.keyboard.press('Enter');
  await next.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q-institution');
  await page.getByLabel(form.item('institution').label.en, { exact: true }).fill('Ministerio');
  assert.match(await respondent.textContent(), /3 to answer/);
  // A section's link takes the focus there, and the page stays on the form.
  const url = page.url();
  await contents.getByRole('link', { name: form.sections[3].title.en }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), `s-${form.sections[3].id}`);
  assert.equal(page.url(), url);
});

test('on a phone, a field reached by its link, by opening the form or by Shift+Tab is not under the sticky save bar', async (t) => {
  const { server, page } = await openApp(t);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(server.url);
  await page.getByTestId('start-annex1').click();
  // Where the focused control and the label of its question are, and where the bar ends.
  const placed = () => page.evaluate(() => {
    const focused = document.activeElement;
    const question = focused.closest('fieldset, .question');
    const title = question.querySelector('legend, label');
    return {
      id: focused.id,
      bar: document.querySelector('.status-bar').getBoundingClientRect().bottom,
      field: focused.getBoundingClientRect().top,
      label: title.getBoundingClientRect().top,
    };
  });
  // The form opens with the first question's field focused (scrolled to, below the contents).
  await page.waitForFunction(() => document.activeElement?.id === 'q-country-filter');
  let at = await placed();
  assert.ok(at.label >= at.bar, `the first question's label (${at.label} px) is under the bar (to ${at.bar} px)`);
  // Shift+Tab from a field whose previous field is above the screen: the browser scrolls up to it.
  const ids = await page.evaluate(() => [...document.querySelectorAll('main textarea')].map((e) => e.id));
  await page.evaluate((id) => {
    const el = document.getElementById(id);
    scrollTo(0, el.getBoundingClientRect().top + scrollY - 80);
    el.focus({ preventScroll: true });
  }, ids[3]);
  await page.keyboard.press('Shift+Tab');
  at = await placed();
  assert.notEqual(at.id, ids[3]);
  assert.ok(at.field >= at.bar, `${at.id} (at ${at.field} px) is under the bar (to ${at.bar} px)`);
  assert.ok(at.label >= at.bar - 24, `${at.id}'s label (at ${at.label} px) is hidden under the bar (to ${at.bar} px)`);
  // The error summary's link to a field: the field and the end of its label below the bar.
  await page.getByTestId('complete').click();
  await page.getByTestId('error-summary').getByRole('link').nth(2).click();
  at = await placed();
  assert.ok(at.field >= at.bar, `${at.id} (at ${at.field} px) is under the bar (to ${at.bar} px)`);
});
