//! Which records go into a submission, and why the others stay behind.

use super::{Error, ErrorKind};
use crate::engine::{self, FormDef, ViolationKind};
use crate::record::{Record, Status};

/// The records the person asked to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every record (drafts are reported as left out).
    AllComplete,
    /// Records of the form with this id.
    Form(String),
    /// The session record with this id and the records that belong to it (participant inputs).
    Session(String),
    /// Records never exported before.
    NotYetExported,
}

/// Why a record in the selection is not exported.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// It was exported before (only for [`Selection::NotYetExported`]).
    AlreadyExported,
    /// Its form (id and version) is not one this app carries.
    UnknownForm,
    /// It is a draft.
    NotComplete,
    /// It is marked complete but no longer validates; `item` is the first failing item.
    Invalid { item: String, violation: ViolationKind },
}

impl Reason {
    /// The error an export of `record` gives for this reason.
    pub(crate) fn into_error(self, record: &Record) -> Error {
        let id = record.id.clone();
        Error::new(match self {
            Reason::UnknownForm => {
                ErrorKind::UnknownForm { record: id, form: record.form_id.clone(), version: record.form_version.clone() }
            }
            // `AlreadyExported` only comes from `select`, which never turns reasons into errors.
            Reason::NotComplete | Reason::AlreadyExported => ErrorKind::NotComplete { record: id },
            Reason::Invalid { item, violation } => ErrorKind::InvalidRecord { record: id, item, violation },
        })
    }
}

/// Splits `records` into those the selection exports (unchanged originals, in input order,
/// so the caller can stamp their `exported` time) and those it leaves out, with the reason.
/// Records outside the selection appear in neither list.
pub fn select(records: &[Record], selection: &Selection, forms: &[FormDef]) -> (Vec<Record>, Vec<(String, Reason)>) {
    let mut chosen = Vec::new();
    let mut left_out = Vec::new();
    for r in records.iter().filter(|r| in_scope(r, selection)) {
        let result = if *selection == Selection::NotYetExported && r.exported.is_some() {
            Err(Reason::AlreadyExported)
        } else {
            submission_copy(forms, r).map(|_| ())
        };
        match result {
            Ok(()) => chosen.push(r.clone()),
            Err(reason) => left_out.push((r.id.clone(), reason)),
        }
    }
    (chosen, left_out)
}

fn in_scope(r: &Record, selection: &Selection) -> bool {
    match selection {
        Selection::AllComplete | Selection::NotYetExported => true,
        Selection::Form(id) => &r.form_id == id,
        Selection::Session(id) => &r.id == id || r.parent.as_ref() == Some(id),
    }
}

/// The definition `record` was answered with: same id and same version.
pub(crate) fn find_form<'a>(forms: &'a [FormDef], record: &Record) -> Option<&'a FormDef> {
    forms.iter().find(|f| f.id == record.form_id && f.version == record.form_version)
}

/// The record as a submission carries it: checked again, answers to items that are not
/// relevant left out, no `exported` stamp, and no answers set aside by a new form version
/// (the person's notes to copy from, not answers to this version's questions; a backup keeps them).
pub(crate) fn submission_copy(forms: &[FormDef], record: &Record) -> Result<Record, Reason> {
    let form = find_form(forms, record).ok_or(Reason::UnknownForm)?;
    check_complete(form, record)?;
    Ok(Record { answers: engine::exportable(form, &record.answers), exported: None, set_aside: Default::default(), ..record.clone() })
}

/// Complete and valid, or the reason why not.
pub(crate) fn check_complete(form: &FormDef, record: &Record) -> Result<(), Reason> {
    if record.status != Status::Complete {
        return Err(Reason::NotComplete);
    }
    match engine::validate(form, &record.answers).into_iter().next() {
        Some(v) => Err(Reason::Invalid { item: v.item, violation: v.kind }),
        None => Ok(()),
    }
}
