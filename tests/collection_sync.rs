//! The secretariat's page as a state machine (`consolidate::sync`), without a browser: a store in
//! memory stands in for IndexedDB and the generation counter, and each test hands the machine
//! the events a page would, then checks what it asks for next and what the page would draw.

mod bundle_fixtures;

use bundle_fixtures::annex1_response;
use gcm_collector::bundle::Bundle;
use gcm_collector::consolidate::sync::{CollectionSync, Command, Problem, IMPORT_BATCH, RESTORE_BATCH};
use gcm_collector::consolidate::Changes;
use gcm_collector::forms;
use gcm_collector::record::Record;
use gcm_collector::store::{self, ErrorKind};

fn record(n: u32, country: &str) -> Record {
    annex1_response(&format!("a1000000-0000-4000-8000-{n:012}"), country, "yes")
}

fn revised(r: &Record, revision: u64, institution: &str) -> Record {
    let mut r = r.clone();
    r.revision = revision;
    r.answers.set_text("institution", institution);
    r
}

/// A file as the person chooses it: a bundle's JSON with these records.
fn file(name: &str, records: &[Record]) -> (String, Vec<u8>) {
    let bundle = Bundle::submission(records, forms::all(), "2026-11-22T12:00:00.000Z", "dev").unwrap();
    (name.to_string(), bundle.to_json().unwrap().into_bytes())
}

fn full() -> store::Error {
    ErrorKind::Full.into()
}

/// IndexedDB's collection and set-aside stores, and the generation counter in localStorage.
#[derive(Default)]
struct Store {
    kept: Vec<Record>,
    set_aside: Vec<Record>,
    generation: u64,
}

impl Store {
    fn bump(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    fn save(&mut self, changes: &Changes) -> u64 {
        for r in &changes.kept {
            match self.kept.iter_mut().find(|k| k.id == r.id) {
                Some(k) => *k = r.clone(),
                None => self.kept.push(r.clone()),
            }
        }
        self.set_aside.extend(changes.set_aside.iter().cloned());
        self.bump()
    }
}

/// Carries out `command` and every command that follows, as the page does, until the machine
/// asks for nothing; returns what was done, in order.
fn run(s: &mut CollectionSync, store: &mut Store, command: Command) -> Vec<&'static str> {
    run_watching(s, store, command, |_| {})
}

/// [`run`], with `watch` shown the machine after each step.
fn run_watching(s: &mut CollectionSync, store: &mut Store, mut command: Command, mut watch: impl FnMut(&CollectionSync)) -> Vec<&'static str> {
    let mut done = Vec::new();
    loop {
        assert!(done.len() < 1000, "the machine never rests: {:?}", &done[..20]);
        if !done.is_empty() {
            watch(s);
        }
        command = match command {
            Command::Nothing => return done,
            Command::Load => {
                done.push("load");
                s.loaded(store.generation, Ok((store.kept.clone(), store.set_aside.clone())))
            }
            Command::Restore => {
                done.push("restore");
                s.restore_next()
            }
            Command::ReadFile => {
                done.push("read");
                s.read_next()
            }
            Command::Save(changes) => {
                done.push("save");
                let generation = store.save(&changes);
                s.saved(Ok(generation))
            }
            // The next batch is read before the write ends (the page's usual order).
            Command::SaveAndRead(changes) => {
                done.push("save");
                done.push("read");
                // A large file's steps go on during the write.
                let mut next = s.read_next();
                while next == Command::ReadFile {
                    watch(s);
                    done.push("read");
                    next = s.read_next();
                }
                assert_eq!(next, Command::Nothing, "a batch read during a write waits for it");
                let generation = store.save(&changes);
                s.saved(Ok(generation))
            }
            Command::Keep { chosen, replaced } => {
                done.push("keep");
                store.set_aside.retain(|a| !a.same_content(&chosen));
                store.set_aside.push(replaced);
                let generation = store.save(&Changes { kept: vec![chosen], set_aside: Vec::new() });
                s.kept(Ok(generation))
            }
            Command::Clear => {
                done.push("clear");
                store.kept.clear();
                store.set_aside.clear();
                let generation = store.bump();
                s.cleared(Ok(generation))
            }
        }
    }
}

/// A page opened on `store`, its first load done, storing each file of an import on its own
/// (a batch of one record): the tests below follow one file at a time; those after them, the
/// page's batches.
fn opened(store: &mut Store) -> CollectionSync {
    opened_with(store, CollectionSync::with_import_batch(1))
}

