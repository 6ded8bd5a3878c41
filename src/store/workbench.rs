//! The rapporteur's workbench, kept apart from the collection: one entry per excerpt and per
//! note (so a change writes one small entry, and two tabs changing different excerpts never
//! overwrite each other), and one for what merges set aside. Entries are JSON text.

use rexie::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::idb::{commit, open_workbench as open, WORKBENCH};
use super::{Error, ErrorKind};
use crate::workbench::{Excerpt, Note, SetAside, Workbench};

/// One stored entry.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Entry {
    Excerpt(Excerpt),
    Note(Note),
    SetAside(Vec<SetAside>),
}

impl Entry {
    fn key(&self) -> String {
        match self {
            Entry::Excerpt(e) => format!("excerpt:{}", e.id),
            Entry::Note(n) => format!("note:{}", n.id),
            Entry::SetAside(_) => "set_aside".to_string(),
        }
    }
}

fn other(e: impl ToString) -> Error {
    Error::new(ErrorKind::Other(e.to_string()))
}

async fn put(entries: Vec<Entry>) -> Result<(), Error> {
    let db = open().await?;
    let tx = db.transaction(&[WORKBENCH], TransactionMode::ReadWrite).map_err(Error::from_rexie)?;
    let store = tx.store(WORKBENCH).map_err(Error::from_rexie)?;
    for entry in &entries {
        let json = serde_json::to_string(entry).map_err(other)?;
        store.put(&JsValue::from_str(&json), Some(&JsValue::from_str(&entry.key()))).await.map_err(Error::from_rexie)?;
    }
    commit(tx).await
}

/// Stores one excerpt as it is now.
pub async fn save_excerpt(excerpt: &Excerpt) -> Result<(), Error> {
    put(vec![Entry::Excerpt(excerpt.clone())]).await
}

/// Stores one note (a cell's synthesis, a section's text) as it is now.
pub async fn save_note(note: &Note) -> Result<(), Error> {
    put(vec![Entry::Note(note.clone())]).await
}

/// Stores the whole workbench (after a merge), in one transaction.
pub async fn save_workbench(wb: &Workbench) -> Result<(), Error> {
    let mut entries: Vec<Entry> = wb.excerpts.iter().cloned().map(Entry::Excerpt).collect();
    entries.extend(wb.notes.iter().cloned().map(Entry::Note));
    entries.push(Entry::SetAside(wb.set_aside.clone()));
    put(entries).await
}

/// The stored workbench (empty at first).
pub async fn load_workbench() -> Result<Workbench, Error> {
    let db = open().await?;
    let tx = db.transaction(&[WORKBENCH], TransactionMode::ReadOnly).map_err(Error::from_rexie)?;
    let values = tx.store(WORKBENCH).map_err(Error::from_rexie)?.get_all(None, None).await.map_err(Error::from_rexie)?;
    let mut wb = Workbench::default();
    for v in values {
        let json = v.as_string().unwrap_or_default();
        match serde_json::from_str::<Entry>(&json) {
            Ok(Entry::Excerpt(e)) => wb.excerpts.push(e),
            Ok(Entry::Note(n)) => wb.notes.push(n),
            Ok(Entry::SetAside(list)) => wb.set_aside = list,
            Err(e) => return Err(Error::new(ErrorKind::Unreadable { id: "workbench".into(), message: e.to_string() })),
        }
    }
    Ok(wb)
}
