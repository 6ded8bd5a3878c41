//! CSV tables, as ODK Central exports them: one per form, plus one per repeat group whose
//! rows point back to their record (or enclosing instance). Column names come from item ids
//! and are listed in docs/bundle-format.md. UTF-8 with a BOM and CRLF line ends, so
//! spreadsheet programs show accents right.

use super::select::{find_form, Reason};
use super::{Bundle, Error, ErrorKind};
use crate::engine::{Answers, FormDef, ItemDef, ItemKind, Value};
use crate::record::Record;

/// The metadata columns that open every form table, before `parent_id` and the items.
pub const META_COLUMNS: [&str; 9] =
    ["instance_id", "form_id", "form_version", "status", "revision", "created", "modified", "completed", "language"];

/// The columns that open every repeat-group table, before the group's items.
pub const REPEAT_COLUMNS: [&str; 3] = ["parent_instance_id", "instance_id", "position"];

/// One CSV file of an export, named `<form_id>.csv` or `<form_id>__<repeat_id>.csv` (with
/// `-<version>` after the form id when a bundle holds several versions of it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvFile {
    /// The file name, also its name inside the zip.
    pub name: String,
    /// The file: BOM, header, rows, CRLF line ends.
    pub bytes: Vec<u8>,
}

/// The tables of `form` over `records`, answers written as they are (a submission's records
/// already hold relevant answers only): the form table first, then one per repeat group in
/// form order, each with its header even when it has no rows.
pub fn form_tables(form: &FormDef, records: &[&Record]) -> Result<Vec<CsvFile>, Error> {
    let mut out = vec![form_table(form, records)?];
    let scopes: Vec<(&str, &Answers)> = records.iter().map(|r| (r.id.as_str(), &r.answers)).collect();
    for group in form.items().filter(|i| i.kind == ItemKind::Repeat) {
        repeat_tables(&form.id, group, &scopes, &mut out)?;
    }
    Ok(out)
}

/// `<form_id>.csv`: metadata columns, `parent_id` if the form has a parent form, then the
/// columns of every item outside repeat groups.
pub(crate) fn form_table(form: &FormDef, records: &[&Record]) -> Result<CsvFile, Error> {
    let table = FormTable::of(form);
    Ok(CsvFile { name: format!("{}.csv", form.id), bytes: write_table(&table.header, records.iter().map(|r| table.row(r)))? })
}

/// What a form table's rows are made of: its header and columns.
pub(super) struct FormTable {
    pub(super) header: Vec<String>,
    columns: Vec<Column>,
    parent: bool,
}

impl FormTable {
    pub(super) fn of(form: &FormDef) -> FormTable {
        let columns: Vec<Column> = form.items().filter(|i| i.kind != ItemKind::Repeat).flat_map(columns_for).collect();
        let parent = form.parent_form.is_some();
        let mut header: Vec<String> = META_COLUMNS.iter().map(|s| s.to_string()).collect();
        header.extend(parent.then(|| "parent_id".to_string()));
        header.extend(columns.iter().map(Column::name));
        FormTable { header, columns, parent }
    }

    /// One record's row.
    pub(super) fn row(&self, r: &Record) -> Vec<String> {
        let meta = [
            r.id.clone(),
            r.form_id.clone(),
            r.form_version.clone(),
            status_code(r),
            r.revision.to_string(),
            r.created.clone(),
            r.modified.clone(),
            r.completed.clone().unwrap_or_default(),
            r.language.clone(),
        ];
        let parent_id = self.parent.then(|| r.parent.clone().unwrap_or_default());
        meta.into_iter().chain(parent_id).chain(self.columns.iter().map(|c| c.cell(&r.answers))).collect()
    }
}

/// Every table of a bundle: for each form in its manifest (in manifest order), that form's
/// tables over its records. Used for submissions; a backup's drafts would be written as they are.
/// A bundle holding records of several versions of one form has tables per version, each named
/// with it (`annex1-2025.1.csv`, `annex1-2025.1__examples.csv`): their columns differ.
pub fn bundle_tables(bundle: &Bundle, forms: &[FormDef]) -> Result<Vec<CsvFile>, Error> {
    let mut out = Vec::new();
    for used in &bundle.manifest.forms {
        let records: Vec<&Record> = bundle.records.iter().filter(|r| r.form_id == used.id && r.form_version == used.version).collect();
        let Some(first) = records.first() else { continue };
        let form = find_form(forms, first).ok_or_else(|| Reason::UnknownForm.into_error(first))?;
        let mut tables = form_tables(form, &records)?;
        if bundle.manifest.forms.iter().filter(|f| f.id == used.id).count() > 1 {
            for t in &mut tables {
                t.name = format!("{}-{}{}", form.id, form.version, &t.name[form.id.len()..]);
            }
        }
        out.extend(tables);
    }
    Ok(out)
}

/// Neutralises a cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or carriage return) by putting an apostrophe before it, as OWASP recommends.
pub fn neutralise(cell: &str) -> String {
    neutralised(cell).into_owned()
}

/// A cell as the csv writer takes it.
struct Bytes<'a>(std::borrow::Cow<'a, str>);

