//! Languages and their texts, with no browser and no form knowledge: the floor every other
//! module stands on.
//!
//! Every text the person reads lives in `locales/<code>.json`, one file per language (the UI's
//! words, messages, the shared lists and the forms' questions). A screen holds one
//! [`Catalog`], a language's file flattened to dotted keys; definitions name their texts by key
//! ([`Text`]). Adding a language: its file and one line in [`lang`] (README, "Adding a language").
//!
//! Our own format (JSON, `{name}` placeholders) rather than Fluent: `fluent-bundle` 0.16 with
//! `unic-langid` measured +51 KB gzip of wasm (a 24 KB test crate became 75 KB), ten times the
//! budget for four languages. The texts avoid plurals by putting numbers before phrases.

mod catalog;
mod lang;
mod ui;

pub use catalog::{Catalog, ParseError, Text};
pub use lang::Lang;
pub use ui::UI_KEYS;

/// The catalogs of `locales/*.json` read from the repository, for native tests and tools: the
/// wasm never carries them (a screen fetches the one it needs).
#[cfg(not(target_arch = "wasm32"))]
pub mod bundled {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use super::{Catalog, Lang};

    /// The catalog of `lang`, read once. Panics when the file is missing or malformed: a
    /// defect of the repository, which `cargo test` must report.
    pub fn catalog(lang: Lang) -> &'static Catalog {
        static READ: Mutex<BTreeMap<Lang, &'static Catalog>> = Mutex::new(BTreeMap::new());
        let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
        read.entry(lang).or_insert_with(|| {
            let path = format!("{}/locales/{}.json", env!("CARGO_MANIFEST_DIR"), lang.code());
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let catalog = Catalog::parse(lang, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
            // With the feature `test-forms`, the test form's words too, as the pages add them.
            #[cfg(feature = "test-forms")]
            let catalog = {
                let all: serde_json::Value = serde_json::from_str(crate::forms::test_forms::TEXTS).expect("test form texts");
                let extra = Catalog::parse(lang, &all[lang.code()].to_string()).expect("test form texts");
                Catalog::new(lang, catalog.entries().chain(extra.entries()).map(|(k, v)| (k.into(), v)).collect())
            };
            Box::leak(Box::new(catalog))
        })
    }

    /// Every language's catalog, in [`Lang::ALL`] order.
    pub fn all() -> Vec<&'static Catalog> {
        Lang::ALL.iter().map(|&l| catalog(l)).collect()
    }
}
