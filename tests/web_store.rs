//! The store (drafts, the secretariat's collection and keys) against the browser's real IndexedDB
//! (wasm-bindgen-test, headless Chromium).
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

#[wasm_bindgen_test]
async fn a_collection_larger_than_a_page_comes_back_whole_in_key_order() {
    store::clear_collection().await.unwrap();
    // Pages of a thousand: more than two of them, kept and set aside.
    let kept: Vec<Record> = (0..2001).map(|n| sample(&format!("page-{n:05}"))).collect();
    let aside: Vec<Record> = (0..1001)
        .map(|n| Record { revision: 1, ..sample(&format!("page-{n:05}")) })
        .collect();
    store::save_collection(&kept, &aside).await.unwrap();
    assert_eq!(store::load_collection().await.unwrap(), (kept, aside));
    store::clear_collection().await.unwrap();
}

#[wasm_bindgen_test]
async fn a_collection_stored_as_objects_by_an_earlier_version_is_still_read() {
    store::clear_collection().await.unwrap();
    let old = sample("object-1");
    let new = sample("string-2");
    // Until the collection kept each record as a JSON string, it stored the record as an object.
    let db = store::open().await.unwrap();
    let tx = db.transaction(&["collection"], rexie::TransactionMode::ReadWrite).unwrap();
    let object = js_sys::JSON::parse(&serde_json::to_string(&old).unwrap()).unwrap();
    tx.store("collection").unwrap().put(&object, None).await.unwrap();
    tx.done().await.unwrap();
    store::save_collection(&[new.clone()], &[]).await.unwrap();
    assert_eq!(store::load_collection().await.unwrap(), (vec![old, new], vec![]));
    store::clear_collection().await.unwrap();
}

/// A CryptoKey to store (which kind does not matter to the store): a WebCrypto AES key.
async fn some_crypto_key() -> web_sys::CryptoKey {
    use wasm_bindgen::JsCast;
    let subtle = web_sys::window().unwrap().crypto().unwrap().subtle();
    let algorithm = js_sys::Object::new();
    js_sys::Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into()).unwrap();
    js_sys::Reflect::set(&algorithm, &"length".into(), &256.into()).unwrap();
    let usages = js_sys::Array::of1(&"decrypt".into());
    let key = subtle.generate_key_with_object(&algorithm, false, &usages).unwrap();
    wasm_bindgen_futures::JsFuture::from(key).await.unwrap().dyn_into().unwrap()
}

#[wasm_bindgen_test]
async fn keys_come_back_newest_first_and_the_same_key_saved_again_replaces_itself() {
    use gcm_collector::bundle::PublicKey;
    // An RSA-3072 SPKI (tests/envelope.rs's); each key differs in one byte of its modulus.
    let spki: Vec<u8> = PublicKey::parse(br#"{"format":"gcm-review-public-key","format_version":1,"name":"S","algorithm":"RSA-OAEP-3072-SHA-256","spki":"MIIBojANBgkqhkiG9w0BAQEFAAOCAY8AMIIBigKCAYEA58cKp7kX0KzAodpY3KJSxY4sF4B41SJZ6eeBTMSUp/1xi1WfjG7XkiycLjyXFqeYvNO96Gl1O0OEXzQerElpOzv1qtc7FHdsG4o0IbMt8f5okroGAv61jGOtA9mY72acUFatfM5VC1L0RVqcXU7aOKLb7SqM1dsvvCWeb3rN2m+tu35DQvjgk5s7D3BKANp0YHBhWfJlhc19tjGGS91w7fuYa/n4u/hzFj6No7Z5vQA+gKQqRCpVkkDfjbijBECpwIwtgQfdYyh9vM3xESTbgNgCHqhy3+Ve5bZxprNltqFheVQpCuDLdSI5J/sifoOiH7ibWKrDKH8hlGBbPmwOBv4BWohOFwX1S0LQItN7PCrnFx1IxMfxH/bjfGcWvb68iF4mgw35O6bPaNH55j6XJdVFWEurbjSg+se/+ysaKeaxBH4XXQ691XvSRk9JORE5Uc8FKQpTpXcl2m3rJ6bedCWl62cjb4n6pcFcjHYVetvau20MbIUSyLzN3Fe667jBAgMBAAE=","fingerprint":"505a9534fcea1bb47253a3303c2771e15837aebac85aed5950677d33a1e9f3a0"}"#)
        .unwrap()
        .spki()
        .to_vec();
    let private = some_crypto_key().await;
    let key = |n: u8, added: &str| {
        let mut spki = spki.clone();
        spki[100] = n;
        store::StoredKey { public: PublicKey::from_spki(&format!("Key {n}"), &spki).unwrap(), private: private.clone(), added: added.into() }
    };
    for (n, added) in [(1, "2026-11-21T09:00:00.000Z"), (2, "2026-11-23T09:00:00.000Z"), (3, "2026-11-22T09:00:00.000Z")] {
        store::save_key(&key(n, added)).await.unwrap();
    }
    let names = |keys: Vec<store::StoredKey>| keys.iter().map(|k| k.public.name().to_string()).collect::<Vec<_>>();
    assert_eq!(names(store::load_keys().await.unwrap()), ["Key 2", "Key 3", "Key 1"]);
    // Restored again later: the same key (its fingerprint), now the newest, not a second copy.
    store::save_key(&key(1, "2026-11-24T09:00:00.000Z")).await.unwrap();
    let keys = store::load_keys().await.unwrap();
    assert_eq!(names(keys.clone()), ["Key 1", "Key 2", "Key 3"]);
    assert!(!keys[0].private.extractable(), "the CryptoKey comes back as it was stored");
}
