//! How the engine behaves as a person fills in a form: what is asked, what is wrong,
//! what is counted and what leaves the device. One small inline form serves every test.

use gcm_collector::engine::{
    exportable, field_id, is_relevant, parse_lists, progress, validate, Answers, Choice, FormDef, ItemDef, Progress, Value,
    Violation, ViolationKind,
};

const FORM: &str = r#"{
  "id": "test", "version": "1",
  "sections": [
    {"id": "about", "items": [
      {"id": "name", "kind": "short_text", "required": true, "min_length": 2, "max_length": 10},
      {"id": "contact", "kind": "email"},
      {"id": "when", "kind": "date"},
      {"id": "count", "kind": "number", "min": 0, "max": 100},
      {"id": "colour", "kind": "single_choice",
       "choices": [{"value": "red"}, {"value": "green"}]},
      {"id": "tags", "kind": "multiple_choice",
       "choices": [{"value": "a"}, {"value": "b"}, {"value": "c"}]}
    ]},
    {"id": "plan_section", "items": [
      {"id": "has_plan", "kind": "yes_no", "required": true},
      {"id": "plan", "kind": "long_text", "required": true,
       "relevant": {"item": "has_plan", "equals": "yes"}},
      {"id": "examples", "kind": "repeat", "required": true, "items": [
        {"id": "example_title", "kind": "short_text", "required": true, "max_length": 20},
        {"id": "example_kind", "kind": "single_choice",
         "choices": [{"value": "law"}, {"value": "other"}]},
        {"id": "example_other", "kind": "short_text", "required": true,
         "relevant": {"item": "example_kind", "equals": "other"}},
        {"id": "example_plan_link", "kind": "short_text",
         "relevant": {"item": "has_plan", "equals": "yes"}},
        {"id": "example_tags", "kind": "multiple_choice",
         "choices": [{"value": "x"}, {"value": "y"}]}
      ]}
    ]}
  ]
}"#;

fn form() -> FormDef {
    FormDef::from_json(FORM, &parse_lists("{}").unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

fn item<'a>(form: &'a FormDef, id: &str) -> &'a ItemDef {
    form.items().flat_map(|i| std::iter::once(i).chain(i.items.iter())).find(|i| i.id == id).unwrap()
}

fn choices(form: &FormDef, id: &str) -> Vec<Choice> {
    item(form, id).choices.clone()
}

/// The violation of a top-level item, if any.
fn violation(form: &FormDef, answers: &Answers, id: &str) -> Option<ViolationKind> {
    validate(form, answers).into_iter().find(|v| v.item == id && v.within.is_none()).map(|v| v.kind)
}

fn answer(pairs: &[(&str, &str)]) -> Answers {
    let mut a = Answers::default();
    for (item, text) in pairs {
        a.set_text(item, text);
    }
    a
}

fn ids(answers: &Answers, repeat: &str) -> Vec<String> {
    answers.instances(repeat).iter().map(|i| i.id.clone()).collect()
}

// --- Required answers and relevance ------------------------------------------------------------

#[test]
fn a_blank_form_reports_every_required_question_that_is_asked_as_missing() {
    let form = form();
    let v = validate(&form, &Answers::default());
    let missing: Vec<&str> = v.iter().map(|v| v.item.as_str()).collect();
    assert_eq!(missing, ["name", "has_plan", "examples"], "in form order, relevant items only");
    assert!(v.iter().all(|v| v.kind == ViolationKind::Missing && v.within.is_none()));
}

#[test]
fn an_optional_question_left_blank_is_not_a_violation() {
    let form = form();
    for id in ["contact", "when", "count", "colour", "tags"] {
        assert_eq!(violation(&form, &Answers::default(), id), None, "{id}");
    }
}

#[test]
fn a_required_question_that_is_not_asked_is_not_reported_missing() {
    let form = form();
    assert_eq!(violation(&form, &answer(&[("has_plan", "no")]), "plan"), None);
    assert_eq!(violation(&form, &answer(&[("has_plan", "yes")]), "plan"), Some(ViolationKind::Missing));
}