fn opened_with(store: &mut Store, mut s: CollectionSync) -> CollectionSync {
    let first = s.opened();
    run(&mut s, store, first);
    s
}

#[test]
fn the_page_reads_the_store_when_it_opens_and_takes_the_records_a_batch_at_a_time() {
    let mut store = Store { generation: 7, ..Store::default() };
    store.kept = (0..RESTORE_BATCH as u32 * 2 + 1).map(|n| record(n, "CHL")).collect();
    store.set_aside = vec![revised(&store.kept[0], 0, "older")];
    let mut s = CollectionSync::default();
    assert_eq!(s.opened(), Command::Load);
    assert!(s.loading(), "the page says it is loading, not a partial count");
    let settled = s.settled();
    assert_eq!(s.loaded(7, Ok((store.kept.clone(), store.set_aside.clone()))), Command::Restore);
    assert_eq!(s.restore_next(), Command::Restore);
    assert_eq!(s.collection().records().len(), RESTORE_BATCH);
    assert_eq!(s.restore_next(), Command::Restore);
    assert!(s.loading());
    assert_eq!(s.settled(), settled, "records are drawn when the load ends, not per batch");
    assert_eq!(s.restore_next(), Command::Nothing);
    assert!(!s.loading());
    assert_ne!(s.settled(), settled);
    assert_eq!(s.collection().records().len(), RESTORE_BATCH * 2 + 1);
    assert_eq!(s.collection().set_aside().len(), 1);
    assert_eq!(s.problem(), None);
}

#[test]
fn a_store_that_cannot_be_read_is_said_and_memory_keeps_what_it_held() {
    let mut s = CollectionSync::default();
    assert_eq!(s.opened(), Command::Load);
    assert_eq!(s.loaded(0, Err(ErrorKind::Unavailable("blocked".into()).into())), Command::Nothing);
    assert!(!s.loading());
    assert!(matches!(s.problem(), Some(Problem::NotLoaded(_))));
}

#[test]
fn an_import_asked_for_during_a_load_waits_for_it_and_starts_when_it_ends() {
    let mut store = Store::default();
    let mut s = CollectionSync::default();
    assert_eq!(s.opened(), Command::Load);
    assert_eq!(s.files_chosen(vec![file("a.json", &[record(1, "CHL"), record(2, "PER")])], 0), Command::Nothing);
    assert_eq!(s.progress(), Some((0, 1)), "the progress shows at once");
    assert_eq!(s.read_next(), Command::Nothing, "no file is read under a load");
    assert_eq!(s.loaded(0, Ok((Vec::new(), Vec::new()))), Command::Restore);
    // The load's end starts the import: nothing polls for it.
    assert_eq!(s.restore_next(), Command::ReadFile);
    assert_eq!(run(&mut s, &mut store, Command::ReadFile), ["read", "save"]);
    assert_eq!(s.progress(), None);
    assert_eq!(s.reports().len(), 1);
    assert_eq!(s.reports()[0].accepted, 2);
    assert_eq!(store.kept.len(), 2);
    assert_eq!(store.generation, 1);
}

#[test]
fn another_tab_s_change_when_idle_is_read_at_once() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    store.kept.push(record(1, "CHL"));
    store.bump();
    assert_eq!(s.other_tab_changed(), Command::Load);
    assert_eq!(run(&mut s, &mut store, Command::Load), ["load", "restore"]);
    assert_eq!(s.collection().records().len(), 1);
}

#[test]
fn two_changes_heard_during_one_load_read_the_store_once_more_not_twice() {
    let mut store = Store::default();
    let mut s = CollectionSync::default();
    assert_eq!(s.opened(), Command::Load);
    assert_eq!(s.other_tab_changed(), Command::Nothing);
    assert_eq!(s.other_tab_changed(), Command::Nothing);
    assert!(s.stale());
    assert_eq!(s.loaded(0, Ok((Vec::new(), Vec::new()))), Command::Restore);
    assert_eq!(s.restore_next(), Command::Load, "the changes heard are read once the load ends");
    assert!(!s.stale(), "that one load reads both changes");
    assert_eq!(run(&mut s, &mut store, Command::Load), ["load", "restore"]);
    assert!(!s.loading());
}

