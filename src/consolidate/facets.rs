//! What the secretariat filters records by, read from each record through its form's report
//! roles (so a new form with a `country` item is filterable by country with no code here).
//! Facets hold codes and text keys, never words: a search matches the chosen options' labels
//! in the language the secretariat reads them in.

use super::stats::Counted;
use crate::bundle::search_key;
use crate::engine::{Answers, ItemDef, ItemKind, Role, Value};
use crate::forms;
use super::Collection;
use crate::i18n::{Catalog, Lang, Text};
use crate::record::Record;

/// One record's codes per facet, its date and its searchable text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub form: String,
    /// Country codes from items with the `country` or `origin_country` role.
    pub countries: Vec<String>,
    /// Stakeholder categories: the form's author's, chosen, or present in an attendance tally.
    pub categories: Vec<String>,
    /// Thematic sessions named by the record.
    pub sessions: Vec<String>,
    /// GCM objectives cited anywhere in the record (repeats included).
    pub objectives: Vec<String>,
    /// Thematic areas holding any of those objectives.
    pub areas: Vec<String>,
    /// `YYYY-MM-DD`: the form's first date answered, else the day it was last saved.
    pub date: String,
    /// Every written answer, as [`search_key`] text; a search is a phrase found in it.
    pub text: String,
    /// The labels of the options chosen (by key, from the bundled definitions): a search also
    /// finds a record whose chosen option reads, in the reader's language, with the phrase.
    pub labels: Vec<&'static Text>,
    /// What the record adds to each of the report's statistics.
    pub counted: Counted,
}

impl Facets {
    /// The facets of one record; a record of an unknown form has only its form and date.
    pub fn of(record: &Record) -> Facets {
        let mut f = Facets { form: record.form_id.clone(), ..Facets::default() };
        let mut text = String::new();
        if let Some(form) = forms::of(record) {
            f.categories.extend(form.author_category.iter().cloned());
            collect(&form.sections.iter().flat_map(|s| &s.items).collect::<Vec<_>>(), &record.answers, &mut f, &mut text);
        }
        if f.date.is_empty() {
            f.date = record.modified.get(..10).unwrap_or_default().to_string();
        }
        for area in forms::list("thematic_areas") {
            if area.members.iter().any(|m| f.objectives.contains(m)) {
                f.areas.push(area.value.clone());
            }
        }
        f.text = search_key(&text);
        f.counted = Counted::of(record, &f);
        f
    }
}

fn collect(items: &[&'static ItemDef], answers: &Answers, f: &mut Facets, text: &mut String) {
    for item in items {
        let Some(value) = answers.get(&item.id) else { continue };
        let codes: Vec<&str> = match value {
            Value::Text(s) if item.kind == ItemKind::Date && f.date.is_empty() => {
                f.date = s.clone();
                Vec::new()
            }
            Value::Text(s) if item.choices.is_empty() => {
                text.push_str(s);
                text.push('\n');
                Vec::new()
            }
            Value::Text(s) => vec![s.as_str()],
            Value::Many(list) => list.iter().map(String::as_str).collect(),
            Value::Counts(counts) => counts.iter().filter(|(_, n)| **n > 0).map(|(c, _)| c.as_str()).collect(),
            Value::Repeat(list) => {
                let children: Vec<&'static ItemDef> = item.items.iter().collect();
                for instance in list {
                    collect(&children, &instance.answers, f, text);
                }
                Vec::new()
            }
        };
        let mut facet = match item.role {
            Some(Role::Country | Role::OriginCountry) => Some(&mut f.countries),
            Some(Role::Category) => Some(&mut f.categories),
            Some(Role::Session) => Some(&mut f.sessions),
            Some(Role::Objectives) => Some(&mut f.objectives),
            _ => None,
        };
        for code in codes {
            if item.kind != ItemKind::Tally {
                if let Some(choice) = item.choice(code) {
                    f.labels.push(&choice.label);
                }
            }
            if let Some(list) = facet.as_deref_mut().filter(|l| !l.iter().any(|c| c == code)) {
                list.push(code.to_string());
            }
        }
    }
}

/// The secretariat's filters; `None` (or an empty text) lets every record through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub form: Option<String>,
    pub country: Option<String>,
    pub category: Option<String>,
    /// A thematic session (`session1`…) or a thematic area (`area1`…).
    pub theme: Option<String>,
    pub objective: Option<String>,
    /// Inclusive `YYYY-MM-DD` bounds.
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
}

