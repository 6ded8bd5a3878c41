//! Readers that cannot be broken: whatever file a person opens, the bundle reader (`read`, the
//! transfer page's, which also restores backups before `merge_backup`) and the secretariat's
//! `read_each` (deflated zips, zips in zips, the 64 MiB inflate cap) return an error or a
//! verified bundle, and never panic.
//!
//! "Verified" is checked from outside on every bundle that is read: its record count and
//! records digest match its manifest, its ids are distinct and carry no export time, every
//! record is of a form the reader was given, a submission's records are complete and valid,
//! and reading the bundle's own JSON again gives the same bundle.
//!
//! Every refusal is worded, in every language, as the pages show it, and the secretariat's
//! import (`Collection::add_file`) takes any bytes and damaged zips without a panic.
//!
//! Cases per property (proptest; `PROPTEST_CASES` overrides them all):
//! - any bytes, alone or after a zip, JSON or BOM start: 1024
//! - a valid bundle (submission, backup, Annex 1) with 1–4 JSON edits, resealed or not: 512
//! - a valid bundle's JSON with 1–4 byte edits: 512
//! - a valid zip with 1–4 byte edits (truncation, flips, insertions): 256
//! - a valid zip with one flipped bit: 512, and whatever is read is the bundle exported
//! - a zip with 1–3 fields of its headers (sizes, offsets, counts, lengths) set to odd values,
//!   as the app wrote it or re-packed with zip64 headers: 512
//! - a zip of any entries (names, contents, stored or deflated, zips inside), edited or not: 128
//! - backups, edited, restored and merged: one action per record, the right one: 256
//! - the inflate cap, with entries of a quarter, half and half-plus-one of the cap: 6
//!   (each case inflates up to 64 MiB; the larger entries are compressed once)

mod arbitrary;
mod bundle_fixtures;

use std::io::{Cursor, Write};
use std::sync::LazyLock;

use arbitrary::*;
use bundle_fixtures::*;
use gcm_collector::bundle::{
    self, merge_backup, read_each_with, read_with, records_sha256, Bundle, ErrorKind, MergeAction, VerifiedBundle, INFLATED_MAX,
};
use gcm_collector::consolidate::Collection;
use gcm_collector::engine::{validate, FormDef};
use gcm_collector::messages::Say;
use gcm_collector::record::{Record, Status};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use serde_json::Value as Json;
use zip::CompressionMethod::{Deflated, Stored};

/// The fixtures' forms, loaded once.
static FORMS: LazyLock<Vec<FormDef>> = LazyLock::new(forms);

/// The records of the fixture bundles: a session, two inputs (one with a formula-like name).
fn fixture_records() -> Vec<Record> {
    vec![session("s-1"), input("b-2", "s-1", "Ana"), input("a-1", "s-1", "=cmd|' /C calc'!A0")]
}

/// A valid bundle to start from, and the forms that read it.
#[derive(Clone, Copy, Debug)]
enum Base {
    Submission,
    Backup,
    /// Annex 1 responses, read against the app's own forms (`bundle::read`).
    Annex1,
}

fn base() -> impl Strategy<Value = Base> {
    prop_oneof![Just(Base::Submission), Just(Base::Backup), Just(Base::Annex1)]
}

impl Base {
    fn bundle(self) -> &'static Bundle {
        static BUNDLES: LazyLock<[Bundle; 3]> = LazyLock::new(|| {
            let mut backup = fixture_records();
            backup.push(draft("d-1"));
            let annex1 = [annex1_response("r-1", "CHL", "yes"), annex1_response("r-2", "MEX", "no")];
            [
                Bundle::submission(&fixture_records(), &FORMS, NOW, DEVICE).unwrap(),
                Bundle::backup(&backup, &FORMS, NOW, DEVICE).unwrap(),
                Bundle::submission(&annex1, gcm_collector::forms::all(), NOW, DEVICE).unwrap(),
            ]
        });
        &BUNDLES[self as usize]
    }

    fn forms(self) -> &'static [FormDef] {
        match self {
            Base::Annex1 => gcm_collector::forms::all(),
            Base::Submission | Base::Backup => &FORMS,
        }
    }

    fn json(self) -> String {
        self.bundle().to_json().unwrap()
    }

    fn zip(self) -> Vec<u8> {
        bundle::to_zip(self.bundle(), self.forms(), &gcm_collector::i18n::bundled::all()).unwrap()
    }
}

