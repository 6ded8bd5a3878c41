//! The bundle itself (format v1): a manifest that says what it holds, and the records.
//! docs/bundle-format.md and public/bundle.schema.json describe the same shape for other programs.

use serde::{Deserialize, Serialize};

use super::digest::{form_sha256_cached, records_sha256};
use super::select::{find_form, submission_copy};
use super::{Error, ErrorKind};
use crate::engine::FormDef;
use crate::record::Record;

/// The `format` field of every bundle.
pub const FORMAT: &str = "gcm-review-bundle";
/// Bumped on any change a reader of an older version could misread.
pub const FORMAT_VERSION: u32 = 1;

/// A bundle as written to `bundle.json`. Anyone may build one; only [`super::read`] vouches
/// for one that came from a file (as a [`super::VerifiedBundle`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`FORMAT_VERSION`] when written by this app.
    pub format_version: u32,
    /// What the bundle holds and who wrote it.
    pub manifest: Manifest,
    /// Sorted by form id, then creation time, then record id, so the same records always give
    /// the same bytes. `exported` is always absent.
    pub records: Vec<Record>,
}

/// What a bundle holds, who wrote it, and the digests that tell if it was changed since.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// When the bundle was written (ISO 8601 UTC): the only field that differs between two
    /// exports of the same records.
    pub created: String,
    /// The version of the app that wrote it.
    pub app_version: String,
    /// The random id of the installation that wrote it (chosen once per browser profile).
    pub device_id: String,
    /// Submission or backup.
    pub kind: Kind,
    /// The definitions the records were answered with, sorted by id then version.
    pub forms: Vec<FormRef>,
    /// The number of records.
    pub record_count: u64,
    /// Lower-case hex SHA-256 of `serde_json::to_string(&records)` (see docs/bundle-format.md).
    pub records_sha256: String,
}

/// Why the bundle was made, which decides what its records may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Complete, validated records with only relevant answers: data for the secretariat.
    Submission,
    /// Records as they are on the device, drafts included, to move them to another device.
    Backup,
}

/// One form definition the records use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormRef {
    /// The form's id.
    pub id: String,
    /// The definition's version, as records name it in `form_version`.
    pub version: String,
    /// Lower-case hex SHA-256 of `serde_json::to_string(&FormDef)`.
    pub sha256: String,
}

impl Bundle {
    /// A submission bundle of `records`, each of which must be complete and validate again
    /// against its form in `forms`; answers to items that are not relevant are left out.
    /// Fails on the first record that does not qualify (use [`super::select`] to filter first).
    pub fn submission(records: &[Record], forms: &[FormDef], created: &str, device_id: &str) -> Result<Bundle, Error> {
        let records = records.iter().map(|r| submission_copy(forms, r).map_err(|reason| reason.into_error(r))).collect::<Result<_, _>>()?;
        Bundle::build(Kind::Submission, records, forms, created, device_id)
    }

    /// A backup bundle: `records` as they are (drafts, every answer), each of a form in `forms`.
    pub fn backup(records: &[Record], forms: &[FormDef], created: &str, device_id: &str) -> Result<Bundle, Error> {
        let records = records.iter().map(|r| Record { exported: None, ..r.clone() }).collect();
        Bundle::build(Kind::Backup, records, forms, created, device_id)
    }

    /// `bundle.json`: pretty-printed, since people open these files.
    pub fn to_json(&self) -> Result<String, Error> {
        super::pretty::to_string_pretty(self).map_err(|e| Error::new(ErrorKind::Write { message: e.to_string() }))
    }

    fn build(kind: Kind, records: Vec<Record>, forms: &[FormDef], created: &str, device_id: &str) -> Result<Bundle, Error> {
        let records = sorted(records, |a, b| (&a.form_id, &a.created, &a.id).cmp(&(&b.form_id, &b.created, &b.id)));
        let mut used: Vec<FormRef> = Vec::new();
        for r in &records {
            let form = find_form(forms, r).ok_or_else(|| super::select::Reason::UnknownForm.into_error(r))?;
            if !used.iter().any(|f| f.id == form.id && f.version == form.version) {
                used.push(FormRef { id: form.id.clone(), version: form.version.clone(), sha256: form_sha256_cached(form)? });
            }
        }
        let used = sorted(used, |a, b| (&a.id, &a.version).cmp(&(&b.id, &b.version)));
        let manifest = Manifest {
            created: created.to_string(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            device_id: device_id.to_string(),
            kind,
            forms: used,
            record_count: records.len() as u64,
            records_sha256: records_sha256(&records)?,
        };
        Ok(Bundle { format: FORMAT.to_string(), format_version: FORMAT_VERSION, manifest, records })
    }
}

/// `items` ordered by `cmp`, ties kept in input order. A binary insertion over indices rather
/// than `sort_by`: std's sort adds about 6 KB to the wasm, and a bundle holds at most a few
/// thousand records (the moves are of indices, so even then this takes milliseconds).
pub(crate) fn sorted<T>(items: Vec<T>, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<T> {
    let mut order: Vec<usize> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = order.partition_point(|&j| cmp(&items[j], item).is_le());
        order.insert(at, i);
    }
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}
