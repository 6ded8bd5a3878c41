//! The rapporteur's workbench, plain Rust (no browser): every answer of the collection sorted
//! into the review report's grid (thematic session or area × kind of finding, from the roles
//! the form definitions give their items: `presort.rs`, `grid.rs`), the rapporteur's excerpts
//! and syntheses (`state.rs`), and the draft report written from them (`report.rs`), as DOCX or
//! Markdown. The rapporteur's page draws it; nothing here knows a form or item by name.

pub mod docx;
pub mod finding;
pub mod grid;
pub mod markdown;
pub mod presort;
pub mod report;
pub mod state;

pub use finding::{Attribution, Finding, Kind, Theme};
pub use grid::{Cell, Grid};
pub use presort::{attribution_of, findings_in, findings_of};
pub use state::{Excerpt, Merged, Note, SetAside, Workbench};
