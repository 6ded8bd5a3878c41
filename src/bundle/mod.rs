//! Export formats: pure functions from records to bytes, shared by the person's own
//! export and (later) the secretariat's consolidated one.

mod csv_out;
mod json;

pub use csv_out::{neutralise, to_csv};
pub use json::{to_json, Bundle, FORMAT, FORMAT_VERSION};

use std::fmt;

/// Why an export was refused.
#[derive(Debug, PartialEq)]
pub enum Error {
    /// Occurs when a record's form is not bundled with this app.
    UnknownForm { record: String, form: String },
    /// Occurs when a record is not marked complete, or no longer validates.
    NotComplete { record: String },
    /// Occurs when the CSV writer fails (it writes to memory, so only on a bug).
    Write(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownForm { record, form } => write!(f, "record {record} uses form '{form}', which this app does not know"),
            Error::NotComplete { record } => write!(f, "record {record} is not complete: mark it as complete first"),
            Error::Write(m) => write!(f, "could not write the export: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// The record as it leaves the device: validated again, non-relevant answers left out.
pub(crate) fn exportable(form: &crate::engine::FormDef, record: &crate::record::Record) -> Result<crate::record::Record, Error> {
    let complete = record.status == crate::record::Status::Complete;
    if !complete || !crate::engine::validate(form, &record.answers).is_empty() {
        return Err(Error::NotComplete { record: record.id.clone() });
    }
    Ok(crate::record::Record { answers: crate::engine::exportable(form, &record.answers), ..record.clone() })
}
