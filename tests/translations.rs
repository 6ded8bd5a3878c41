//! Every language says everything: the same keys as English, none blank, the same placeholders,
//! every form's labels, hints and choices, every shared list, and every message the app can
//! show. (The files are `locales/<code>.json`; README, "Adding a language".)

use std::collections::BTreeSet;

use gcm_collector::consolidate::stats;
use gcm_collector::forms;
use gcm_collector::i18n::{bundled, Catalog, Lang, UI_KEYS};

fn en() -> &'static Catalog {
    bundled::catalog(Lang::En)
}

fn others() -> impl Iterator<Item = &'static Catalog> {
    Lang::ALL.iter().skip(1).map(|&l| bundled::catalog(l))
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

#[test]
fn every_language_has_exactly_the_keys_of_english_none_blank() {
    let keys: BTreeSet<&str> = en().entries().map(|(k, _)| k).collect();
    for t in Lang::ALL.iter().map(|&l| bundled::catalog(l)) {
        let code = t.lang().code();
        let theirs: BTreeSet<&str> = t.entries().map(|(k, _)| k).collect();
        let missing: Vec<_> = keys.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&keys).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{code}: missing {missing:?}, not in English {extra:?}");
        for (key, text) in t.entries() {
            assert!(!text.trim().is_empty(), "{code}: {key} is blank");
            assert_eq!(text, text.trim(), "{code}: {key} has surrounding blanks");
        }
    }
}

#[test]
fn every_translation_keeps_the_placeholders_of_english() {
    for t in others() {
        for (key, text) in en().entries() {
            assert_eq!(placeholders(t.get(key)), placeholders(text), "{}: {key}", t.lang().code());
        }
    }
}

#[test]
fn every_ui_string_the_code_names_is_in_english_and_every_english_one_is_named() {
    let named: BTreeSet<&str> = UI_KEYS.iter().copied().collect();
    let english: BTreeSet<&str> = en().entries().map(|(k, _)| k).filter(|k| k.starts_with("ui.")).collect();
    assert_eq!(named, english, "ui keys in src/i18n/ui.rs and locales/en.json differ");
}

#[test]
fn every_form_says_every_label_hint_and_choice_in_every_language() {
    for &lang in Lang::ALL {
        let t = bundled::catalog(lang);
        // Every version: a draft of an earlier one shows its questions' words when migrated.
        for form in forms::versions() {
            let texts = form.texts();
            assert!(texts.len() > 10, "{}", form.id);
            for (text, required) in texts {
                if required {
                    assert!(text.find(t).is_some(), "{}: {} has no text", lang.code(), text.key());
                }
            }
        }
    }
}

#[test]
fn every_shared_list_entry_is_in_every_language() {
    for t in Lang::ALL.iter().map(|&l| bundled::catalog(l)) {
        for (name, choices) in forms::lists() {
            for c in choices {
                assert!(c.label.find(t).is_some(), "{}: {name}.{} has no label", t.lang().code(), c.value);
            }
        }
        // The same country has the same name in both lists.
        for c in forms::list("countries") {
            assert_eq!(t.get(&format!("lists.countries_with_other.{}", c.value)), c.label.get(t), "{}: {}", t.lang().code(), c.value);
        }
    }
}

#[test]
fn no_form_or_list_text_is_left_over_from_a_removed_item() {
    let mut used: BTreeSet<String> = BTreeSet::new();
    // A text stays while any bundled version (current or earlier) names it.
    for form in forms::versions() {
        used.extend(form.texts().into_iter().map(|(t, _)| t.key().to_string()));
    }
    for choices in forms::lists().values() {
        used.extend(choices.iter().map(|c| c.label.key().to_string()));
    }
    used.extend(["lists.yes_no.yes".to_string(), "lists.yes_no.no".to_string()]);
    for (key, _) in en().entries().filter(|(k, _)| k.starts_with("forms.") || k.starts_with("lists.")) {
        assert!(used.contains(key), "{key} belongs to no form or list");
    }
}

#[test]
fn portuguese_and_french_forms_are_translated_not_copied() {
    for lang in [Lang::Pt, Lang::Fr] {
        let t = bundled::catalog(lang);
        let form_texts: Vec<(&str, &str)> = en().entries().filter(|(k, _)| k.starts_with("forms.")).collect();
        let same: Vec<&str> = form_texts.iter().filter(|(k, v)| t.get(k) == *v && v.len() > 12).map(|(k, _)| *k).collect();
        assert!(same.is_empty(), "{}: still in English: {same:?}", lang.code());
    }
}

// Every message kind, in every language, is rendered by the unit tests of src/messages.rs,
// which can build each kind of error.

#[test]
fn every_statistic_is_titled_in_every_language() {
    for &lang in Lang::ALL {
        let t = bundled::catalog(lang);
        for table in stats::all(&[]) {
            for text in [table.title.get(t), table.key_heading.get(t), table.count_heading.get(t), table.total_label(t)] {
                assert!(!text.is_empty() && !text.starts_with("stats."), "{}: {}", lang.code(), table.id);
            }
        }
    }
}

#[test]
fn the_official_french_objectives_and_principles_are_word_for_word() {
    let fr = bundled::catalog(Lang::Fr);
    assert!(fr.get("lists.gcm_objectives.obj01").starts_with("1. Collecter et utiliser des données précises et ventilées"));
    assert_eq!(fr.get("lists.guiding_principles.people_centred"), "Priorité à la dimension humaine");
}