impl AsRef<[u8]> for Bytes<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// [`neutralise`], borrowing the cell when it is safe as it is (nearly always: a table of
/// 100,000 records has millions of cells, each copied for nothing before).
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The table of one repeat group, then those of repeat groups nested in it. `scopes` are the
/// answers the group's instances live in, with the id of their record or enclosing instance.
fn repeat_tables(form_id: &str, group: &ItemDef, scopes: &[(&str, &Answers)], out: &mut Vec<CsvFile>) -> Result<(), Error> {
    let table = RepeatTable::of(group);
    let mut inner: Vec<(&str, &Answers)> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for scope in scopes {
        table.rows(scope, &mut rows, &mut inner);
    }
    out.push(CsvFile { name: repeat_table_name(form_id, group), bytes: write_table(&table.header, rows.into_iter())? });
    for nested in group.items.iter().filter(|i| i.kind == ItemKind::Repeat) {
        repeat_tables(form_id, nested, &inner, out)?;
    }
    Ok(())
}

/// `<form_id>__<repeat_id>.csv`.
pub(super) fn repeat_table_name(form_id: &str, group: &ItemDef) -> String {
    format!("{form_id}__{}.csv", group.id)
}

/// What a repeat group's table's rows are made of: its header and columns.
pub(super) struct RepeatTable<'a> {
    pub(super) header: Vec<String>,
    columns: Vec<Column>,
    group: &'a ItemDef,
}

impl<'a> RepeatTable<'a> {
    pub(super) fn of(group: &'a ItemDef) -> RepeatTable<'a> {
        let columns: Vec<Column> = group.items.iter().filter(|i| i.kind != ItemKind::Repeat).flat_map(columns_for).collect();
        let header = REPEAT_COLUMNS.iter().map(|s| s.to_string()).chain(columns.iter().map(Column::name)).collect();
        RepeatTable { header, columns, group }
    }

    /// The rows of the group's instances in one scope (a record's answers, or an enclosing
    /// instance's), added to `rows`; the instances' own answers added to `inner`, the scopes of
    /// the groups nested in this one.
    pub(super) fn rows<'s>(&self, (parent, answers): &(&str, &'s Answers), rows: &mut Vec<Vec<String>>, inner: &mut Vec<(&'s str, &'s Answers)>) {
        for (n, inst) in answers.instances(&self.group.id).iter().enumerate() {
            let lead = [parent.to_string(), inst.id.clone(), (n + 1).to_string()];
            rows.push(lead.into_iter().chain(self.columns.iter().map(|c| c.cell(&inst.answers))).collect());
            inner.push((&inst.id, &inst.answers));
        }
    }
}

/// BOM, header, rows with every cell neutralised, CRLF.
pub(super) fn write_table(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, Error> {
    let mut table = TableWriter::new(header)?;
    for row in rows {
        table.row(&row)?;
    }
    table.finish()
}

/// A table written a row at a time: BOM, header, rows with every cell neutralised, CRLF.
pub(super) struct TableWriter(csv::Writer<Vec<u8>>);

fn write_failed(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Write { message: e.to_string() })
}

impl TableWriter {
    pub(super) fn new(header: &[String]) -> Result<TableWriter, Error> {
        let out = Vec::from("\u{feff}".as_bytes());
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        w.write_record(header).map_err(write_failed)?;
        Ok(TableWriter(w))
    }

    pub(super) fn row(&mut self, row: &[String]) -> Result<(), Error> {
        self.0.write_record(row.iter().map(|c| Bytes(neutralised(c)))).map_err(write_failed)
    }

    pub(super) fn finish(self) -> Result<Vec<u8>, Error> {
        self.0.into_inner().map_err(|e| write_failed(e.error()))
    }
}

fn status_code(r: &Record) -> String {
    r.status.code().to_string()
}

/// One column: an item's answer, or one option of a multiple-choice or tally item.
struct Column {
    item: String,
    option: Option<String>,
}

impl Column {
    fn name(&self) -> String {
        match &self.option {
            Some(code) => format!("{}/{code}", self.item),
            None => self.item.clone(),
        }
    }

    fn cell(&self, answers: &Answers) -> String {
        match (answers.get(&self.item), &self.option) {
            (Some(Value::Text(t)), None) => t.clone(),
            (Some(Value::Many(codes)), None) => codes.join(" "),
            (Some(Value::Many(codes)), Some(code)) => if codes.contains(code) { "1" } else { "0" }.into(),
            (Some(Value::Counts(_)), None) => answers.total(&self.item).to_string(),
            (Some(Value::Counts(counts)), Some(code)) => counts.get(code).map(u32::to_string).unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// An item's columns: its own, then one per option of a multiple-choice or tally item.
fn columns_for(item: &ItemDef) -> Vec<Column> {
    let mut out = vec![Column { item: item.id.clone(), option: None }];
    if matches!(item.kind, ItemKind::MultipleChoice | ItemKind::Tally) {
        out.extend(item.choices.iter().map(|c| Column { item: item.id.clone(), option: Some(c.value.clone()) }));
    }
    out
}
