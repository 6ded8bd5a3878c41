//! Taking a bundle in: from a .zip or raw JSON bytes to a [`VerifiedBundle`], checking shape,
//! version, the forms listed, count, digest, forms and (for submissions) validity, in that
//! order. [`read`] takes the zips this app writes (stored entries); [`read_each`], the
//! secretariat's, also takes them deflated and several bundles in one zip.

use serde::Deserialize;

use super::digest::records_sha256;
use super::manifest::{Bundle, Kind, Manifest, FORMAT, FORMAT_VERSION};
use super::select::{check_complete, find_form};
use super::unpack::bundles_in;
use super::zip::{bundle_json_in, looks_like_zip};
use super::{Error, ErrorKind};
use crate::engine::FormDef;
use crate::record::Record;

/// A bundle that passed every check of [`read`]. Only `read` makes one, so holding one means
/// its records are exactly those exported, of forms this app has, and (for a submission) valid.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedBundle {
    bundle: Bundle,
    changed_forms: Vec<String>,
}

impl VerifiedBundle {
    /// Only a reader that checked everything makes one.
    pub(super) fn new(bundle: Bundle, changed_forms: Vec<String>) -> Self {
        VerifiedBundle { bundle, changed_forms }
    }

    /// The whole bundle.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// Who wrote it, when, and what it holds.
    pub fn manifest(&self) -> &Manifest {
        &self.bundle.manifest
    }

    /// Submission or backup.
    pub fn kind(&self) -> Kind {
        self.bundle.manifest.kind
    }

    /// The records, in bundle order.
    pub fn records(&self) -> &[Record] {
        &self.bundle.records
    }

    /// The records, to store or merge.
    pub fn into_records(self) -> Vec<Record> {
        self.bundle.records
    }

    /// Ids of forms whose definition (same id and version) differs from this app's by digest:
    /// the answers still fit (they validated), but labels may read differently.
    pub fn changed_forms(&self) -> &[String] {
        &self.changed_forms
    }
}

/// Reads a bundle (a .zip holding `bundle.json`, or the JSON itself) against the forms this
/// app carries. Name the file in errors with [`Error::in_file`].
pub fn read(bytes: &[u8]) -> Result<VerifiedBundle, Error> {
    read_with(bytes, crate::forms::versions())
}

/// [`read`] against the given definitions (tests, or a secretariat build with more forms).
pub fn read_with(bytes: &[u8], forms: &[FormDef]) -> Result<VerifiedBundle, Error> {
    if looks_like_zip(bytes) {
        verify(&bundle_json_in(bytes)?, forms)
    } else {
        verify(bytes, forms)
    }
}

/// One bundle of a file as [`read_each`] found it: where in the file (empty for the file itself,
/// else its path in the zip, such as `b/bundle.json`), and what reading it gave.
#[derive(Debug)]
pub struct Part {
    pub path: String,
    pub bundle: Result<VerifiedBundle, Error>,
}

/// Every bundle in a file, each read on its own: the JSON itself, or a zip holding one or several
/// `bundle.json` (at the top, in folders, or in a .zip inside it), stored or deflated. A file
/// that cannot be read at all (a damaged zip, no bundle in it, more to unpack than
/// [`super::INFLATED_MAX`]) is one part, for the file, with the error. The secretariat's reader:
/// it carries the inflater, which the other pages leave out by calling [`read`].
pub fn read_each(bytes: &[u8]) -> Vec<Part> {
    read_each_with(bytes, crate::forms::versions())
}

/// [`read_each`] against the given definitions.
pub fn read_each_with(bytes: &[u8], forms: &[FormDef]) -> Vec<Part> {
    if !looks_like_zip(bytes) {
        return vec![Part { path: String::new(), bundle: verify(bytes, forms) }];
    }
    match bundles_in(bytes) {
        Err(e) => vec![Part { path: String::new(), bundle: Err(e) }],
        Ok(found) => {
            let read = |json: Vec<u8>| verify(&json, forms);
            found.into_iter().map(|f| Part { path: f.path, bundle: f.json.and_then(read) }).collect()
        }
    }
}

