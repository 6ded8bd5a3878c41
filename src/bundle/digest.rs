//! The two SHA-256 digests of a manifest, over exactly the bytes docs/bundle-format.md names.

use sha2::{Digest, Sha256};

use super::{Error, ErrorKind};
use crate::engine::FormDef;
use crate::record::Record;

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(super) fn hex(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// `records_sha256`: the digest of `serde_json::to_string(records)`, the compact serialisation
/// with fields in declaration order and answers by item id in sorted order.
pub fn records_sha256(records: &[Record]) -> Result<String, Error> {
    let mut digest = RecordsDigest::new();
    for r in records {
        digest.add(r)?;
    }
    Ok(digest.finish())
}

/// [`records_sha256`] fed a record at a time, for the readers and writers that work in steps.
///
/// It hashes the array's brackets and commas between the records' own JSON: the same bytes as
/// the whole array's, which need not be held at once (the consolidated export's 100,000 records
/// are 55 MB of JSON). Each record is written into one reused `Vec`, the writer `to_vec` uses,
/// so the wasm carries no second copy of the serialiser.
pub(super) struct RecordsDigest {
    hasher: Sha256,
    count: usize,
    json: Vec<u8>,
}

impl RecordsDigest {
    pub(super) fn new() -> Self {
        RecordsDigest { hasher: Sha256::new(), count: 0, json: Vec::new() }
    }

    /// Adds the next record.
    pub(super) fn add(&mut self, record: &Record) -> Result<(), Error> {
        self.json.clear();
        serde_json::to_writer(&mut self.json, record).map_err(|e| Error::new(ErrorKind::Write { message: e.to_string() }))?;
        self.hasher.update(if self.count == 0 { b"[" } else { b"," });
        self.hasher.update(&self.json);
        self.count += 1;
        Ok(())
    }

    /// The digest of every record added, in order.
    pub(super) fn finish(mut self) -> String {
        if self.count == 0 {
            self.hasher.update(b"[");
        }
        self.hasher.update(b"]");
        hex(&self.hasher.finalize())
    }
}

/// `forms[].sha256`: the digest of `serde_json::to_string(form)`, the definition as loaded
/// (shared lists resolved), so two apps with the same id and version can tell if they differ.
pub fn form_sha256(form: &FormDef) -> Result<String, Error> {
    Ok(sha256_hex(&to_compact(form)?))
}

/// [`form_sha256`] of `form`. In the pages, a bundled form's from the table `forms::DIGESTS`
/// (checked against [`form_sha256`] by `cargo test`): their wasm carries no code to serialize
/// a definition (issue 14). Natively, where tests also make forms of their own, found once
/// for each bundled form: an import reads the same few forms in every file, and digesting them
/// again per file was a third of the digests' time (a definition is tens of kilobytes of JSON).
#[cfg(target_arch = "wasm32")]
pub(crate) fn form_sha256_cached(form: &FormDef) -> Result<String, Error> {
    crate::forms::digest(&form.id, &form.version)
        .map(str::to_string)
        .ok_or_else(|| Error::new(ErrorKind::Write { message: format!("no digest of form {} {}", form.id, form.version) }))
}

/// [`form_sha256`] of `form` (see the wasm's, above).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn form_sha256_cached(form: &FormDef) -> Result<String, Error> {
    static BUNDLED: std::sync::OnceLock<Vec<Option<String>>> = std::sync::OnceLock::new();
    let bundled = crate::forms::versions();
    let Some(i) = bundled.iter().position(|f| std::ptr::eq(f, form)) else { return form_sha256(form) };
    let digests = BUNDLED.get_or_init(|| bundled.iter().map(|f| form_sha256(f).ok()).collect());
    match &digests[i] {
        Some(digest) => Ok(digest.clone()),
        None => form_sha256(form),
    }
}

fn to_compact<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|e| Error::new(ErrorKind::Write { message: e.to_string() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc_is_the_fips_example() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn a_bundled_form_s_kept_digest_is_its_digest() {
        for form in crate::forms::versions() {
            assert_eq!(form_sha256_cached(form).unwrap(), form_sha256(form).unwrap());
            assert_eq!(form_sha256_cached(form).unwrap(), form_sha256(form).unwrap(), "asked twice");
        }
        let copy = crate::forms::versions()[0].clone();
        assert_eq!(form_sha256_cached(&copy).unwrap(), form_sha256(&copy).unwrap(), "a copy is digested itself");
    }

    #[test]
    fn the_records_digest_is_that_of_their_compact_json() {
        let form = crate::forms::get("annex1").unwrap();
        let records: Vec<Record> = (0..1000)
            .map(|n| {
                let mut r = Record::new(form, format!("r{n}"), "2026-11-22T10:00:00.000Z".into(), "es");
                r.answers.set_text("institution", "Cancillería — Dirección de Migración");
                r
            })
            .collect();
        let json = serde_json::to_vec(&records).unwrap();
        assert!(json.len() > 1 << 16, "longer than the buffer");
        assert_eq!(records_sha256(&records).unwrap(), sha256_hex(&json));
    }

    #[test]
    fn no_records_hash_the_empty_array() {
        assert_eq!(records_sha256(&[]).unwrap(), sha256_hex(b"[]"));
    }
}
