//! Form versions (docs/form-versions.md): the bundled registry (the current version of each form,
//! and every version to read), the test form's two versions (tests/fixtures/test-forms, in the
//! build of `--features test-forms` only), how a stored record opens, and bundles of records
//! of an earlier version, migrated or not.

mod bundle_fixtures;

use std::collections::BTreeSet;

use bundle_fixtures::{DEVICE, NOW};
use gcm_collector::bundle::{self, read_with, select, Bundle, Kind, Selection};
use gcm_collector::document_html::migration_notice;
use gcm_collector::engine::{FormDef, Value};
use gcm_collector::forms;
use gcm_collector::i18n::{Catalog, Lang};
use gcm_collector::record::{Record, Status};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/test-forms");

fn fixture(path: &str) -> FormDef {
    let src = std::fs::read_to_string(format!("{FIXTURES}/{path}")).unwrap();
    FormDef::from_json(&src, forms::lists()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn v1() -> FormDef {
    fixture("versions/test_versions/1.json")
}

fn v2() -> FormDef {
    fixture("test_versions.json")
}

/// The registry a `test-forms` build has for the test form: current first.
fn registry() -> Vec<FormDef> {
    vec![v2(), v1()]
}

/// The test form's words in `lang`.
fn form_texts(lang: Lang) -> Catalog {
    let all: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!("{FIXTURES}/texts.json")).unwrap()).unwrap();
    Catalog::parse(lang, &all[lang.code()].to_string()).unwrap_or_else(|e| panic!("{}: {e}", lang.code()))
}

/// `lang`'s catalog with the test form's words, as a build with the feature `test-forms` has it.
fn texts(lang: Lang) -> Catalog {
    let app = gcm_collector::i18n::bundled::catalog(lang);
    Catalog::new(lang, app.entries().chain(form_texts(lang).entries()).map(|(k, v)| (k.into(), v)).collect())
}

/// A draft of version 1 as the e2e test stores it: every question answered, an example.
fn v1_draft(id: &str) -> Record {
    let mut r = Record::new(&v1(), id.into(), "2025-03-01T10:00:00.000Z".into(), "en");
    r.revision = 3;
    let a = &mut r.answers;
    a.set_text("name", "Tacna, 12 March");
    a.set_text("topic", "housing");
    a.set_text("old_note", "Rents doubled in a year.\nLandlords ask for two guarantors.");
    a.set_text("people", "34");
    a.add_instance("examples", "e1");
    let e1 = a.instance_mut("examples", "e1").unwrap();
    e1.set_text("example_title", "Shelter network");
    e1.set_text("example_level", "local");
    r
}

fn v1_complete(id: &str) -> Record {
    let mut r = v1_draft(id);
    r.complete(&v1(), "2025-03-02T10:00:00.000Z".into()).unwrap();
    r
}

#[test]
fn the_registry_lists_current_versions_first_and_every_version_once() {
    let all = forms::all();
    let versions = forms::versions();
    assert_eq!(&versions[..all.len()], all, "the current versions come first");
    assert_eq!(versions.len(), forms::load_all().unwrap().len(), "a version failed to load");
    assert!(versions.len() >= forms::SOURCES.len() + forms::EARLIER.len());
    let ids: BTreeSet<&str> = all.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "one current version per form");
    let pairs: BTreeSet<(&str, &str)> = versions.iter().map(|f| (f.id.as_str(), f.version.as_str())).collect();
    assert_eq!(pairs.len(), versions.len(), "a version is bundled twice");
    for old in &versions[all.len()..] {
        let current = forms::get(&old.id).unwrap_or_else(|| panic!("{} {}: an earlier version of no current form", old.id, old.version));
        assert_ne!(current.version, old.version);
    }
    assert_eq!(forms::find("annex1", "2025.1").map(|f| f.id.as_str()), Some("annex1"));
    assert!(forms::find("annex1", "1999.1").is_none());
}

#[test]
fn a_record_reads_with_its_own_version_or_else_the_current_one() {
    let mut r = Record::new(forms::get("annex1").unwrap(), "r".into(), NOW.into(), "en");
    assert_eq!(forms::of(&r).map(|f| f.version.as_str()), Some("2025.1"));
    r.form_version = "2031.1".into();
    assert_eq!(forms::of(&r).map(|f| f.version.as_str()), Some("2025.1"), "a version this app lacks");
    r.form_id = "minutes".into();
    assert!(forms::of(&r).is_none());
}

