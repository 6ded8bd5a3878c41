//! Taking bundles in: round trips through JSON and zip, every check of `read`, and the
//! backup merge rule.

mod bundle_fixtures;

use gcm_collector::i18n::{bundled, Catalog, Lang};
use gcm_collector::messages::Say;
use std::io::{Cursor, Read};

use bundle_fixtures::*;
use gcm_collector::bundle::{self, merge_backup, read_with, Bundle, ErrorKind, Kind, MergeAction};
use gcm_collector::engine::{Value, ViolationKind};
use gcm_collector::record::Record;

fn records() -> Vec<Record> {
    vec![session("s-1"), input("b-2", "s-1", "Ana"), input("a-1", "s-1", "=cmd|' /C calc'!A0")]
}

fn submission_json() -> String {
    Bundle::submission(&records(), &forms(), NOW, DEVICE).unwrap().to_json().unwrap()
}

fn kind_of(bytes: &[u8]) -> ErrorKind {
    let e = read_with(bytes, &forms()).expect_err("should be refused");
    assert!(!e.to_string().is_empty());
    clone_kind(e.kind())
}

/// ErrorKind is not Clone (it need not be): rebuild the cases the tests compare.
fn clone_kind(k: &ErrorKind) -> ErrorKind {
    match k {
        ErrorKind::NotABundle { reason } => ErrorKind::NotABundle { reason: reason.clone() },
        ErrorKind::DamagedZip { reason } => ErrorKind::DamagedZip { reason: reason.clone() },
        ErrorKind::RepackedZip { reason } => ErrorKind::RepackedZip { reason: reason.clone() },
        ErrorKind::NoBundleInZip => ErrorKind::NoBundleInZip,
        ErrorKind::UnsupportedVersion { found } => ErrorKind::UnsupportedVersion { found: *found },
        ErrorKind::CountMismatch { declared, found } => ErrorKind::CountMismatch { declared: *declared, found: *found },
        ErrorKind::DigestMismatch { declared, computed } => {
            ErrorKind::DigestMismatch { declared: declared.clone(), computed: computed.clone() }
        }
        ErrorKind::UnknownForm { record, form, version } => {
            ErrorKind::UnknownForm { record: record.clone(), form: form.clone(), version: version.clone() }
        }
        ErrorKind::NotComplete { record } => ErrorKind::NotComplete { record: record.clone() },
        ErrorKind::InvalidRecord { record, item, violation } => {
            ErrorKind::InvalidRecord { record: record.clone(), item: item.clone(), violation: violation.clone() }
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn export_read_export_gives_the_same_json_apart_from_created() {
    for kind in [Kind::Submission, Kind::Backup] {
        let make = |records: &[Record], created: &str| match kind {
            Kind::Submission => Bundle::submission(records, &forms(), created, DEVICE).unwrap(),
            Kind::Backup => Bundle::backup(records, &forms(), created, DEVICE).unwrap(),
        };
        let mut input = records();
        if kind == Kind::Backup {
            input.push(draft("d-1"));
        }
        let first = make(&input, NOW).to_json().unwrap();
        let verified = read_with(first.as_bytes(), &forms()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(verified.kind(), kind);
        let again = make(verified.records(), "2027-02-03T04:05:06.000Z").to_json().unwrap();
        let strip = |s: &str| {
            let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
            v["manifest"]["created"] = serde_json::Value::Null;
            serde_json::to_string_pretty(&v).unwrap()
        };
        assert_ne!(first, again, "created differs");
        assert_eq!(strip(&first), strip(&again), "{kind:?}");
        assert_eq!(first.replace(NOW, "X"), again.replace("2027-02-03T04:05:06.000Z", "X"), "byte for byte otherwise");
    }
}

#[test]
fn annex1_bundles_read_back_with_the_bundled_forms() {
    let records = [annex1_response("r-1", "CHL", "yes"), annex1_response("r-2", "MEX", "no")];
    let b = Bundle::submission(&records, gcm_collector::forms::all(), NOW, DEVICE).unwrap();
    let zip = bundle::to_zip(&b, gcm_collector::forms::all(), &gcm_collector::i18n::bundled::all()).unwrap();
    let verified = bundle::read(&zip).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verified.bundle(), &b);
    assert!(verified.changed_forms().is_empty());
    let backup = Bundle::backup(&records, gcm_collector::forms::all(), NOW, DEVICE).unwrap();
    assert_eq!(bundle::read(backup.to_json().unwrap().as_bytes()).unwrap().into_records().len(), 2);
}

#[test]
fn one_changed_character_in_a_record_is_detected() {
    let json = submission_json();
    let tampered = json.replacen("\"Ana\"", "\"Ama\"", 1);
    assert_ne!(json, tampered);
    let e = read_with(tampered.as_bytes(), &forms()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DigestMismatch { .. }), "{e:?}");
    let named = e.in_file("annex1_CHL_2026-11-22_1a2b3c4d.zip");
    assert!(named.say(en()).starts_with("The file “annex1_CHL_2026-11-22_1a2b3c4d.zip” was changed"), "{named}");
}

#[test]
fn whitespace_and_key_order_do_not_matter_but_unknown_record_fields_do() {
    let compact: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    let reformatted = serde_json::to_string(&compact).unwrap();
    assert!(read_with(reformatted.as_bytes(), &forms()).is_ok(), "re-indented (and keys sorted) is the same bundle");
    let mut extra = compact.clone();
    extra["records"][0]["note"] = "added by hand".into();
    assert!(matches!(kind_of(extra.to_string().as_bytes()), ErrorKind::NotABundle { reason } if reason.contains("unknown field `note`")));
    // Nor inside the manifest.
    let mut noted = extra.clone();
    noted["records"][0].as_object_mut().unwrap().remove("note");
    noted["manifest"]["note"] = "x".into();
    assert!(matches!(kind_of(noted.to_string().as_bytes()), ErrorKind::NotABundle { reason } if reason.contains("unknown field `note`")));
    let mut stamped = compact;
    stamped["records"][0]["exported"] = NOW.into();
    assert!(matches!(kind_of(stamped.to_string().as_bytes()), ErrorKind::NotABundle { .. }));
}

#[test]
fn a_wrong_record_count_is_detected() {
    let mut v: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    v["manifest"]["record_count"] = 4.into();
    assert_eq!(kind_of(v.to_string().as_bytes()), ErrorKind::CountMismatch { declared: 4, found: 3 });
}

#[test]
fn a_removed_record_is_detected() {
    let mut v: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    v["records"].as_array_mut().unwrap().pop();
    v["manifest"]["record_count"] = 2.into();
    assert!(matches!(kind_of(v.to_string().as_bytes()), ErrorKind::DigestMismatch { .. }));
}

#[test]
fn a_newer_format_version_is_refused_by_name() {
    let mut v: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    v["format_version"] = 2.into();
    let e = read_with(v.to_string().as_bytes(), &forms()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnsupportedVersion { found: 2 });
    assert!(e.say(en()).contains("newer version of the app"), "{e}");
}

#[test]
fn json_that_is_not_a_bundle_is_refused() {
    for text in ["{\"format\": \"other\", \"format_version\": 1}", "[1, 2, 3]", "{}", "\"gcm-review-bundle\"", ""] {
        assert!(matches!(kind_of(text.as_bytes()), ErrorKind::NotABundle { .. }), "{text}");
    }
    let mut v: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    v["format_version"] = "1".into();
    assert!(matches!(kind_of(v.to_string().as_bytes()), ErrorKind::NotABundle { .. }), "version as a string");
    let mut v: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    v.as_object_mut().unwrap().remove("manifest");
    assert!(matches!(kind_of(v.to_string().as_bytes()), ErrorKind::NotABundle { .. }), "no manifest");
    let mut v: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    v["records"][1].as_object_mut().unwrap().remove("id");
    assert!(matches!(kind_of(v.to_string().as_bytes()), ErrorKind::NotABundle { .. }), "record without id");
}

#[test]
fn random_bytes_are_not_a_bundle() {
    // A fixed pseudo-random sequence (xorshift), so the test is the same on every run.
    let mut x: u32 = 0x9e37_79b9;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x.to_le_bytes()[0]
        })
        .collect();
    assert!(matches!(kind_of(&bytes), ErrorKind::NotABundle { .. }));
    assert!(matches!(kind_of(b"\x89PNG\r\n\x1a\n"), ErrorKind::NotABundle { .. }));
}

