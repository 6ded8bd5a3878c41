//! The secretariat's reader (`read_each`): bundles zipped again with compression by another
//! tool, several bundles in one zip, zips inside the zip, and zip bombs refused before anything
//! of the file is read. The zips are written with the `zip` crate (its deflate is zlib-rs, not
//! the app's inflater).

mod bundle_fixtures;

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use bundle_fixtures::*;
use gcm_collector::bundle::{self, read_each_with, read_with, Bundle, ErrorKind, Part, INFLATED_MAX};
use gcm_collector::i18n::{bundled, Lang};
use gcm_collector::messages::Say;
use zip::CompressionMethod::{Deflated, Stored};

/// The app's own zip of a submission of `records`.
fn app_zip(records: &[gcm_collector::record::Record]) -> Vec<u8> {
    let b = Bundle::submission(records, &forms(), NOW, DEVICE).unwrap();
    bundle::to_zip(&b, &forms(), &bundled::all()).unwrap()
}

fn json_of(records: &[gcm_collector::record::Record]) -> Vec<u8> {
    Bundle::submission(records, &forms(), NOW, DEVICE).unwrap().to_json().unwrap().into_bytes()
}

/// A zip of `entries` (name, bytes, method), as another zip tool would write it.
fn zip_of(entries: &[(&str, &[u8], zip::CompressionMethod)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes, method) in entries {
        let options = zip::write::SimpleFileOptions::default().compression_method(*method);
        if name.ends_with('/') {
            w.add_directory(*name, options).unwrap();
        } else {
            w.start_file(*name, options).unwrap();
            w.write_all(bytes).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

/// Every entry of `zip`, unpacked: what a person who unzipped the app's file has in the folder.
fn unpacked(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().to_string(), out)
        })
        .collect()
}

/// The app's zip unzipped and zipped again with deflate, each file under `folder`.
fn repacked(zip: &[u8], folder: &str) -> Vec<u8> {
    let files = unpacked(zip);
    let names: Vec<String> = files.iter().map(|(n, _)| format!("{folder}{n}")).collect();
    let entries: Vec<(&str, &[u8], zip::CompressionMethod)> =
        files.iter().zip(&names).map(|((_, bytes), name)| (name.as_str(), bytes.as_slice(), Deflated)).collect();
    let out = zip_of(&entries);
    let mut check = zip::ZipArchive::new(Cursor::new(&out)).unwrap();
    assert_eq!(check.by_name(&format!("{folder}bundle.json")).unwrap().compression(), Deflated, "the fixture is deflated");
    out
}

fn paths(parts: &[Part]) -> Vec<&str> {
    parts.iter().map(|p| p.path.as_str()).collect()
}

fn only(parts: Vec<Part>) -> Part {
    assert_eq!(parts.len(), 1, "{parts:?}");
    parts.into_iter().next().unwrap()
}

#[test]
fn a_bundle_zipped_again_with_deflate_is_read_by_the_secretariat() {
    let records = [session("s-1"), input("b-2", "s-1", "Ana")];
    let zip = repacked(&app_zip(&records), "");
    let part = only(read_each_with(&zip, &forms()));
    assert_eq!(part.path, "bundle.json");
    let read = part.bundle.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.bundle(), &Bundle::submission(&records, &forms(), NOW, DEVICE).unwrap());
    // The transfer page's reader still takes stored zips only, and says so.
    let e = read_with(&zip, &forms()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::RepackedZip { .. }), "{e:?}");
}

#[test]
fn a_deflated_bundle_in_one_folder_is_read() {
    let zip = repacked(&app_zip(&[session("s-1")]), "annex1_CHL_2026-11-22_1a2b3c4d/");
    let part = only(read_each_with(&zip, &forms()));
    assert_eq!(part.path, "annex1_CHL_2026-11-22_1a2b3c4d/bundle.json");
    assert_eq!(part.bundle.unwrap().records().len(), 1);
}

#[test]
fn a_mac_zip_with_its_attribute_files_is_one_bundle() {
    let json = json_of(&[session("s-1")]);
    let zip = zip_of(&[
        ("export/", b"", Stored),
        ("export/bundle.json", &json, Deflated),
        ("__MACOSX/", b"", Stored),
        ("__MACOSX/export/", b"", Stored),
        ("__MACOSX/export/._bundle.json", b"\x00\x05\x16\x07 Mac attributes", Deflated),
        ("__MACOSX/._other.zip", b"\x00\x05\x16\x07", Deflated),
    ]);
    let part = only(read_each_with(&zip, &forms()));
    assert_eq!(part.path, "export/bundle.json");
    assert!(part.bundle.is_ok());
}

