//! The secretariat's consolidation: merge, duplicates and conflicts across files, refused files,
//! what the store is handed, filters and the statistics on a known set of records.

mod bundle_fixtures;

use gcm_collector::i18n::{bundled, Catalog, Lang};
use gcm_collector::messages::Say;
use bundle_fixtures::{annex1_response, real_input, real_session};
use gcm_collector::bundle::{records_sha256, Bundle};
use gcm_collector::consolidate::{stats, Collection, Facets, FileReport, Filter, Search};
use gcm_collector::forms;
use gcm_collector::record::Record;

const NOW: &str = "2026-11-22T12:00:00.000Z";

fn json(records: &[Record]) -> Vec<u8> {
    Bundle::submission(records, forms::all(), NOW, "dev").unwrap().to_json().unwrap().into_bytes()
}

/// Records as a bundle carries them (answers to questions that do not apply are left out).
fn sent(records: &[Record]) -> Vec<Record> {
    gcm_collector::bundle::read(&json(records)).unwrap().into_records()
}

fn chile() -> Record {
    annex1_response("a1000000-0000-4000-8000-000000000001", "CHL", "yes")
}

fn peru() -> Record {
    annex1_response("a1000000-0000-4000-8000-000000000002", "PER", "no")
}

fn revised(r: &Record, revision: u64, institution: &str) -> Record {
    let mut r = r.clone();
    r.revision = revision;
    r.answers.set_text("institution", institution);
    r
}

fn en() -> &'static Catalog {
    bundled::catalog(Lang::En)
}

fn counts(reports: &[FileReport]) -> (usize, usize, usize, bool) {
    let r = one(reports);
    (r.accepted, r.duplicates, r.conflicts, r.rejected.is_some())
}

/// The report of a file that holds one bundle.
fn one(reports: &[FileReport]) -> &FileReport {
    assert_eq!(reports.len(), 1, "one report for one bundle: {reports:?}");
    &reports[0]
}

#[test]
fn new_records_are_accepted_and_the_same_file_again_is_all_duplicates() {
    let mut c = Collection::default();
    let file = json(&[chile(), peru()]);
    assert_eq!(counts(&c.add_file("a.json", &file)), (2, 0, 0, false));
    assert_eq!(counts(&c.add_file("a-again.json", &file)), (0, 2, 0, false));
    assert_eq!(c.records().len(), 2);
    assert!(c.set_aside().is_empty());
}

#[test]
fn a_conflict_keeps_the_newest_revision_whichever_file_comes_first() {
    let newer = revised(&peru(), 5, "Cancillería — revisada");
    for order in [[json(&[chile(), peru()]), json(std::slice::from_ref(&newer))], [json(std::slice::from_ref(&newer)), json(&[chile(), peru()])]] {
        let mut c = Collection::default();
        let reports: Vec<_> = order.iter().enumerate().map(|(i, f)| c.add_file(&format!("{i}.json"), f)).collect();
        assert_eq!(reports.iter().map(|r| one(r).conflicts).sum::<usize>(), 1);
        assert_eq!(c.records().len(), 2);
        assert_eq!(c.get(&newer.id).unwrap().revision, 5, "the newest revision is kept");
        let aside: Vec<_> = c.set_aside_of(&newer.id).collect();
        assert_eq!(aside.len(), 1, "the other copy stays visible");
        assert_eq!(aside[0].revision, peru().revision);
        // Either copy arriving again is a duplicate now, not a new conflict.
        assert_eq!(counts(&c.add_file("old.json", &json(&[peru()]))), (0, 1, 0, false));
        assert_eq!(counts(&c.add_file("new.json", &json(std::slice::from_ref(&newer)))), (0, 1, 0, false));
        assert_eq!(c.set_aside().len(), 1);
    }
}

