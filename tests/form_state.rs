//! What one edit changes (`engine::FormState`): after every edit, the state kept edit by edit
//! is the one a fresh evaluation of the whole form gives, it agrees with `validate`,
//! `progress` and the relevance functions, and the edit reported exactly the fields, sections
//! and progress that differ: a report that left one out would leave a stale message or
//! question on screen.

use std::collections::BTreeSet;

use gcm_collector::engine::{
    is_relevant, parse_lists, progress, section_relevant, validate, Answers, Changes, Edit, FormDef, FormState, Place,
    ViolationKind,
};
use gcm_collector::forms;

/// A response being filled, with its state, checked after every edit.
struct Filling<'f> {
    form: &'f FormDef,
    answers: Answers,
    state: FormState,
}

impl<'f> Filling<'f> {
    fn new(form: &'f FormDef) -> Self {
        let answers = Answers::default();
        Filling { form, state: FormState::new(form, &answers), answers }
    }

    /// Edits, checks everything, and returns what the edit reported.
    fn edit(&mut self, place: &Place, edit: Edit) -> Changes {
        let before = self.state.clone();
        let changes = self.state.edit(self.form, &mut self.answers, place, edit);
        let fresh = FormState::new(self.form, &self.answers);
        assert!(self.state == fresh, "after {place:?}: the state kept differs from a fresh evaluation");
        agrees_with_validate(self.form, &self.answers, &self.state);

        let differ: BTreeSet<Place> = before
            .fields()
            .map(|(p, _)| p)
            .chain(fresh.fields().map(|(p, _)| p))
            .filter(|p| {
                let shown = |s: &FormState| s.field(p).map(|f| (f.relevant, f.violation.clone()));
                shown(&before) != shown(&fresh)
            })
            .cloned()
            .collect();
        let reported: BTreeSet<Place> = changes.fields.iter().cloned().collect();
        assert_eq!(reported.len(), changes.fields.len(), "a field reported twice");
        assert_eq!(reported, differ, "after {place:?}: fields reported vs fields changed");

        let sections: BTreeSet<String> =
            self.form.sections.iter().filter(|s| before.section_relevant(&s.id) != fresh.section_relevant(&s.id)).map(|s| s.id.clone()).collect();
        assert_eq!(changes.sections.iter().cloned().collect::<BTreeSet<_>>(), sections, "after {place:?}: sections");
        let moved = (before.progress() != fresh.progress()).then(|| fresh.progress());
        assert_eq!(changes.progress, moved, "after {place:?}: progress");
        assert_eq!(changes.answer.as_ref(), Some(place));
        changes
    }
}

/// The state says what the whole-form functions say: every violation `validate` reports and no
/// other, `progress`, and each section's and top-level item's relevance.
fn agrees_with_validate(form: &FormDef, answers: &Answers, state: &FormState) {
    let from_state: BTreeSet<(Place, String)> = state
        .fields()
        .filter_map(|(p, f)| f.violation.as_ref().map(|v| (p.clone(), format!("{v:?}"))))
        .collect();
    let from_validate: BTreeSet<(Place, String)> = validate(form, answers)
        .into_iter()
        .map(|v| (Place { within: v.within, item: v.item }, format!("{:?}", v.kind)))
        .collect();
    assert_eq!(from_state, from_validate, "violations");
    assert_eq!(state.progress(), progress(form, answers), "progress");
    for section in &form.sections {
        let shown = section_relevant(section, answers);
        assert_eq!(state.section_relevant(&section.id), shown, "section {}", section.id);
        for item in &section.items {
            let relevant = shown && is_relevant(item, answers, None);
            assert_eq!(state.field(&Place::top(&item.id)).map(|f| f.relevant), Some(relevant), "item {}", item.id);
        }
    }
}

fn stakeholder() -> &'static FormDef {
    forms::get("stakeholder_report").expect("the voluntary report is bundled")
}

fn top(id: &str) -> Place {
    Place::top(id)
}

#[test]
fn typing_on_in_a_long_answer_changes_nothing_but_that_answer() {
    let form = stakeholder();
    let mut f = Filling::new(form);
    f.edit(&top("sessions_reported"), Edit::Toggle { code: "session2", on: true });
    let first = f.edit(&top("s2_progress"), Edit::Text("R"));
    assert_eq!(first.fields, vec![top("s2_progress")], "the first letter answers it: no longer missing");
    assert!(first.progress.is_some());
    for text in ["Re", "Red", "Red de", "Red de mujeres"] {
        let more = f.edit(&top("s2_progress"), Edit::Text(text));
        assert!(more.fields.is_empty() && more.sections.is_empty() && more.progress.is_none(), "{more:?}");
        assert!(!more.validity());
    }
    let cleared = f.edit(&top("s2_progress"), Edit::Text("  "));
    assert_eq!(cleared.fields, vec![top("s2_progress")]);
    assert_eq!(f.state.field(&top("s2_progress")).unwrap().violation, Some(ViolationKind::Missing));
}

