//! What a response's answers make of its form, kept current edit by edit: each field's
//! relevance and violation, each section's relevance, and progress. An edit goes through
//! [`FormState::edit`], which changes the answer and says what changed, so a screen redraws
//! only that: a keystroke in one field of a long form costs that field, not the form.
//!
//! The state is the one [`validate`](super::validate) and [`progress`](super::progress) give
//! over the whole form, kept incrementally: an edit of one answer re-evaluates that field and
//! the fields and sections whose conditions read it, with what they hold (every field of a
//! section, every instance's fields of a repeat group). Conditions read answers as given,
//! never relevance, so nothing cascades further. Tests compare it with a fresh evaluation
//! after every edit (`tests/form_state.rs`).

use super::answers::Answers;
use super::def::{FormDef, ItemDef, ItemKind, SectionDef};
use super::validate::{check, field_id, is_relevant, section_relevant, Progress, ViolationKind};

/// Where a field is: a top-level item, or an item of one repeat instance.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// `(repeat item id, instance id)` for items inside a repeat group.
    pub within: Option<(String, String)>,
    pub item: String,
}

impl Place {
    /// A top-level item.
    pub fn top(item: &str) -> Place {
        Place { within: None, item: item.to_string() }
    }

    /// An item of one instance of repeat group `repeat`.
    pub fn inside(repeat: &str, instance: &str, item: &str) -> Place {
        Place { within: Some((repeat.to_string(), instance.to_string())), item: item.to_string() }
    }

    /// The DOM id of the field ([`field_id`]).
    pub fn field_id(&self) -> String {
        field_id(self.within.as_ref().map(|(r, i)| (r.as_str(), i.as_str())), &self.item)
    }
}

/// One field as its answers make it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldState {
    /// Shown: its section, its repeat group (inside one) and its own condition hold.
    pub relevant: bool,
    /// What is wrong with it, while relevant (at most one thing, as `validate` reports).
    pub violation: Option<ViolationKind>,
    /// Required and relevant: counted by [`Progress`].
    pub counted: bool,
    /// Answered (a repeat group: with at least one instance).
    pub answered: bool,
}