#[test]
fn a_question_is_asked_only_when_its_condition_holds() {
    let form = form();
    let plan = item(&form, "plan");
    assert!(!is_relevant(plan, &Answers::default(), None));
    assert!(!is_relevant(plan, &answer(&[("has_plan", "no")]), None));
    assert!(is_relevant(plan, &answer(&[("has_plan", "yes")]), None));
    assert!(is_relevant(item(&form, "name"), &Answers::default(), None), "no condition: always asked");
}

#[test]
fn a_malformed_answer_to_a_question_that_is_not_asked_is_not_reported() {
    let form = form();
    let mut a = answer(&[("has_plan", "yes")]);
    a.add_instance("examples", "e1");
    a.instance_mut("examples", "e1").unwrap().set_text("example_title", "Title");
    a.instance_mut("examples", "e1").unwrap().set_text("example_kind", "law");
    assert!(validate(&form, &a).iter().all(|v| v.item != "example_other"), "not asked: kind is not 'other'");
    a.instance_mut("examples", "e1").unwrap().set_text("example_kind", "other");
    let v = validate(&form, &a);
    assert!(v.iter().any(|v| v.item == "example_other" && v.kind == ViolationKind::Missing), "{v:?}");
}

#[test]
fn a_question_inside_a_repeat_may_depend_on_a_question_outside_it() {
    let form = form();
    let link = item(&form, "example_plan_link");
    let instance = Answers::default();
    assert!(!is_relevant(link, &answer(&[("has_plan", "no")]), Some(&instance)));
    assert!(is_relevant(link, &answer(&[("has_plan", "yes")]), Some(&instance)));
}

#[test]
fn answers_to_questions_no_longer_asked_stay_in_the_draft_but_are_not_exported() {
    let form = form();
    let mut a = answer(&[("name", "Ana"), ("has_plan", "yes"), ("plan", "Our plan")]);
    a.add_instance("examples", "e1");
    let e1 = a.instance_mut("examples", "e1").unwrap();
    e1.set_text("example_title", "Title");
    e1.set_text("example_kind", "other");
    e1.set_text("example_other", "Decree");
    e1.set_text("example_plan_link", "https://example.org/plan");

    a.set_text("has_plan", "no");
    a.instance_mut("examples", "e1").unwrap().set_text("example_kind", "law");

    assert_eq!(a.text("plan"), "Our plan", "kept in case the person switches back");
    assert_eq!(a.instances("examples")[0].answers.text("example_other"), "Decree");
    let out = exportable(&form, &a);
    assert_eq!(out.get("plan"), None);
    assert_eq!(out.text("has_plan"), "no");
    assert_eq!(out.text("name"), "Ana");
    let exported = &out.instances("examples")[0];
    assert_eq!(exported.id, "e1");
    assert_eq!(exported.answers.text("example_title"), "Title");
    assert_eq!(exported.answers.text("example_kind"), "law");
    assert_eq!(exported.answers.get("example_other"), None);
    assert_eq!(exported.answers.get("example_plan_link"), None);

    a.set_text("has_plan", "yes");
    assert_eq!(exportable(&form, &a).text("plan"), "Our plan", "switching back brings the answer back");
}

#[test]
fn answers_to_items_the_form_does_not_have_are_not_exported() {
    let form = form();
    let a = answer(&[("name", "Ana"), ("stale_item", "from an older version")]);
    let out = exportable(&form, &a);
    assert_eq!(out.get("stale_item"), None);
    assert_eq!(out.text("name"), "Ana");
}

// --- Lengths and formats -----------------------------------------------------------------------

#[test]
fn an_answer_shorter_than_the_minimum_is_too_short() {
    let form = form();
    assert_eq!(violation(&form, &answer(&[("name", "A")]), "name"), Some(ViolationKind::TooShort { min: 2 }));
    assert_eq!(
        violation(&form, &answer(&[("name", " A  ")]), "name"),
        Some(ViolationKind::TooShort { min: 2 }),
        "blanks around do not count"
    );
    assert_eq!(violation(&form, &answer(&[("name", "Al")]), "name"), None);
}

