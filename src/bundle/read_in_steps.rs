//! One very large bundle read a slice at a time, for the secretariat: a file of 100,000
//! records was parsed, digested and validated in one task of seconds, the page frozen. Each
//! [`Reader::step`] parses a few records (serde's own parser, a record at a time, from where
//! the last ended), then validates a few; the result is the one [`super::read_each`] gives.
//! Only a bundle that passes every check is read here: at the first thing out of the ordinary
//! (not JSON, a field twice or unknown, a record that fails) the reader gives up, and the
//! caller reads the file in one go, which finds the same fault and words it as always.

use std::collections::HashSet;

use serde::de::DeserializeOwned;

use super::digest::{form_sha256_cached, RecordsDigest};
use super::manifest::{Bundle, Kind, Manifest, FORMAT, FORMAT_VERSION};
use super::read::VerifiedBundle;
use super::select::{check_complete, find_form};
use super::unpack::bundles_in;
use super::zip::looks_like_zip;
use crate::engine::FormDef;
use crate::record::Record;

/// A bundle being read. Holds the file, and the one `bundle.json` of it when it is a zip.
pub struct Reader {
    file: Vec<u8>,
    unzipped: Option<Vec<u8>>,
    /// Where the scan of the JSON is.
    at: usize,
    stage: Stage,
    format: Option<String>,
    format_version: Option<u32>,
    manifest: Option<Manifest>,
    records: Vec<Record>,
    /// The records' array was read to its end.
    records_read: bool,
    ids: HashSet<String>,
    digest: RecordsDigest,
    changed_forms: Vec<String>,
    checked_forms: Vec<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// At the top-level object's next field (or its end).
    Fields,
    /// In the records' array: before the first, or after one.
    Records { first: bool },
    /// Parsed; the records validated up to this one.
    Checks(usize),
}

/// Where a step left the reading.
pub enum Step {
    /// More to read: call [`Reader::step`] again.
    More,
    /// The bundle, read and verified.
    Read(VerifiedBundle),
    /// Not read here: read the file in one go ([`super::read_each`]), which says why.
    InOneGo,
}

impl Reader {
    /// A reader for the file `bytes`, when it holds one bundle (its JSON, or a zip of one);
    /// the file back for a zip of several or one that cannot be unpacked (read in one go, as ever).
    pub fn of(file: Vec<u8>) -> Result<Reader, Vec<u8>> {
        let unzipped = if looks_like_zip(&file) {
            match bundles_in(&file).map(|mut found| (found.len(), found.pop())) {
                Ok((1, Some(super::unpack::Found { json: Ok(json), .. }))) => Some(json),
                _ => return Err(file),
            }
        } else {
            None
        };
        let mut r = Reader {
            file,
            unzipped,
            at: 0,
            stage: Stage::Fields,
            format: None,
            format_version: None,
            manifest: None,
            records: Vec::new(),
            records_read: false,
            ids: HashSet::new(),
            digest: RecordsDigest::new(),
            changed_forms: Vec::new(),
            checked_forms: Vec::new(),
        };
        if r.json().starts_with("\u{feff}".as_bytes()) {
            r.at = 3;
        }
        r.skip_space();
        if r.expect(b'{') {
            Ok(r)
        } else {
            Err(r.into_file())
        }
    }

    /// The file, to read in one go.
    pub fn into_file(self) -> Vec<u8> {
        self.file
    }

    fn json(&self) -> &[u8] {
        self.unzipped.as_deref().unwrap_or(&self.file)
    }

    /// How much of the reading is done, from 0 to 1 (parsing is most of it).
    pub fn done(&self) -> f64 {
        match self.stage {
            Stage::Checks(k) => 0.8 + 0.2 * k as f64 / self.records.len().max(1) as f64,
            _ => 0.8 * self.at as f64 / self.json().len().max(1) as f64,
        }
    }

    /// Parses, or validates, up to `records` records against `forms`.
    pub fn step(&mut self, records: usize, forms: &[FormDef]) -> Step {
        match self.try_step(records.max(1), forms) {
            Some(true) => match self.finish() {
                Some(read) => Step::Read(read),
                None => Step::InOneGo,
            },
            Some(false) => Step::More,
            None => Step::InOneGo,
        }
    }

