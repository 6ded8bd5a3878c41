//! The rapporteur's grid, filled: a known review's answers pre-sorted into findings by the forms'
//! report roles (relevance applied, repeat instances one finding each), who each is from and
//! whether it may be quoted, and the grid of themes by kinds they make, empty cells included.

mod report_fixtures;

use gcm_collector::record::Record;
use gcm_collector::workbench::{attribution_of, findings_in, findings_of, Attribution, Finding, Grid, Kind, Theme};
use report_fixtures::*;

fn find<'a>(all: &'a [Finding], id: &str) -> &'a Finding {
    all.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("no finding {id}"))
}

/// Each finding's id after its record's: the item, or the repeat group and instance.
fn ids(found: &[Finding]) -> Vec<&str> {
    found.iter().map(|f| f.id.strip_prefix(&format!("{}/", f.record_id)).expect("an id starts with its record's")).collect()
}

fn who(category: Option<&str>, country: Option<&str>, name: Option<&str>, may_quote: bool) -> Attribution {
    Attribution { category: category.map(String::from), country: country.map(String::from), name: name.map(String::from), may_quote }
}

#[test]
fn an_annex1_is_sorted_item_by_item_and_its_examples_one_by_one() {
    let found = findings_of(&annex1());
    assert_eq!(
        ids(&found),
        ["collab_gaps", "collab_areas", "collab_pledges", "impl_actions", "impl_progress", "imrf_findings", "plan_process", "examples/e1"],
        "`other_comments` is blank and `plan_intentions` is not asked when there is a plan"
    );
    let kinds: Vec<Kind> = found.iter().map(|f| f.kind).collect();
    use Kind::*;
    assert_eq!(kinds, [Challenges, Challenges, Pledges, Progress, Progress, Recommendations, Progress, GoodPractices]);
    let example = find(&found, &format!("{ANNEX1}/examples/e1"));
    assert_eq!((example.form_id.as_str(), example.item_id.as_str(), example.record_id.as_str()), ("annex1", "examples", ANNEX1));
    assert_eq!(example.text, "Mesa binacional\n\nCon Perú", "the instance's texts joined, its level (a choice) left out");
    assert_eq!(example.objectives, ["obj05", "obj23"]);
    assert_eq!(example.sessions, ["session2", "session4"], "the sessions of its objectives");
    assert_eq!(example.areas, ["area1", "area2", "area3", "area4", "area5"], "obj23 is in every area");
    let gaps = find(&found, &format!("{ANNEX1}/collab_gaps"));
    assert_eq!((gaps.sessions.len(), gaps.areas.len(), gaps.themes()), (0, 0, vec![Theme::General]), "cross-cutting");
    // A government's report is public: quoted, with its country and institution.
    for f in &found {
        assert_eq!(f.who, who(Some("governments"), Some("CHL"), Some("Ministerio del Interior"), true));
    }
}

#[test]
fn a_stakeholder_report_is_sorted_by_the_sessions_it_reports_on() {
    let found = findings_of(&named_report());
    assert_eq!(
        ids(&found),
        ["s1_progress", "s1_situations", "s1_challenges", "s1_practices/p1", "s3_progress", "s3_situations", "s3_challenges",
            "imrf_recommendations", "pledges/g1", "principles_text"],
        "session 2 was not chosen: its answer left in the draft is no finding"
    );
    let of = |tail: &str| find(&found, &format!("{NAMED}/{tail}"));
    assert_eq!((of("s1_progress").kind, of("s1_progress").sessions.clone()), (Kind::Progress, vec!["session1".to_string()]));
    assert_eq!(of("s3_situations").sessions, ["session3"]);
    let practice = of("s1_practices/p1");
    assert_eq!((practice.kind, practice.sessions.clone(), practice.areas.clone()), (Kind::GoodPractices, vec!["session1".into()], vec!["area5".into()]));
    assert_eq!(practice.text, "Ventanilla única\n\nAtención en frontera");
    // Outside the sessions' sections: the pledge by its own objectives, the recommendations by
    // the sessions the report covers.
    let pledge = of("pledges/g1");
    assert_eq!((pledge.kind, pledge.sessions.clone(), pledge.text.as_str()), (Kind::Pledges, vec!["session1".into()], "Capacitar a 200 funcionarios\n\n2026"));
    assert_eq!(of("imrf_recommendations").sessions, ["session1", "session3"]);
    assert_eq!(of("imrf_recommendations").areas, Vec::<String>::new());
    // The guiding principles the organisation applied go with each of its findings.
    for f in &found {
        assert_eq!(f.principles, ["human_rights", "gender_responsive"], "{}", f.id);
        assert_eq!(f.who, who(Some("civil_society"), Some("PER"), Some("Red Andina de Migraciones"), true), "named: quoted with its name");
    }
}

