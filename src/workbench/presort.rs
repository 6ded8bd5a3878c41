//! A record's answers pre-sorted into findings by the report roles of its form
//! (`docs/report-roles.md`): the kind from the item's role, what it is about from the section's
//! session and the objectives, principles and session items, who it is from (and whether it
//! may be quoted) from the country, category, name and consent items. Only the questions shown
//! count, as in print and export: an answer kept in a draft for a question no longer asked is
//! not a finding.

use std::collections::HashMap;

use super::finding::{Attribution, Finding, Kind};
use crate::engine::{is_relevant, section_relevant, Answers, Consent, FormDef, FormRole, ItemDef, ItemKind, Role, Value};
use crate::forms;
use crate::record::Record;

/// Every finding of one record, in form order: each answered text with a finding role, and
/// each instance of a repeat group with one (its texts joined). A record of a form the app
/// does not know has none.
pub fn findings_of(record: &Record) -> Vec<Finding> {
    let Some(form) = forms::of(record) else { return Vec::new() };
    let root = &record.answers;
    let record_objectives = codes(shown(form, root, Role::Objectives), root);
    let record_principles = codes(shown(form, root, Role::Principles), root);
    let record_sessions = codes(shown(form, root, Role::Session), root);
    let who = attribution(form, root);
    let mut out = Vec::new();
    for section in form.sections.iter().filter(|s| section_relevant(s, root)) {
        for item in section.items.iter().filter(|i| is_relevant(i, root, None)) {
            let Some(kind) = item.role.and_then(kind_of) else { continue };
            for words in words_of(item, root) {
                let objectives = if words.objectives.is_empty() { record_objectives.clone() } else { words.objectives.clone() };
                // The nearest says it: the section's session, the instance's objectives, the
                // record's session item, the record's objectives.
                let sessions = match &section.session {
                    Some(code) => vec![code.clone()],
                    None if !words.objectives.is_empty() => groups_of("thematic_sessions", &words.objectives),
                    None if !record_sessions.is_empty() => record_sessions.clone(),
                    None => groups_of("thematic_sessions", &objectives),
                };
                out.push(Finding {
                    id: match words.instance {
                        Some(i) => format!("{}/{}/{i}", record.id, item.id),
                        None => format!("{}/{}", record.id, item.id),
                    },
                    record_id: record.id.clone(),
                    form_id: form.id.clone(),
                    item_id: item.id.clone(),
                    kind,
                    sessions,
                    areas: groups_of("thematic_areas", &objectives),
                    objectives,
                    principles: if words.principles.is_empty() { record_principles.clone() } else { words.principles },
                    text: words.text,
                    who: who.clone(),
                });
            }
        }
    }
    out
}

/// The findings of many records, each as [`findings_of`] gives them, with one thing a record
/// may take from the record it belongs to: a participant input that says no country of its
/// own is from its session's country.
pub fn findings_in(records: &[Record]) -> Vec<Finding> {
    let by_id: HashMap<&str, &Record> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut out = Vec::new();
    for record in records {
        let mut found = findings_of(record);
        let parent = record.parent.as_deref().and_then(|p| by_id.get(p));
        if let Some(parent) = parent.filter(|_| found.iter().any(|f| f.who.country.is_none())) {
            let country = attribution_of(parent).country;
            for f in found.iter_mut().filter(|f| f.who.country.is_none()) {
                f.who.country.clone_from(&country);
            }
        }
        out.extend(found);
    }
    out
}

/// Who a record's words are from and whether they may be quoted or named, from its form's
/// roles (questions shown only): the author's category (the form's, or the one chosen), the
/// first country given as one code, and the consent. Without a consent item, the form's role
/// decides: a government's report and a session's notes are public.
pub fn attribution_of(record: &Record) -> Attribution {
    forms::of(record).map(|f| attribution(f, &record.answers)).unwrap_or_default()
}

