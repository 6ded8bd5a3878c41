//! The review report's basic statistics (seed 004, Annex 2), from the consolidated records:
//! each a table of counts by code, drawn by the page as bars and downloadable as CSV. Titles
//! and headings are text keys (`stats.*` in the locale files), worded in the reader's language.
//! What is counted is found by the forms' report roles, never by a form's or item's id: a
//! renamed item keeps its role, so no table empties silently.

use super::Facets;
use crate::bundle::neutralise;
use crate::engine::{Choice, FormDef, FormRole, ItemDef, Role, Value};
use crate::forms;
use crate::i18n::{Catalog, Text};
use crate::record::Record;

/// One statistic.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Stable name, used for the CSV file (`statistics_<id>.csv`) and the title's key.
    pub id: &'static str,
    pub title: Text,
    /// Heading of the label column ("Stakeholder category") and of the count column ("Inputs").
    pub key_heading: Text,
    pub count_heading: Text,
    pub rows: Vec<Row>,
    /// The total line: the sum of the rows, or, where one record counts in several rows, how
    /// many records were counted (`overlapping`).
    pub total: u64,
    pub overlapping: bool,
}

/// One line of a statistic.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub code: String,
    /// The code's label; `None` for a code no list has (an older form version), shown as itself.
    pub label: Option<Text>,
    pub count: u64,
}

impl Row {
    /// The row's label in `t`'s language, or its code.
    pub fn label<'a>(&'a self, t: &Catalog) -> &'a str {
        self.label.as_ref().map_or(&self.code, |l| l.get(t))
    }
}

impl Table {
    /// The count for one code (0 when absent), for tests and checks.
    pub fn count(&self, code: &str) -> u64 {
        self.rows.iter().find(|r| r.code == code).map_or(0, |r| r.count)
    }

    /// The words of the total line in `t`'s language.
    pub fn total_label(&self, t: &Catalog) -> &'static str {
        t.find(if self.overlapping { "stats.records_counted" } else { "stats.total" }).unwrap_or("")
    }

    /// The table as CSV in `t`'s language: `code` (a fixed name for programs), label, count,
    /// then the total; UTF-8 with BOM
    /// and CRLF like every CSV the app writes, so spreadsheet programs open accents and lines right.
    pub fn to_csv(&self, t: &Catalog) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
        let head = ["code", self.key_heading.get(t), self.count_heading.get(t)].map(neutralise);
        let lines = std::iter::once(head)
            .chain(self.rows.iter().map(|r| [neutralise(&r.code), neutralise(r.label(t)), r.count.to_string()]))
            .chain(std::iter::once([String::new(), neutralise(self.total_label(t)), self.total.to_string()]));
        for line in lines {
            // Writing to memory cannot fail.
            let _ = w.write_record(&line);
        }
        w.into_inner().unwrap_or_default()
    }
}

/// `stats.<key>`.
fn text(key: &str) -> Text {
    Text::new(format!("stats.{key}"))
}

/// Counts `codes_of` each record over `choices`, keeping zero rows unless `skip_zero`.
fn table(
    (id, key_heading, count_heading): (&'static str, &str, &str),
    choices: &[Choice],
    records: impl Iterator<Item = Vec<(String, u64)>>,
    overlapping: bool,
    skip_zero: bool,
) -> Table {
    let mut rows: Vec<Row> = choices.iter().map(|c| Row { code: c.value.clone(), label: Some(c.label.clone()), count: 0 }).collect();
    let mut total = 0;
    for codes in records {
        if overlapping && !codes.is_empty() {
            total += 1;
        }
        for (code, n) in codes {
            if !overlapping {
                total += n;
            }
            match rows.iter_mut().find(|r| r.code == code) {
                Some(row) => row.count += n,
                None => rows.push(Row { label: None, code, count: n }),
            }
        }
    }
    if skip_zero {
        rows.retain(|r| r.count > 0);
    }
    Table { id, title: text(id), key_heading: text(key_heading), count_heading: text(count_heading), rows, total, overlapping }
}

/// The codes an answer counts: a chosen code once, each of several chosen, a tally's counts.
fn codes(r: &Record, item: Option<&ItemDef>) -> Vec<(String, u64)> {
    match item.and_then(|i| r.answers.get(&i.id)) {
        Some(Value::Text(code)) if !code.is_empty() => vec![(code.clone(), 1)],
        Some(Value::Many(list)) => list.iter().map(|c| (c.clone(), 1)).collect(),
        Some(Value::Counts(counts)) => counts.iter().map(|(c, n)| (c.clone(), u64::from(*n))).collect(),
        _ => Vec::new(),
    }
}

/// The bundled form of a record (the version it names), if it has this role.
fn form_as(r: &Record, role: FormRole) -> Option<&'static FormDef> {
    forms::of(r).filter(|f| f.role == Some(role))
}

