//! Autosave: every edit is written to IndexedDB shortly after typing pauses.
//!
//! Typing only updates a signal; the write happens later, off the keystroke path, and at most
//! one write is in flight, so a save never races an older save of the same record.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::record::Record;
use crate::store::{self, ErrorKind};

/// Pause after the last keystroke before writing: well inside the 500 ms promise with the write.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    Saving,
    Failed(store::Error),
    /// Another tab saved this revision of the record meanwhile.
    Conflict(u64),
}

#[derive(Default)]
struct Inner {
    /// The stored revision our copy descends from.
    base: u64,
    generation: u64,
    in_flight: bool,
    again: bool,
    /// Runs once the latest edit is on disk (e.g. "save and add next" moving on).
    then: Option<Box<dyn FnOnce() + Send + Sync>>,
}

#[derive(Clone, Copy)]
pub struct Autosaver {
    record: RwSignal<Record>,
    pub state: RwSignal<SaveState>,
    inner: StoredValue<Inner>,
}

impl Autosaver {
    pub fn new(record: RwSignal<Record>) -> Self {
        let base = record.with_untracked(|r| r.revision);
        Autosaver { record, state: RwSignal::new(SaveState::Saved), inner: StoredValue::new(Inner { base, ..Inner::default() }) }
    }

    /// Call after every edit of the record.
    pub fn changed(self) {
        if matches!(self.state.get_untracked(), SaveState::Conflict(_)) {
            return;
        }
        // Set once per burst of typing: every key setting it again would redraw the status.
        if self.state.with_untracked(|s| *s != SaveState::Pending) {
            self.state.set(SaveState::Pending);
        }
        let generation = self.inner.with_value(|i| i.generation) + 1;
        self.inner.update_value(|i| i.generation = generation);
        set_timeout(
            move || {
                if self.inner.try_with_value(|i| i.generation) == Some(generation) {
                    self.save_now();
                }
            },
            DEBOUNCE,
        );
    }

    /// Writes now unless a write is in flight, in which case it follows that one.
    pub fn save_now(self) {
        if self.inner.with_value(|i| i.in_flight) {
            self.inner.update_value(|i| i.again = true);
            return;
        }
        self.inner.update_value(|i| i.in_flight = true);
        self.state.set(SaveState::Saving);
        // The page may be left while the write is in flight: every access after the await is a
        // `try_` one, so a disposed screen is simply skipped (a panic would abort the whole app).
        spawn_local(async move {
            let (base, generation) = self.inner.with_value(|i| (i.base, i.generation));
            let mut record = self.record.get_untracked();
            record.modified = super::browser::now();
            let outcome = store::put(&record, base).await;
            let Some(latest) = self.inner.try_with_value(|i| i.generation == generation) else { return };
            let state = match outcome {
                Ok(saved) => {
                    self.inner.update_value(|i| i.base = saved.revision);
                    self.record.try_update_untracked(|r| {
                        r.revision = saved.revision;
                        r.modified = saved.modified;
                    });
                    if latest { SaveState::Saved } else { SaveState::Pending }
                }
                Err(e) => match e.kind() {
                    ErrorKind::Conflict { stored_revision } => SaveState::Conflict(*stored_revision),
                    _ => SaveState::Failed(e),
                },
            };
            let done = state == SaveState::Saved;
            self.state.try_set(state.clone());
            let (again, then) = self.inner.try_update_value(|i| {
                i.in_flight = false;
                (std::mem::take(&mut i.again), if done && !i.again { i.then.take() } else { None })
            }).unwrap_or_default();
            if let Some(then) = then {
                then();
            } else if again && !matches!(state, SaveState::Conflict(_)) {
                self.save_now();
            }
        });
    }

    /// After a conflict: our copy wins and becomes the next revision.
    pub fn overwrite(self, stored_revision: u64) {
        self.inner.update_value(|i| i.base = stored_revision);
        self.state.set(SaveState::Pending);
        self.save_now();
    }

    /// Saves now and runs `then` once everything is on disk (not at all if saving fails:
    /// the person stays on the page with the error shown and their text intact).
    pub fn save_then(self, then: impl FnOnce() + Send + Sync + 'static) {
        self.inner.update_value(|i| i.then = Some(Box::new(then)));
        self.save_now();
    }

    /// Whether an edit is not yet on disk.
    pub fn dirty(self) -> bool {
        !matches!(self.state.get_untracked(), SaveState::Saved)
    }
}
