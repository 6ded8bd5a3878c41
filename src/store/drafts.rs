//! The person's own responses, one IndexedDB record each.

use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use super::idb::{commit, open, DRAFTS};
use super::{Error, ErrorKind};
use crate::record::Record;

pub(super) fn to_js(record: &Record) -> Result<JsValue, Error> {
    let json = serde_json::to_string(record).map_err(|e| Error::new(ErrorKind::Other(e.to_string())))?;
    js_sys::JSON::parse(&json).map_err(|_| Error::new(ErrorKind::Other("JSON.parse failed".into())))
}

pub(super) fn from_js(value: &JsValue) -> Result<Record, Error> {
    let json: String = js_sys::JSON::stringify(value).map(String::from).unwrap_or_default();
    // `from_slice` like the bundle reader: the wasm carries one record parser, not two.
    serde_json::from_slice(json.as_bytes()).map_err(|e| {
        let id = js_sys::Reflect::get(value, &"id".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        Error::new(ErrorKind::Unreadable { id, message: e.to_string() })
    })
}

/// Saves `record` as the revision after `base_revision`, and returns what was stored.
///
/// Read and write happen in one transaction, so when two tabs edit the same draft the second
/// to save gets [`ErrorKind::Conflict`] instead of silently overwriting the first.
pub async fn put(record: &Record, base_revision: u64) -> Result<Record, Error> {
    let db = open().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    let store = tx.store(DRAFTS).map_err(Error::from_rexie)?;
    if let Some(stored) = store.get(JsValue::from_str(&record.id)).await.map_err(Error::from_rexie)? {
        let stored_revision = from_js(&stored).map(|r| r.revision).unwrap_or(0);
        if stored_revision != base_revision {
            return Err(Error::new(ErrorKind::Conflict { stored_revision }));
        }
    }
    let saved = Record { revision: base_revision + 1, ..record.clone() };
    store.put(&to_js(&saved)?, None).await.map_err(Error::from_rexie)?;
    commit(tx).await?;
    Ok(saved)
}

/// The record with this id, if any.
pub async fn get(id: &str) -> Result<Option<Record>, Error> {
    let db = open().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadOnly).map_err(Error::from_rexie)?;
    let store = tx.store(DRAFTS).map_err(Error::from_rexie)?;
    let value = store.get(JsValue::from_str(id)).await.map_err(Error::from_rexie)?;
    value.as_ref().map(from_js).transpose()
}

/// Every record, most recently modified first. Unreadable ones are returned as errors beside
/// the rest, so one bad record never hides the others.
pub async fn list() -> Result<(Vec<Record>, Vec<Error>), Error> {
    let db = open().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadOnly).map_err(Error::from_rexie)?;
    let store = tx.store(DRAFTS).map_err(Error::from_rexie)?;
    let values = store.get_all(None, None).await.map_err(Error::from_rexie)?;
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for v in &values {
        match from_js(v) {
            Ok(r) => ok.push(r),
            Err(e) => bad.push(e),
        }
    }
    // Newest first, ties in the order IndexedDB gives (by id), with the bundles' binary
    // insertion: std's sort would add its own code to the wasm for this one list.
    Ok((crate::bundle::sorted(ok, |a, b| b.modified.cmp(&a.modified)), bad))
}

/// Deletes the record with this id.
pub async fn delete(id: &str) -> Result<(), Error> {
    let db = open().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    let store = tx.store(DRAFTS).map_err(Error::from_rexie)?;
    store.delete(JsValue::from_str(id)).await.map_err(Error::from_rexie)?;
    commit(tx).await?;
    Ok(())
}

/// Stores a record brought from a file as it is, if the stored copy is still at
/// `replacing` (`None`: there must be none). A replaced record gets a revision above both
/// copies, so a tab still editing the old one sees the change instead of overwriting it.
pub async fn import(record: &Record, replacing: Option<u64>) -> Result<Record, Error> {
    let db = open().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    let store = tx.store(DRAFTS).map_err(Error::from_rexie)?;
    let stored = store.get(JsValue::from_str(&record.id)).await.map_err(Error::from_rexie)?;
    let stored_revision = stored.as_ref().map(|v| from_js(v).map(|r| r.revision).unwrap_or(0));
    if stored_revision != replacing {
        return Err(Error::new(ErrorKind::Conflict { stored_revision: stored_revision.unwrap_or(0) }));
    }
    let revision = match replacing {
        Some(local) => local.max(record.revision) + 1,
        None => record.revision,
    };
    let saved = Record { revision, ..record.clone() };
    store.put(&to_js(&saved)?, None).await.map_err(Error::from_rexie)?;
    commit(tx).await?;
    Ok(saved)
}
