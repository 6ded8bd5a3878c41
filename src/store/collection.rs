//! The secretariat's consolidated collection, kept apart from the person's own drafts. Its
//! records are stored as their JSON in bytes (`to_stored`): 100,000 of them are written and
//! read back several times faster than as objects.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use rexie::{KeyRange, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

use super::drafts::from_js;
use super::idb::{commit, open, COLLECTION, SET_ASIDE};
use super::{Error, ErrorKind};
use crate::record::Record;

/// Records written per run of requests: each run is one short task (about 10 ms), and the page
/// reads the next files and handles input while the browser writes it.
const WRITE_CHUNK: usize = 250;

/// Writes the records (replacing those with the same id) and the set-aside conflict losers,
/// in one transaction: one batch of an import is stored whole or not at all.
pub async fn save_collection(records: &[Record], set_aside: &[Record]) -> Result<(), Error> {
    let db = open().await?;
    let tx = db.transaction(&[COLLECTION, SET_ASIDE], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    let kept = tx.store(COLLECTION).map_err(Error::from_rexie)?;
    let aside = tx.store(SET_ASIDE).map_err(Error::from_rexie)?;
    put_runs(runs(&kept, records, |_| None).chain(runs(&aside, set_aside, |r| Some(aside_key(r))))).await?;
    commit(tx).await?;
    Ok(())
}

/// `records` as runs of values for `store`, each made when asked for: the first record alone,
/// then [`WRITE_CHUNK`] at a time ([`put_runs`] says why); `key` gives a record's key where the
/// store has none in its values.
fn runs<'a>(store: &'a rexie::Store, records: &'a [Record], key: fn(&Record) -> Option<JsValue>) -> impl Iterator<Item = Result<Run<'a>, Error>> + 'a {
    let (first, rest) = records.split_at(records.len().min(1));
    std::iter::once(first).chain(rest.chunks(WRITE_CHUNK)).filter(|chunk| !chunk.is_empty()).map(move |chunk| Ok((store, chunk.iter().map(|r| Ok((to_stored(r)?, key(r)))).collect::<Result<_, Error>>()?)))
}

/// A run of values to put into a store, with their keys where it has none in them.
type Run<'a> = (&'a rexie::Store, Vec<(JsValue, Option<JsValue>)>);

/// Puts each run of values into its store, in order, the next run made before the one before
/// it is awaited: the browser always has a run queued while the wasm makes the next. Awaiting
/// each run before making the next left the browser's writer idle for a round trip per run:
/// storing a 100,000-record file took 9.0–13.4 s so (median 12.0), 8.2–12.9 s (10.0) with runs
/// queued (six runs each, in turns, on two cores other builds shared). At most two runs are
/// out, and each task makes one: the first makes the first record's and the next run (when it
/// made two full runs, the first step of an import grew by 10–30 ms, once to 133 ms), then
/// each run is made when the one two before it is written.
async fn put_runs<'s>(runs: impl Iterator<Item = Result<Run<'s>, Error>>) -> Result<(), Error> {
    let mut writing = None;
    for run in runs {
        let (store, values) = run?;
        let mut next = Box::pin(store.put_all(values.into_iter()));
        // Polled once, put_all makes all its requests now; it is awaited after the run before.
        // The run after is made when that one's last request succeeds: in its success event,
        // while the transaction is active.
        let asked = match next.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(done) => done.map(|()| None).map_err(Error::from_rexie)?,
            Poll::Pending => Some(next),
        };
        if let Some(before) = std::mem::replace(&mut writing, asked) {
            before.await.map_err(Error::from_rexie)?;
        }
    }
    match writing {
        Some(last) => last.await.map_err(Error::from_rexie),
        None => Ok(()),
    }
}

