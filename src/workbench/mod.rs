//! The rapporteur's workbench, plain Rust (no browser): every answer of the collection sorted
//! into the review report's grid (thematic session or area × kind of finding, from the roles
//! the form definitions give their items), the rapporteur's excerpts and syntheses, and the
//! draft report written from them. The secretariat's page draws it; nothing here knows a form
//! or item by name.

pub mod finding;
pub mod grid;
pub mod presort;

pub use finding::{Attribution, Finding, Kind, Theme};
pub use grid::{Cell, Grid};
pub use presort::{attribution_of, findings_in, findings_of};
