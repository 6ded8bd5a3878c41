//! A draft's answers brought from one version of its form to a newer one (`engine::migrate`):
//! what carries over, what is set aside and why, and that together they hold every answer.
//! Two inline versions of one form, with a change of every kind, top level and in repeat
//! groups (nested too).

use gcm_collector::engine::{migrate, parse_lists, Answers, Change, FormDef, Instance, ItemKind, SetAside, Value};
use gcm_collector::i18n::{Catalog, Lang};

const V1: &str = r#"{
  "id": "survey", "version": "1",
  "sections": [
    {"id": "about", "items": [
      {"id": "name", "kind": "short_text", "required": true},
      {"id": "remarks", "kind": "long_text"},
      {"id": "count", "kind": "short_text"},
      {"id": "topic", "kind": "single_choice", "choices": [{"value": "housing"}, {"value": "work"}]},
      {"id": "tags", "kind": "multiple_choice", "choices": [{"value": "a"}, {"value": "b"}, {"value": "c"}]},
      {"id": "levels", "kind": "multiple_choice", "choices": [{"value": "local"}, {"value": "national"}]},
      {"id": "people", "kind": "tally", "choices": [{"value": "w"}, {"value": "m"}]},
      {"id": "agreed", "kind": "yes_no"}
    ]},
    {"id": "practices", "items": [
      {"id": "examples", "kind": "repeat", "items": [
        {"id": "title", "kind": "short_text"},
        {"id": "scope", "kind": "single_choice", "choices": [{"value": "city"}, {"value": "country"}]},
        {"id": "aside", "kind": "long_text"},
        {"id": "steps", "kind": "repeat", "items": [
          {"id": "step", "kind": "short_text"},
          {"id": "step_kind", "kind": "single_choice", "choices": [{"value": "law"}, {"value": "plan"}]}
        ]}
      ]},
      {"id": "contacts", "kind": "repeat", "items": [
        {"id": "contact_name", "kind": "short_text"},
        {"id": "contact_role", "kind": "single_choice", "choices": [{"value": "chair"}, {"value": "member"}]}
      ]}
    ]}
  ]
}"#;

/// Version 2: `remarks` and the repeat group `contacts` removed; `count` a number now; `topic`
/// without `housing`; `tags` with a new option (its old ones kept); `levels` without `national`;
/// `people` with `x` in place of `m`; in `examples`, `aside` removed and `scope` without
/// `country`; in its nested `steps`, `step_kind` a multiple choice now. Sections reordered and
/// a question added: neither changes what carries over.
const V2: &str = r#"{
  "id": "survey", "version": "2",
  "sections": [
    {"id": "practices", "items": [
      {"id": "examples", "kind": "repeat", "items": [
        {"id": "title", "kind": "short_text", "required": true},
        {"id": "scope", "kind": "single_choice", "choices": [{"value": "city"}, {"value": "region"}]},
        {"id": "steps", "kind": "repeat", "items": [
          {"id": "step", "kind": "short_text"},
          {"id": "step_kind", "kind": "multiple_choice", "choices": [{"value": "law"}, {"value": "plan"}]}
        ]}
      ]}
    ]},
    {"id": "about", "items": [
      {"id": "name", "kind": "short_text", "required": true, "max_length": 80},
      {"id": "count", "kind": "number"},
      {"id": "topic", "kind": "single_choice", "choices": [{"value": "work"}, {"value": "health"}]},
      {"id": "tags", "kind": "multiple_choice", "choices": [{"value": "a"}, {"value": "b"}, {"value": "c"}, {"value": "d"}]},
      {"id": "levels", "kind": "multiple_choice", "choices": [{"value": "local"}]},
      {"id": "people", "kind": "tally", "choices": [{"value": "w"}, {"value": "x"}]},
      {"id": "agreed", "kind": "yes_no"},
      {"id": "new_question", "kind": "long_text"}
    ]}
  ]
}"#;