/// A record as the collection stores it: `{id, json}`, its serde JSON as UTF-8 bytes. The
/// browser copies bytes in and out of the database and the wasm at the cost of a memory copy;
/// a record as an object (as drafts are stored) cost the browser far more to clone in and out,
/// and the wasm to make (`JSON.parse`) and read back (`JSON.stringify`), and a JSON string was
/// re-encoded between UTF-16 and UTF-8 at each crossing.
fn to_stored(record: &Record) -> Result<JsValue, Error> {
    let json = serde_json::to_vec(record).map_err(|e| Error::new(ErrorKind::Other(e.to_string())))?;
    let value = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&value, &k.into(), v);
    set("id", &JsValue::from_str(&record.id))
        .and_then(|_| set("json", &js_sys::Uint8Array::from(json.as_slice())))
        .map_err(|_| Error::new(ErrorKind::Other("Reflect.set failed".into())))?;
    Ok(value.into())
}

/// A stored record: `{id, json}`, or a record as a plain object, as collections were stored
/// before (and drafts still are).
fn from_stored(value: &JsValue) -> Result<Record, Error> {
    let json = js_sys::Reflect::get(value, &"json".into()).unwrap_or(JsValue::UNDEFINED);
    let Some(bytes) = json.dyn_ref::<js_sys::Uint8Array>() else { return from_js(value) };
    serde_json::from_slice(&bytes.to_vec()).map_err(|e| {
        let id = js_sys::Reflect::get(value, &"id".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        Error::new(ErrorKind::Unreadable { id, message: e.to_string() })
    })
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
    aside.put(&to_stored(replaced)?, Some(&aside_key(replaced))).await.map_err(Error::from_rexie)?;
    tx.store(COLLECTION).map_err(Error::from_rexie)?.put(&to_stored(chosen)?, None).await.map_err(Error::from_rexie)?;
    commit(tx).await?;
    Ok(())
}

/// Records read per request when the collection is loaded.
const PAGE: u32 = 250;

/// The collection and its set-aside records, read in one transaction a page at a time: each
/// page is turned into records in a task of its own (a few ms for 250), so the page
/// paints and handles input between pages, and the browser reads the next page meanwhile. One
/// request for all 100,000 records held the page 300 ms while the browser made their objects,
/// then as long again to turn them.
pub async fn load_collection() -> Result<(Vec<Record>, Vec<Record>), Error> {
    let db = open().await?;
    let tx = db.transaction(&[COLLECTION, SET_ASIDE], TransactionMode::ReadOnly).map_err(Error::from_rexie)?;
    let kept = read_all(&tx.store(COLLECTION).map_err(Error::from_rexie)?, |r| JsValue::from_str(&r.id)).await?;
    let aside = read_all(&tx.store(SET_ASIDE).map_err(Error::from_rexie)?, aside_key).await?;
    Ok((kept, aside))
}

/// Every record of `store`, in key order (`key_of` a record gives its key), [`PAGE`] at a time.
/// The next page is asked for before the last is turned into records: the transaction stays
/// open (a request is always out), and the browser reads while the wasm parses.
async fn read_all(store: &rexie::Store, key_of: fn(&Record) -> JsValue) -> Result<Vec<Record>, Error> {
    let mut out = Vec::new();
    let mut page = store.get_all(None, Some(PAGE)).await.map_err(Error::from_rexie)?;
    loop {
        let next = match page.last().filter(|_| page.len() == PAGE as usize) {
            Some(last) => {
                let after = key_of(&from_stored(last)?);
                let range = KeyRange::lower_bound(&after, Some(true)).map_err(|e| Error::from_rexie(e.into()))?;
                let mut asked = Box::pin(store.get_all(Some(range), Some(PAGE)));
                // Polled once, the request is made now; it is awaited after this page is read.
                match asked.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
                    Poll::Ready(got) => Some(Next::Got(got)),
                    Poll::Pending => Some(Next::Asked(asked)),
                }
            }
            None => None,
        };
        out.reserve(page.len());
        for v in &page {
            out.push(from_stored(v)?);
        }
        page = match next {
            None => return Ok(out),
            Some(Next::Got(got)) => got,
            Some(Next::Asked(asked)) => asked.await,
        }
        .map_err(Error::from_rexie)?;
    }
}

/// The next page's request: answered at once, or out.
enum Next<F> {
    Got(Result<Vec<JsValue>, rexie::Error>),
    Asked(std::pin::Pin<Box<F>>),
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
