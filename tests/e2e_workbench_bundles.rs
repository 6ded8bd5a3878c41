//! Writes, with the app's own export code, the bundles the workbench's end-to-end test imports
//! (target/e2e-bundles/workbench/): a voluntary report on sessions 1 and 3 with a good practice
//! and a pledge, published with the organisation's name; a consultation session with two
//! inputs, one given without consent to be quoted; an Annex 1.

mod bundle_fixtures;

use bundle_fixtures::{annex1_response, real, real_input, real_session};

use gcm_collector::bundle::{to_zip, Bundle};
use gcm_collector::forms;
use gcm_collector::record::Record;

/// The words of the input given without consent: the test checks they never leave.
const SECRET: &str = "Mi hermano fue detenido sin abogado en el paso fronterizo.";

fn voluntary_report() -> Record {
    real("stakeholder_report", "b0000000-0000-4000-8000-000000000001", |r| {
        let form = forms::get("stakeholder_report").unwrap();
        let choices = |id: &str| form.item(id).unwrap().choices.clone();
        let a = &mut r.answers;
        for (k, v) in [("org_name", "Red Clamor"), ("org_category", "civil_society"), ("org_scope", "regional"),
            ("contact_person", "Lucía Pérez"), ("contact_email", "lucia@redclamor.example"), ("publication", "named")] {
            a.set_text(k, v);
        }
        a.toggle("org_countries", "PER", true, &choices("org_countries"));
        for s in ["session1", "session3"] {
            a.toggle("sessions_reported", s, true, &choices("sessions_reported"));
        }
        for n in [1, 3] {
            a.set_text(&format!("s{n}_progress"), &format!("Avances en la sesión {n}: más municipios con oficinas de atención."));
            a.set_text(&format!("s{n}_situations"), &format!("Situación en la sesión {n}: trabajo informal de jóvenes migrantes."));
            a.set_text(&format!("s{n}_challenges"), &format!("Desafío en la sesión {n}: turnos de documentación que tardan meses."));
        }
        let practices = form.item("s1_practices").unwrap();
        let objectives = practices.items.iter().find(|i| i.id == "s1_practice_objectives").unwrap().choices.clone();
        a.add_instance("s1_practices", "p1");
        let p = a.instance_mut("s1_practices", "p1").unwrap();
        p.set_text("s1_practice_title", "Escuelas de acogida");
        p.set_text("s1_practice_description", "Las escuelas de acogida matriculan a niñas y niños migrantes sin papeles en Lima.");
        p.toggle("s1_practice_objectives", "obj16", true, &objectives);
        a.set_text("imrf_recommendations", "Que el FEMI 2026 pida regularización accesible y gratuita.");
        let pledges = form.item("pledges").unwrap();
        let objectives = pledges.items.iter().find(|i| i.id == "pledge_objectives").unwrap().choices.clone();
        a.add_instance("pledges", "g1");
        let g = a.instance_mut("pledges", "g1").unwrap();
        g.set_text("pledge_commitment", "Acompañar a 500 familias en su regularización.");
        g.toggle("pledge_objectives", "obj04", true, &objectives);
        a.toggle("principles_applied", "child_sensitive", true, &choices("principles_applied"));
        a.set_text("principles_text", "Enfoque de niñez en cada caso.");
    }, None)
}

#[test]
fn write_the_workbench_test_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-bundles/workbench");
    std::fs::create_dir_all(&dir).unwrap();
    let all = forms::all();
    let json = |records: &[Record]| Bundle::submission(records, all, "2026-11-22T12:00:00.000Z", "dev-w").unwrap().to_json().unwrap();
    std::fs::write(dir.join("1_voluntary_report.json"), json(&[voluntary_report()])).unwrap();
    let consenting = real_input(11, "civil_society", "woman", "session1");
    // Complete without consent to be quoted: counted in the statistics, never quoted.
    let silent = real("participant_input", "1a900000-0000-4000-8000-000000000012", |r| {
        let a = &mut r.answers;
        for (k, v) in [("input_category", "migrant_diaspora"), ("gender", "man"), ("input_session", "session1"), ("statement", SECRET)] {
            a.set_text(k, v);
        }
    }, Some("5e550000-0000-4000-8000-000000000001"));
    std::fs::write(dir.join("2_session_with_inputs.json"), json(&[real_session(), consenting, silent])).unwrap();
    let annex = annex1_response("a1000000-0000-4000-8000-000000000009", "ECU", "yes");
    let zip = to_zip(&Bundle::submission(&[annex], all, "2026-11-22T12:00:00.000Z", "dev-w").unwrap(), all, &gcm_collector::i18n::bundled::all()).unwrap();
    std::fs::write(dir.join("3_annex1.zip"), zip).unwrap();
}
