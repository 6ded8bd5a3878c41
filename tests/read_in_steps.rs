//! A very large bundle read a slice at a time (`bundle::read_in_steps`) gives what reading it
//! in one go gives (`bundle::read`), whatever the order of its fields and however few records
//! a step takes; a file out of the ordinary is left to the reading in one go.

mod bundle_fixtures;

use gcm_collector::bundle::read_in_steps::{Reader, Step};
use gcm_collector::bundle::{self, VerifiedBundle};
use gcm_collector::forms;

/// `bytes` read `per_step` records a step: what it gave, and how many steps.
fn in_steps(bytes: &[u8], per_step: usize) -> (Option<VerifiedBundle>, usize) {
    let Ok(mut reader) = Reader::of(bytes.to_vec()) else { return (None, 0) };
    let mut last = 0.0;
    for steps in 1.. {
        match reader.step(per_step, forms::versions()) {
            Step::More => {
                assert!(reader.done() >= last && reader.done() <= 1.0, "progress only moves forward");
                last = reader.done();
            }
            Step::Read(read) => return (Some(read), steps),
            Step::InOneGo => return (None, steps),
        }
    }
    unreachable!()
}

fn scale_bundle() -> String {
    let mut records = Vec::new();
    for json in bundle_fixtures::scale_files(3, 40) {
        records.extend(bundle::read(&json).unwrap().into_records());
    }
    bundle::Bundle::submission(&records, forms::all(), bundle_fixtures::NOW, bundle_fixtures::DEVICE).unwrap().to_json().unwrap()
}

#[test]
fn a_bundle_read_in_steps_is_the_bundle_read_at_once() {
    let json = scale_bundle();
    let at_once = bundle::read(json.as_bytes()).unwrap();
    for per_step in [1, 7, 1000] {
        let (read, steps) = in_steps(json.as_bytes(), per_step);
        assert_eq!(read.as_ref(), Some(&at_once), "{per_step} a step");
        assert!(steps >= 2 * 120 / per_step, "{steps} steps of {per_step}");
    }
    // Compact, with its fields in another order, and a BOM.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let reordered = format!(
        "\u{feff}{{\"records\":{},\"manifest\":{},\"format_version\":1,\"format\":\"gcm-review-bundle\"}}",
        value["records"], value["manifest"]
    );
    assert_eq!(bundle::read(reordered.as_bytes()).unwrap(), at_once);
    assert_eq!(in_steps(reordered.as_bytes(), 13).0, Some(at_once));
}

#[test]
fn a_zip_of_one_bundle_is_read_in_steps() {
    let json = scale_bundle();
    let b: bundle::Bundle = serde_json::from_str(&json).unwrap();
    let zip = bundle::to_zip(&b, forms::all(), &gcm_collector::i18n::bundled::all()).unwrap();
    assert_eq!(in_steps(&zip, 50).0, Some(bundle::read(&zip).unwrap()));
}

#[test]
fn anything_out_of_the_ordinary_is_left_to_the_reading_at_once() {
    let json = scale_bundle();
    let odd = [
        json.replacen("Cúcuta", "Cucuta", 1),
        json.replacen("{", "{\"extra\": 1,", 1),
        json[..json.len() - 10].to_string(),
        format!("{json},"),
        json.replacen("\"format_version\": 1", "\"format_version\": 1.0", 1),
        json.replacen("\"record_count\": 120", "\"record_count\": 121", 1),
        json.replacen("\"status\": \"complete\"", "\"status\": \"draft\"", 1),
        json.replacen("\"language\": \"es\"", "\"language\": \"es\", \"exported\": \"2026-11-22T12:00:00.000Z\"", 1),
        "[]".to_string(),
        "not json".to_string(),
    ];
    for (k, bytes) in odd.iter().enumerate() {
        assert!(bundle::read(bytes.as_bytes()).is_err(), "case {k} is refused at once");
        assert_eq!(in_steps(bytes.as_bytes(), 25).0, None, "case {k} is not read in steps");
    }
}
