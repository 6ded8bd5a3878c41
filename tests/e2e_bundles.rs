//! Writes, with the app's own export code, the bundle files the secretariat's end-to-end test
//! imports (target/e2e-bundles/): good ones, a duplicate, a conflict, and broken ones.

mod bundle_fixtures;

use gcm_collector::bundle::{to_zip, Bundle};
use gcm_collector::forms;
use gcm_collector::record::Record;
use bundle_fixtures::{real_input as input, real_session as session};

#[test]
fn write_the_secretariat_test_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-bundles");
    std::fs::create_dir_all(&dir).unwrap();
    let all = forms::all();
    let zip = |records: &[Record]| to_zip(&Bundle::submission(records, all, "2026-11-22T12:00:00.000Z", "dev-a").unwrap(), all, &gcm_collector::i18n::bundled::all()).unwrap();
    let json = |records: &[Record]| Bundle::submission(records, all, "2026-11-22T12:00:00.000Z", "dev-b").unwrap().to_json().unwrap();

    let chile = bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000001", "CHL", "yes");
    let peru = bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000002", "PER", "no");
    let a = zip(&[chile.clone(), peru.clone()]);
    std::fs::write(dir.join("01_annex1_two_countries.zip"), &a).unwrap();
    std::fs::write(dir.join("02_duplicate_of_01.zip"), &a).unwrap();
    let inputs = [input(1, "civil_society", "woman", "session1"), input(2, "migrant_diaspora", "man", "session1"), input(3, "migrant_diaspora", "prefer_not", "session2")];
    let mut session_and_inputs = vec![session()];
    session_and_inputs.extend(inputs);
    std::fs::write(dir.join("03_session_with_inputs.json"), json(&session_and_inputs)).unwrap();
    let mut newer = peru.clone();
    newer.revision = 5;
    newer.answers.set_text("institution", "Cancillería del Perú — versión revisada");
    std::fs::write(dir.join("04_conflict_newer_peru.json"), json(&[newer])).unwrap();
    // For the two-tab test: a copy between the two, saved on a third device.
    let mut between = peru.clone();
    between.revision = 3;
    between.answers.set_text("institution", "Cancillería del Perú — borrador intermedio");
    std::fs::create_dir_all(dir.join("tabs")).unwrap();
    std::fs::write(dir.join("tabs/peru_revision_3.json"), json(&[between])).unwrap();
    std::fs::write(dir.join("05_truncated.zip"), &a[..a.len() / 2]).unwrap();
    let tampered = json(&[bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000003", "URY", "yes")]).replace("Mesa binacional", "Mesa binacionaL");
    std::fs::write(dir.join("06_tampered.json"), tampered).unwrap();
    std::fs::write(dir.join("07_notes.txt"), "minutes of the meeting, not a bundle").unwrap();
    // For the large-file test: 7,000 records in one file (5.3 MB), larger than the machine's
    // `LARGE_FILE`, so it is read in steps; and exported in slices, with progress shown.
    let mut records = Vec::new();
    for bytes in bundle_fixtures::scale_files(140, 50) {
        records.extend(serde_json::from_slice::<Bundle>(&bytes).unwrap().records);
    }
    std::fs::create_dir_all(dir.join("large")).unwrap();
    let large = json(&records);
    assert!(large.len() > gcm_collector::consolidate::sync::LARGE_FILE, "{} bytes", large.len());
    std::fs::write(dir.join("large/sessions_7000_records.json"), large).unwrap();
}

/// The secretariat benchmark's files (`node scripts/bench.mjs`): 2,000 bundles of 50 records
/// (a session and 49 inputs each); the bench imports the first 20 (1,000 records), the first
/// 200 (10,000) and all (100,000). Each file depends only on its number, so the first 200
/// are the 10,000-record set measured before. Beside them, in target/bench-one-file, the same
/// 100,000 records in one bundle, the import of one very large file. Ignored in the test run:
/// `cargo test --release --test e2e_bundles -- --ignored`.
#[test]
#[ignore]
fn write_the_secretariat_benchmark_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-bundles");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut records = Vec::new();
    for (i, bytes) in bundle_fixtures::scale_files(2000, 50).iter().enumerate() {
        std::fs::write(dir.join(format!("session_{i:03}.json")), bytes).unwrap();
        records.extend(serde_json::from_slice::<Bundle>(bytes).unwrap().records);
    }
    let one = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-one-file");
    let _ = std::fs::remove_dir_all(&one);
    std::fs::create_dir_all(&one).unwrap();
    let all = forms::all();
    let json = Bundle::submission(&records, all, bundle_fixtures::NOW, bundle_fixtures::DEVICE).unwrap().to_json().unwrap();
    std::fs::write(one.join("sessions_100000_records.json"), json).unwrap();
}
