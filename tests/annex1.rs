//! The Annex 1 form says, word for word, what Annex 1 of the concept note (seed 003) says,
//! and its GCM objectives are those of the regional review report (seed 004).

use gcm_collector::engine::{validate, Answers, FormDef, ItemDef, ViolationKind};
use gcm_collector::forms;
use gcm_collector::i18n::{bundled, Catalog, Lang};

// Copies of the source documents kept in the repository (docs/sources/README.md says where each
// comes from), so the wording is checked with nothing beside the clone.
const SEED_003: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/sources/003_bed80417531fa127.txt");
const SEED_004: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/sources/004_047b9266444dbffe.txt");

/// The questions of Annex 1, copied from the seed. The national plan question is one bullet
/// in the seed and three items in the form: the question, its "If so" and its "If not".
const QUESTIONS: [&str; 10] = [
    "What are the main gaps, challenges, and opportunities to regional and cross-regional collaboration on the implementation of the GCM?",
    "Outline areas (GCM objectives and/or guiding principles) where the region would benefit from strengthened cooperation in terms of finance, capacity-building, policy advice, data gathering and analysis, technology, multi-stakeholder partnerships, etc.",
    "What joint commitments (pledges) with other governments or stakeholders would you formulate to promote cooperation on this issue?",
    "How has or will your government integrate the recommended actions to accelerate the implementation of the GCM as set out in the 2022 Progress Declaration of the International Migration Review Forum into their relevant national policies and plans?",
    "What is the main progress your country made on this, and what are the main challenges and opportunities?",
    "What are key findings and recommendations that should inform the 2026 IMRF?",
    "Has your government developed a GCM national implementation plan or integrated the GCM and its guiding principles into existing frameworks, plans, and policies?",
    "If so, please elaborate on the process.",
    "If not, please indicate if your government has plans to do so, and what the envisaged process is.",
    "Please list some examples of achievements, promising practices, and lessons learned that relate to national, inter- and sub-regional collaboration to the implementation of the GCM.",
];

/// The headings of Annex 1's six parts, without their colon.
const SECTION_TITLES: [&str; 6] = [
    "Regional and Cross-Regional Collaboration",
    "GCM Implementation Progress, Challenges and Opportunities",
    "Key Recommendations for the 2026 IMRF",
    "Any other comments or inputs",
    "GCM National Implementation Plan",
    "Achievements, Promising Practices, and Lessons Learned",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Runs of whitespace become one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown links `[text](#)` become `text`, bold markers go, whitespace collapses.
fn plain(s: &str) -> String {
    collapse(&s.replace("](#)", "").replace('[', "").replace("**", ""))
}

/// The text of seed 003 from its Annex 1 heading on, in plain words.
fn annex1_seed() -> String {
    let seed = read(SEED_003);
    let start = seed.find("Annex 1: Indicative set of questions").expect("seed 003 has Annex 1");
    plain(&seed[start..])
}

/// Seed 004 with PDF line breaks joined: a hyphen at the end of a line joins without a space.
fn seed_004() -> String {
    collapse(&read(SEED_004).replace("-\n", "-"))
}

fn annex1() -> &'static FormDef {
    forms::get("annex1").expect("annex1 is bundled")
}

fn all_items(form: &FormDef) -> Vec<&ItemDef> {
    form.items().flat_map(|i| std::iter::once(i).chain(i.items.iter())).collect()
}

/// The English catalog: the wording that must be the seed's, word for word.
fn t() -> &'static Catalog {
    bundled::catalog(Lang::En)
}

