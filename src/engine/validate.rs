//! Relevance, validation and progress over a form's answers.
//!
//! Violations are data, not errors: drafts may be invalid, and at most one violation is
//! reported per field (a blank value can only be missing; a filled one only malformed).

use super::answers::{Answers, Value};
use super::def::{FormDef, ItemDef, ItemKind, SectionDef};

/// What is wrong with one answer.
#[derive(Clone, Debug, PartialEq)]
pub enum ViolationKind {
    Missing,
    TooShort { min: usize },
    TooLong { max: usize },
    Email,
    Date,
    Number,
    BelowMin { min: f64 },
    AboveMax { max: f64 },
    UnknownChoice,
}

/// A limit as people write it ("10", "2.5"). Whole numbers skip float formatting, and others
/// go through serde_json's (ryu), which the app carries anyway: core's float `Display` would
/// add some 6 KB gzip to the wasm for two messages.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        serde_json::Number::from_f64(n).map(|x| x.to_string()).unwrap_or_default()
    }
}

/// One field that fails, with the repeat instance it is in, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub item: String,
    /// `(repeat item id, instance id)` for items inside a repeat group.
    pub within: Option<(String, String)>,
    pub kind: ViolationKind,
}

impl Violation {
    /// The DOM id of the field, as [`field_id`] gives it.
    pub fn field_id(&self) -> String {
        field_id(self.within.as_ref().map(|(r, i)| (r.as_str(), i.as_str())), &self.item)
    }
}

/// A stable, unique DOM id for a field: the UI renders it and the error summary links to it.
pub fn field_id(within: Option<(&str, &str)>, item: &str) -> String {
    match within {
        Some((repeat, instance)) => format!("q-{repeat}-{instance}-{item}"),
        None => format!("q-{item}"),
    }
}

/// Required answers given and required in all, among the relevant items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub required: usize,
}

/// Whether `item` is shown, given the form's answers and, inside a repeat, its instance's.
pub fn is_relevant(item: &ItemDef, root: &Answers, instance: Option<&Answers>) -> bool {
    match (&item.relevant, instance) {
        (None, _) => true,
        (Some(c), Some(inst)) => c.holds(&[inst, root]),
        (Some(c), None) => c.holds(&[root]),
    }
}

/// Whether a section (and so every item in it) is shown, given the form's answers.
pub fn section_relevant(section: &SectionDef, answers: &Answers) -> bool {
    section.relevant.as_ref().is_none_or(|c| c.holds(&[answers]))
}

/// Every violation among the relevant items, in form order.
pub fn validate(form: &FormDef, answers: &Answers) -> Vec<Violation> {
    let mut out = Vec::new();
    walk(form, answers, &mut |item, value, within| {
        let kind = match value {
            None if item.required => Some(ViolationKind::Missing),
            None => None,
            Some(v) => check(item, v),
        };
        if let Some(kind) = kind {
            let within = within.map(|(r, i)| (r.to_string(), i.to_string()));
            out.push(Violation { item: item.id.clone(), within, kind });
        }
    });
    out
}

/// Required answers given, out of those required now.
pub fn progress(form: &FormDef, answers: &Answers) -> Progress {
    let mut p = Progress::default();
    walk(form, answers, &mut |item, value, _| {
        if item.required {
            p.required += 1;
            if value.is_some() {
                p.answered += 1;
            }
        }
    });
    p
}

/// The answers to export: relevant items of the form only. Answers to items that are not
/// relevant stay in the draft (the person may switch back) but never leave the device.
pub fn exportable(form: &FormDef, answers: &Answers) -> Answers {
    fn keep(items: &[ItemDef], scope: &Answers, root: &Answers, inside: bool) -> Answers {
        let mut out = Answers::default();
        for item in items {
            let relevant = is_relevant(item, root, inside.then_some(scope));
            match scope.get(&item.id) {
                Some(Value::Repeat(list)) if relevant && item.kind == ItemKind::Repeat => {
                    let list = list
                        .iter()
                        .map(|i| super::Instance { id: i.id.clone(), answers: keep(&item.items, &i.answers, root, true) })
                        .collect();
                    out.0.insert(item.id.clone(), Value::Repeat(list));
                }
                Some(v) if relevant && item.kind != ItemKind::Repeat => {
                    out.0.insert(item.id.clone(), v.clone());
                }
                _ => {}
            }
        }
        out
    }
    let mut out = Answers::default();
    for section in form.sections.iter().filter(|s| section_relevant(s, answers)) {
        out.0.extend(keep(&section.items, answers, answers, false).0);
    }
    out
}

/// Calls `visit` for every relevant item (repeat children once per instance) with its answer.
fn walk(form: &FormDef, answers: &Answers, visit: &mut dyn FnMut(&ItemDef, Option<&Value>, Option<(&str, &str)>)) {
    let sections = form.sections.iter().filter(|s| section_relevant(s, answers));
    for item in sections.flat_map(|s| s.items.iter()) {
        if !is_relevant(item, answers, None) {
            continue;
        }
        visit(item, answers.get(&item.id), None);
        for inst in answers.instances(&item.id) {
            for child in item.items.iter().filter(|c| is_relevant(c, answers, Some(&inst.answers))) {
                visit(child, inst.answers.get(&child.id), Some((&item.id, &inst.id)));
            }
        }
    }
}

