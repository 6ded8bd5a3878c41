//! The bundled definitions load, speak both languages, and malformed ones are refused.

use gcm_collector::engine::{parse_lists, Error, ErrorKind, FormDef, ItemDef, Lists, Text};
use gcm_collector::forms;

const LANGS: [&str; 2] = ["en", "es"];

fn lists() -> Lists {
    parse_lists(forms::REFERENCE_JSON).expect("forms/reference.json parses")
}

/// Every text of a form with where it sits, repeat children and resolved choices included.
fn texts(form: &FormDef) -> Vec<(String, &Text)> {
    fn item_texts<'a>(item: &'a ItemDef, out: &mut Vec<(String, &'a Text)>) {
        out.push((format!("{}.label", item.id), &item.label));
        if let Some(hint) = &item.hint {
            out.push((format!("{}.hint", item.id), hint));
        }
        for choice in &item.choices {
            out.push((format!("{}.{}", item.id, choice.value), &choice.label));
        }
        for child in &item.items {
            item_texts(child, out);
        }
    }
    let mut out = vec![("title".to_string(), &form.title)];
    if let Some(intro) = &form.intro {
        out.push(("intro".into(), intro));
    }
    for section in &form.sections {
        out.push((format!("{}.title", section.id), &section.title));
        if let Some(intro) = &section.intro {
            out.push((format!("{}.intro", section.id), intro));
        }
        for item in &section.items {
            item_texts(item, &mut out);
        }
    }
    out
}

fn assert_bilingual(place: &str, text: &Text) {
    for lang in LANGS {
        let s = text.0.get(lang).map(String::as_str).unwrap_or("");
        assert!(!s.trim().is_empty(), "{place} has no '{lang}' text");
        assert_eq!(s, s.trim(), "{place} '{lang}' has surrounding blanks");
    }
}

#[test]
fn every_bundled_form_loads() {
    let loaded = forms::load_all().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.len(), forms::SOURCES.len());
    assert_eq!(forms::all().len(), forms::SOURCES.len(), "forms::all() silently dropped a form");
    assert!(forms::get("annex1").is_some());
}

#[test]
fn bundled_form_ids_are_unique() {
    let loaded = forms::load_all().unwrap();
    let mut ids: Vec<&str> = loaded.iter().map(|f| f.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), loaded.len());
}

#[test]
fn every_text_of_every_form_is_in_english_and_spanish() {
    for form in forms::load_all().unwrap() {
        for (place, text) in texts(&form) {
            assert_bilingual(&format!("{}: {place}", form.id), text);
        }
    }
}