#[test]
fn a_bundle_with_a_byte_order_mark_is_read() {
    let json = format!("\u{feff}{}", submission_json());
    assert!(read_with(json.as_bytes(), &forms()).is_ok());
}

#[test]
fn records_of_forms_this_app_lacks_are_refused() {
    let json = submission_json();
    let e = read_with(json.as_bytes(), &[mini()]).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnknownForm { record: "s-1".into(), form: "session".into(), version: "1".into() });
    assert_eq!(e.record(), Some("s-1"));
}

#[test]
fn a_changed_definition_with_the_same_version_is_reported_not_refused() {
    let json = submission_json();
    let mut changed = forms();
    // Words are not part of a definition (they are in the locale files): a changed rule is.
    changed[1].sections[0].items[0].max_length = Some(500);
    let verified = read_with(json.as_bytes(), &changed).unwrap();
    assert_eq!(verified.changed_forms(), ["mini"]);
}

/// A bundle whose digest and count are right but whose records are not fit to submit:
/// what another program (or a hand edit that recomputed the digest) could make.
fn resealed(mut records: Vec<Record>, kind: &str) -> String {
    let mut b = Bundle::backup(&records, &forms(), NOW, DEVICE).unwrap();
    records = b.records.clone();
    b.manifest.records_sha256 = bundle::records_sha256(&records).unwrap();
    let mut v = serde_json::to_value(&b).unwrap();
    v["manifest"]["kind"] = kind.into();
    v.to_string()
}

