//! Bundle format v1 on export: the manifest, what a submission and a backup hold, which
//! records a selection takes, and that the same records always give the same bytes.

mod bundle_fixtures;

use bundle_fixtures::*;
use gcm_collector::bundle::{self, select, Bundle, Kind, Reason, Selection};
use gcm_collector::engine::ViolationKind;
use gcm_collector::record::Record;

fn submission(records: &[Record]) -> Bundle {
    Bundle::submission(records, &forms(), NOW, DEVICE).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_manifest_says_what_the_bundle_holds_and_who_wrote_it() {
    let b = submission(&[input("b-2", "s-1", "Ana"), session("s-1")]);
    assert_eq!((b.format.as_str(), b.format_version), ("gcm-review-bundle", 1));
    let m = &b.manifest;
    assert_eq!((m.created.as_str(), m.device_id.as_str(), m.kind), (NOW, DEVICE, Kind::Submission));
    assert_eq!(m.app_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(m.record_count, 2);
    let ids: Vec<(&str, &str)> = m.forms.iter().map(|f| (f.id.as_str(), f.version.as_str())).collect();
    assert_eq!(ids, [("mini", "1"), ("session", "1")], "sorted by id");
    assert_eq!(m.forms[0].sha256, bundle::form_sha256(&mini()).unwrap());
    assert_eq!(m.forms[0].sha256, bundle::sha256_hex(serde_json::to_string(&mini()).unwrap().as_bytes()));
}

#[test]
fn records_sha256_is_the_digest_of_the_compact_records_array() {
    let b = submission(&[input("b-2", "s-1", "Ana")]);
    let compact = serde_json::to_string(&b.records).unwrap();
    assert_eq!(b.manifest.records_sha256, bundle::sha256_hex(compact.as_bytes()));
    // The same bytes as the records array of bundle.json, re-serialised without whitespace.
    let file: serde_json::Value = serde_json::from_str(&b.to_json().unwrap()).unwrap();
    assert_eq!(serde_json::from_value::<Vec<Record>>(file["records"].clone()).unwrap(), b.records);
}

#[test]
fn a_submission_leaves_out_answers_to_questions_that_are_not_relevant() {
    let b = submission(&[input("b-2", "s-1", "Ana")]);
    let r = &b.records[0];
    assert!(r.answers.get("plan").is_none());
    assert_eq!(r.answers.text("name"), "Ana");
    assert_eq!(r.answers.instances("examples").len(), 2);
}

#[test]
fn a_submission_refuses_a_draft_an_invalid_record_and_an_unknown_form() {
    let e = Bundle::submission(&[draft("d-1")], &forms(), NOW, DEVICE).unwrap_err();
    assert_eq!(e.kind(), &bundle::ErrorKind::NotComplete { record: "d-1".into() });
    assert!(e.to_string().contains("d-1") && e.to_string().contains("complete"), "{e}");

    let mut invalid = input("b-2", "s-1", "Ana");
    invalid.answers.set_text("name", "");
    let e = Bundle::submission(&[invalid], &forms(), NOW, DEVICE).unwrap_err();
    let expected = bundle::ErrorKind::InvalidRecord { record: "b-2".into(), item: "name".into(), violation: ViolationKind::Missing };
    assert_eq!(e.kind(), &expected);

    let mut other = input("b-3", "s-1", "Ana");
    other.form_version = "0".into();
    let e = Bundle::submission(&[other], &forms(), NOW, DEVICE).unwrap_err();
    assert!(matches!(e.kind(), bundle::ErrorKind::UnknownForm { form, version, .. } if form == "mini" && version == "0"));
}

#[test]
fn a_backup_keeps_drafts_and_every_answer_as_they_are() {
    let mut d = draft("d-1");
    d.answers.set_text("plan", "not relevant yet");
    let b = Bundle::backup(&[d.clone(), input("b-2", "s-1", "Ana")], &forms(), NOW, DEVICE).unwrap();
    assert_eq!(b.manifest.kind, Kind::Backup);
    let back = b.records.iter().find(|r| r.id == "d-1").unwrap();
    assert_eq!(back, &d);
    let full = b.records.iter().find(|r| r.id == "b-2").unwrap();
    assert_eq!(full.answers.text("plan"), "kept in the draft, never exported");
    assert!(b.to_json().unwrap().contains("\"kind\": \"backup\""));
}

#[test]
fn the_export_time_stamp_never_leaves_the_device() {
    let mut r = input("b-2", "s-1", "Ana");
    let before = submission(std::slice::from_ref(&r));
    r.exported = Some("2026-11-23T00:00:00.000Z".into());
    let after = submission(std::slice::from_ref(&r));
    assert_eq!(after, before);
    assert!(after.records[0].exported.is_none());
    let backup = Bundle::backup(&[r], &forms(), NOW, DEVICE).unwrap();
    assert!(!backup.to_json().unwrap().contains("\"exported\""));
}

#[test]
fn the_same_records_in_any_order_give_the_same_bytes() {
    let a = [session("s-1"), input("b-2", "s-1", "Ana"), input("a-1", "s-1", "Luis")];
    let b = [a[2].clone(), a[0].clone(), a[1].clone()];
    let (ja, jb) = (submission(&a).to_json().unwrap(), submission(&b).to_json().unwrap());
    assert_eq!(ja, jb);
    let za = bundle::to_zip(&submission(&a), &forms(), &gcm_collector::i18n::bundled::all()).unwrap();
    assert_eq!(za, bundle::to_zip(&submission(&b), &forms(), &gcm_collector::i18n::bundled::all()).unwrap(), "the zip too");
    let sorted = submission(&a);
    let order: Vec<&str> = sorted.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(order, ["a-1", "b-2", "s-1"], "by form id, then created, then id");
}

#[test]
fn only_created_differs_between_two_exports_of_the_same_records() {
    let records = [session("s-1"), input("b-2", "s-1", "Ana")];
    let first = submission(&records).to_json().unwrap();
    let later = Bundle::submission(&records, &forms(), "2027-01-01T00:00:00.000Z", DEVICE).unwrap().to_json().unwrap();
    assert_eq!(first.replace(NOW, "T"), later.replace("2027-01-01T00:00:00.000Z", "T"));
}

#[test]
fn all_complete_takes_complete_records_and_says_why_drafts_stay() {
    let records = [session("s-1"), draft("d-1"), input("b-2", "s-1", "Ana")];
    let (chosen, left_out) = select(&records, &Selection::AllComplete, &forms());
    assert_eq!(chosen.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["s-1", "b-2"], "input order");
    assert_eq!(left_out, [("d-1".to_string(), Reason::NotComplete)]);
    assert_eq!(chosen[1].answers.text("plan"), "kept in the draft, never exported", "originals, unchanged");
}

#[test]
fn a_form_selection_takes_that_form_only() {
    let records = [session("s-1"), draft("d-1"), input("b-2", "s-1", "Ana")];
    let (chosen, left_out) = select(&records, &Selection::Form("session".into()), &forms());
    assert_eq!(chosen, [records[0].clone()]);
    assert!(left_out.is_empty(), "records of other forms are not 'left out'");
}

#[test]
fn a_session_selection_takes_the_session_and_its_inputs() {
    let mut stray = input("c-3", "s-9", "Otra");
    stray.parent = Some("s-9".into());
    let records = [session("s-1"), input("b-2", "s-1", "Ana"), stray, session("s-9")];
    let (chosen, _) = select(&records, &Selection::Session("s-1".into()), &forms());
    assert_eq!(chosen.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["s-1", "b-2"]);
}

#[test]
fn not_yet_exported_skips_records_with_an_export_time() {
    let mut sent = input("b-2", "s-1", "Ana");
    sent.exported = Some(NOW.into());
    let records = [session("s-1"), sent, draft("d-1")];
    let (chosen, left_out) = select(&records, &Selection::NotYetExported, &forms());
    assert_eq!(chosen.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["s-1"]);
    assert_eq!(left_out, [("b-2".to_string(), Reason::AlreadyExported), ("d-1".to_string(), Reason::NotComplete)]);
}

#[test]
fn invalid_and_unknown_records_are_left_out_with_their_reason() {
    let mut invalid = input("b-2", "s-1", "Ana");
    invalid.answers.set_count("people", "x", Some(1));
    let mut unknown = input("c-3", "s-1", "Luis");
    unknown.form_id = "retired".into();
    let (chosen, left_out) = select(&[invalid, unknown], &Selection::AllComplete, &forms());
    assert!(chosen.is_empty());
    let invalid_reason = Reason::Invalid { item: "people".into(), violation: ViolationKind::UnknownChoice };
    assert_eq!(left_out, [("b-2".to_string(), invalid_reason), ("c-3".to_string(), Reason::UnknownForm)]);
}

#[test]
fn annex1_responses_make_a_submission() {
    let records = [annex1_response("r-1", "CHL", "yes"), annex1_response("r-2", "PER", "no")];
    let b = Bundle::submission(&records, gcm_collector::forms::all(), NOW, DEVICE).unwrap();
    assert_eq!(b.manifest.forms[0].id, "annex1");
    assert!(b.records[0].answers.get("plan_intentions").is_none(), "has a plan: intentions not relevant");
    assert!(b.records[1].answers.get("plan_process").is_none(), "no plan: process not relevant");
}