#[test]
fn every_bundle_of_a_zip_is_read_on_its_own() {
    let one = json_of(&[session("s-1")]);
    let two = json_of(&[session("s-2"), input("b-2", "s-2", "Ana")]);
    let tampered = String::from_utf8(json_of(&[session("s-3")])).unwrap().replace("Migración", "Migracion").into_bytes();
    let inner = app_zip(&[session("s-4")]);
    let inner_repacked = repacked(&app_zip(&[session("s-5")]), "");
    let notes = zip_of(&[("notes.txt", b"minutes", Deflated)]);
    let zip = zip_of(&[
        ("a/bundle.json", &one, Deflated),
        ("a/README.txt", b"read me", Deflated),
        ("b/bundle.json", &two, Stored),
        ("c/deeper/bundle.json", &tampered, Deflated),
        ("d.zip", &inner, Stored),
        ("e.zip", &inner_repacked, Deflated),
        ("notes.zip", &notes, Stored),
        ("broken.zip", &inner[..inner.len() / 2], Deflated),
    ]);
    let parts = read_each_with(&zip, &forms());
    assert_eq!(
        paths(&parts),
        ["a/bundle.json", "b/bundle.json", "c/deeper/bundle.json", "d.zip › bundle.json", "e.zip › bundle.json", "broken.zip"],
        "a zip inside without a bundle (notes.zip) is not one"
    );
    let ids = |p: &Part| p.bundle.as_ref().map(|b| b.records().iter().map(|r| r.id.clone()).collect::<Vec<_>>()).ok();
    assert_eq!(ids(&parts[0]), Some(vec!["s-1".to_string()]));
    assert_eq!(ids(&parts[1]), Some(vec!["b-2".to_string(), "s-2".to_string()]), "bundle order: by form id");
    assert!(matches!(parts[2].bundle.as_ref().unwrap_err().kind(), ErrorKind::DigestMismatch { .. }), "{:?}", parts[2]);
    assert_eq!(ids(&parts[3]), Some(vec!["s-4".to_string()]));
    assert_eq!(ids(&parts[4]), Some(vec!["s-5".to_string()]));
    assert!(matches!(parts[5].bundle.as_ref().unwrap_err().kind(), ErrorKind::DamagedZip { .. }), "{:?}", parts[5]);
}

#[test]
fn a_zip_without_any_bundle_is_one_refusal() {
    let notes = zip_of(&[("notes.txt", b"minutes", Deflated)]);
    let zip = zip_of(&[("notes.txt", b"minutes", Deflated), ("more.zip", &notes, Deflated)]);
    let part = only(read_each_with(&zip, &forms()));
    assert_eq!(part.path, "");
    assert_eq!(part.bundle.unwrap_err().kind(), &ErrorKind::NoBundleInZip);
}

#[test]
fn an_entry_compressed_another_way_is_named_as_re_packed() {
    let json = json_of(&[session("s-1")]);
    let mut zip = zip_of(&[("bundle.json", &json, Stored)]);
    // Method 14 (LZMA, as 7-Zip may write) in the local header and the central directory.
    for (sig, at) in [(&b"PK\x03\x04"[..], 8), (&b"PK\x01\x02"[..], 10)] {
        let start = zip.windows(4).position(|w| w == sig).unwrap();
        zip[start + at] = 14;
    }
    let e = only(read_each_with(&zip, &forms())).bundle.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::RepackedZip { reason } if reason.contains("Lzma") || reason.contains("LZMA")), "{e:?}");
}

/// `n` spaces, deflated: kilobytes that inflate to `n` bytes. Made once per size (zlib-rs in a
/// debug build takes a second or two for the cap's 64 MiB).
fn spaces_zip(n: usize) -> &'static [u8] {
    static BIG: OnceLock<Vec<u8>> = OnceLock::new();
    static HALF: OnceLock<Vec<u8>> = OnceLock::new();
    let cell = if n > INFLATED_MAX as usize / 2 + 1 { &BIG } else { &HALF };
    let zip = cell.get_or_init(|| zip_of(&[("bundle.json", &vec![b' '; n], Deflated)]));
    assert_eq!(entry_sizes(zip).1 as usize, n, "one size per cell");
    zip
}

