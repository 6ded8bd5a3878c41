//! The secretariat's consolidated export written in slices, with a pause between them for
//! the browser to paint and answer the person: 100,000 records took 1.6 s of one task, the
//! page frozen meanwhile. The same bytes as [`Bundle::submission`], [`Bundle::to_json`] and
//! [`super::to_zip`] (tests/export_in_steps.rs compares them); the other pages, which export
//! a response or a session, keep those.

use std::future::Future;
use std::ops::Range;

use rawzip::{CompressionMethod, Crc32Option, DataDescriptorOutput, ZipArchiveWriter};

use super::csv_out::{repeat_table_name, CsvFile, FormTable, RepeatTable, TableWriter};
use super::digest::{form_sha256_cached, RecordsDigest};
use super::manifest::{Bundle, FormRef, Kind, Manifest, FORMAT, FORMAT_VERSION};
use super::select::{find_form, submission_copy, Reason};
use super::zip::{crc32_more, readme, zip_time, BUNDLE_JSON};
use super::{codebook, Error, ErrorKind};
use crate::engine::{Answers, FormDef, ItemDef, ItemKind};
use crate::i18n::Catalog;
use crate::record::Record;

/// Where the work lets the browser in: called after each small piece of work (a record, a
/// megabyte) with how much of the whole is done, from 0 to 1, it gives a future to wait for
/// when the slice of time is used (the page's yields to the browser), none otherwise. One
/// type, not a trait, so the wasm carries each step once.
pub struct Pause<'a> {
    step: &'a mut dyn FnMut(f64) -> Option<Wait>,
    /// The share of the whole the current step is.
    range: Range<f64>,
}

/// What [`Pause`] waits for.
pub type Wait = std::pin::Pin<Box<dyn Future<Output = ()>>>;

impl<'a> Pause<'a> {
    pub fn new(step: &'a mut dyn FnMut(f64) -> Option<Wait>) -> Self {
        Pause { step, range: 0.0..1.0 }
    }

    /// After a piece of work, with `done` of the current step (0 to 1) done.
    pub async fn at(&mut self, done: f64) {
        if let Some(wait) = (self.step)(self.range.start + done * (self.range.end - self.range.start)) {
            wait.await;
        }
    }

    /// The pause of a step that is `share` of the current one.
    pub fn part(&mut self, share: Range<f64>) -> Pause<'_> {
        let Range { start, end } = self.range;
        Pause { step: &mut *self.step, range: start + share.start * (end - start)..start + share.end * (end - start) }
    }
}

/// Bytes copied or checked between pauses.
const BYTES_STEP: usize = 1 << 20;

/// The submission copies of `records` (checked again, only relevant answers), as
/// [`Bundle::submission`] makes them: the caller takes them a slice of the collection at a time.
pub fn submission_copies(records: &[Record], forms: &[FormDef]) -> Result<Vec<Record>, Error> {
    records.iter().map(|r| submission_copy(forms, r).map_err(|reason| reason.into_error(r))).collect()
}

/// [`Bundle::submission`] of records whose [`submission_copies`] are `copies`.
pub async fn submission(copies: Vec<Record>, forms: &[FormDef], created: &str, device_id: &str, pause: &mut Pause<'_>) -> Result<Bundle, Error> {
    let records = sorted(copies, |a, b| (&a.form_id, &a.created, &a.id).cmp(&(&b.form_id, &b.created, &b.id)), &mut pause.part(0.0..0.4)).await;
    let mut used: Vec<FormRef> = Vec::new();
    for r in &records {
        let form = find_form(forms, r).ok_or_else(|| Reason::UnknownForm.into_error(r))?;
        if !used.iter().any(|f| f.id == form.id && f.version == form.version) {
            used.push(FormRef { id: form.id.clone(), version: form.version.clone(), sha256: form_sha256_cached(form)? });
        }
    }
    let used = super::manifest::sorted(used, |a, b| (&a.id, &a.version).cmp(&(&b.id, &b.version)));
    let manifest = Manifest {
        created: created.to_string(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        device_id: device_id.to_string(),
        kind: Kind::Submission,
        forms: used,
        record_count: records.len() as u64,
        records_sha256: records_sha256(&records, &mut pause.part(0.4..1.0)).await?,
    };
    Ok(Bundle { format: FORMAT.to_string(), format_version: FORMAT_VERSION, manifest, records })
}

/// [`Bundle::to_json`]: the manifest as serde writes it, then each record pretty-printed at the
/// depth the whole bundle's printing reaches it (laid out from the compact JSON, `pretty.rs`).
pub async fn to_json(bundle: &Bundle, pause: &mut Pause<'_>) -> Result<Vec<u8>, Error> {
    let empty = Bundle { format: bundle.format.clone(), format_version: bundle.format_version, manifest: bundle.manifest.clone(), records: Vec::new() };
    let head = empty.to_json()?;
    // `…"records": []\n}`: the records go between the brackets.
    let head = head.strip_suffix("]\n}").ok_or_else(|| write_failed("bundle.json ends otherwise"))?;
    // About 760 bytes a record: room for all at once (growing copied tens of megabytes in one go).
    let mut out = Vec::with_capacity(head.len() + bundle.records.len() * 800);
    out.extend_from_slice(head.as_bytes());
    let n = bundle.records.len();
    let mut compact = Vec::new();
    for (i, r) in bundle.records.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        serde_json::to_writer(&mut compact, r).map_err(write_failed)?;
        super::pretty::pretty_into(&compact, 2, &mut out);
        compact.clear();
        pause.at((i + 1) as f64 / n as f64).await;
    }
    out.extend_from_slice(if n == 0 { b"]\n}" } else { b"\n  ]\n}" });
    Ok(out)
}

