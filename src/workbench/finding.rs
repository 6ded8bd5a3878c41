//! One answer as the report reads it: a finding of some kind, about some sessions, areas,
//! objectives and principles, from someone who may or may not be quoted or named.

use serde::{Deserialize, Serialize};

/// The kind of finding, as seed 004 splits each thematic area (*Progress and potentialities*,
/// *Situations to consider*, *Challenges*, *Highlights*), then recommendations and pledges,
/// and `Other` for an answer the rapporteur has still to sort.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Progress,
    Situations,
    Challenges,
    GoodPractices,
    Recommendations,
    Pledges,
    Other,
}

impl Kind {
    /// Every kind, in the report's order.
    pub const ALL: [Kind; 7] =
        [Kind::Progress, Kind::Situations, Kind::Challenges, Kind::GoodPractices, Kind::Recommendations, Kind::Pledges, Kind::Other];

    /// The stable code (`progress`, `good_practices`…): files, CSV and text keys (`workbench.kind.<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Progress => "progress",
            Kind::Situations => "situations",
            Kind::Challenges => "challenges",
            Kind::GoodPractices => "good_practices",
            Kind::Recommendations => "recommendations",
            Kind::Pledges => "pledges",
            Kind::Other => "other",
        }
    }
}

/// A row of the grid: a thematic session (seed 003), a thematic area (seed 004), or what
/// belongs to neither (cross-cutting).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// A code of the `thematic_sessions` list.
    Session(String),
    /// A code of the `thematic_areas` list.
    Area(String),
    General,
}

/// Who a finding comes from, as far as the record lets it be said.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// A `stakeholder_categories` code ("civil_society"…), if the record gives one.
    pub category: Option<String>,
    /// A country code, if the record gives one.
    pub country: Option<String>,
    /// The organisation's (or institution's) name: `Some` only when the record's consent
    /// allows naming it.
    pub name: Option<String>,
    /// Whether the words may appear in exported text at all (a participant input given
    /// without consent, a report "not for publication": counted, never quoted).
    pub may_quote: bool,
}

/// One answer of the collection, placed in the report's grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable across imports: `<record id>/<item id>`, or `<record id>/<repeat id>/<instance id>`
    /// for a repeat instance (a good practice, a pledge: its texts joined).
    pub id: String,
    pub record_id: String,
    pub form_id: String,
    /// The item (or repeat group) the words are from.
    pub item_id: String,
    pub kind: Kind,
    /// Thematic session codes: from the answer's section, its record's session item, or its objectives.
    pub sessions: Vec<String>,
    /// Thematic area codes, from the objectives it cites (or its record's).
    pub areas: Vec<String>,
    /// `gcm_objectives` codes.
    pub objectives: Vec<String>,
    /// `guiding_principles` codes.
    pub principles: Vec<String>,
    /// The answer's words (a repeat instance's texts joined by a blank line).
    pub text: String,
    pub who: Attribution,
}

impl Finding {
    /// The grid rows this finding lands in: each of its sessions and areas, or `General`.
    pub fn themes(&self) -> Vec<Theme> {
        let mut out: Vec<Theme> = self.sessions.iter().cloned().map(Theme::Session).collect();
        out.extend(self.areas.iter().cloned().map(Theme::Area));
        if out.is_empty() {
            out.push(Theme::General);
        }
        out
    }
}