pub(crate) fn check(item: &ItemDef, value: &Value) -> Option<ViolationKind> {
    let known = |code: &String| item.choices.iter().any(|c| &c.value == code);
    match (item.kind, value) {
        (ItemKind::MultipleChoice, Value::Many(codes)) => (!codes.iter().all(known)).then_some(ViolationKind::UnknownChoice),
        (ItemKind::SingleChoice | ItemKind::YesNo, Value::Text(code)) => (!known(code)).then_some(ViolationKind::UnknownChoice),
        (ItemKind::Repeat, Value::Repeat(_)) => None,
        (ItemKind::Tally, Value::Counts(counts)) => (!counts.keys().all(known)).then_some(ViolationKind::UnknownChoice),
        (ItemKind::ShortText | ItemKind::LongText | ItemKind::Email | ItemKind::Date | ItemKind::Number, Value::Text(text)) => {
            check_text(item, text.trim())
        }
        // An answer of the wrong shape (e.g. from an older definition) is as good as malformed.
        (ItemKind::MultipleChoice | ItemKind::SingleChoice | ItemKind::YesNo | ItemKind::Repeat | ItemKind::Tally, _) => {
            Some(ViolationKind::UnknownChoice)
        }
        (ItemKind::ShortText | ItemKind::LongText | ItemKind::Email | ItemKind::Date | ItemKind::Number, _) => Some(ViolationKind::Missing),
    }
}

fn check_text(item: &ItemDef, text: &str) -> Option<ViolationKind> {
    let len = text.chars().count();
    if let Some(max) = item.max_length.filter(|&m| len > m) {
        return Some(ViolationKind::TooLong { max });
    }
    if let Some(min) = item.min_length.filter(|&m| len < m) {
        return Some(ViolationKind::TooShort { min });
    }
    match item.kind {
        ItemKind::Email if !is_email(text) => Some(ViolationKind::Email),
        ItemKind::Date if !is_date(text) => Some(ViolationKind::Date),
        ItemKind::Number => match parse_number(text) {
            Some(n) if item.min.is_some_and(|m| n < m) => Some(ViolationKind::BelowMin { min: item.min.unwrap_or_default() }),
            Some(n) if item.max.is_some_and(|m| n > m) => Some(ViolationKind::AboveMax { max: item.max.unwrap_or_default() }),
            Some(_) => None,
            None => Some(ViolationKind::Number),
        },
        _ => None,
    }
}

/// A number as people type it, in the grammar of `str::parse::<f64>` (`12`, `-3.5`, `+1`, `.5`,
/// `5.`, `007`, `2e3`), if finite (`inf` and `NaN` are no answer to a number question). Read by
/// serde_json's number parser, the one the forms' limits are read with, once written as JSON
/// writes it: core's float parser added its 10 KB table of powers of five to the wasm (collector
/// -14.4 KB gzip). The same value as core's for up to 15 digits without an exponent; with more,
/// or an exponent, within 2 units in the last place (as the limits themselves are read).
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let (sign, unsigned) = match text.as_bytes().first() {
        Some(b'-') => ("-", &text[1..]),
        Some(b'+') => ("", &text[1..]),
        _ => ("", text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) || !exponent_ok {
        return None;
    }
    // JSON: no `+`, no leading zeros, digits on both sides of a point.
    let int = int.trim_start_matches('0');
    let mut json = format!("{sign}{}", if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    if let Some(e) = exponent {
        json.push('e');
        json.push_str(e);
    }
    serde_json::from_slice::<f64>(json.as_bytes()).ok().filter(|n| n.is_finite())
}

/// A pragmatic address check: one `@`, something before it, a dotted domain after, no spaces.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

/// A real calendar date written `YYYY-MM-DD`, as `<input type=date>` gives it.
pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1900 && (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("24-01-01"));
        assert!(!is_date("2024-1-011"));
    }

    /// What `str::parse::<f64>` makes of `text`, finite; the same to within rounding.
    fn assert_parses_as_core(text: &str) {
        let core = text.parse::<f64>().ok().filter(|n| n.is_finite());
        let ours = parse_number(text);
        match (core, ours) {
            (Some(a), Some(b)) => assert!(a == b || (a - b).abs() <= 4.0 * f64::EPSILON * a.abs(), "{text}: {a} vs {b}"),
            _ => assert_eq!(core, ours, "{text}"),
        }
    }

    #[test]
    fn numbers_are_read_as_core_reads_them() {
        for text in [
            "0", "12", "-3.5", "+1", ".5", "-.5", "5.", "007", "-0", "0.000", "2e3", "2E+3", "1.5e-3", "1e0000000000000000000001",
            "12345678901234567890123", "0.1", "3.14159265358979323846", "1e308", "1e309", "-1e309", "1e-400", "0e999999999999",
            "", "-", "+", ".", "-.", "e5", "1e", "1e+", "1e-", "1.2.3", "1,5", " 1", "1 ", "+-1", "--1", "0x10", "1_000", "inf",
            "-infinity", "NaN", "١", "1e5.5", "½",
        ] {
            assert_parses_as_core(text);
        }
        // Every short string over the characters of numbers.
        let alphabet = ['0', '1', '9', '.', 'e', '-', '+'];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            texts = texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.iter().for_each(|t| assert_parses_as_core(t));
        }
    }

    #[test]
    fn emails_need_a_dotted_domain() {
        assert!(is_email("focal.point@cancilleria.gob.cl"));
        assert!(!is_email("focal point@x.org"));
        assert!(!is_email("a@b"));
        assert!(!is_email("@b.org"));
        assert!(!is_email("a@b..org"));
    }
}
