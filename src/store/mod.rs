//! IndexedDB storage (through rexie): the one place that knows database, store and index names.
//!
//! Records are stored as plain JS objects made from their serde JSON (via `JSON.parse`), so
//! the wasm carries no second serialiser and the data stays readable in the browser's tools.

mod collection;
mod drafts;
mod error;

pub use collection::{clear_collection, keep_instead, load_collection, save_collection};
pub use drafts::{delete, get, import, list, put};
pub use error::{Error, ErrorKind};

use std::cell::RefCell;
use std::rc::Rc;

use rexie::{Index, ObjectStore, Rexie};

pub(crate) const DB_NAME: &str = "gcm-collector";
/// Bump with a new numbered step in [`open`] whenever stores or indexes change.
pub(crate) const SCHEMA_VERSION: u32 = 2;
pub(crate) const DRAFTS: &str = "drafts";
/// The secretariat's consolidated records: apart from the person's own drafts.
pub(crate) const COLLECTION: &str = "collection";
/// Records that lost a conflict in the collection, kept for review, keyed `id#revision`.
pub(crate) const SET_ASIDE: &str = "collection_set_aside";

thread_local! {
    static DB: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
}

/// The database, opened (and migrated) on first use, then shared.
pub async fn open() -> Result<Rc<Rexie>, Error> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    // Version 1: drafts keyed by record id, indexed by form.
    // Version 2: the secretariat's collection and its set-aside conflict losers. Stores not
    // listed here would be deleted on upgrade, so every version's stores stay listed.
    let db = Rexie::builder(DB_NAME)
        .version(SCHEMA_VERSION)
        .add_object_store(ObjectStore::new(DRAFTS).key_path("id").add_index(Index::new("form_id", "form_id")))
        .add_object_store(ObjectStore::new(COLLECTION).key_path("id"))
        .add_object_store(ObjectStore::new(SET_ASIDE))
        .build()
        .await
        .map_err(Error::unavailable)?;
    let db = Rc::new(db);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Yields to the browser (a macrotask), so it can paint and handle input between chunks of work.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Asks the browser not to evict our data under storage pressure (best effort, no prompt in Chromium).
pub fn request_persistence() {
    if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
        let _ = storage.persist();
    }
}