/// Every check of a bundle's JSON bytes, in order.
fn verify(json: &[u8], forms: &[FormDef]) -> Result<VerifiedBundle, Error> {
    let bundle = parse(json)?;
    let listed = &bundle.manifest.forms;
    if let Some(twice) = listed.iter().enumerate().find_map(|(i, f)| listed[..i].iter().find(|g| g.id == f.id && g.version == f.version)) {
        return Err(Error::new(ErrorKind::FormListedTwice { form: twice.id.clone(), version: twice.version.clone() }));
    }
    let declared = bundle.manifest.record_count;
    let found = bundle.records.len() as u64;
    if declared != found {
        return Err(Error::new(ErrorKind::CountMismatch { declared, found }));
    }
    let computed = records_sha256(&bundle.records)?;
    if computed != bundle.manifest.records_sha256 {
        let declared = bundle.manifest.records_sha256.clone();
        return Err(Error::new(ErrorKind::DigestMismatch { declared, computed }));
    }
    let mut changed_forms = Vec::new();
    let mut checked_forms: Vec<String> = Vec::new();
    for r in &bundle.records {
        let unknown =
            || Error::new(ErrorKind::UnknownForm { record: r.id.clone(), form: r.form_id.clone(), version: r.form_version.clone() });
        let form = find_form(forms, r).ok_or_else(unknown)?;
        let Some(listed) = bundle.manifest.forms.iter().find(|f| f.id == form.id && f.version == form.version) else {
            return Err(not_a_bundle(format!("the manifest does not list form {} {}", form.id, form.version)));
        };
        if bundle.manifest.kind == Kind::Submission {
            check_complete(form, r).map_err(|reason| reason.into_error(r))?;
        }
        // Hash each form once per file, not once per record: a definition is kilobytes.
        if !checked_forms.contains(&form.id) {
            checked_forms.push(form.id.clone());
            if listed.sha256 != super::digest::form_sha256_cached(form)? {
                changed_forms.push(form.id.clone());
            }
        }
    }
    Ok(VerifiedBundle { bundle, changed_forms })
}

/// JSON bytes to a bundle of this format version. Parsed straight into the typed bundle (no
/// `serde_json::Value` pass: that doubled the parsing work and cost 4 KB gzip of wasm), with unknown
/// fields refused at every level, so the digest covers every byte of meaning in the records.
fn parse(bytes: &[u8]) -> Result<Bundle, Error> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    /// What says which format a file is in; any other field is skipped here.
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        format: Option<String>,
        #[serde(default)]
        format_version: Option<u64>,
    }
    let head: Head = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => not_a_bundle(format!("not JSON: {e}")),
        _ => not_a_bundle(format!("no whole-number format_version, or not a JSON object: {e}")),
    })?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(not_a_bundle(format!("no \"format\": \"{FORMAT}\"")));
    }
    let found = head.format_version.ok_or_else(|| not_a_bundle("no whole-number format_version".into()))?;
    if found != u64::from(FORMAT_VERSION) {
        return Err(Error::new(ErrorKind::UnsupportedVersion { found }));
    }
    let bundle: Bundle = serde_json::from_slice(bytes).map_err(|e| not_a_bundle(e.to_string()))?;
    let mut seen = std::collections::BTreeSet::new();
    for r in &bundle.records {
        if r.exported.is_some() {
            return Err(not_a_bundle(format!("record {} carries an export time", r.id)));
        }
        if !seen.insert(r.id.as_str()) {
            return Err(not_a_bundle(format!("record {} appears twice", r.id)));
        }
    }
    Ok(bundle)
}

fn not_a_bundle(reason: String) -> Error {
    Error::new(ErrorKind::NotABundle { reason })
}
