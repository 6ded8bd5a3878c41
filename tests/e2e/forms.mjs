// Reads the form definitions as the app does (choices resolved from the shared lists, words
// from locales/<code>.json), and answers questions the way a person finds them: by their label.
import { readFileSync, readdirSync } from 'node:fs';

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url)));
const lists = read('forms/reference.json');

/** Every language's texts: `{en: {...}, es: {...}, …}`, as in locales/. */
export const locales = Object.fromEntries(
  readdirSync(new URL('../../locales/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -5), read(`locales/${f}`)]),
);
export const languages = Object.keys(locales);

/** `{en: …, es: …}` of the text at `path` (dotted) in every language; undefined where absent. */
export function words(path) {
  const at = (o) => path.split('.').reduce((x, k) => (x == null ? x : x[k]), o);
  return Object.fromEntries(languages.map((l) => [l, at(locales[l])]));
}

/**
 * The form `id` with its words attached as the app shows them (`title`, `intro`, each item's
 * `label`, `hint` and choices' `label`, as `{en, es, pt, fr}`); `item(id)` finds any item,
 * nested too.
 */
export function loadForm(id) {
  const form = read(`forms/${id}.json`);
  const base = `forms.${id}`;
  form.title = words(`${base}.title`);
  form.intro = words(`${base}.intro`);
  const resolve = (item) => {
    const key = `${base}.items.${item.id}`;
    item.label = words(`${key}.label`);
    item.hint = words(`${key}.hint`);
    item.choices = (item.choices ?? []).map((c) => ({ ...c, label: words(`${key}.choices.${c.value}`) }));
    if (item.choice_list) item.choices.push(...lists[item.choice_list].map((c) => ({ ...c, label: words(`lists.${item.choice_list}.${c.value}`) })));
    if (item.kind === 'yes_no' && !item.choices.length) {
      item.choices = ['yes', 'no'].map((value) => ({ value, label: words(`lists.yes_no.${value}`) }));
    }
    (item.items ?? []).forEach(resolve);
  };
  form.sections.forEach((s) => {
    s.title = words(`${base}.sections.${s.id}.title`);
    s.items.forEach(resolve);
  });
  const all = form.sections.flatMap((s) => s.items.flatMap((i) => [i, ...(i.items ?? [])]));
  form.item = (itemId) => all.find((i) => i.id === itemId) ?? assertNever(itemId);
  form.section = (itemId) => form.sections.find((s) => s.items.some((i) => i.id === itemId || (i.items ?? []).some((c) => c.id === itemId)));
  return form;
}

function assertNever(id) { throw new Error(`no item ${id}`); }

const label = (x) => x.label.en;

/**
 * Answers `item` inside `scope` (a page or a locator): text is typed; options, in short lists
 * and long ones (a filter box above them) alike, are radios or checkboxes found by their own
 * labels. `value` is text or codes.
 */
export async function answer(scope, item, value) {
  const codes = [value].flat();
  const choiceLabel = (code) => label(item.choices.find((c) => c.value === code) ?? assertNever(code));
  switch (item.kind) {
    case 'single_choice':
    case 'yes_no':
    case 'multiple_choice': {
      const group = scope.getByRole('group', { name: label(item), exact: true });
      for (const code of codes) await group.getByLabel(choiceLabel(code), { exact: true }).first().check();
      return;
    }
    case 'tally': {
      const group = scope.getByRole('group', { name: label(item), exact: true });
      for (const [code, n] of Object.entries(value)) await group.getByLabel(choiceLabel(code), { exact: true }).fill(String(n));
      return;
    }
    default:
      return scope.getByLabel(label(item), { exact: true }).fill(value);
  }
}

/** The section of the page that holds `itemId` (labels repeat across sections). */
export const sectionOf = (page, form, itemId) => page.locator(`#s-${form.section(itemId).id}`);