impl Filter {
    /// The positions in `all` of the records that pass every filter set; the search reads
    /// chosen options in `t`'s language.
    pub fn matching(&self, all: &[Facets], t: &Catalog) -> Vec<usize> {
        self.matching_among(all, t, 0..all.len())
    }

    /// [`Filter::matching`] among the records at `positions` only: those of an earlier filter
    /// this one [narrows](Filter::narrows), as a search typed one more letter does.
    pub fn matching_among(&self, all: &[Facets], t: &Catalog, positions: impl IntoIterator<Item = usize>) -> Vec<usize> {
        // The search text is folded once, and the labels it is found in listed once (a few
        // hundred option texts), not once per record.
        let key = self.key();
        let key = key.trim();
        // Sorted, so each record's few labels are found by halving, not by reading them all:
        // a short search matches hundreds of option texts.
        let mut labels: Vec<&str> = if key.is_empty() {
            Vec::new()
        } else {
            t.entries().filter(|(k, v)| is_option(k) && search_key(v).contains(key)).map(|(k, _)| k).collect()
        };
        labels.sort_unstable();
        positions.into_iter().filter(|&i| all.get(i).is_some_and(|f| self.passes(f, key, &labels))).collect()
    }

    /// Whether every record this filter lets through passes `before` too: the same filter, its
    /// search longer around the earlier one (a record's text or option label holding the
    /// longer phrase holds the shorter). Each letter typed then searches the last matches,
    /// not 100,000 records again.
    pub fn narrows(&self, before: &Filter) -> bool {
        let same = Filter { text: None, ..self.clone() } == Filter { text: None, ..before.clone() };
        same && self.key().trim().contains(before.key().trim())
    }

    fn key(&self) -> String {
        self.text.as_deref().map(search_key).unwrap_or_default()
    }

    fn passes(&self, f: &Facets, key: &str, labels: &[&str]) -> bool {
        let has = |want: &Option<String>, list: &[String]| want.as_ref().is_none_or(|w| list.contains(w));
        self.form.as_ref().is_none_or(|w| *w == f.form)
            && has(&self.country, &f.countries)
            && has(&self.category, &f.categories)
            && has(&self.objective, &f.objectives)
            && self.theme.as_ref().is_none_or(|w| f.sessions.contains(w) || f.areas.contains(w))
            && self.from.as_ref().is_none_or(|d| f.date.as_str() >= d.as_str())
            && self.to.as_ref().is_none_or(|d| f.date.as_str() <= d.as_str())
            && (f.text.contains(key) || f.labels.iter().any(|l| labels.binary_search(&l.key()).is_ok()))
    }
}

/// The secretariat's search as it is typed: the last filter's matches, kept so that the next
/// filter, when it [narrows](Filter::narrows) it over the same records
/// ([`Collection::edits`]) in the same language, searches only them: over 100,000 records a
/// letter typed then costs a few ms.
#[derive(Default)]
pub struct Search {
    last: Option<(Filter, u64, Lang, Vec<usize>)>,
}

impl Search {
    /// The positions of the records of `collection` that `filter` lets through, as
    /// [`Filter::matching`] finds them.
    pub fn matching(&mut self, filter: &Filter, collection: &Collection, t: &Catalog) -> Vec<usize> {
        let (all, edits) = (collection.facets(), collection.edits());
        let shown = match self.last.take() {
            Some((before, e, lang, among)) if e == edits && lang == t.lang() && filter.narrows(&before) => filter.matching_among(all, t, among),
            _ => filter.matching(all, t),
        };
        self.last = Some((filter.clone(), edits, t.lang(), shown.clone()));
        shown
    }
}

/// Whether a catalog key names an option's label: a shared list's entry or a form's own choice.
fn is_option(key: &str) -> bool {
    key.starts_with("lists.") || key.contains(".choices.")
}