#[test]
fn another_tab_s_change_during_an_import_is_read_once_the_import_ends() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let files = vec![file("a.json", &[record(1, "CHL")]), file("b.json", &[record(2, "PER")])];
    assert_eq!(s.files_chosen(files, store.generation), Command::ReadFile);
    let Command::SaveAndRead(changes) = s.read_next() else { panic!("a.json brings a record, b.json is to read") };
    // The other tab keeps a record while this one stores a.json.
    store.kept.push(record(3, "MEX"));
    store.bump();
    assert_eq!(s.other_tab_changed(), Command::Nothing, "no load in the middle of an import");
    assert!(s.stale());
    let generation = store.save(&changes);
    assert_eq!(s.saved(Ok(generation)), Command::Nothing, "the import goes on: b.json's read is to come");
    assert_eq!(run(&mut s, &mut store, Command::ReadFile), ["read", "save", "load", "restore"]);
    assert!(!s.stale());
    assert_eq!(s.progress(), None);
    assert_eq!(s.collection().records().len(), 2 + 1, "both files and the other tab's record");
}

#[test]
fn an_import_first_reads_a_change_made_before_its_files_were_chosen_but_not_heard_yet() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    store.kept.push(record(3, "MEX"));
    store.bump();
    // The storage event is still on its way; the counter already says the store moved.
    let files = vec![file("a.json", &[record(1, "CHL")])];
    assert_eq!(s.files_chosen(files, store.generation), Command::Load);
    assert_eq!(run(&mut s, &mut store, Command::Load), ["load", "restore", "read", "save"]);
    assert_eq!(s.collection().records().len(), 2);
}

#[test]
fn a_failed_save_reads_the_store_again_and_stops_the_import_naming_the_file() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let files = vec![
        file("a.json", &[record(1, "CHL")]),
        file("b.json", &[record(2, "PER")]),
        file("c.json", &[record(3, "MEX")]),
    ];
    assert_eq!(s.files_chosen(files, store.generation), Command::ReadFile);
    let Command::SaveAndRead(changes) = s.read_next() else { panic!("a.json is stored") };
    let generation = store.save(&changes);
    assert_eq!(s.saved(Ok(generation)), Command::Nothing, "b.json's read is to come");
    assert!(matches!(s.read_next(), Command::SaveAndRead(_)));
    assert_eq!(s.collection().records().len(), 2, "b.json is in memory, not in the store");
    assert_eq!(s.saved(Err(full())), Command::Load, "memory goes back to what is stored");
    assert_eq!(s.problem(), Some(&Problem::NotSaved { file: "b.json".into(), error: full() }));
    assert_eq!(s.progress(), None, "the import stopped");
    assert_eq!(s.read_next(), Command::Nothing, "c.json is never read");
    assert_eq!(run(&mut s, &mut store, Command::Load), ["load", "restore"]);
    assert_eq!(s.collection().records().len(), 1, "only what the store holds");
    assert_eq!(s.reports().len(), 2, "the reports of the files read stay");
}

#[test]
fn progress_counts_the_files_read_and_stored() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let a = file("a.json", &[record(1, "CHL")]);
    let files = vec![a.clone(), a, ("notes.txt".to_string(), b"not a bundle".to_vec()), file("c.json", &[record(3, "MEX")])];
    assert_eq!(s.progress(), None);
    assert_eq!(s.files_chosen(files, store.generation), Command::ReadFile);
    assert_eq!(s.progress(), Some((0, 4)));
    let Command::SaveAndRead(changes) = s.read_next() else { panic!("a.json brings a record") };
    assert_eq!(s.progress(), Some((0, 4)), "a file counts once it is stored");
    let generation = store.save(&changes);
    assert_eq!(s.saved(Ok(generation)), Command::Nothing, "the next file's read is to come");
    assert_eq!(s.progress(), Some((1, 4)));
    // The same file again is all duplicates, and a refused file adds nothing: nothing to store.
    assert_eq!(s.read_next(), Command::ReadFile);
    assert_eq!(s.progress(), Some((2, 4)));
    assert_eq!(s.read_next(), Command::ReadFile);
    assert_eq!(s.progress(), Some((3, 4)));
    assert!(matches!(s.read_next(), Command::Save(_)));
    assert_eq!(s.progress(), Some((3, 4)));
    let settled = s.settled();
    assert_eq!(s.saved(Ok(store.bump())), Command::Nothing);
    assert_eq!(s.progress(), None, "the progress goes when the import ends");
    assert_ne!(s.settled(), settled, "the records are drawn again");
    let counts: Vec<_> = s.reports().iter().map(|r| (r.accepted, r.duplicates, r.rejected.is_some())).collect();
    assert_eq!(counts, [(1, 0, false), (0, 1, false), (0, 0, true), (1, 0, false)]);
}