/// For each record of a form with `form_role`, the codes of its item with `role`.
fn counted<'a>(rows: &'a [(&'a Record, &'a Facets)], form_role: FormRole, role: Role) -> impl Iterator<Item = Vec<(String, u64)>> + 'a {
    rows.iter().filter_map(move |(r, _)| form_as(r, form_role).map(|f| codes(r, f.item_with(role))))
}

/// The choices of the item with `role` in the forms with `form_role`, each code once, in form order.
fn choices_with(form_role: FormRole, role: Role) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for item in forms::all().iter().filter(|f| f.role == Some(form_role)).filter_map(|f| f.item_with(role)) {
        for choice in &item.choices {
            if !out.iter().any(|o| o.value == choice.value) {
                out.push(choice.clone());
            }
        }
    }
    out
}

/// A voluntary report's author category: the form's, or the one its author chose.
fn author(r: &Record) -> Option<Vec<(String, u64)>> {
    let form = forms::of(r).filter(|f| f.role.is_some_and(FormRole::is_report))?;
    Some(match &form.author_category {
        Some(category) => vec![(category.clone(), 1)],
        None => codes(r, form.item_with(Role::Category)),
    })
}

/// Every statistic, in report order, over these records (all, or those a filter shows) and
/// their facets. Forms and items are found by their report roles (`docs/report-roles.md`).
pub fn all(rows: &[(&Record, &Facets)]) -> Vec<Table> {
    let records = || rows.iter().map(|(r, _)| *r);
    let form_choices: Vec<Choice> =
        forms::all().iter().map(|f| Choice { value: f.id.clone(), label: f.title.clone(), members: Vec::new() }).collect();
    let inputs = || rows.iter().filter(|(r, _)| form_as(r, FormRole::Input).is_some());
    vec![
        table(("records_by_form", "h_form", "h_records"), &form_choices, records().map(|r| vec![(r.form_id.clone(), 1)]), false, false),
        table(("reports_by_author", "h_category", "h_reports"), forms::list("stakeholder_categories"), records().filter_map(author), false, false),
        table(("countries", "h_country", "h_records"), forms::list("countries_with_other"),
            rows.iter().map(|(_, f)| f.countries.iter().map(|c| (c.clone(), 1)).collect()), true, true),
        table(("inputs_by_category", "h_category", "h_inputs"), &choices_with(FormRole::Input, Role::Category),
            counted(rows, FormRole::Input, Role::Category), false, false),
        table(("inputs_by_gender", "h_gender", "h_inputs"), &choices_with(FormRole::Input, Role::Gender),
            counted(rows, FormRole::Input, Role::Gender), false, false),
        table(("attendance_by_category", "h_category", "h_participants"), &choices_with(FormRole::Session, Role::Category),
            counted(rows, FormRole::Session, Role::Category), false, false),
        table(("attendance_by_gender", "h_gender", "h_participants"), &choices_with(FormRole::Session, Role::Gender),
            counted(rows, FormRole::Session, Role::Gender), false, false),
        table(("inputs_by_session", "h_session", "h_inputs"), forms::list("thematic_sessions"),
            counted(rows, FormRole::Input, Role::Session), false, false),
        table(("inputs_by_area", "h_area", "h_inputs"), forms::list("thematic_areas"),
            inputs().map(|(_, f)| f.areas.iter().map(|a| (a.clone(), 1)).collect()), true, false),
        table(("inputs_by_objective", "h_objective", "h_inputs"), forms::list("gcm_objectives"),
            inputs().map(|(_, f)| f.objectives.iter().map(|o| (o.clone(), 1)).collect()), true, false),
    ]
}
