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
    Failed(String),
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
        self.state.set(SaveState::Pending);
        let generation = self.inner.with_value(|i| i.generation) + 1;
        self.inner.update_value(|i| i.generation = generation);
        set_timeout(
            move || {
                if self.inner.with_value(|i| i.generation) == generation {
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
        spawn_local(async move {
            let (base, generation) = self.inner.with_value(|i| (i.base, i.generation));
            let mut record = self.record.get_untracked();
            record.modified = super::browser::now();
            let outcome = store::put(&record, base).await;
            let latest = self.inner.with_value(|i| i.generation) == generation;
            match outcome {
                Ok(saved) => {
                    self.inner.update_value(|i| i.base = saved.revision);
                    self.record.update_untracked(|r| {
                        r.revision = saved.revision;
                        r.modified = saved.modified;
                    });
                    self.state.set(if latest { SaveState::Saved } else { SaveState::Pending });
                }
                Err(e) => match e.kind() {
                    ErrorKind::Conflict { stored_revision } => self.state.set(SaveState::Conflict(*stored_revision)),
                    _ => self.state.set(SaveState::Failed(e.to_string())),
                },
            }
            let again = self.inner.with_value(|i| i.again);
            self.inner.update_value(|i| {
                i.in_flight = false;
                i.again = false;
            });
            if again && !matches!(self.state.get_untracked(), SaveState::Conflict(_)) {
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

    /// Whether an edit is not yet on disk.
    pub fn dirty(self) -> bool {
        !matches!(self.state.get_untracked(), SaveState::Saved)
    }
}
