//! A test form in two versions, for the end-to-end test of migration
//! (`tests/e2e/versions.test.mjs`): in a build only with the cargo feature `test-forms`
//! (`scripts/build-test-forms.sh`), never in the one people use. Version 2 removes an item
//! (`old_note`) and takes a choice away from another (`topic` loses `housing`). Its words are a
//! file of its own, added to each language's catalog as it loads, so the real locale files
//! carry none of them.

/// The current version (2).
pub const SOURCES: &[&str] = &[include_str!("../../tests/fixtures/test-forms/test_versions.json")];

/// The earlier version (1).
pub const EARLIER: &[&str] = &[include_str!("../../tests/fixtures/test-forms/versions/test_versions/1.json")];

/// The test form's words in every language: `{"en": {"forms": {"test_versions": …}}, …}`.
pub const TEXTS: &str = include_str!("../../tests/fixtures/test-forms/texts.json");
