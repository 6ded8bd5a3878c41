//! Bundles: the files records leave the device in, and come back in. Pure functions from
//! records to bytes and back, with no browser dependency; docs/bundle-format.md is the spec.
//!
//! Export: [`select`] the records, build a [`Bundle::submission`] (or [`Bundle::backup`]), then
//! write it as [`to_zip`] (bundle.json + CSV tables + codebook + README.txt) or [`Bundle::to_json`].
//! Import: [`read`] checks a file and gives a [`VerifiedBundle`]; [`merge_backup`] says what to
//! do with each of its records. The secretariat's [`read_each`] also inflates deflated zips and
//! reads every bundle of a zip that holds several. A submission travels encrypted in an
//! [`Envelope`] for the secretariat's [`PublicKey`] (only the encoding is here: the ciphers are WebCrypto's).

mod codebook;
mod csv_out;
mod digest;
pub mod envelope;
mod error;
mod file_name;
pub mod in_steps;
pub mod locked;
mod manifest;
mod merge;
mod plain_backup;
mod pretty;
pub mod private_key;
pub mod public_key;
mod read;
pub mod read_in_steps;
mod select;
mod unpack;
mod zip;

pub use codebook::{codebook, CODEBOOK_CSV};
pub use csv_out::{bundle_tables, form_tables, neutralise, CsvFile, META_COLUMNS, REPEAT_COLUMNS};
pub use digest::{form_sha256, records_sha256, sha256_hex};
pub use envelope::{Envelope, EnvelopeError};
pub use error::{Error, ErrorKind};
pub use file_name::{file_name, fold, search_key, short_id, WHO_MAX};
pub use manifest::{Bundle, FormRef, Kind, Manifest, FORMAT, FORMAT_VERSION};
// The device's list of responses is ordered with it too (`store::drafts`, in the wasm only).
#[cfg(target_arch = "wasm32")]
pub(crate) use manifest::sorted;
pub use merge::{merge_backup, MergeAction};
pub use plain_backup::plain_backup;
pub use pretty::to_string_pretty;
pub use locked::{Content, Locked, LockedError};
pub use private_key::KeyBackup;
pub use public_key::{KeyFileError, PublicKey};
pub use read::{read, read_each, read_each_with, read_with, Part, VerifiedBundle};
pub use select::{select, Reason, Selection};
pub use unpack::INFLATED_MAX;
pub use zip::{to_zip, BUNDLE_JSON};
pub(crate) use zip::stored_zip;

use crate::engine::FormDef;
use crate::record::Record;

/// A submission bundle of complete `records` of `form`, as pretty JSON, with no device id.
/// Kept for the form page's download button; new code uses [`Bundle::submission`].
pub fn to_json(form: &FormDef, records: &[Record], now: &str) -> Result<String, Error> {
    Bundle::submission(records, std::slice::from_ref(form), now, "")?.to_json()
}

/// The form table (`<form_id>.csv`) of complete `records` of `form`. Repeat groups are in
/// tables of their own now: [`to_zip`] carries them all.
pub fn to_csv(form: &FormDef, records: &[Record]) -> Result<Vec<u8>, Error> {
    let forms = std::slice::from_ref(form);
    let copies = records.iter().map(|r| select::submission_copy(forms, r).map_err(|reason| reason.into_error(r)));
    let copies = copies.collect::<Result<Vec<_>, _>>()?;
    Ok(csv_out::form_table(form, &copies.iter().collect::<Vec<_>>())?.bytes)
}
