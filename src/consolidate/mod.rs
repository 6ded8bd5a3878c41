//! The secretariat's consolidation: many bundles into one collection, with the rules for
//! duplicates and conflicts, the facets the table filters on, and the review statistics.
//! Plain Rust with no browser dependency: the page (`ui::secretariat`) carries out what
//! `sync` decides, with the store (`store::save_collection`) and the browser.

mod collection;
mod facets;
pub mod stats;
pub mod sync;

pub use collection::{Changes, Collection, FileReport, Rejection, Sealed};
pub use facets::{Facets, Filter, Search};
pub use stats::Table;
