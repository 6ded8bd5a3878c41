//! Static form definitions, read from JSON data files and checked once at load.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::error::{Error, ErrorKind};
use super::role::{self, FormRole, Role};
use super::role_check;
use crate::i18n::{Catalog, Text};

/// One option of a choice item: a stable code (what exports carry) and its label's key:
/// `lists.<list>.<code>` for shared lists, `forms.<form>.items.<item>.choices.<code>` otherwise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    #[serde(skip)]
    pub label: Text,
    /// In a grouping list (thematic areas, sessions): the codes of the choices in this group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

/// The closed set of item kinds. Adding one: see the checklist in `../shared/STYLE.md` §6.8.
/// Read as a string and its code (see [`ItemKind::CODES`]), as roles are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "String")]
pub enum ItemKind {
    /// One line of text.
    ShortText,
    /// Paragraphs of text.
    LongText,
    /// An e-mail address.
    Email,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A decimal number, optionally within `min`..=`max`.
    Number,
    /// One code out of `choices`.
    SingleChoice,
    /// Any number of codes out of `choices`.
    MultipleChoice,
    /// `yes` or `no`.
    YesNo,
    /// A group of `items` answered any number of times, each instance with its own id.
    Repeat,
    /// Whole-number counts, one per choice (e.g. attendance by category); the total is computed.
    Tally,
}

impl ItemKind {
    /// Every kind by the code definitions give it (serde's `snake_case` of its name, as it is
    /// written). Serde's derived enum reading cost the wasm more (with [`Status`]'s, collector
    /// -0.6 KB gzip).
    ///
    /// [`Status`]: crate::record::Status
    pub const CODES: [(&str, ItemKind); 10] = [
        ("short_text", ItemKind::ShortText),
        ("long_text", ItemKind::LongText),
        ("email", ItemKind::Email),
        ("date", ItemKind::Date),
        ("number", ItemKind::Number),
        ("single_choice", ItemKind::SingleChoice),
        ("multiple_choice", ItemKind::MultipleChoice),
        ("yes_no", ItemKind::YesNo),
        ("repeat", ItemKind::Repeat),
        ("tally", ItemKind::Tally),
    ];

    fn has_choices(self) -> bool {
        matches!(self, ItemKind::SingleChoice | ItemKind::MultipleChoice | ItemKind::YesNo | ItemKind::Tally)
    }
}

impl TryFrom<String> for ItemKind {
    type Error = serde::de::value::Error;
    fn try_from(code: String) -> Result<ItemKind, Self::Error> {
        const NAMES: [&str; 10] = {
            let mut names = [""; 10];
            let mut i = 0;
            while i < names.len() {
                names[i] = ItemKind::CODES[i].0;
                i += 1;
            }
            names
        };
        let found = ItemKind::CODES.iter().find(|(c, _)| *c == code).map(|&(_, kind)| kind);
        found.ok_or_else(|| serde::de::Error::unknown_variant(&code, &NAMES))
    }
}

/// One question (or repeat group) of a form. Its words are in the locale files, under
/// `forms.<form>.items.<id>`: `label`, an optional `hint`, and `choices` for inline choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    /// Stable snake_case code: the key of the answer and of export columns.
    pub id: String,
    pub kind: ItemKind,
    #[serde(skip)]
    pub label: Text,
    /// Shown where the catalog has it.
    #[serde(skip)]
    pub hint: Text,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Shown (and validated, and exported) only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant: Option<Condition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// Name of a shared list (countries, GCM objectives…) whose entries become `choices` at load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_list: Option<String>,
    /// Name of a grouping list (e.g. thematic sessions) that shows `choices` under headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<String>,
    /// The groups of `group_by`, filled at load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Choice>,
    /// The items of a repeat group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemDef>,
    /// What the answer means for the review report (see `role.rs`). Not serialised: the
    /// definition's digest covers how a form is answered, and a role only says how the
    /// secretariat reads the answers, so giving one does not mark bundles as of another form.
    #[serde(default, skip_serializing, deserialize_with = "role::from_code")]
    pub role: Option<Role>,
}

/// A titled group of items, shown as one part of the form (texts under
/// `forms.<form>.sections.<id>`: `title`, optional `intro`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub id: String,
    #[serde(skip)]
    pub title: Text,
    /// Shown where the catalog has it.
    #[serde(skip)]
    pub intro: Text,
    /// Shown (with all its items) only when this holds; conditions read top-level items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant: Option<Condition>,
    /// The thematic session (a `thematic_sessions` code) every answer in this section is
    /// about, as a stakeholder report asks progress, situations and challenges per session.
    /// A report role, not serialised (see [`ItemDef::role`]).
    #[serde(default, skip_serializing)]
    pub session: Option<String>,
    pub items: Vec<ItemDef>,
}

