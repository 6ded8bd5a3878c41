//! What the rapporteur makes of the findings: excerpts (a passage of an answer, tagged) and a
//! synthesis paragraph per cell, plus the report's own sections. It is kept in IndexedDB apart
//! from the collection, and travels as a workbench file that another rapporteur merges, item
//! by item (each has an id), with conflicts settled as records' are: the higher revision,
//! then the later save, then the content order, is kept; the other is set aside, never lost.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::{Kind, Theme};

/// A passage of one finding's words, with the rapporteur's tags.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Excerpt {
    pub id: String,
    /// The [`super::Finding::id`] it is taken from (which names its record).
    pub finding_id: String,
    pub record_id: String,
    /// The passage, as it was selected (kept, so it survives a later import of the record).
    pub text: String,
    pub kind: Kind,
    pub theme: Theme,
    pub objectives: Vec<String>,
    pub principles: Vec<String>,
    /// Marked for the executive summary.
    #[serde(default)]
    pub summary: bool,
    /// Marked as a good practice (the report's "selection of good practices").
    #[serde(default)]
    pub good_practice: bool,
    /// Removed by the rapporteur: kept as a mark so that a merge does not bring it back.
    #[serde(default)]
    pub removed: bool,
    pub revision: u64,
    /// ISO 8601 time of the last change.
    pub modified: String,
}

/// The rapporteur's paragraph for one cell of the grid, or (with `kind: None`) for one of the
/// report's own sections, keyed by [`Note::key`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// `cell:<theme>:<kind>` or `section:<code>`: see [`Note::cell_key`], [`Note::section_key`].
    pub id: String,
    pub text: String,
    pub revision: u64,
    pub modified: String,
}

impl Note {
    /// The id of the synthesis of a grid cell.
    pub fn cell_key(theme: &Theme, kind: Kind) -> String {
        let theme = match theme {
            Theme::Session(code) => format!("session:{code}"),
            Theme::Area(code) => format!("area:{code}"),
            Theme::General => "general".to_string(),
        };
        format!("cell:{theme}:{}", kind.code())
    }

    /// The id of the text of one of the report's own sections (`introduction`…).
    pub fn section_key(code: &str) -> String {
        format!("section:{code}")
    }
}

/// The workbench, as stored and as a file (`format` and `version` say what it is).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workbench {
    pub excerpts: Vec<Excerpt>,
    pub notes: Vec<Note>,
    /// What a merge set aside: the losing copy of an excerpt or note changed in two places.
    #[serde(default)]
    pub set_aside: Vec<SetAside>,
}

/// A losing copy, kept for the rapporteur to see (and take instead).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SetAside {
    Excerpt(Excerpt),
    Note(Note),
}

/// What a merge did, for the person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: usize,
    pub same: usize,
    /// Items changed in both places: one kept, the other set aside.
    pub conflicts: usize,
}

/// Something with an id that two rapporteurs may change: an excerpt or a note.
trait Versioned: Clone + PartialEq + Serialize {
    fn id(&self) -> &str;
    fn revision(&self) -> u64;
    fn modified(&self) -> &str;
    /// Marks it as a new revision (after `over`), changed at `now`.
    fn restamp(&mut self, over: u64, now: &str);
    /// A stable order between two different contents with the same revision and time.
    fn content(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The same accessors for both kinds of item (their fields have the same names).
macro_rules! versioned {
    ($($t:ty),*) => {$(
        impl Versioned for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn revision(&self) -> u64 {
                self.revision
            }
            fn modified(&self) -> &str {
                &self.modified
            }
            fn restamp(&mut self, over: u64, now: &str) {
                self.revision = self.revision.max(over) + 1;
                self.modified = now.to_string();
            }
        }
    )*};
}
versioned!(Excerpt, Note);

/// Puts `chosen` in place of the item with its id, as a newer revision, and returns the one it
/// replaced (or adds it, if there is none).
fn put_instead<T: Versioned>(list: &mut Vec<T>, mut chosen: T, now: &str) -> Option<T> {
    match list.iter_mut().find(|x| x.id() == chosen.id()) {
        Some(kept) => {
            chosen.restamp(kept.revision(), now);
            Some(std::mem::replace(kept, chosen))
        }
        None => {
            list.push(chosen);
            None
        }
    }
}

/// Which of two copies of one item is kept: the higher revision, then the later save, then
/// the greater content (so both rapporteurs' merges agree whatever the order).
fn wins<T: Versioned>(a: &T, b: &T) -> bool {
    a.revision().cmp(&b.revision()).then_with(|| a.modified().cmp(b.modified())).then_with(|| a.content().cmp(&b.content()))
        == Ordering::Greater
}

/// Merges `incoming` into `here`; the losers go to `aside`.
fn merge_items<T: Versioned>(here: &mut Vec<T>, incoming: &[T], aside: &mut Vec<T>, report: &mut Merged) {
    for new in incoming {
        match here.iter_mut().find(|h| h.id() == new.id()) {
            None => {
                here.push(new.clone());
                report.added += 1;
            }
            Some(old) if *old == *new => report.same += 1,
            Some(old) => {
                report.conflicts += 1;
                if wins(new, old) {
                    aside.push(std::mem::replace(old, new.clone()));
                } else {
                    aside.push(new.clone());
                }
            }
        }
    }
}

impl Workbench {
    /// Takes in another rapporteur's workbench (its set-aside copies too, so nothing is lost).
    pub fn merge(&mut self, other: &Workbench) -> Merged {
        let mut report = Merged::default();
        let (mut excerpts, mut notes) = (Vec::new(), Vec::new());
        merge_items(&mut self.excerpts, &other.excerpts, &mut excerpts, &mut report);
        merge_items(&mut self.notes, &other.notes, &mut notes, &mut report);
        let known = |s: &SetAside, list: &[SetAside]| list.contains(s);
        for s in excerpts.into_iter().map(SetAside::Excerpt).chain(notes.into_iter().map(SetAside::Note)).chain(other.set_aside.iter().cloned()) {
            if !known(&s, &self.set_aside) {
                self.set_aside.push(s);
            }
        }
        report
    }

