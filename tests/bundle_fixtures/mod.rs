//! Forms and records shared by the tests/bundle_*.rs files: a small session form, a small
//! participant-input form that belongs to it (every item kind, a repeat group), and complete
//! Annex 1 responses from the real bundled form.
#![allow(dead_code)]

use gcm_collector::engine::{parse_lists, FormDef};
use gcm_collector::forms;
use gcm_collector::record::Record;

pub const NOW: &str = "2026-11-22T12:00:00.000Z";
pub const DEVICE: &str = "d3v1ce00-0000-4000-8000-000000000001";

const SESSION: &str = r#"{
  "id": "session", "version": "1",
  "sections": [{"id": "s", "items": [
    {"id": "topic", "kind": "short_text", "required": true}
  ]}]
}"#;

const MINI: &str = r#"{
  "id": "mini", "version": "1", "parent_form": "session",
  "sections": [
    {"id": "main", "items": [
      {"id": "name", "kind": "short_text", "required": true},
      {"id": "has_plan", "kind": "yes_no"},
      {"id": "plan", "kind": "long_text", "relevant": {"item": "has_plan", "equals": "yes"}},
      {"id": "tags", "kind": "multiple_choice",
       "choices": [{"value": "a"}, {"value": "b"}]},
      {"id": "people", "kind": "tally",
       "choices": [{"value": "w"}, {"value": "m"}]},
      {"id": "examples", "kind": "repeat", "items": [
        {"id": "title", "kind": "short_text"},
        {"id": "levels", "kind": "multiple_choice",
         "choices": [{"value": "national"}, {"value": "regional"}]}
      ]}
    ]},
    {"id": "extra", "relevant": {"item": "tags", "equals": "b"}, "items": [
      {"id": "extra_note", "kind": "short_text", "required": true}
    ]}
  ]
}"#;

/// The columns of the mini form's main CSV table: the metadata, then one per item (and per
/// choice of multiple choices and tallies); repeats have tables of their own.
pub const MINI_COLUMNS: [&str; 20] = [
    "instance_id", "form_id", "form_version", "status", "revision", "created", "modified", "completed", "language", "parent_id",
    "name", "has_plan", "plan", "tags", "tags/a", "tags/b", "people", "people/w", "people/m", "extra_note",
];

