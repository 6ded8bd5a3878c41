//! The secretariat's consolidation: many bundles into one collection, with the rules for
//! duplicates and conflicts, the facets the table filters on, and the review statistics.
//! Plain Rust with no browser dependency; the page (`ui::secretariat`) and the store
//! (`store::save_collection`) sit on top.

mod collection;
mod facets;
pub mod stats;

pub use collection::{Changes, Collection, FileReport, Rejection};
pub use facets::{Facets, Filter};
pub use stats::Table;