    /// Takes the set-aside copy at `index` instead of the one kept (which is set aside in its
    /// place), as a new revision so that it wins the next merge too. False if there is none.
    pub fn keep_instead(&mut self, index: usize, now: &str) -> bool {
        if index >= self.set_aside.len() {
            return false;
        }
        let replaced = match self.set_aside.remove(index) {
            SetAside::Excerpt(chosen) => put_instead(&mut self.excerpts, chosen, now).map(SetAside::Excerpt),
            SetAside::Note(chosen) => put_instead(&mut self.notes, chosen, now).map(SetAside::Note),
        };
        self.set_aside.extend(replaced);
        true
    }

    /// The excerpts not removed.
    pub fn live_excerpts(&self) -> impl Iterator<Item = &Excerpt> {
        self.excerpts.iter().filter(|e| !e.removed)
    }

    /// The text of a note (a cell's synthesis or a section's text), empty when none.
    pub fn note(&self, id: &str) -> &str {
        self.notes.iter().find(|n| n.id == id).map_or("", |n| n.text.as_str())
    }

    /// Writes a note's text as a new revision (a new note if there is none).
    pub fn set_note(&mut self, id: &str, text: &str, now: &str) {
        match self.notes.iter_mut().find(|n| n.id == id) {
            Some(n) if n.text == text => {}
            Some(n) => {
                n.text = text.to_string();
                n.revision += 1;
                n.modified = now.to_string();
            }
            None => self.notes.push(Note { id: id.to_string(), text: text.to_string(), revision: 1, modified: now.to_string() }),
        }
    }

    /// Adds an excerpt, or replaces the one with its id as a new revision.
    pub fn put_excerpt(&mut self, mut excerpt: Excerpt, now: &str) {
        excerpt.modified = now.to_string();
        match self.excerpts.iter_mut().find(|e| e.id == excerpt.id) {
            Some(old) => {
                excerpt.revision = old.revision + 1;
                *old = excerpt;
            }
            None => {
                excerpt.revision = excerpt.revision.max(1);
                self.excerpts.push(excerpt);
            }
        }
    }
}

/// What a workbench file says it is.
pub const FILE_FORMAT: &str = "gcm-review-workbench";
pub const FILE_VERSION: u32 = 1;

/// A workbench file: what it is, when it was written, and the workbench.
#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    created: String,
    #[serde(flatten)]
    workbench: Workbench,
}

impl Workbench {
    /// The workbench as a file another rapporteur opens.
    pub fn to_file(&self, created: &str) -> String {
        let file = File { format: FILE_FORMAT.into(), version: FILE_VERSION, created: created.into(), workbench: self.clone() };
        crate::bundle::to_string_pretty(&file).unwrap_or_default()
    }

    /// The workbench in a file, if it is one this app writes (this version or older).
    pub fn from_file(bytes: &[u8]) -> Option<Workbench> {
        let file: File = serde_json::from_slice(bytes).ok()?;
        (file.format == FILE_FORMAT && file.version <= FILE_VERSION).then_some(file.workbench)
    }
}
