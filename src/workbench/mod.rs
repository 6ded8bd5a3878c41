//! The rapporteur's workbench, plain Rust (no browser): every answer of the collection sorted
//! into the review report's grid (thematic session or area × kind of finding, from the roles
//! the form definitions give their items), the rapporteur's excerpts and syntheses
//! (`state.rs`), and the draft report written from them (`report.rs`), as DOCX or Markdown.
//! The secretariat's page draws it; nothing here knows a form or item by name.

pub mod docx;
pub mod finding;
pub mod markdown;
pub mod report;
pub mod state;

pub use finding::{Attribution, Finding, Kind, Theme};
pub use state::{Excerpt, Merged, Note, SetAside, Workbench};
