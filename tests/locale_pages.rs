//! The collector's page reads only its own share of each language's texts; the rest
//! (`scripts/locale-pages.json`) is in a second file that only the other pages fetch. Its list
//! of UI keys is exactly those no source of the collector's wasm names (`t.key()`,
//! `Ui::key`, `"ui.key"`): a key the collector comes to use, or a new key of another page that
//! the collector does not, fails here. (The build itself refuses a collector wasm that names a
//! left-out section: scripts/precache.mjs.)

use std::collections::BTreeSet;
use std::path::Path;

use gcm_collector::i18n::UI_KEYS;

/// Sources that only the transfer, secretariat and report pages link.
const OTHER_PAGES: &[&str] = &[
    "src/bin/",
    "src/ui/transfer.rs",
    // The print and blank pages (on the transfer page).
    "src/ui/document.rs",
    "src/ui/export_one.rs",
    "src/ui/encryption.rs",
    "src/ui/secretariat/",
    "src/ui/report/",
    "src/workbench/",
    "src/consolidate/",
    // The list of keys itself.
    "src/i18n/ui.rs",
];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_string_lossy().replace('\\', "/");
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// Whether `source` names the UI text `key`: `.key(`, `::key` or `"ui.key"`.
fn names(source: &str, key: &str) -> bool {
    let word_end = |rest: &str| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
    let called = |sep: &str| {
        let pattern = format!("{sep}{key}");
        source.match_indices(&pattern).any(|(at, _)| word_end(&source[at + pattern.len()..]))
    };
    called(".") || called("::") || source.contains(&format!("\"ui.{key}\""))
}

fn pages() -> serde_json::Value {
    serde_json::from_str(include_str!("../scripts/locale-pages.json")).unwrap()
}

fn list(value: &serde_json::Value) -> BTreeSet<String> {
    value.as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_collector_is_given_every_ui_text_it_names_and_no_other() {
    let mut all = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut all);
    let collector: Vec<&str> =
        all.iter().filter(|(name, _)| !OTHER_PAGES.iter().any(|p| name.starts_with(p))).map(|(_, s)| s.as_str()).collect();
    assert!(collector.len() > 40, "the collector's sources were found");
    let unnamed: BTreeSet<String> = UI_KEYS
        .iter()
        .map(|k| k.strip_prefix("ui.").unwrap())
        .filter(|key| !collector.iter().any(|s| names(s, key)))
        .map(String::from)
        .collect();
    assert!(unnamed.contains("create_key") && !unnamed.contains("start"), "the check tells used keys from others");
    let left_out = list(&pages()["ui"]);
    let needed: Vec<_> = left_out.difference(&unnamed).collect();
    assert!(needed.is_empty(), "the collector names these, left out of its texts in scripts/locale-pages.json: {needed:?}");
    let extra: Vec<_> = unnamed.difference(&left_out).collect();
    assert!(extra.is_empty(), "the collector never names these: add them to \"ui\" in scripts/locale-pages.json: {extra:?}");
}

#[test]
fn every_left_out_section_is_one_of_the_locale_files() {
    let en: serde_json::Value = serde_json::from_str(include_str!("../locales/en.json")).unwrap();
    for section in list(&pages()["sections"]) {
        assert!(en.get(&section).is_some_and(|s| s.is_object()), "{section} is not a section of locales/en.json");
        assert_ne!(section, "ui", "ui is split key by key");
    }
}
