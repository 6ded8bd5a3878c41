//! IndexedDB storage (through rexie): the one place that knows database, store and index names.
//!
//! Records are stored as plain JS objects made from their serde JSON (via `JSON.parse`), so
//! the wasm carries no second serialiser and the data stays readable in the browser's tools.

mod drafts;
mod error;

pub use drafts::{delete, get, import, list, put};
pub use error::{Error, ErrorKind};

use std::cell::RefCell;
use std::rc::Rc;

use rexie::{Index, ObjectStore, Rexie};

pub(crate) const DB_NAME: &str = "gcm-collector";
/// Bump with a new numbered step in [`open`] whenever stores or indexes change.
pub(crate) const SCHEMA_VERSION: u32 = 1;
pub(crate) const DRAFTS: &str = "drafts";

thread_local! {
    static DB: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
}

/// The database, opened (and migrated) on first use, then shared.
pub async fn open() -> Result<Rc<Rexie>, Error> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    // Version 1: drafts keyed by record id, indexed by form.
    let db = Rexie::builder(DB_NAME)
        .version(SCHEMA_VERSION)
        .add_object_store(ObjectStore::new(DRAFTS).key_path("id").add_index(Index::new("form_id", "form_id")))
        .build()
        .await
        .map_err(Error::unavailable)?;
    let db = Rc::new(db);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Asks the browser not to evict our data under storage pressure (best effort, no prompt in Chromium).
pub fn request_persistence() {
    if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
        let _ = storage.persist();
    }
}