#[test]
fn the_test_form_removes_one_question_and_changes_the_choices_of_another() {
    let (v1, v2) = (v1(), v2());
    assert_eq!((v1.id.as_str(), v1.version.as_str(), v2.version.as_str()), ("test_versions", "1", "2"));
    assert!(v1.item("old_note").is_some() && v2.item("old_note").is_none());
    let codes = |f: &FormDef| f.item("topic").unwrap().choices.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&v1), ["housing", "work", "health"]);
    assert_eq!(codes(&v2), ["work", "health", "education"]);
    assert_eq!(forms::get("test_versions").is_some(), cfg!(feature = "test-forms"), "only in a build with the feature `test-forms`");
    assert_eq!(forms::find("test_versions", "1").is_some(), cfg!(feature = "test-forms"));
}

#[test]
fn the_test_form_says_every_text_of_both_versions_in_every_language_and_nothing_more() {
    for &lang in Lang::ALL {
        let t = form_texts(lang);
        let mut used = BTreeSet::new();
        for form in [v1(), v2()] {
            for (text, required) in form.texts() {
                assert!(!required || text.find(&t).is_some(), "{}: {} has no text", lang.code(), text.key());
                used.insert(text.key().to_string());
            }
        }
        for (key, _) in t.entries() {
            assert!(used.contains(key), "{}: {key} belongs to neither version", lang.code());
        }
    }
    // The removed question and the removed choice keep their words: drafts of version 1 show them.
    assert_eq!(form_texts(Lang::Fr).get("forms.test_versions.items.old_note.label"), "Autres remarques");
    assert_eq!(form_texts(Lang::Es).get("forms.test_versions.items.topic.choices.housing"), "Vivienda");
}

#[test]
fn a_draft_of_an_earlier_version_opens_migrated_to_the_newest() {
    let (v1, v2) = (v1(), v2());
    let (form, r) = v1_draft("d").opened(&v2, Some(&v1));
    assert_eq!((form.version.as_str(), r.form_version.as_str(), r.migrated_from.as_deref()), ("2", "2", Some("1")));
    assert_eq!((r.status, r.revision), (Status::Draft, 3), "saving is the autosave's: the revision moves then");
    assert_eq!(r.answers.text("name"), "Tacna, 12 March");
    assert_eq!(r.answers.text("people"), "34");
    assert_eq!(r.answers.instances("examples")[0].answers.text("example_title"), "Shelter network");
    assert!(r.answers.get("old_note").is_none() && r.answers.get("topic").is_none());
    let set_aside: Vec<(&str, &Value)> = r.set_aside.0.iter().map(|(k, v)| (k.as_str(), v)).collect();
    assert_eq!(
        set_aside,
        [
            ("1/old_note", &Value::Text("Rents doubled in a year.\nLandlords ask for two guarantors.".into())),
            ("1/topic", &Value::Text("housing".into())),
        ]
    );
    assert!(engine_valid(&v2, &r), "the migrated draft can be completed in version 2");
    // The notice lists them in the person's language, with version 1's words, escaped.
    let versions = registry();
    let pt = texts(Lang::Pt);
    let notice = migration_notice(&r, "2", &versions, &pt);
    let intro = pt.fill("ui.migration_intro", &[("from", "1"), ("to", "2")]);
    assert!(intro.contains("versão 2") && intro.contains("versão 1"), "{intro}");
    assert_eq!(
        notice,
        format!(
            "<h2 id=\"migration-title\">{}</h2><p>{intro}</p><p>{}</p><dl class=\"set-aside\">\
             <dt>Outras observações</dt><dd>Rents doubled in a year.\nLandlords ask for two guarantors.</dd>\
             <dt>Tema principal</dt><dd>Moradia</dd></dl>",
            pt.migration_title(),
            pt.migration_set_aside()
        )
    );
    let mut odd = r.clone();
    odd.set_aside.0.insert("1/examples/e9/example_level".into(), Value::Text("<b>regional</b>".into()));
    odd.set_aside.0.insert("7/gone".into(), Value::Many(vec!["a".into(), "b".into()]));
    let html = migration_notice(&odd, "2", &versions, &texts(Lang::En));
    assert!(html.contains("<dt>Practices shared › Level</dt><dd>&lt;b&gt;regional&lt;/b&gt;</dd>"), "{html}");
    assert!(html.contains("<dt>gone</dt><dd>a\nb</dd>"), "a version this app lacks: the item's id, the codes: {html}");
    // Nothing set aside: the heading and the versions only.
    let plain = Record { set_aside: Default::default(), ..r };
    assert!(migration_notice(&plain, "2", &versions, &pt).ends_with(&format!("<p>{intro}</p>")));
}

