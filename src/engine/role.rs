//! What a form's items mean for the review report, declared in the definitions and checked at
//! load: which answers are findings of which kind (seed 004: progress and potentialities,
//! situations to consider, challenges, highlights; then recommendations and pledges), what they
//! are about (thematic session, objectives, guiding principles) and who they are from (country,
//! stakeholder category, gender, name, consent to publish). Statistics, filters and the
//! rapporteur's grid read these roles, never a form's or an item's id, so renaming an item
//! cannot silently empty a table. Why each item has its role: `docs/report-roles.md`.

use std::fmt;

use serde::{de, Deserialize, Deserializer};

use super::def::{FormDef, ItemDef};

/// What one item carries for the report (`"role"` in a definition, read by [`from_code`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// What a whole form is for the report (`"role"` at the top of a definition, read by [`from_code`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// Every form role.
    pub const ALL: [FormRole; 4] = [FormRole::GovernmentReport, FormRole::StakeholderReport, FormRole::Session, FormRole::Input];

    /// The role as written in a definition.
    pub fn code(self) -> &'static str {
        match self {
            FormRole::GovernmentReport => "government_report",
            FormRole::StakeholderReport => "stakeholder_report",
            FormRole::Session => "session",
            FormRole::Input => "input",
        }
    }

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
    /// Every role, in the order of [`Role`].
    pub const ALL: [Role; 16] = [
        Role::Progress,
        Role::Situations,
        Role::Challenges,
        Role::GoodPractices,
        Role::Recommendations,
        Role::Pledges,
        Role::OtherFinding,
        Role::Session,
        Role::Objectives,
        Role::Principles,
        Role::Country,
        Role::OriginCountry,
        Role::Category,
        Role::Gender,
        Role::Name,
        Role::Consent,
    ];

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

/// A role code a definition gives that the app does not know.
#[derive(Debug)]
pub struct UnknownRole(String);

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown role '{}'", self.0)
    }
}

impl TryFrom<String> for Role {
    type Error = UnknownRole;
    fn try_from(code: String) -> Result<Role, UnknownRole> {
        Role::ALL.into_iter().find(|r| r.code() == code).ok_or(UnknownRole(code))
    }
}

impl TryFrom<String> for FormRole {
    type Error = UnknownRole;
    fn try_from(code: String) -> Result<FormRole, UnknownRole> {
        FormRole::ALL.into_iter().find(|r| r.code() == code).ok_or(UnknownRole(code))
    }
}

/// Reads a role (item or form) from its code, for `#[serde(deserialize_with)]`: one string
/// and a look-up in the role's codes. Serde's derived enum reading cost each page's wasm
/// 0.9 KB gzip more for the two enums (measured on the transfer page).
pub(crate) fn from_code<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<String, Error = UnknownRole>,
{
    T::try_from(String::deserialize(d)?).map(Some).map_err(de::Error::custom)
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