#[test]
fn files_chosen_while_an_import_runs_are_left_alone() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    assert_eq!(s.files_chosen(vec![file("a.json", &[record(1, "CHL")])], store.generation), Command::ReadFile);
    assert_eq!(s.files_chosen(vec![file("b.json", &[record(2, "PER")])], store.generation), Command::Nothing);
    assert_eq!(s.progress(), Some((0, 1)));
    assert_eq!(s.files_chosen(Vec::new(), store.generation), Command::Nothing);
}

#[test]
fn a_new_import_forgets_the_last_one_s_reports_and_problem() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    assert_eq!(s.files_chosen(vec![file("a.json", &[record(1, "CHL")])], store.generation), Command::ReadFile);
    assert!(matches!(s.read_next(), Command::Save(_)));
    assert_eq!(s.saved(Err(full())), Command::Load);
    run(&mut s, &mut store, Command::Load);
    assert!(s.problem().is_some());
    assert_eq!(s.files_chosen(vec![file("b.json", &[record(2, "PER")])], store.generation), Command::ReadFile);
    assert_eq!(s.problem(), None);
    assert!(s.reports().is_empty());
}

#[test]
fn clearing_empties_memory_and_the_reports_once_the_store_is_empty() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let first = s.files_chosen(vec![file("a.json", &[record(1, "CHL")])], store.generation);
    run(&mut s, &mut store, first);
    assert_eq!(s.reports().len(), 1);
    assert_eq!(s.clear(), Command::Clear);
    assert_eq!(s.collection().records().len(), 1, "memory follows the store, not the request");
    let settled = s.settled();
    assert_eq!(s.cleared(Ok(store.bump())), Command::Nothing);
    assert!(s.collection().records().is_empty());
    assert!(s.reports().is_empty());
    assert_ne!(s.settled(), settled);
}

#[test]
fn a_clear_that_fails_is_said_and_memory_keeps_what_it_held() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let first = s.files_chosen(vec![file("a.json", &[record(1, "CHL")])], store.generation);
    run(&mut s, &mut store, first);
    assert_eq!(s.clear(), Command::Clear);
    assert_eq!(s.cleared(Err(full())), Command::Nothing);
    assert_eq!(s.problem(), Some(&Problem::NotCleared(full())));
    assert_eq!(s.collection().records().len(), 1);
}

#[test]
fn a_clear_asked_for_during_an_import_waits_for_its_end() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let files = vec![file("a.json", &[record(1, "CHL")]), file("b.json", &[record(2, "PER")])];
    assert_eq!(s.files_chosen(files, store.generation), Command::ReadFile);
    assert_eq!(s.clear(), Command::Nothing);
    assert_eq!(run(&mut s, &mut store, Command::ReadFile), ["read", "save", "read", "save", "clear"]);
    assert!(store.kept.is_empty());
    assert!(s.collection().records().is_empty());
}

#[test]
fn keeping_a_set_aside_copy_changes_memory_at_once_and_stores_the_ruling() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let peru = record(2, "PER");
    let newer = revised(&peru, 5, "Cancillería — revisada");
    let files = vec![file("a.json", std::slice::from_ref(&peru)), file("b.json", std::slice::from_ref(&newer))];
    let first = s.files_chosen(files, store.generation);
    run(&mut s, &mut store, first);
    let older = s.collection().set_aside_of(&peru.id).next().unwrap().clone();
    let settled = s.settled();
    let Command::Keep { chosen, replaced } = s.keep_instead(&older) else { panic!("the older copy is set aside") };
    assert_eq!((chosen.revision, replaced.revision), (0, 5));
    assert_eq!(s.collection().get(&peru.id).unwrap().revision, 0, "memory at once");
    assert_eq!(s.settled(), settled, "drawn once the store has it");
    assert_eq!(s.kept(Ok(store.bump())), Command::Nothing);
    assert_ne!(s.settled(), settled);
    assert_eq!(s.keep_instead(&record(9, "ARG")), Command::Nothing, "a copy not set aside here");
}

#[test]
fn a_ruling_that_cannot_be_stored_reads_the_store_again() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let peru = record(2, "PER");
    let files = vec![file("a.json", std::slice::from_ref(&peru)), file("b.json", &[revised(&peru, 5, "revisada")])];
    let first = s.files_chosen(files, store.generation);
    run(&mut s, &mut store, first);
    let older = s.collection().set_aside_of(&peru.id).next().unwrap().clone();
    assert!(matches!(s.keep_instead(&older), Command::Keep { .. }));
    assert_eq!(s.kept(Err(full())), Command::Load);
    assert_eq!(s.problem(), Some(&Problem::NotKept(full())));
    run(&mut s, &mut store, Command::Load);
    assert_eq!(s.collection().get(&peru.id).unwrap().revision, 5, "back to the stored ruling");
}