/// [`super::to_zip`].
pub async fn to_zip(bundle: &Bundle, forms: &[FormDef], catalogs: &[&Catalog], pause: &mut Pause<'_>) -> Result<Vec<u8>, Error> {
    let mut tables = Vec::new();
    // A backup's zip has no tables (as `super::to_zip` writes it; not called here, so the
    // page carries one zip writer).
    if bundle.manifest.kind == Kind::Submission {
        tables = bundle_tables(bundle, forms, &mut pause.part(0.0..0.4)).await?;
        let used: Vec<&FormDef> =
            bundle.manifest.forms.iter().filter_map(|u| forms.iter().find(|f| f.id == u.id && f.version == u.version)).collect();
        tables.push(codebook(&used, catalogs)?);
    }
    let mut names = vec![BUNDLE_JSON.to_string()];
    names.extend(tables.iter().map(|t| t.name.clone()));
    let readme = readme(bundle.manifest.kind, &names, catalogs);
    let json = to_json(bundle, &mut pause.part(0.4..0.75)).await?;
    let mut files: Vec<(&str, &[u8])> = vec![("README.txt", readme.as_bytes()), (BUNDLE_JSON, json.as_slice())];
    files.extend(tables.iter().map(|t| (t.name.as_str(), t.bytes.as_slice())));
    stored_zip(&files, &bundle.manifest.created, &mut pause.part(0.75..1.0)).await
}

/// [`super::bundle_tables`], a record (or a record's instances) at a time.
async fn bundle_tables(bundle: &Bundle, forms: &[FormDef], pause: &mut Pause<'_>) -> Result<Vec<CsvFile>, Error> {
    let mut out = Vec::new();
    let listed = bundle.manifest.forms.len().max(1) as f64;
    for (k, used) in bundle.manifest.forms.iter().enumerate() {
        let records: Vec<&Record> = bundle.records.iter().filter(|r| r.form_id == used.id && r.form_version == used.version).collect();
        let Some(first) = records.first() else { continue };
        let form = find_form(forms, first).ok_or_else(|| Reason::UnknownForm.into_error(first))?;
        let mut tables = form_tables(form, &records, &mut pause.part(k as f64 / listed..(k + 1) as f64 / listed)).await?;
        if bundle.manifest.forms.iter().filter(|f| f.id == used.id).count() > 1 {
            for t in &mut tables {
                t.name = format!("{}-{}{}", form.id, form.version, &t.name[form.id.len()..]);
            }
        }
        out.extend(tables);
    }
    Ok(out)
}

/// [`super::form_tables`]: the form table, then each repeat group's and those nested in it.
async fn form_tables(form: &FormDef, records: &[&Record], pause: &mut Pause<'_>) -> Result<Vec<CsvFile>, Error> {
    let groups: Vec<&ItemDef> = form.items().filter(|i| i.kind == ItemKind::Repeat).collect();
    let each = 1.0 / (1 + groups.len()) as f64;
    let table = FormTable::of(form);
    let mut w = TableWriter::new(&table.header)?;
    for (i, r) in records.iter().enumerate() {
        w.row(&table.row(r))?;
        pause.at(each * (i + 1) as f64 / records.len() as f64).await;
    }
    let mut out = vec![CsvFile { name: format!("{}.csv", form.id), bytes: w.finish()? }];
    let scopes: Vec<(&str, &Answers)> = records.iter().map(|r| (r.id.as_str(), &r.answers)).collect();
    for (k, group) in groups.into_iter().enumerate() {
        let part = each * (k + 1) as f64..each * (k + 2) as f64;
        repeat_tables(&form.id, group, scopes.clone(), &mut out, &mut pause.part(part)).await?;
    }
    Ok(out)
}

/// A repeat group's table, then those of the groups nested in it, depth first, as
/// `csv_out::repeat_tables` writes them (a list of groups still to write, not recursion: an
/// `async fn` cannot call itself unboxed).
async fn repeat_tables<'a>(form_id: &str, group: &'a ItemDef, scopes: Vec<(&'a str, &'a Answers)>, out: &mut Vec<CsvFile>, pause: &mut Pause<'_>) -> Result<(), Error> {
    let mut to_write = vec![(group, scopes)];
    while let Some((group, scopes)) = to_write.pop() {
        let table = RepeatTable::of(group);
        let mut w = TableWriter::new(&table.header)?;
        let mut inner = Vec::new();
        let mut rows = Vec::new();
        for (i, scope) in scopes.iter().enumerate() {
            table.rows(scope, &mut rows, &mut inner);
            for row in rows.drain(..) {
                w.row(&row)?;
            }
            pause.at((i + 1) as f64 / scopes.len() as f64).await;
        }
        out.push(CsvFile { name: repeat_table_name(form_id, group), bytes: w.finish()? });
        for nested in group.items.iter().filter(|i| i.kind == ItemKind::Repeat).rev() {
            to_write.push((nested, inner.clone()));
        }
    }
    Ok(())
}

