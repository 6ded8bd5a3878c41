//! One CSV table per form: metadata columns, then columns derived from item ids.
//! UTF-8 with a BOM and CRLF line ends, so spreadsheet programs show accents right.

use super::{exportable, Error};
use crate::engine::{Answers, FormDef, ItemDef, ItemKind, Value};
use crate::record::Record;

const META: [&str; 9] = ["instance_id", "form_id", "form_version", "status", "revision", "created", "modified", "completed", "language"];

/// Writes complete records of `form` as CSV bytes.
///
/// Columns: a multiple-choice item gives a summary column (codes separated by spaces) and a
/// `item/code` 0/1 column per option, blank when not answered; a tally gives its computed total
/// and a `item/code` count column per row; a repeat group gives
/// `item/N/child` columns for its N-th instance, as many as the longest record has.
pub fn to_csv(form: &FormDef, records: &[Record]) -> Result<Vec<u8>, Error> {
    let records = records.iter().map(|r| exportable(form, r)).collect::<Result<Vec<_>, _>>()?;
    let mut columns: Vec<Column> = Vec::new();
    for item in form.items() {
        if item.kind == ItemKind::Repeat {
            let most = records.iter().map(|r| r.answers.instances(&item.id).len()).max().unwrap_or(0);
            for n in 0..most {
                for child in &item.items {
                    columns_for(child, Some((item, n)), &mut columns);
                }
            }
        } else {
            columns_for(item, None, &mut columns);
        }
    }
    let mut out = Vec::from("\u{feff}".as_bytes());
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
    let parent = form.parent_form.is_some();
    let meta_names = META.iter().map(|s| s.to_string()).chain(parent.then(|| "parent_id".to_string()));
    let header = meta_names.chain(columns.iter().map(Column::name));
    w.write_record(header).map_err(|e| Error::Write(e.to_string()))?;
    for r in &records {
        let meta = [
            r.id.clone(),
            r.form_id.clone(),
            r.form_version.clone(),
            serde_json::to_value(r.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            r.revision.to_string(),
            r.created.clone(),
            r.modified.clone(),
            r.completed.clone().unwrap_or_default(),
            r.language.clone(),
        ];
        let parent_id = parent.then(|| r.parent.clone().unwrap_or_default());
        let cells = meta.into_iter().chain(parent_id).chain(columns.iter().map(|c| c.cell(&r.answers)));
        w.write_record(cells.map(|c| neutralise(&c))).map_err(|e| Error::Write(e.to_string()))?;
    }
    w.flush().map_err(|e| Error::Write(e.to_string()))?;
    drop(w);
    Ok(out)
}

/// Neutralises a cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or carriage return) by putting an apostrophe before it, as OWASP recommends.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

struct Column {
    item: String,
    /// `(repeat item id, instance index)` for a child of a repeat group.
    repeat: Option<(String, usize)>,
    /// The option code of a 0/1 column of a multiple-choice item.
    option: Option<String>,
}

impl Column {
    fn name(&self) -> String {
        let base = match &self.repeat {
            Some((r, n)) => format!("{r}/{}/{}", n + 1, self.item),
            None => self.item.clone(),
        };
        match &self.option {
            Some(code) => format!("{base}/{code}"),
            None => base,
        }
    }

    fn cell(&self, answers: &Answers) -> String {
        let scope = match &self.repeat {
            Some((r, n)) => match answers.instances(r).get(*n) {
                Some(inst) => &inst.answers,
                None => return String::new(),
            },
            None => answers,
        };
        match (scope.get(&self.item), &self.option) {
            (Some(Value::Text(t)), None) => t.clone(),
            (Some(Value::Many(codes)), None) => codes.join(" "),
            (Some(Value::Many(codes)), Some(code)) => if codes.contains(code) { "1" } else { "0" }.into(),
            (Some(Value::Counts(_)), None) => scope.total(&self.item).to_string(),
            (Some(Value::Counts(counts)), Some(code)) => counts.get(code).map(u32::to_string).unwrap_or_default(),
            _ => String::new(),
        }
    }
}

fn columns_for(item: &ItemDef, repeat: Option<(&ItemDef, usize)>, out: &mut Vec<Column>) {
    let repeat = repeat.map(|(r, n)| (r.id.clone(), n));
    out.push(Column { item: item.id.clone(), repeat: repeat.clone(), option: None });
    if matches!(item.kind, ItemKind::MultipleChoice | ItemKind::Tally) {
        out.extend(item.choices.iter().map(|c| Column { item: item.id.clone(), repeat: repeat.clone(), option: Some(c.value.clone()) }));
    }
}
