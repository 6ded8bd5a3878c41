//! A small review, built answer by answer from the bundled forms: the known set the report's
//! statistics, facets and findings are pinned on (tests/consolidate_stats.rs, tests/findings_grid.rs).
//! An Annex 1, two stakeholder reports (one named on two sessions with a good practice and a
//! pledge, one not for publication), a consultation session with the SELA questions answered,
//! and two participant inputs of it, one given without consent.
#![allow(dead_code)]

use gcm_collector::engine::{Answers, Value};
use gcm_collector::forms;
use gcm_collector::record::Record;

pub const ANNEX1: &str = "a1000000-0000-4000-8000-000000000001";
pub const NAMED: &str = "5a000000-0000-4000-8000-000000000001";
pub const SECRET: &str = "5a000000-0000-4000-8000-000000000002";
pub const SESSION: &str = "5e550000-0000-4000-8000-000000000001";
pub const INPUT_GIVEN: &str = "1a900000-0000-4000-8000-000000000001";
pub const INPUT_NO_CONSENT: &str = "1a900000-0000-4000-8000-000000000002";

fn blank(form: &str, id: &str) -> Record {
    Record::new(forms::get(form).unwrap(), id.into(), "2026-11-20T09:00:00.000Z".into(), "es")
}

fn texts(a: &mut Answers, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        a.set_text(k, v);
    }
}

fn many(a: &mut Answers, item: &str, codes: &[&str]) {
    a.0.insert(item.into(), Value::Many(codes.iter().map(|c| c.to_string()).collect()));
}

fn instance<'a>(a: &'a mut Answers, repeat: &str, id: &str) -> &'a mut Answers {
    a.add_instance(repeat, id);
    a.instance_mut(repeat, id).unwrap()
}

/// Completes `r` against its form, as the app does before export (so it is a record a bundle carries).
fn complete(mut r: Record) -> Record {
    let form = forms::get(&r.form_id).unwrap();
    r.complete(form, "2026-11-20T10:00:00.000Z".into()).unwrap_or_else(|v| panic!("{}: {v:?}", r.id));
    r
}

/// Chile's Annex 1: one example (obj05, obj23), a plan (so `plan_intentions` is not shown).
pub fn annex1() -> Record {
    let mut r = blank("annex1", ANNEX1);
    let a = &mut r.answers;
    texts(a, &[("country", "CHL"), ("institution", "Ministerio del Interior"), ("focal_point", "Ana Núñez"),
        ("email", "ana@interior.gob.example"), ("submission_date", "2026-11-10"),
        ("collab_gaps", "A1 gaps"), ("collab_areas", "A1 areas"), ("collab_pledges", "A1 pledges"),
        ("impl_actions", "A1 actions"), ("impl_progress", "A1 progress"), ("imrf_findings", "A1 IMRF"),
        ("has_plan", "yes"), ("plan_process", "A1 plan process"), ("plan_intentions", "A1 hidden intentions")]);
    let e = instance(a, "examples", "e1");
    texts(e, &[("example_title", "Mesa binacional"), ("example_description", "Con Perú"), ("example_level", "sub_regional")]);
    many(e, "example_objectives", &["obj05", "obj23"]);
    complete(r)
}