#[test]
fn the_secretariat_can_keep_a_set_aside_copy_instead() {
    let newer = revised(&peru(), 5, "Revisada");
    let mut c = Collection::default();
    c.add_file("1", &json(&[peru()]));
    c.add_file("2", &json(std::slice::from_ref(&newer)));
    let older = c.set_aside_of(&newer.id).next().unwrap().clone();
    let (kept, aside) = c.keep_instead(&older).unwrap();
    assert_eq!((kept.revision, aside.revision), (0, 5));
    assert_eq!(c.get(&newer.id).unwrap().revision, 0);
    assert_eq!(c.set_aside().iter().map(|r| r.revision).collect::<Vec<_>>(), [5]);
    assert!(!c.facets()[0].text.contains("revisada"), "the facets follow the kept copy");
    assert!(c.keep_instead(&older).is_none(), "no longer set aside");
    // The ruling holds when either copy arrives again.
    assert_eq!(counts(&c.add_file("3", &json(std::slice::from_ref(&newer)))), (0, 1, 0, false));
    assert_eq!(c.get(&newer.id).unwrap().revision, 0);
}

#[test]
fn equal_revisions_saved_at_the_same_time_settle_the_same_way_in_any_order() {
    let a = revised(&peru(), 3, "Versión A");
    let b = revised(&peru(), 3, "Versión B");
    let kept = |first: &Record, second: &Record| {
        let mut c = Collection::default();
        c.add_file("1", &json(std::slice::from_ref(first)));
        let report = c.add_file("2", &json(std::slice::from_ref(second)));
        assert_eq!(one(&report).conflicts, 1);
        c.records()[0].answers.text("institution").to_string()
    };
    assert_eq!(kept(&a, &b), kept(&b, &a));
}

#[test]
fn a_refused_file_adds_nothing_and_says_why_in_words_naming_it() {
    let mut c = Collection::default();
    c.add_file("first.json", &json(&[chile()]));
    let good_then_bad = String::from_utf8(json(&[peru(), revised(&chile(), 9, "x")])).unwrap();
    let tampered = good_then_bad.replace("\"revision\": 9", "\"revision\": 10");
    assert_ne!(tampered, good_then_bad, "the fixture must change a record");

    // A record that fails validation, in a bundle whose digest is right: the reason names the field.
    let mut invalid = Bundle::submission(&[peru()], forms::all(), NOW, "dev").unwrap();
    invalid.records[0].answers.set_text("email", "not an address");
    invalid.manifest.records_sha256 = records_sha256(&invalid.records).unwrap();
    let mut unknown = Bundle::submission(&[peru()], forms::all(), NOW, "dev").unwrap();
    unknown.records[0].form_version = "1999".into();
    unknown.manifest.records_sha256 = records_sha256(&unknown.records).unwrap();
    let backup = Bundle::backup(&[peru()], forms::all(), NOW, "dev").unwrap().to_json().unwrap();
    let newer_format = String::from_utf8(json(&[peru()])).unwrap().replace("\"format_version\": 1", "\"format_version\": 2");
    let zip = gcm_collector::bundle::to_zip(&Bundle::submission(&[peru()], forms::all(), NOW, "dev").unwrap(), forms::all(), &gcm_collector::i18n::bundled::all()).unwrap();

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("tampered.json", tampered.into_bytes(), "changed or damaged after export"),
        ("invalid.json", invalid.to_json().unwrap().into_bytes(), "email"),
        ("unknown.json", unknown.to_json().unwrap().into_bytes(), "version 1999"),
        ("backup.json", backup.into_bytes(), "backup of drafts"),
        ("newer.json", newer_format.into_bytes(), "newer version of the app"),
        ("truncated.zip", zip[..zip.len() / 2].to_vec(), "damaged or incomplete zip"),
        ("notes.txt", b"minutes of the meeting".to_vec(), "not a bundle"),
    ];
    for (name, bytes, says) in cases {
        let report = one(&c.add_file(name, &bytes)).clone();
        let reason = report.rejected.clone().unwrap_or_else(|| panic!("{name} was taken: {report:?}")).say(en());
        assert!(reason.contains(name) && reason.contains(says), "{name}: {reason}");
        assert_eq!(counts(std::slice::from_ref(&report)), (0, 0, 0, true), "{name}");
    }
    // In Spanish too, naming the file.
    let reason = one(&c.add_file("roto.zip", &zip[..zip.len() / 2])).rejected.clone().unwrap().say(bundled::catalog(Lang::Es));
    assert!(reason.contains("«roto.zip»") && reason.contains("zip dañado"), "{reason}");
    assert_eq!(c.records(), sent(&[chile()]), "nothing of the refused files came in");
    assert!(c.set_aside().is_empty());
}

