//! Taking in a backup from another device without losing anything on this one.

use crate::record::Record;

/// What to do with one incoming record of a backup.
#[derive(Clone, Debug, PartialEq)]
// A few actions per import: unboxed records keep matching on them simple.
#[allow(clippy::large_enum_variant)]
pub enum MergeAction {
    /// No record with this id here: store it.
    Add(Record),
    /// The same record is already here (identical apart from its export time): nothing to do.
    Skip { id: String },
    /// A different record with this id is here. Never overwritten silently: the person chooses.
    Conflict { local: Record, incoming: Record },
}

/// One action per incoming record, in incoming order. Pure: the caller applies the actions
/// (and asks the person about conflicts).
pub fn merge_backup(local: &[Record], incoming: &[Record]) -> Vec<MergeAction> {
    incoming
        .iter()
        .map(|new| match local.iter().find(|l| l.id == new.id) {
            None => MergeAction::Add(new.clone()),
            Some(here) if here.same_content(new) => MergeAction::Skip { id: new.id.clone() },
            Some(here) => MergeAction::Conflict { local: here.clone(), incoming: new.clone() },
        })
        .collect()
}