/// A civil-society network in Peru, named, on sessions 1 and 3, with a good practice in
/// session 1 and a pledge (obj15); a session 2 answer left from an earlier choice (not shown).
pub fn named_report() -> Record {
    let mut r = blank("stakeholder_report", NAMED);
    let a = &mut r.answers;
    texts(a, &[("org_name", "Red Andina de Migraciones"), ("org_category", "civil_society"), ("org_scope", "regional"),
        ("contact_person", "Luis Paz"), ("contact_email", "luis@red.example"),
        ("s1_progress", "S1 progress"), ("s1_situations", "S1 situations"), ("s1_challenges", "S1 challenges"),
        ("s2_progress", "S2 hidden progress"),
        ("s3_progress", "S3 progress"), ("s3_situations", "S3 situations"), ("s3_challenges", "S3 challenges"),
        ("imrf_recommendations", "IMRF recommendations"), ("principles_text", "Principles applied"), ("publication", "named")]);
    many(a, "org_countries", &["PER"]);
    many(a, "sessions_reported", &["session1", "session3"]);
    many(a, "principles_applied", &["human_rights", "gender_responsive"]);
    let p = instance(a, "s1_practices", "p1");
    texts(p, &[("s1_practice_title", "Ventanilla única"), ("s1_practice_description", "Atención en frontera")]);
    many(p, "s1_practice_objectives", &["obj15"]);
    many(p, "s1_practice_countries", &["PER", "BOL"]);
    let g = instance(a, "pledges", "g1");
    texts(g, &[("pledge_commitment", "Capacitar a 200 funcionarios"), ("pledge_timeline", "2026")]);
    many(g, "pledge_objectives", &["obj15"]);
    complete(r)
}

/// A migrants' organisation working in two countries, on session 2, not for publication.
pub fn secret_report() -> Record {
    let mut r = blank("stakeholder_report", SECRET);
    let a = &mut r.answers;
    texts(a, &[("org_name", "Colectivo Reservado"), ("org_category", "migrant_diaspora"), ("org_scope", "national"),
        ("contact_person", "Eva"), ("contact_email", "eva@example.org"),
        ("s2_progress", "S2 secret progress"), ("s2_situations", "S2 secret situations"), ("s2_challenges", "S2 secret challenges"),
        ("imrf_recommendations", "Secret recommendations"), ("publication", "not_for_publication")]);
    many(a, "org_countries", &["ECU", "COL"]);
    many(a, "sessions_reported", &["session2"]);
    complete(r)
}

/// A consultation in Cúcuta on session 1 (25 attending), with two SELA questions answered.
pub fn session() -> Record {
    let mut r = blank("consultation_session", SESSION);
    let a = &mut r.answers;
    texts(a, &[("session_title", "Consulta en Cúcuta"), ("session_date", "2026-11-18"), ("session_place", "Cúcuta"),
        ("session_country", "COL"), ("modality", "in_person"), ("organiser", "Red local"), ("session_language", "es"),
        ("sela_q4", "Q4 practices"), ("sela_q6", "Q6 IMRF priorities"), ("session_notes", "Session notes")]);
    many(a, "session_themes", &["session1"]);
    many(a, "guiding_sets", &["sela_2025"]);
    a.set_count("attendance_by_category", "civil_society", Some(10));
    a.set_count("attendance_by_category", "migrant_diaspora", Some(15));
    a.set_count("attendance_by_gender", "woman", Some(14));
    a.set_count("attendance_by_gender", "man", Some(11));
    complete(r)
}

/// A civil-society participant of the Cúcuta session living across the border in Venezuela,
/// consent given, on session 1 (obj14, obj23).
pub fn input_given() -> Record {
    let mut r = blank("participant_input", INPUT_GIVEN);
    r.parent = Some(SESSION.into());
    let a = &mut r.answers;
    texts(a, &[("input_category", "civil_society"), ("input_session", "session1"), ("gender", "woman"),
        ("statement", "Statement given"), ("priority_recommendation", "Priority given"), ("residence_country", "VEN")]);
    many(a, "consent", &["given"]);
    many(a, "input_objectives", &["obj14", "obj23"]);
    complete(r)
}

/// A migrant from Venezuela (where they live now not said), on session 2, whose consent was
/// not recorded (a draft: the form requires it before completion).
pub fn input_without_consent() -> Record {
    let mut r = blank("participant_input", INPUT_NO_CONSENT);
    r.parent = Some(SESSION.into());
    let a = &mut r.answers;
    texts(a, &[("input_category", "migrant_diaspora"), ("input_session", "session2"), ("gender", "man"),
        ("statement", "Statement without consent"), ("origin_country", "VEN")]);
    r
}

/// The whole set, in this order.
pub fn known_set() -> Vec<Record> {
    vec![annex1(), named_report(), secret_report(), session(), input_given(), input_without_consent()]
}