#[test]
fn choosing_a_session_shows_its_section_with_every_field_and_instance_in_it() {
    let form = stakeholder();
    let mut f = Filling::new(form);
    let shown = f.edit(&top("sessions_reported"), Edit::Toggle { code: "session1", on: true });
    assert_eq!(shown.sections, vec!["session_1".to_string()]);
    for id in ["s1_progress", "s1_situations", "s1_challenges", "s1_practices", "sessions_reported"] {
        assert!(shown.fields.contains(&top(id)), "{id} not reported");
    }
    f.edit(&top("s1_practices"), Edit::AddInstance("a"));
    f.edit(&top("s1_practices"), Edit::AddInstance("b"));
    let title = Place::inside("s1_practices", "b", "s1_practice_title");
    f.edit(&title, Edit::Text("Ventanilla única"));
    // Session 1 unchosen: the section, its questions and each instance's fields all go.
    let hidden = f.edit(&top("sessions_reported"), Edit::Toggle { code: "session1", on: false });
    assert_eq!(hidden.sections, vec!["session_1".to_string()]);
    for p in [top("s1_progress"), Place::inside("s1_practices", "a", "s1_practice_title"), Place::inside("s1_practices", "b", "s1_practice_objectives")] {
        assert!(hidden.fields.contains(&p), "{p:?} not reported");
        assert!(!f.state.field(&p).unwrap().relevant);
    }
    assert!(!f.state.field(&title).unwrap().relevant, "a hidden group's fields are hidden");
    assert_eq!(f.state.progress(), progress(form, &f.answers));
}

#[test]
fn instances_bring_and_take_their_fields() {
    let form = stakeholder();
    let mut f = Filling::new(form);
    let added = f.edit(&top("pledges"), Edit::AddInstance("p1"));
    let commitment = Place::inside("pledges", "p1", "pledge_commitment");
    assert!(added.fields.contains(&commitment) && added.fields.contains(&Place::inside("pledges", "p1", "pledge_objectives")));
    assert!(added.progress.is_some(), "two required fields more");
    f.edit(&commitment, Edit::Text("Acompañar a 500 familias"));
    f.edit(&Place::inside("pledges", "p1", "pledge_objectives"), Edit::Toggle { code: "obj04", on: true });
    f.edit(&top("pledges"), Edit::AddInstance("p2"));
    let removed = f.edit(&top("pledges"), Edit::RemoveInstance("p1"));
    assert!(removed.fields.contains(&commitment));
    assert!(f.state.field(&commitment).is_none());
    assert!(!removed.fields.iter().any(|p| p.within.as_ref().is_some_and(|(_, i)| i == "p2")), "the other instance is untouched");
    // An edit inside an instance no longer there changes nothing.
    let stale = f.state.edit(form, &mut f.answers, &commitment, Edit::Text("late"));
    assert_eq!(stale, Changes::default());
}

#[test]
fn a_choice_that_a_condition_reads_shows_the_question_that_depends_on_it() {
    let form = stakeholder();
    let mut f = Filling::new(form);
    let shown = f.edit(&top("principles_applied"), Edit::Toggle { code: "human_rights", on: true });
    assert!(shown.fields.contains(&top("principles_text")));
    assert!(f.state.field(&top("principles_text")).unwrap().relevant);
    let again = f.edit(&top("principles_applied"), Edit::Toggle { code: "child_sensitive", on: true });
    assert!(again.fields.is_empty(), "still shown: {again:?}");
    f.edit(&top("principles_applied"), Edit::Toggle { code: "human_rights", on: false });
    let hidden = f.edit(&top("principles_applied"), Edit::Toggle { code: "child_sensitive", on: false });
    assert!(hidden.fields.contains(&top("principles_text")));
}

