//! Two tabs of the secretariat's page share one stored collection. Each stored change bumps a
//! counter in localStorage; the other tab hears it (the `storage` event) and reloads the
//! collection before it merges anything, so one tab never writes over what the other kept.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;

const KEY: &str = "gcm.collection.generation";

/// The counter as stored now.
pub fn current() -> u64 {
    super::super::browser::stored(KEY).unwrap_or(0)
}

/// Records a change of the stored collection; returns the new counter.
pub fn bump() -> u64 {
    let next = current().wrapping_add(1);
    let _ = LocalStorage::set(KEY, next);
    next
}

/// Calls `changed` whenever another tab changes the stored collection (for the page's lifetime).
pub fn on_change(changed: impl Fn() + 'static) {
    let listener = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
        if ev.key().as_deref() == Some(KEY) {
            changed();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    }
    listener.forget();
}
