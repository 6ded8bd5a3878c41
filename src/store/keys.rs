//! The secretariat's private keys, in a database of their own (`gcm-keys`): adding it asked no
//! upgrade of the one every open collector tab holds. Each entry is keyed by the key's
//! fingerprint and holds the private key as a non-extractable `CryptoKey` (IndexedDB keeps it
//! as the browser made it; no script, this app's included, can read its bytes), with the public
//! key's SPKI and name, so the page can publish it again.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Reflect, Uint8Array};
use rexie::{Rexie, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

use super::idb::{commit, open_single_store};
use super::{Error, ErrorKind};
use crate::bundle::public_key::fingerprint_hex;
use crate::bundle::PublicKey;

const KEYS_DB: &str = "gcm-keys";
const KEYS: &str = "keys";

thread_local! {
    static CONN: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
}

/// A key pair this device holds.
#[derive(Clone)]
pub struct StoredKey {
    pub public: PublicKey,
    /// Decrypts only; cannot be exported.
    pub private: CryptoKey,
    /// When it was created or restored here (ISO 8601): the newest is the one published.
    pub added: String,
}

async fn open() -> Result<Rc<Rexie>, Error> {
    open_single_store(&CONN, KEYS_DB, KEYS).await
}

fn other(what: &str) -> Error {
    Error::new(ErrorKind::Unreadable { id: "gcm-keys".into(), message: what.into() })
}

/// Stores `key` (a key with the same fingerprint is replaced: it is the same key).
pub async fn save_key(key: &StoredKey) -> Result<(), Error> {
    let entry = Object::new();
    let set = |k: &str, v: &JsValue| Reflect::set(&entry, &k.into(), v).map(|_| ()).map_err(|_| other(k));
    set("name", &key.public.name().into())?;
    set("spki", &Uint8Array::from(key.public.spki()).into())?;
    set("private", &key.private)?;
    set("added", &key.added.as_str().into())?;
    let db = open().await?;
    let tx = db.transaction(&[KEYS], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    let store = tx.store(KEYS).map_err(Error::from_rexie)?;
    let id = JsValue::from_str(&fingerprint_hex(key.public.fingerprint()));
    store.put(&entry, Some(&id)).await.map_err(Error::from_rexie)?;
    commit(tx).await
}

/// Every key on this device, the newest first.
pub async fn load_keys() -> Result<Vec<StoredKey>, Error> {
    let db = open().await?;
    let tx = db.transaction(&[KEYS], TransactionMode::ReadOnly).map_err(Error::from_rexie)?;
    let values = tx.store(KEYS).map_err(Error::from_rexie)?.get_all(None, None).await.map_err(Error::from_rexie)?;
    let mut keys = Vec::with_capacity(values.len());
    for v in values {
        let get = |k: &str| Reflect::get(&v, &k.into()).map_err(|_| other(k));
        let name = get("name")?.as_string().unwrap_or_default();
        let spki = Uint8Array::new(&get("spki")?).to_vec();
        let public = PublicKey::from_spki(&name, &spki).map_err(|e| other(&e.to_string()))?;
        let private = get("private")?.dyn_into::<CryptoKey>().map_err(|_| other("private"))?;
        let added = get("added")?.as_string().unwrap_or_default();
        // Newest first, each put in its place: a device holds a few keys, and `sort_by` would
        // add a generic merge sort to the page's wasm (3.6 KB before wasm-opt) for them.
        let at = keys.iter().position(|k: &StoredKey| k.added < added).unwrap_or(keys.len());
        keys.insert(at, StoredKey { public, private, added });
    }
    Ok(keys)
}
