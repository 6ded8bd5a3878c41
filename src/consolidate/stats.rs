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

/// One statistic's definition: what it is called and the rows it always lists (the choices of
/// its list, in order; codes no list has follow, in the order met).
struct Def {
    id: &'static str,
    key_heading: &'static str,
    count_heading: &'static str,
    choices: Vec<Choice>,
    /// One record counts in several rows: the total counts records, not rows.
    overlapping: bool,
    /// Rows with no count are left out.
    skip_zero: bool,
}

/// The statistics, in report order, their choices found once (the forms are bundled).
fn defs() -> &'static [Def] {
    static DEFS: std::sync::OnceLock<Vec<Def>> = std::sync::OnceLock::new();
    DEFS.get_or_init(|| {
        let def = |(id, key_heading, count_heading), choices: Vec<Choice>, overlapping, skip_zero| Def {
            id, key_heading, count_heading, choices, overlapping, skip_zero,
        };
        let list = |name: &str| forms::list(name).to_vec();
        let form_choices: Vec<Choice> =
            forms::all().iter().map(|f| Choice { value: f.id.clone(), label: f.title.clone(), members: Vec::new() }).collect();
        vec![
            def(("records_by_form", "h_form", "h_records"), form_choices, false, false),
            def(("reports_by_author", "h_category", "h_reports"), list("stakeholder_categories"), false, false),
            def(("countries", "h_country", "h_records"), list("countries_with_other"), true, true),
            def(("inputs_by_category", "h_category", "h_inputs"), choices_with(FormRole::Input, Role::Category), false, false),
            def(("inputs_by_gender", "h_gender", "h_inputs"), choices_with(FormRole::Input, Role::Gender), false, false),
            def(("attendance_by_category", "h_category", "h_participants"), choices_with(FormRole::Session, Role::Category), false, false),
            def(("attendance_by_gender", "h_gender", "h_participants"), choices_with(FormRole::Session, Role::Gender), false, false),
            def(("inputs_by_session", "h_session", "h_inputs"), list("thematic_sessions"), false, false),
            def(("inputs_by_area", "h_area", "h_inputs"), list("thematic_areas"), true, false),
            def(("inputs_by_objective", "h_objective", "h_inputs"), list("gcm_objectives"), true, false),
        ]
    })
}

/// The codes one record counts in statistic `k` of [`defs`] (with their counts), or `None`
/// when the record is not of the kind that statistic counts.
fn codes_in(k: usize, r: &Record, f: &Facets) -> Option<Vec<(String, u64)>> {
    let ones = |codes: &[String]| codes.iter().map(|c| (c.clone(), 1)).collect();
    let input = || form_as(r, FormRole::Input);
    let counted = |form_role, role| form_as(r, form_role).map(|form| codes(r, form.item_with(role)));
    match k {
        0 => Some(vec![(r.form_id.clone(), 1)]),
        1 => author(r),
        2 => Some(ones(&f.countries)),
        3 => counted(FormRole::Input, Role::Category),
        4 => counted(FormRole::Input, Role::Gender),
        5 => counted(FormRole::Session, Role::Category),
        6 => counted(FormRole::Session, Role::Gender),
        7 => counted(FormRole::Input, Role::Session),
        8 => input().map(|_| ones(&f.areas)),
        9 => input().map(|_| ones(&f.objectives)),
        _ => None,
    }
}

/// What one record adds to each statistic, found once when it arrives (its [`Facets`] keep
/// it): the statistics of the records shown are then sums of these. Walking every answer of
/// 100,000 records again took about 400 ms, at each key of a search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counted {
    /// (statistic, row of its choices, count), in the order the record names the codes.
    known: Vec<(u8, u16, u32)>,
    /// Codes no list has (an older form version's), in the same order: (statistic, code, count).
    other: Vec<(u8, String, u32)>,
    /// A bit per statistic the record names any code in: an overlapping statistic's total
    /// counts such records.
    named: u32,
}

impl Counted {
    /// What `r` (with its facets `f`, as far as they are found) adds to each statistic.
    pub fn of(r: &Record, f: &Facets) -> Counted {
        let mut out = Counted::default();
        for (k, def) in defs().iter().enumerate() {
            let Some(codes) = codes_in(k, r, f) else { continue };
            if !codes.is_empty() {
                out.named |= 1 << k;
            }
            for (code, n) in codes {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                match def.choices.iter().position(|c| c.value == code) {
                    Some(row) => out.known.push((k as u8, row as u16, n)),
                    None => out.other.push((k as u8, code, n)),
                }
            }
        }
        out
    }
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
    of(rows.iter().map(|(_, f)| &f.counted))
}

/// Every statistic, in report order, summed from what each record adds ([`Counted`]).
pub fn of<'a>(records: impl Iterator<Item = &'a Counted>) -> Vec<Table> {
    let defs = defs();
    let mut rows: Vec<Vec<Row>> = defs
        .iter()
        .map(|d| d.choices.iter().map(|c| Row { code: c.value.clone(), label: Some(c.label.clone()), count: 0 }).collect())
        .collect();
    let mut totals = vec![0u64; defs.len()];
    for c in records {
        for &(k, row, n) in &c.known {
            let (k, n) = (usize::from(k), u64::from(n));
            rows[k][usize::from(row)].count += n;
            if !defs[k].overlapping {
                totals[k] += n;
            }
        }
        for (k, code, n) in &c.other {
            let (k, n) = (usize::from(*k), u64::from(*n));
            if !defs[k].overlapping {
                totals[k] += n;
            }
            // Codes of the lists are never here: only the rows added for other codes are searched.
            let listed = defs[k].choices.len();
            match rows[k][listed..].iter_mut().find(|r| r.code == *code) {
                Some(row) => row.count += n,
                None => rows[k].push(Row { label: None, code: code.clone(), count: n }),
            }
        }
        for (k, total) in totals.iter_mut().enumerate() {
            if defs[k].overlapping && c.named & (1 << k) != 0 {
                *total += 1;
            }
        }
    }
    defs.iter()
        .zip(rows)
        .zip(totals)
        .map(|((d, mut rows), total)| {
            if d.skip_zero {
                rows.retain(|r| r.count > 0);
            }
            Table {
                id: d.id,
                title: text(d.id),
                key_heading: text(d.key_heading),
                count_heading: text(d.count_heading),
                rows,
                total,
                overlapping: d.overlapping,
            }
        })
        .collect()
}