/// Where the central directory header of the first entry of `zip` is, and the uncompressed
/// size it declares.
fn entry_sizes(zip: &[u8]) -> (usize, u32) {
    let eocd = zip.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let cd = u32::from_le_bytes(zip[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    assert_eq!(&zip[cd..cd + 4], b"PK\x01\x02");
    (cd, u32::from_le_bytes(zip[cd + 24..cd + 28].try_into().unwrap()))
}

/// `zip` with the uncompressed size of its first entry changed to `size`, in the central
/// directory (which readers trust) and the local header.
fn lying(zip: &[u8], size: u32) -> Vec<u8> {
    let mut out = zip.to_vec();
    let (cd, _) = entry_sizes(zip);
    out[cd + 24..cd + 28].copy_from_slice(&size.to_le_bytes());
    let local = u32::from_le_bytes(zip[cd + 42..cd + 46].try_into().unwrap()) as usize;
    assert_eq!(&zip[local..local + 4], b"PK\x03\x04");
    out[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    out
}

/// A zip holding a good bundle first, then `bomb`'s entry (copied as it is, compressed).
fn good_then(bomb: &[u8], name: &str) -> Vec<u8> {
    let good = json_of(&[session("s-1")]);
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("a/bundle.json", zip::write::SimpleFileOptions::default().compression_method(Deflated)).unwrap();
    w.write_all(&good).unwrap();
    let mut source = zip::ZipArchive::new(Cursor::new(bomb)).unwrap();
    w.raw_copy_file_rename(source.by_index_raw(0).unwrap(), name).unwrap();
    w.finish().unwrap().into_inner()
}

fn refused_as_too_large(zip: &[u8]) {
    let part = only(read_each_with(zip, &forms()));
    assert_eq!(part.path, "", "the whole file is refused, the good bundle in it too");
    let e = part.bundle.unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnpacksTooLarge { limit: INFLATED_MAX });
    let said = e.in_file("bomb.zip").say(bundled::catalog(Lang::En));
    assert!(said.starts_with("The file “bomb.zip” would take more than 64 MB once unpacked"), "{said}");
}

#[test]
fn a_small_entry_that_inflates_past_the_cap_refuses_the_whole_file() {
    let bomb = spaces_zip(INFLATED_MAX as usize + 1);
    assert!(bomb.len() < 100_000, "a bomb: {} bytes", bomb.len());
    refused_as_too_large(&good_then(bomb, "b/bundle.json"));
}

#[test]
fn a_header_that_lies_about_the_size_cannot_inflate_past_the_cap() {
    let bomb = lying(spaces_zip(INFLATED_MAX as usize + 1), 1_000);
    assert_eq!(entry_sizes(&bomb).1, 1_000);
    refused_as_too_large(&good_then(&bomb, "b/bundle.json"));
    // A zip inside counts too: its bomb is refused the same.
    refused_as_too_large(&zip_of(&[("inner.zip", &bomb, Deflated)]));
}

#[test]
fn the_cap_is_for_everything_one_file_unpacks() {
    // Two entries of half the cap and a byte each: each fits, both do not.
    let half = spaces_zip(INFLATED_MAX as usize / 2 + 1);
    let both = {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in ["a/bundle.json", "b/bundle.json"] {
            let mut source = zip::ZipArchive::new(Cursor::new(half)).unwrap();
            w.raw_copy_file_rename(source.by_index_raw(0).unwrap(), name).unwrap();
        }
        w.finish().unwrap().into_inner()
    };
    refused_as_too_large(&both);
    // One of them alone is read (and is not a bundle: spaces).
    let part = only(read_each_with(half, &forms()));
    assert!(matches!(part.bundle.unwrap_err().kind(), ErrorKind::NotABundle { .. }));
}

#[test]
fn a_header_that_lies_within_the_cap_is_a_damaged_zip() {
    let zip = zip_of(&[("bundle.json", &json_of(&[session("s-1")]), Deflated)]);
    let (_, size) = entry_sizes(&zip);
    for wrong in [size - 1, size + 1] {
        let part = only(read_each_with(&lying(&zip, wrong), &forms()));
        let e = part.bundle.unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::DamagedZip { reason } if reason.contains("size or CRC")), "{wrong}: {e:?}");
    }
    assert!(only(read_each_with(&zip, &forms())).bundle.is_ok(), "unchanged, it reads");
}