#[test]
fn consent_decides_whether_words_are_quoted_and_named() {
    // Not for publication: counted (category kept), never quoted or named; an organisation
    // working in two countries speaks for neither.
    let secret = findings_of(&secret_report());
    assert_eq!(secret.len(), 4);
    assert!(secret.iter().all(|f| f.who == who(Some("migrant_diaspora"), None, None, false)));
    // Anonymised: quoted without the name.
    let mut anonymised = named_report();
    anonymised.answers.set_text("publication", "anonymised");
    assert_eq!(attribution_of(&anonymised), who(Some("civil_society"), Some("PER"), None, true));
    // No answer to the consent question (a draft): not quoted.
    anonymised.answers.0.remove("publication");
    assert_eq!(attribution_of(&anonymised), who(Some("civil_society"), Some("PER"), None, false));
    // A participant input: quoted only with the `given` box ticked, never named.
    assert_eq!(attribution_of(&input_given()), who(Some("civil_society"), Some("VEN"), None, true));
    assert_eq!(attribution_of(&input_without_consent()), who(Some("migrant_diaspora"), None, None, false));
    // A session's notes are public, with no one named.
    assert_eq!(attribution_of(&session()), who(None, Some("COL"), None, true));
}

#[test]
fn a_participant_input_with_no_country_of_its_own_takes_its_sessions() {
    let alone = findings_of(&input_without_consent());
    assert_eq!(alone[0].who.country, None, "its origin is a country represented, not where it speaks from");
    let all = findings_in(&known_set());
    let statement = find(&all, &format!("{INPUT_NO_CONSENT}/statement"));
    assert_eq!(statement.who, who(Some("migrant_diaspora"), Some("COL"), None, false));
    assert_eq!((statement.kind, statement.sessions.clone()), (Kind::Other, vec!["session2".to_string()]));
    // One that gives its own keeps it.
    assert_eq!(find(&all, &format!("{INPUT_GIVEN}/statement")).who.country.as_deref(), Some("VEN"));
    let priority = find(&all, &format!("{INPUT_GIVEN}/priority_recommendation"));
    assert_eq!((priority.kind, priority.sessions.clone()), (Kind::Recommendations, vec!["session1".to_string()]), "its session item, before its objectives");
    assert_eq!(priority.areas, ["area1", "area2", "area3", "area4", "area5"]);
    assert_eq!(priority.objectives, ["obj14", "obj23"]);
}

#[test]
fn a_session_is_sorted_by_the_themes_it_discussed() {
    let found = findings_of(&session());
    let sorted: Vec<(&str, Kind, &[String])> = found.iter().map(|f| (f.item_id.as_str(), f.kind, f.sessions.as_slice())).collect();
    let s1 = ["session1".to_string()];
    assert_eq!(sorted, [("sela_q4", Kind::GoodPractices, &s1[..]), ("sela_q6", Kind::Recommendations, &s1[..]), ("session_notes", Kind::Other, &s1[..])]);
    // The SELA questions are shown only when their set is used.
    let mut unguided = session();
    unguided.answers.0.remove("guiding_sets");
    assert_eq!(findings_of(&unguided).iter().map(|f| f.item_id.as_str()).collect::<Vec<_>>(), ["session_notes"]);
}

