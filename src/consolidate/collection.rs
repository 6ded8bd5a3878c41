//! Bundles merged into one collection: each record kept once, by id; of two different copies
//! the newest is kept and the other set aside for review, never dropped.

use std::collections::HashMap;

use super::Facets;
use crate::bundle::{self, EnvelopeError, Kind};
use crate::record::Record;

/// What one file brought (or one bundle of a zip holding several): the counts the secretariat
/// checks, or why nothing was taken.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileReport {
    /// The file's name, or `file.zip › folder/bundle.json` for one bundle of several.
    pub file: String,
    /// Records new to the collection.
    pub accepted: usize,
    /// Records already in the collection with the same content (or already set aside).
    pub duplicates: usize,
    /// Records with an id already in the collection but different content: the newer copy is
    /// kept, the older one set aside.
    pub conflicts: usize,
    /// Why the file was refused (`messages` words it, naming the file). A refused file adds nothing.
    pub rejected: Option<Rejection>,
}

/// Why a file (or one bundle of a zip) was refused whole.
#[derive(Clone, Debug, PartialEq)]
pub enum Rejection {
    /// It failed a check of [`bundle::read_each`]; the error names the file.
    Bundle(bundle::Error),
    /// It is a backup of drafts (for moving work between devices), not a submission.
    Backup { file: String },
    /// It is encrypted (docs/bundle-format.md §10) and this device could not open it.
    Sealed { file: String, why: Sealed },
}

/// Why an encrypted file was not opened. Nothing of it is imported.
#[derive(Clone, Debug, PartialEq)]
pub enum Sealed {
    /// This device holds no secretariat key.
    NoKey,
    /// It was encrypted for another key: both short fingerprints, to compare.
    ForAnotherKey { envelope: String, ours: String },
    /// The key is right but the file does not decrypt: altered or damaged after it was made.
    Altered,
    /// It is not a well-formed envelope (cut short, a newer app's, bytes added).
    Damaged(EnvelopeError),
}

/// The records written or set aside since the last [`Collection::take_changes`]: what the store
/// must save, so an import of one file does not rewrite ten thousand records.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    pub kept: Vec<Record>,
    pub set_aside: Vec<Record>,
}

/// The consolidated records, in the order they arrived, and the copies that lost a conflict.
#[derive(Debug, Default)]
pub struct Collection {
    records: Vec<Record>,
    /// `facets[i]` belongs to `records[i]`: computed as records arrive, so filtering and the
    /// statistics never walk every answer of every record again.
    facets: Vec<Facets>,
    by_id: HashMap<String, usize>,
    set_aside: Vec<Record>,
    changed: Vec<usize>,
    aside_from: usize,
    /// Moves at every change of the kept records or their facets.
    edits: u64,
}

impl Collection {
    /// A collection as stored: its records and its set-aside copies.
    pub fn restore(&mut self, kept: Vec<Record>, set_aside: Vec<Record>) {
        *self = Collection::default();
        self.aside_from = set_aside.len();
        self.set_aside = set_aside;
        self.restore_more(kept);
    }

    /// More stored records, after [`Collection::restore`]: a large collection is taken in a
    /// batch at a time, so the page can breathe between batches.
    pub fn restore_more(&mut self, kept: Vec<Record>) {
        self.edited();
        for r in kept {
            self.by_id.insert(r.id.clone(), self.records.len());
            self.facets.push(Facets::of(&r));
            self.records.push(r);
        }
    }

    /// A number that moves whenever the kept records (or their facets) change, never the same
    /// for two different collections with records: what was found among them before holds
    /// while it stays the same.
    pub fn edits(&self) -> u64 {
        self.edits
    }

    fn edited(&mut self) {
        static EDITS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        self.edits = EDITS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    }

    /// The kept records.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The facets of the kept records, in the same order.
    pub fn facets(&self) -> &[Facets] {
        &self.facets
    }

    /// The copies that lost a conflict, oldest first.
    pub fn set_aside(&self) -> &[Record] {
        &self.set_aside
    }

    /// The kept record with this id.
    pub fn get(&self, id: &str) -> Option<&Record> {
        self.by_id.get(id).map(|&i| &self.records[i])
    }

