//! The secretariat's page as a state machine: the collection it holds, and what it must do next
//! to keep that in step with the store, with its own imports and with other tabs.
//!
//! Plain Rust, no browser: the page hands each event to [`CollectionSync`] (the page opened,
//! the store was read, another tab changed it, files were chosen, a write ended…) and carries
//! out the [`Command`] it gets back, whose outcome is the next event. Nothing waits in a loop:
//! work asked for while other work runs is remembered and started when that work ends.

use std::collections::VecDeque;

use super::{Changes, Collection, FileReport, Rejection};
use crate::bundle::read_in_steps::{Reader, Step};
use crate::bundle::Kind;
use crate::record::Record;
use crate::store;

/// Stored records taken into memory per [`Command::Restore`]: the page paints and handles input
/// between batches, so opening ten thousand records never freezes it.
pub const RESTORE_BATCH: usize = 1000;

/// Records an import reads per step (whole files: at least one), whose changes are then stored
/// in one transaction while the next step reads. A transaction per file cost about 4 ms of
/// waiting for its commit, so 2,000 files of 50 records waited 8 s; a step of 500 records
/// takes about 20 ms, short enough for the page to paint and handle input between steps.
pub const IMPORT_BATCH: usize = 500;

/// A file larger than this (bytes) is read a slice at a time ([`Reader`]): parsed and checked
/// a few records per step, then merged and stored a batch at a time, where a file is otherwise
/// read whole in one step. A 100,000-record file (76 MB) was one task of 2.7 s.
pub const LARGE_FILE: usize = 4 << 20;

/// A large file's records are merged this many import batches a step (1,000 on the page): at
/// 2,000 a step took up to 160 ms on a busy machine.
const MERGE_BATCHES: usize = 2;

/// A large file's merged records are stored this many merge steps at a time (4,000 on the
/// page), in one transaction. The browser's writing, not our work, is most of a large import
/// (about 80% of a 100,000-record file's), and it goes slower in many small transactions:
/// 100,000 records put from script 1,000 a transaction took 13.0–14.4 s, all in one 10.7–11.3 s;
/// the file imported 1,000 a transaction 10.8–14.6 s (median 12.2), 4,000 a transaction
/// 11.2–12.1 s (11.6; four runs each, in turns, on two shared cores). Merged over several
/// steps: a step of 4,000 would take over 100 ms on a busy machine.
const STORE_STEPS: usize = 4;

/// What the page does next. Each command but `Nothing` ends in one call back: the method its
/// description names.
// A command lives for one step and is never kept in bulk: boxing `Keep`'s records buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, PartialEq)]
pub enum Command {
    /// Nothing until the next event.
    Nothing,
    /// Note the stored generation, read the stored collection, then call
    /// [`CollectionSync::loaded`] with both.
    Load,
    /// Let the browser paint, then call [`CollectionSync::restore_next`].
    Restore,
    /// Let the browser paint the progress, then call [`CollectionSync::read_next`].
    ReadFile,
    /// Store one batch's changes (one file's or several files') in one transaction, bump the
    /// stored generation, then call [`CollectionSync::saved`] with the new generation (or the error).
    Save(Changes),
    /// As [`Command::Save`], and meanwhile let the browser paint, then call
    /// [`CollectionSync::read_next`]: the next batch is read while the browser writes this one
    /// (it waited about 80 ms for each batch of a thousand records).
    SaveAndRead(Changes),
    /// Store the secretariat's ruling (`chosen` kept, `replaced` set aside), bump the
    /// generation, then call [`CollectionSync::kept`].
    Keep { chosen: Record, replaced: Record },
    /// Empty the stored collection, bump the generation, then call [`CollectionSync::cleared`].
    Clear,
}

/// What went wrong, for the page to word (`messages`).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Occurs when the stored collection could not be read: memory keeps what it held.
    NotLoaded(store::Error),
    /// Occurs when a batch of files' records could not be stored: the import stopped at `file`
    /// (the batch's first: nothing of the batch was stored), and memory is read again from the
    /// store, so the page never shows what a reload would lose.
    NotSaved { file: String, error: store::Error },
    /// Occurs when a ruling could not be stored: memory is read again from the store.
    NotKept(store::Error),
    /// Occurs when the stored collection could not be emptied: memory keeps what it held.
    NotCleared(store::Error),
}