#[test]
fn a_ruling_stored_under_a_load_reads_the_store_once_more() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let peru = record(2, "PER");
    let files = vec![file("a.json", std::slice::from_ref(&peru)), file("b.json", &[revised(&peru, 5, "revisada")])];
    let first = s.files_chosen(files, store.generation);
    run(&mut s, &mut store, first);
    let older = s.collection().set_aside_of(&peru.id).next().unwrap().clone();
    let Command::Keep { .. } = s.keep_instead(&older) else { panic!("set aside") };
    // Another tab's change starts a load, which may read the store before the ruling is in it.
    assert_eq!(s.other_tab_changed(), Command::Load);
    assert_eq!(s.kept(Ok(store.bump())), Command::Nothing);
    assert!(s.stale());
}

/// The end-to-end test's two tabs, natively: each reads what the other stored before it merges.
#[test]
fn two_tabs_never_write_over_what_the_other_kept() {
    let mut store = Store::default();
    let mut a = opened(&mut store);
    let mut b = opened(&mut store);
    let peru = record(2, "PER");
    let first = a.files_chosen(vec![file("01.json", &[record(1, "CHL"), peru.clone()])], store.generation);
    run(&mut a, &mut store, first);
    let heard = b.other_tab_changed();
    run(&mut b, &mut store, heard);
    let first = b.files_chosen(vec![file("04.json", &[revised(&peru, 5, "revisada")])], store.generation);
    run(&mut b, &mut store, first);
    // Tab A has not heard yet: the counter it is given says the store moved.
    let first = a.files_chosen(vec![file("peru_3.json", &[revised(&peru, 3, "tres")])], store.generation);
    assert_eq!(run(&mut a, &mut store, first), ["load", "restore", "read", "save"]);
    assert_eq!(a.reports()[0].conflicts, 1);
    let stored = store.kept.iter().find(|r| r.id == peru.id).unwrap();
    assert_eq!(stored.revision, 5, "revision 5 stays kept");
    assert_eq!(store.set_aside.len(), 2);
}

#[test]
fn a_ruling_asked_for_while_the_store_is_emptied_is_left_alone() {
    let mut store = Store::default();
    let mut s = opened(&mut store);
    let peru = record(2, "PER");
    let files = vec![file("a.json", std::slice::from_ref(&peru)), file("b.json", &[revised(&peru, 5, "revisada")])];
    let first = s.files_chosen(files, store.generation);
    run(&mut s, &mut store, first);
    let older = s.collection().set_aside_of(&peru.id).next().unwrap().clone();
    assert_eq!(s.clear(), Command::Clear);
    assert_eq!(s.keep_instead(&older), Command::Nothing, "it would outlive the clear");
    assert_eq!(s.collection().get(&peru.id).unwrap().revision, 5);
}

/// `n` files of `per_file` records each, numbered from `from`.
fn files(n: u32, per_file: u32, from: u32) -> Vec<(String, Vec<u8>)> {
    (0..n)
        .map(|f| {
            let records: Vec<Record> = (0..per_file).map(|k| record(from + f * per_file + k, "CHL")).collect();
            file(&format!("f{f:02}.json"), &records)
        })
        .collect()
}

#[test]
fn the_page_reads_whole_files_a_batch_of_records_at_a_time_and_stores_each_batch_once() {
    let mut store = Store::default();
    let mut s = opened_with(&mut store, CollectionSync::default());
    let per_file = 100;
    let n = (IMPORT_BATCH as u32 / per_file) * 2 + 1;
    assert_eq!(s.files_chosen(files(n, per_file, 0), store.generation), Command::ReadFile);
    let Command::SaveAndRead(first) = s.read_next() else { panic!("the first batch brings records") };
    assert_eq!(first.kept.len(), IMPORT_BATCH, "whole files up to the batch's records");
    assert_eq!(s.reports().len(), IMPORT_BATCH / per_file as usize, "a report per file read");
    assert_eq!(s.progress(), Some((0, n as usize)), "files count once they are stored");
    assert_eq!(s.saved(Ok(store.save(&first))), Command::Nothing, "the second batch's read is to come");
    assert_eq!(s.progress(), Some((IMPORT_BATCH / per_file as usize, n as usize)));
    assert_eq!(run(&mut s, &mut store, Command::ReadFile), ["read", "save", "read", "save"], "the last file alone");
    assert_eq!(store.generation, 3, "one write per batch");
    assert_eq!(store.kept.len(), (n * per_file) as usize);
    assert_eq!(s.reports().len(), n as usize);
    assert_eq!(s.progress(), None);
}