fn load(src: &str) -> FormDef {
    FormDef::from_json(src, &parse_lists("{}").unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

/// The session form, then the participant-input form that belongs to it.
pub fn forms() -> Vec<FormDef> {
    vec![load(SESSION), load(MINI)]
}

pub fn mini() -> FormDef {
    load(MINI)
}

/// A complete session record.
pub fn session(id: &str) -> Record {
    let form = load(SESSION);
    let mut r = Record::new(&form, id.into(), "2026-11-20T09:00:00.000Z".into(), "es");
    r.answers.set_text("topic", "Migración laboral");
    r.complete(&form, "2026-11-20T10:00:00.000Z".into()).unwrap();
    r
}

/// A complete participant input of session `parent`, with accents, quotes, a formula-like
/// name, a non-relevant answer kept in the draft, a tally and two repeat instances.
pub fn input(id: &str, parent: &str, name: &str) -> Record {
    let form = load(MINI);
    let mut r = Record::new(&form, id.into(), "2026-11-22T10:00:00.000Z".into(), "es");
    r.parent = Some(parent.into());
    r.answers.set_text("name", name);
    r.answers.set_text("has_plan", "no");
    r.answers.set_text("plan", "kept in the draft, never exported");
    let choices = form.item("tags").unwrap().choices.clone();
    r.answers.toggle("tags", "a", true, &choices);
    r.answers.set_count("people", "w", Some(12));
    r.answers.set_count("people", "m", Some(9));
    let levels = form.item("examples").unwrap().items[1].choices.clone();
    for (inst, title) in [("x1", "Primero: \"año\" nuevo"), ("x2", "-2 grados\nen línea dos")] {
        r.answers.add_instance("examples", inst);
        let a = r.answers.instance_mut("examples", inst).unwrap();
        a.set_text("title", title);
        a.toggle("levels", "regional", true, &levels);
    }
    r.complete(&form, "2026-11-22T11:00:00.000Z".into()).unwrap();
    r
}

/// A draft participant input: only a name.
pub fn draft(id: &str) -> Record {
    let mut r = Record::new(&load(MINI), id.into(), "2026-11-22T08:00:00.000Z".into(), "en");
    r.answers.set_text("name", "Borrador");
    r
}

/// The real Annex 1 form.
pub fn annex1() -> &'static FormDef {
    forms::get("annex1").expect("annex1 is bundled")
}

/// A complete Annex 1 response that answers every question, with two examples.
pub fn annex1_response(id: &str, country: &str, has_plan: &str) -> Record {
    let form = annex1();
    let mut r = Record::new(form, id.into(), "2026-11-21T10:00:00.000Z".into(), "es");
    let a = &mut r.answers;
    a.set_text("country", country);
    a.set_text("institution", "Ministerio de Relaciones Exteriores");
    a.set_text("focal_point", "Ana Núñez");
    a.set_text("email", "ana.nunez@cancilleria.gob.example");
    a.set_text("phone", "+56 2 2827 4200");
    a.set_text("submission_date", "2026-11-21");
    for id in ["collab_gaps", "collab_areas", "collab_pledges", "impl_actions", "impl_progress", "imrf_findings", "other_comments"] {
        a.set_text(id, &format!("Respuesta a {id}: cooperación, «niñez», 100 % — línea 1\nlínea 2"));
    }
    a.set_text("has_plan", has_plan);
    a.set_text("plan_process", "Proceso interministerial");
    a.set_text("plan_intentions", "Intenciones (not relevant when there is a plan)");
    let examples = form.item("examples").unwrap();
    let objectives = examples.items.iter().find(|i| i.id == "example_objectives").unwrap().choices.clone();
    for (inst, title) in [("e1", "Mesa binacional"), ("e2", "=HYPERLINK(\"http://x\")")] {
        a.add_instance("examples", inst);
        let i = a.instance_mut("examples", inst).unwrap();
        i.set_text("example_title", title);
        i.set_text("example_description", "Descripción con acentos: áéíóú ñ ü");
        i.set_text("example_level", "sub_regional");
        i.toggle("example_objectives", "obj05", true, &objectives);
        i.toggle("example_objectives", "obj23", true, &objectives);
    }
    r.complete(form, "2026-11-21T11:00:00.000Z".into()).unwrap_or_else(|v| panic!("annex1 response invalid: {v:?}"));
    r
}

/// A complete record of a bundled form, filled by `fill`, as the app would make it.
pub fn real(form_id: &str, id: &str, fill: impl FnOnce(&mut Record), parent: Option<&str>) -> Record {
    let form = forms::get(form_id).unwrap();
    let mut r = Record::new(form, id.into(), "2026-11-20T09:00:00.000Z".into(), "es");
    r.parent = parent.map(String::from);
    fill(&mut r);
    r.complete(form, "2026-11-20T10:00:00.000Z".into()).unwrap_or_else(|v| panic!("{id}: {v:?}"));
    r
}

/// A complete consultation session in Cúcuta (25 attending).
pub fn real_session() -> Record {
    real("consultation_session", "5e550000-0000-4000-8000-000000000001", |r| {
        let a = &mut r.answers;
        for (k, v) in [("session_title", "Consulta en Cúcuta"), ("session_date", "2026-11-18"), ("session_place", "Cúcuta"),
            ("session_country", "COL"), ("modality", "in_person"), ("organiser", "Red local"), ("session_language", "es")] {
            a.set_text(k, v);
        }
        let themes = forms::get("consultation_session").unwrap().item("session_themes").unwrap().choices.clone();
        a.toggle("session_themes", "session1", true, &themes);
        a.set_count("attendance_by_category", "civil_society", Some(10));
        a.set_count("attendance_by_category", "migrant_diaspora", Some(15));
        a.set_count("attendance_by_gender", "woman", Some(14));
        a.set_count("attendance_by_gender", "man", Some(11));
    }, None)
}

/// A complete participant input of [`real_session`].
pub fn real_input(n: u32, category: &str, gender: &str, session_code: &str) -> Record {
    real("participant_input", &format!("1a900000-0000-4000-8000-{n:012}"), |r| {
        let a = &mut r.answers;
        a.set_text("input_category", category);
        a.set_text("gender", gender);
        a.set_text("input_session", session_code);
        a.set_text("statement", &format!("Aporte {n}: acceso a salud y documentación"));
        let consent = forms::get("participant_input").unwrap().item("consent").unwrap().choices.clone();
        a.toggle("consent", "given", true, &consent);
    }, Some("5e550000-0000-4000-8000-000000000001"))
}

/// `files` submission bundles (JSON) of one consultation session and `per_file - 1` of its
/// participant inputs each, every record distinct: the secretariat's scale test and benchmark.
pub fn scale_files(files: usize, per_file: usize) -> Vec<Vec<u8>> {
    let form = forms::get("participant_input").unwrap();
    let consent = form.item("consent").unwrap().choices.clone();
    let objectives = form.item("input_objectives").unwrap().choices.clone();
    let categories = form.item("input_category").unwrap().choices.clone();
    let genders = form.item("gender").unwrap().choices.clone();
    (0..files)
        .map(|f| {
            let mut session = real_session();
            session.id = format!("5e550000-0000-4000-8000-{f:012}");
            session.answers.set_text("session_title", &format!("Consulta {f} en Cúcuta"));
            let mut records = vec![session];
            for n in 1..per_file {
                let k = f * per_file + n;
                let mut r = Record::new(form, format!("1a900000-0000-4000-{f:04}-{n:012}"), "2026-11-20T09:00:00.000Z".into(), "es");
                r.parent = Some(records[0].id.clone());
                let a = &mut r.answers;
                a.set_text("input_category", &categories[k % categories.len()].value);
                a.set_text("gender", &genders[k % genders.len()].value);
                a.set_text("input_session", &format!("session{}", k % 4 + 1));
                a.set_text("statement", &format!("Aporte {k}: acceso a salud, documentación y trabajo decente para las personas migrantes"));
                a.toggle("consent", "given", true, &consent);
                a.toggle("input_objectives", &objectives[k % objectives.len()].value, true, &objectives);
                r.complete(form, "2026-11-20T10:00:00.000Z".into()).unwrap();
                records.push(r);
            }
            gcm_collector::bundle::Bundle::submission(&records, forms::all(), NOW, DEVICE).unwrap().to_json().unwrap().into_bytes()
        })
        .collect()
}
