//! Answers given by a link that opens a new response (`#/new/annex1?country=PER`), in the
//! manner of Enketo's prefill links. Only what the form accepts is taken; everything else is
//! given back with the reason, for the page to say so: nothing is stored silently.

use super::answers::{Answers, Value};
use super::def::{FormDef, ItemKind};
use super::validate::{check, ViolationKind};

/// A link's value that was not taken, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The name in the link (an item id, or something the form does not have).
    pub name: String,
    pub value: String,
    pub why: RefusedWhy,
}

/// Why a link's value was not taken.
#[derive(Clone, Debug, PartialEq)]
pub enum RefusedWhy {
    /// Occurs when the form has no question of that name at its top level (answers inside
    /// repeat groups, and tallies, are not given by links).
    UnknownQuestion,
    /// Occurs when the value fails the question's own rules (not one of its options, not a
    /// date, too long…).
    Invalid(ViolationKind),
    /// Occurs when a name is given twice: the first value is kept.
    Repeated,
}

/// The answers `pairs` (name and decoded value, in link order) give to a new response of
/// `form`, and the ones refused. A multiple choice takes its codes comma-separated.
pub fn prefill(form: &FormDef, pairs: &[(String, String)]) -> (Answers, Vec<Refused>) {
    let mut answers = Answers::default();
    let mut refused = Vec::new();
    for (name, value) in pairs {
        let refuse = |why| Refused { name: name.clone(), value: value.clone(), why };
        if answers.get(name).is_some() {
            refused.push(refuse(RefusedWhy::Repeated));
            continue;
        }
        let item = form.item(name).filter(|i| !matches!(i.kind, ItemKind::Repeat | ItemKind::Tally));
        let Some(item) = item else {
            refused.push(refuse(RefusedWhy::UnknownQuestion));
            continue;
        };
        let given = match item.kind {
            ItemKind::MultipleChoice => Value::Many(value.split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()),
            _ => Value::Text(value.trim().to_string()),
        };
        let blank = matches!(&given, Value::Text(t) if t.is_empty()) || matches!(&given, Value::Many(c) if c.is_empty());
        match check(item, &given) {
            _ if blank => refused.push(refuse(RefusedWhy::Invalid(ViolationKind::Missing))),
            Some(kind) => refused.push(refuse(RefusedWhy::Invalid(kind))),
            None => {
                answers.0.insert(item.id.clone(), given);
            }
        }
    }
    (answers, refused)
}