#[test]
fn a_file_larger_than_a_batch_is_read_whole_in_a_step_of_its_own() {
    let mut store = Store::default();
    let mut s = opened_with(&mut store, CollectionSync::default());
    let big = files(1, IMPORT_BATCH as u32 + 5, 0).remove(0);
    let small = files(1, 1, 10_000).remove(0);
    assert_eq!(s.files_chosen(vec![big, small], store.generation), Command::ReadFile);
    assert_eq!(run(&mut s, &mut store, Command::ReadFile), ["read", "save", "read", "save"]);
    assert_eq!(store.kept.len(), IMPORT_BATCH + 6);
}

#[test]
fn a_batch_that_cannot_be_stored_stops_the_import_at_its_first_file_and_keeps_nothing_of_it() {
    let mut store = Store::default();
    let mut s = opened_with(&mut store, CollectionSync::default());
    let per_file = 100;
    let n = (IMPORT_BATCH as u32 / per_file) * 3;
    assert_eq!(s.files_chosen(files(n, per_file, 0), store.generation), Command::ReadFile);
    let Command::SaveAndRead(first) = s.read_next() else { panic!("the first batch brings records") };
    assert_eq!(s.saved(Ok(store.save(&first))), Command::Nothing);
    assert!(matches!(s.read_next(), Command::SaveAndRead(_)));
    assert_eq!(s.saved(Err(full())), Command::Load);
    let stopped_at = format!("f{:02}.json", IMPORT_BATCH as u32 / per_file);
    assert_eq!(s.problem(), Some(&Problem::NotSaved { file: stopped_at, error: full() }));
    assert_eq!(run(&mut s, &mut store, Command::Load)[0], "load");
    assert_eq!(s.collection().records().len(), IMPORT_BATCH, "the first batch only");
    assert_eq!(s.reports().len(), 2 * IMPORT_BATCH / per_file as usize, "the reports of both batches read stay");
}

#[test]
fn files_with_nothing_new_are_counted_with_their_batch_and_ask_for_no_write() {
    let mut store = Store::default();
    let mut s = opened_with(&mut store, CollectionSync::default());
    let same = files(3, 10, 0);
    assert_eq!(s.files_chosen(same.clone(), store.generation), Command::ReadFile);
    assert_eq!(run(&mut s, &mut store, Command::ReadFile), ["read", "save"]);
    assert_eq!(s.files_chosen(same, store.generation), Command::ReadFile);
    assert_eq!(run(&mut s, &mut store, Command::ReadFile), ["read"], "all duplicates: nothing to store");
    assert_eq!(store.generation, 1);
    let counts: Vec<_> = s.reports().iter().map(|r| (r.accepted, r.duplicates)).collect();
    assert_eq!(counts, [(0, 10); 3]);
    assert_eq!(s.progress(), None);
}

#[test]
fn the_next_batch_is_read_while_one_is_written_and_stored_when_that_write_ends() {
    let mut store = Store::default();
    let mut s = opened_with(&mut store, CollectionSync::default());
    let per_file = 100;
    let n = (IMPORT_BATCH as u32 / per_file) * 3;
    assert_eq!(s.files_chosen(files(n, per_file, 0), store.generation), Command::ReadFile);
    let Command::SaveAndRead(first) = s.read_next() else { panic!("the first batch is written while the next is read") };
    assert_eq!(s.read_next(), Command::Nothing, "the second batch waits for the first's write");
    assert_eq!(s.collection().records().len(), 2 * IMPORT_BATCH, "both batches in memory");
    assert_eq!(s.read_next(), Command::Nothing, "never more than one batch ahead of the store");
    assert_eq!(s.collection().records().len(), 2 * IMPORT_BATCH);
    assert_eq!(s.progress(), Some((0, n as usize)));
    let Command::SaveAndRead(second) = s.saved(Ok(store.save(&first))) else { panic!("the second batch is written next") };
    assert_eq!(s.progress(), Some((IMPORT_BATCH / per_file as usize, n as usize)));
    assert_eq!(second.kept.len(), IMPORT_BATCH);
    assert_eq!(second.kept[0].id, record(IMPORT_BATCH as u32, "CHL").id);
    assert_eq!(s.saved(Ok(store.save(&second))), Command::Nothing, "the last batch's read is to come");
    assert_eq!(run(&mut s, &mut store, Command::ReadFile), ["read", "save"]);
    assert_eq!(store.kept.len(), 3 * IMPORT_BATCH);
    assert_eq!(store.generation, 3);
    assert_eq!(s.progress(), None);
}