/// Where reading the store stands.
enum Reading {
    Idle,
    /// [`Command::Load`] is out.
    Store,
    /// Read; the kept records not yet taken into memory.
    Restoring(std::vec::IntoIter<Record>),
}

/// A clear the person confirmed.
#[derive(PartialEq)]
enum Clearing {
    No,
    /// Asked for while other work ran: starts when it ends.
    Waiting,
    /// [`Command::Clear`] is out.
    Running,
}

/// The files of one import, read one at a time.
struct Import {
    /// Each file's bytes, or why the page could not open it (an envelope it has no key for).
    files: VecDeque<(String, Result<Vec<u8>, Rejection>)>,
    total: usize,
    /// Files read and stored.
    done: usize,
    /// Reading has begun: the import no longer waits for a load or a clear.
    started: bool,
    /// The stored generation when the files were chosen, checked once when reading begins: a
    /// change another tab made that this tab has not heard of yet is read first.
    seen: Option<u64>,
    /// The batch whose changes are being stored: its first file's name, and how many files.
    saving: Option<(String, usize)>,
    /// A [`CollectionSync::read_next`] is to come for [`Command::SaveAndRead`].
    reading: bool,
    /// The next batch, read while the one before is being stored: its first file, how many
    /// files, its changes.
    ready: Option<(String, usize, Changes)>,
    /// A large file being read in steps.
    large: Option<Large>,
}

impl Import {
    /// Whether files (or a large file's steps) are still to be read.
    fn more(&self) -> bool {
        !self.files.is_empty() || self.large.is_some()
    }
}

/// A file larger than [`LARGE_FILE`], read a slice at a time: parsed and checked, then its
/// records merged a batch at a time (its report is added with the last).
enum Large {
    Reading { name: String, reader: Box<Reader> },
    /// `of`: how many records the file holds.
    Merging { name: String, report: FileReport, records: std::vec::IntoIter<Record>, of: usize },
}

/// The collection the page holds, and the state of its work with the store.
///
/// Invariants: one [`Command::Load`] or [`Command::Restore`] out at a time, and one batch of an
/// import's files (read or being stored) at a time; an import reads nothing while a load or a clear
/// runs; memory is read again whenever it may differ from the store (a change another tab
/// made, a write that failed), but never in the middle of an import or under a load.
pub struct CollectionSync {
    collection: Collection,
    /// The stored generation this page last read or wrote.
    known: u64,
    reading: Reading,
    /// Another tab changed the store while this page was busy: read it again when the work ends.
    stale: bool,
    import: Option<Import>,
    clearing: Clearing,
    reports: Vec<FileReport>,
    problem: Option<Problem>,
    settled: u32,
    /// Records read per step of an import ([`IMPORT_BATCH`]).
    import_batch: usize,
    /// Files larger than this are read in steps ([`LARGE_FILE`]).
    large_file: usize,
}

impl Default for CollectionSync {
    fn default() -> Self {
        CollectionSync::with_import_batch(IMPORT_BATCH)
    }
}

impl CollectionSync {
    /// A machine whose imports read `records` records per step (whole files, at least one) and
    /// store each step's changes in one transaction: [`IMPORT_BATCH`] on the page; tests use 1
    /// to store each file on its own.
    pub fn with_import_batch(records: usize) -> Self {
        CollectionSync {
            collection: Collection::default(),
            known: 0,
            reading: Reading::Idle,
            stale: false,
            import: None,
            clearing: Clearing::No,
            reports: Vec::new(),
            problem: None,
            settled: 0,
            import_batch: records.max(1),
            large_file: LARGE_FILE,
        }
    }

    /// The machine, reading files larger than `bytes` in steps (tests; [`LARGE_FILE`] on the page).
    pub fn reading_in_steps_above(mut self, bytes: usize) -> Self {
        self.large_file = bytes;
        self
    }
}

impl CollectionSync {
    /// The collection as the page holds it.
    pub fn collection(&self) -> &Collection {
        &self.collection
    }

    /// Whether the store is being read (the page says "Loading…" rather than a partial count).
    pub fn loading(&self) -> bool {
        !matches!(self.reading, Reading::Idle)
    }

    /// Whether another tab changed the store and this page will read it again when its work ends.
    pub fn stale(&self) -> bool {
        self.stale
    }

