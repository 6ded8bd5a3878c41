//! The secretariat's consolidated collection, kept apart from the person's own drafts.

use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use super::drafts::{from_js, to_js};
use super::idb::{commit, next_tick, open, COLLECTION, SET_ASIDE};
use super::Error;
use crate::record::Record;

/// Records written per request batch: each batch is one short task, and the browser handles
/// input while its requests complete.
const BATCH: usize = 500;

/// Writes the records (replacing those with the same id) and the set-aside conflict losers,
/// in one transaction: one file's records are stored whole or not at all.
pub async fn save_collection(records: &[Record], set_aside: &[Record]) -> Result<(), Error> {
    let db = open().await?;
    let tx = db.transaction(&[COLLECTION, SET_ASIDE], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    let kept = tx.store(COLLECTION).map_err(Error::from_rexie)?;
    for chunk in records.chunks(BATCH) {
        let values = chunk.iter().map(to_js).collect::<Result<Vec<_>, _>>()?;
        kept.put_all(values.into_iter().map(|v| (v, None))).await.map_err(Error::from_rexie)?;
    }
    let aside = tx.store(SET_ASIDE).map_err(Error::from_rexie)?;
    for chunk in set_aside.chunks(BATCH) {
        let values = chunk.iter().map(|r| Ok((to_js(r)?, Some(aside_key(r))))).collect::<Result<Vec<_>, Error>>()?;
        aside.put_all(values.into_iter()).await.map_err(Error::from_rexie)?;
    }
    commit(tx).await?;
    Ok(())
}

fn aside_key(r: &Record) -> JsValue {
    JsValue::from_str(&format!("{}#{}", r.id, r.revision))
}

/// The secretariat keeps `chosen` (until now set aside) instead of `replaced`, which is set aside
/// in its place: one transaction, so a reload shows either choice whole.
pub async fn keep_instead(chosen: &Record, replaced: &Record) -> Result<(), Error> {
    let db = open().await?;
    let tx = db.transaction(&[COLLECTION, SET_ASIDE], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    let aside = tx.store(SET_ASIDE).map_err(Error::from_rexie)?;
    aside.delete(aside_key(chosen)).await.map_err(Error::from_rexie)?;
    aside.put(&to_js(replaced)?, Some(&aside_key(replaced))).await.map_err(Error::from_rexie)?;
    tx.store(COLLECTION).map_err(Error::from_rexie)?.put(&to_js(chosen)?, None).await.map_err(Error::from_rexie)?;
    commit(tx).await?;
    Ok(())
}

/// The collection and its set-aside records. Both are read in one transaction, then turned into
/// records a batch at a time, yielding between batches: ten thousand records never freeze the page.
pub async fn load_collection() -> Result<(Vec<Record>, Vec<Record>), Error> {
    let db = open().await?;
    let tx = db.transaction(&[COLLECTION, SET_ASIDE], TransactionMode::ReadOnly).map_err(Error::from_rexie)?;
    let kept = tx.store(COLLECTION).map_err(Error::from_rexie)?.get_all(None, None).await.map_err(Error::from_rexie)?;
    let aside = tx.store(SET_ASIDE).map_err(Error::from_rexie)?.get_all(None, None).await.map_err(Error::from_rexie)?;
    let mut out = (Vec::with_capacity(kept.len()), Vec::with_capacity(aside.len()));
    for (values, list) in [(kept, &mut out.0), (aside, &mut out.1)] {
        for batch in values.chunks(BATCH) {
            next_tick().await;
            for v in batch {
                list.push(from_js(v)?);
            }
        }
    }
    Ok(out)
}

/// Empties the collection (the person's drafts are untouched).
pub async fn clear_collection() -> Result<(), Error> {
    let db = open().await?;
    let tx = db.transaction(&[COLLECTION, SET_ASIDE], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    for name in [COLLECTION, SET_ASIDE] {
        tx.store(name).map_err(Error::from_rexie)?.clear().await.map_err(Error::from_rexie)?;
    }
    commit(tx).await?;
    Ok(())
}
