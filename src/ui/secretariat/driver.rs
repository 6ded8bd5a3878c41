//! Carries out what the secretariat's state machine (`consolidate::sync`) decides: IndexedDB
//! reads and writes, the generation counter other tabs hear (`tabs`), a pause for the browser
//! to paint between steps. Nothing here decides; every outcome goes back to the machine, and
//! what the page draws of its state is copied into signals after each step.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::tabs;
use crate::consolidate::sync::{CollectionSync, Command};
use crate::consolidate::{Collection, FileReport};
use crate::messages::Say;
use crate::store;
use crate::ui::{browser, LangCtx};

/// The page's machine, and what the page draws of it. Each signal is set only when a step
/// changed it, so a file read redraws the progress and its report, not the records.
#[derive(Clone, Copy)]
pub struct Driver {
    sync: StoredValue<CollectionSync, LocalStorage>,
    lang: LangCtx,
    pub loading: RwSignal<bool>,
    /// Files read, files chosen, and the percentage of a large file being read (0 if none).
    pub progress: RwSignal<Option<(usize, usize, u8)>>,
    pub reports: RwSignal<Vec<FileReport>>,
    /// The machine's problem, in the words of the language it happened in.
    pub problem: RwSignal<Option<String>>,
    /// Moves when the collection settled changed: the records are drawn again then.
    pub version: RwSignal<u32>,
    /// When the import's reports were last drawn (`Date.now()`, ms).
    reports_drawn: StoredValue<f64, LocalStorage>,
}

/// During an import, new file reports are drawn at most this often (ms). Each drawing lays the
/// whole table out again, which grows with it: 30 ms at 2,000 rows, so drawing after each of
/// the hundred steps of a 100,000-record import cost the page 4 s.
const REPORTS_EVERY: f64 = 1000.0;

impl Driver {
    pub fn new(lang: LangCtx) -> Self {
        Driver {
            sync: StoredValue::new_local(CollectionSync::default()),
            lang,
            loading: RwSignal::new(false),
            progress: RwSignal::new(None),
            reports: RwSignal::new(Vec::new()),
            problem: RwSignal::new(None),
            version: RwSignal::new(0),
            reports_drawn: StoredValue::new_local(0.0),
        }
    }

    /// Hands an event to the machine, then carries out what it asks until it asks for nothing.
    pub fn send(self, event: impl FnOnce(&mut CollectionSync) -> Command) {
        self.carry_out(self.apply(event));
    }

    fn carry_out(self, command: Option<Command>) {
        match command {
            None | Some(Command::Nothing) => {}
            Some(command) => spawn_local(self.run(command)),
        }
    }

    /// Reads the collection (not tracked: `version` says when it settled changed).
    pub fn collection<T>(self, f: impl FnOnce(&Collection) -> T) -> T {
        self.sync.with_value(|s| f(s.collection()))
    }

    /// One step of the machine, then what the page draws of it; `None` once the page is gone
    /// (the work still out is dropped).
    fn apply(self, event: impl FnOnce(&mut CollectionSync) -> Command) -> Option<Command> {
        let command = self.sync.try_update_value(event)?;
        self.draw();
        Some(command)
    }

    /// Copies what the page draws from the machine. Not generic, so the wasm carries it once
    /// rather than once per event.
    fn draw(self) {
        let (loading, progress, settled, problem, reports) = self.sync.with_value(|s| {
            // Reports only grow during an import and empty when the next starts (or on a
            // clear), one step at a time: a new length is a change, and a longer list only
            // adds the new ones (copying 2,000 reports after each step of an import added up).
            let drawn = self.reports.with_untracked(Vec::len);
            let now = js_sys::Date::now();
            let due = s.progress().is_none() || now - self.reports_drawn.get_value() >= REPORTS_EVERY;
            let reports = match s.reports().len() {
                n if n == drawn || (n > drawn && drawn > 0 && !due) => None,
                n if n > drawn && drawn > 0 => Some((true, s.reports()[drawn..].to_vec())),
                _ => Some((false, s.reports().to_vec())),
            };
            let progress = s.progress().map(|(k, of)| (k, of, s.large_file_done().map_or(0, |d| (d * 100.0) as u8)));
            (s.loading(), progress, s.settled(), s.problem().map(|p| p.say(self.lang.t())), reports)
        });
        set_changed(self.loading, loading);
        set_changed(self.progress, progress);
        set_changed(self.version, settled);
        set_changed(self.problem, problem);
        if reports.is_some() {
            self.reports_drawn.set_value(js_sys::Date::now());
        }
        match reports {
            Some((true, more)) => self.reports.update(|r| r.extend(more)),
            Some((false, all)) => self.reports.set(all),
            None => {}
        }
    }

    async fn run(self, mut command: Command) {
        loop {
            let next = match command {
                Command::Nothing => return,
                Command::Load => {
                    // Noted before the read: a change made during the read moves it again.
                    let generation = tabs::current();
                    let read = store::load_collection().await;
                    self.apply(move |s| s.loaded(generation, read))
                }
                Command::Restore => {
                    // As reading a file does (below): a timeout here is held 4 ms when nested.
                    browser::yield_now().await;
                    self.apply(CollectionSync::restore_next)
                }
                Command::ReadFile => {
                    // Not a timeout: nested ones are held 4 ms each. A 100,000-record file's
                    // 400 steps of reading and checking (2 ms of work each on average) waited
                    // 1.7 s so, 0.1 s yielding; reading and checking it took 2.5 s, now 1.1 s.
                    browser::yield_now().await;
                    self.apply(CollectionSync::read_next)
                }
                Command::Save(changes) => {
                    let outcome = store::save_collection(&changes.kept, &changes.set_aside).await.map(|()| tabs::bump());
                    self.apply(move |s| s.saved(outcome))
                }
                Command::SaveAndRead(changes) => {
                    // The write goes on by itself; its end is the machine's next event.
                    spawn_local(async move {
                        let outcome = store::save_collection(&changes.kept, &changes.set_aside).await.map(|()| tabs::bump());
                        self.carry_out(self.apply(move |s| s.saved(outcome)));
                    });
                    browser::yield_now().await;
                    self.apply(CollectionSync::read_next)
                }
                Command::Keep { chosen, replaced } => {
                    let outcome = store::keep_instead(&chosen, &replaced).await.map(|()| tabs::bump());
                    self.apply(move |s| s.kept(outcome))
                }
                Command::Clear => {
                    let outcome = store::clear_collection().await.map(|()| tabs::bump());
                    self.apply(move |s| s.cleared(outcome))
                }
            };
            let Some(next) = next else { return };
            command = next;
        }
    }
}

/// Sets `signal` only when `value` differs: what is drawn from it is not drawn again for nothing.
fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}