#[test]
fn a_submission_with_a_draft_or_an_invalid_record_is_refused() {
    let e = read_with(resealed(vec![draft("d-1")], "submission").as_bytes(), &forms()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::NotComplete { record: "d-1".into() });
    let mut bad = input("b-2", "s-1", "Ana");
    let levels = bad.answers.instance_mut("examples", "x1").unwrap();
    levels.0.insert("levels".into(), Value::Many(vec!["regional".into(), "planetary".into()]));
    let e = read_with(resealed(vec![bad.clone()], "submission").as_bytes(), &forms()).unwrap_err();
    let expected = ErrorKind::InvalidRecord { record: "b-2".into(), item: "levels".into(), violation: ViolationKind::UnknownChoice };
    assert_eq!(e.kind(), &expected);
    assert!(e.say(en()).contains("“levels” is not one of the options"), "{e}");
    assert!(read_with(resealed(vec![bad, draft("d-1")], "backup").as_bytes(), &forms()).is_ok(), "a backup may hold both");
}

#[test]
fn a_manifest_that_lists_a_form_twice_is_refused() {
    let mut v: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    let forms_listed = v["manifest"]["forms"].as_array_mut().unwrap();
    let mut again = forms_listed[1].clone();
    again["sha256"] = "0".repeat(64).into();
    forms_listed.push(again);
    let e = read_with(v.to_string().as_bytes(), &forms()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::FormListedTwice { form: "session".into(), version: "1".into() });
    let named = e.in_file("envío.json");
    assert!(named.say(en()).starts_with("The file “envío.json” names form “session” (version 1) twice"), "{named}");
    let es = named.say(bundled::catalog(Lang::Es));
    assert!(es.starts_with("El archivo «envío.json» menciona dos veces el formulario «session»"), "{es}");
    // The same form in another version is another listing, not the same one twice.
    let mut v: serde_json::Value = serde_json::from_str(&submission_json()).unwrap();
    let forms_listed = v["manifest"]["forms"].as_array_mut().unwrap();
    let mut other_version = forms_listed[1].clone();
    other_version["version"] = "2".into();
    forms_listed.push(other_version);
    assert!(read_with(v.to_string().as_bytes(), &forms()).is_ok());
}

