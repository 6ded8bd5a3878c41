//! The form definitions bundled with the app, read from `forms/*.json` at build time: the
//! current version of each form, and the earlier versions still read
//! (`forms/versions/<id>/<version>.json`; `docs/form-versions.md`). New responses and lists of
//! forms use the current ones ([`all`], [`get`]); a record is read, validated and exported with
//! the version it names ([`find`], [`versions`]).

use std::sync::OnceLock;

use crate::engine::{parse_lists, Error, FormDef, Lists};

/// A bundled definition, `forms/<path>`, as build.rs copies it: without its layout whitespace.
macro_rules! form_json {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/forms/", $path))
    };
}

/// Shared choice lists (countries, GCM objectives…), as data.
pub const REFERENCE_JSON: &str = form_json!("reference.json");

#[cfg(feature = "test-forms")]
pub mod test_forms;

/// The current definition of each form, in the order the home page lists them.
pub const SOURCES: &[&str] = &[
    form_json!("annex1.json"),
    form_json!("stakeholder_report.json"),
    form_json!("consultation_session.json"),
    form_json!("participant_input.json"),
];

/// Earlier published versions, kept so their records still import, validate and export
/// (`forms/versions/<id>/<version>.json`, each as it was published, included as
/// `form_json!("versions/<id>/<version>.json")`). None yet: each costs the pages' wasm its JSON.
pub const EARLIER: &[&str] = &[];

/// The SHA-256 of each bundled definition as bundles name it (`bundle::form_sha256`: its compact
/// JSON once read), by id and version: the pages look a bundled form's digest up here and carry
/// no code to find it (issue 14: the collector's wasm -1.9 KB gzip, the transfer page's -2.3 KB).
/// `cargo test` (tests/forms.rs) fails, saying the line to write, when a definition changes and
/// its line does not.
pub const DIGESTS: &[(&str, &str, &str)] = &[
    ("annex1", "2025.1", "6e26503f1aedb7af0a84cce4131620bd703d8d244a77acdc3a26e8335e518cb0"),
    ("stakeholder_report", "2025.1", "b78d8af08a7da00d6665522a4f1d9bee48ccdad70012eb5c77695f8cca25c615"),
    ("consultation_session", "2025.1", "fc7d2a03ca29903280e26a3af082a826fc394572e422cc738e6cc5d22af164c9"),
    ("participant_input", "2025.1", "0492521c1a0d3d9110773b71ca8373d47e6a3fc0a57e444e1581b70741f02378"),
];

/// The test form's two versions' (`test_forms`), as [`DIGESTS`]: in the site built with the
/// feature `test-forms` only, for the end-to-end test of form versions.
pub const TEST_FORM_DIGESTS: &[(&str, &str, &str)] = &[
    ("test_versions", "2", "adff9b1d6118cf022ba5e9fcd97013fb567ca955523c6cc299cea537d1e52193"),
    ("test_versions", "1", "7c46d0d475514fd2e67c77eb9ff18de0d6d1f036b59eb8c99c4693e7dde0ec57"),
];

/// The digest [`DIGESTS`] (and, with the feature `test-forms`, [`TEST_FORM_DIGESTS`]) gives a
/// bundled definition.
pub fn digest(id: &str, version: &str) -> Option<&'static str> {
    #[cfg(feature = "test-forms")]
    let all = DIGESTS.iter().chain(TEST_FORM_DIGESTS);
    #[cfg(not(feature = "test-forms"))]
    let all = DIGESTS.iter();
    all.copied().find(|(i, v, _)| *i == id && *v == version).map(|(_, _, d)| d)
}

/// Every source, current versions first (with the feature `test-forms`, the test form's
/// current version after the others, and its earlier one after theirs: `test_forms.rs`).
#[cfg(not(feature = "test-forms"))]
const ALL_SOURCES: [&[&str]; 2] = [SOURCES, EARLIER];
#[cfg(feature = "test-forms")]
const ALL_SOURCES: [&[&str]; 4] = [SOURCES, test_forms::SOURCES, EARLIER, test_forms::EARLIER];

/// How many of [`versions`] are current: they come first.
#[cfg(not(feature = "test-forms"))]
const CURRENT: usize = SOURCES.len();
#[cfg(feature = "test-forms")]
const CURRENT: usize = SOURCES.len() + test_forms::SOURCES.len();

/// Loads every bundled form, current versions first, then the earlier ones. A malformed
/// definition is a build defect caught by `cargo test` (tests/forms.rs), so at run time it is
/// only logged and skipped. The lists come from [`lists`], parsed once (tests/forms.rs checks
/// that the file parses).
pub fn load_all() -> Result<Vec<FormDef>, Error> {
    let mut out = Vec::new();
    for src in ALL_SOURCES.iter().flat_map(|s| s.iter()) {
        out.push(FormDef::from_json(src, lists())?);
    }
    Ok(out)
}

/// The shared choice lists, loaded once (the secretariat's filters and statistics use them whole).
pub fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| parse_lists(REFERENCE_JSON).unwrap_or_default())
}

/// The choices of one shared list (`countries`, `gcm_objectives`…); empty when unknown.
pub fn list(name: &str) -> &'static [crate::engine::Choice] {
    lists().get(name).map(Vec::as_slice).unwrap_or(&[])
}

/// Every bundled version of every form, loaded once: the current ones first.
pub fn versions() -> &'static [FormDef] {
    static FORMS: OnceLock<Vec<FormDef>> = OnceLock::new();
    FORMS.get_or_init(|| load_all().unwrap_or_default())
}

/// The current version of each form, in the order the home page lists them.
pub fn all() -> &'static [FormDef] {
    versions().get(..CURRENT).unwrap_or_default()
}

/// The current version of the form with this id.
pub fn get(id: &str) -> Option<&'static FormDef> {
    all().iter().find(|f| f.id == id)
}

/// The bundled definition with this id and version, current or earlier.
pub fn find(id: &str, version: &str) -> Option<&'static FormDef> {
    versions().iter().find(|f| f.id == id && f.version == version)
}

/// The definition to read `record` with: the version it names, else (a version this app does
/// not have) the current one of its form, whose items mostly read the same.
pub fn of(record: &crate::record::Record) -> Option<&'static FormDef> {
    find(&record.form_id, &record.form_version).or_else(|| get(&record.form_id))
}

/// The form whose records belong to records of `parent` (participant inputs to a session).
pub fn child_of(parent: &FormDef) -> Option<&'static FormDef> {
    all().iter().find(|f| f.parent_form.as_deref() == Some(parent.id.as_str()))
}