/// One change to one answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit<'a> {
    /// A text, date, number or single code; all blank clears it.
    Text(&'a str),
    /// One code of a multiple choice on or off.
    Toggle { code: &'a str, on: bool },
    /// One row of a tally; `None` clears it.
    Count { code: &'a str, count: Option<u32> },
    /// A new instance of a repeat group, with this id.
    AddInstance(&'a str),
    /// The instance of a repeat group with this id, removed.
    RemoveInstance(&'a str),
}

/// What one edit changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    /// The field whose answer was edited (always reported: its controls show the answer).
    pub answer: Option<Place>,
    /// Fields whose relevance or violation changed, or that came or went with an instance, in
    /// no particular order, each once; the edited field only if its own state changed.
    pub fields: Vec<Place>,
    /// Sections (by id) whose relevance changed.
    pub sections: Vec<String>,
    /// The progress after the edit, when it changed.
    pub progress: Option<Progress>,
}

impl Changes {
    /// Whether some field's relevance or violation changed: the list of violations did.
    pub fn validity(&self) -> bool {
        !self.fields.is_empty() || !self.sections.is_empty()
    }
}

/// Who reads an answer in a condition.
#[derive(Clone, Debug, PartialEq)]
enum Reader {
    Section(usize),
    Top(String),
    /// An item inside a repeat group: `(repeat id, item id)`.
    Child(String, String),
}

/// The state of every field of one response (see the module's doc). Built by
/// [`FormState::new`]; kept current only if every edit of the answers goes through
/// [`FormState::edit`].
#[derive(Clone, Debug)]
pub struct FormState {
    /// Every field with its state (a list: smaller in the wasm than a map, and an edit looks
    /// up only the few places it touches).
    fields: Vec<(Place, FieldState)>,
    /// Each section's relevance, in form order.
    sections: Vec<(String, bool)>,
    progress: Progress,
    /// `(item id, a section or item whose condition reads its answer)`: a few dozen at most,
    /// so a list (smaller in the wasm than another map).
    readers: Vec<(String, Reader)>,
}

impl PartialEq for FormState {
    /// Equal in what the answers make of the form (the readers follow from the form alone).
    fn eq(&self, other: &FormState) -> bool {
        let same = |a: &FormState, b: &FormState| a.fields.iter().all(|(p, f)| b.field(p) == Some(f));
        self.fields.len() == other.fields.len() && same(self, other) && self.sections == other.sections && self.progress == other.progress
    }
}

impl FormState {
    /// Evaluates the whole form over `answers`.
    pub fn new(form: &FormDef, answers: &Answers) -> FormState {
        let mut readers = Vec::new();
        let mut read_by = |cond: &Option<super::Condition>, reader: Reader| {
            for name in cond.iter().flat_map(|c| c.items()) {
                readers.push((name.to_string(), reader.clone()));
            }
        };
        for (i, section) in form.sections.iter().enumerate() {
            read_by(&section.relevant, Reader::Section(i));
            for item in &section.items {
                read_by(&item.relevant, Reader::Top(item.id.clone()));
                for child in &item.items {
                    read_by(&child.relevant, Reader::Child(item.id.clone(), child.id.clone()));
                }
            }
        }
        let mut state = FormState { fields: Vec::new(), sections: Vec::new(), progress: Progress::default(), readers };
        for section in &form.sections {
            state.sections.push((section.id.clone(), section_relevant(section, answers)));
            for item in &section.items {
                for place in places_of(item, answers) {
                    state.refresh(form, answers, place, &mut Vec::new());
                }
            }
        }
        state
    }

    /// The state of the field at `place` (`None`: no such field, e.g. a removed instance's).
    pub fn field(&self, place: &Place) -> Option<&FieldState> {
        self.fields.iter().find(|(p, _)| p == place).map(|(_, f)| f)
    }

    /// Every field with its state, in no particular order.
    pub fn fields(&self) -> impl Iterator<Item = (&Place, &FieldState)> {
        self.fields.iter().map(|(p, f)| (p, f))
    }

    /// Whether the section with this id is shown.
    pub fn section_relevant(&self, id: &str) -> bool {
        self.sections.iter().any(|(s, shown)| s == id && *shown)
    }

    /// Required answers given, out of those required now.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Applies `edit` to the answer at `place` and brings the state up to date; returns what
    /// changed. An edit inside an instance that no longer exists changes nothing.
    pub fn edit(&mut self, form: &FormDef, answers: &mut Answers, place: &Place, edit: Edit) -> Changes {
        let Some(def) = item_at(form, place) else { return Changes::default() };
        let scope = match &place.within {
            Some((repeat, id)) => answers.instance_mut(repeat, id),
            None => Some(&mut *answers),
        };
        let Some(scope) = scope else { return Changes::default() };
        let id = &place.item;
        match edit {
            Edit::Text(text) => scope.set_text(id, text),
            Edit::Toggle { code, on } => scope.toggle(id, code, on, &def.choices),
            Edit::Count { code, count } => scope.set_count(id, code, count),
            Edit::AddInstance(instance) => scope.add_instance(id, instance),
            Edit::RemoveInstance(instance) => scope.remove_instance(id, instance),
        }
        self.changed(form, answers, place)
    }

    /// Brings the state up to date after the answer at `place` changed, by any means.
    pub fn changed(&mut self, form: &FormDef, answers: &Answers, place: &Place) -> Changes {
        let before = self.progress;
        let mut changes = Changes { answer: Some(place.clone()), ..Changes::default() };
        // The places to evaluate again (each once: deduplicated below).
        let mut again: Vec<Place> = vec![place.clone()];
        let readers: Vec<Reader> = self.readers.iter().filter(|(name, _)| *name == place.item).map(|(_, r)| r.clone()).collect();
        match &place.within {
            None => {
                if let Some(item) = form.item(&place.item) {
                    // A repeat group's instances came or went: its fields, old and new.
                    again.extend(self.children_of(&item.id));
                    again.extend(places_of(item, answers));
                }
                for reader in readers {
                    match reader {
                        Reader::Section(i) => {
                            let section = &form.sections[i];
                            let now = section_relevant(section, answers);
                            if self.sections[i].1 != now {
                                self.sections[i].1 = now;
                                changes.sections.push(section.id.clone());
                            }
                            for item in &section.items {
                                again.extend(places_of(item, answers));
                            }
                        }
                        Reader::Top(id) => {
                            if let Some(item) = form.item(&id) {
                                again.extend(places_of(item, answers));
                            }
                        }
                        Reader::Child(repeat, child) => {
                            again.extend(answers.instances(&repeat).iter().map(|i| Place::inside(&repeat, &i.id, &child)));
                        }
                    }
                }
            }
            // Only the instance's own items can read an answer inside it.
            Some((repeat, instance)) => {
                for reader in readers {
                    if let Reader::Child(r, child) = reader {
                        if &r == repeat {
                            again.push(Place::inside(repeat, instance, &child));
                        }
                    }
                }
            }
        }
        let mut done: Vec<Place> = Vec::with_capacity(again.len());
        for p in again {
            if !done.contains(&p) {
                done.push(p.clone());
                self.refresh(form, answers, p, &mut changes.fields);
            }
        }
        if self.progress != before {
            changes.progress = Some(self.progress);
        }
        changes
    }

    /// The places of the fields of every instance of `repeat` the state holds.
    fn children_of(&self, repeat: &str) -> Vec<Place> {
        self.fields.iter().map(|(p, _)| p).filter(|p| p.within.as_ref().is_some_and(|(r, _)| r == repeat)).cloned().collect()
    }

    /// Evaluates one place again, keeping progress; adds it to `changed` if its state did.
    fn refresh(&mut self, form: &FormDef, answers: &Answers, place: Place, changed: &mut Vec<Place>) {
        let now = evaluate(form, answers, &place);
        let at = self.fields.iter().position(|(p, _)| *p == place);
        let old = match (&now, at) {
            (Some(s), Some(i)) => Some(std::mem::replace(&mut self.fields[i].1, s.clone())),
            (Some(s), None) => {
                self.fields.push((place.clone(), s.clone()));
                None
            }
            (None, Some(i)) => Some(self.fields.swap_remove(i).1),
            (None, None) => None,
        };
        if old == now {
            return;
        }
        let count = |s: &Option<FieldState>| match s {
            Some(s) if s.counted => (1, usize::from(s.answered)),
            _ => (0, 0),
        };
        let ((r0, a0), (r1, a1)) = (count(&old), count(&now));
        self.progress.required = self.progress.required + r1 - r0;
        self.progress.answered = self.progress.answered + a1 - a0;
        // A change of `answered` alone (progress) is no change of relevance or violation.
        let shown = |s: &Option<FieldState>| s.as_ref().map(|s| (s.relevant, s.violation.clone()));
        if shown(&old) != shown(&now) || old.is_none() != now.is_none() {
            changed.push(place);
        }
    }
}

/// The places of `item`: itself, and for a repeat group every field of every instance.
fn places_of(item: &ItemDef, answers: &Answers) -> Vec<Place> {
    let mut out = vec![Place::top(&item.id)];
    if item.kind == ItemKind::Repeat {
        for inst in answers.instances(&item.id) {
            out.extend(item.items.iter().map(|c| Place::inside(&item.id, &inst.id, &c.id)));
        }
    }
    out
}

/// The definition of the item at `place`.
fn item_at<'f>(form: &'f FormDef, place: &Place) -> Option<&'f ItemDef> {
    match &place.within {
        None => form.item(&place.item),
        Some((repeat, _)) => form.item(repeat)?.items.iter().find(|c| c.id == place.item),
    }
}

fn section_of<'f>(form: &'f FormDef, item: &str) -> Option<&'f SectionDef> {
    form.sections.iter().find(|s| s.items.iter().any(|i| i.id == item))
}

/// The state of the field at `place` from scratch; `None` when there is no such field.
fn evaluate(form: &FormDef, answers: &Answers, place: &Place) -> Option<FieldState> {
    let (def, relevant, value) = match &place.within {
        None => {
            let def = form.item(&place.item)?;
            let shown = section_of(form, &def.id).is_some_and(|s| section_relevant(s, answers)) && is_relevant(def, answers, None);
            (def, shown, answers.get(&def.id))
        }
        Some((repeat, id)) => {
            let parent = form.item(repeat)?;
            let inst = answers.instances(repeat).iter().find(|i| &i.id == id)?;
            let def = parent.items.iter().find(|c| c.id == place.item)?;
            let parent_shown = section_of(form, repeat).is_some_and(|s| section_relevant(s, answers)) && is_relevant(parent, answers, None);
            (def, parent_shown && is_relevant(def, answers, Some(&inst.answers)), inst.answers.get(&def.id))
        }
    };
    let violation = match value {
        _ if !relevant => None,
        None if def.required => Some(ViolationKind::Missing),
        None => None,
        Some(v) => check(def, v),
    };
    Some(FieldState { relevant, violation, counted: relevant && def.required, answered: value.is_some() })
}