#[test]
fn a_record_of_a_form_the_app_does_not_know_has_no_findings() {
    let r = Record { form_id: "minutes".into(), ..annex1() };
    assert!(findings_of(&r).is_empty());
    assert_eq!(attribution_of(&r), Attribution::default());
}

/// The grid as text: a row per theme, its counts in `Kind::ALL`'s order.
fn counts(grid: &Grid) -> String {
    grid.rows()
        .iter()
        .map(|theme| {
            let name = match theme {
                Theme::Session(c) | Theme::Area(c) => c.as_str(),
                Theme::General => "general",
            };
            let n: Vec<String> = grid.row(theme).iter().map(|c| c.count().to_string()).collect();
            format!("{name:<8} {}\n", n.join(" "))
        })
        .collect()
}

#[test]
fn the_known_review_fills_the_grid_with_every_cell_shown() {
    let all = findings_in(&known_set());
    assert_eq!(all.len(), 28);
    let grid = Grid::of(&all);
    assert_eq!(grid.columns(), Kind::ALL);
    assert_eq!((grid.rows().len(), grid.cells().len()), (10, 70), "4 sessions, 5 areas and general, by 7 kinds");
    // progress, situations, challenges, good practices, recommendations, pledges, other
    assert_eq!(counts(&grid), "\
session1 2 1 1 2 3 1 2
session2 1 1 1 1 1 0 1
session3 2 1 1 0 1 0 0
session4 0 0 0 1 0 0 0
area1    0 0 0 1 1 0 1
area2    0 0 0 1 1 0 1
area3    0 0 0 1 1 0 1
area4    0 0 0 1 1 0 1
area5    0 0 0 2 1 1 1
general  3 0 2 0 1 1 0
");
    let ids_in = |theme: Theme, kind: Kind| -> Vec<&str> {
        grid.cell(&theme, kind).unwrap().findings.iter().map(|&i| all[i].id.as_str()).collect()
    };
    assert_eq!(
        ids_in(Theme::Session("session1".into()), Kind::Recommendations),
        [format!("{NAMED}/imrf_recommendations"), format!("{SESSION}/sela_q6"), format!("{INPUT_GIVEN}/priority_recommendation")]
    );
    assert_eq!(ids_in(Theme::Area("area5".into()), Kind::Pledges), [format!("{NAMED}/pledges/g1")]);
    assert_eq!(ids_in(Theme::Session("session4".into()), Kind::GoodPractices), [format!("{ANNEX1}/examples/e1")]);
    let empty = grid.cell(&Theme::Session("session4".into()), Kind::Challenges).unwrap();
    assert_eq!((empty.count(), empty.findings.is_empty()), (0, true), "a lack is a cell too");
    // What may not be quoted is still counted where it belongs.
    assert_eq!(ids_in(Theme::Session("session2".into()), Kind::Other), [format!("{INPUT_NO_CONSENT}/statement")]);
}

#[test]
fn an_empty_collection_is_an_empty_grid_of_every_theme_and_kind() {
    let grid = Grid::of(&[]);
    assert_eq!(grid.cells().len(), 70);
    assert!(grid.cells().iter().all(|c| c.count() == 0));
    assert_eq!(grid.rows().last(), Some(&Theme::General));
}

#[test]
fn a_theme_no_list_has_gets_a_row_of_its_own_before_general() {
    let mut old = findings_of(&session());
    old[0].sessions = vec!["session9".into()];
    let grid = Grid::of(&old);
    assert_eq!(grid.rows().len(), 11);
    assert_eq!(grid.rows()[9], Theme::Session("session9".into()));
    assert_eq!(grid.cell(&Theme::Session("session9".into()), Kind::GoodPractices).unwrap().findings, [0]);
}
