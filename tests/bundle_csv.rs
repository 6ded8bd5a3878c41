//! CSV tables read back by a CSV reader: every answer intact, accents and quotes intact,
//! formula-like cells neutralised, repeat groups in tables of their own. Also writes samples
//! to target/bundle-samples/ for tests/read_csv.py (Python's csv module) to read.

mod bundle_fixtures;

use std::collections::BTreeMap;

use bundle_fixtures::*;
use gcm_collector::bundle::{self, neutralise, Bundle, CsvFile};
use gcm_collector::engine::{parse_lists, FormDef, Value};
use gcm_collector::record::Record;

type Table = (Vec<String>, Vec<Vec<String>>);

fn read_csv(bytes: &[u8]) -> Table {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let body = text.strip_prefix('\u{feff}').expect("UTF-8 BOM first");
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let header = rdr.headers().unwrap().iter().map(String::from).collect();
    let rows = rdr.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

fn tables(b: &Bundle, forms: &[FormDef]) -> BTreeMap<String, Table> {
    bundle::bundle_tables(b, forms).unwrap().into_iter().map(|CsvFile { name, bytes }| (name, read_csv(&bytes))).collect()
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Three inputs to one session: a formula-like name with accents and quotes, a name with a
/// line break, and one with `@` and a tab that leaves optional questions blank.
fn sample_records() -> Vec<Record> {
    let a = input("a-1", "s-1", "=SUM(A1) Núñez, \"la jefa\"");
    let b = input("b-2", "s-1", "Ana María\r\nsegunda línea");
    let mut c = input("c-3", "s-1", "@Pérez\tTab");
    c.answers.0.remove("tags");
    c.answers.0.remove("people");
    vec![session("s-1"), a, b, c]
}

fn expected_tables() -> BTreeMap<String, Table> {
    let meta = |id: &str| {
        strings(&[
            id,
            "mini",
            "1",
            "complete",
            "0",
            "2026-11-22T10:00:00.000Z",
            "2026-11-22T10:00:00.000Z",
            "2026-11-22T11:00:00.000Z",
            "es",
            "s-1",
        ])
    };
    let row = |id: &str, rest: &[&str]| [meta(id), strings(rest)].concat();
    let mini = (
        strings(&MINI_COLUMNS),
        vec![
            row("a-1", &["'=SUM(A1) Núñez, \"la jefa\"", "no", "", "a", "1", "0", "21", "12", "9", ""]),
            row("b-2", &["Ana María\r\nsegunda línea", "no", "", "a", "1", "0", "21", "12", "9", ""]),
            row("c-3", &["'@Pérez\tTab", "no", "", "", "", "", "", "", "", ""]),
        ],
    );
    let instances = |id: &str| {
        vec![
            strings(&[id, "x1", "1", "Primero: \"año\" nuevo", "regional", "0", "1"]),
            strings(&[id, "x2", "2", "'-2 grados\nen línea dos", "regional", "0", "1"]),
        ]
    };
    let examples = (
        strings(&["parent_instance_id", "instance_id", "position", "title", "levels", "levels/national", "levels/regional"]),
        [instances("a-1"), instances("b-2"), instances("c-3")].concat(),
    );
    let session = (
        strings(&["instance_id", "form_id", "form_version", "status", "revision", "created", "modified", "completed", "language", "topic"]),
        vec![strings(&[
            "s-1",
            "session",
            "1",
            "complete",
            "0",
            "2026-11-20T09:00:00.000Z",
            "2026-11-20T09:00:00.000Z",
            "2026-11-20T10:00:00.000Z",
            "es",
            "Migración laboral",
        ])],
    );
    [("mini.csv", mini), ("mini__examples.csv", examples), ("session.csv", session)].map(|(n, t)| (n.to_string(), t)).into()
}

#[test]
fn every_cell_reads_back_as_expected() {
    let b = Bundle::submission(&sample_records(), &forms(), NOW, DEVICE).unwrap();
    assert_eq!(tables(&b, &forms()), expected_tables());
}

/// Each answer of `answers` under `items`, as its cell in `row` must read.
fn assert_answers_in_row(items: &[gcm_collector::engine::ItemDef], answers: &gcm_collector::engine::Answers, row: &BTreeMap<&str, &str>) {
    for item in items {
        match answers.get(&item.id) {
            Some(Value::Text(t)) => assert_eq!(row[item.id.as_str()], neutralise(t), "{}", item.id),
            Some(Value::Many(codes)) => {
                assert_eq!(row[item.id.as_str()], codes.join(" "));
                for c in &item.choices {
                    let on = if codes.contains(&c.value) { "1" } else { "0" };
                    assert_eq!(row[format!("{}/{}", item.id, c.value).as_str()], on);
                }
            }
            Some(Value::Counts(counts)) => {
                assert_eq!(row[item.id.as_str()], answers.total(&item.id).to_string());
                for (code, n) in counts {
                    assert_eq!(row[format!("{}/{code}", item.id).as_str()], n.to_string());
                }
            }
            Some(Value::Repeat(_)) => assert!(!row.contains_key(item.id.as_str()), "repeats have tables of their own"),
            None => assert_eq!(row.get(item.id.as_str()).copied().unwrap_or(""), ""),
        }
    }
}

#[test]
fn every_annex1_answer_is_intact() {
    let records = [annex1_response("r-1", "CHL", "yes"), annex1_response("r-2", "PER", "no")];
    let all = gcm_collector::forms::all();
    let b = Bundle::submission(&records, all, NOW, DEVICE).unwrap();
    let t = tables(&b, all);
    assert_eq!(t.keys().collect::<Vec<_>>(), ["annex1.csv", "annex1__examples.csv"]);
    let form = annex1();
    let (header, rows) = &t["annex1.csv"];
    assert!(!header.iter().any(|h| h.starts_with("examples")), "{header:?}");
    for (r, cells) in b.records.iter().zip(rows) {
        let row: BTreeMap<&str, &str> = header.iter().map(String::as_str).zip(cells.iter().map(String::as_str)).collect();
        assert_eq!(row["instance_id"], r.id);
        assert!(!row.contains_key("parent_id"), "annex1 has no parent form");
        assert_answers_in_row(&form.items().cloned().collect::<Vec<_>>(), &r.answers, &row);
    }
    assert_eq!(rows[0][header.iter().position(|h| h == "focal_point").unwrap()], "Ana Núñez");
    let (header, rows) = &t["annex1__examples.csv"];
    let group = form.item("examples").unwrap();
    let mut n = 0;
    for r in &b.records {
        for (pos, inst) in r.answers.instances("examples").iter().enumerate() {
            let row: BTreeMap<&str, &str> = header.iter().map(String::as_str).zip(rows[n].iter().map(String::as_str)).collect();
            assert_eq!((row["parent_instance_id"], row["instance_id"]), (r.id.as_str(), inst.id.as_str()));
            assert_eq!(row["position"], (pos + 1).to_string());
            assert_answers_in_row(&group.items, &inst.answers, &row);
            n += 1;
        }
    }
    assert_eq!(n, rows.len());
    assert_eq!(rows[1][3], "'=HYPERLINK(\"http://x\")", "formula neutralised");
}

#[test]
fn nested_repeat_groups_link_to_their_enclosing_instance() {
    let src = r#"{"id": "meet", "version": "1", "sections": [{"id": "s", "items": [
        {"id": "meetings", "kind": "repeat", "items": [
          {"id": "place", "kind": "short_text"},
          {"id": "speakers", "kind": "repeat", "items": [
            {"id": "speaker", "kind": "short_text"}
          ]}
        ]}
    ]}]}"#;
    let form = FormDef::from_json(src, &parse_lists("{}").unwrap()).unwrap();
    let mut r = Record::new(&form, "r-1".into(), NOW.into(), "es");
    r.answers.add_instance("meetings", "m1");
    let m1 = r.answers.instance_mut("meetings", "m1").unwrap();
    m1.set_text("place", "Santiago");
    m1.add_instance("speakers", "p1");
    m1.add_instance("speakers", "p2");
    m1.instance_mut("speakers", "p2").unwrap().set_text("speaker", "Zoë");
    let out = bundle::form_tables(&form, &[&r]).unwrap();
    let t: BTreeMap<&str, Table> = out.iter().map(|f| (f.name.as_str(), read_csv(&f.bytes))).collect();
    assert_eq!(t.keys().copied().collect::<Vec<_>>(), ["meet.csv", "meet__meetings.csv", "meet__speakers.csv"]);
    assert_eq!(t["meet__meetings.csv"].1, [strings(&["r-1", "m1", "1", "Santiago"])]);
    assert_eq!(t["meet__speakers.csv"].1, [strings(&["m1", "p1", "1", ""]), strings(&["m1", "p2", "2", "Zoë"])]);
}

