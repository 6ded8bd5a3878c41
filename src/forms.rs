//! The form definitions bundled with the app, read from `forms/*.json` at build time.

use std::sync::OnceLock;

use crate::engine::{parse_lists, Error, FormDef, Lists};

/// Shared choice lists (countries, GCM objectives…), as data.
pub const REFERENCE_JSON: &str = include_str!("../forms/reference.json");

/// Every bundled definition's source, in the order the home page lists them.
pub const SOURCES: &[&str] = &[
    include_str!("../forms/annex1.json"),
    include_str!("../forms/stakeholder_report.json"),
    include_str!("../forms/consultation_session.json"),
    include_str!("../forms/participant_input.json"),
];

/// Loads every bundled form. A malformed definition is a build defect caught by
/// `cargo test` (tests/forms.rs), so at run time it is only logged and skipped.
/// The lists come from [`lists`], parsed once (tests/forms.rs checks that the file parses).
pub fn load_all() -> Result<Vec<FormDef>, Error> {
    SOURCES.iter().map(|src| FormDef::from_json(src, lists())).collect()
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

/// The bundled forms, loaded once.
pub fn all() -> &'static [FormDef] {
    static FORMS: OnceLock<Vec<FormDef>> = OnceLock::new();
    FORMS.get_or_init(|| load_all().unwrap_or_default())
}

/// The bundled form with this id.
pub fn get(id: &str) -> Option<&'static FormDef> {
    all().iter().find(|f| f.id == id)
}

/// The form whose records belong to records of `parent` (participant inputs to a session).
pub fn child_of(parent: &FormDef) -> Option<&'static FormDef> {
    all().iter().find(|f| f.parent_form.as_deref() == Some(parent.id.as_str()))
}
