//! Round trips: export → import → export gives the same bytes, bundle JSON and zip, for
//! submissions and backups; and answer text of any kind (control characters, right-to-left
//! marks, emoji, NUL, lone CR, formula triggers) comes back out of the JSON, the zip and the
//! CSV tables (parsed with the `csv` crate) as it went in, but for the documented
//! neutralisation of cells a spreadsheet would run as formulas (`bundle::neutralise`).
//!
//! Cases per property (proptest; `PROPTEST_CASES` overrides them all):
//! - a submission of a session and 1–3 participant inputs, any text, as JSON and zip: 96
//! - a backup of 0–4 records of any shape (drafts, nested repeats, any text, any dates): 128
//! - the CSV tables of 0–3 inputs with any text and metadata, parsed back cell by cell: 192
//! - `neutralise` on any text: 1024
//!
//! Plus one answer of a megabyte, through JSON, zip and CSV.

mod arbitrary;
mod bundle_fixtures;

use std::io::{Cursor, Read};

use arbitrary::*;
use bundle_fixtures::*;
use gcm_collector::bundle::{self, form_tables, merge_backup, neutralise, read_each_with, read_with, Bundle, Kind, MergeAction};
use gcm_collector::engine::FormDef;
use gcm_collector::record::Record;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

fn catalogs() -> Vec<&'static gcm_collector::i18n::Catalog> {
    gcm_collector::i18n::bundled::all()
}

/// A time for `manifest.created`: ISO ones (in and outside the zip format's 1980–2107) and not.
fn created() -> impl Strategy<Value = String> {
    let iso = ["2026-11-22T12:00:00.000Z", "1970-01-01T00:00:00Z", "1980-01-01T00:00:00Z", "2107-12-31T23:59:59Z", "2200-06-01T00:00:00Z", "2026-02-30T25:61:61Z"];
    prop_oneof![prop::sample::select(iso.to_vec()).prop_map(String::from), text_of(6)]
}

/// Every file of a zip, by name, read with the `zip` crate (not the app's reader).
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().to_string(), out)
        })
        .collect()
}

/// A CSV table as the `csv` crate reads it: the BOM, then the header and rows.
fn parse_csv(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), TestCaseError> {
    let body = bytes.strip_prefix("\u{feff}".as_bytes());
    prop_assert!(body.is_some(), "a BOM first");
    prop_assert!(bytes.ends_with(b"\r\n"), "CRLF after the last row");
    let mut rdr = csv::Reader::from_reader(body.unwrap());
    let header = rdr.headers().unwrap().iter().map(String::from).collect();
    let rows = rdr.records().map(|r| r.map(|r| r.iter().map(String::from).collect())).collect::<Result<_, _>>();
    prop_assert!(rows.is_ok(), "{:?}", rows);
    Ok((header, rows.unwrap()))
}