fn engine_valid(form: &FormDef, r: &Record) -> bool {
    gcm_collector::engine::validate(form, &r.answers).is_empty()
}

#[test]
fn a_complete_record_of_an_earlier_version_opens_in_its_own() {
    let (v1, v2) = (v1(), v2());
    let complete = v1_complete("c");
    let (form, r) = complete.clone().opened(&v2, Some(&v1));
    assert_eq!((form.version.as_str(), &r), ("1", &complete));
    // A record of the newest version, and one of a version this app lacks, open as they are.
    let current = Record { form_version: "2".into(), ..v1_draft("n") };
    assert_eq!(current.clone().opened(&v2, Some(&v2)), (&v2, current));
    let unknown = Record { form_version: "3".into(), ..v1_draft("u") };
    assert_eq!(unknown.clone().opened(&v2, None), (&v2, unknown));
}

#[test]
fn a_second_migration_keeps_where_the_draft_began_and_what_was_set_aside() {
    let (v1, v2) = (v1(), v2());
    let mut v3 = v2.clone();
    v3.version = "3".into();
    v3.sections[0].items.retain(|i| i.id != "people");
    let r = v1_draft("d").migrate(&v1, &v2).migrate(&v2, &v3);
    assert_eq!((r.form_version.as_str(), r.migrated_from.as_deref()), ("3", Some("1")));
    let keys: Vec<&str> = r.set_aside.0.keys().map(String::as_str).collect();
    assert_eq!(keys, ["1/old_note", "1/topic", "2/people"]);
}

#[test]
fn a_draft_never_migrated_is_backed_up_in_its_own_version() {
    let b = Bundle::backup(&[v1_draft("d")], &registry(), NOW, DEVICE).unwrap();
    assert_eq!(b.records[0].form_version, "1");
    assert_eq!(b.records[0].answers.text("topic"), "housing");
    let forms: Vec<(&str, &str)> = b.manifest.forms.iter().map(|f| (f.id.as_str(), f.version.as_str())).collect();
    assert_eq!(forms, [("test_versions", "1")]);
    let read = read_with(b.to_json().unwrap().as_bytes(), &registry()).unwrap();
    assert_eq!(read.records(), &b.records[..]);
}

#[test]
fn a_complete_record_of_an_earlier_version_still_exports_and_imports_in_it() {
    let records = [v1_complete("c")];
    let (chosen, left_out) = select(&records, &Selection::AllComplete, &registry());
    assert_eq!((chosen.len(), left_out.len()), (1, 0));
    let b = Bundle::submission(&chosen, &registry(), NOW, DEVICE).unwrap();
    assert_eq!((b.records[0].form_version.as_str(), b.manifest.forms[0].version.as_str()), ("1", "1"));
    assert_eq!(b.records[0].answers.text("old_note"), "Rents doubled in a year.\nLandlords ask for two guarantors.");
    let read = read_with(b.to_json().unwrap().as_bytes(), &registry()).unwrap();
    assert_eq!((read.kind(), read.changed_forms()), (Kind::Submission, &[][..]));
    // Without version 1 in the app, the same bundle is refused by name.
    let e = read_with(b.to_json().unwrap().as_bytes(), &[v2()]).unwrap_err();
    assert!(matches!(e.kind(), bundle::ErrorKind::UnknownForm { version, .. } if version == "1"), "{e}");
}