#[test]
fn an_answer_longer_than_the_maximum_is_too_long() {
    let form = form();
    assert_eq!(violation(&form, &answer(&[("name", "Abcdefghijk")]), "name"), Some(ViolationKind::TooLong { max: 10 }));
    assert_eq!(violation(&form, &answer(&[("name", "Abcdefghij")]), "name"), None);
}

#[test]
fn lengths_count_characters_not_bytes() {
    let form = form();
    assert_eq!(violation(&form, &answer(&[("name", "Ñandú Peña")]), "name"), None, "10 characters, 13 bytes");
}

#[test]
fn a_malformed_email_is_reported() {
    let form = form();
    for bad in ["ana", "ana@", "@minrel.gob.cl", "ana@minrel", "ana perez@minrel.gob.cl", "ana@@minrel.gob.cl"] {
        assert_eq!(violation(&form, &answer(&[("contact", bad)]), "contact"), Some(ViolationKind::Email), "{bad}");
    }
    assert_eq!(violation(&form, &answer(&[("contact", "ana.perez@minrel.gob.cl")]), "contact"), None);
}

#[test]
fn a_malformed_or_impossible_date_is_reported() {
    let form = form();
    for bad in ["31/03/2025", "2025-3-31", "2025-02-29", "2025-04-31", "2025-13-01", "yesterday"] {
        assert_eq!(violation(&form, &answer(&[("when", bad)]), "when"), Some(ViolationKind::Date), "{bad}");
    }
    for good in ["2025-03-31", "2024-02-29"] {
        assert_eq!(violation(&form, &answer(&[("when", good)]), "when"), None, "{good}");
    }
}

#[test]
fn a_number_that_is_not_a_number_is_reported() {
    let form = form();
    for bad in ["twelve", "12abc", "1,5", "NaN", "inf"] {
        assert_eq!(violation(&form, &answer(&[("count", bad)]), "count"), Some(ViolationKind::Number), "{bad}");
    }
    for good in ["12", "12.5", " 7 ", "1e1"] {
        assert_eq!(violation(&form, &answer(&[("count", good)]), "count"), None, "{good}");
    }
}

#[test]
fn a_number_outside_its_bounds_is_reported() {
    let form = form();
    assert_eq!(violation(&form, &answer(&[("count", "-1")]), "count"), Some(ViolationKind::BelowMin { min: 0.0 }));
    assert_eq!(violation(&form, &answer(&[("count", "100.5")]), "count"), Some(ViolationKind::AboveMax { max: 100.0 }));
    assert_eq!(violation(&form, &answer(&[("count", "0")]), "count"), None, "bounds are inclusive");
    assert_eq!(violation(&form, &answer(&[("count", "100")]), "count"), None, "bounds are inclusive");
}

#[test]
fn a_choice_that_is_not_offered_is_reported() {
    let form = form();
    assert_eq!(violation(&form, &answer(&[("colour", "purple")]), "colour"), Some(ViolationKind::UnknownChoice));
    assert_eq!(violation(&form, &answer(&[("colour", "red")]), "colour"), None);
    assert_eq!(violation(&form, &answer(&[("has_plan", "maybe")]), "has_plan"), Some(ViolationKind::UnknownChoice));
    let mut a = Answers::default();
    a.0.insert("tags".into(), Value::Many(vec!["a".into(), "zzz".into()]));
    assert_eq!(violation(&form, &a, "tags"), Some(ViolationKind::UnknownChoice));
}

#[test]
fn an_answer_of_the_wrong_shape_is_reported_not_accepted() {
    let form = form();
    let mut a = Answers::default();
    a.0.insert("colour".into(), Value::Many(vec!["red".into()]));
    a.0.insert("tags".into(), Value::Text("a".into()));
    assert_eq!(violation(&form, &a, "colour"), Some(ViolationKind::UnknownChoice));
    assert_eq!(violation(&form, &a, "tags"), Some(ViolationKind::UnknownChoice));
}

