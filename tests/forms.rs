//! The bundled definitions load and malformed ones are refused. (Their words, in every
//! language, are checked in tests/translations.rs.)

use gcm_collector::engine::{parse_lists, Error, ErrorKind, FormDef, Lists};
use gcm_collector::forms;
use gcm_collector::i18n::{bundled, Lang};

fn lists() -> Lists {
    parse_lists(forms::REFERENCE_JSON).expect("forms/reference.json parses")
}

#[test]
fn every_bundled_form_loads() {
    let loaded = forms::load_all().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.len(), forms::SOURCES.len() + forms::EARLIER.len());
    assert_eq!(forms::all().len(), forms::SOURCES.len(), "forms::all() silently dropped a form");
    assert!(forms::get("annex1").is_some());
}

/// The table the pages read a bundled definition's digest from (`forms::DIGESTS`), against the
/// digest itself; and the test form's (built into the site only for the end-to-end tests).
#[test]
fn every_bundled_form_s_digest_is_in_the_table() {
    let mut wrong = Vec::new();
    let mut check = |table: &[(&str, &str, &str)], form: &FormDef| {
        let digest = gcm_collector::bundle::form_sha256(form).unwrap();
        let listed = table.iter().find(|(i, v, _)| *i == form.id && *v == form.version).map(|(_, _, d)| *d);
        if listed != Some(digest.as_str()) {
            wrong.push(format!("    (\"{}\", \"{}\", \"{digest}\"),", form.id, form.version));
        }
    };
    for form in forms::versions() {
        check(forms::DIGESTS, form);
    }
    for src in [
        include_str!("fixtures/test-forms/test_versions.json"),
        include_str!("fixtures/test-forms/versions/test_versions/1.json"),
    ] {
        check(forms::TEST_FORM_DIGESTS, &FormDef::from_json(src, &lists()).unwrap());
    }
    assert!(wrong.is_empty(), "digests to write in src/forms.rs (DIGESTS, or TEST_FORM_DIGESTS for the test form):\n{}", wrong.join("\n"));
    assert_eq!(forms::DIGESTS.len(), forms::SOURCES.len() + forms::EARLIER.len(), "src/forms.rs DIGESTS: one line for each bundled definition, no more");
    assert_eq!(forms::TEST_FORM_DIGESTS.len(), 2, "src/forms.rs TEST_FORM_DIGESTS: one line for each version of the test form");
}

#[test]
fn bundled_form_ids_are_unique() {
    // Among current versions; earlier ones share their form's id (tests/form_versions.rs).
    let loaded = forms::all();
    let mut ids: Vec<&str> = loaded.iter().map(|f| f.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), loaded.len());
}

#[test]
fn every_shared_list_entry_has_a_unique_code() {
    for (name, choices) in lists() {
        let mut seen = std::collections::BTreeSet::new();
        for choice in &choices {
            assert!(seen.insert(choice.value.as_str()), "{name}: code {} twice", choice.value);
            assert_eq!(choice.label.key(), format!("lists.{name}.{}", choice.value));
        }
    }
}

#[test]
fn the_country_list_has_the_33_member_states_then_the_14_associate_members() {
    let lists = lists();
    let countries = &lists["countries"];
    assert_eq!(countries.len(), 47);
    for c in countries {
        assert!(c.value.len() == 3 && c.value.chars().all(|ch| ch.is_ascii_uppercase()), "{} is not ISO alpha-3", c.value);
    }
    let (en, es) = (bundled::catalog(Lang::En), bundled::catalog(Lang::Es));
    let label = |code: &str| countries.iter().find(|c| c.value == code).map(|c| (c.label.get(en), c.label.get(es)));
    assert_eq!(label("BOL"), Some(("Bolivia (Plurinational State of)", "Bolivia (Estado Plurinacional de)")));
    assert_eq!(label("VEN"), Some(("Venezuela (Bolivarian Republic of)", "Venezuela (República Bolivariana de)")));
    assert_eq!(countries[0].value, "ATG");
    assert_eq!(countries[32].value, "VEN", "member States come first, alphabetically in English");
    assert_eq!(countries[33].value, "AIA", "associate members follow");
    assert_eq!(countries[46].value, "VIR");
    let members: Vec<&str> = countries[..33].iter().map(|c| c.label.get(en)).collect();
    let mut sorted = members.clone();
    sorted.sort_unstable();
    assert_eq!(members, sorted);
    for code in ["CUW", "SXM", "VGB", "VIR", "GUF", "TCA"] {
        assert!(label(code).is_some(), "{code} missing");
    }
}