/// A zip of `entries` (name, bytes), deflated, as a zip tool would write it.
fn deflated_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, options).unwrap();
        std::io::Write::write_all(&mut w, bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_zip_of_several_bundles_gives_a_report_each_named_inside_the_file() {
    let mut c = Collection::default();
    c.add_file("first.json", &json(&[chile()]));
    let backup = Bundle::backup(&[revised(&chile(), 7, "x")], forms::all(), NOW, "dev").unwrap().to_json().unwrap();
    let zip = deflated_zip(&[("CHL/bundle.json", &json(&[chile()])), ("PER/bundle.json", &json(&[peru()])), ("old/bundle.json", backup.as_bytes())]);
    let reports = c.add_file("region.zip", &zip);
    let names: Vec<&str> = reports.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(names, ["region.zip › CHL/bundle.json", "region.zip › PER/bundle.json", "region.zip › old/bundle.json"]);
    assert_eq!(counts(&reports[0..1]), (0, 1, 0, false));
    assert_eq!(counts(&reports[1..2]), (1, 0, 0, false));
    let why = reports[2].rejected.as_ref().expect("a backup is refused on its own").say(en());
    assert!(why.starts_with("The file “region.zip › old/bundle.json” is a backup of drafts"), "{why}");
    assert_eq!(c.records(), sent(&[chile(), peru()]), "the backup's revision 7 did not come in");
    // A zip of one bundle, deflated, is one report named as the file.
    let reports = c.add_file("peru.zip", &deflated_zip(&[("peru/bundle.json", &json(&[peru()]))]));
    assert_eq!((reports[0].file.as_str(), counts(&reports)), ("peru.zip", (0, 1, 0, false)));
}

#[test]
fn a_zip_bomb_is_one_refusal_and_adds_nothing() {
    let mut c = Collection::default();
    // A bundle, then an entry whose header claims far more than the cap: refused before inflating.
    let mut zip = deflated_zip(&[("a/bundle.json", &json(&[chile()])), ("b/bundle.json", b"{}")]);
    let eocd = zip.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let cd = u32::from_le_bytes(zip[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    let second = cd + 46 + "a/bundle.json".len();
    assert_eq!(&zip[second..second + 4], b"PK\x01\x02");
    zip[second + 24..second + 28].copy_from_slice(&u32::MAX.to_le_bytes());
    let reports = c.add_file("bomb.zip", &zip);
    assert_eq!(counts(&reports), (0, 0, 0, true));
    let why = reports[0].rejected.as_ref().unwrap().say(bundled::catalog(Lang::Fr));
    assert!(why.starts_with("Le fichier «\u{a0}bomb.zip\u{a0}» occuperait plus de 64\u{a0}Mo"), "{why}");
    assert!(c.records().is_empty(), "not even the good bundle before it");
}

#[test]
fn the_store_is_handed_only_what_changed() {
    let mut c = Collection::default();
    c.restore(sent(&[chile()]), Vec::new());
    assert_eq!(c.take_changes().kept.len(), 0, "restored records are already stored");
    c.add_file("1", &json(&[chile(), peru()]));
    let changes = c.take_changes();
    assert_eq!(changes.kept, sent(&[peru()]));
    assert!(changes.set_aside.is_empty());
    let newer = revised(&chile(), 4, "Nueva");
    c.add_file("2", &json(std::slice::from_ref(&newer)));
    let changes = c.take_changes();
    assert_eq!((changes.kept, changes.set_aside), (sent(&[newer]), sent(&[chile()])));
    assert_eq!(c.take_changes().kept.len(), 0);
}

/// Two Annex 1 responses, a session in Cúcuta with 25 attending, and its three inputs.
fn known_set() -> Vec<Record> {
    let mut inputs = vec![real_input(1, "civil_society", "woman", "session1"), real_input(2, "migrant_diaspora", "man", "session1"), real_input(3, "migrant_diaspora", "prefer_not", "session2")];
    let objectives = forms::get("participant_input").unwrap().item("input_objectives").unwrap().choices.clone();
    for o in ["obj14", "obj23"] {
        inputs[0].answers.toggle("input_objectives", o, true, &objectives);
    }
    let mut all = vec![chile(), peru(), real_session()];
    all.extend(inputs);
    all
}

#[test]
fn statistics_on_a_known_set() {
    let records = known_set();
    let facets: Vec<Facets> = records.iter().map(Facets::of).collect();
    let tables = stats::all(&records.iter().zip(&facets).collect::<Vec<_>>());
    let t = |id: &str| tables.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("no table {id}"));
    let rows = |id: &str| t(id).rows.iter().filter(|r| r.count > 0).map(|r| (r.code.as_str(), r.count)).collect::<Vec<_>>();

    assert_eq!(rows("records_by_form"), [("annex1", 2), ("consultation_session", 1), ("participant_input", 3)]);
    assert_eq!(t("records_by_form").total, 6);
    assert_eq!(rows("reports_by_author"), [("governments", 2)]);
    let mut countries = rows("countries");
    countries.sort();
    assert_eq!(countries, [("CHL", 1), ("COL", 1), ("PER", 1)], "countries with no record are left out");
    assert_eq!(rows("inputs_by_category"), [("migrant_diaspora", 2), ("civil_society", 1)], "in the list's order");
    assert_eq!(rows("inputs_by_gender"), [("woman", 1), ("man", 1), ("prefer_not", 1)]);
    assert_eq!(t("inputs_by_gender").total, 3);
    assert_eq!(rows("attendance_by_category"), [("migrant_diaspora", 15), ("civil_society", 10)]);
    assert_eq!((t("attendance_by_category").count("civil_society"), t("attendance_by_category").count("migrant_diaspora"), t("attendance_by_category").total), (10, 15, 25));
    assert_eq!((t("attendance_by_gender").count("woman"), t("attendance_by_gender").count("man"), t("attendance_by_gender").total), (14, 11, 25));
    assert_eq!(rows("inputs_by_session"), [("session1", 2), ("session2", 1)]);
    // obj23 belongs to every thematic area, obj14 to area 3: one input, counted once per area.
    assert_eq!(rows("inputs_by_area"), [("area1", 1), ("area2", 1), ("area3", 1), ("area4", 1), ("area5", 1)]);
    assert_eq!((t("inputs_by_area").total, t("inputs_by_area").overlapping), (1, true));
    assert_eq!(rows("inputs_by_objective"), [("obj14", 1), ("obj23", 1)]);
    // Short lists keep their zero rows, as the report's tables do.
    assert_eq!(t("inputs_by_category").rows.len(), forms::list("stakeholder_categories").len());
}

#[test]
fn statistics_of_the_records_a_filter_shows() {
    let records = known_set();
    let facets: Vec<Facets> = records.iter().map(Facets::of).collect();
    let shown = Filter { theme: Some("session1".into()), ..Filter::default() }.matching(&facets, en());
    let rows: Vec<_> = shown.iter().map(|&i| (&records[i], &facets[i])).collect();
    let tables = stats::all(&rows);
    let by_form = tables.iter().find(|t| t.id == "records_by_form").unwrap();
    assert_eq!((by_form.count("consultation_session"), by_form.count("participant_input"), by_form.total), (1, 2, 3));
}

#[test]
fn a_statistic_downloads_as_csv_with_its_total() {
    let records = known_set();
    let facets: Vec<Facets> = records.iter().map(Facets::of).collect();
    let table = stats::all(&records.iter().zip(&facets).collect::<Vec<_>>()).into_iter().find(|t| t.id == "attendance_by_gender").unwrap();
    let bytes = table.to_csv(bundled::catalog(Lang::Es));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["code", "Género", "Participantes"]);
    let lines: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    assert!(lines.iter().any(|l| l[0] == "woman" && l[2] == "14"), "{lines:?}");
    assert_eq!(lines.last().unwrap()[1..], ["Total".to_string(), "25".to_string()]);
    // Every heading in the reader's language, the total line too ("Records counted" was left
    // in English once).
    let countries = stats::all(&records.iter().zip(&facets).collect::<Vec<_>>()).into_iter().find(|t| t.id == "countries").unwrap();
    let text = String::from_utf8(countries.to_csv(bundled::catalog(Lang::Es))).unwrap();
    assert!(text.contains("Registros contados") && !text.contains("Records"), "{text}");
    assert!(String::from_utf8(bytes).unwrap().contains("\r\n"));
}

#[test]
fn filters_by_each_facet_and_by_words_without_accents() {
    let records = known_set();
    let facets: Vec<Facets> = records.iter().map(Facets::of).collect();
    let ids = |f: Filter| f.matching(&facets, en()).into_iter().map(|i| records[i].form_id.as_str()).collect::<Vec<_>>();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(ids(Filter::default()).len(), 6);
    assert_eq!(ids(Filter { text: some("cucuta"), ..Filter::default() }), ["consultation_session"]);
    assert_eq!(ids(Filter { text: some("consulta EN  Cúcuta"), ..Filter::default() }), ["consultation_session"]);
    assert_eq!(ids(Filter { text: some("Cúcuta Lima"), ..Filter::default() }).len(), 0, "a search is one phrase");
    assert_eq!(ids(Filter { form: some("annex1"), ..Filter::default() }), ["annex1", "annex1"]);
    assert_eq!(ids(Filter { country: some("COL"), ..Filter::default() }), ["consultation_session"]);
    assert_eq!(ids(Filter { country: some("CHL"), form: some("annex1"), ..Filter::default() }).len(), 1);
    // A category chosen by an input, or present in a session's attendance.
    assert_eq!(ids(Filter { category: some("migrant_diaspora"), ..Filter::default() }), ["consultation_session", "participant_input", "participant_input"]);
    assert_eq!(ids(Filter { theme: some("session2"), ..Filter::default() }), ["participant_input"]);
    // Area 3 holds obj14 (the input) and obj23 (the Annex 1 examples cite it).
    assert_eq!(ids(Filter { theme: some("area3"), ..Filter::default() }), ["annex1", "annex1", "participant_input"]);
    assert_eq!(ids(Filter { objective: some("obj14"), ..Filter::default() }), ["participant_input"]);
    assert_eq!(ids(Filter { from: some("2026-11-18"), to: some("2026-11-18"), ..Filter::default() }), ["consultation_session"]);
    assert_eq!(facets[2].date, "2026-11-18", "a session is dated by its session date");
}

#[test]
fn a_search_typed_letter_by_letter_narrows_the_last_matches_to_what_a_new_search_finds() {
    let records = known_set();
    let facets: Vec<Facets> = records.iter().map(Facets::of).collect();
    let with = |text: &str| Filter { text: Some(text.to_string()), ..Filter::default() };
    // "Cúcuta" is in the session's text; "mujer" only in the Spanish label of an option chosen.
    for typed in ["Consulta en Cúcuta", "civil", "Mujer"] {
        let mut shown = Filter::default().matching(&facets, en());
        let mut before = Filter::default();
        for end in typed.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let now = with(&typed[..end]);
            assert!(now.narrows(&before), "{:?} narrows {:?}", now.text, before.text);
            shown = now.matching_among(&facets, en(), shown);
            assert_eq!(shown, now.matching(&facets, en()), "after {:?}", &typed[..end]);
            before = now;
        }
    }
    assert!(!with("cucu").narrows(&with("cucuta")), "a letter deleted searches again");
    assert!(!with("lima").narrows(&with("cucuta")));
    assert!(!Filter { form: Some("annex1".into()), ..with("cucuta") }.narrows(&with("cucu")), "another filter changed");
    assert!(with("Cúcuta").narrows(&with("cucu")), "accents and case fold as the search does");
}

