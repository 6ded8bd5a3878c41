//! A response as a read-only document (what prints, and what the secretariat reads): the
//! questions shown, in order, relevance applied, answers resolved to their options.

mod bundle_fixtures;

use bundle_fixtures::{annex1_response, real_session};
use gcm_collector::engine::{Answer, Chosen, Document, Entry};
use gcm_collector::forms;
use gcm_collector::i18n::{bundled, Lang};

fn find<'a>(doc: &'a Document, item: &str) -> Option<&'a Entry<'a>> {
    doc.sections.iter().flat_map(|s| &s.entries).find(|e| e.item.id == item)
}

fn labels(answer: &Answer, lang: Lang) -> Vec<String> {
    let t = bundled::catalog(lang);
    match answer {
        Answer::Chosen(list) => list
            .iter()
            .map(|c| match c {
                Chosen::Known(c) => c.label.get(t).to_string(),
                Chosen::Unknown(code) => code.to_string(),
            })
            .collect(),
        other => panic!("not a choice: {other:?}"),
    }
}

#[test]
fn a_question_that_does_not_apply_is_left_out_and_its_sibling_shown() {
    let r = annex1_response("r-1", "CHL", "yes");
    let doc = Document::of(forms::get("annex1").unwrap(), &r.answers);
    assert!(matches!(find(&doc, "plan_process").unwrap().answer, Answer::Text("Proceso interministerial")));
    assert!(find(&doc, "plan_intentions").is_none(), "kept in the draft, not shown: it does not apply");
    let r = annex1_response("r-2", "CHL", "no");
    let doc = Document::of(forms::get("annex1").unwrap(), &r.answers);
    assert!(find(&doc, "plan_process").is_none());
    assert!(find(&doc, "plan_intentions").is_some());
}

#[test]
fn choices_read_as_their_labels_in_any_language_and_questions_keep_form_order() {
    let r = annex1_response("r-1", "PER", "yes");
    let doc = Document::of(forms::get("annex1").unwrap(), &r.answers);
    let country = &find(&doc, "country").unwrap().answer;
    assert_eq!(labels(country, Lang::En), ["Peru"]);
    assert_eq!(labels(country, Lang::Fr), ["Pérou"]);
    assert_eq!(labels(&find(&doc, "has_plan").unwrap().answer, Lang::Es), ["Sí"]);
    let order: Vec<&str> = doc.sections[0].entries.iter().map(|e| e.item.id.as_str()).collect();
    assert_eq!(order, ["country", "institution", "focal_point", "email", "phone", "submission_date"]);
}

#[test]
fn repeat_instances_are_listed_in_order_with_objectives_by_number_and_title() {
    let r = annex1_response("r-1", "CHL", "yes");
    let doc = Document::of(forms::get("annex1").unwrap(), &r.answers);
    let Answer::Instances(list) = &find(&doc, "examples").unwrap().answer else { panic!("no instances") };
    assert_eq!(list.len(), r.answers.instances("examples").len());
    let objectives = list[0].iter().find(|e| e.item.id == "example_objectives").unwrap();
    let words = labels(&objectives.answer, Lang::En);
    assert!(words[0].starts_with("5. Enhance availability") && words[1].starts_with("23. Strengthen"), "{words:?}");
}

#[test]
fn a_tally_reads_as_its_counts_and_total() {
    let r = real_session();
    let doc = Document::of(forms::get("consultation_session").unwrap(), &r.answers);
    let Answer::Tally { counts, total } = &find(&doc, "attendance_by_gender").unwrap().answer else { panic!("no tally") };
    assert_eq!(*total, 25);
    let t = bundled::catalog(Lang::En);
    let rows: Vec<(String, u32)> =
        counts.iter().map(|(c, n)| (if let Chosen::Known(c) = c { c.label.get(t).to_string() } else { String::new() }, *n)).collect();
    assert_eq!(rows, [("Women".to_string(), 14), ("Men".to_string(), 11)]);
}

#[test]
fn a_blank_questionnaire_asks_every_question_of_every_section() {
    let form = forms::get("annex1").unwrap();
    let doc = Document::blank(form);
    assert!(doc.blank);
    assert_eq!(doc.sections.len(), form.sections.len());
    for id in ["plan_process", "plan_intentions", "examples", "country"] {
        assert!(matches!(find(&doc, id).unwrap().answer, Answer::Blank), "{id}");
    }
}

#[test]
fn an_unanswered_question_that_applies_is_shown_as_not_answered() {
    let form = forms::get("annex1").unwrap();
    let mut r = annex1_response("r-1", "CHL", "yes");
    r.answers.0.remove("phone");
    let doc = Document::of(form, &r.answers);
    assert!(matches!(find(&doc, "phone").unwrap().answer, Answer::Blank));
}

// --- Links that open a new response ---------------------------------------------------------

use gcm_collector::engine::{prefill, RefusedWhy, ViolationKind};

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn a_link_prefills_what_the_form_accepts() {
    let form = forms::get("annex1").unwrap();
    let (answers, refused) = prefill(form, &pairs(&[("country", "PER"), ("institution", "Cancillería"), ("submission_date", "2026-03-18")]));
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!((answers.text("country"), answers.text("institution")), ("PER", "Cancillería"));
    let stakeholder = forms::get("stakeholder_report").unwrap();
    let (answers, refused) = prefill(stakeholder, &pairs(&[("org_countries", "PER, ECU")]));
    assert!(refused.is_empty());
    assert_eq!(answers.many("org_countries"), ["PER", "ECU"]);
}

#[test]
fn a_bad_link_value_is_refused_with_its_reason_never_kept() {
    let form = forms::get("annex1").unwrap();
    let (answers, refused) = prefill(
        form,
        &pairs(&[("country", "XYZ"), ("nonsense", "1"), ("email", "not-an-address"), ("examples", "x"), ("institution", " "), ("country", "PER"), ("country", "CHL")]),
    );
    let why: Vec<(&str, &RefusedWhy)> = refused.iter().map(|r| (r.name.as_str(), &r.why)).collect();
    assert_eq!(
        why,
        [
            ("country", &RefusedWhy::Invalid(ViolationKind::UnknownChoice)),
            ("nonsense", &RefusedWhy::UnknownQuestion),
            ("email", &RefusedWhy::Invalid(ViolationKind::Email)),
            ("examples", &RefusedWhy::UnknownQuestion),
            ("institution", &RefusedWhy::Invalid(ViolationKind::Missing)),
            ("country", &RefusedWhy::Repeated),
        ]
    );
    assert_eq!(answers.text("country"), "PER", "the first good value is kept");
    assert!(answers.get("email").is_none() && answers.get("nonsense").is_none());
}