/// What holding a [`VerifiedBundle`] promises, checked from outside.
fn check_verified(b: &VerifiedBundle, forms: &[FormDef]) -> Result<(), TestCaseError> {
    let m = b.manifest();
    prop_assert_eq!(m.record_count, b.records().len() as u64);
    prop_assert_eq!(&records_sha256(b.records()).unwrap(), &m.records_sha256);
    let mut ids: Vec<&str> = b.records().iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    prop_assert_eq!(ids.len(), b.records().len(), "distinct ids");
    for r in b.records() {
        prop_assert!(r.exported.is_none());
        let form = forms.iter().find(|f| f.id == r.form_id && f.version == r.form_version);
        prop_assert!(form.is_some(), "record {} of a form the reader has", r.id);
        if b.kind() == bundle::Kind::Submission {
            prop_assert_eq!(r.status, Status::Complete);
            prop_assert_eq!(validate(form.unwrap(), &r.answers), vec![]);
        }
    }
    let again = read_with(b.bundle().to_json().unwrap().as_bytes(), forms);
    prop_assert_eq!(again.as_ref(), Ok(b), "its own JSON reads back the same");
    Ok(())
}

/// Both readers over `bytes`: an error the pages can word, or bundles that hold what they promise.
fn read_both(bytes: &[u8], forms: &[FormDef]) -> Result<(), TestCaseError> {
    let first = read_with(bytes, forms);
    let parts = read_each_with(bytes, forms).into_iter().map(|p| p.bundle);
    for read in std::iter::once(first).chain(parts) {
        match read {
            Ok(b) => check_verified(&b, forms)?,
            Err(e) => said(&e)?,
        }
    }
    Ok(())
}