/// [`super::stored_zip`]: each file's CRC found a megabyte at a time, then copied in a
/// megabyte at a time.
async fn stored_zip(files: &[(&str, &[u8])], created: &str, pause: &mut Pause<'_>) -> Result<Vec<u8>, Error> {
    let total = files.iter().map(|(_, b)| b.len()).sum::<usize>().max(1) as f64;
    let mut done = 0usize;
    let mut crcs = Vec::with_capacity(files.len());
    for (_, bytes) in files {
        let mut crc = 0;
        for chunk in bytes.chunks(BYTES_STEP) {
            crc = crc32_more(crc, chunk);
            done += chunk.len();
            pause.at(done as f64 / total / 2.0).await;
        }
        crcs.push(crc);
    }
    let time = zip_time(created);
    let fail = |e: rawzip::Error| write_failed(e);
    let room = files.iter().map(|(name, bytes)| bytes.len() + 2 * name.len() + 160).sum::<usize>() + 64;
    let mut archive = ZipArchiveWriter::new(Vec::with_capacity(room));
    for ((name, bytes), crc) in files.iter().zip(crcs) {
        let mut file = archive.new_file(name).compression_method(CompressionMethod::STORE).unix_permissions(0o644).crc32(Crc32Option::Custom(crc));
        if let Some(t) = time {
            file = file.last_modified(t);
        }
        // Written to the entry itself, with the CRC found above: through rawzip's data writer,
        // whose state outlives the pauses here, its own CRC code and 16 KB of tables stayed in
        // the wasm though never run.
        let (mut entry, _) = file.start().map_err(fail)?;
        for chunk in bytes.chunks(BYTES_STEP) {
            std::io::Write::write_all(&mut entry, chunk).map_err(write_failed)?;
            done += chunk.len();
            pause.at(done as f64 / total / 2.0).await;
        }
        entry.finish(DataDescriptorOutput::new(crc, bytes.len() as u64)).map_err(fail)?;
    }
    archive.finish().map_err(fail)
}

/// [`super::records_sha256`]: a record at a time.
async fn records_sha256(records: &[Record], pause: &mut Pause<'_>) -> Result<String, Error> {
    let mut digest = RecordsDigest::new();
    for (i, r) in records.iter().enumerate() {
        digest.add(r)?;
        pause.at((i + 1) as f64 / records.len() as f64).await;
    }
    Ok(digest.finish())
}

/// `items` ordered by `cmp`, ties kept in input order (as `manifest::sorted`): a merge sort of
/// their positions, run by run. The binary insertion there moves the positions after each
/// insertion, which over 100,000 records of two forms (each session before its inputs) was
/// most of a second.
async fn sorted<T>(items: Vec<T>, cmp: impl Fn(&T, &T) -> std::cmp::Ordering, pause: &mut Pause<'_>) -> Vec<T> {
    let n = items.len();
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = vec![0usize; n];
    let passes = (usize::BITS - n.saturating_sub(1).leading_zeros()).max(1) as f64;
    let (mut width, mut pass) = (1, 0.0);
    while width < n {
        let mut since = 0;
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            merge(&order[start..mid], &order[mid..end], &mut merged[start..end], |a, b| cmp(&items[a], &items[b]).is_le());
            since += end - start;
            if since >= 2048 {
                since = 0;
                pause.at((pass + end as f64 / n as f64) / passes).await;
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
        pass += 1.0;
    }
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(n);
    for (k, &i) in order.iter().enumerate() {
        out.extend(slots[i].take());
        if k % 4096 == 4095 {
            pause.at(1.0).await;
        }
    }
    out
}

/// Drops `records` a thousand at a time: freeing 100,000 records' many small allocations at
/// once held the page tens of milliseconds.
pub async fn drop_records(mut records: Vec<Record>, pause: &mut Pause<'_>) {
    let n = records.len().max(1) as f64;
    while !records.is_empty() {
        records.truncate(records.len().saturating_sub(1000));
        pause.at(1.0 - records.len() as f64 / n).await;
    }
}

/// `left` and `right` (each in order) into `out`, taking from `left` on ties.
fn merge(left: &[usize], right: &[usize], out: &mut [usize], le: impl Fn(usize, usize) -> bool) {
    let (mut i, mut j) = (0, 0);
    for slot in out.iter_mut() {
        let from_left = j == right.len() || (i < left.len() && le(left[i], right[j]));
        *slot = if from_left { left[i] } else { right[j] };
        if from_left {
            i += 1;
        } else {
            j += 1;
        }
    }
}

fn write_failed(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Write { message: e.to_string() })
}