/// export → import → export, as JSON and as a zip, for a bundle `make` builds from records
/// with a given `created`: the same bytes, the same bundle, and the zip's JSON is the JSON.
fn round_trip(b: &Bundle, forms: &[FormDef], make: impl Fn(&[Record]) -> Bundle) -> Result<Bundle, TestCaseError> {
    let json = b.to_json().unwrap();
    let read = read_with(json.as_bytes(), forms);
    prop_assert!(read.is_ok(), "{:?}", read.map(|_| ()));
    let read = read.unwrap();
    prop_assert_eq!(read.bundle(), b);
    prop_assert_eq!(&make(read.records()).to_json().unwrap(), &json, "JSON again, byte for byte");

    let zip = bundle::to_zip(b, forms, &catalogs()).unwrap();
    let from_zip = read_with(&zip, forms).unwrap();
    prop_assert_eq!(from_zip.bundle(), b);
    prop_assert_eq!(&bundle::to_zip(&make(from_zip.records()), forms, &catalogs()).unwrap(), &zip, "zip again, byte for byte");
    let parts = read_each_with(&zip, forms);
    prop_assert!(matches!(&parts[..], [p] if p.bundle.as_ref().is_ok_and(|r| r.bundle() == b)), "{:?}", parts);
    let files = unzip(&zip);
    let inner = files.iter().find(|(n, _)| n == "bundle.json").map(|(_, bytes)| bytes.as_slice());
    prop_assert_eq!(inner, Some(json.as_bytes()));
    Ok(read.bundle().clone())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
    #[test]
    fn a_submission_exports_imports_and_exports_the_same_bytes(
        inputs in prop::collection::vec(mini_input(), 1..=3),
        topic in text(),
        ids in prop::collection::vec(text_of(3), 4),
        created in created(),
        device in text_of(4),
    ) {
        let session_id = format!("s-{}", ids[3]);
        let mut records = vec![session_with(&session_id, &topic)];
        records.extend(inputs.iter().enumerate().map(|(n, input)| input.record(&format!("{n}-{}", ids[n]), &session_id)));
        let forms = forms();
        let make = |rs: &[Record]| Bundle::submission(rs, &forms, &created, &device).unwrap();
        let b = make(&records);
        let read = round_trip(&b, &forms, make)?;
        // Each answer as it was given (relevant ones: a submission leaves out the others).
        for (n, input) in inputs.iter().enumerate() {
            let r = read.records.iter().find(|r| r.id.starts_with(&format!("{n}-"))).unwrap();
            prop_assert_eq!(r.answers.text("name"), input.name.as_str());
            let plan = if input.has_plan == Some(true) { input.plan.as_str() } else { "" };
            prop_assert_eq!(r.answers.text("plan"), plan);
            let titles: Vec<&str> = r.answers.instances("examples").iter().map(|i| i.answers.text("title")).collect();
            prop_assert_eq!(titles, input.examples.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>());
        }
        // And in the zip's CSV table, parsed back: neutralised, otherwise the same.
        let files = unzip(&bundle::to_zip(&b, &forms, &catalogs()).unwrap());
        let (header, rows) = parse_csv(&files.iter().find(|(n, _)| n == "mini.csv").unwrap().1)?;
        let name_at = header.iter().position(|h| h == "name").unwrap();
        let names: Vec<&str> = rows.iter().map(|r| r[name_at].as_str()).collect();
        let expected: Vec<String> = b.records.iter().filter(|r| r.form_id == "mini").map(|r| neutralise(r.answers.text("name"))).collect();
        prop_assert_eq!(names, expected);
        let (_, sessions) = parse_csv(&files.iter().find(|(n, _)| n == "session.csv").unwrap().1)?;
        prop_assert_eq!(sessions[0].last().unwrap(), &neutralise(&topic));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    #[test]
    fn a_backup_exports_imports_and_exports_the_same_bytes(
        records in prop::collection::vec(backup_record(), 0..=4),
        ids in prop::collection::vec(text_of(4), 4),
        created in created(),
        device in text_of(4),
    ) {
        let records = with_ids(records, &ids);
        let forms = forms();
        let make = |rs: &[Record]| Bundle::backup(rs, &forms, &created, &device).unwrap();
        let b = make(&records);
        prop_assert_eq!(b.manifest.kind, Kind::Backup);
        let read = round_trip(&b, &forms, make)?;
        // Restored on the device it came from: nothing new. On another: every record added.
        let here = merge_backup(&records, &read.records);
        prop_assert!(here.iter().all(|a| matches!(a, MergeAction::Skip { .. })), "{:?}", here);
        let elsewhere = merge_backup(&[], &read.records);
        let added: Vec<&Record> = elsewhere.iter().filter_map(|a| if let MergeAction::Add(r) = a { Some(r) } else { None }).collect();
        prop_assert_eq!(added, read.records.iter().collect::<Vec<_>>());
    }
}

/// The cells of one record's row in the mini form's table, before neutralisation, in
/// `MINI_COLUMNS` order, from what the strategy chose (not from the app's answers).
fn expected_row(r: &Record, input: &MiniInput) -> Vec<String> {
    // A multiple choice left blank has blank flags, not zeros.
    let flag = |code| match input.tags.is_empty() {
        true => String::new(),
        false => if input.tags.contains(&code) { "1" } else { "0" }.to_string(),
    };
    let count = |code| input.people.get(code).map(u32::to_string).unwrap_or_default();
    let total: u64 = input.people.values().map(|&n| u64::from(n)).sum();
    vec![
        r.id.clone(),
        r.form_id.clone(),
        r.form_version.clone(),
        "complete".into(),
        input.revision.to_string(),
        input.created.clone(),
        input.created.clone(),
        r.completed.clone().unwrap(),
        input.language.clone(),
        r.parent.clone().unwrap(),
        input.name.clone(),
        input.has_plan.map(|yes| if yes { "yes" } else { "no" }).unwrap_or_default().into(),
        input.plan.clone(),
        input.tags.join(" "),
        flag("a"),
        flag("b"),
        if input.people.is_empty() { String::new() } else { total.to_string() },
        count("w"),
        count("m"),
        input.extra_note.clone(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]
    #[test]
    fn csv_cells_parse_back_to_the_answers(
        inputs in prop::collection::vec((mini_input(), text_of(4), text_of(4)), 0..=3),
    ) {
        // Any id and parent text too: the tables are written from records as they are.
        let records: Vec<Record> = inputs.iter().map(|(input, id, parent)| input.record(id, parent)).collect();
        let tables = form_tables(&mini(), &records.iter().collect::<Vec<_>>()).unwrap();
        let (header, rows) = parse_csv(&tables[0].bytes)?;
        prop_assert_eq!(&header, &MINI_COLUMNS);
        let expected: Vec<Vec<String>> =
            records.iter().zip(&inputs).map(|(r, (input, _, _))| expected_row(r, input).iter().map(|c| neutralise(c)).collect()).collect();
        prop_assert_eq!(rows, expected);
        // The repeat group's table: one row per instance, in order.
        let (header, rows) = parse_csv(&tables[1].bytes)?;
        prop_assert_eq!(header, ["parent_instance_id", "instance_id", "position", "title", "levels", "levels/national", "levels/regional"]);
        let mut expected = Vec::new();
        for (r, (input, _, _)) in records.iter().zip(&inputs) {
            for (n, (title, levels)) in input.examples.iter().enumerate() {
                let flag = |code| match levels.is_empty() {
                    true => String::new(),
                    false => if levels.contains(&code) { "1" } else { "0" }.to_string(),
                };
                let row = [r.id.clone(), format!("x{n}"), (n + 1).to_string(), title.clone(), levels.join(" "), flag("national"), flag("regional")];
                expected.push(row.iter().map(|c| neutralise(c)).collect::<Vec<_>>());
            }
        }
        prop_assert_eq!(rows, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]
    #[test]
    fn neutralise_prefixes_formula_triggers_only(cell in text()) {
        let out = neutralise(&cell);
        let trigger = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
        prop_assert_eq!(out, if trigger { format!("'{cell}") } else { cell });
    }
}

#[test]
fn a_one_megabyte_answer_survives_json_zip_and_csv() {
    let big = big_text(1 << 20);
    assert!(big.len() >= 1 << 20 && big.contains('\0') && big.contains('\u{202E}') && big.contains("😀"));
    let input = MiniInput {
        name: format!("={big}"),
        has_plan: Some(true),
        plan: big.clone(),
        tags: vec!["b"],
        extra_note: "\r".into(),
        people: [("w", u32::MAX), ("m", u32::MAX)].into_iter().collect(),
        examples: vec![(big.clone(), vec!["regional"])],
        revision: u64::MAX,
        created: "2026-11-22T10:00:00.000Z".into(),
        language: "ar".into(),
    };
    let records = [session_with("s-1", &big), input.record("r-1", "s-1")];
    let forms = forms();
    let make = |rs: &[Record]| Bundle::submission(rs, &forms, NOW, DEVICE).unwrap();
    let b = make(&records);
    let read = round_trip(&b, &forms, make).unwrap();
    let r = &read.records[0];
    assert_eq!((r.answers.text("name"), r.answers.text("plan")), (input.name.as_str(), big.as_str()));
    let files = unzip(&bundle::to_zip(&b, &forms, &catalogs()).unwrap());
    let (header, rows) = parse_csv(&files.iter().find(|(n, _)| n == "mini.csv").unwrap().1).unwrap();
    assert_eq!(header, MINI_COLUMNS);
    assert_eq!(rows, [expected_row(r, &input).iter().map(|c| neutralise(c)).collect::<Vec<_>>()]);
    assert_eq!(rows[0][10], format!("'={big}"), "the formula is neutralised, the rest intact");
    let (_, instances) = parse_csv(&files.iter().find(|(n, _)| n == "mini__examples.csv").unwrap().1).unwrap();
    assert_eq!(instances[0][3], big);
    let backup = Bundle::backup(&records, &forms, NOW, DEVICE).unwrap();
    round_trip(&backup, &forms, |rs| Bundle::backup(rs, &forms, NOW, DEVICE).unwrap()).unwrap();
}