    /// Files of the running (or waiting) import read so far, and how many were chosen.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.import.as_ref().map(|i| (i.done, i.total))
    }

    /// How far the large file being read is, from 0 to 1 (reading and checking it most of the
    /// way, merging and storing its records the rest), while one is: a file of 100,000 records
    /// takes seconds, and its count of files read stays at 0 until it ends.
    pub fn large_file_done(&self) -> Option<f64> {
        Some(match self.import.as_ref()?.large.as_ref()? {
            Large::Reading { reader, .. } => 0.7 * reader.done(),
            Large::Merging { records, of, .. } => 0.7 + 0.3 * (1.0 - records.len() as f64 / (*of).max(1) as f64),
        })
    }

    /// What each file of the last import brought, in the order read.
    pub fn reports(&self) -> &[FileReport] {
        &self.reports
    }

    /// The last thing that went wrong; cleared when an import starts.
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// Moves each time the collection comes to rest changed (a load, an import, a clear or a
    /// ruling ended): the page draws its records again then, not after every file.
    pub fn settled(&self) -> u32 {
        self.settled
    }

    /// The page opened: read the store.
    pub fn opened(&mut self) -> Command {
        self.reload()
    }

    /// Another tab changed the store: read it now, or once this page's work ends. Every change
    /// heard counts, whatever number it carries: two tabs can bump the counter to the same value.
    pub fn other_tab_changed(&mut self) -> Command {
        self.reload()
    }

    /// The store was read after [`Command::Load`], when its generation was `generation`.
    pub fn loaded(&mut self, generation: u64, read: Result<(Vec<Record>, Vec<Record>), store::Error>) -> Command {
        if !matches!(self.reading, Reading::Store) {
            return Command::Nothing;
        }
        match read {
            Ok((kept, set_aside)) => {
                self.known = generation;
                self.collection.restore(Vec::new(), set_aside);
                self.reading = Reading::Restoring(kept.into_iter());
                Command::Restore
            }
            Err(e) => {
                self.problem = Some(Problem::NotLoaded(e));
                self.reading = Reading::Idle;
                self.next()
            }
        }
    }

    /// Takes the next batch of the records read into memory; the load ends with the last one.
    pub fn restore_next(&mut self) -> Command {
        let Reading::Restoring(rest) = &mut self.reading else { return Command::Nothing };
        self.collection.restore_more(rest.by_ref().take(RESTORE_BATCH).collect());
        if rest.len() > 0 {
            return Command::Restore;
        }
        self.reading = Reading::Idle;
        self.settle();
        self.next()
    }

    /// The person chose (or dropped) files; `stored` is the store's generation now. Ignored
    /// while an import runs; waits while a load or a clear runs.
    pub fn files_chosen(&mut self, files: Vec<(String, Vec<u8>)>, stored: u64) -> Command {
        self.files_opened(files.into_iter().map(|(name, bytes)| (name, Ok(bytes))).collect(), stored)
    }

    /// As [`CollectionSync::files_chosen`], with the files the page opened first: an encrypted
    /// file is decrypted there (WebCrypto), and one it could not open comes with its rejection,
    /// reported in its turn like any refused file.
    pub fn files_opened(&mut self, files: Vec<(String, Result<Vec<u8>, Rejection>)>, stored: u64) -> Command {
        if files.is_empty() || self.import.is_some() {
            return Command::Nothing;
        }
        self.problem = None;
        self.reports.clear();
        let total = files.len();
        self.import = Some(Import { files: files.into(), total, done: 0, started: false, seen: Some(stored), saving: None, reading: false, ready: None, large: None });
        self.next()
    }

    /// Reads the next files of the import into the collection, whole files until they hold the
    /// batch's number of records; their changes are stored in one transaction, while the batch
    /// after is read. Memory is never more than that one batch ahead of the store: a closed tab
    /// keeps every batch stored, and the next is read only once the one before is written.
    pub fn read_next(&mut self) -> Command {
        let Some(import) = self.import.as_mut().filter(|i| i.started && i.ready.is_none()) else { return Command::Nothing };
        import.reading = false;
        let (mut first, mut files, mut records) = (None, 0, 0);
        match import.large.take() {
            // Parsing and checking take 20–40 µs a record: a batch a step (at 1,000, a step took
            // over 50 ms on a busy machine).
            Some(Large::Reading { name, mut reader }) => match reader.step(self.import_batch, crate::forms::versions()) {
                Step::More => {
                    import.large = Some(Large::Reading { name, reader });
                    import.reading = true;
                    return Command::ReadFile;
                }
                Step::Read(bundle) => {
                    let mut report = FileReport { file: name.clone(), ..FileReport::default() };
                    if bundle.kind() == Kind::Backup {
                        report.rejected = Some(Rejection::Backup { file: name.clone() });
                    }
                    let records = if report.rejected.is_some() { Vec::new() } else { bundle.into_records() };
                    let of = records.len();
                    import.large = Some(Large::Merging { name, report, records: records.into_iter(), of });
                    import.reading = true;
                    return Command::ReadFile;
                }
                // Something out of the ordinary: the file is read in one go, which words it.
                Step::InOneGo => {
                    let reports = self.collection.add_file(&name, &reader.into_file());
                    records += reports.iter().map(|r| (r.accepted + r.duplicates + r.conflicts).max(1)).sum::<usize>();
                    self.reports.extend(reports);
                    first = Some(name);
                    files = 1;
                }
            },
            Some(Large::Merging { name, mut report, records: mut left, of }) => {
                // Larger batches than for whole files: nothing to parse.
                let step = MERGE_BATCHES * self.import_batch;
                for r in left.by_ref().take(step) {
                    self.collection.add(r, &mut report);
                }
                // Stored every STORE_STEPS steps (and at the end): merged meanwhile, their
                // changes wait in the collection, as a batch of small files' do.
                if left.len() > 0 && (of - left.len()) % (STORE_STEPS * step) != 0 {
                    import.large = Some(Large::Merging { name, report, records: left, of });
                    import.reading = true;
                    return Command::ReadFile;
                }
                records = self.import_batch;
                first = Some(name.clone());
                if left.len() == 0 {
                    self.reports.push(report);
                    files = 1;
                } else {
                    import.large = Some(Large::Merging { name, report, records: left, of });
                }
            }
            None => {}
        }
        while records < self.import_batch && import.large.is_none() {
            let Some((name, opened)) = import.files.pop_front() else { break };
            let opened = match opened {
                Ok(bytes) if bytes.len() > self.large_file => match Reader::of(bytes) {
                    Ok(reader) if first.is_some() => {
                        // Read after this batch.
                        import.files.push_front((name, Ok(reader.into_file())));
                        break;
                    }
                    Ok(reader) => {
                        import.large = Some(Large::Reading { name, reader: Box::new(reader) });
                        import.reading = true;
                        return Command::ReadFile;
                    }
                    Err(bytes) => Ok(bytes),
                },
                other => other,
            };
            let reports = match opened {
                // One report per bundle: a zip may hold several.
                Ok(bytes) => self.collection.add_file(&name, &bytes),
                Err(rejected) => vec![FileReport { file: name.clone(), rejected: Some(rejected), ..FileReport::default() }],
            };
            // A refused file counts one: reading it took time too.
            records += reports.iter().map(|r| (r.accepted + r.duplicates + r.conflicts).max(1)).sum::<usize>();
            self.reports.extend(reports);
            first.get_or_insert(name);
            files += 1;
        }
        let Some(first) = first else {
            // No file left: the import ends once the batch being stored is.
            return if import.saving.is_some() { Command::Nothing } else { self.end_import() };
        };
        let changes = self.collection.take_changes();
        if import.saving.is_some() {
            import.ready = Some((first, files, changes));
            return Command::Nothing;
        }
        self.store_batch(first, files, changes)
    }

    /// Stores a batch read (nothing being stored), or goes on when it changed nothing.
    fn store_batch(&mut self, first: String, files: usize, changes: Changes) -> Command {
        let Some(import) = self.import.as_mut() else { return Command::Nothing };
        if changes.kept.is_empty() && changes.set_aside.is_empty() {
            import.done += files;
            return self.after_file();
        }
        import.saving = Some((first, files));
        if !import.more() {
            return Command::Save(changes);
        }
        import.reading = true;
        Command::SaveAndRead(changes)
    }

    /// A batch's changes were stored (`Ok` with the generation it bumped the store to), or not.
    pub fn saved(&mut self, outcome: Result<u64, store::Error>) -> Command {
        let Some(import) = self.import.as_mut() else { return Command::Nothing };
        let Some((file, files)) = import.saving.take() else { return Command::Nothing };
        match outcome {
            Ok(generation) => {
                self.known = generation;
                import.done += files;
                if let Some((first, files, changes)) = import.ready.take() {
                    return self.store_batch(first, files, changes);
                }
                // The batch after is still to be read: its read stores it.
                if import.reading {
                    return Command::Nothing;
                }
                self.after_file()
            }
            Err(error) => {
                // Nothing of the batch was stored, so the import stopped at its first file; the
                // files after it are not read (a batch read meanwhile is dropped with memory):
                // each would be merged into a memory the store does not hold.
                self.problem = Some(Problem::NotSaved { file, error });
                self.import = None;
                self.reload()
            }
        }
    }

    /// The person confirmed emptying the collection: now, or once this page's work ends.
    pub fn clear(&mut self) -> Command {
        if self.clearing != Clearing::No {
            return Command::Nothing;
        }
        self.clearing = Clearing::Waiting;
        self.next()
    }

    /// The store was emptied (`Ok` with the generation it was bumped to), or not.
    pub fn cleared(&mut self, outcome: Result<u64, store::Error>) -> Command {
        if self.clearing != Clearing::Running {
            return Command::Nothing;
        }
        self.clearing = Clearing::No;
        match outcome {
            Ok(generation) => {
                self.known = generation;
                self.collection = Collection::default();
                self.reports.clear();
                self.settle();
            }
            Err(e) => self.problem = Some(Problem::NotCleared(e)),
        }
        self.next()
    }

    /// The secretariat keeps the set-aside `copy` instead of the record kept with its id: memory
    /// at once, then the store. Nothing while the store is being emptied (the ruling would
    /// outlive the clear), or if `copy` is not set aside here.
    pub fn keep_instead(&mut self, copy: &Record) -> Command {
        if self.clearing == Clearing::Running {
            return Command::Nothing;
        }
        match self.collection.keep_instead(copy) {
            Some((chosen, replaced)) => Command::Keep { chosen, replaced },
            None => Command::Nothing,
        }
    }

    /// The ruling was stored (`Ok` with the generation it bumped the store to), or not.
    pub fn kept(&mut self, outcome: Result<u64, store::Error>) -> Command {
        match outcome {
            Ok(generation) => {
                self.known = generation;
                // A load running may have read the store before this write: read it again after.
                if self.loading() {
                    self.stale = true;
                }
                self.settle();
                Command::Nothing
            }
            Err(e) => {
                self.problem = Some(Problem::NotKept(e));
                self.reload()
            }
        }
    }

    /// Whether a load, an import or a clear runs (or an import waits for one).
    fn busy(&self) -> bool {
        self.loading() || self.import.is_some() || self.clearing == Clearing::Running
    }

    /// Reads the store now, or marks memory stale to read it once the work running ends.
    fn reload(&mut self) -> Command {
        if self.busy() {
            self.stale = true;
            return Command::Nothing;
        }
        self.load()
    }

    fn load(&mut self) -> Command {
        // Whatever was heard until now is in what this load reads.
        self.stale = false;
        self.reading = Reading::Store;
        Command::Load
    }

    /// Work ended: what waited starts, first a read of what another tab changed, then a clear,
    /// then an import.
    fn next(&mut self) -> Command {
        if self.loading() || self.clearing == Clearing::Running || self.import.as_ref().is_some_and(|i| i.started) {
            return Command::Nothing;
        }
        if self.stale {
            return self.load();
        }
        if self.clearing == Clearing::Waiting {
            self.clearing = Clearing::Running;
            return Command::Clear;
        }
        let known = self.known;
        let Some(import) = self.import.as_mut() else { return Command::Nothing };
        if import.seen.take().is_some_and(|g| g != known) {
            return self.load();
        }
        import.started = true;
        Command::ReadFile
    }

    fn after_file(&mut self) -> Command {
        match &self.import {
            Some(i) if i.more() => Command::ReadFile,
            _ => self.end_import(),
        }
    }

    fn end_import(&mut self) -> Command {
        self.import = None;
        let then = self.next();
        // A load that follows ends settled itself; drawing the records twice is not needed.
        if !matches!(then, Command::Load) {
            self.settle();
        }
        then
    }

    fn settle(&mut self) {
        self.settled = self.settled.wrapping_add(1);
    }
}
