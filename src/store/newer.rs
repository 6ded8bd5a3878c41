//! What this page does when a newer version of the app, in another tab, asks to upgrade the
//! database: the form's pending save is written, the connection let go, and the person asked to
//! reload. Neither tab hangs and nothing typed is lost.
//!
//! rexie closes its connection as soon as a `versionchange` event reaches it, and lets no one
//! else handle the event. So a second connection of our own, the *watch*, is opened *before*
//! rexie's: the browser sends `versionchange` to the connections in the order they were opened,
//! each in a task of its own, so the watch hears it first. Its handler lets the page start the
//! pending save; the save's transaction is created in the microtasks that follow, before rexie's
//! handler runs, and a closing connection still finishes the transactions it already has
//! (IndexedDB 3.0, "close a database connection"). The upgrade then goes ahead.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbVersionChangeEvent};

use super::{Error, ErrorKind};

thread_local! {
    /// Set once another tab asked for the database: every later write says to reload.
    static SEEN: Cell<bool> = const { Cell::new(false) };
    /// What the page does first (see [`on_newer_version`]).
    static ON_NEWER: RefCell<Option<Rc<dyn Fn()>>> = RefCell::new(None);
    /// The watch's connection, kept open for as long as the page has the database.
    static WATCH: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Whether a newer version of the app asked for the database.
pub(super) fn seen() -> bool {
    SEEN.get()
}

/// Sets what this page does when a newer version of the app asks for the database: start the
/// pending save (at once, not after an await), tell the person. Without it, the page lets go at once.
pub fn on_newer_version(hook: impl Fn() + 'static) {
    ON_NEWER.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

/// Opens the watch on `name`, at whatever version the database has. `Ok(None)` when the
/// database does not exist yet or is older than `version` (rexie must create or upgrade it
/// first, and the watch would then be asked to let go by our own upgrade); an error when it is
/// newer than `version`: this page's code is the old one.
pub(super) async fn watch(name: &str, version: u32) -> Result<Option<()>, Error> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| Error::new(ErrorKind::Unavailable("IndexedDbNotFound".into())))?;
    let request = factory.open(name).map_err(Error::unavailable)?;
    // A database that does not exist is not created by the watch: the upgrade is undone, and
    // the open fails with AbortError, which says "not yet".
    let fresh = Rc::new(Cell::new(false));
    let on_upgrade = {
        let (fresh, request) = (fresh.clone(), request.clone());
        Closure::once(move |_: web_sys::Event| {
            fresh.set(true);
            if let Some(tx) = request.transaction() {
                let _ = tx.abort();
            }
        })
    };
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let opened = wasm_bindgen_futures::JsFuture::from(settled(&request)).await;
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    let db: IdbDatabase = match opened {
        Ok(db) => db.unchecked_into(),
        Err(_) if fresh.get() => return Ok(None),
        Err(e) => return Err(Error::unavailable(e)),
    };
    let found = db.version() as u32;
    if found != version {
        db.close();
        return if found < version { Ok(None) } else { Err(Error::new(ErrorKind::Superseded)) };
    }
    let on_change = Closure::<dyn Fn(IdbVersionChangeEvent)>::new(|_| newer_version());
    db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
    // Closed by the browser (site data cleared, a lost connection), which closes rexie's too:
    // the next write opens both again, and says why if it cannot.
    let on_close = Closure::<dyn Fn(web_sys::Event)>::new(|_| {
        WATCH.with(|w| drop(w.borrow_mut().take()));
        super::idb::forget();
    });
    db.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    // Both live as long as the page: the page has one watch at a time, seldom more than one.
    on_change.forget();
    on_close.forget();
    WATCH.with(|w| *w.borrow_mut() = Some(db));
    Ok(Some(()))
}

/// A promise settled by the open request's success (with the database) or error.
fn settled(request: &IdbOpenDbRequest) -> js_sys::Promise {
    let request = request.clone();
    js_sys::Promise::new(&mut |resolve, reject| {
        let ok = {
            let request = request.clone();
            Closure::once_into_js(move |_: web_sys::Event| {
                let _ = resolve.call1(&JsValue::NULL, &request.result().unwrap_or(JsValue::NULL));
            })
        };
        let failed = {
            let request = request.clone();
            Closure::once_into_js(move |_: web_sys::Event| {
                let error = request.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
                let _ = reject.call1(&JsValue::NULL, &error);
            })
        };
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(failed.unchecked_ref()));
    })
}

/// `versionchange` on the watch: rexie's connection gets the same event next. The page's hook
/// starts the pending save now; the watch closes at once (a closing connection does not hold
/// the upgrade back once its transactions end, and the watch has none).
fn newer_version() {
    SEEN.set(true);
    if let Some(db) = WATCH.with(|w| w.borrow_mut().take()) {
        db.close();
    }
    match ON_NEWER.with(|h| h.borrow().clone()) {
        Some(hook) => hook(),
        None => super::idb::let_go(),
    }
}