fn attribution(form: &FormDef, root: &Answers) -> Attribution {
    let one = |item: Option<&ItemDef>| match codes(item, root).as_slice() {
        [code] => Some(code.clone()),
        _ => None,
    };
    let (may_quote, may_name) = match shown(form, root, Role::Consent) {
        Some(item) => {
            let given: Vec<Consent> = codes(Some(item), root).iter().filter_map(|c| Consent::from_code(c)).collect();
            let quote = !given.is_empty() && given.iter().all(|c| c.may_quote());
            (quote, quote && given.iter().any(|c| c.may_name()))
        }
        None => {
            let public = form.role.is_some_and(FormRole::is_public);
            (public, public)
        }
    };
    let name = shown(form, root, Role::Name).map(|i| root.text(&i.id).trim()).filter(|n| may_name && !n.is_empty());
    Attribution {
        category: form.author_category.clone().or_else(|| one(shown(form, root, Role::Category))),
        country: shown_all(form, root, Role::Country).find_map(|i| one(Some(i))),
        name: name.map(String::from),
        may_quote,
    }
}

/// The words of one finding: an answer, or a repeat instance's texts with its own objectives
/// and principles (empty when it has none: the record's then apply).
#[derive(Default)]
struct Words<'a> {
    text: String,
    instance: Option<&'a str>,
    objectives: Vec<String>,
    principles: Vec<String>,
}

/// The words of a finding item: its text, or each instance of its repeat group that has some.
fn words_of<'a>(item: &ItemDef, root: &'a Answers) -> Vec<Words<'a>> {
    match root.get(&item.id) {
        Some(Value::Text(text)) if !text.trim().is_empty() => vec![Words { text: text.clone(), ..Words::default() }],
        Some(Value::Repeat(instances)) => instances
            .iter()
            .filter_map(|instance| {
                let a = &instance.answers;
                let shown = |c: &&ItemDef| is_relevant(c, root, Some(a));
                let texts: Vec<&str> = item
                    .items
                    .iter()
                    .filter(|c| matches!(c.kind, ItemKind::ShortText | ItemKind::LongText) && shown(c))
                    .map(|c| a.text(&c.id).trim())
                    .filter(|t| !t.is_empty())
                    .collect();
                (!texts.is_empty()).then(|| Words {
                    text: texts.join("\n\n"),
                    instance: Some(instance.id.as_str()),
                    objectives: codes(item.child_with(Role::Objectives).filter(shown), a),
                    principles: codes(item.child_with(Role::Principles).filter(shown), a),
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The kind of finding an item's role makes of its answers.
fn kind_of(role: Role) -> Option<Kind> {
    Some(match role {
        Role::Progress => Kind::Progress,
        Role::Situations => Kind::Situations,
        Role::Challenges => Kind::Challenges,
        Role::GoodPractices => Kind::GoodPractices,
        Role::Recommendations => Kind::Recommendations,
        Role::Pledges => Kind::Pledges,
        Role::OtherFinding => Kind::Other,
        _ => return None,
    })
}

/// The top-level items with `role` among the questions shown, in form order.
fn shown_all<'a>(form: &'a FormDef, root: &'a Answers, role: Role) -> impl Iterator<Item = &'a ItemDef> + 'a {
    form.sections
        .iter()
        .filter(move |s| section_relevant(s, root))
        .flat_map(|s| s.items.iter())
        .filter(move |i| i.role == Some(role) && is_relevant(i, root, None))
}

fn shown<'a>(form: &'a FormDef, root: &'a Answers, role: Role) -> Option<&'a ItemDef> {
    shown_all(form, root, role).next()
}

/// The codes chosen for `item` in `answers` (one, or several).
fn codes(item: Option<&ItemDef>, answers: &Answers) -> Vec<String> {
    match item.and_then(|i| answers.get(&i.id)) {
        Some(Value::Text(code)) if !code.is_empty() => vec![code.clone()],
        Some(Value::Many(list)) => list.clone(),
        _ => Vec::new(),
    }
}

/// The groups of a grouping list (`thematic_sessions`, `thematic_areas`) holding any of these
/// objectives, in the list's order.
fn groups_of(list: &str, objectives: &[String]) -> Vec<String> {
    forms::list(list).iter().filter(|g| g.members.iter().any(|m| objectives.contains(m))).map(|g| g.value.clone()).collect()
}