    /// The set-aside copies of the record with this id.
    pub fn set_aside_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Record> + 'a {
        self.set_aside.iter().filter(move |r| r.id == id)
    }

    /// Reads one file and merges its records, with a report per bundle it holds: one for the
    /// JSON or a zip of one bundle, named as the file; one per bundle of a zip holding several,
    /// named `file.zip › folder/bundle.json`. A bundle that fails any check of
    /// [`bundle::read_each`], or is a backup of drafts rather than a submission, is refused
    /// whole; a file that cannot be read at all is one refused report.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> Vec<FileReport> {
        let parts = bundle::read_each(bytes);
        let several = parts.len() > 1;
        let mut reports = Vec::with_capacity(parts.len());
        for part in parts {
            let label = if several { format!("{name} › {}", part.path) } else { name.to_string() };
            reports.push(self.add_bundle(&label, part.bundle));
        }
        reports
    }

    /// Merges the records of one bundle read from the file (or part of a file) `name`.
    fn add_bundle(&mut self, name: &str, read: Result<bundle::VerifiedBundle, bundle::Error>) -> FileReport {
        let mut report = FileReport { file: name.to_string(), ..FileReport::default() };
        match read {
            Err(e) => report.rejected = Some(Rejection::Bundle(e.in_file(name))),
            Ok(b) if b.kind() == Kind::Backup => report.rejected = Some(Rejection::Backup { file: name.to_string() }),
            Ok(b) => {
                for r in b.into_records() {
                    self.add(r, &mut report);
                }
            }
        }
        report
    }

    /// Merges one verified record.
    pub fn add(&mut self, incoming: Record, report: &mut FileReport) {
        let Some(&i) = self.by_id.get(&incoming.id) else {
            self.edited();
            self.by_id.insert(incoming.id.clone(), self.records.len());
            self.changed.push(self.records.len());
            self.facets.push(Facets::of(&incoming));
            self.records.push(incoming);
            report.accepted += 1;
            return;
        };
        let here = &self.records[i];
        if here.same_content(&incoming) || self.set_aside.iter().any(|a| a.same_content(&incoming)) {
            report.duplicates += 1;
            return;
        }
        report.conflicts += 1;
        if newer(&incoming, here) {
            self.edited();
            self.facets[i] = Facets::of(&incoming);
            let old = std::mem::replace(&mut self.records[i], incoming);
            self.set_aside.push(old);
            self.changed.push(i);
        } else {
            self.set_aside.push(incoming);
        }
    }

    /// Keeps the set-aside `copy` instead of the kept record with its id, which is set aside in
    /// its place: the secretariat's own ruling on a conflict. Returns (now kept, now set aside),
    /// for the store; `None` when `copy` is not set aside here.
    pub fn keep_instead(&mut self, copy: &Record) -> Option<(Record, Record)> {
        let &i = self.by_id.get(&copy.id)?;
        let pos = self.set_aside.iter().position(|a| a.same_content(copy))?;
        let chosen = std::mem::replace(&mut self.set_aside[pos], self.records[i].clone());
        self.edited();
        self.facets[i] = Facets::of(&chosen);
        let replaced = std::mem::replace(&mut self.records[i], chosen);
        Some((self.records[i].clone(), replaced))
    }

    /// Hands over what changed since the last call (or since [`Collection::restore`]).
    pub fn take_changes(&mut self) -> Changes {
        let mut changed = std::mem::take(&mut self.changed);
        changed.sort_unstable();
        changed.dedup();
        let kept = changed.into_iter().map(|i| self.records[i].clone()).collect();
        let set_aside = self.set_aside[self.aside_from..].to_vec();
        self.aside_from = self.set_aside.len();
        Changes { kept, set_aside }
    }
}

/// Whether `a` is a later copy than `b`: more saves, or as many and saved later. Copies equal
/// in both (two devices, same clock) are ordered by their content, so whichever file comes
/// first, every secretariat keeps the same copy.
fn newer(a: &Record, b: &Record) -> bool {
    match (a.revision, &a.modified).cmp(&(b.revision, &b.modified)) {
        std::cmp::Ordering::Equal => serde_json::to_string(a).ok() > serde_json::to_string(b).ok(),
        order => order.is_gt(),
    }
}
