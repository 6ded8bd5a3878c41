//! The draft store against the browser's real IndexedDB (wasm-bindgen-test, headless Chromium).
#![cfg(target_arch = "wasm32")]

use gcm_collector::engine::Value;
use gcm_collector::record::{Record, Status};
use gcm_collector::store::{self, ErrorKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sample(id: &str) -> Record {
    let form = gcm_collector::forms::get("annex1").expect("annex1 is bundled");
    let mut r = Record::new(form, id.into(), "2026-11-22T10:00:00.000Z".into(), "es");
    r.answers.set_text("institution", "Cancillería — Dirección de Migración");
    r.answers.set_text("country", "CHL");
    r.answers.add_instance("examples", "a1");
    let inst = r.answers.instance_mut("examples", "a1").unwrap();
    inst.set_text("example_title", "Mesa binacional, año 2024");
    inst.0.insert("example_objectives".into(), Value::Many(vec!["obj01".into(), "obj23".into()]));
    r
}

#[wasm_bindgen_test]
async fn a_draft_round_trips_through_indexeddb() {
    let draft = sample("rt-1");
    let saved = store::put(&draft, 0).await.expect("first save");
    assert_eq!(saved.revision, 1);
    let back = store::get("rt-1").await.expect("read").expect("present");
    assert_eq!(back, saved);
    assert_eq!(back.answers.instances("examples")[0].answers.text("example_title"), "Mesa binacional, año 2024");
}

#[wasm_bindgen_test]
async fn a_save_from_a_stale_revision_is_refused_not_overwritten() {
    let draft = sample("stale-1");
    let first = store::put(&draft, 0).await.unwrap();
    let mut other_tab = first.clone();
    other_tab.answers.set_text("institution", "Otra institución");
    store::put(&other_tab, first.revision).await.unwrap();
    let err = store::put(&first, 0).await.expect_err("stale write must fail");
    assert_eq!(err.kind(), &ErrorKind::Conflict { stored_revision: 2 });
    assert!(err.to_string().contains("another tab"), "{err}");
    let kept = store::get("stale-1").await.unwrap().unwrap();
    assert_eq!(kept.answers.text("institution"), "Otra institución");
}

#[wasm_bindgen_test]
async fn many_drafts_live_side_by_side_and_delete_one_at_a_time() {
    for i in 0..5 {
        let mut d = sample(&format!("many-{i}"));
        d.modified = format!("2026-11-22T10:00:0{i}.000Z");
        if i == 4 {
            d.status = Status::Complete;
        }
        store::put(&d, 0).await.unwrap();
    }
    let (all, bad) = store::list().await.unwrap();
    assert!(bad.is_empty());
    let ours: Vec<&str> = all.iter().map(|r| r.id.as_str()).filter(|id| id.starts_with("many-")).collect();
    assert_eq!(ours, ["many-4", "many-3", "many-2", "many-1", "many-0"], "newest first");
    store::delete("many-2").await.unwrap();
    assert!(store::get("many-2").await.unwrap().is_none());
    assert!(store::get("many-3").await.unwrap().is_some());
}

#[wasm_bindgen_test]
async fn an_imported_record_keeps_its_revision_and_never_replaces_a_changed_copy() {
    let mut incoming = sample("imp-1");
    incoming.revision = 7;
    let stored = store::import(&incoming, None).await.expect("new record");
    assert_eq!(stored.revision, 7, "a backup restores the record as it was");
    assert!(store::import(&incoming, None).await.is_err(), "not twice as new");
    let mut edited_here = stored.clone();
    edited_here.answers.set_text("institution", "Editada aquí");
    let here = store::put(&edited_here, 7).await.unwrap();
    let err = store::import(&incoming, Some(7)).await.expect_err("the copy here changed meanwhile");
    assert_eq!(err.kind(), &ErrorKind::Conflict { stored_revision: 8 });
    let replaced = store::import(&incoming, Some(here.revision)).await.unwrap();
    assert_eq!(replaced.revision, 9, "above both copies, so an open tab notices");
    assert_eq!(store::get("imp-1").await.unwrap().unwrap().answers.text("institution"), "Cancillería — Dirección de Migración");
}

#[wasm_bindgen_test]
async fn the_collection_is_kept_apart_from_drafts_and_clears_alone() {
    let draft = store::put(&sample("mine-1"), 0).await.unwrap();
    let mut theirs = sample("theirs-1");
    theirs.revision = 3;
    let mut loser = theirs.clone();
    loser.revision = 2;
    store::save_collection(&[theirs.clone()], &[loser.clone()]).await.unwrap();
    let (kept, aside) = store::load_collection().await.unwrap();
    assert_eq!((kept, aside), (vec![theirs], vec![loser]));
    assert!(store::get("theirs-1").await.unwrap().is_none(), "not among the drafts");
    store::clear_collection().await.unwrap();
    assert_eq!(store::load_collection().await.unwrap(), (vec![], vec![]));
    assert_eq!(store::get("mine-1").await.unwrap(), Some(draft), "drafts untouched");
}