#[test]
fn duplicate_record_ids_are_refused() {
    let json = resealed(vec![draft("d-1"), draft("d-1")], "backup");
    assert!(matches!(kind_of(json.as_bytes()), ErrorKind::NotABundle { reason } if reason.contains("twice")));
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            assert_eq!(f.compression(), zip::CompressionMethod::Stored);
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().to_string(), out)
        })
        .collect()
}

#[test]
fn the_zip_holds_readme_bundle_and_csv_tables_and_reads_back() {
    let b = Bundle::submission(&records(), &forms(), NOW, DEVICE).unwrap();
    let zip = bundle::to_zip(&b, &forms(), &gcm_collector::i18n::bundled::all()).unwrap();
    let files = unzip(&zip);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["README.txt", "bundle.json", "mini.csv", "mini__examples.csv", "session.csv", "codebook.csv"]);
    let readme = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(readme.contains("  mini__examples.csv\r\n") && readme.contains("  codebook.csv\r\n"), "{readme}");
    for t in bundled::all() {
        let first_line = t.get("readme.submission_text").lines().next().unwrap();
        let block = format!("{}\r\n{first_line}", t.lang().code().to_uppercase());
        assert!(readme.contains(&block), "{block} in {readme}");
    }
    let inner = read_with(&files[1].1, &forms()).unwrap();
    assert_eq!(inner.bundle(), &b);
    assert_eq!(read_with(&zip, &forms()).unwrap(), inner);
    let csv = String::from_utf8(files[2].1.clone()).unwrap();
    assert!(csv.starts_with("\u{feff}instance_id,"));
}

#[test]
fn a_backup_zip_holds_the_bundle_and_readme_only() {
    let b = Bundle::backup(&[draft("d-1")], &forms(), NOW, DEVICE).unwrap();
    let files = unzip(&bundle::to_zip(&b, &forms(), &gcm_collector::i18n::bundled::all()).unwrap());
    assert_eq!(files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["README.txt", "bundle.json"]);
    assert!(String::from_utf8_lossy(&files[0].1).contains("BACKUP"));
}

#[test]
fn a_truncated_zip_is_damaged() {
    let zip = bundle::to_zip(&Bundle::submission(&records(), &forms(), NOW, DEVICE).unwrap(), &forms(), &gcm_collector::i18n::bundled::all()).unwrap();
    for cut in [zip.len() - 10, zip.len() / 2, 30] {
        let e = read_with(&zip[..cut], &forms()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::DamagedZip { .. }), "cut at {cut}: {e:?}");
        assert!(e.say(en()).contains("damaged or incomplete"));
    }
}

#[test]
fn a_zip_whose_bundle_json_was_altered_fails_its_crc() {
    let zip = bundle::to_zip(&Bundle::submission(&records(), &forms(), NOW, DEVICE).unwrap(), &forms(), &gcm_collector::i18n::bundled::all()).unwrap();
    let at = zip.windows(5).position(|w| w == b"\"Ana\"").expect("the name is stored as is");
    let mut altered = zip.clone();
    altered[at + 2] = b'm';
    let e = read_with(&altered, &forms()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DamagedZip { reason } if reason.contains("CRC")), "{e:?}");
}

#[test]
fn a_zip_without_bundle_json_says_so() {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("notes.txt", options).unwrap();
    std::io::Write::write_all(&mut w, b"hola").unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert_eq!(kind_of(&bytes), ErrorKind::NoBundleInZip);
}

