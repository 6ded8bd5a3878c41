//! The form page's exports (`to_json`, `to_csv`): what a complete record looks like as JSON and as CSV.

mod bundle_fixtures;

use bundle_fixtures::{input, mini as form, MINI_COLUMNS};
use gcm_collector::bundle::{self, neutralise};
use gcm_collector::engine::FormDef;
use gcm_collector::record::{Record, Status};

/// A complete record of the mini form, from the shared fixtures.
fn complete_record(_form: &FormDef) -> Record {
    input("11111111-2222-3333-4444-555555555555", "session-1", "=SUM(A1) Núñez, \"la jefa\"")
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("UTF-8 BOM first");
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let header = rdr.headers().unwrap().iter().map(String::from).collect();
    let rows = rdr.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

#[test]
fn a_draft_is_refused_by_both_exports() {
    let form = form();
    let mut r = complete_record(&form);
    r.status = Status::Draft;
    assert!(bundle::to_json(&form, &[r.clone()], "now").is_err());
    assert!(bundle::to_csv(&form, &[r]).is_err());
}

#[test]
fn json_carries_relevant_answers_only_with_the_record_metadata() {
    let form = form();
    let json = bundle::to_json(&form, &[complete_record(&form)], "2026-11-22T12:00:00.000Z").unwrap();
    let b: bundle::Bundle = serde_json::from_str(&json).unwrap();
    assert_eq!((b.format.as_str(), b.format_version), (bundle::FORMAT, bundle::FORMAT_VERSION));
    let r = &b.records[0];
    assert_eq!(r.parent.as_deref(), Some("session-1"));
    assert_eq!(r.answers.text("name"), "=SUM(A1) Núñez, \"la jefa\"");
    assert!(r.answers.get("plan").is_none(), "not relevant: not exported");
    assert_eq!(r.answers.total("people"), 21);
    assert_eq!(r.answers.instances("examples").len(), 2);
}

#[test]
fn csv_has_metadata_first_then_columns_from_item_ids() {
    let form = form();
    let (header, rows) = read_csv(&bundle::to_csv(&form, &[complete_record(&form)]).unwrap());
    let expected = MINI_COLUMNS;
    assert_eq!(header, expected);
    let row: std::collections::HashMap<&str, &str> = header.iter().map(String::as_str).zip(rows[0].iter().map(String::as_str)).collect();
    assert_eq!(row["status"], "complete");
    assert_eq!(row["parent_id"], "session-1");
    assert_eq!(row["name"], "'=SUM(A1) Núñez, \"la jefa\"", "formula neutralised, accents and quotes intact");
    assert_eq!(row["plan"], "");
    assert_eq!((row["tags"], row["tags/a"], row["tags/b"]), ("a", "1", "0"));
    assert_eq!((row["people"], row["people/w"], row["people/m"]), ("21", "12", "9"), "total computed");
    assert_eq!(row["extra_note"], "", "section not relevant");
}

#[test]
fn repeat_instances_are_rows_of_their_own_table() {
    let form = form();
    let r = complete_record(&form);
    let records = bundle::Bundle::submission(&[r], std::slice::from_ref(&form), "now", "dev").unwrap().records;
    let tables = bundle::form_tables(&form, &records.iter().collect::<Vec<_>>()).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["mini.csv", "mini__examples.csv"]);
    let (header, rows) = read_csv(&tables[1].bytes);
    assert_eq!(header, ["parent_instance_id", "instance_id", "position", "title", "levels", "levels/national", "levels/regional"]);
    let id = "11111111-2222-3333-4444-555555555555";
    assert_eq!(
        rows,
        [[id, "x1", "1", "Primero: \"año\" nuevo", "regional", "0", "1"], [id, "x2", "2", "'-2 grados\nen línea dos", "regional", "0", "1"]],
        "instances in order, multiple choices as flags, formulas neutralised"
    );
}

#[test]
fn csv_lines_end_in_crlf() {
    let form = form();
    let bytes = bundle::to_csv(&form, &[complete_record(&form)]).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.matches("\r\n").count(), 2);
    assert_eq!(text.matches('\n').count(), 2);
}

#[test]
fn every_formula_trigger_is_neutralised() {
    for s in ["=1+1", "+1", "-1", "@cmd", "\tx", "\rx"] {
        assert!(neutralise(s).starts_with('\''), "{s:?}");
    }
    assert_eq!(neutralise("Perú 2024"), "Perú 2024");
    assert_eq!(neutralise(""), "");
}

#[test]
fn a_section_that_is_not_relevant_is_neither_validated_nor_exported() {
    let form = form();
    let mut r = complete_record(&form);
    let choices = form.item("tags").unwrap().choices.clone();
    r.answers.toggle("tags", "b", true, &choices);
    let v = gcm_collector::engine::validate(&form, &r.answers);
    assert_eq!(v.iter().map(|v| v.item.as_str()).collect::<Vec<_>>(), ["extra_note"]);
    r.answers.set_text("extra_note", "nota");
    r.answers.toggle("tags", "b", false, &choices);
    assert!(gcm_collector::engine::exportable(&form, &r.answers).get("extra_note").is_none());
    assert_eq!(r.answers.text("extra_note"), "nota", "stays in the draft");
}

#[test]
fn a_tally_total_is_computed_and_blank_rows_clear() {
    let mut a = gcm_collector::engine::Answers::default();
    a.set_count("people", "w", Some(3));
    a.set_count("people", "m", Some(4));
    assert_eq!(a.total("people"), 7);
    a.set_count("people", "w", None);
    assert_eq!(a.total("people"), 4);
    a.set_count("people", "m", None);
    assert!(a.get("people").is_none());
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, "{}");
}

#[test]
fn a_tally_row_with_an_unknown_category_fails_validation() {
    let form = form();
    let mut r = complete_record(&form);
    r.answers.set_count("people", "x", Some(1));
    let v = gcm_collector::engine::validate(&form, &r.answers);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].item, "people");
}