/// A whole form. Built only by [`FormDef::from_json`], so every reference in it resolves.
/// The definition is the same in every language: its words are in the locale files under
/// `forms.<id>` (`title`, optional `intro`), named by the [`Text`] keys the loader sets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    pub id: String,
    pub version: String,
    #[serde(skip)]
    pub title: Text,
    /// Shown where the catalog has it.
    #[serde(skip)]
    pub intro: Text,
    /// Items whose answers name a draft in lists ("Chile — Ministry of …").
    #[serde(default)]
    pub summary_items: Vec<String>,
    /// Records of this form belong to a record of that form (a participant input to its session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_form: Option<String>,
    /// What the form is for the review report (see `role.rs`); not serialised (see [`ItemDef::role`]).
    #[serde(default, skip_serializing, deserialize_with = "role::from_code")]
    pub role: Option<FormRole>,
    /// The stakeholder category of every record's author, when the form says it rather than
    /// asks it (Annex 1: `governments`); not serialised.
    #[serde(default, skip_serializing)]
    pub author_category: Option<String>,
    pub sections: Vec<SectionDef>,
}

/// Whether [`FormDef::from_json`] checks what it reads. Natively, always: `cargo test` reads
/// every bundled definition (tests/forms.rs), so a malformed one never ships. The wasm reads
/// only those same files, compiled in, and skips the checks: 7.3 KB gzip less in every page's
/// first load (issue 14).
const CHECKED: bool = cfg!(not(target_arch = "wasm32"));

/// Shared choice lists by name, as in `forms/reference.json`.
pub type Lists = BTreeMap<String, Vec<Choice>>;

impl FormDef {
    /// Reads a definition and checks it ([`CHECKED`]): ids unique and snake_case, conditions
    /// naming real items, choices where (and only where) the kind needs them, report roles
    /// that fit (`role.rs`). Sets the key of every text;
    /// that each language's catalog has them is checked by the translation tests.
    pub fn from_json(src: &str, lists: &Lists) -> Result<FormDef, Error> {
        // `from_slice`, as every JSON read in the app: one copy of the parser in the wasm.
        let mut form: FormDef = serde_json::from_slice(src.as_bytes())
            .map_err(|e| Error::new(ErrorKind::Parse { form: "?".into(), message: e.to_string() }))?;
        let f = form.id.clone();
        form.title = Text::new(format!("forms.{f}.title"));
        form.intro = Text::new(format!("forms.{f}.intro"));
        let yes_no = yes_no_choices();
        let mut ids = BTreeSet::new();
        for section in &mut form.sections {
            if CHECKED {
                check_id(&f, &section.id, &mut ids)?;
            }
            section.title = Text::new(format!("forms.{f}.sections.{}.title", section.id));
            section.intro = Text::new(format!("forms.{f}.sections.{}.intro", section.id));
            for item in &mut section.items {
                resolve(&f, item, lists, &yes_no, &mut ids)?;
            }
        }
        if !CHECKED {
            return Ok(form);
        }
        let root: BTreeSet<&str> = form.items().map(|i| i.id.as_str()).collect();
        for section in &form.sections {
            for name in section.relevant.iter().flat_map(Condition::items) {
                if !root.contains(name) {
                    let referenced_by = section.id.clone();
                    return Err(Error::new(ErrorKind::UnknownItem { form: f, item: name.into(), referenced_by }));
                }
            }
            for item in &section.items {
                check_refs(&f, item, &root, &BTreeSet::new())?;
            }
        }
        for id in &form.summary_items {
            if !root.contains(id.as_str()) {
                return Err(Error::new(ErrorKind::UnknownItem { form: f, item: id.clone(), referenced_by: "summary_items".into() }));
            }
        }
        role_check::check(&form, lists)?;
        Ok(form)
    }

    /// Top-level items of every section, in order (repeat groups included, not their children).
    pub fn items(&self) -> impl Iterator<Item = &ItemDef> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// Every top-level item with the section it is in.
    pub fn items_with_sections(&self) -> impl Iterator<Item = (&SectionDef, &ItemDef)> {
        self.sections.iter().flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    /// The top-level item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemDef> {
        self.items().find(|i| i.id == id)
    }
}

impl FormDef {
    /// Every text of the form with whether a language must have it: titles, labels and
    /// choices must; intros and hints exist where English has them. In form order, repeat
    /// children and shared-list choices included.
    pub fn texts(&self) -> Vec<(&Text, bool)> {
        fn item_texts<'a>(item: &'a ItemDef, out: &mut Vec<(&'a Text, bool)>) {
            out.push((&item.label, true));
            out.push((&item.hint, false));
            out.extend(item.choices.iter().chain(&item.groups).map(|c| (&c.label, true)));
            for child in &item.items {
                item_texts(child, out);
            }
        }
        let mut out = vec![(&self.title, true), (&self.intro, false)];
        for section in &self.sections {
            out.push((&section.title, true));
            out.push((&section.intro, false));
            for item in &section.items {
                item_texts(item, &mut out);
            }
        }
        out
    }
}