#[test]
fn a_zip_of_the_unpacked_folder_is_read() {
    let json = submission_json();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("export/README.txt", options).unwrap();
    w.start_file("export/bundle.json", options).unwrap();
    std::io::Write::write_all(&mut w, json.as_bytes()).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert!(read_with(&bytes, &forms()).is_ok());
}

#[test]
fn a_zip_re_packed_with_compression_is_named_as_such() {
    let zip = bundle::to_zip(&Bundle::submission(&records(), &forms(), NOW, DEVICE).unwrap(), &forms(), &gcm_collector::i18n::bundled::all()).unwrap();
    // Mark every entry as deflated (method 8) in its local header and the central directory,
    // as a zip tool re-packing the folder would; `read` (the transfer page's) does not inflate:
    // the secretariat's `read_each` does (tests/bundle_unpack.rs).
    let mut bytes = zip.clone();
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let method_at = if sig[2] == 3 { 8 } else { 10 };
        let starts: Vec<usize> = bytes.windows(4).enumerate().filter(|(_, w)| *w == sig).map(|(i, _)| i).collect();
        for s in starts {
            bytes[s + method_at] = 8;
        }
    }
    let e = read_with(&bytes, &forms()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::RepackedZip { .. }), "{e:?}");
}

#[test]
fn backup_merge_adds_new_skips_identical_and_never_overwrites() {
    let here = [draft("d-1"), input("b-2", "s-1", "Ana")];
    let mut stamped = here[1].clone();
    stamped.exported = Some(NOW.into());
    let mut edited = draft("d-1");
    edited.answers.set_text("name", "Borrador editado en otro equipo");
    edited.revision = 3;
    let incoming = [edited.clone(), here[1].clone(), session("s-1")];
    let actions = merge_backup(&[here[0].clone(), stamped], &incoming);
    assert_eq!(
        actions,
        [
            MergeAction::Conflict { local: here[0].clone(), incoming: edited },
            MergeAction::Skip { id: "b-2".into() },
            MergeAction::Add(session("s-1")),
        ]
    );
}

#[test]
fn a_bundle_read_twice_merges_to_nothing_new() {
    let b = Bundle::backup(&records(), &forms(), NOW, DEVICE).unwrap();
    let verified = read_with(b.to_json().unwrap().as_bytes(), &forms()).unwrap();
    let actions = merge_backup(&records(), verified.records());
    assert!(actions.iter().all(|a| matches!(a, MergeAction::Skip { .. })), "{actions:?}");
}

fn en() -> &'static Catalog {
    bundled::catalog(Lang::En)
}

#[test]
fn the_codebook_labels_every_code_in_each_language_formula_safe() {
    let b = Bundle::submission(&records(), &forms(), NOW, DEVICE).unwrap();
    // A catalog whose words start like formulas: the codebook must not run them in a spreadsheet.
    let tricky = Catalog::parse(
        Lang::Es,
        r#"{"forms":{"mini":{"title":"=Mini","items":{"tags":{"label":"+Etiquetas","choices":{"a":"@A","b":"-B"}}}}}}"#,
    )
    .unwrap();
    let files = unzip(&bundle::to_zip(&b, &forms(), &[en(), &tricky]).unwrap());
    let (_, bytes) = files.iter().find(|(n, _)| n == "codebook.csv").unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["form", "item", "code", "label_en", "label_es"]);
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let row = |form: &str, item: &str, code: &str| rows.iter().find(|r| r[0] == form && r[1] == item && r[2] == code).cloned();
    assert_eq!(row("mini", "", "").unwrap()[4], "'=Mini");
    assert_eq!(row("mini", "tags", "").unwrap()[4], "'+Etiquetas");
    assert_eq!(row("mini", "tags", "a").unwrap()[4], "'@A");
    assert_eq!(row("mini", "tags", "b").unwrap()[4], "'-B");
    assert!(row("mini", "title", "").is_some(), "repeat children are listed");
    assert!(row("session", "topic", "").is_some(), "every form of the bundle");
    assert!(String::from_utf8(bytes.clone()).unwrap().contains("\r\n"));
}