/// The error as the pages show it, in every language: never empty.
fn said(e: &bundle::Error) -> Result<(), TestCaseError> {
    prop_assert!(!e.to_string().is_empty());
    for t in gcm_collector::i18n::bundled::all() {
        let words = e.clone().in_file("envío \u{202e}.zip").say(t);
        prop_assert!(!words.is_empty(), "{:?} in {}", e, t.lang().code());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]
    #[test]
    fn any_bytes_are_refused_or_read(
        start in prop::sample::select(vec![&b""[..], b"PK\x03\x04", b"PK\x05\x06", b"{", b"\xEF\xBB\xBF{", b"[", b"\"", b"PK\x03\x04\x14\x00"]),
        rest in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let bytes = [start, &rest[..]].concat();
        // The app's own readers, with the forms it carries: what the pages call.
        if let Ok(b) = bundle::read(&bytes) {
            check_verified(&b, gcm_collector::forms::all())?;
        }
        for part in bundle::read_each(&bytes) {
            if let Ok(b) = &part.bundle {
                check_verified(b, gcm_collector::forms::all())?;
            }
        }
        // The secretariat's import of the file: one report per part, each accepted or refused.
        let reports = Collection::default().add_file("file", &bytes);
        prop_assert!(!reports.is_empty());
        read_both(&bytes, &FORMS)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn an_edited_bundle_is_refused_or_verified(
        base in base(),
        edits in prop::collection::vec(json_edit(), 1..=4),
        reseal in any::<bool>(),
        pretty in any::<bool>(),
    ) {
        let mut doc: Json = serde_json::from_str(&base.json()).unwrap();
        for e in &edits {
            e.apply(&mut doc);
        }
        // A hand edit that also recomputed the count and digest, as another program could: it
        // gets past those checks to the forms and the records' validity.
        if reseal {
            if let Ok(records) = serde_json::from_value::<Vec<Record>>(doc["records"].clone()) {
                if doc.get("manifest").is_some_and(Json::is_object) {
                    doc["manifest"]["records_sha256"] = records_sha256(&records).unwrap().into();
                    doc["manifest"]["record_count"] = records.len().into();
                }
            }
        }
        let text = if pretty { serde_json::to_string_pretty(&doc) } else { serde_json::to_string(&doc) }.unwrap();
        read_both(text.as_bytes(), base.forms())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn a_bundle_with_changed_bytes_is_refused_or_verified(base in base(), edits in prop::collection::vec(byte_edit(), 1..=4)) {
        let mut bytes = base.json().into_bytes();
        for e in &edits {
            e.apply(&mut bytes);
        }
        read_both(&bytes, base.forms())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    #[test]
    fn a_damaged_zip_is_refused_or_verified(base in base(), edits in prop::collection::vec(byte_edit(), 1..=4)) {
        let mut bytes = base.zip();
        for e in &edits {
            e.apply(&mut bytes);
        }
        read_both(&bytes, base.forms())?;
        if let Base::Annex1 = base {
            prop_assert!(!Collection::default().add_file("file.zip", &bytes).is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn one_flipped_bit_in_a_zip_never_changes_what_is_read(base in base(), at in any::<Index>(), bit in 0u8..8) {
        let mut bytes = base.zip();
        ByteEdit::Flip(at, bit).apply(&mut bytes);
        // The CRC-32 of each entry catches any one-bit change of its bytes, and a change of the
        // zip's structure makes the entry unreadable: what is read is what was exported.
        if let Ok(b) = read_with(&bytes, base.forms()) {
            prop_assert_eq!(b.bundle(), base.bundle());
        }
        for part in read_each_with(&bytes, base.forms()) {
            if let Ok(b) = part.bundle {
                prop_assert_eq!(b.bundle(), base.bundle());
            }
        }
    }
}

/// One field of a zip's structure set to a value that readers must doubt: a size, an offset,
/// a count, a name length, a method, in a local header, the central directory or its end.
#[derive(Clone, Debug)]
struct FieldEdit {
    record: Index,
    field: Index,
    value: u32,
    wide: bool,
}

fn field_edit() -> impl Strategy<Value = FieldEdit> {
    let value = prop_oneof![
        prop::sample::select(vec![0u32, 1, 8, 14, 0xFFFF, 0xFFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000, 46, 22]),
        any::<u32>(),
    ];
    (any::<Index>(), any::<Index>(), value, any::<bool>()).prop_map(|(record, field, value, wide)| FieldEdit { record, field, value, wide })
}

impl FieldEdit {
    /// Sets a 2- or 4-byte field (any byte offset within the record's fixed part) of one of
    /// the zip's records, found by signature.
    fn apply(&self, zip: &mut [u8]) {
        const RECORDS: [(&[u8], usize); 5] =
            [(b"PK\x03\x04", 30), (b"PK\x01\x02", 46), (b"PK\x05\x06", 22), (b"PK\x06\x06", 56), (b"PK\x06\x07", 20)];
        let starts: Vec<(usize, usize)> = (0..zip.len().saturating_sub(3))
            .filter_map(|at| RECORDS.iter().find(|(sig, _)| zip[at..].starts_with(sig)).map(|&(_, len)| (at, len)))
            .collect();
        if starts.is_empty() {
            return;
        }
        let (at, len) = *self.record.get(&starts);
        let width = if self.wide { 4 } else { 2 };
        let from = at + 4 + self.field.index(len - 4 - width + 1);
        let bytes = self.value.to_le_bytes();
        if let Some(field) = zip.get_mut(from..from + width) {
            field.copy_from_slice(&bytes[..width]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn a_zip_whose_headers_lie_is_refused_or_verified(
        base in base(),
        large in any::<bool>(),
        edits in prop::collection::vec(field_edit(), 1..=3),
    ) {
        // The app's zip, or the same files re-packed by another tool (zip64 headers if `large`).
        let mut bytes = if large { zip64_of(&base.zip()) } else { base.zip() };
        for e in &edits {
            e.apply(&mut bytes);
        }
        read_both(&bytes, base.forms())?;
    }
}

/// The files of `zip` written again by the `zip` crate, deflated, with zip64 headers.
fn zip64_of(zip: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(Deflated).large_file(true);
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        w.start_file(f.name().unwrap().to_string(), options).unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// One entry of a zip another tool made: its name, what it holds, and how it is stored.
#[derive(Clone, Debug)]
struct Entry {
    name: String,
    content: Content,
    deflated: bool,
}

#[derive(Clone, Debug)]
enum Content {
    /// The fixtures' submission: a bundle that reads.
    Bundle,
    /// The app's zip of it: a zip inside the zip.
    AppZip,
    /// The app's zip, cut short.
    CutZip(Index),
    Bytes(Vec<u8>),
}

fn entry() -> impl Strategy<Value = Entry> {
    let names = vec![
        "bundle.json", "a/bundle.json", "a/b/bundle.json", "a\\bundle.json", "__MACOSX/a/bundle.json", "a/._bundle.json",
        "inner.zip", "a/INNER.ZIP", "__MACOSX/._inner.zip", "README.txt", "dir/", ".zip", "bundle.json/",
    ];
    let name = prop_oneof![3 => prop::sample::select(names).prop_map(String::from), 1 => text_of(6)];
    let content = prop_oneof![
        Just(Content::Bundle),
        Just(Content::AppZip),
        any::<Index>().prop_map(Content::CutZip),
        prop::collection::vec(any::<u8>(), 0..256).prop_map(Content::Bytes),
    ];
    (name, content, any::<bool>()).prop_map(|(name, content, deflated)| Entry { name, content, deflated })
}

impl Content {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Content::Bundle => Base::Submission.json().into_bytes(),
            Content::AppZip => Base::Submission.zip(),
            Content::CutZip(at) => {
                let zip = Base::Submission.zip();
                zip[..at.index(zip.len())].to_vec()
            }
            Content::Bytes(b) => b.clone(),
        }
    }
}

/// The zip of `entries` as the `zip` crate writes it (entries it refuses, such as a name given
/// twice, are left out), with the entries it holds.
fn zip_of(entries: &[Entry]) -> (Vec<u8>, Vec<Entry>) {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut kept = Vec::new();
    for e in entries {
        let options = zip::write::SimpleFileOptions::default().compression_method(if e.deflated { Deflated } else { Stored });
        let written = if e.name.ends_with('/') {
            w.add_directory(e.name.as_str(), options).is_ok()
        } else {
            w.start_file(e.name.as_str(), options).is_ok() && w.write_all(&e.content.bytes()).is_ok()
        };
        if written {
            kept.push(e.clone());
        }
    }
    (w.finish().unwrap().into_inner(), kept)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    #[test]
    fn a_zip_of_any_entries_is_read_entry_by_entry(
        entries in prop::collection::vec(entry(), 0..6),
        edits in prop::collection::vec(byte_edit(), 0..=2),
    ) {
        let (mut bytes, kept) = zip_of(&entries);
        for e in &edits {
            e.apply(&mut bytes);
        }
        read_both(&bytes, &FORMS)?;
        if edits.is_empty() {
            // Untouched, every bundle at a bundle's place is read, and a zip inside at a zip's place.
            let parts = read_each_with(&bytes, &FORMS);
            let ok = |path: &str| parts.iter().any(|p| p.path == path && p.bundle.as_ref().is_ok_and(|b| b.bundle() == Base::Submission.bundle()));
            for e in &kept {
                match (&e.content, e.name.as_str()) {
                    (Content::Bundle, "bundle.json" | "a/bundle.json" | "a/b/bundle.json" | "a\\bundle.json") => {
                        prop_assert!(ok(&e.name), "{} in {:?}", e.name, parts);
                    }
                    (Content::AppZip, "inner.zip" | "a/INNER.ZIP") => {
                        prop_assert!(ok(&format!("{} › bundle.json", e.name)), "{} in {:?}", e.name, parts);
                    }
                    _ => {}
                }
            }
            // The transfer page's reader takes a stored bundle.json at the top.
            let top = kept.iter().find(|e| e.name == "bundle.json");
            if let Some(Entry { content: Content::Bundle, deflated: false, .. }) = top {
                let read = read_with(&bytes, &FORMS).map(|b| b.bundle().clone());
                prop_assert_eq!(read.as_ref(), Ok(Base::Submission.bundle()));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    #[test]
    fn a_backup_restores_one_action_per_record_or_is_refused(
        edits in prop::collection::vec(json_edit(), 0..=3),
        reseal in any::<bool>(),
        zipped in any::<bool>(),
        local_picks in prop::collection::vec((any::<Index>(), any::<bool>()), 0..4),
    ) {
        let mut doc: Json = serde_json::from_str(&Base::Backup.json()).unwrap();
        for e in &edits {
            e.apply(&mut doc);
        }
        if reseal {
            if let Ok(records) = serde_json::from_value::<Vec<Record>>(doc["records"].clone()) {
                if doc.get("manifest").is_some_and(Json::is_object) {
                    doc["manifest"]["records_sha256"] = records_sha256(&records).unwrap().into();
                    doc["manifest"]["record_count"] = records.len().into();
                }
            }
        }
        let json = doc.to_string();
        let bytes = if zipped {
            let b: Result<Bundle, _> = serde_json::from_str(&json);
            match b {
                // What the transfer page writes: a zip of the bundle (and its README).
                Ok(b) => bundle::to_zip(&b, &FORMS, &gcm_collector::i18n::bundled::all()).unwrap(),
                Err(_) => json.into_bytes(),
            }
        } else {
            json.into_bytes()
        };
        // The device's own records: some of the backup's, some edited since.
        let theirs = Base::Backup.bundle().records.clone();
        let local: Vec<Record> = local_picks
            .iter()
            .map(|(i, edited)| {
                let mut r = i.get(&theirs).clone();
                if *edited {
                    r.revision += 1;
                }
                r.exported = Some(NOW.into());
                r
            })
            .collect();
        // As the transfer page restores a backup: read, then merge.
        let Ok(b) = read_with(&bytes, &FORMS) else { return Ok(()) };
        check_verified(&b, &FORMS)?;
        let actions = merge_backup(&local, b.records());
        prop_assert_eq!(actions.len(), b.records().len());
        for (action, incoming) in actions.iter().zip(b.records()) {
            let here = local.iter().find(|l| l.id == incoming.id);
            match (action, here) {
                (MergeAction::Add(r), None) => prop_assert_eq!(r, incoming),
                (MergeAction::Skip { id }, Some(l)) => {
                    prop_assert_eq!(id, &incoming.id);
                    prop_assert!(l.same_content(incoming));
                }
                (MergeAction::Conflict { local: l, incoming: i }, Some(h)) => {
                    prop_assert_eq!((l, i), (h, incoming));
                    prop_assert!(!h.same_content(incoming), "never a conflict over the same record");
                }
                (a, h) => prop_assert!(false, "{a:?} with {h:?} here"),
            }
        }
    }
}

/// The payloads of the cap property: the fixtures' submission followed by spaces, `size`
/// bytes in all, each deflated once into a one-entry zip (copied raw into the zips the cases
/// build). JSON allows the spaces, so each entry that is read whole is a bundle that reads.
const CAP_SIZES: [usize; 4] = [0, INFLATED_MAX as usize / 4, INFLATED_MAX as usize / 2, INFLATED_MAX as usize / 2 + 1];

fn padded_zip(menu: usize) -> &'static [u8] {
    static ZIPS: [LazyLock<(Vec<u8>, usize)>; 4] = [
        LazyLock::new(|| padded(CAP_SIZES[0])),
        LazyLock::new(|| padded(CAP_SIZES[1])),
        LazyLock::new(|| padded(CAP_SIZES[2])),
        LazyLock::new(|| padded(CAP_SIZES[3])),
    ];
    &ZIPS[menu].0
}

/// The real size of payload `menu` once inflated.
fn padded_size(menu: usize) -> usize {
    let json = Base::Submission.json().len();
    CAP_SIZES[menu].max(json)
}

fn padded(size: usize) -> (Vec<u8>, usize) {
    let mut bytes = Base::Submission.json().into_bytes();
    bytes.resize(size.max(bytes.len()), b' ');
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("bundle.json", zip::write::SimpleFileOptions::default().compression_method(Deflated)).unwrap();
    w.write_all(&bytes).unwrap();
    (w.finish().unwrap().into_inner(), bytes.len())
}

/// A zip holding payload `menus[k]` as `<prefix><k>/bundle.json`, each copied compressed, then
/// `inner` (a zip in the zip) as `inner.zip`, deflated or stored.
fn zip_of_payloads(menus: &[usize], prefix: &str, inner: Option<(&[u8], bool)>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (k, &m) in menus.iter().enumerate() {
        let mut source = zip::ZipArchive::new(Cursor::new(padded_zip(m))).unwrap();
        w.raw_copy_file_rename(source.by_index_raw(0).unwrap(), format!("{prefix}{k}/bundle.json")).unwrap();
    }
    if let Some((bytes, deflated)) = inner {
        let method = if deflated { Deflated } else { Stored };
        w.start_file("inner.zip", zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// `zip` with the uncompressed size its entry number `n` declares set to `size`, in the central
/// directory and the local header.
fn lying(zip: &[u8], n: usize, size: u32) -> Vec<u8> {
    let u16_at = |at: usize| usize::from(u16::from_le_bytes([zip[at], zip[at + 1]]));
    let u32_at = |at: usize| u32::from_le_bytes(zip[at..at + 4].try_into().unwrap()) as usize;
    let eocd = zip.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let mut cd = u32_at(eocd + 16);
    for _ in 0..n {
        cd += 46 + u16_at(cd + 28) + u16_at(cd + 30) + u16_at(cd + 32);
    }
    let mut out = zip.to_vec();
    out[cd + 24..cd + 28].copy_from_slice(&size.to_le_bytes());
    let local = u32_at(cd + 42);
    out[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    out
}

/// Payload `menu`, mostly the smaller ones: random picks of the larger pass the cap at once.
fn payload() -> impl Strategy<Value = usize> {
    prop_oneof![2 => Just(0), 2 => Just(1), 1 => Just(2), 1 => Just(3)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]
    #[test]
    fn the_inflate_cap_holds_for_everything_a_file_unpacks(
        outer in prop::collection::vec(payload(), 1..=3),
        inner in prop::collection::vec(payload(), 0..=2),
        inner_deflated in any::<bool>(),
        lie in prop::option::weighted(0.3, (0..3usize, prop_oneof![Just(0u32), Just(1_000), any::<u32>()])),
    ) {
        cap_holds(&outer, &inner, inner_deflated, lie)?;
    }
}

#[test]
fn the_inflate_cap_is_reached_exactly_but_not_passed() {
    // Two halves: exactly the cap, read. A half and a half and a byte: refused.
    cap_holds(&[2, 2], &[], false, None).unwrap();
    cap_holds(&[2, 3], &[], false, None).unwrap();
    // Two quarters and a half in a zip inside: the cap when that zip is stored, past it when
    // deflated (inflating the inner zip itself counts too).
    cap_holds(&[1, 1], &[2], false, None).unwrap();
    cap_holds(&[1, 1], &[2], true, None).unwrap();
    // A half that says it is a thousand bytes, after a half: inflation stops at the cap.
    cap_holds(&[2, 2], &[], false, Some((1, 1_000))).unwrap();
}

/// The cap property for a zip of payloads `outer`, then `inner` in a zip inside (deflated or
/// stored), with the declared size of outer entry `lie.0` (modulo their number) replaced by `lie.1`: whatever is read fits in the
/// cap; with true sizes, the file is refused exactly when it all would not.
fn cap_holds(outer: &[usize], inner: &[usize], inner_deflated: bool, lie: Option<(usize, u32)>) -> Result<(), TestCaseError> {
    let mut inflated: usize = outer.iter().chain(inner).map(|&m| padded_size(m)).sum();
    let inner_zip = (!inner.is_empty()).then(|| zip_of_payloads(inner, "in", None));
    if let Some(z) = inner_zip.as_ref().filter(|_| inner_deflated) {
        inflated += z.len();
    }
    let mut zip = zip_of_payloads(outer, "", inner_zip.as_deref().map(|z| (z, inner_deflated)));
    if let Some((i, size)) = lie {
        zip = lying(&zip, i % outer.len(), size);
    }
    let parts = read_each_with(&zip, &FORMS);
    let refused = matches!(&parts[..], [p] if p.path.is_empty()
        && p.bundle.as_ref().is_err_and(|e| e.kind() == &ErrorKind::UnpacksTooLarge { limit: INFLATED_MAX }));
    // Whatever is read whole fits in the cap, lies or not.
    let read: usize = parts
        .iter()
        .filter(|p| p.bundle.is_ok())
        .map(|p| {
            let (list, path) = match p.path.strip_prefix("inner.zip › in") {
                Some(rest) => (inner, rest),
                None => (outer, p.path.as_str()),
            };
            padded_size(list[path.split('/').next().unwrap().parse::<usize>().unwrap()])
        })
        .sum();
    prop_assert!(read as u64 <= INFLATED_MAX, "{} read", read);
    if lie.is_none() {
        // True sizes: refused exactly when the whole would pass the cap; else all is read.
        prop_assert_eq!(refused, inflated as u64 > INFLATED_MAX, "{} inflated, {:?}", inflated, parts);
        if !refused {
            prop_assert_eq!(parts.iter().filter(|p| p.bundle.is_ok()).count(), outer.len() + inner.len(), "{:?}", parts);
        }
    } else {
        // The entry that lies fails its size check, or its declared size passes the cap.
        let damaged = |p: &bundle::Part| matches!(p.bundle.as_ref().map_err(|e| e.kind()), Ok(_) | Err(ErrorKind::DamagedZip { .. }));
        prop_assert!(refused || parts.iter().all(damaged), "{:?}", parts);
    }
    Ok(())
}

#[test]
fn a_bundle_nested_past_the_recursion_limit_is_refused_without_overflowing_the_stack() {
    // An answer of repeat instances a hundred thousand deep, in a record of a valid backup:
    // serde_json stops at its recursion limit (128), so reading fails before the stack does.
    let json = Base::Backup.json();
    let deep = format!("{}\"x\"{}", "[{\"id\":\"i\",\"a\":".repeat(100_000), "}]".repeat(100_000));
    let nested = json.replacen("\"Borrador\"", &deep, 1);
    assert_ne!(nested, json);
    let e = read_with(nested.as_bytes(), &FORMS).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::NotABundle { reason } if reason.contains("recursion")), "{e:?}");
    let zip = zip_of(&[Entry { name: "bundle.json".into(), content: Content::Bytes(nested.into_bytes()), deflated: true }]).0;
    assert!(matches!(&read_each_with(&zip, &FORMS)[..], [p] if p.bundle.is_err()));
}