#[test]
fn a_migrated_record_submits_without_its_set_aside_answers_and_backs_up_with_them() {
    let (v1, v2) = (v1(), v2());
    let mut r = v1_draft("m").migrate(&v1, &v2);
    r.complete(&v2, NOW.into()).unwrap();
    let sub = Bundle::submission(std::slice::from_ref(&r), &registry(), NOW, DEVICE).unwrap();
    assert_eq!(sub.records[0].migrated_from.as_deref(), Some("1"));
    assert!(sub.records[0].set_aside.is_empty());
    let json = sub.to_json().unwrap();
    assert!(json.contains("\"migrated_from\": \"1\"") && !json.contains("set_aside"));
    read_with(json.as_bytes(), &registry()).unwrap();

    let backup = Bundle::backup(std::slice::from_ref(&r), &registry(), NOW, DEVICE).unwrap();
    let read = read_with(backup.to_json().unwrap().as_bytes(), &registry()).unwrap();
    assert_eq!(read.records()[0], r, "the set-aside answers travel with the draft between devices");
    // Members in the documented order: migrated_from after form_version, set_aside after answers.
    let compact = serde_json::to_string(&r).unwrap();
    let at = |member: &str| compact.find(&format!("\"{member}\":")).unwrap();
    assert!(at("form_version") < at("migrated_from") && at("migrated_from") < at("status"));
    assert!(at("answers") < at("set_aside"));
    assert!(compact.ends_with(r#""set_aside":{"1/old_note":"Rents doubled in a year.\nLandlords ask for two guarantors.","1/topic":"housing"}}"#));
}

/// `bundle.json` as the app wrote it before form versions: no `migrated_from`, no
/// `set_aside`. Its digests are filled in by the test: the records' from their compact text as
/// written here (what the Python recipe of docs/bundle-format.md §3 hashes), the form's from v1.
const OLDER_BUNDLE: &str = r#"{
  "format": "gcm-review-bundle",
  "format_version": 1,
  "manifest": {
    "created": "2026-11-22T12:00:00.000Z",
    "app_version": "0.1.0",
    "device_id": "d3v1ce00-0000-4000-8000-000000000001",
    "kind": "backup",
    "forms": [{ "id": "test_versions", "version": "1", "sha256": "SHA" }],
    "record_count": 1,
    "records_sha256": "DIGEST"
  },
  "records": [
    {
      "id": "old-1",
      "form_id": "test_versions",
      "form_version": "1",
      "status": "draft",
      "revision": 2,
      "created": "2025-03-01T10:00:00.000Z",
      "modified": "2025-03-01T11:00:00.000Z",
      "language": "es",
      "answers": { "name": "Sesión de Tacna", "old_note": "Nota", "topic": "housing" }
    }
  ]
}"#;

#[test]
fn a_bundle_written_before_form_versions_still_reads() {
    let records_json = r#"[{"id":"old-1","form_id":"test_versions","form_version":"1","status":"draft","revision":2,"created":"2025-03-01T10:00:00.000Z","modified":"2025-03-01T11:00:00.000Z","language":"es","answers":{"name":"Sesión de Tacna","old_note":"Nota","topic":"housing"}}]"#;
    let digest = bundle::sha256_hex(records_json.as_bytes());
    let json = OLDER_BUNDLE
        .replace("DIGEST", &digest)
        .replace("SHA", &bundle::form_sha256(&v1()).unwrap());
    let read = read_with(json.as_bytes(), &registry()).unwrap_or_else(|e| panic!("{e}"));
    let r = &read.records()[0];
    assert_eq!((r.migrated_from.as_deref(), r.set_aside.is_empty()), (None, true));
    assert_eq!(read.manifest().records_sha256, digest, "absent members leave the digest as it was");
    assert_eq!(serde_json::to_string(read.records()).unwrap(), records_json, "and are written back absent");
}

#[test]
fn a_submission_of_both_versions_has_tables_per_version_and_each_code_once_in_its_codebook() {
    let (v1, v2) = (v1(), v2());
    let mut newer = v1_draft("n").migrate(&v1, &v2);
    newer.complete(&v2, NOW.into()).unwrap();
    let b = Bundle::submission(&[v1_complete("o"), newer], &registry(), NOW, DEVICE).unwrap();
    let catalogs: Vec<&Catalog> = gcm_collector::i18n::bundled::all();
    let bytes = bundle::to_zip(&b, &registry(), &catalogs).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let files: Vec<(String, String)> = (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            (f.name().unwrap().to_string(), text)
        })
        .collect();
    let tables: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).filter(|n| n.ends_with(".csv")).collect();
    assert_eq!(
        tables,
        ["test_versions-1.csv", "test_versions-1__examples.csv", "test_versions-2.csv", "test_versions-2__examples.csv", "codebook.csv"]
    );
    let table = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone()).unwrap();
    let old = table("test_versions-1.csv");
    assert!(old.lines().next().unwrap().ends_with(",name,topic,old_note,people"), "{old}");
    assert!(old.contains(",1,complete,") && old.contains(",housing,"));
    assert!(table("test_versions-2.csv").lines().next().unwrap().ends_with(",name,topic,people,new_note"));
    let codebook = table("codebook.csv");
    let keys: Vec<String> = codebook.lines().skip(1).map(|l| l.splitn(4, ',').take(3).collect::<Vec<_>>().join(",")).collect();
    let unique: BTreeSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{codebook}");
    for code in ["housing", "education"] {
        assert!(keys.contains(&format!("test_versions,topic,{code}")), "the codes of both versions: {code}");
    }
    assert!(keys.contains(&"test_versions,old_note,".to_string()));
}
