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
    // Room for every entry and its headers from the start: a 100 MB export grown by doubling
    // copied itself over again several times.
    let room = files.iter().map(|(name, bytes)| bytes.len() + 2 * name.len() + 160).sum::<usize>() + 64;
    let mut archive = ZipArchiveWriter::new(Vec::with_capacity(room));
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

/// CRC-32 (IEEE), as zip entries carry it. Ours, eight bytes a step (slicing-by-8, three times
/// faster than a byte a step over the consolidated export's 100 MB) with tables made at first
/// use: rawzip's own carries 16 KB of tables in the wasm.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    crc32_more(0, bytes)
}

/// The CRC-32 of some bytes followed by `bytes`, from `crc`, that of the bytes before (0 for
/// none): a long file's CRC found a slice at a time.
pub(crate) fn crc32_more(crc: u32, bytes: &[u8]) -> u32 {
    static TABLES: std::sync::OnceLock<[[u32; 256]; 8]> = std::sync::OnceLock::new();
    let t = TABLES.get_or_init(|| {
        let mut t = [[0u32; 256]; 8];
        for i in 0..256 {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            t[0][i] = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                t[k][i] = (t[k - 1][i] >> 8) ^ t[0][(t[k - 1][i] & 0xff) as usize];
            }
        }
        t
    });
    let mut c = !crc;
    let mut chunks = bytes.chunks_exact(8);
    for b in &mut chunks {
        let lo = c ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        c = t[7][(lo & 0xff) as usize]
            ^ t[6][((lo >> 8) & 0xff) as usize]
            ^ t[5][((lo >> 16) & 0xff) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][usize::from(b[4])]
            ^ t[2][usize::from(b[5])]
            ^ t[1][usize::from(b[6])]
            ^ t[0][usize::from(b[7])];
    }
    !chunks.remainder().iter().fold(c, |c, &b| t[0][usize::from((c as u8) ^ b)] ^ (c >> 8))
}

/// `manifest.created` as a zip time, or none when it is not an ISO 8601 time (the entry is
/// then dated 1980-01-01, the zip epoch).
pub(super) fn zip_time(iso: &str) -> Option<UtcDateTime> {
    let num = |from: usize, to: usize| iso.get(from..to).and_then(|s| s.parse::<u16>().ok());
    let byte = |n: u16| u8::try_from(n).ok();
    let (y, mo, d) = (num(0, 4)?, byte(num(5, 7)?)?, byte(num(8, 10)?)?);
    let (h, mi, s) = (byte(num(11, 13)?)?, byte(num(14, 16)?)?, byte(num(17, 19)?)?);
    UtcDateTime::from_components(y, mo, d, h, mi, s, 0)
}

/// README.txt in every language of `catalogs`, listing `files`; a BOM and CRLF so that old
/// Windows Notepad shows accents and lines right.
pub(super) fn readme(kind: Kind, files: &[String], catalogs: &[&Catalog]) -> String {
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
        let long: Vec<u8> = (0..10_007u32).map(|i| (i * 31 % 251) as u8).collect();
        for end in [0, 1, 7, 8, 9, 15, 16, 17, 1000, 10_007] {
            assert_eq!(crc32(&long[..end]), rawzip::crc32(&long[..end]), "{end} bytes");
            assert_eq!(crc32_more(crc32(&long[..end]), &long[end..]), crc32(&long), "split at {end}");
        }
    }
}