const FORM: &str = r#"{
  "id": "test", "version": "1",
  "sections": [
    {"id": "plan_section", "items": [
      {"id": "has_plan", "kind": "yes_no", "required": true},
      {"id": "plan", "kind": "long_text", "required": true, "max_length": 5,
       "relevant": {"item": "has_plan", "equals": "yes"}},
      {"id": "examples", "kind": "repeat", "required": true,
       "relevant": {"not": {"item": "has_plan", "equals": "no"}}, "items": [
        {"id": "example_kind", "kind": "single_choice", "choices": [{"value": "law"}, {"value": "other"}]},
        {"id": "example_other", "kind": "short_text", "required": true,
         "relevant": {"item": "example_kind", "equals": "other"}},
        {"id": "example_plan_link", "kind": "short_text", "required": true,
         "relevant": {"item": "has_plan", "equals": "yes"}},
        {"id": "example_count", "kind": "tally", "choices": [{"value": "women"}, {"value": "men"}]}
      ]}
    ]},
    {"id": "details", "relevant": {"item": "examples", "answered": true}, "items": [
      {"id": "detail", "kind": "short_text", "required": true}
    ]}
  ]
}"#;

#[test]
fn conditions_inside_instances_read_their_own_instance_and_the_form() {
    let form = FormDef::from_json(FORM, &parse_lists("{}").unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let mut f = Filling::new(&form);
    let added = f.edit(&top("examples"), Edit::AddInstance("e1"));
    assert_eq!(added.sections, vec!["details".to_string()], "a section that reads whether the group has instances");
    f.edit(&top("examples"), Edit::AddInstance("e2"));
    // A sibling's answer: only that instance's field.
    let other = f.edit(&Place::inside("examples", "e1", "example_kind"), Edit::Text("other"));
    assert_eq!(other.fields, vec![Place::inside("examples", "e1", "example_other")]);
    // A top-level answer read inside instances: that field in every instance, the group, the plan.
    let yes = f.edit(&top("has_plan"), Edit::Text("yes"));
    for p in [top("has_plan"), top("plan"), Place::inside("examples", "e1", "example_plan_link"), Place::inside("examples", "e2", "example_plan_link")] {
        assert!(yes.fields.contains(&p), "{p:?} not reported");
    }
    // Too long, then fine: a violation that changes while answered.
    f.edit(&top("plan"), Edit::Text("abcdefg"));
    assert_eq!(f.state.field(&top("plan")).unwrap().violation, Some(ViolationKind::TooLong { max: 5 }));
    let fine = f.edit(&top("plan"), Edit::Text("abc"));
    assert_eq!(fine.fields, vec![top("plan")]);
    f.edit(&Place::inside("examples", "e2", "example_count"), Edit::Count { code: "women", count: Some(4) });
    f.edit(&Place::inside("examples", "e2", "example_count"), Edit::Count { code: "women", count: None });
    // "No": the whole group and everything in its instances hidden.
    let no = f.edit(&top("has_plan"), Edit::Text("no"));
    assert!(no.fields.contains(&Place::inside("examples", "e1", "example_other")));
    assert!(no.fields.contains(&top("examples")));
    f.edit(&top("examples"), Edit::RemoveInstance("e1"));
    let last = f.edit(&top("examples"), Edit::RemoveInstance("e2"));
    assert_eq!(last.sections, vec!["details".to_string()]);
}

#[test]
fn the_longest_voluntary_report_filled_and_emptied_stays_exact() {
    let form = stakeholder();
    let mut f = Filling::new(form);
    for s in ["session1", "session2", "session3", "session4"] {
        f.edit(&top("sessions_reported"), Edit::Toggle { code: s, on: true });
    }
    for n in 1..=4 {
        let repeat = format!("s{n}_practices");
        for i in ["a", "b", "c"] {
            f.edit(&top(&repeat), Edit::AddInstance(i));
            f.edit(&Place::inside(&repeat, i, &format!("s{n}_practice_title")), Edit::Text("Título"));
            f.edit(&Place::inside(&repeat, i, &format!("s{n}_practice_objectives")), Edit::Toggle { code: "obj15", on: true });
            f.edit(&Place::inside(&repeat, i, &format!("s{n}_practice_link")), Edit::Text("https://example.org"));
        }
        for what in ["progress", "situations", "challenges"] {
            f.edit(&top(&format!("s{n}_{what}")), Edit::Text("Texto"));
        }
    }
    f.edit(&top("contact_email"), Edit::Text("not an address"));
    f.edit(&top("contact_email"), Edit::Text("a@b.org"));
    f.edit(&top("org_category"), Edit::Text("no_such_code"));
    f.edit(&top("s2_practices"), Edit::RemoveInstance("b"));
    for s in ["session3", "session1"] {
        f.edit(&top("sessions_reported"), Edit::Toggle { code: s, on: false });
    }
    f.edit(&top("sessions_reported"), Edit::Toggle { code: "session3", on: true });
    assert!(f.state.field(&Place::inside("s3_practices", "c", "s3_practice_title")).unwrap().relevant, "answers kept while hidden come back");
}
