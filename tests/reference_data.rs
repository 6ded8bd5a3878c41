//! The GCM reference data is complete and exactly as the seeds give it.

use std::collections::BTreeSet;

use gcm_collector::engine::{parse_lists, Choice, Lists};
use gcm_collector::forms::REFERENCE_JSON;
use gcm_collector::i18n::{bundled, Catalog, Lang};

fn en() -> &'static Catalog {
    bundled::catalog(Lang::En)
}

fn lists() -> Lists {
    parse_lists(REFERENCE_JSON).unwrap()
}

fn seed(name: &str) -> String {
    // The repository's copies of the source documents (docs/sources/README.md).
    let path = format!("{}/docs/sources/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // PDF line breaks: a hyphen at the end of a line joins the word; other breaks are spaces.
    text.replace("-\n", "-").replace("<i>", "").replace("</i>", "").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn list<'a>(lists: &'a Lists, name: &str) -> &'a [Choice] {
    lists.get(name).unwrap_or_else(|| panic!("no list {name}"))
}

fn members(c: &Choice) -> BTreeSet<u32> {
    c.members.iter().map(|m| m.trim_start_matches("obj").parse().unwrap()).collect()
}

#[test]
fn there_are_23_objectives_in_order() {
    let l = lists();
    let codes: Vec<String> = list(&l, "gcm_objectives").iter().map(|c| c.value.clone()).collect();
    let expected: Vec<String> = (1..=23).map(|n| format!("obj{n:02}")).collect();
    assert_eq!(codes, expected);
}

#[test]
fn thematic_areas_group_the_objectives_as_seed_004_does() {
    let l = lists();
    let areas = list(&l, "thematic_areas");
    let expected: [&[u32]; 5] = [&[1, 3, 17, 23], &[2, 7, 8, 12, 13, 23], &[9, 10, 11, 14, 21, 23], &[5, 6, 18, 19, 20, 23], &[4, 15, 16, 22, 23]];
    assert_eq!(areas.len(), 5);
    let text = seed("004_047b9266444dbffe.txt");
    for (area, want) in areas.iter().zip(expected) {
        assert_eq!(members(area), want.iter().copied().collect(), "{}", area.value);
        assert!(text.contains(area.label.get(en())), "label verbatim: {}", area.label.get(en()));
    }
    let all: BTreeSet<u32> = areas.iter().flat_map(members).collect();
    assert_eq!(all, (1..=23).collect());
}

#[test]
fn thematic_sessions_are_those_of_seed_003_and_cover_each_objective_once() {
    let l = lists();
    let sessions = list(&l, "thematic_sessions");
    let text = seed("003_bed80417531fa127.txt");
    assert_eq!(sessions.len(), 4);
    let mut seen = Vec::new();
    for (n, s) in sessions.iter().enumerate() {
        let label = s.label.get(en());
        let title = label.split_once(": ").unwrap().1;
        assert!(text.contains(&format!("Session {} {title}", n + 1)), "verbatim: {title}");
        // The objectives named in the title are the members.
        let named: BTreeSet<u32> = title.rsplit_once("(Objectives ").unwrap().1.split(|c: char| !c.is_ascii_digit())
            .filter_map(|d| d.parse().ok()).collect();
        assert_eq!(members(s), named, "{}", s.value);
        seen.extend(members(s));
    }
    seen.sort();
    assert_eq!(seen, (1..=23).collect::<Vec<_>>());
}

#[test]
fn the_ten_guiding_principles_are_worded_as_in_seed_004() {
    let l = lists();
    let principles = list(&l, "guiding_principles");
    assert_eq!(principles.len(), 10);
    let text = seed("004_047b9266444dbffe.txt");
    for (n, p) in principles.iter().enumerate() {
        assert!(text.contains(&format!("3.{} {}", n + 1, p.label.get(en()))), "{}", p.label.get(en()));
    }
}

#[test]
fn stakeholder_categories_are_the_seventeen_of_the_seeds() {
    let l = lists();
    let codes: Vec<&str> = list(&l, "stakeholder_categories").iter().map(|c| c.value.as_str()).collect();
    assert_eq!(codes.len(), 17);
    assert_eq!(codes.first(), Some(&"governments"));
    assert_eq!(codes.last(), Some(&"other"));
}

#[test]
fn countries_with_other_is_the_countries_and_other() {
    let l = lists();
    let countries = list(&l, "countries");
    let with_other = list(&l, "countries_with_other");
    let codes = |l: &[Choice]| l.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&with_other[..countries.len()]), codes(countries));
    // Each country has the same name in both lists (tests/translations.rs checks every language).
    assert_eq!(with_other.last().unwrap().value, "OTHER");
}

#[test]
fn the_six_sela_guiding_questions_are_verbatim() {
    let form = gcm_collector::forms::get("consultation_session").unwrap();
    let text = seed("001_197d1cb64136cd29.txt");
    let section = form.sections.iter().find(|s| s.id == "sela_questions").unwrap();
    assert_eq!(section.items.len(), 6);
    for item in &section.items {
        assert!(text.contains(item.label.get(en())), "{}", item.label.get(en()));
    }
}

#[test]
fn participant_inputs_belong_to_sessions_and_ask_no_names() {
    let input = gcm_collector::forms::get("participant_input").unwrap();
    assert_eq!(input.parent_form.as_deref(), Some("consultation_session"));
    assert!(input.items().all(|i| !i.id.contains("name")));
    let objectives = input.item("input_objectives").unwrap();
    assert_eq!(objectives.groups.len(), 4, "grouped by thematic session");
}
