//! A response as a read-only document: the questions shown, in order, relevance applied, each
//! with its answer resolved to the form's choices. One structure for printing, the
//! secretariat's record view and a blank paper questionnaire; words stay keys ([`crate::i18n::Text`]),
//! so one document reads in any language.

use super::answers::{Answers, Value};
use super::def::{Choice, FormDef, ItemDef, ItemKind, SectionDef};
use super::validate::{is_relevant, section_relevant};

/// A form's questions and answers, section by section.
#[derive(Debug)]
pub struct Document<'a> {
    pub form: &'a FormDef,
    pub sections: Vec<DocSection<'a>>,
    /// Whether this is a blank questionnaire (every question, no answers) to fill on paper.
    pub blank: bool,
}

/// One section with its shown questions.
#[derive(Debug)]
pub struct DocSection<'a> {
    pub def: &'a SectionDef,
    pub entries: Vec<Entry<'a>>,
}

/// One question and its answer.
#[derive(Debug)]
pub struct Entry<'a> {
    pub item: &'a ItemDef,
    pub answer: Answer<'a>,
}

/// An answer as a reader sees it.
#[derive(Debug)]
pub enum Answer<'a> {
    /// Not answered (or a blank questionnaire): a paper form leaves room, or boxes for its choices.
    Blank,
    /// Written text, a date or a number, as given.
    Text(&'a str),
    /// The options chosen, in the form's order; a code the form does not know (an older
    /// version's) stays as its code.
    Chosen(Vec<Chosen<'a>>),
    /// A tally: each option with its count (options left blank are left out), and the total.
    Tally { counts: Vec<(Chosen<'a>, u32)>, total: u64 },
    /// A repeat group's instances, in order (the reader numbers them from 1).
    Instances(Vec<Vec<Entry<'a>>>),
}

/// An option of an answer.
#[derive(Debug, PartialEq)]
pub enum Chosen<'a> {
    Known(&'a Choice),
    Unknown(&'a str),
}

impl<'a> Document<'a> {
    /// The document of `answers`: relevant sections and questions only, each with its answer
    /// or [`Answer::Blank`].
    pub fn of(form: &'a FormDef, answers: &'a Answers) -> Document<'a> {
        let sections = form
            .sections
            .iter()
            .filter(|s| section_relevant(s, answers))
            .map(|def| DocSection { def, entries: entries(&def.items, answers, answers, false) })
            .collect();
        Document { form, sections, blank: false }
    }

    /// A blank questionnaire: every section and question, none answered, to print and fill on
    /// paper (conditions are in the questions' own words, as "If so, …").
    pub fn blank(form: &'a FormDef) -> Document<'a> {
        let sections = form
            .sections
            .iter()
            .map(|def| DocSection { def, entries: def.items.iter().map(|item| Entry { item, answer: Answer::Blank }).collect() })
            .collect();
        Document { form, sections, blank: true }
    }
}

fn entries<'a>(items: &'a [ItemDef], scope: &'a Answers, root: &'a Answers, inside: bool) -> Vec<Entry<'a>> {
    items
        .iter()
        .filter(|item| is_relevant(item, root, inside.then_some(scope)))
        .map(|item| Entry { item, answer: answer(item, scope.get(&item.id), root) })
        .collect()
}

fn chosen<'a>(item: &'a ItemDef, code: &'a str) -> Chosen<'a> {
    item.choice(code).map_or(Chosen::Unknown(code), Chosen::Known)
}

fn answer<'a>(item: &'a ItemDef, value: Option<&'a Value>, root: &'a Answers) -> Answer<'a> {
    let Some(value) = value else { return Answer::Blank };
    match (item.kind, value) {
        (ItemKind::Repeat, Value::Repeat(list)) => {
            Answer::Instances(list.iter().map(|i| entries(&item.items, &i.answers, root, true)).collect())
        }
        (ItemKind::Tally, Value::Counts(counts)) => {
            // In the form's order of options; codes it does not know after them.
            let mut rows: Vec<(Chosen, u32)> =
                item.choices.iter().filter_map(|c| counts.get(&c.value).map(|n| (Chosen::Known(c), *n))).collect();
            rows.extend(counts.iter().filter(|(k, _)| item.choice(k).is_none()).map(|(k, n)| (Chosen::Unknown(k), *n)));
            Answer::Tally { total: rows.iter().map(|(_, n)| u64::from(*n)).sum(), counts: rows }
        }
        (_, Value::Many(codes)) => {
            let mut list: Vec<Chosen> = item.choices.iter().filter(|c| codes.contains(&c.value)).map(Chosen::Known).collect();
            list.extend(codes.iter().filter(|c| item.choice(c).is_none()).map(|c| Chosen::Unknown(c)));
            Answer::Chosen(list)
        }
        (_, Value::Text(text)) if !item.choices.is_empty() => Answer::Chosen(vec![chosen(item, text)]),
        (_, Value::Text(text)) => Answer::Text(text),
        // A value of another shape than the kind's (a hand-edited file): shown as not answered.
        _ => Answer::Blank,
    }
}
