//! public/bundle.schema.json, checked by an independent validator (boon, draft 2020-12):
//! it accepts every bundle this app writes and rejects broken ones.

mod bundle_fixtures;

use bundle_fixtures::*;
use gcm_collector::bundle::Bundle;
use gcm_collector::engine::Value as EValue;
use gcm_collector::record::Record;
use serde_json::{json, Value};

const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/bundle.schema.json");

fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let text = std::fs::read_to_string(SCHEMA).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(SCHEMA, schema).unwrap();
    let index = compiler.compile(SCHEMA, &mut schemas).unwrap_or_else(|e| panic!("schema does not compile: {e:#}"));
    (schemas, index)
}

fn check(bundle_json: &str) -> Result<(), String> {
    let (schemas, index) = validator();
    let v: Value = serde_json::from_str(bundle_json).unwrap();
    schemas.validate(&v, index).map_err(|e| format!("{e:#}"))
}

fn bundles() -> Vec<(&'static str, String)> {
    let annex = [annex1_response("r-1", "CHL", "yes"), annex1_response("r-2", "PER", "no")];
    let all = gcm_collector::forms::all();
    let mixed = [session("s-1"), input("b-2", "s-1", "Ana"), draft("d-1")];
    vec![
        ("annex1 submission", Bundle::submission(&annex, all, NOW, DEVICE).unwrap().to_json().unwrap()),
        ("annex1 backup", Bundle::backup(&annex, all, NOW, DEVICE).unwrap().to_json().unwrap()),
        ("session submission", Bundle::submission(&mixed[..2], &forms(), NOW, DEVICE).unwrap().to_json().unwrap()),
        ("backup with a draft", Bundle::backup(&mixed, &forms(), NOW, DEVICE).unwrap().to_json().unwrap()),
        ("empty submission", Bundle::submission(&[], &forms(), NOW, DEVICE).unwrap().to_json().unwrap()),
        ("legacy to_json", gcm_collector::bundle::to_json(annex1(), &annex, NOW).unwrap()),
        ("backup of a migrated draft", Bundle::backup(&[migrated()], &forms(), NOW, DEVICE).unwrap().to_json().unwrap()),
        ("submission of a migrated response", Bundle::submission(&[migrated_annex1()], all, NOW, DEVICE).unwrap().to_json().unwrap()),
        // The form page's backup after a failed save, by its plain writer (compact JSON).
        ("failed-save backup", gcm_collector::bundle::plain_backup(&annex, NOW, DEVICE).unwrap()),
        ("failed-save backup with a migrated response and a draft", gcm_collector::bundle::plain_backup(&[migrated_annex1(), annex1_draft()], NOW, DEVICE).unwrap()),
    ]
}

/// A draft brought from version 0 of its form, with answers set aside at the top level and in a
/// repeat instance.
fn migrated() -> Record {
    let mut r = Record { migrated_from: Some("0".into()), ..draft("d-1") };
    let kept = &mut r.set_aside.0;
    kept.insert("0/remarks".into(), EValue::Text("Two lines\nof text".into()));
    kept.insert("0/examples/e1/levels".into(), EValue::Many(vec!["local".into()]));
    kept.insert("0/people".into(), EValue::Counts([("w".to_string(), 3)].into()));
    r
}

/// An Annex 1 draft with answers set aside by a migration (the plain backup writes only forms
/// the app carries).
fn annex1_draft() -> Record {
    let mut r = Record::new(annex1(), "d-9".into(), NOW.into(), "es");
    r.answers.set_text("institution", "Cancillería \"Migración\"\nDirección");
    r.migrated_from = Some("0".into());
    r.set_aside.0.insert("0/remarks".into(), EValue::Text("Two lines\nof text".into()));
    r
}

/// A complete Annex 1 response migrated from an earlier version: a submission keeps
/// `migrated_from` and leaves its set-aside answers out.
fn migrated_annex1() -> Record {
    Record { migrated_from: Some("2024.1".into()), ..annex1_response("r-3", "CHL", "yes") }
}

/// The backup of the migrated draft with one change made by `edit`.
fn broken_migrated(edit: impl Fn(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&bundles()[6].1).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn every_bundle_the_app_writes_is_valid() {
    for (name, json) in bundles() {
        check(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// The annex1 submission with one change made by `edit`.
fn broken(edit: impl Fn(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&bundles()[0].1).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn broken_bundles_are_rejected() {
    let cases: Vec<(&str, String)> = vec![
        ("missing manifest", broken(|v| drop(v.as_object_mut().unwrap().remove("manifest")))),
        ("format_version as a string", broken(|v| v["format_version"] = json!("1"))),
        ("format_version 2", broken(|v| v["format_version"] = json!(2))),
        ("another format", broken(|v| v["format"] = json!("odk"))),
        ("record without id", broken(|v| drop(v["records"][0].as_object_mut().unwrap().remove("id")))),
        ("record with an export time", broken(|v| v["records"][0]["exported"] = json!(NOW))),
        ("unknown status", broken(|v| v["records"][0]["status"] = json!("sent"))),
        ("draft in a submission", broken(|v| v["records"][0]["status"] = json!("draft"))),
        ("negative revision", broken(|v| v["records"][0]["revision"] = json!(-1))),
        ("answer as a number", broken(|v| v["records"][0]["answers"]["institution"] = json!(7))),
        ("answer key not a code", broken(|v| v["records"][0]["answers"]["Institution"] = json!("x"))),
        ("repeat instance without id", broken(|v| drop(v["records"][0]["answers"]["examples"][0].as_object_mut().unwrap().remove("id")))),
        ("digest not hex", broken(|v| v["manifest"]["records_sha256"] = json!("ABC"))),
        ("unknown kind", broken(|v| v["manifest"]["kind"] = json!("archive"))),
        ("extra manifest field", broken(|v| v["manifest"]["note"] = json!("x"))),
        ("record_count negative", broken(|v| v["manifest"]["record_count"] = json!(-2))),
        ("migrated_from not text", broken(|v| v["records"][0]["migrated_from"] = json!(1))),
        ("set aside without its version", broken_migrated(|v| v["records"][0]["set_aside"]["remarks"] = json!("x"))),
        ("set aside in a place without an instance", broken_migrated(|v| v["records"][0]["set_aside"]["0/examples/levels"] = json!("x"))),
        ("set aside under a label", broken_migrated(|v| v["records"][0]["set_aside"]["0/Remarks"] = json!("x"))),
        ("set aside as a number", broken_migrated(|v| v["records"][0]["set_aside"]["0/remarks"] = json!(3))),
        ("set aside as a list", broken_migrated(|v| v["records"][0]["set_aside"] = json!([]))),
    ];
    for (name, json) in cases {
        assert!(check(&json).is_err(), "schema accepted: {name}");
    }
}

#[test]
fn a_tally_answer_is_valid_and_a_negative_count_is_not() {
    let ok = broken(|v| v["records"][0]["answers"]["people"] = json!({"w": 3, "m": 0}));
    check(&ok).unwrap();
    let bad = broken(|v| v["records"][0]["answers"]["people"] = json!({"w": -3}));
    assert!(check(&bad).is_err());
}