#[test]
fn every_shared_list_entry_is_in_english_and_spanish_with_a_unique_code() {
    for (name, choices) in lists() {
        let mut seen = std::collections::BTreeSet::new();
        for choice in &choices {
            assert_bilingual(&format!("{name}.{}", choice.value), &choice.label);
            assert!(seen.insert(choice.value.as_str()), "{name}: code {} twice", choice.value);
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
    let label = |code: &str| countries.iter().find(|c| c.value == code).map(|c| (c.label.get("en"), c.label.get("es")));
    assert_eq!(label("BOL"), Some(("Bolivia (Plurinational State of)", "Bolivia (Estado Plurinacional de)")));
    assert_eq!(label("VEN"), Some(("Venezuela (Bolivarian Republic of)", "Venezuela (República Bolivariana de)")));
    assert_eq!(countries[0].value, "ATG");
    assert_eq!(countries[32].value, "VEN", "member States come first, alphabetically in English");
    assert_eq!(countries[33].value, "AIA", "associate members follow");
    assert_eq!(countries[46].value, "VIR");
    let members: Vec<&str> = countries[..33].iter().map(|c| c.label.get("en")).collect();
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
        for lang in LANGS {
            let label = c.label.get(lang);
            assert!(label.starts_with(&format!("{n}. ")), "{}: '{label}' does not start with its number", c.value);
            assert!(label.ends_with('.'), "{}: '{label}'", c.value);
        }
    }
}

#[test]
fn the_implementation_levels_are_national_sub_regional_and_inter_regional() {
    let lists = lists();
    let levels: Vec<(&str, &str, &str)> =
        lists["implementation_levels"].iter().map(|c| (c.value.as_str(), c.label.get("en"), c.label.get("es"))).collect();
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
    format!(r#"{{"id":"t","version":"1","title":{{"en":"T"}},"sections":[{{"id":"s","title":{{"en":"S"}},"items":[{items}]}}]}}"#)
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

const TEXT_A: &str = r#"{"id":"a","kind":"short_text","label":{"en":"A"}}"#;

#[test]
fn a_minimal_inline_form_loads() {
    let form = FormDef::from_json(&form_with(TEXT_A), &lists()).unwrap();
    assert_eq!(form.items().count(), 1);
}

#[test]
fn a_definition_that_is_not_json_is_refused() {
    assert!(matches!(load_err("{").kind(), ErrorKind::Parse { .. }));
    assert!(matches!(load_err(&form_with(r#"{"id":"a","kind":"slider","label":{"en":"A"}}"#)).kind(), ErrorKind::Parse { .. }));
}

#[test]
fn two_items_with_one_id_are_refused() {
    let err = load_err(&form_with(&format!("{TEXT_A},{TEXT_A}")));
    assert!(matches!(err.kind(), ErrorKind::DuplicateId { id, .. } if id == "a"), "{err:?}");
}

#[test]
fn an_item_with_the_id_of_a_section_is_refused() {
    let err = load_err(&form_with(r#"{"id":"s","kind":"short_text","label":{"en":"S"}}"#));
    assert!(matches!(err.kind(), ErrorKind::DuplicateId { id, .. } if id == "s"), "{err:?}");
}

#[test]
fn a_repeat_child_with_the_id_of_a_top_level_item_is_refused() {
    let repeat = r#"{"id":"r","kind":"repeat","label":{"en":"R"},"items":[{"id":"a","kind":"short_text","label":{"en":"A"}}]}"#;
    let err = load_err(&form_with(&format!("{TEXT_A},{repeat}")));
    assert!(matches!(err.kind(), ErrorKind::DuplicateId { id, .. } if id == "a"), "{err:?}");
}

#[test]
fn a_relevance_condition_naming_an_unknown_item_is_refused() {
    let b = r#"{"id":"b","kind":"short_text","label":{"en":"B"},"relevant":{"all":[{"item":"a","answered":true},{"not":{"item":"ghost","equals":"x"}}]}}"#;
    let err = load_err(&form_with(&format!("{TEXT_A},{b}")));
    assert!(
        matches!(err.kind(), ErrorKind::UnknownItem { item, referenced_by, .. } if item == "ghost" && referenced_by == "b"),
        "{err:?}"
    );
}

#[test]
fn a_top_level_condition_cannot_read_inside_a_repeat() {
    let repeat = r#"{"id":"r","kind":"repeat","label":{"en":"R"},"items":[{"id":"c","kind":"short_text","label":{"en":"C"}}]}"#;
    let b = r#"{"id":"b","kind":"short_text","label":{"en":"B"},"relevant":{"item":"c","answered":true}}"#;
    let err = load_err(&form_with(&format!("{repeat},{b}")));
    assert!(matches!(err.kind(), ErrorKind::UnknownItem { item, .. } if item == "c"), "{err:?}");
}

#[test]
fn a_repeat_child_may_read_its_siblings_and_top_level_items() {
    let repeat = r#"{"id":"r","kind":"repeat","label":{"en":"R"},"items":[
        {"id":"c","kind":"short_text","label":{"en":"C"}},
        {"id":"d","kind":"short_text","label":{"en":"D"},"relevant":{"all":[{"item":"c","answered":true},{"item":"a","answered":true}]}}]}"#;
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
        let err = load_err(&form_with(&format!(r#"{{"id":"c","kind":"{kind}","label":{{"en":"C"}}}}"#)));
        assert!(matches!(err.kind(), ErrorKind::BadChoices { item, .. } if item == "c"), "{kind}: {err:?}");
    }
}

#[test]
fn a_text_item_with_choices_is_refused() {
    let err =
        load_err(&form_with(r#"{"id":"c","kind":"short_text","label":{"en":"C"},"choices":[{"value":"x","label":{"en":"X"}}]}"#));
    assert!(matches!(err.kind(), ErrorKind::BadChoices { .. }), "{err:?}");
}

#[test]
fn a_repeat_without_items_is_refused() {
    let err = load_err(&form_with(r#"{"id":"r","kind":"repeat","label":{"en":"R"}}"#));
    assert!(matches!(err.kind(), ErrorKind::BadChoices { item, .. } if item == "r"), "{err:?}");
}

#[test]
fn a_choice_list_that_does_not_exist_is_refused() {
    let err = load_err(&form_with(r#"{"id":"c","kind":"single_choice","label":{"en":"C"},"choice_list":"planets"}"#));
    assert!(
        matches!(err.kind(), ErrorKind::UnknownItem { item, referenced_by, .. } if item == "planets" && referenced_by == "c"),
        "{err:?}"
    );
}

#[test]
fn a_choice_list_becomes_the_items_choices() {
    let form = FormDef::from_json(
        &form_with(r#"{"id":"c","kind":"single_choice","label":{"en":"C"},"choice_list":"countries"}"#),
        &lists(),
    )
    .unwrap();
    let item = form.item("c").unwrap();
    assert_eq!(item.choices.len(), 47);
    assert_eq!(item.choice_label("MEX", "es"), "México");
    assert_eq!(item.choice_label("XXX", "es"), "XXX");
}

#[test]
fn a_yes_no_item_gets_yes_and_no() {
    let form = FormDef::from_json(&form_with(r#"{"id":"y","kind":"yes_no","label":{"en":"Y"}}"#), &lists()).unwrap();
    let codes: Vec<&str> = form.item("y").unwrap().choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(codes, ["yes", "no"]);
}

#[test]
fn a_label_without_english_is_refused() {
    let err = load_err(&form_with(r#"{"id":"a","kind":"short_text","label":{"es":"A"}}"#));
    assert!(matches!(err.kind(), ErrorKind::MissingText { item, lang, .. } if item == "a" && lang == "en"), "{err:?}");
    let err = load_err(&form_with(r#"{"id":"a","kind":"short_text","label":{"en":"  ","es":"A"}}"#));
    assert!(matches!(err.kind(), ErrorKind::MissingText { .. }), "{err:?}");
}

#[test]
fn a_title_or_choice_without_english_is_refused() {
    let src = form_with(TEXT_A).replacen(r#""title":{"en":"T"}"#, r#""title":{"es":"T"}"#, 1);
    assert!(matches!(load_err(&src).kind(), ErrorKind::MissingText { .. }));
    let src = form_with(TEXT_A).replacen(r#""title":{"en":"S"}"#, r#""title":{}"#, 1);
    assert!(matches!(load_err(&src).kind(), ErrorKind::MissingText { item, .. } if item == "s"));
    let err = load_err(&form_with(
        r#"{"id":"c","kind":"single_choice","label":{"en":"C"},"choices":[{"value":"x","label":{"es":"X"}}]}"#,
    ));
    assert!(matches!(err.kind(), ErrorKind::MissingText { item, .. } if item == "c.x"), "{err:?}");
}

#[test]
fn a_hint_or_intro_without_english_is_refused() {
    let err = load_err(&form_with(r#"{"id":"a","kind":"short_text","label":{"en":"A"},"hint":{"es":"pista"}}"#));
    assert!(matches!(err.kind(), ErrorKind::MissingText { .. }), "{err:?}");
    let src = form_with(TEXT_A).replacen(r#""sections""#, r#""intro":{"es":"intro"},"sections""#, 1);
    assert!(matches!(load_err(&src).kind(), ErrorKind::MissingText { .. }));
}

#[test]
fn an_id_that_is_not_snake_case_is_refused() {
    for id in ["", "Country", "has-plan", "1st", "_x", "año", "id"] {
        let err = load_err(&form_with(&format!(r#"{{"id":"{id}","kind":"short_text","label":{{"en":"A"}}}}"#)));
        assert!(matches!(err.kind(), ErrorKind::BadId { id: bad, .. } if bad == id), "{id:?}: {err:?}");
    }
    let src = form_with(TEXT_A).replacen(r#""id":"s""#, r#""id":"Section 1""#, 1);
    assert!(matches!(load_err(&src).kind(), ErrorKind::BadId { .. }));
}
