//! A response's answers, keyed by item id. Blank answers are absent, never empty values,
//! so "answered" means "present" and an empty JSON array is never ambiguous.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One answer: text (also dates, numbers, single codes), several codes, repeat instances,
/// or counts by code (a tally). Read by `serde_de.rs` from the JSON shape alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Many(Vec<String>),
    Repeat(Vec<Instance>),
    Counts(BTreeMap<String, u32>),
}

/// One answer set of a repeat group, with an id that stays with it when others are removed.
/// Written as one JSON object: `id` beside the answers (read by `serde_de.rs`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instance {
    pub id: String,
    #[serde(flatten)]
    pub answers: Answers,
}

/// Answers by item id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Value>);

impl Answers {
    /// Whether nothing is answered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The answer to `item`; an empty list (as an old or hand-made file may hold) counts as blank.
    pub fn get(&self, item: &str) -> Option<&Value> {
        match self.0.get(item) {
            Some(Value::Many(v)) if v.is_empty() => None,
            Some(Value::Repeat(v)) if v.is_empty() => None,
            Some(Value::Counts(v)) if v.is_empty() => None,
            other => other,
        }
    }

    /// The text answer of `item`, or "" when blank.
    pub fn text(&self, item: &str) -> &str {
        match self.0.get(item) {
            Some(Value::Text(s)) => s,
            _ => "",
        }
    }

    /// The codes chosen for `item`.
    pub fn many(&self, item: &str) -> &[String] {
        match self.0.get(item) {
            Some(Value::Many(v)) => v,
            _ => &[],
        }
    }

    /// The instances of repeat group `item`, in order.
    pub fn instances(&self, item: &str) -> &[Instance] {
        match self.0.get(item) {
            Some(Value::Repeat(v)) => v,
            _ => &[],
        }
    }

    /// The counts of a tally, by code.
    pub fn counts(&self, item: &str) -> Option<&BTreeMap<String, u32>> {
        match self.0.get(item) {
            Some(Value::Counts(c)) => Some(c),
            _ => None,
        }
    }

    /// The computed total of a tally: never typed, so it can never disagree with its rows.
    pub fn total(&self, item: &str) -> u64 {
        self.counts(item).map(|c| c.values().map(|&n| u64::from(n)).sum()).unwrap_or(0)
    }

    /// Sets one row of a tally; `None` (a blank field) clears the row.
    pub fn set_count(&mut self, item: &str, code: &str, count: Option<u32>) {
        let mut counts = self.counts(item).cloned().unwrap_or_default();
        match count {
            Some(n) => counts.insert(code.to_string(), n),
            None => counts.remove(code),
        };
        if counts.is_empty() {
            self.0.remove(item);
        } else {
            self.0.insert(item.to_string(), Value::Counts(counts));
        }
    }

    /// Sets a text answer; an all-blank text clears it.
    pub fn set_text(&mut self, item: &str, text: &str) {
        if text.trim().is_empty() {
            self.0.remove(item);
        } else {
            self.0.insert(item.to_string(), Value::Text(text.to_string()));
        }
    }

    /// Adds or removes one code of a multiple-choice answer, keeping the order of `choices`.
    pub fn toggle(&mut self, item: &str, code: &str, on: bool, choices: &[super::Choice]) {
        let was: Vec<String> = self.many(item).to_vec();
        let keep = |c: &str| if c == code { on } else { was.iter().any(|w| w == c) };
        // Codes in the order of `choices`, then any unknown ones as they were (no sort: smaller wasm).
        let mut chosen: Vec<String> = choices.iter().filter(|c| keep(&c.value)).map(|c| c.value.clone()).collect();
        chosen.extend(was.iter().filter(|w| *w != code && !choices.iter().any(|c| &c.value == *w)).cloned());
        if chosen.is_empty() {
            self.0.remove(item);
        } else {
            self.0.insert(item.to_string(), Value::Many(chosen));
        }
    }

    /// Appends an instance with the caller's id (the UI uses random ids; tests use readable ones).
    pub fn add_instance(&mut self, item: &str, id: &str) {
        let mut list = self.instances(item).to_vec();
        list.push(Instance { id: id.to_string(), answers: Answers::default() });
        self.0.insert(item.to_string(), Value::Repeat(list));
    }

    /// Removes one instance; the others keep their ids and order.
    pub fn remove_instance(&mut self, item: &str, id: &str) {
        if let Some(Value::Repeat(list)) = self.0.get_mut(item) {
            list.retain(|i| i.id != id);
            if list.is_empty() {
                self.0.remove(item);
            }
        }
    }

    /// The answers of one instance, to edit.
    pub fn instance_mut(&mut self, item: &str, id: &str) -> Option<&mut Answers> {
        match self.0.get_mut(item) {
            Some(Value::Repeat(list)) => list.iter_mut().find(|i| i.id == id).map(|i| &mut i.answers),
            _ => None,
        }
    }
}
