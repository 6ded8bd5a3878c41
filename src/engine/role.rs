//! What a form's items mean for the review report, declared in the definitions and checked at
//! load: which answers are findings of which kind (seed 004: progress and potentialities,
//! situations to consider, challenges, highlights; then recommendations and pledges), what they
//! are about (thematic session, objectives, guiding principles) and who they are from (country,
//! stakeholder category, gender, name, consent to publish). Statistics, filters and the
//! rapporteur's grid read these roles, never a form's or an item's id, so renaming an item
//! cannot silently empty a table. Why each item has its role: `docs/report-roles.md`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::def::{FormDef, ItemDef, ItemKind, Lists};
use super::error::{Error, ErrorKind};

/// What one item carries for the report (`"role"` in a definition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    // Findings: a text (or each instance of a repeat group) the report quotes or sums up.
    Progress,
    Situations,
    Challenges,
    GoodPractices,
    Recommendations,
    Pledges,
    /// Words the rapporteur has still to sort (a participant's statement, "other comments").
    OtherFinding,
    // What the record (or a repeat instance) is about.
    /// Thematic sessions (`thematic_sessions` codes).
    Session,
    /// GCM objectives (`gcm_objectives` codes).
    Objectives,
    /// Guiding principles (`guiding_principles` codes).
    Principles,
    // Who it is from.
    /// The country the record speaks from (or, inside a repeat, a country its instance concerns).
    Country,
    /// A participant's country of origin: a country represented, not where the words come from.
    OriginCountry,
    /// Stakeholder category: the author's, or attendance counted by category.
    Category,
    /// Gender: the person's, or attendance counted by gender.
    Gender,
    /// The organisation's or institution's name, shown only when consent allows naming.
    Name,
    /// Consent to publish; its codes are those of [`Consent`].
    Consent,
}

/// What a whole form is for the report (`"role"` at the top of a definition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormRole {
    /// A Member State's answers (Annex 1): a voluntary report, published as sent.
    GovernmentReport,
    /// A stakeholder's voluntary report, published as its consent says.
    StakeholderReport,
    /// A consultation session: its attendance and the discussion's notes.
    Session,
    /// One participant's input to a session, recorded as their consent says.
    Input,
}

/// What an answer to a consent item allows. The codes are the same in every form, so a form
/// states its consent by offering some of them (checked at load).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consent {
    /// `named`: publish with the organisation's name.
    Named,
    /// `anonymised`: publish without it.
    Anonymised,
    /// `not_for_publication`: counted, never quoted.
    NotForPublication,
    /// `given`: a tick box, the person agreed that the input is recorded, without their name.
    Given,
}

impl Consent {
    /// The consent a code stands for.
    pub fn from_code(code: &str) -> Option<Consent> {
        match code {
            "named" => Some(Consent::Named),
            "anonymised" => Some(Consent::Anonymised),
            "not_for_publication" => Some(Consent::NotForPublication),
            "given" => Some(Consent::Given),
            _ => None,
        }
    }

    /// Whether the words may appear in what the report publishes.
    pub fn may_quote(self) -> bool {
        !matches!(self, Consent::NotForPublication)
    }

    /// Whether the author may be named beside them.
    pub fn may_name(self) -> bool {
        self == Consent::Named
    }
}

impl FormRole {
    /// Voluntary reports, as seed 004's Annex 2 table 1 counts them ("by author").
    pub fn is_report(self) -> bool {
        matches!(self, FormRole::GovernmentReport | FormRole::StakeholderReport)
    }

    /// Whether the form's words are published without asking: a government's answers are
    /// posted on the Network's website (seed 003, Annex 1), a session's notes are the field
    /// staff's own record. People's words are published only as their consent says.
    pub fn is_public(self) -> bool {
        matches!(self, FormRole::GovernmentReport | FormRole::Session)
    }
}

impl Role {
    /// Whether answers of this role are findings (the report's words), not facts about them.
    pub fn is_finding(self) -> bool {
        matches!(
            self,
            Role::Progress
                | Role::Situations
                | Role::Challenges
                | Role::GoodPractices
                | Role::Recommendations
                | Role::Pledges
                | Role::OtherFinding
        )
    }

