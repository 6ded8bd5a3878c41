//! The report roles of the form definitions (issue 11): the bundled forms declare them, and a
//! role that does not fit its item, an unknown role or a code outside its list is a definition
//! error, caught here like any other malformed definition.

use gcm_collector::engine::{parse_lists, Error, ErrorKind, FormDef, FormRole, ItemKind, Lists, Role, RoleProblem};
use gcm_collector::{bundle, forms};

fn lists() -> Lists {
    parse_lists(forms::REFERENCE_JSON).unwrap()
}

/// A one-section form of `role` around `items`.
fn form(role: &str, items: &str) -> String {
    format!(r#"{{"id":"t","version":"1","role":"{role}","sections":[{{"id":"s","items":[{items}]}}]}}"#)
}

const CONSENT: &str = r#"{"id":"ok","kind":"multiple_choice","role":"consent","choices":[{"value":"given"}]}"#;

fn refused(src: &str) -> Error {
    match FormDef::from_json(src, &lists()) {
        Ok(_) => panic!("accepted: {src}"),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            e
        }
    }
}

/// The item and problem of a role error.
fn bad_role(src: &str) -> (String, RoleProblem) {
    match refused(src).kind() {
        ErrorKind::BadRole { item, problem, .. } => (item.clone(), problem.clone()),
        other => panic!("not a role error: {other:?}"),
    }
}

#[test]
fn a_form_with_fitting_roles_loads_and_names_its_items_by_role() {
    let items = format!(
        r#"{CONSENT},
        {{"id":"who","kind":"single_choice","role":"category","choice_list":"stakeholder_categories"}},
        {{"id":"where","kind":"single_choice","role":"country","choice_list":"countries"}},
        {{"id":"from","kind":"single_choice","role":"origin_country","choice_list":"countries_with_other"}},
        {{"id":"said","kind":"long_text","role":"other_finding"}},
        {{"id":"ideas","kind":"repeat","role":"good_practices","items":[
            {{"id":"idea","kind":"long_text"}},
            {{"id":"idea_objectives","kind":"multiple_choice","role":"objectives","choice_list":"gcm_objectives"}}]}}"#
    );
    let f = FormDef::from_json(&form("input", &items), &lists()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.role, Some(FormRole::Input));
    assert_eq!(f.item_with(Role::Category).map(|i| i.id.as_str()), Some("who"));
    assert_eq!(f.item_with(Role::Gender), None);
    assert_eq!(f.item("ideas").unwrap().child_with(Role::Objectives).map(|i| i.id.as_str()), Some("idea_objectives"));
}