fn en(item: &'static ItemDef) -> &'static str {
    item.label.get(t())
}

#[test]
fn the_listed_questions_are_copied_from_the_seed() {
    let seed = annex1_seed();
    for q in QUESTIONS {
        assert!(seed.contains(q), "not in Annex 1 of seed 003: {q}");
    }
}

#[test]
fn every_question_of_the_seed_is_the_label_of_an_item() {
    let form = annex1();
    let labels: Vec<&str> = all_items(form).into_iter().map(en).collect();
    for q in QUESTIONS {
        assert!(labels.contains(&q), "no item is labelled: {q}");
    }
}

/// Reads the seed's Annex 1 as headings (lines ending in ':') and bullets ('- ', continued by
/// the lines after it until the next heading), so a question added to the seed is noticed.
#[test]
fn every_bullet_of_the_seed_is_asked_by_the_form() {
    let seed = read(SEED_003);
    let annex = &seed[seed.find("Annex 1: Indicative").unwrap()..];
    let mut bullets: Vec<String> = Vec::new();
    let mut open = false;
    for line in annex.lines().skip(1).map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(b) = line.strip_prefix("- ") {
            bullets.push(b.to_string());
            open = true;
        } else if line.ends_with(':') {
            open = false;
        } else if open {
            let last = bullets.last_mut().unwrap();
            last.push(' ');
            last.push_str(line);
        }
    }
    assert_eq!(bullets.len(), 8, "{bullets:#?}");
    let form = annex1();
    let labels: Vec<&str> = all_items(form).into_iter().map(en).collect();
    let plan: Vec<&str> = form.sections.iter().find(|s| s.id == "national_plan").unwrap().items.iter().map(en).collect();
    for bullet in bullets.iter().map(|b| plain(b)) {
        assert!(labels.contains(&bullet.as_str()) || bullet == plan.join(" "), "the form does not ask: {bullet}");
    }
}

#[test]
fn every_english_text_outside_the_respondent_section_is_in_the_seed() {
    let seed = annex1_seed();
    let form = annex1();
    for section in form.sections.iter().filter(|s| s.id != "respondent") {
        let title = section.title.get(t());
        assert!(seed.contains(title), "section title not in the seed: {title}");
        if let Some(intro) = section.intro.find(t()) {
            assert!(seed.contains(intro), "{} intro not in the seed", section.id);
        }
        for item in &section.items {
            assert!(seed.contains(en(item)), "label of {} not in the seed: {}", item.id, en(item));
        }
    }
    let titles: Vec<&str> = form.sections.iter().filter(|s| s.id != "respondent").map(|s| s.title.get(t())).collect();
    assert_eq!(titles, SECTION_TITLES);
    for title in SECTION_TITLES {
        assert!(seed.contains(&format!("{title}:")) || seed.contains(&format!("{title} that")), "{title}");
    }
}

#[test]
fn the_form_title_and_intro_are_in_the_seed() {
    let seed = annex1_seed();
    let form = annex1();
    assert!(seed.starts_with(form.title.get(t())), "title: {}", form.title.get(t()));
    let intro = form.intro.find(t()).expect("annex1 has an intro");
    for paragraph in intro.split("\n\n") {
        assert!(seed.contains(paragraph), "intro paragraph not in the seed: {paragraph}");
    }
}

#[test]
fn the_gcm_objectives_are_worded_as_in_the_regional_review_report() {
    let seed = seed_004();
    let form = annex1();
    let objectives = &all_items(form).into_iter().find(|i| i.id == "example_objectives").unwrap().choices;
    assert_eq!(objectives.len(), 23);
    for (n, choice) in (1..).zip(objectives) {
        let label = choice.label.get(t());
        let title = label.strip_prefix(&format!("{n}. ")).unwrap_or_else(|| panic!("{label}"));
        assert!(seed.contains(title), "objective {n} not in seed 004: {title}");
        assert!(seed.contains(label), "objective {n} not numbered so in seed 004: {label}");
    }
}

#[test]
fn the_respondent_section_names_the_draft_by_country_and_institution() {
    let form = annex1();
    assert_eq!(form.summary_items, ["country", "institution"]);
    let country = form.item("country").unwrap();
    assert_eq!(country.choices.len(), 47);
    let respondent: Vec<&str> = form.sections[0].items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(respondent, ["country", "institution", "focal_point", "email", "phone", "submission_date"]);
    assert!(!form.item("phone").unwrap().required);
}

