//! The .zip a person downloads: `README.txt`, `bundle.json`, the CSV tables and their
//! codebook, stored without
//! compression (no compressor in the wasm; the files are small text). Reading finds
//! `bundle.json` in such a zip. Built on `rawzip` (no dependencies): the `zip` crate cost
//! about 39 KB gzip of wasm to write and 30 KB more to read.

use std::io::Write;

use rawzip::time::UtcDateTime;
use rawzip::{CompressionMethod, Crc32Option, ZipArchive, ZipArchiveWriter};

use super::csv_out::bundle_tables;
use super::{codebook, Bundle, Error, ErrorKind, Kind};
use crate::engine::FormDef;
use crate::i18n::Catalog;

/// The name of the bundle inside a zip.
pub const BUNDLE_JSON: &str = "bundle.json";

/// The zip of `bundle`: `README.txt` (in every language of `catalogs`), `bundle.json`, then
/// (for a submission) the CSV tables of [`super::bundle_tables`] and `codebook.csv` with a
/// label column per catalog. Every entry is dated `manifest.created`, and nothing depends on
/// the exporter's language, so the same bundle always gives the same bytes.
pub fn to_zip(bundle: &Bundle, forms: &[FormDef], catalogs: &[&Catalog]) -> Result<Vec<u8>, Error> {
    let tables = match bundle.manifest.kind {
        Kind::Submission => {
            let mut tables = bundle_tables(bundle, forms)?;
            let used: Vec<&FormDef> = bundle
                .manifest
                .forms
                .iter()
                .filter_map(|u| forms.iter().find(|f| f.id == u.id && f.version == u.version))
                .collect();
            tables.push(codebook(&used, catalogs)?);
            tables
        }
        // A backup is for moving drafts between devices, not for reading in a spreadsheet.
        Kind::Backup => Vec::new(),
    };
    let mut names = vec![BUNDLE_JSON.to_string()];
    names.extend(tables.iter().map(|t| t.name.clone()));
    let readme = readme(bundle.manifest.kind, &names, catalogs);
    let json = bundle.to_json()?;
    let mut files: Vec<(&str, &[u8])> = vec![("README.txt", readme.as_bytes()), (BUNDLE_JSON, json.as_bytes())];
    files.extend(tables.iter().map(|t| (t.name.as_str(), t.bytes.as_slice())));
    stored_zip(&files, &bundle.manifest.created)
}

/// A zip of `files` in order, stored (not compressed), each dated `created` (an ISO 8601
/// time; 1980-01-01, the zip epoch, when it is not one): the bundle, and the workbench's DOCX.
pub(crate) fn stored_zip(files: &[(&str, &[u8])], created: &str) -> Result<Vec<u8>, Error> {
    let time = zip_time(created);
    let fail = |e: rawzip::Error| Error::new(ErrorKind::Write { message: e.to_string() });
    let io_fail = |e: std::io::Error| Error::new(ErrorKind::Write { message: e.to_string() });
    let mut archive = ZipArchiveWriter::new(Vec::new());
    for (name, bytes) in files {
        let mut file = archive
            .new_file(name)
            .compression_method(CompressionMethod::STORE)
            .unix_permissions(0o644)
            .crc32(Crc32Option::Custom(crc32(bytes)));
        if let Some(t) = time {
            file = file.last_modified(t);
        }
        let (mut entry, config) = file.start().map_err(fail)?;
        let mut data = config.wrap(&mut entry);
        data.write_all(bytes).map_err(io_fail)?;
        let (_, descriptor) = data.finish().map_err(fail)?;
        entry.finish(descriptor).map_err(fail)?;
    }
    archive.finish().map_err(fail)
}

/// Whether `bytes` start like a zip (a local file header, or an empty archive's end record).
pub(crate) fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The bytes of `bundle.json` in a zip: at the top, or in one folder (a zip re-made from an
/// unpacked folder). Its size and CRC are checked.
pub(crate) fn bundle_json_in(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let damaged = |e: rawzip::Error| Error::new(ErrorKind::DamagedZip { reason: e.to_string() });
    let archive = ZipArchive::from_slice(bytes).map_err(damaged)?;
    let mut found = None;
    for entry in archive.entries() {
        let entry = entry.map_err(damaged)?;
        let name = entry.file_path();
        let name = name.as_bytes();
        let in_folder = name
            .strip_suffix(BUNDLE_JSON.as_bytes())
            .is_some_and(|dir| dir.ends_with(b"/") && dir.iter().filter(|&&c| c == b'/').count() == 1);
        // The top-level one wins over one in a folder.
        if name == BUNDLE_JSON.as_bytes() || (in_folder && found.is_none()) {
            found = Some((entry.wayfinder(), entry.compression_method()));
        }
    }
    let (wayfinder, method) = found.ok_or_else(|| Error::new(ErrorKind::NoBundleInZip))?;
    if method != CompressionMethod::STORE {
        // Re-packed with compression: the entry is there, but this app reads stored ones only.
        return Err(Error::new(ErrorKind::RepackedZip { reason: format!("{BUNDLE_JSON} is compressed ({method:?})") }));
    }
    let entry = archive.get_entry(wayfinder).map_err(damaged)?;
    let data = entry.data();
    let claim = entry.claim_verifier();
    if data.len() as u64 != claim.uncompressed_size || crc32(data) != claim.crc {
        return Err(Error::new(ErrorKind::DamagedZip { reason: format!("{BUNDLE_JSON} fails its size or CRC check") }));
    }
    Ok(data.to_vec())
}

/// CRC-32 (IEEE), as zip entries carry it. Ours, with a 1 KB table: rawzip's own uses 16 KB
/// of tables, too much wasm for the few hundred kilobytes an export holds.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| TABLE[usize::from((c as u8) ^ b)] ^ (c >> 8))
}

/// `manifest.created` as a zip time, or none when it is not an ISO 8601 time (the entry is
/// then dated 1980-01-01, the zip epoch).
fn zip_time(iso: &str) -> Option<UtcDateTime> {
    let num = |from: usize, to: usize| iso.get(from..to).and_then(|s| s.parse::<u16>().ok());
    let byte = |n: u16| u8::try_from(n).ok();
    let (y, mo, d) = (num(0, 4)?, byte(num(5, 7)?)?, byte(num(8, 10)?)?);
    let (h, mi, s) = (byte(num(11, 13)?)?, byte(num(14, 16)?)?, byte(num(17, 19)?)?);
    UtcDateTime::from_components(y, mo, d, h, mi, s, 0)
}

/// README.txt in every language of `catalogs`, listing `files`; a BOM and CRLF so that old
/// Windows Notepad shows accents and lines right.
fn readme(kind: Kind, files: &[String], catalogs: &[&Catalog]) -> String {
    let key = match kind {
        Kind::Submission => "submission",
        Kind::Backup => "backup",
    };
    let joined = |k: &str| catalogs.iter().map(|t| t.get(k)).collect::<Vec<_>>().join(" / ");
    let mut text = format!("GCM Review Collector — {}\n\n{}:\n", joined(&format!("readme.{key}")), joined("readme.files"));
    for f in files {
        text.push_str(&format!("  {f}\n"));
    }
    for t in catalogs {
        text.push_str(&format!("\n{}\n{}\n", t.lang().code().to_uppercase(), t.get(&format!("readme.{key}_text"))));
    }
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"hello"), rawzip::crc32(b"hello"));
    }
}
