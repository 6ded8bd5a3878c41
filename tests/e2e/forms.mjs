// Reads the form definitions as the app does (choices resolved from the shared lists), and
// answers questions the way a person finds them: by their label.
import { readFileSync } from 'node:fs';

const read = (name) => JSON.parse(readFileSync(new URL(`../../forms/${name}.json`, import.meta.url)));
const lists = read('reference');

/** The form `id` with every item's choices resolved; `item(id)` finds any item, nested too. */
export function loadForm(id) {
  const form = read(id);
  const resolve = (item) => {
    item.choices = [...(item.choices ?? []), ...(item.choice_list ? lists[item.choice_list] : [])];
    if (item.kind === 'yes_no' && !item.choices.length) {
      item.choices = [{ value: 'yes', label: { en: 'Yes' } }, { value: 'no', label: { en: 'No' } }];
    }
    (item.items ?? []).forEach(resolve);
  };
  form.sections.forEach((s) => s.items.forEach(resolve));
  const all = form.sections.flatMap((s) => s.items.flatMap((i) => [i, ...(i.items ?? [])]));
  form.item = (itemId) => all.find((i) => i.id === itemId) ?? assertNever(itemId);
  form.section = (itemId) => form.sections.find((s) => s.items.some((i) => i.id === itemId || (i.items ?? []).some((c) => c.id === itemId)));
  return form;
}

function assertNever(id) { throw new Error(`no item ${id}`); }

const label = (x) => x.label.en;

/**
 * Answers `item` inside `scope` (a page or a locator): text is typed, a long list is a select,
 * short lists are radios or checkboxes found by their own labels. `value` is text or codes.
 */
export async function answer(scope, item, value) {
  const codes = [value].flat();
  const choiceLabel = (code) => label(item.choices.find((c) => c.value === code) ?? assertNever(code));
  switch (item.kind) {
    case 'single_choice':
      if (item.choices.length > 6) return scope.getByLabel(label(item), { exact: true }).selectOption(value);
    // falls through: a short list is a radio group
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