#[test]
fn the_objective_list_has_the_23_gcm_objectives_in_order() {
    let lists = lists();
    let objectives = &lists["gcm_objectives"];
    let codes: Vec<&str> = objectives.iter().map(|c| c.value.as_str()).collect();
    let expected: Vec<String> = (1..=23).map(|n| format!("obj{n:02}")).collect();
    assert_eq!(codes, expected);
    for (n, c) in (1..).zip(objectives) {
        for t in bundled::all() {
            let label = c.label.get(t);
            assert!(label.starts_with(&format!("{n}. ")), "{}: '{label}' does not start with its number", c.value);
            assert!(label.ends_with('.'), "{}: '{label}'", c.value);
        }
    }
}

#[test]
fn the_implementation_levels_are_national_sub_regional_and_inter_regional() {
    let lists = lists();
    let (en, es) = (bundled::catalog(Lang::En), bundled::catalog(Lang::Es));
    let levels: Vec<(&str, &str, &str)> =
        lists["implementation_levels"].iter().map(|c| (c.value.as_str(), c.label.get(en), c.label.get(es))).collect();
    assert_eq!(
        levels,
        [
            ("national", "National", "Nacional"),
            ("sub_regional", "Sub-regional", "Subregional"),
            ("inter_regional", "Inter-regional", "Interregional")
        ]
    );
}

// --- Malformed definitions -------------------------------------------------------------------

/// A one-section form around `items` (a JSON array body).
fn form_with(items: &str) -> String {
    format!(r#"{{"id":"t","version":"1","sections":[{{"id":"s","items":[{items}]}}]}}"#)
}

fn load_err(src: &str) -> Error {
    match FormDef::from_json(src, &lists()) {
        Ok(_) => panic!("accepted: {src}"),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            e
        }
    }
}

const TEXT_A: &str = r#"{"id":"a","kind":"short_text"}"#;

#[test]
fn a_minimal_inline_form_loads() {
    let form = FormDef::from_json(&form_with(TEXT_A), &lists()).unwrap();
    assert_eq!(form.items().count(), 1);
}

