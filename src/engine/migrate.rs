//! A draft begun under an earlier version of its form, brought to a newer one
//! (`docs/form-versions.md`): each answer the newer version still asks in the same way carries
//! over; every other answer is set aside, with the version and place it was given in, so the
//! person can read it and copy it into the new question. Nothing is dropped.

use super::answers::{Answers, Instance, Value};
use super::def::{FormDef, ItemDef, ItemKind};
use crate::i18n::Catalog;

/// Why an answer did not carry over (said by [`migrate`], for its callers and tests; a record
/// keeps the answer, not the reason, which the two versions' definitions tell again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The newer version has no item with this id (at this place).
    Removed,
    /// The item is of another kind (text became a choice, one choice became several…).
    Kind,
    /// The answer names a code the item no longer offers.
    Choices,
}

/// An answer the newer version could not take, as it was given and where.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// The form version the answer was given in: its definition names the question.
    pub version: String,
    /// The repeat groups and instances holding the answer, outermost first, as
    /// `(repeat item id, instance id)`; empty for a top-level question.
    pub within: Vec<(String, String)>,
    pub item: String,
    /// Text, codes or counts: a repeat group set aside whole is set aside answer by answer.
    pub value: Value,
}

impl SetAside {
    /// The key a record keeps it under (`Record::set_aside`, an answers object, so a record
    /// needs no reader of its own for them: every page's wasm has the answers' one): the
    /// version, each repeat group and instance, and the item, joined by `/`
    /// (`1/examples/e1/example_level`). Item ids, versions and instance ids hold no `/`.
    pub fn key(&self) -> String {
        let mut key = self.version.clone();
        for (repeat, instance) in &self.within {
            key.extend(["/", repeat, "/", instance]);
        }
        key.extend(["/", &self.item]);
        key
    }

    /// The set-aside answer a record keeps under `key`. Never fails: a key of another shape
    /// (a hand-made file's) reads as an item of no known version, shown by its key.
    pub fn from_entry(key: &str, value: &Value) -> SetAside {
        let parts: Vec<&str> = key.split('/').collect();
        let (version, item, middle) = match parts.as_slice() {
            [version, middle @ .., item] if middle.len() % 2 == 0 => (*version, *item, middle),
            _ => ("", key, &[][..]),
        };
        let within = middle.chunks(2).map(|p| (p[0].to_string(), p[1].to_string())).collect();
        SetAside { version: version.into(), within, item: item.into(), value: value.clone() }
    }

    /// The questions leading to the answer in `form` (the version it was given in): the
    /// repeat groups holding it, then its own item. Shorter when `form` lacks one of them.
    pub fn questions<'a>(&self, form: &'a FormDef) -> Vec<&'a ItemDef> {
        let mut out: Vec<&ItemDef> = Vec::new();
        let mut level: Vec<&ItemDef> = form.items().collect();
        for id in self.within.iter().map(|(repeat, _)| repeat).chain(std::iter::once(&self.item)) {
            let Some(item) = level.iter().copied().find(|i| &i.id == id) else { break };
            out.push(item);
            level = item.items.iter().collect();
        }
        out
    }

    /// The answer in words, in `t`'s language, as `item` (its question in the version it was
    /// given in, when known) offered it: text as written, choices by their labels, counts as
    /// "label: n". One line per choice or count, so each can be copied alone.
    pub fn words(&self, item: Option<&ItemDef>, t: &Catalog) -> String {
        let label = |code: &str| item.map_or(code, |i| i.choice_label(code, t)).to_string();
        let lines = match &self.value {
            Value::Text(s) if item.is_some_and(|i| !i.choices.is_empty()) => vec![label(s)],
            Value::Text(s) => vec![s.clone()],
            Value::Many(codes) => codes.iter().map(|c| label(c)).collect(),
            Value::Counts(counts) => counts.iter().map(|(c, n)| format!("{}: {n}", label(c))).collect(),
            // Never kept so ([`migrate`] sets repeat groups aside answer by answer).
            Value::Repeat(_) => Vec::new(),
        };
        lines.join("\n")
    }
}