    /// The shared list every choice of an item with this role must come from, so its codes
    /// mean what statistics and the grid count them as.
    pub fn list(self) -> Option<&'static str> {
        match self {
            Role::Session => Some("thematic_sessions"),
            Role::Objectives => Some("gcm_objectives"),
            Role::Principles => Some("guiding_principles"),
            Role::Country | Role::OriginCountry => Some("countries_with_other"),
            Role::Category => Some("stakeholder_categories"),
            _ => None,
        }
    }

    /// The item kinds this role fits.
    fn fits(self, kind: ItemKind) -> bool {
        use ItemKind::*;
        match self {
            _ if self.is_finding() => matches!(kind, ShortText | LongText | Repeat),
            Role::Session | Role::Objectives | Role::Principles | Role::Country | Role::OriginCountry | Role::Consent => {
                matches!(kind, SingleChoice | MultipleChoice)
            }
            Role::Category | Role::Gender => matches!(kind, SingleChoice | MultipleChoice | Tally),
            Role::Name => kind == ShortText,
            _ => false,
        }
    }

    /// Whether the role may sit inside a repeat group: what an instance is about (its own
    /// objectives, principles, countries); who speaks and what the findings are belong to
    /// the record.
    fn in_repeat(self) -> bool {
        matches!(self, Role::Objectives | Role::Principles | Role::Country)
    }

    /// Whether one form (or one repeat group) may have several items of this role: countries
    /// may (a report's and a practice's); for the others statistics read one item.
    fn many(self) -> bool {
        self.is_finding() || matches!(self, Role::Country | Role::OriginCountry)
    }

    /// The role as written in a definition.
    pub fn code(self) -> &'static str {
        match self {
            Role::Progress => "progress",
            Role::Situations => "situations",
            Role::Challenges => "challenges",
            Role::GoodPractices => "good_practices",
            Role::Recommendations => "recommendations",
            Role::Pledges => "pledges",
            Role::OtherFinding => "other_finding",
            Role::Session => "session",
            Role::Objectives => "objectives",
            Role::Principles => "principles",
            Role::Country => "country",
            Role::OriginCountry => "origin_country",
            Role::Category => "category",
            Role::Gender => "gender",
            Role::Name => "name",
            Role::Consent => "consent",
        }
    }
}

impl FormDef {
    /// The top-level item with this role (the first, for roles several items may have).
    pub fn item_with(&self, role: Role) -> Option<&ItemDef> {
        self.items().find(|i| i.role == Some(role))
    }
}

impl ItemDef {
    /// The child item of this repeat group with this role.
    pub fn child_with(&self, role: Role) -> Option<&ItemDef> {
        self.items.iter().find(|i| i.role == Some(role))
    }
}

/// Checks a loaded definition's roles: each on an item of a kind it fits, in a place it may
/// be, with choices from its list; the codes a form or section names in their lists; and a
/// consent item on every form that gathers people's words.
pub(crate) fn check(form: &FormDef, lists: &Lists) -> Result<(), Error> {
    let f = form.id.as_str();
    let in_list = |list: &str, code: &str| lists.get(list).is_some_and(|l| l.iter().any(|c| c.value == code));
    if let Some(code) = &form.author_category {
        if !in_list("stakeholder_categories", code) {
            return Err(unknown_code(f, "author_category", code, "stakeholder_categories"));
        }
    }
    for section in &form.sections {
        if let Some(code) = &section.session {
            if !in_list("thematic_sessions", code) {
                return Err(unknown_code(f, &section.id, code, "thematic_sessions"));
            }
        }
    }
    check_items(f, &form.items().collect::<Vec<_>>(), false, &in_list)?;
    let people = matches!(form.role, Some(FormRole::StakeholderReport | FormRole::Input));
    if people && form.item_with(Role::Consent).is_none() {
        return Err(bad_role(f, "role", "a form of people's words needs an item with the consent role"));
    }
    Ok(())
}

fn check_items(form: &str, items: &[&ItemDef], inside: bool, in_list: &dyn Fn(&str, &str) -> bool) -> Result<(), Error> {
    let mut seen = BTreeSet::new();
    for item in items {
        if let Some(role) = item.role {
            let wrong = |why: &str| bad_role(form, &item.id, &format!("{}: {why}", role.code()));
            if !role.fits(item.kind) {
                return Err(wrong("does not fit an item of this kind"));
            }
            if inside && !role.in_repeat() {
                return Err(wrong("belongs to the record, not inside a repeat group"));
            }
            if !role.many() && !seen.insert(role) {
                return Err(wrong("a second item with this role (statistics read one)"));
            }
            if let Some(list) = role.list() {
                if let Some(c) = item.choices.iter().find(|c| !in_list(list, &c.value)) {
                    return Err(wrong(&format!("choice '{}' is not in the list {list}", c.value)));
                }
            }
            if role == Role::Consent {
                if let Some(c) = item.choices.iter().find(|c| Consent::from_code(&c.value).is_none()) {
                    return Err(wrong(&format!("choice '{}' is not a consent (named, anonymised, not_for_publication, given)", c.value)));
                }
                if item.kind == ItemKind::MultipleChoice && item.choices.len() != 1 {
                    return Err(wrong("a consent tick box has one choice"));
                }
            }
        }
        if !item.items.is_empty() {
            check_items(form, &item.items.iter().collect::<Vec<_>>(), true, in_list)?;
        }
    }
    Ok(())
}

fn bad_role(form: &str, item: &str, reason: &str) -> Error {
    Error::new(ErrorKind::BadRole { form: form.into(), item: item.into(), reason: reason.into() })
}

fn unknown_code(form: &str, referenced_by: &str, code: &str, list: &str) -> Error {
    Error::new(ErrorKind::UnknownCode { form: form.into(), referenced_by: referenced_by.into(), code: code.into(), list: list.into() })
}