    /// `Some(true)` when every record is validated, `Some(false)` for more, `None` to give up.
    fn try_step(&mut self, budget: usize, forms: &[FormDef]) -> Option<bool> {
        let mut parsed = 0;
        loop {
            match self.stage {
                Stage::Fields => {
                    self.skip_space();
                    if self.json().get(self.at) == Some(&b'}') {
                        self.at += 1;
                        self.skip_space();
                        if self.at != self.json().len() {
                            return None;
                        }
                        self.head_checks()?;
                        self.stage = Stage::Checks(0);
                        continue;
                    }
                    if self.format.is_some() || self.format_version.is_some() || self.manifest.is_some() || self.records_read {
                        // Not the first field: a comma before it.
                        if !self.expect(b',') {
                            return None;
                        }
                        self.skip_space();
                    }
                    let key: String = self.value()?;
                    self.skip_space();
                    if !self.expect(b':') {
                        return None;
                    }
                    self.skip_space();
                    match key.as_str() {
                        "format" if self.format.is_none() => self.format = Some(self.value()?),
                        "format_version" if self.format_version.is_none() => self.format_version = Some(self.value()?),
                        "manifest" if self.manifest.is_none() => self.manifest = Some(self.value()?),
                        "records" if !self.records_read => {
                            if !self.expect(b'[') {
                                return None;
                            }
                            self.stage = Stage::Records { first: true };
                        }
                        _ => return None,
                    }
                }
                Stage::Records { first } => {
                    if parsed == budget {
                        return Some(false);
                    }
                    self.skip_space();
                    if self.json().get(self.at) == Some(&b']') {
                        self.at += 1;
                        self.records_read = true;
                        self.stage = Stage::Fields;
                        continue;
                    }
                    if !first && !self.expect(b',') {
                        return None;
                    }
                    self.skip_space();
                    let record: Record = self.value()?;
                    if record.exported.is_some() || !self.ids.insert(record.id.clone()) {
                        return None;
                    }
                    self.digest.add(&record).ok()?;
                    self.records.push(record);
                    self.stage = Stage::Records { first: false };
                    parsed += 1;
                }
                Stage::Checks(from) => {
                    let manifest = self.manifest.as_ref()?;
                    let to = (from + budget).min(self.records.len());
                    for r in &self.records[from..to] {
                        let form = find_form(forms, r)?;
                        let listed = manifest.forms.iter().find(|f| f.id == form.id && f.version == form.version)?;
                        if manifest.kind == Kind::Submission && check_complete(form, r).is_err() {
                            return None;
                        }
                        if !self.checked_forms.contains(&form.id) {
                            self.checked_forms.push(form.id.clone());
                            if listed.sha256 != form_sha256_cached(form).ok()? {
                                self.changed_forms.push(form.id.clone());
                            }
                        }
                    }
                    self.stage = Stage::Checks(to);
                    return Some(to == self.records.len());
                }
            }
        }
    }

    /// The checks of the whole bundle (`read::parse` and `read::verify`'s first): every field
    /// there, of this format and version, no form listed twice, the count and the digest.
    fn head_checks(&mut self) -> Option<()> {
        let manifest = self.manifest.as_ref()?;
        if self.format.as_deref() != Some(FORMAT) || self.format_version != Some(FORMAT_VERSION) || !self.records_read {
            return None;
        }
        let listed = &manifest.forms;
        if listed.iter().enumerate().any(|(i, f)| listed[..i].iter().any(|g| g.id == f.id && g.version == f.version)) {
            return None;
        }
        if manifest.record_count != self.records.len() as u64 {
            return None;
        }
        (std::mem::replace(&mut self.digest, RecordsDigest::new()).finish() == manifest.records_sha256).then_some(())
    }

    fn finish(&mut self) -> Option<VerifiedBundle> {
        let bundle = Bundle {
            format: self.format.take()?,
            format_version: self.format_version.take()?,
            manifest: self.manifest.take()?,
            records: std::mem::take(&mut self.records),
        };
        Some(VerifiedBundle::new(bundle, std::mem::take(&mut self.changed_forms)))
    }

    /// The JSON value at the scan, which moves past it.
    fn value<T: DeserializeOwned>(&mut self) -> Option<T> {
        let mut stream = serde_json::Deserializer::from_slice(&self.json()[self.at..]).into_iter::<T>();
        let value = stream.next()?.ok()?;
        let read = stream.byte_offset();
        self.at += read;
        Some(value)
    }

    fn skip_space(&mut self) {
        while matches!(self.json().get(self.at), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.at += 1;
        }
    }

    /// Whether `byte` is at the scan, which then moves past it.
    fn expect(&mut self, byte: u8) -> bool {
        let found = self.json().get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }
}