#[test]
fn an_unknown_role_is_a_definition_error() {
    let src = form("input", &format!(r#"{CONSENT},{{"id":"a","kind":"long_text","role":"highlights"}}"#));
    assert!(matches!(refused(&src).kind(), ErrorKind::Parse { message, .. } if message.contains("highlights")));
    let src = form("annex", CONSENT);
    assert!(matches!(refused(&src).kind(), ErrorKind::Parse { message, .. } if message.contains("annex")));
}

#[test]
fn a_role_on_an_item_of_the_wrong_kind_is_refused() {
    for item in [
        r#"{"id":"a","kind":"long_text","role":"session"}"#,
        r#"{"id":"a","kind":"single_choice","role":"progress","choice_list":"countries"}"#,
        r#"{"id":"a","kind":"long_text","role":"name"}"#,
        r#"{"id":"a","kind":"tally","role":"country","choice_list":"countries"}"#,
        r#"{"id":"a","kind":"yes_no","role":"consent"}"#,
    ] {
        assert_eq!(bad_role(&form("input", &format!("{CONSENT},{item}"))), ("a".to_string(), RoleProblem::Kind), "{item}");
    }
    // Said so it can be acted on.
    let said = refused(&form("input", &format!(r#"{CONSENT},{{"id":"a","kind":"long_text","role":"session"}}"#))).to_string();
    assert_eq!(said, "form t: 'a' with the report role session: does not fit an item of this kind");
}

#[test]
fn a_role_whose_choices_are_not_from_its_list_is_refused() {
    let session = r#"{"id":"a","kind":"single_choice","role":"session","choice_list":"gcm_objectives"}"#;
    let problem = RoleProblem::NotInList { code: "obj01".into(), list: "thematic_sessions" };
    assert_eq!(bad_role(&form("input", &format!("{CONSENT},{session}"))), ("a".to_string(), problem));
    let category = r#"{"id":"a","kind":"tally","role":"category","choices":[{"value":"governments"},{"value":"aliens"}]}"#;
    let problem = RoleProblem::NotInList { code: "aliens".into(), list: "stakeholder_categories" };
    assert_eq!(bad_role(&form("input", &format!("{CONSENT},{category}"))).1, problem);
}

#[test]
fn a_consent_whose_choices_do_not_say_what_they_allow_is_refused() {
    let yes_maybe = r#"{"id":"ok","kind":"single_choice","role":"consent","choices":[{"value":"yes"},{"value":"maybe"}]}"#;
    assert_eq!(bad_role(&form("input", yes_maybe)).1, RoleProblem::NotConsent { code: "yes".into() });
    let two_boxes = r#"{"id":"ok","kind":"multiple_choice","role":"consent","choices":[{"value":"given"},{"value":"named"}]}"#;
    assert_eq!(bad_role(&form("input", two_boxes)).1, RoleProblem::TickBoxes);
    let publication = r#"{"id":"ok","kind":"single_choice","role":"consent","choice_list":"publication_consent"}"#;
    assert!(FormDef::from_json(&form("stakeholder_report", publication), &lists()).is_ok());
}

#[test]
fn a_form_of_peoples_words_without_consent_is_refused() {
    for role in ["input", "stakeholder_report"] {
        let got = bad_role(&form(role, r#"{"id":"a","kind":"long_text","role":"progress"}"#));
        assert_eq!(got, ("role".to_string(), RoleProblem::NoConsent), "{role}");
    }
    // A government's answers and a session's notes are published as they are.
    for role in ["government_report", "session"] {
        assert!(FormDef::from_json(&form(role, r#"{"id":"a","kind":"long_text","role":"progress"}"#), &lists()).is_ok());
    }
}

#[test]
fn who_speaks_and_what_they_say_belong_to_the_record_not_to_a_repeat() {
    let repeat = r#"{"id":"r","kind":"repeat","items":[{"id":"a","kind":"long_text","role":"challenges"}]}"#;
    assert_eq!(bad_role(&form("session", repeat)), ("a".to_string(), RoleProblem::InRepeat));
    let countries = r#"{"id":"r","kind":"repeat","items":[{"id":"a","kind":"multiple_choice","role":"country","choice_list":"countries"}]}"#;
    assert!(FormDef::from_json(&form("session", countries), &lists()).is_ok(), "an instance may concern countries");
}

#[test]
fn a_second_item_with_a_one_item_role_is_refused() {
    let g = |id: &str| format!(r#"{{"id":"{id}","kind":"single_choice","role":"gender","choice_list":"genders"}}"#);
    assert_eq!(bad_role(&form("session", &format!("{},{}", g("a"), g("b")))), ("b".to_string(), RoleProblem::Twice));
}

#[test]
fn codes_a_form_or_section_names_must_be_in_their_lists() {
    let src = form("government_report", r#"{"id":"a","kind":"long_text"}"#).replacen(r#""role""#, r#""author_category":"kings","role""#, 1);
    assert!(matches!(refused(&src).kind(), ErrorKind::UnknownCode { referenced_by, code, list, .. }
        if referenced_by == "author_category" && code == "kings" && list == "stakeholder_categories"));
    let src = form("session", r#"{"id":"a","kind":"long_text"}"#).replacen(r#"{"id":"s","#, r#"{"id":"s","session":"session9","#, 1);
    assert!(matches!(refused(&src).kind(), ErrorKind::UnknownCode { referenced_by, code, .. } if referenced_by == "s" && code == "session9"));
}

#[test]
fn every_bundled_form_says_what_it_is_for_the_report() {
    let roles: Vec<(&str, Option<FormRole>, Option<&str>)> =
        forms::all().iter().map(|f| (f.id.as_str(), f.role, f.author_category.as_deref())).collect();
    assert_eq!(
        roles,
        [
            ("annex1", Some(FormRole::GovernmentReport), Some("governments")),
            ("stakeholder_report", Some(FormRole::StakeholderReport), None),
            ("consultation_session", Some(FormRole::Session), None),
            ("participant_input", Some(FormRole::Input), None),
        ]
    );
    let sessions: Vec<(&str, &str)> =
        forms::get("stakeholder_report").unwrap().sections.iter().filter_map(|s| Some((s.id.as_str(), s.session.as_deref()?))).collect();
    assert_eq!(sessions, [("session_1", "session1"), ("session_2", "session2"), ("session_3", "session3"), ("session_4", "session4")]);
}

#[test]
fn every_paragraph_a_bundled_form_asks_is_a_finding_of_some_kind() {
    // A new long question without a role would never reach the rapporteur's grid.
    for f in forms::all() {
        for item in f.items() {
            if item.kind == ItemKind::LongText {
                assert!(item.role.is_some_and(Role::is_finding), "{}: {} has no finding role", f.id, item.id);
            }
        }
    }
}

#[test]
fn the_roles_of_the_bundled_forms_are_as_docs_report_roles_md_says() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/report-roles.md")).unwrap();
    for f in forms::all() {
        // A table row naming the item (among others, for the four sessions' items) and its role.
        let each = |id: &str, role: Role| {
            let (item, role) = (format!("`{id}`"), format!("| `{}` |", role.code()));
            assert!(doc.lines().any(|l| l.starts_with('|') && l.contains(&item) && l.contains(&role)), "docs/report-roles.md: no row {item} {role} ({})", f.id);
        };
        for item in f.items() {
            if let Some(role) = item.role {
                each(&item.id, role);
            }
            for child in &item.items {
                if let Some(role) = child.role {
                    each(&child.id, role);
                }
            }
        }
    }
}

#[test]
fn roles_leave_a_definitions_digest_as_it_was() {
    // A role says how the secretariat reads answers, not how a form is answered: bundles sent
    // before the roles existed still match the definition they were answered with.
    let plain = FormDef::from_json(&form("session", r#"{"id":"a","kind":"long_text"}"#), &lists()).unwrap();
    let with = FormDef::from_json(&form("session", r#"{"id":"a","kind":"long_text","role":"progress"}"#), &lists()).unwrap();
    assert_ne!(plain, with);
    assert_eq!(bundle::form_sha256(&plain).unwrap(), bundle::form_sha256(&with).unwrap());
}