#[test]
fn a_write_that_fails_while_the_next_batch_waits_drops_that_batch_with_memory() {
    let mut store = Store::default();
    let mut s = opened_with(&mut store, CollectionSync::default());
    let per_file = 100;
    let n = (IMPORT_BATCH as u32 / per_file) * 3;
    assert_eq!(s.files_chosen(files(n, per_file, 0), store.generation), Command::ReadFile);
    let Command::SaveAndRead(_) = s.read_next() else { panic!("the first batch is written while the next is read") };
    assert_eq!(s.read_next(), Command::Nothing);
    assert_eq!(s.saved(Err(full())), Command::Load, "memory goes back to what is stored");
    assert_eq!(s.problem(), Some(&Problem::NotSaved { file: "f00.json".into(), error: full() }));
    assert_eq!(s.read_next(), Command::Nothing, "nothing more is read");
    assert_eq!(run(&mut s, &mut store, Command::Load), ["load", "restore"]);
    assert!(s.collection().records().is_empty());
    assert_eq!(s.reports().len(), 2 * IMPORT_BATCH / per_file as usize, "the reports of the files read stay");
}

/// `chosen` imported by the page `s` (opened on an empty store), to its end: the store, the
/// page, and what it did.
fn imported(s: CollectionSync, chosen: &[(String, Vec<u8>)]) -> (Store, CollectionSync, Vec<&'static str>) {
    let mut store = Store::default();
    let mut s = opened_with(&mut store, s);
    assert_eq!(s.files_chosen(chosen.to_vec(), store.generation), Command::ReadFile);
    let done = run(&mut s, &mut store, Command::ReadFile);
    assert_eq!(s.progress(), None, "the import ended");
    (store, s, done)
}

#[test]
fn a_large_file_is_read_a_slice_at_a_time_and_stored_a_batch_at_a_time_as_it_would_be_whole() {
    let big = files(1, 45, 0).remove(0);
    let mut chosen = files(1, 1, 10_000);
    chosen.push(big.clone());
    chosen.extend(files(1, 2, 20_000));
    let (whole_store, whole, _) = imported(CollectionSync::with_import_batch(10), &chosen);
    let (store, s, done) = imported(CollectionSync::with_import_batch(10).reading_in_steps_above(big.1.len() - 1), &chosen);
    assert_eq!(store.kept, whole_store.kept, "the same records stored, in the same order");
    assert_eq!(s.collection().records(), whole.collection().records());
    assert_eq!(s.reports(), whole.reports(), "one report for the large file, as whole");
    assert_eq!(s.reports()[1].accepted, 45);
    // The small file before it alone; the large one parsed 10 records a step (5 steps) and
    // checked 10 a step (5), then merged 20 a step (3 steps) and stored at once (under 80);
    // the last file after it.
    assert_eq!(done.iter().filter(|&&d| d == "save").count(), 1 + 1 + 1, "{done:?}");
    assert!(done.iter().filter(|&&d| d == "read").count() >= 1 + 5 + 5 + 3, "{done:?}");
}

#[test]
fn a_large_file_stored_a_transaction_of_several_steps_at_a_time_loses_nothing_at_their_edges() {
    // 205 records: merged 20 a step (11 steps), stored 80 at a time (after steps 4 and 8, and
    // the last 45). The file before it holds copies of records on each side of those edges:
    // later ones (the large file's copy set aside), earlier ones (the large file's kept, the
    // older set aside) and one the same (a duplicate).
    let originals: Vec<Record> = (0..205).map(|n| record(n, "CHL")).collect();
    let before: Vec<Record> = [(79, 2), (80, 0), (159, 0), (160, 2), (204, 2)]
        .iter()
        .map(|&(n, revision)| revised(&originals[n], revision, &format!("copy of {n}")))
        .chain([originals[0].clone()])
        .collect();
    let big = file("big.json", &originals);
    let chosen = vec![file("before.json", &before), big.clone(), file("after.json", &[record(20_000, "PER")])];
    let (whole_store, whole, _) = imported(CollectionSync::with_import_batch(10), &chosen);
    let (store, s, done) = imported(CollectionSync::with_import_batch(10).reading_in_steps_above(big.1.len() - 1), &chosen);
    assert_eq!(store.kept, whole_store.kept, "the same records stored, in the same order");
    assert_eq!(store.set_aside, whole_store.set_aside, "the same copies set aside");
    assert_eq!(store.kept.len(), 206);
    assert_eq!(store.set_aside.len(), 5);
    assert_eq!(s.collection().records(), whole.collection().records());
    assert_eq!(s.reports(), whole.reports());
    assert_eq!((s.reports()[1].accepted, s.reports()[1].duplicates, s.reports()[1].conflicts), (199, 1, 5));
    assert_eq!(done.iter().filter(|&&d| d == "save").count(), 1 + 3 + 1, "three transactions for the large file: {done:?}");
}