#[test]
fn tables_without_rows_still_have_their_header() {
    let out = bundle::form_tables(&mini(), &[]).unwrap();
    assert_eq!(out.len(), 2);
    let (header, rows) = read_csv(&out[1].bytes);
    assert_eq!(header[..3], bundle::REPEAT_COLUMNS);
    assert!(rows.is_empty());
}

#[test]
fn writes_samples_for_the_python_reader() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bundle-samples");
    std::fs::create_dir_all(&dir).unwrap();
    let b = Bundle::submission(&sample_records(), &forms(), NOW, DEVICE).unwrap();
    for f in bundle::bundle_tables(&b, &forms()).unwrap() {
        std::fs::write(dir.join(&f.name), &f.bytes).unwrap();
    }
    std::fs::write(dir.join("bundle.json"), b.to_json().unwrap()).unwrap();
    std::fs::write(dir.join("export.zip"), bundle::to_zip(&b, &forms(), &gcm_collector::i18n::bundled::all()).unwrap()).unwrap();
    let files: serde_json::Map<String, serde_json::Value> =
        expected_tables().into_iter().map(|(name, (header, rows))| (name, serde_json::json!({ "header": header, "rows": rows }))).collect();
    let expected = serde_json::json!({ "files": files, "bundle": "bundle.json", "zip": "export.zip" });
    std::fs::write(dir.join("expected.json"), serde_json::to_string_pretty(&expected).unwrap()).unwrap();
}
