//! Every bundle in a zip, as the secretariat takes them in: stored or deflated (a bundle someone
//! unzipped and zipped again, as Windows, macOS and e-mail gateways do), at the top or in
//! folders, and in .zip files one level inside. Only [`super::read_each`] calls this, and only
//! the secretariat's page calls that, so only its wasm carries the inflater; [`super::read`]
//! (the transfer page's) still reads stored entries only.

use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
use rawzip::{CompressionMethod, ZipArchive, ZipArchiveEntryWayfinder, ZipSliceArchive};

use super::zip::{crc32, BUNDLE_JSON};
use super::{Error, ErrorKind};

/// The most that inflating may make from one file, summed over its entries (a zip inside and
/// the bundles in it): 64 MiB. Ten thousand participant inputs are 7.8 MB of JSON (the
/// benchmark's files), so a whole region's consolidated export fits several times over, while
/// a zip bomb (kilobytes that inflate to gigabytes) stops here, before the page runs out of
/// memory. Stored entries are not counted: they are no bigger than the file itself.
pub const INFLATED_MAX: u64 = 64 * 1024 * 1024;

/// One `bundle.json` found in a zip: its path there (`folder/bundle.json`, or
/// `inner.zip › bundle.json` inside a zip in the zip), and its bytes or why they could not be
/// taken out.
pub(crate) struct Found {
    pub path: String,
    pub json: Result<Vec<u8>, Error>,
}

/// Every `bundle.json` in the zip `bytes`, in the zip's order. Fails whole when the zip cannot
/// be read, holds no bundle, or would unpack past [`INFLATED_MAX`] (then nothing of it is read).
pub(crate) fn bundles_in(bytes: &[u8]) -> Result<Vec<Found>, Error> {
    let mut budget = INFLATED_MAX;
    let mut found = Vec::new();
    collect(bytes, "", true, &mut budget, &mut found)?;
    if found.is_empty() {
        return Err(Error::new(ErrorKind::NoBundleInZip));
    }
    Ok(found)
}

/// What an entry is to the secretariat.
#[derive(Clone, Copy, PartialEq)]
enum Wanted {
    Bundle,
    /// A .zip inside the zip, read for its bundles (one level only).
    Zip,
}

/// Adds the bundles of the zip `bytes` to `found`, each path after `prefix`.
fn collect(bytes: &[u8], prefix: &str, outer: bool, budget: &mut u64, found: &mut Vec<Found>) -> Result<(), Error> {
    let archive = ZipArchive::from_slice(bytes).map_err(|e| damaged(e.to_string()))?;
    let mut wanted: Vec<(String, ZipArchiveEntryWayfinder, CompressionMethod, Wanted)> = Vec::new();
    for entry in archive.entries() {
        let entry = entry.map_err(|e| damaged(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let path = String::from_utf8_lossy(entry.file_path().as_bytes()).into_owned();
        let Some(what) = wanted_as(&path, outer) else { continue };
        wanted.push((path, entry.wayfinder(), entry.compression_method(), what));
    }
    for (path, wayfinder, method, what) in wanted {
        let path = format!("{prefix}{path}");
        let done = match take(&archive, wayfinder, method, &path, budget) {
            Ok(json) if what == Wanted::Bundle => {
                found.push(Found { path: path.clone(), json: Ok(json) });
                Ok(())
            }
            // A zip inside without a bundle is not one: skipped. One that cannot be read is
            // told, since it may have been one.
            Ok(inner) => collect(&inner, &format!("{path} › "), false, budget, found),
            Err(e) => Err(e),
        };
        match done {
            Ok(()) => {}
            Err(e) if matches!(e.kind(), ErrorKind::UnpacksTooLarge { .. }) => return Err(e),
            Err(e) => found.push(Found { path, json: Err(e) }),
        }
    }
    Ok(())
}

/// Whether the entry at `path` is a bundle or (in the outer zip) a zip to look into. The
/// `__MACOSX/` folder and `._` files are the Mac's copies of file attributes, never bundles.
fn wanted_as(path: &str, outer: bool) -> Option<Wanted> {
    let mut parts = path.split(['/', '\\']);
    let name = parts.next_back()?;
    if name.starts_with("._") || parts.any(|dir| dir == "__MACOSX") {
        return None;
    }
    if name == BUNDLE_JSON {
        Some(Wanted::Bundle)
    } else if outer && name.len() > 4 && name.as_bytes()[name.len() - 4..].eq_ignore_ascii_case(b".zip") {
        Some(Wanted::Zip)
    } else {
        None
    }
}

/// The bytes of one entry, inflated if need be, checked against the size and CRC the zip
/// declares for it.
fn take(archive: &ZipSliceArchive<&[u8]>, at: ZipArchiveEntryWayfinder, method: CompressionMethod, path: &str, budget: &mut u64) -> Result<Vec<u8>, Error> {
    let entry = archive.get_entry(at).map_err(|e| damaged(format!("{path}: {e}")))?;
    let claim = entry.claim_verifier();
    let bytes = match method {
        CompressionMethod::STORE => entry.data().to_vec(),
        CompressionMethod::DEFLATE => {
            let too_large = || Error::new(ErrorKind::UnpacksTooLarge { limit: INFLATED_MAX });
            // The size the zip declares, before inflating anything.
            if claim.uncompressed_size > *budget {
                return Err(too_large());
            }
            // Inflation itself stops at what is left, so a header that lies about the size
            // cannot make more.
            let limit = usize::try_from(*budget).unwrap_or(usize::MAX);
            let out = decompress_to_vec_with_limit(entry.data(), limit).map_err(|e| match e.status {
                TINFLStatus::HasMoreOutput => too_large(),
                _ => damaged(format!("{path} cannot be inflated: {e}")),
            })?;
            *budget -= out.len() as u64;
            out
        }
        other => {
            return Err(Error::new(ErrorKind::RepackedZip { reason: format!("{path} is compressed with {other:?}, not deflate") }));
        }
    };
    if bytes.len() as u64 != claim.uncompressed_size || crc32(&bytes) != claim.crc {
        return Err(damaged(format!("{path} fails its size or CRC check")));
    }
    Ok(bytes)
}

fn damaged(reason: String) -> Error {
    Error::new(ErrorKind::DamagedZip { reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles_and_zips_are_told_from_mac_attribute_files() {
        assert!(wanted_as("bundle.json", true) == Some(Wanted::Bundle));
        assert!(wanted_as("a/b/bundle.json", false) == Some(Wanted::Bundle));
        assert!(wanted_as("a\\bundle.json", true) == Some(Wanted::Bundle));
        assert!(wanted_as("inner.ZIP", true) == Some(Wanted::Zip));
        assert!(wanted_as("inner.zip", false).is_none(), "one level of zips only");
        assert!(wanted_as("__MACOSX/a/bundle.json", true).is_none());
        assert!(wanted_as("__MACOSX/._inner.zip", true).is_none());
        assert!(wanted_as("a/._bundle.json", true).is_none());
        assert!(wanted_as("my_bundle.json", true).is_none());
        assert!(wanted_as(".zip", true).is_none());
        assert!(wanted_as("informe_año.zip", true) == Some(Wanted::Zip));
        assert!(wanted_as("año", true).is_none(), "no cut inside a character");
    }
}