#[test]
fn a_definition_that_is_not_json_is_refused() {
    assert!(matches!(load_err("{").kind(), ErrorKind::Parse { .. }));
    assert!(matches!(load_err(&form_with(r#"{"id":"a","kind":"slider"}"#)).kind(), ErrorKind::Parse { .. }));
}

#[test]
fn two_items_with_one_id_are_refused() {
    let err = load_err(&form_with(&format!("{TEXT_A},{TEXT_A}")));
    assert!(matches!(err.kind(), ErrorKind::DuplicateId { id, .. } if id == "a"), "{err:?}");
}

#[test]
fn an_item_with_the_id_of_a_section_is_refused() {
    let err = load_err(&form_with(r#"{"id":"s","kind":"short_text"}"#));
    assert!(matches!(err.kind(), ErrorKind::DuplicateId { id, .. } if id == "s"), "{err:?}");
}

#[test]
fn a_repeat_child_with_the_id_of_a_top_level_item_is_refused() {
    let repeat = r#"{"id":"r","kind":"repeat","items":[{"id":"a","kind":"short_text"}]}"#;
    let err = load_err(&form_with(&format!("{TEXT_A},{repeat}")));
    assert!(matches!(err.kind(), ErrorKind::DuplicateId { id, .. } if id == "a"), "{err:?}");
}

#[test]
fn a_relevance_condition_naming_an_unknown_item_is_refused() {
    let b = r#"{"id":"b","kind":"short_text","relevant":{"all":[{"item":"a","answered":true},{"not":{"item":"ghost","equals":"x"}}]}}"#;
    let err = load_err(&form_with(&format!("{TEXT_A},{b}")));
    assert!(
        matches!(err.kind(), ErrorKind::UnknownItem { item, referenced_by, .. } if item == "ghost" && referenced_by == "b"),
        "{err:?}"
    );
}

#[test]
fn a_top_level_condition_cannot_read_inside_a_repeat() {
    let repeat = r#"{"id":"r","kind":"repeat","items":[{"id":"c","kind":"short_text"}]}"#;
    let b = r#"{"id":"b","kind":"short_text","relevant":{"item":"c","answered":true}}"#;
    let err = load_err(&form_with(&format!("{repeat},{b}")));
    assert!(matches!(err.kind(), ErrorKind::UnknownItem { item, .. } if item == "c"), "{err:?}");
}

#[test]
fn a_repeat_child_may_read_its_siblings_and_top_level_items() {
    let repeat = r#"{"id":"r","kind":"repeat","items":[
        {"id":"c","kind":"short_text"},
        {"id":"d","kind":"short_text","relevant":{"all":[{"item":"c","answered":true},{"item":"a","answered":true}]}}]}"#;
    assert!(FormDef::from_json(&form_with(&format!("{TEXT_A},{repeat}")), &lists()).is_ok());
}

#[test]
fn a_summary_item_that_does_not_exist_is_refused() {
    let src = form_with(TEXT_A).replacen(r#""sections""#, r#""summary_items":["nope"],"sections""#, 1);
    assert!(matches!(load_err(&src).kind(), ErrorKind::UnknownItem { item, .. } if item == "nope"));
}

#[test]
fn a_choice_item_without_choices_is_refused() {
    for kind in ["single_choice", "multiple_choice"] {
        let err = load_err(&form_with(&format!(r#"{{"id":"c","kind":"{kind}"}}"#)));
        assert!(matches!(err.kind(), ErrorKind::BadChoices { item, .. } if item == "c"), "{kind}: {err:?}");
    }
}

#[test]
fn a_text_item_with_choices_is_refused() {
    let err =
        load_err(&form_with(r#"{"id":"c","kind":"short_text","choices":[{"value":"x"}]}"#));
    assert!(matches!(err.kind(), ErrorKind::BadChoices { .. }), "{err:?}");
}

#[test]
fn a_repeat_without_items_is_refused() {
    let err = load_err(&form_with(r#"{"id":"r","kind":"repeat"}"#));
    assert!(matches!(err.kind(), ErrorKind::BadChoices { item, .. } if item == "r"), "{err:?}");
}

#[test]
fn a_choice_list_that_does_not_exist_is_refused() {
    let err = load_err(&form_with(r#"{"id":"c","kind":"single_choice","choice_list":"planets"}"#));
    assert!(
        matches!(err.kind(), ErrorKind::UnknownItem { item, referenced_by, .. } if item == "planets" && referenced_by == "c"),
        "{err:?}"
    );
}

#[test]
fn a_choice_list_becomes_the_items_choices() {
    let form = FormDef::from_json(
        &form_with(r#"{"id":"c","kind":"single_choice","choice_list":"countries"}"#),
        &lists(),
    )
    .unwrap();
    let item = form.item("c").unwrap();
    assert_eq!(item.choices.len(), 47);
    let es = bundled::catalog(Lang::Es);
    assert_eq!(item.choice_label("MEX", es), "México");
    assert_eq!(item.choice_label("XXX", es), "XXX");
}

#[test]
fn a_yes_no_item_gets_yes_and_no() {
    let form = FormDef::from_json(&form_with(r#"{"id":"y","kind":"yes_no"}"#), &lists()).unwrap();
    let codes: Vec<&str> = form.item("y").unwrap().choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(codes, ["yes", "no"]);
}

#[test]
fn a_definition_carrying_its_own_words_is_refused() {
    // Words belong in the locale files: a label left in a definition would never be shown.
    let err = load_err(&form_with(r#"{"id":"a","kind":"short_text","label":{"en":"A"}}"#));
    assert!(matches!(err.kind(), ErrorKind::Parse { message, .. } if message.contains("label")), "{err:?}");
    let src = form_with(TEXT_A).replacen(r#""version":"1""#, r#""version":"1","title":{"en":"T"}"#, 1);
    assert!(matches!(load_err(&src).kind(), ErrorKind::Parse { .. }));
}

#[test]
fn two_choices_with_one_code_are_refused() {
    let err = load_err(&form_with(r#"{"id":"c","kind":"single_choice","choices":[{"value":"x"},{"value":"x"}]}"#));
    assert!(matches!(err.kind(), ErrorKind::DuplicateId { id, .. } if id == "c.x"), "{err:?}");
}

#[test]
fn every_text_is_named_by_where_it_sits() {
    let form = forms::get("annex1").unwrap();
    assert_eq!(form.title.key(), "forms.annex1.title");
    assert_eq!(form.sections[0].title.key(), "forms.annex1.sections.respondent.title");
    let phone = form.item("phone").unwrap();
    assert_eq!((phone.label.key(), phone.hint.key()), ("forms.annex1.items.phone.label", "forms.annex1.items.phone.hint"));
    assert_eq!(form.item("country").unwrap().choices[0].label.key(), "lists.countries.ATG");
    let y = FormDef::from_json(&form_with(r#"{"id":"y","kind":"yes_no"}"#), &lists()).unwrap();
    assert_eq!(y.item("y").unwrap().choices[1].label.key(), "lists.yes_no.no");
    let c = FormDef::from_json(&form_with(r#"{"id":"c","kind":"single_choice","choices":[{"value":"x"}]}"#), &lists()).unwrap();
    assert_eq!(c.item("c").unwrap().choices[0].label.key(), "forms.t.items.c.choices.x");
}

#[test]
fn an_id_that_is_not_snake_case_is_refused() {
    for id in ["", "Country", "has-plan", "1st", "_x", "año", "id"] {
        let err = load_err(&form_with(&format!(r#"{{"id":"{id}","kind":"short_text"}}"#)));
        assert!(matches!(err.kind(), ErrorKind::BadId { id: bad, .. } if bad == id), "{id:?}: {err:?}");
    }
    let src = form_with(TEXT_A).replacen(r#""id":"s""#, r#""id":"Section 1""#, 1);
    assert!(matches!(load_err(&src).kind(), ErrorKind::BadId { .. }));
}
