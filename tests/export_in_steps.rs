//! The secretariat's consolidated export written in slices (`bundle::in_steps`) gives the same
//! bytes as the export in one go (`Bundle::submission`, `Bundle::to_json`, `bundle::to_zip`):
//! over the scale files' records (two forms, in an order the sort must change), a form with
//! a repeat group nested in another in two versions (tables named by version), the mini forms,
//! and no records at all; with the work suspended at its pauses, and its progress only ever
//! moving forward, from 0 to 1.

mod bundle_fixtures;

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use bundle_fixtures::{DEVICE, NOW};
use gcm_collector::bundle::in_steps::{self, Pause, Wait};
use gcm_collector::bundle::{self, Bundle};
use gcm_collector::engine::{parse_lists, FormDef};
use gcm_collector::forms;
use gcm_collector::i18n::bundled;
use gcm_collector::record::Record;

/// Runs `work` to its end, polling again whenever a pause suspended it.
fn block_on<T>(work: impl Future<Output = T>) -> T {
    let mut work = pin!(work);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = work.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// A future pending once: a pause that really suspends the work.
struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// What a run of the work in steps saw: how often it paused, and each progress it said.
#[derive(Default)]
struct Seen {
    pauses: usize,
    progress: Vec<f64>,
}

/// The records' submission, `bundle.json` and zip, written in steps that suspend at every
/// seventh pause; checked equal to those written at once.
fn same_bytes(records: &[Record], forms: &[FormDef]) -> Seen {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let catalogs = bundled::all();
    let once = Bundle::submission(records, forms, NOW, DEVICE).unwrap();
    let (bundle, json, zip) = block_on(async {
        let s = seen.clone();
        let mut step = move |done: f64| -> Option<Wait> {
            let mut s = s.borrow_mut();
            s.progress.push(done);
            s.pauses += 1;
            (s.pauses % 7 == 0).then(|| Box::pin(Yield(false)) as Wait)
        };
        let mut pause = Pause::new(&mut step);
        let copies = in_steps::submission_copies(records, forms).unwrap();
        let bundle = in_steps::submission(copies, forms, NOW, DEVICE, &mut pause.part(0.0..0.3)).await.unwrap();
        let json = in_steps::to_json(&bundle, &mut pause.part(0.3..0.4)).await.unwrap();
        let zip = in_steps::to_zip(&bundle, forms, &catalogs, &mut pause.part(0.4..1.0)).await.unwrap();
        (bundle, json, zip)
    });
    assert_eq!(bundle, once, "the same submission");
    assert_eq!(String::from_utf8(json).unwrap(), once.to_json().unwrap(), "the same bundle.json");
    let at_once = bundle::to_zip(&once, forms, &catalogs).unwrap();
    assert!(zip == at_once, "the same zip ({} and {} bytes)", zip.len(), at_once.len());
    Rc::try_unwrap(seen).ok().unwrap().into_inner()
}

#[test]
fn the_scale_files_records_give_the_same_bytes() {
    // Five files of 40: each session before its inputs, as the secretariat's collection
    // holds them, and every record's creation time the same (the sort falls back on ids).
    let mut records = Vec::new();
    for json in bundle_fixtures::scale_files(5, 40) {
        records.extend(bundle::read(&json).unwrap().into_records());
    }
    records.reverse();
    let seen = same_bytes(&records, forms::all());
    assert!(seen.pauses > 4 * records.len(), "a pause after each record of each step: {}", seen.pauses);
    assert!(seen.progress.windows(2).all(|w| w[0] <= w[1]), "progress only moves forward");
    assert!(seen.progress.iter().all(|p| (0.0..=1.0).contains(p)));
    assert!(*seen.progress.last().unwrap() > 0.999, "ends at the whole: {:?}", seen.progress.last());
}

#[test]
fn real_forms_with_repeat_groups_and_formulas_give_the_same_bytes() {
    let mut records = vec![
        bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000002", "PER", "no"),
        bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000001", "CHL", "yes"),
        bundle_fixtures::real_session(),
    ];
    records.extend((1..=12).map(|n| bundle_fixtures::real_input(n, "civil_society", "woman", "session1")));
    records[0].created = "2026-11-23T10:00:00.000Z".into();
    same_bytes(&records, forms::all());
}

const NESTED: &str = r#"{
  "id": "nest", "version": "VERSION",
  "sections": [{"id": "s", "items": [
    {"id": "name", "kind": "short_text", "required": true},
    {"id": "visits", "kind": "repeat", "items": [
      {"id": "place", "kind": "short_text"},
      {"id": "people", "kind": "repeat", "items": [
        {"id": "who", "kind": "short_text"}
      ]},
      {"id": "notes", "kind": "repeat", "items": [
        {"id": "note", "kind": "long_text"}
      ]}
    ]},
    {"id": "later", "kind": "repeat", "items": [{"id": "what", "kind": "short_text"}]}
  ]}]
}"#;

#[test]
fn nested_repeat_groups_in_two_versions_give_the_same_bytes() {
    let lists = parse_lists("{}").unwrap();
    let forms: Vec<FormDef> = ["1", "2"].map(|v| FormDef::from_json(&NESTED.replace("VERSION", v), &lists).unwrap()).to_vec();
    let records: Vec<Record> = (0..6)
        .map(|n| {
            let form = &forms[n % 2];
            let mut r = Record::new(form, format!("n{n}"), format!("2026-11-2{}T10:00:00.000Z", 5 - n % 3), "es");
            let a = &mut r.answers;
            a.set_text("name", &format!("=Nombre {n}"));
            for v in 0..n % 3 {
                let visit = format!("n{n}v{v}");
                a.add_instance("visits", &visit);
                let i = a.instance_mut("visits", &visit).unwrap();
                i.set_text("place", &format!("Lugar \"{v}\", con coma"));
                for p in 0..=v {
                    i.add_instance("people", &format!("{visit}p{p}"));
                    i.instance_mut("people", &format!("{visit}p{p}")).unwrap().set_text("who", &format!("-persona {p}"));
                }
                i.add_instance("notes", &format!("{visit}x"));
                i.instance_mut("notes", &format!("{visit}x")).unwrap().set_text("note", "línea 1\r\nlínea 2");
            }
            a.add_instance("later", &format!("n{n}l"));
            r.complete(form, "2026-11-26T10:00:00.000Z".into()).unwrap();
            r
        })
        .collect();
    same_bytes(&records, &forms);
    let once = Bundle::submission(&records, &forms, NOW, DEVICE).unwrap();
    let tables = bundle::bundle_tables(&once, &forms).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"nest-1__people.csv") && names.contains(&"nest-2__notes.csv"), "{names:?}");
}

#[test]
fn the_mini_forms_and_no_records_at_all_give_the_same_bytes() {
    let forms = bundle_fixtures::forms();
    let records = vec![
        bundle_fixtures::input("i2", "s1", "Zoë"),
        bundle_fixtures::session("s1"),
        bundle_fixtures::input("i1", "s1", "+Ana"),
    ];
    same_bytes(&records, &forms);
    let seen = same_bytes(&[], &forms);
    assert!(seen.progress.iter().all(|p| (0.0..=1.0).contains(p)));
}