/// `answers`, given under `old`, as `new` takes them: the answers carried over, and those set
/// aside, each with why. An answer carries over when `new` has an item with the same id at the
/// same place (top level, or inside the same repeat group), of the same kind, offering every
/// code the answer names; a repeat group carries each instance (with its id) and, within it,
/// each answer by the same rule. Answers `old` does not know (a hand-made file's) were never
/// shown: they stay as they are.
pub fn migrate(old: &FormDef, new: &FormDef, answers: &Answers) -> (Answers, Vec<(SetAside, Change)>) {
    let mut m = Migration { version: &old.version, set_aside: Vec::new(), within: Vec::new() };
    let carried = m.level(&old.items().collect::<Vec<_>>(), &new.items().collect::<Vec<_>>(), answers);
    (carried, m.set_aside)
}

struct Migration<'a> {
    version: &'a str,
    set_aside: Vec<(SetAside, Change)>,
    /// Where the answers being read are.
    within: Vec<(String, String)>,
}

impl Migration<'_> {
    fn level(&mut self, old: &[&ItemDef], new: &[&ItemDef], answers: &Answers) -> Answers {
        let mut carried = Answers::default();
        for (id, value) in &answers.0 {
            let Some(was) = find(old, id) else {
                carried.0.insert(id.clone(), value.clone());
                continue;
            };
            let now = find(new, id);
            match (change(was, now, value), value, now) {
                (Some(change), _, _) => self.set_aside_all(id, value, change),
                (None, Value::Repeat(list), Some(now)) => {
                    let instances = list.iter().map(|i| self.instance(was, now, i)).collect();
                    carried.0.insert(id.clone(), Value::Repeat(instances));
                }
                (None, _, _) => {
                    carried.0.insert(id.clone(), value.clone());
                }
            }
        }
        carried
    }

    fn instance(&mut self, was: &ItemDef, now: &ItemDef, instance: &Instance) -> Instance {
        self.within.push((was.id.clone(), instance.id.clone()));
        let answers = self.level(&was.items.iter().collect::<Vec<_>>(), &now.items.iter().collect::<Vec<_>>(), &instance.answers);
        self.within.pop();
        Instance { id: instance.id.clone(), answers }
    }

    /// Sets `value` aside; a repeat group's, answer by answer, each with its place.
    fn set_aside_all(&mut self, id: &str, value: &Value, change: Change) {
        let Value::Repeat(list) = value else {
            let (version, within) = (self.version.to_string(), self.within.clone());
            self.set_aside.push((SetAside { version, within, item: id.to_string(), value: value.clone() }, change));
            return;
        };
        for instance in list {
            self.within.push((id.to_string(), instance.id.clone()));
            for (child_id, child) in &instance.answers.0 {
                self.set_aside_all(child_id, child, change);
            }
            self.within.pop();
        }
    }
}

fn find<'d>(items: &[&'d ItemDef], id: &str) -> Option<&'d ItemDef> {
    items.iter().copied().find(|i| i.id == id)
}

/// Why `value`, an answer to `was`, does not fit `now`; `None` when it carries over.
fn change(was: &ItemDef, now: Option<&ItemDef>, value: &Value) -> Option<Change> {
    let Some(now) = now else { return Some(Change::Removed) };
    if was.kind != now.kind {
        return Some(Change::Kind);
    }
    let offered = |code: &String| now.choice(code).is_some();
    let fits = match value {
        _ if now.kind == ItemKind::Repeat || now.choices.is_empty() => true,
        Value::Text(code) => offered(code),
        Value::Many(codes) => codes.iter().all(offered),
        Value::Counts(counts) => counts.keys().all(offered),
        Value::Repeat(_) => true,
    };
    (!fits).then_some(Change::Choices)
}
