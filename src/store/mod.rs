//! IndexedDB storage (through rexie): the one place that knows database, store and index names.
//!
//! Drafts are stored as plain JS objects made from their serde JSON (via `JSON.parse`), so
//! the wasm carries no second serialiser and the data stays readable in the browser's tools;
//! the secretariat's collection as that JSON's UTF-8 bytes, for speed (`collection.rs` says why).
//! Only the error kinds build natively (the messages about them are tested there); the rest is
//! wasm only.

mod error;
pub use error::{Error, ErrorKind};

#[cfg(target_arch = "wasm32")]
mod collection;
#[cfg(target_arch = "wasm32")]
mod drafts;
#[cfg(target_arch = "wasm32")]
mod idb;
#[cfg(target_arch = "wasm32")]
mod keys;
#[cfg(target_arch = "wasm32")]
mod newer;
#[cfg(target_arch = "wasm32")]
mod workbench;
#[cfg(target_arch = "wasm32")]
pub use collection::{clear_collection, keep_instead, load_collection, save_collection};
#[cfg(target_arch = "wasm32")]
pub use drafts::{delete, get, import, list, put};
#[cfg(target_arch = "wasm32")]
pub use idb::{estimate, let_go, next_tick, open, persisted, request_persistence};
#[cfg(target_arch = "wasm32")]
pub use newer::on_newer_version;
#[cfg(target_arch = "wasm32")]
pub use keys::{load_keys, save_key, StoredKey};
#[cfg(target_arch = "wasm32")]
pub use workbench::{load_workbench, save_excerpt, save_note, save_workbench};
