//! The review report's basic statistics (seed 004, Annex 2), from the consolidated records:
//! each a table of counts by code, drawn by the page as bars and downloadable as CSV.

use super::Facets;
use crate::bundle::neutralise;
use crate::engine::{Choice, Text};
use crate::forms;
use crate::record::Record;

/// One statistic.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Stable name, used for the CSV file (`statistics_<id>.csv`).
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
    pub label: Text,
    pub count: u64,
}

impl Table {
    /// The count for one code (0 when absent), for tests and checks.
    pub fn count(&self, code: &str) -> u64 {
        self.rows.iter().find(|r| r.code == code).map_or(0, |r| r.count)
    }

    /// The table as CSV in `lang`: code, label, count, then the total; UTF-8 with BOM and CRLF
    /// like every CSV the app writes, so spreadsheet programs open accents and lines right.
    pub fn to_csv(&self, lang: &str) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
        let total = if self.overlapping { "Records counted" } else { "Total" };
        let lines = std::iter::once(["code".to_string(), self.key_heading.get(lang).to_string(), self.count_heading.get(lang).to_string()])
            .chain(self.rows.iter().map(|r| [r.code.clone(), neutralise(r.label.get(lang)), r.count.to_string()]))
            .chain(std::iter::once([String::new(), total.to_string(), self.total.to_string()]));
        for line in lines {
            // Writing to memory cannot fail.
            let _ = w.write_record(&line);
        }
        w.into_inner().unwrap_or_default()
    }
}

fn text(en: &str, es: &str) -> Text {
    Text([("en".to_string(), en.to_string()), ("es".to_string(), es.to_string())].into())
}

/// Counts `codes_of` each record over `choices`, keeping zero rows unless `skip_zero`.
fn table(
    (id, title, key_heading, count_heading): (&'static str, Text, Text, Text),
    choices: &[Choice],
    records: impl Iterator<Item = Vec<(String, u64)>>,
    overlapping: bool,
    skip_zero: bool,
) -> Table {
    let mut rows: Vec<Row> = choices.iter().map(|c| Row { code: c.value.clone(), label: c.label.clone(), count: 0 }).collect();
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
                // A code no list has (an older form version): counted under its own name.
                None => rows.push(Row { label: text(&code, &code), code, count: n }),
            }
        }
    }
    if skip_zero {
        rows.retain(|r| r.count > 0);
    }
    Table { id, title, key_heading, count_heading, rows, total, overlapping }
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
    let records_h = || text("Records", "Registros");
    let inputs_h = || text("Inputs", "Aportes");
    let people_h = || text("Participants", "Participantes");
    let category_h = || text("Stakeholder category", "Categoría de actor");
    let gender_h = || text("Gender", "Género");
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
        table(("records_by_form", text("Records by form", "Registros por formulario"), text("Form", "Formulario"), records_h()), &form_choices,
            records().map(|r| vec![(r.form_id.clone(), 1)]), false, false),
        table(("reports_by_author",
            text("Voluntary reports by type of author", "Informes voluntarios por tipo de autor"), category_h(), text("Reports", "Informes")),
            forms::list("stakeholder_categories"),
            records().filter_map(|r| match r.form_id.as_str() {
                // A Member State's Annex 1 questionnaire is a government's report.
                "annex1" => Some(vec![("governments".to_string(), 1)]),
                "stakeholder_report" => Some(single(r, "org_category")),
                _ => None,
            }), false, false),
        table(("countries", text("Countries represented", "Países representados"), text("Country", "País"), records_h()),
            forms::list("countries_with_other"), rows.iter().map(|(_, f)| f.countries.iter().map(|c| (c.clone(), 1)).collect()), true, true),
        table(("inputs_by_category", text("Participant inputs by stakeholder category", "Aportes de participantes por categoría de actor"),
            category_h(), inputs_h()), &choices_of("participant_input", "input_category"), of_form(rows, "participant_input").map(|r| single(r, "input_category")), false, false),
        table(("inputs_by_gender", text("Participant inputs by gender", "Aportes de participantes por género"), gender_h(), inputs_h()),
            &choices_of("participant_input", "gender"), of_form(rows, "participant_input").map(|r| single(r, "gender")), false, false),
        table(("attendance_by_category", text("Session attendance by stakeholder category (tallies summed)", "Asistencia a las sesiones por categoría de actor (suma de los conteos)"),
            category_h(), people_h()), &choices_of("consultation_session", "attendance_by_category"),
            of_form(rows, "consultation_session").map(|r| summed(r, "attendance_by_category")), false, false),
        table(("attendance_by_gender", text("Session attendance by gender (tallies summed)", "Asistencia a las sesiones por género (suma de los conteos)"),
            gender_h(), people_h()), &choices_of("consultation_session", "attendance_by_gender"),
            of_form(rows, "consultation_session").map(|r| summed(r, "attendance_by_gender")), false, false),
        table(("inputs_by_session", text("Participant inputs by thematic session", "Aportes de participantes por sesión temática"),
            text("Thematic session", "Sesión temática"), inputs_h()), forms::list("thematic_sessions"),
            of_form(rows, "participant_input").map(|r| single(r, "input_session")), false, false),
        table(("inputs_by_area", text("Participant inputs by thematic area (of the objectives they concern)", "Aportes de participantes por área temática (de los objetivos que tocan)"),
            text("Thematic area", "Área temática"), inputs_h()), forms::list("thematic_areas"),
            inputs().map(|(_, f)| f.areas.iter().map(|a| (a.clone(), 1)).collect()), true, false),
        table(("inputs_by_objective", text("Participant inputs by GCM objective", "Aportes de participantes por objetivo del PMM"),
            text("GCM objective", "Objetivo del PMM"), inputs_h()), forms::list("gcm_objectives"),
            inputs().map(|(_, f)| f.objectives.iter().map(|o| (o.clone(), 1)).collect()), true, false),
    ]
}