#[test]
fn a_field_has_at_most_one_violation() {
    let form = form();
    let a = answer(&[("name", "x"), ("contact", "not an email at all, and far too long"), ("count", "-5e9")]);
    let v = validate(&form, &a);
    for id in ["name", "contact", "count"] {
        assert_eq!(v.iter().filter(|v| v.item == id).count(), 1, "{id}: {v:?}");
    }
}

// --- Repeats -----------------------------------------------------------------------------------

#[test]
fn a_required_repeat_needs_at_least_one_instance() {
    let form = form();
    let mut a = Answers::default();
    assert_eq!(violation(&form, &a, "examples"), Some(ViolationKind::Missing));
    a.add_instance("examples", "e1");
    assert_eq!(violation(&form, &a, "examples"), None);
    a.remove_instance("examples", "e1");
    assert_eq!(violation(&form, &a, "examples"), Some(ViolationKind::Missing));
}

#[test]
fn a_violation_inside_a_repeat_names_its_instance_and_field() {
    let form = form();
    let mut a = Answers::default();
    a.add_instance("examples", "k3x9");
    a.add_instance("examples", "p2q7");
    a.instance_mut("examples", "p2q7").unwrap().set_text("example_title", "A title far longer than twenty characters");
    let v: Vec<Violation> = validate(&form, &a).into_iter().filter(|v| v.within.is_some()).collect();
    assert_eq!(
        v,
        [
            Violation {
                item: "example_title".into(),
                within: Some(("examples".into(), "k3x9".into())),
                kind: ViolationKind::Missing
            },
            Violation {
                item: "example_title".into(),
                within: Some(("examples".into(), "p2q7".into())),
                kind: ViolationKind::TooLong { max: 20 }
            },
        ]
    );
    assert_eq!(v[0].field_id(), "q-examples-k3x9-example_title");
    assert_eq!(v[1].field_id(), "q-examples-p2q7-example_title");
}

#[test]
fn a_field_id_is_stable_and_unique_per_instance() {
    assert_eq!(field_id(None, "name"), "q-name");
    assert_eq!(field_id(Some(("examples", "e1")), "example_title"), "q-examples-e1-example_title");
    assert_ne!(field_id(Some(("examples", "e1")), "example_title"), field_id(Some(("examples", "e2")), "example_title"));
    let v = Violation { item: "name".into(), within: None, kind: ViolationKind::Missing };
    assert_eq!(v.field_id(), "q-name");
}

#[test]
fn removing_an_instance_keeps_the_others_ids_answers_and_order() {
    let mut a = Answers::default();
    for id in ["e1", "e2", "e3"] {
        a.add_instance("examples", id);
        a.instance_mut("examples", id).unwrap().set_text("example_title", &format!("Title {id}"));
    }
    a.remove_instance("examples", "e2");
    assert_eq!(ids(&a, "examples"), ["e1", "e3"]);
    assert_eq!(a.instances("examples")[1].answers.text("example_title"), "Title e3");
    a.remove_instance("examples", "nope");
    assert_eq!(ids(&a, "examples"), ["e1", "e3"], "removing an unknown instance changes nothing");
    a.add_instance("examples", "e4");
    assert_eq!(ids(&a, "examples"), ["e1", "e3", "e4"], "new instances go last");
    for id in ["e1", "e3", "e4"] {
        a.remove_instance("examples", id);
    }
    assert_eq!(a.get("examples"), None, "the last removal clears the answer");
}

#[test]
fn an_instance_that_does_not_exist_cannot_be_edited() {
    let mut a = Answers::default();
    assert!(a.instance_mut("examples", "e1").is_none());
    a.add_instance("examples", "e1");
    assert!(a.instance_mut("examples", "e2").is_none());
    assert!(a.instance_mut("examples", "e1").is_some());
}

// --- Editing answers ---------------------------------------------------------------------------

#[test]
fn ticking_choices_keeps_the_order_of_the_choices_not_of_the_clicks() {
    let form = form();
    let tags = choices(&form, "tags");
    let mut a = Answers::default();
    a.toggle("tags", "c", true, &tags);
    a.toggle("tags", "a", true, &tags);
    a.toggle("tags", "b", true, &tags);
    a.toggle("tags", "a", true, &tags);
    assert_eq!(a.many("tags"), ["a", "b", "c"], "and a code is never there twice");
    a.toggle("tags", "b", false, &tags);
    assert_eq!(a.many("tags"), ["a", "c"]);
}

