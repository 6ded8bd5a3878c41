//! The headless form engine: definitions (with their report roles), answers, relevance and
//! validation, and answers brought from one version of a form to a newer one.
//!
//! Plain, synchronous Rust with no browser dependency, so every rule is tested natively.
//! The UI reads the engine's state and decides only *when* to show it.

mod answers;
mod condition;
mod def;
mod document;
mod error;
mod migrate;
mod prefill;
mod role;
mod role_check;
mod serde_de;
mod state;
mod validate;

pub use answers::{Answers, Instance, Value};
pub use condition::Condition;
pub use def::{parse_lists, Choice, FormDef, ItemDef, ItemKind, Lists, SectionDef};
pub use crate::i18n::Text;
pub use document::{Answer, Chosen, DocSection, Document, Entry};
pub use error::{Error, ErrorKind, RoleProblem};
pub use migrate::{migrate, Change, SetAside};
pub use prefill::{prefill, Refused, RefusedWhy};
pub use role::{Consent, FormRole, Role, UnknownRole};
pub use state::{Changes, Edit, FieldState, FormState, Place};
pub use validate::{exportable, field_id, number_text, is_relevant, progress, section_relevant, validate, Progress, Violation, ViolationKind};