#[test]
fn a_large_file_being_read_says_how_far_it_is() {
    let big = files(1, 45, 0).remove(0);
    let mut store = Store::default();
    let mut s = opened_with(&mut store, CollectionSync::with_import_batch(10).reading_in_steps_above(big.1.len() - 1));
    assert_eq!(s.files_chosen(vec![big], store.generation), Command::ReadFile);
    assert_eq!(s.large_file_done(), None, "nothing read yet");
    // How far the file is after each step the page takes.
    let mut seen = Vec::new();
    run_watching(&mut s, &mut store, Command::ReadFile, |s| seen.push(s.large_file_done()));
    seen.push(s.large_file_done());
    let fractions: Vec<f64> = seen.iter().flatten().copied().collect();
    assert!(fractions.len() >= 10, "a fraction at every step of the file: {seen:?}");
    assert!(fractions.windows(2).all(|w| w[0] <= w[1]), "never backwards: {fractions:?}");
    assert!(fractions[0] > 0.0 && fractions[0] < 0.3, "the first step a little way in: {fractions:?}");
    assert!(fractions.iter().any(|&f| (0.7..1.0).contains(&f)), "merging the last part: {fractions:?}");
    assert_eq!(seen.last(), Some(&None), "nothing once the file is stored");
    assert_eq!(s.progress(), None);
    assert_eq!(s.reports()[0].accepted, 45);
}

#[test]
fn a_large_file_out_of_the_ordinary_is_read_whole_and_refused_or_taken_as_ever() {
    let records: Vec<Record> = (0..30).map(|n| record(n, "PER")).collect();
    let (_, good) = file("good.json", &records);
    let good_text = String::from_utf8(good.clone()).unwrap();
    let backup = Bundle::backup(&records, forms::all(), "2026-11-22T12:00:00.000Z", "dev").unwrap().to_json().unwrap();
    let zip = gcm_collector::bundle::to_zip(
        &Bundle::submission(&records, forms::all(), "2026-11-22T12:00:00.000Z", "dev").unwrap(),
        forms::all(),
        &gcm_collector::i18n::bundled::all(),
    )
    .unwrap();
    let odd: Vec<(&str, Vec<u8>)> = vec![
        ("tampered.json", good_text.replacen("Ministerio", "Ministerios", 1).into_bytes()),
        ("unknown_field.json", good_text.replacen("{", "{\"extra\": 1,", 1).into_bytes()),
        ("cut.json", good[..good.len() / 2].to_vec()),
        ("trailing.json", format!("{good_text} x").into_bytes()),
        ("twice.json", good_text.replacen("\"format\": ", "\"format\": \"gcm-review-bundle\", \"format\": ", 1).into_bytes()),
        ("count.json", good_text.replacen("\"record_count\": 30", "\"record_count\": 29", 1).into_bytes()),
        ("version.json", good_text.replacen("\"format_version\": 1", "\"format_version\": 2", 1).into_bytes()),
        ("backup.json", backup.into_bytes()),
        ("bom_and_spaces.json", format!("\u{feff} \r\n{good_text}\n\n").into_bytes()),
        ("the_zip.zip", zip),
    ];
    for (name, bytes) in odd {
        let chosen = vec![(name.to_string(), bytes)];
        let (whole_store, whole, _) = imported(CollectionSync::with_import_batch(10), &chosen);
        let (store, s, _) = imported(CollectionSync::with_import_batch(10).reading_in_steps_above(1000), &chosen);
        assert_eq!(s.reports(), whole.reports(), "{name}");
        assert_eq!(store.kept, whole_store.kept, "{name}");
    }
}