#[test]
fn the_search_as_typed_finds_what_a_new_search_finds_whatever_changed_between_letters() {
    let mut c = Collection::default();
    c.restore(sent(&known_set()), Vec::new());
    let with = |text: &str| Filter { text: Some(text.to_string()), ..Filter::default() };
    let es = bundled::catalog(Lang::Es);
    let mut search = Search::default();
    // Letters typed, one deleted, the language changed (the labels searched are another
    // language's), another filter set, then records added: each time what a new search finds.
    let steps = [(with(""), en()), (with("c"), en()), (with("cu"), en()), (with("cuc"), en()), (with("cu"), en()), (with("mu"), en()), (with("mu"), es), (with("muj"), es)];
    for (filter, t) in steps.iter().chain([&(Filter { form: Some("participant_input".into()), ..with("muj") }, es)]) {
        assert_eq!(search.matching(filter, &c, t), filter.matching(c.facets(), t), "{filter:?} in {:?}", t.lang());
    }
    search.matching(&with("muj"), &c, es);
    let before = c.records().len();
    c.add_file("more.json", &json(&[real_input(9, "civil_society", "woman", "session1")]));
    assert_eq!(c.records().len(), before + 1);
    assert_eq!(search.matching(&with("mujer"), &c, es), with("mujer").matching(c.facets(), es), "after records were added");
}