#[test]
fn unticking_the_last_choice_clears_the_answer() {
    let form = form();
    let tags = choices(&form, "tags");
    let mut a = Answers::default();
    a.toggle("tags", "b", true, &tags);
    a.toggle("tags", "b", false, &tags);
    assert_eq!(a.get("tags"), None);
    a.toggle("tags", "c", false, &tags);
    assert_eq!(a.get("tags"), None, "unticking what was never ticked leaves nothing behind");
}

#[test]
fn blanking_a_text_clears_the_answer() {
    let mut a = answer(&[("name", "Ana")]);
    a.set_text("name", "  \n\t ");
    assert_eq!(a.get("name"), None);
    assert_eq!(a.text("name"), "");
    a.set_text("name", " Ana ");
    assert_eq!(a.text("name"), " Ana ", "what is typed is kept as typed");
}

// --- Progress ----------------------------------------------------------------------------------

#[test]
fn progress_counts_only_the_required_questions_that_are_asked() {
    let form = form();
    let p = |a: &Answers| progress(&form, a);
    let mut a = Answers::default();
    assert_eq!(p(&a), Progress { answered: 0, required: 3 }, "name, has_plan, examples");
    a.set_text("has_plan", "yes");
    assert_eq!(p(&a), Progress { answered: 1, required: 4 }, "the plan is now asked");
    a.set_text("has_plan", "no");
    assert_eq!(p(&a), Progress { answered: 1, required: 3 });
    a.add_instance("examples", "e1");
    assert_eq!(p(&a), Progress { answered: 2, required: 4 }, "each instance adds its required questions");
    let e1 = a.instance_mut("examples", "e1").unwrap();
    e1.set_text("example_kind", "other");
    assert_eq!(p(&a), Progress { answered: 2, required: 5 }, "example_other is now asked");
    a.add_instance("examples", "e2");
    assert_eq!(p(&a), Progress { answered: 2, required: 6 });
    a.set_text("name", "Ana");
    assert_eq!(p(&a), Progress { answered: 3, required: 6 });
}

#[test]
fn progress_counts_a_malformed_answer_as_given() {
    let form = form();
    let a = answer(&[("name", "x")]);
    assert_eq!(progress(&form, &a).answered, 1, "progress counts answers; validity is the violations' job");
}

// --- Drafts as JSON ----------------------------------------------------------------------------

fn sample() -> Answers {
    let form = form();
    let mut a = answer(&[("name", "Ana"), ("colour", "red"), ("has_plan", "yes"), ("plan", "Línea 1\nLínea 2 «citada»")]);
    let tags = choices(&form, "tags");
    a.toggle("tags", "c", true, &tags);
    a.toggle("tags", "a", true, &tags);
    for id in ["e1", "e2"] {
        a.add_instance("examples", id);
        a.instance_mut("examples", id).unwrap().set_text("example_title", &format!("Title {id}"));
    }
    a.instance_mut("examples", "e2").unwrap().set_text("example_kind", "law");
    let example_tags = choices(&form, "example_tags");
    a.instance_mut("examples", "e1").unwrap().toggle("example_tags", "y", true, &example_tags);
    a
}

#[test]
fn answers_survive_a_round_trip_through_json() {
    let a = sample();
    let json = serde_json::to_string(&a).unwrap();
    let back: Answers = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    assert_eq!(back.many("tags"), ["a", "c"]);
    assert_eq!(ids(&back, "examples"), ["e1", "e2"]);
    assert_eq!(back.instances("examples")[0].answers.many("example_tags"), ["y"], "a multiple choice inside an instance");
    assert_eq!(serde_json::to_string(&back).unwrap(), json, "serialising is deterministic");
}

#[test]
fn an_instance_is_stored_as_its_id_beside_its_answers() {
    let json = serde_json::to_value(sample()).unwrap();
    assert_eq!(json["examples"][1], serde_json::json!({"id": "e2", "example_title": "Title e2", "example_kind": "law"}));
    assert_eq!(json["tags"], serde_json::json!(["a", "c"]));
    assert_eq!(json["name"], "Ana");
}

