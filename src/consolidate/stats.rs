//! The review report's basic statistics (seed 004, Annex 2), from the consolidated records:
//! each a table of counts by code, drawn by the page as bars and downloadable as CSV. Titles
//! and headings are text keys (`stats.*` in the locale files), worded in the reader's language.

use super::Facets;
use crate::bundle::neutralise;
use crate::engine::Choice;
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

fn of_form<'a>(rows: &'a [(&'a Record, &'a Facets)], form: &'a str) -> impl Iterator<Item = &'a Record> + 'a {
    rows.iter().map(|(r, _)| *r).filter(move |r| r.form_id == form)
}

fn choices_of(form: &str, item: &str) -> Vec<Choice> {
    forms::get(form).and_then(|f| f.item(item)).map(|i| i.choices.clone()).unwrap_or_default()
}

/// Every statistic, in report order, over these records (all, or those a filter shows) and
/// their facets.
pub fn all(rows: &[(&Record, &Facets)]) -> Vec<Table> {
    let records = || rows.iter().map(|(r, _)| *r);
    let form_choices: Vec<Choice> =
        forms::all().iter().map(|f| Choice { value: f.id.clone(), label: f.title.clone(), members: Vec::new() }).collect();
    let single = |r: &Record, item: &str| -> Vec<(String, u64)> {
        let v = r.answers.text(item);
        if v.is_empty() { Vec::new() } else { vec![(v.to_string(), 1)] }
    };
    let summed = |r: &Record, item: &str| -> Vec<(String, u64)> {
        r.answers.counts(item).map(|c| c.iter().map(|(k, n)| (k.clone(), u64::from(*n))).collect()).unwrap_or_default()
    };
    let inputs = || rows.iter().filter(|(r, _)| r.form_id == "participant_input");
    vec![
        table(("records_by_form", "h_form", "h_records"), &form_choices, records().map(|r| vec![(r.form_id.clone(), 1)]), false, false),
        table(("reports_by_author", "h_category", "h_reports"), forms::list("stakeholder_categories"),
            records().filter_map(|r| match r.form_id.as_str() {
                // A Member State's Annex 1 questionnaire is a government's report.
                "annex1" => Some(vec![("governments".to_string(), 1)]),
                "stakeholder_report" => Some(single(r, "org_category")),
                _ => None,
            }), false, false),
        table(("countries", "h_country", "h_records"), forms::list("countries_with_other"),
            rows.iter().map(|(_, f)| f.countries.iter().map(|c| (c.clone(), 1)).collect()), true, true),
        table(("inputs_by_category", "h_category", "h_inputs"), &choices_of("participant_input", "input_category"),
            of_form(rows, "participant_input").map(|r| single(r, "input_category")), false, false),
        table(("inputs_by_gender", "h_gender", "h_inputs"), &choices_of("participant_input", "gender"),
            of_form(rows, "participant_input").map(|r| single(r, "gender")), false, false),
        table(("attendance_by_category", "h_category", "h_participants"), &choices_of("consultation_session", "attendance_by_category"),
            of_form(rows, "consultation_session").map(|r| summed(r, "attendance_by_category")), false, false),
        table(("attendance_by_gender", "h_gender", "h_participants"), &choices_of("consultation_session", "attendance_by_gender"),
            of_form(rows, "consultation_session").map(|r| summed(r, "attendance_by_gender")), false, false),
        table(("inputs_by_session", "h_session", "h_inputs"), forms::list("thematic_sessions"),
            of_form(rows, "participant_input").map(|r| single(r, "input_session")), false, false),
        table(("inputs_by_area", "h_area", "h_inputs"), forms::list("thematic_areas"),
            inputs().map(|(_, f)| f.areas.iter().map(|a| (a.clone(), 1)).collect()), true, false),
        table(("inputs_by_objective", "h_objective", "h_inputs"), forms::list("gcm_objectives"),
            inputs().map(|(_, f)| f.objectives.iter().map(|o| (o.clone(), 1)).collect()), true, false),
    ]
}
