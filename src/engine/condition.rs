//! Relevance conditions: small JSON expressions over other answers.

use serde::Serialize;

use super::answers::{Answers, Value};

/// When an item is shown. JSON shapes:
/// `{"item": "has_plan", "equals": "yes"}` (for a multiple choice: the code is among those chosen),
/// `{"item": "x", "answered": true}`, `{"all": [..]}`, `{"any": [..]}`, `{"not": {..}}`.
/// Read by `serde_de.rs`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Condition {
    Equals { item: String, equals: String },
    Answered { item: String, answered: bool },
    All { all: Vec<Condition> },
    Any { any: Vec<Condition> },
    Not { not: Box<Condition> },
}

impl Condition {
    /// Evaluates against the answers in scope: a repeat instance's own answers first, then the form's.
    pub fn holds(&self, scope: &[&Answers]) -> bool {
        let lookup = |item: &str| scope.iter().find_map(|a| a.get(item));
        match self {
            Condition::Equals { item, equals } => match lookup(item) {
                Some(Value::Text(v)) => v == equals,
                Some(Value::Many(vs)) => vs.iter().any(|v| v == equals),
                _ => false,
            },
            Condition::Answered { item, answered } => lookup(item).is_some() == *answered,
            Condition::All { all } => all.iter().all(|c| c.holds(scope)),
            Condition::Any { any } => any.iter().any(|c| c.holds(scope)),
            Condition::Not { not } => !not.holds(scope),
        }
    }

    /// Every item id the condition reads.
    pub fn items(&self) -> Vec<&str> {
        match self {
            Condition::Equals { item, .. } | Condition::Answered { item, .. } => vec![item.as_str()],
            Condition::All { all: cs } | Condition::Any { any: cs } => cs.iter().flat_map(|c| c.items()).collect(),
            Condition::Not { not } => not.items(),
        }
    }
}