#[test]
fn an_emptied_multiple_choice_or_repeat_never_serialises_as_an_empty_list() {
    let form = form();
    let tags = choices(&form, "tags");
    let mut a = sample();
    a.toggle("tags", "a", false, &tags);
    a.toggle("tags", "c", false, &tags);
    a.instance_mut("examples", "e1").unwrap().toggle("example_tags", "y", false, &choices(&form, "example_tags"));
    assert_eq!(serde_json::to_value(&a).unwrap()["examples"][0], serde_json::json!({"id": "e1", "example_title": "Title e1"}));
    a.remove_instance("examples", "e1");
    a.remove_instance("examples", "e2");
    let json = serde_json::to_string(&a).unwrap();
    assert!(!json.contains("[]"), "{json}");
    assert!(!json.contains("tags") && !json.contains("examples"), "{json}");
    let back: Answers = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}

#[test]
fn an_exported_draft_also_round_trips() {
    let form = form();
    let out = exportable(&form, &sample());
    let back: Answers = serde_json::from_str(&serde_json::to_string(&out).unwrap()).unwrap();
    assert_eq!(back, out);
}

#[test]
fn a_draft_read_with_empty_lists_treats_them_as_unanswered() {
    let form = form();
    let a: Answers = serde_json::from_str(r#"{"tags": [], "examples": []}"#).unwrap();
    assert_eq!(violation(&form, &a, "examples"), Some(ViolationKind::Missing));
    assert_eq!(progress(&form, &a), progress(&form, &Answers::default()));
}

#[test]
fn limits_read_as_people_write_them() {
    use gcm_collector::engine::number_text;
    assert_eq!([number_text(10.0), number_text(-3.0), number_text(2.5), number_text(0.1)], ["10", "-3", "2.5", "0.1"]);
}

#[test]
fn answers_are_read_from_their_json_shape() {
    use gcm_collector::engine::{Answers, Condition, Instance, Value};
    let read = |json: &str| serde_json::from_str::<Answers>(json);
    let a = read(r#"{"t": "x", "m": ["a", "b"], "e": [], "c": {"w": 2}, "r": [{"id": "i1", "t": "y", "m": ["z"]}]}"#).unwrap();
    assert_eq!(a.0["t"], Value::Text("x".into()));
    assert_eq!(a.0["m"], Value::Many(vec!["a".into(), "b".into()]));
    assert_eq!(a.0["e"], Value::Many(vec![]), "an empty list reads as no codes");
    assert_eq!(a.0["c"], Value::Counts([("w".to_string(), 2)].into()));
    let Value::Repeat(list) = &a.0["r"] else { panic!("{:?}", a.0["r"]) };
    assert_eq!(list[0], Instance { id: "i1".into(), answers: read(r#"{"t": "y", "m": ["z"]}"#).unwrap() });
    assert_eq!(serde_json::from_str::<Answers>(&serde_json::to_string(&a).unwrap()).unwrap(), a, "round trip");
    for bad in [r#"{"t": null}"#, r#"{"t": 5}"#, r#"{"m": ["a", {"id": "x"}]}"#, r#"{"r": [{"t": "no id"}]}"#, r#"{"c": {"w": -1}}"#] {
        assert!(read(bad).is_err(), "{bad} should be refused");
    }
    let cond = |json: &str| serde_json::from_str::<Condition>(json);
    assert!(matches!(cond(r#"{"not": {"item": "a", "answered": true}}"#), Ok(Condition::Not { .. })));
    assert!(matches!(cond(r#"{"any": [{"item": "a", "equals": "b"}]}"#), Ok(Condition::Any { .. })));
    for bad in [r#"{"item": "a", "equal": "b"}"#, r#"{"item": "a", "equals": "b", "answered": true}"#, r#"{"item": "a"}"#, r#"{}"#] {
        assert!(cond(bad).is_err(), "{bad} should be refused");
    }
}