#[test]
fn the_collection_s_edits_move_with_each_change_of_its_records_and_only_then() {
    let files = bundle_fixtures::scale_files(2, 3);
    let mut c = Collection::default();
    let mut seen = vec![c.edits()];
    c.add_file("a.json", &files[0]);
    seen.push(c.edits());
    c.add_file("again.json", &files[0]);
    assert_eq!(c.edits(), seen[1], "duplicates change nothing");
    c.add_file("b.json", &files[1]);
    seen.push(c.edits());
    let mut other = Collection::default();
    other.restore(c.records().to_vec(), Vec::new());
    seen.push(other.edits());
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), seen.len(), "never the same twice: {seen:?}");
}

#[test]
fn ten_thousand_records_from_two_hundred_files() {
    let files = bundle_fixtures::scale_files(200, 50);
    let mut c = Collection::default();
    let start = std::time::Instant::now();
    let accepted: usize = files.iter().enumerate().map(|(i, f)| one(&c.add_file(&format!("{i}.json"), f)).accepted).sum();
    eprintln!("imported 10,000 records from 200 files in {:?} (debug: {})", start.elapsed(), cfg!(debug_assertions));
    assert_eq!((accepted, c.records().len()), (10_000, 10_000));
    assert_eq!(c.take_changes().kept.len(), 10_000);
    let again = one(&c.add_file("again.json", &files[7])).clone();
    assert_eq!((again.accepted, again.duplicates), (0, 50));
    let facets: Vec<Facets> = c.records().iter().map(Facets::of).collect();
    let tables = stats::all(&c.records().iter().zip(&facets).collect::<Vec<_>>());
    let by_form = tables.iter().find(|t| t.id == "records_by_form").unwrap();
    assert_eq!((by_form.count("consultation_session"), by_form.count("participant_input")), (200, 9_800));
    assert_eq!(tables.iter().find(|t| t.id == "attendance_by_gender").unwrap().total, 200 * 25);
    assert_eq!(Filter { text: Some("consulta 17 en".into()), ..Filter::default() }.matching(&facets, en()).len(), 1);
}