#[test]
fn only_the_other_comments_are_optional_outside_the_respondent_section() {
    let form = annex1();
    let optional: Vec<&str> =
        form.sections[1..].iter().flat_map(|s| s.items.iter()).filter(|i| !i.required).map(|i| i.id.as_str()).collect();
    assert_eq!(optional, ["other_comments"]);
}

fn missing(form: &FormDef, answers: &Answers) -> Vec<String> {
    validate(form, answers).into_iter().filter(|v| v.kind == ViolationKind::Missing).map(|v| v.item).collect()
}

#[test]
fn without_a_plan_the_intentions_are_asked_and_required_and_the_process_is_not() {
    let form = annex1();
    let mut answers = Answers::default();
    answers.set_text("has_plan", "no");
    let intentions = form.item("plan_intentions").unwrap();
    let process = form.item("plan_process").unwrap();
    assert!(gcm_collector::engine::is_relevant(intentions, &answers, None));
    assert!(!gcm_collector::engine::is_relevant(process, &answers, None));
    let missing = missing(form, &answers);
    assert!(missing.contains(&"plan_intentions".to_string()));
    assert!(!missing.contains(&"plan_process".to_string()));
}

#[test]
fn with_a_plan_the_process_is_asked_and_required_and_the_intentions_are_not() {
    let form = annex1();
    let mut answers = Answers::default();
    answers.set_text("has_plan", "yes");
    assert!(gcm_collector::engine::is_relevant(form.item("plan_process").unwrap(), &answers, None));
    assert!(!gcm_collector::engine::is_relevant(form.item("plan_intentions").unwrap(), &answers, None));
    let missing = missing(form, &answers);
    assert!(missing.contains(&"plan_process".to_string()));
    assert!(!missing.contains(&"plan_intentions".to_string()));
}

#[test]
fn before_the_plan_question_is_answered_neither_follow_up_is_asked() {
    let form = annex1();
    let missing = missing(form, &Answers::default());
    assert!(missing.contains(&"has_plan".to_string()));
    assert!(!missing.iter().any(|m| m == "plan_process" || m == "plan_intentions"));
    assert!(missing.contains(&"examples".to_string()), "at least one example is required");
}

#[test]
fn a_complete_response_has_no_violations() {
    let form = annex1();
    let mut a = Answers::default();
    for (item, text) in [
        ("country", "CHL"),
        ("institution", "Ministerio de Relaciones Exteriores"),
        ("focal_point", "Ana Pérez"),
        ("email", "ana.perez@minrel.gob.cl"),
        ("submission_date", "2025-03-31"),
        ("collab_gaps", "…"),
        ("collab_areas", "…"),
        ("collab_pledges", "…"),
        ("impl_actions", "…"),
        ("impl_progress", "…"),
        ("imrf_findings", "…"),
        ("has_plan", "yes"),
        ("plan_process", "…"),
    ] {
        a.set_text(item, text);
    }
    a.add_instance("examples", "e1");
    let examples = form.item("examples").unwrap();
    let objectives = examples.items.iter().find(|i| i.id == "example_objectives").unwrap().choices.clone();
    let e1 = a.instance_mut("examples", "e1").unwrap();
    e1.set_text("example_title", "Mesa intersectorial");
    e1.set_text("example_description", "…");
    e1.set_text("example_level", "sub_regional");
    e1.toggle("example_objectives", "obj23", true, &objectives);
    e1.toggle("example_objectives", "obj01", true, &objectives);
    let violations = validate(form, &a);
    assert!(violations.is_empty(), "{violations:#?}");
    let p = gcm_collector::engine::progress(form, &a);
    assert_eq!(p.answered, p.required);
}
