//! The database itself: its name, schema and migrations, and how a transaction ends.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rexie::{Index, ObjectStore, Rexie, Transaction, TransactionResult};

use super::{newer, Error, ErrorKind};

pub(crate) const DB_NAME: &str = "gcm-collector";
/// Bump with a new numbered step in [`open`] whenever stores or indexes change.
pub(crate) const SCHEMA_VERSION: u32 = 2;
pub(super) const DRAFTS: &str = "drafts";
/// The secretariat's consolidated records: apart from the person's own drafts.
pub(super) const COLLECTION: &str = "collection";
/// Records that lost a conflict in the collection, kept for review, keyed `id#revision`.
pub(super) const SET_ASIDE: &str = "collection_set_aside";
/// The rapporteur's workbench (excerpts, notes), apart from the collection it is drawn from,
/// in a database of its own: adding it asked no upgrade of the one every open collector tab
/// holds (an upgrade waits until all of those close).
pub(super) const WORKBENCH_DB: &str = "gcm-workbench";
pub(super) const WORKBENCH: &str = "workbench";

thread_local! {
    static DB: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
    static WORKBENCH_CONN: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
    /// Set once this page let the database go to a newer version of the app: it stays shut.
    static SUPERSEDED: Cell<bool> = const { Cell::new(false) };
}

/// A database of one store with out-of-line keys, version 1 (the workbench's, the keys'),
/// opened on first use and then shared through `conn`.
pub(super) async fn open_single_store(
    conn: &'static std::thread::LocalKey<RefCell<Option<Rc<Rexie>>>>,
    name: &str,
    store: &str,
) -> Result<Rc<Rexie>, Error> {
    if let Some(db) = conn.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = Rexie::builder(name).version(1).add_object_store(ObjectStore::new(store)).build().await.map_err(Error::unavailable)?;
    let db = Rc::new(db);
    conn.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// The workbench's database, opened on first use.
pub async fn open_workbench() -> Result<Rc<Rexie>, Error> {
    open_single_store(&WORKBENCH_CONN, WORKBENCH_DB, WORKBENCH).await
}

/// The database, opened (and migrated) on first use, then shared. Opened after the watch
/// (`newer.rs`), which must hear first when a newer version of the app asks for it: when the
/// database is new or older, rexie creates or upgrades it, closes, and the watch opens before
/// rexie opens it again.
pub async fn open() -> Result<Rc<Rexie>, Error> {
    if SUPERSEDED.get() {
        return Err(Error::new(ErrorKind::Superseded));
    }
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    if newer::watch(DB_NAME, SCHEMA_VERSION).await?.is_none() {
        build().await?.close();
        newer::watch(DB_NAME, SCHEMA_VERSION).await?.ok_or_else(|| Error::new(ErrorKind::Unavailable("upgrade".into())))?;
    }
    let db = Rc::new(build().await?);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}
/// Opens the database at [`SCHEMA_VERSION`], creating or upgrading it.
async fn build() -> Result<Rexie, Error> {
    // Version 1: drafts keyed by record id, indexed by form.
    // Version 2: the secretariat's collection and its set-aside conflict losers. Stores not
    // listed here would be deleted on upgrade, so every version's stores stay listed.
    Rexie::builder(DB_NAME)
        .version(SCHEMA_VERSION)
        .add_object_store(ObjectStore::new(DRAFTS).key_path("id").add_index(Index::new("form_id", "form_id")))
        .add_object_store(ObjectStore::new(COLLECTION).key_path("id"))
        .add_object_store(ObjectStore::new(SET_ASIDE))
        .build()
        .await
        .map_err(|e| match format!("{e:?}").contains("VersionError") {
            // A newer version of the app already upgraded it: this page's code is the old one.
            true => Error::new(ErrorKind::Superseded),
            false => Error::unavailable(e),
        })
}

/// Lets the database go for good on this page (rexie's connection closes itself when a newer
/// version asks): any later write says the app was updated in another tab (reload).
pub fn let_go() {
    SUPERSEDED.set(true);
    DB.with(|d| drop(d.borrow_mut().take()));
}

/// Drops the connection the browser closed, so the next write opens another.
pub(super) fn forget() {
    DB.with(|d| drop(d.borrow_mut().take()));
}

/// Whether the browser keeps our data until the person deletes it (`navigator.storage.persisted()`);
/// `None` where it cannot say.
pub async fn persisted() -> Option<bool> {
    let promise = web_sys::window()?.navigator().storage().persisted().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_bool()
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

/// Waits for `tx` to end and says how. An aborted transaction wrote nothing: rexie reports it
/// as a *successful* `done()` with [`TransactionResult::Aborted`], which must never read as
/// saved. The browser aborts a write transaction on its own when the origin's storage is full
/// (`QuotaExceededError`), or on a disk failure; [`aborted`] tells which.
pub(super) async fn commit(tx: Transaction) -> Result<(), Error> {
    match tx.done().await.map_err(Error::from_rexie)? {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(aborted().await),
    }
}

/// Why a write transaction we did not abort was aborted. The abort event's error is not passed
/// on by rexie, so the storage estimate decides: with less than [`FULL_MARGIN`] left under the
/// quota, the storage is full. Otherwise it is still most likely full (a quota the estimate does
/// not show, as a browser's own limit on one site can be): [`ErrorKind::NotSaved`] says so.
async fn aborted() -> Error {
    match estimate().await {
        Some((usage, quota)) if quota - usage < FULL_MARGIN.max(quota / 20.0) => Error::new(ErrorKind::Full),
        _ => Error::new(ErrorKind::NotSaved("the browser aborted the write".into())),
    }
}

/// Room under which a failed write is put down to full storage: more than any one record.
const FULL_MARGIN: f64 = 4.0 * 1024.0 * 1024.0;

/// `navigator.storage.estimate()`: bytes used and the quota, where the browser says.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.estimate().ok()?;
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let get = |k: &str| js_sys::Reflect::get(&value, &k.into()).ok().and_then(|v| v.as_f64());
    Some((get("usage")?, get("quota")?))
}