impl ItemDef {
    /// The choice with this code.
    pub fn choice(&self, value: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.value == value)
    }

    /// The label of `value` among this item's choices in `t`'s language, or the code itself
    /// when the item has no such choice (an answer from an older version of the form).
    pub fn choice_label<'a>(&'a self, value: &'a str, t: &Catalog) -> &'a str {
        self.choice(value).map(|c| c.label.get(t)).unwrap_or(value)
    }
}

/// Reads the shared lists file (codes and groupings; their words are under `lists.<name>` in
/// the locale files) and sets the key of every entry's label.
pub fn parse_lists(src: &str) -> Result<Lists, Error> {
    let mut lists: Lists = serde_json::from_slice(src.as_bytes())
        .map_err(|e| Error::new(ErrorKind::Parse { form: "reference".into(), message: e.to_string() }))?;
    for (name, choices) in &mut lists {
        for c in choices {
            c.label = Text::new(format!("lists.{name}.{}", c.value));
        }
    }
    Ok(lists)
}

/// `yes` and `no`, the choices of every yes/no item (words under `lists.yes_no`).
fn yes_no_choices() -> Vec<Choice> {
    let choice = |value: &str| Choice { value: value.into(), label: Text::new(format!("lists.yes_no.{value}")), members: Vec::new() };
    vec![choice("yes"), choice("no")]
}

fn check_id(form: &str, id: &str, seen: &mut BTreeSet<String>) -> Result<(), Error> {
    let snake = !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    // `id` is reserved: repeat instances carry their own id beside their answers.
    if !snake || id == "id" {
        return Err(Error::new(ErrorKind::BadId { form: form.into(), id: id.into() }));
    }
    if !seen.insert(id.to_string()) {
        return Err(Error::new(ErrorKind::DuplicateId { form: form.into(), id: id.into() }));
    }
    Ok(())
}

fn resolve(form: &str, item: &mut ItemDef, lists: &Lists, yes_no: &[Choice], ids: &mut BTreeSet<String>) -> Result<(), Error> {
    if CHECKED {
        check_id(form, &item.id, ids)?;
    }
    let key = format!("forms.{form}.items.{}", item.id);
    item.label = Text::new(format!("{key}.label"));
    item.hint = Text::new(format!("{key}.hint"));
    for choice in &mut item.choices {
        choice.label = Text::new(format!("{key}.choices.{}", choice.value));
    }
    if let Some(name) = &item.choice_list {
        let list = lists.get(name).ok_or_else(|| {
            Error::new(ErrorKind::UnknownItem { form: form.into(), item: name.clone(), referenced_by: item.id.clone() })
        })?;
        item.choices.extend(list.iter().cloned());
    }
    if let Some(name) = &item.group_by {
        let groups = lists.get(name).ok_or_else(|| {
            Error::new(ErrorKind::UnknownItem { form: form.into(), item: name.clone(), referenced_by: item.id.clone() })
        })?;
        item.groups = groups.clone();
    }
    if item.kind == ItemKind::YesNo && item.choices.is_empty() {
        item.choices = yes_no.to_vec();
    }
    if CHECKED {
        if item.kind.has_choices() == item.choices.is_empty() {
            return Err(Error::new(ErrorKind::BadChoices { form: form.into(), item: item.id.clone() }));
        }
        let mut codes = BTreeSet::new();
        if let Some(dup) = item.choices.iter().find(|c| !codes.insert(c.value.as_str())) {
            return Err(Error::new(ErrorKind::DuplicateId { form: form.into(), id: format!("{}.{}", item.id, dup.value) }));
        }
        if (item.kind == ItemKind::Repeat) == item.items.is_empty() {
            return Err(Error::new(ErrorKind::BadChoices { form: form.into(), item: item.id.clone() }));
        }
    }
    for child in &mut item.items {
        resolve(form, child, lists, yes_no, ids)?;
    }
    Ok(())
}

fn check_refs(form: &str, item: &ItemDef, root: &BTreeSet<&str>, siblings: &BTreeSet<&str>) -> Result<(), Error> {
    if let Some(cond) = &item.relevant {
        for name in cond.items() {
            if !root.contains(name) && !siblings.contains(name) {
                return Err(Error::new(ErrorKind::UnknownItem { form: form.into(), item: name.into(), referenced_by: item.id.clone() }));
            }
        }
    }
    let inner: BTreeSet<&str> = item.items.iter().map(|i| i.id.as_str()).collect();
    for child in &item.items {
        check_refs(form, child, root, &inner)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::ItemKind;

    #[test]
    fn an_item_kind_is_read_from_the_code_it_is_written_as() {
        for (code, kind) in ItemKind::CODES {
            assert_eq!(serde_json::to_value(kind).unwrap(), code);
            assert_eq!(serde_json::from_value::<ItemKind>(code.into()).unwrap(), kind);
        }
        let unknown = serde_json::from_value::<ItemKind>("essay".into()).unwrap_err().to_string();
        assert!(unknown.starts_with("unknown variant `essay`, expected one of `short_text`, `long_text`"), "{unknown}");
    }
}