fn load(src: &str) -> FormDef {
    FormDef::from_json(src, &parse_lists("{}").unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn many(codes: &[&str]) -> Value {
    Value::Many(codes.iter().map(|c| c.to_string()).collect())
}

fn answers(pairs: Vec<(&str, Value)>) -> Answers {
    Answers(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn instance(id: &str, pairs: Vec<(&str, Value)>) -> Instance {
    Instance { id: id.into(), answers: answers(pairs) }
}

/// A draft answering every question of version 1, with two examples (one with nested steps)
/// and a contact.
fn draft() -> Answers {
    answers(vec![
        ("name", text("Consulta de Tacna")),
        ("remarks", text("Rents doubled.\nSecond line.")),
        ("count", text("12")),
        ("topic", text("housing")),
        ("tags", many(&["a", "c"])),
        ("levels", many(&["local", "national"])),
        ("people", Value::Counts([("w".to_string(), 9), ("m".to_string(), 4)].into())),
        ("agreed", text("yes")),
        ("examples", Value::Repeat(vec![
            instance("e1", vec![
                ("title", text("Shelter network")),
                ("scope", text("city")),
                ("aside", text("Ask the mayor")),
                ("steps", Value::Repeat(vec![
                    instance("s1", vec![("step", text("Survey")), ("step_kind", text("plan"))]),
                    instance("s2", vec![("step", text("Ordinance"))]),
                ])),
            ]),
            instance("e2", vec![("title", text("Job fair")), ("scope", text("country"))]),
            // Added and left empty: kept, so the person finds it where they left it.
            instance("e3", vec![]),
        ])),
        ("contacts", Value::Repeat(vec![instance("c1", vec![("contact_name", text("Ana")), ("contact_role", text("chair"))])])),
        // Not a question of version 1 (a hand-made file): never shown, kept as it is.
        ("unknown", text("kept")),
    ])
}

fn migrated() -> (Answers, Vec<(SetAside, Change)>) {
    migrate(&load(V1), &load(V2), &draft())
}

/// The set-aside answer at this place, and why.
fn aside<'a>(list: &'a [(SetAside, Change)], within: &[(&str, &str)], item: &str) -> (&'a SetAside, Change) {
    let within: Vec<(String, String)> = within.iter().map(|(r, i)| (r.to_string(), i.to_string())).collect();
    let found = list.iter().find(|(s, _)| s.item == item && s.within == within);
    found.map(|(s, c)| (s, *c)).unwrap_or_else(|| panic!("{item} in {within:?} not set aside: {list:#?}"))
}

#[test]
fn answers_to_unchanged_questions_carry_over_as_they_were() {
    let (carried, _) = migrated();
    assert_eq!(carried.get("name"), Some(&text("Consulta de Tacna")), "a new limit is not a change of the answer");
    assert_eq!(carried.get("agreed"), Some(&text("yes")));
    assert_eq!(carried.get("unknown"), Some(&text("kept")));
    assert_eq!(carried.get("new_question"), None);
}

#[test]
fn a_removed_question_sets_its_answer_aside_with_its_text() {
    let (carried, set_aside) = migrated();
    assert_eq!(carried.get("remarks"), None);
    let (s, change) = aside(&set_aside, &[], "remarks");
    assert_eq!((s.version.as_str(), change), ("1", Change::Removed));
    assert_eq!(s.value, text("Rents doubled.\nSecond line."));
}

#[test]
fn a_question_of_another_kind_sets_its_answer_aside() {
    let (carried, set_aside) = migrated();
    assert_eq!(carried.get("count"), None, "text is not carried into a number, even when it reads as one");
    let (s, change) = aside(&set_aside, &[], "count");
    assert_eq!((change, &s.value), (Change::Kind, &text("12")));
}

#[test]
fn an_answer_naming_a_choice_no_longer_offered_is_set_aside_whole() {
    let (carried, set_aside) = migrated();
    for (item, value) in [
        ("topic", text("housing")),
        ("levels", many(&["local", "national"])),
        ("people", Value::Counts([("w".to_string(), 9), ("m".to_string(), 4)].into())),
    ] {
        assert_eq!(carried.get(item), None, "{item}");
        let (s, change) = aside(&set_aside, &[], item);
        assert_eq!((change, &s.value), (Change::Choices, &value), "{item}: the whole answer, its kept codes too");
    }
}

#[test]
fn an_answer_whose_codes_are_all_still_offered_carries_over_though_the_list_changed() {
    let (carried, set_aside) = migrated();
    assert_eq!(carried.get("tags"), Some(&many(&["a", "c"])), "an option was added; the codes chosen mean what they meant");
    assert!(!set_aside.iter().any(|(s, _)| s.item == "tags"));
}

#[test]
fn repeat_instances_keep_their_ids_and_each_answer_in_them_follows_the_same_rules() {
    let (carried, set_aside) = migrated();
    let examples = carried.instances("examples");
    let ids: Vec<&str> = examples.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["e1", "e2", "e3"]);
    let e1 = &examples[0].answers;
    assert_eq!(e1.get("title"), Some(&text("Shelter network")));
    assert_eq!(e1.get("scope"), Some(&text("city")));
    assert_eq!(e1.get("aside"), None);
    assert_eq!(examples[1].answers.get("scope"), None);
    assert!(examples[2].answers.0.is_empty());
    let (removed, change) = aside(&set_aside, &[("examples", "e1")], "aside");
    assert_eq!((change, &removed.value), (Change::Removed, &text("Ask the mayor")));
    let (scope, change) = aside(&set_aside, &[("examples", "e2")], "scope");
    assert_eq!((change, &scope.value), (Change::Choices, &text("country")));
}

#[test]
fn nested_repeat_groups_are_followed_to_their_answers() {
    let (carried, set_aside) = migrated();
    let steps = carried.instances("examples")[0].answers.instances("steps");
    assert_eq!(steps.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["s1", "s2"]);
    assert_eq!(steps[0].answers.get("step"), Some(&text("Survey")));
    assert_eq!(steps[0].answers.get("step_kind"), None);
    assert_eq!(steps[1].answers.get("step"), Some(&text("Ordinance")));
    let (s, change) = aside(&set_aside, &[("examples", "e1"), ("steps", "s1")], "step_kind");
    assert_eq!((change, &s.value), (Change::Kind, &text("plan")));
}

#[test]
fn a_removed_repeat_group_is_set_aside_answer_by_answer_with_its_instance() {
    let (carried, set_aside) = migrated();
    assert_eq!(carried.get("contacts"), None);
    let (name, change) = aside(&set_aside, &[("contacts", "c1")], "contact_name");
    assert_eq!((change, &name.value), (Change::Removed, &text("Ana")));
    assert_eq!(aside(&set_aside, &[("contacts", "c1")], "contact_role").0.value, text("chair"));
}

#[test]
fn nothing_is_lost_every_answer_is_carried_or_set_aside_once() {
    let (carried, set_aside) = migrated();
    // Leaves of the draft, by place, against leaves carried plus leaves set aside.
    fn leaves(answers: &Answers, within: &mut Vec<(String, String)>, out: &mut Vec<(Vec<(String, String)>, String, Value)>) {
        for (id, value) in &answers.0 {
            match value {
                Value::Repeat(list) => {
                    for i in list {
                        within.push((id.clone(), i.id.clone()));
                        leaves(&i.answers, within, out);
                        within.pop();
                    }
                }
                v => out.push((within.clone(), id.clone(), v.clone())),
            }
        }
    }
    let (mut before, mut after) = (Vec::new(), Vec::new());
    leaves(&draft(), &mut Vec::new(), &mut before);
    leaves(&carried, &mut Vec::new(), &mut after);
    after.extend(set_aside.iter().map(|(s, _)| (s.within.clone(), s.item.clone(), s.value.clone())));
    before.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    after.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(before, after);
    assert_eq!(set_aside.len(), 10, "{set_aside:#?}");
}

#[test]
fn the_same_version_carries_everything_and_sets_nothing_aside() {
    let (carried, set_aside) = migrate(&load(V1), &load(V1), &draft());
    assert_eq!(carried, draft());
    assert!(set_aside.is_empty());
}

#[test]
fn a_set_aside_answer_reads_with_its_question_as_the_old_version_asked_it() {
    let v1 = load(V1);
    let (_, set_aside) = migrated();
    let t = Catalog::parse(
        Lang::En,
        r#"{"forms": {"survey": {"items": {
            "remarks": {"label": "Remarks"},
            "topic": {"label": "Topic", "choices": {"housing": "Housing", "work": "Work"}},
            "levels": {"label": "Levels", "choices": {"local": "Local", "national": "National"}},
            "people": {"label": "People", "choices": {"w": "Women", "m": "Men"}},
            "examples": {"label": "Examples"}, "steps": {"label": "Steps"},
            "step_kind": {"label": "Kind of step", "choices": {"law": "A law", "plan": "A plan"}}
        }}}}"#,
    )
    .unwrap();
    let read = |within: &[(&str, &str)], item: &str| {
        let (s, _) = aside(&set_aside, within, item);
        let questions = s.questions(&v1);
        let labels: Vec<&str> = questions.iter().map(|q| q.label.get(&t)).collect();
        let own = questions.last().copied().filter(|q| q.id == s.item);
        (labels.join(" › "), own.map(|q| q.kind), s.words(own, &t))
    };
    assert_eq!(read(&[], "remarks"), ("Remarks".into(), Some(ItemKind::LongText), "Rents doubled.\nSecond line.".into()));
    assert_eq!(read(&[], "topic"), ("Topic".into(), Some(ItemKind::SingleChoice), "Housing".into()), "a choice by its label");
    assert_eq!(read(&[], "levels"), ("Levels".into(), Some(ItemKind::MultipleChoice), "Local\nNational".into()));
    assert_eq!(read(&[], "people"), ("People".into(), Some(ItemKind::Tally), "Men: 4\nWomen: 9".into()));
    assert_eq!(
        read(&[("examples", "e1"), ("steps", "s1")], "step_kind"),
        ("Examples › Steps › Kind of step".into(), Some(ItemKind::SingleChoice), "A plan".into())
    );
    // Against a definition without the question, the path stops where it is lost.
    let v2 = load(V2);
    assert!(aside(&set_aside, &[], "remarks").0.questions(&v2).is_empty());
}

#[test]
fn a_set_aside_answer_is_kept_under_a_key_of_its_version_and_place_and_read_back_from_it() {
    let (_, set_aside) = migrated();
    for (s, _) in &set_aside {
        assert_eq!(&SetAside::from_entry(&s.key(), &s.value), s);
    }
    let (nested, _) = aside(&set_aside, &[("examples", "e1"), ("steps", "s1")], "step_kind");
    assert_eq!(nested.key(), "1/examples/e1/steps/s1/step_kind");
    assert_eq!(aside(&set_aside, &[], "remarks").0.key(), "1/remarks");
    // A key of another shape (a hand-made file) is still shown, by itself.
    let odd = SetAside::from_entry("1/examples/e1", &text("x"));
    assert_eq!((odd.version.as_str(), odd.within.len(), odd.item.as_str()), ("", 0, "1/examples/e1"));
}
