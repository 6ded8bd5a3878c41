//! The draft review report, as blocks any writer draws (Markdown, DOCX), following seed 004:
//! the recommended sections a)–g), the findings of each thematic session and area in its
//! four components with the cell's synthesis and excerpts, the guiding principles,
//! recommendations and pledges, and Annex 2's statistics. Each excerpt carries a footnote
//! with its record id, so the text can be traced back. Consent rules here, once: an excerpt
//! whose answer may not be quoted (or whose record is no longer in the collection) is left
//! out, and a name appears only where the record allows it.

use super::{Finding, Kind, Theme, Workbench};
use crate::consolidate::Table;
use crate::forms;
use crate::i18n::Catalog;

/// One piece of the report.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// Level 1 (a section a–g), 2 or 3.
    Heading(u8, String),
    Paragraph(String),
    /// A cell or section the collection says nothing about (a lack is a finding too).
    Nothing(String),
    /// A passage quoted, who it is from, and its footnote (the record id).
    Quote { text: String, from: String, footnote: String },
    Table { head: Vec<String>, rows: Vec<Vec<String>> },
}

/// The whole draft.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftReport {
    pub title: String,
    pub blocks: Vec<Block>,
    /// Excerpts left out because their words may not be quoted, or their record is gone.
    pub withheld: usize,
}

/// The report's own sections, seed 004's recommended structure (texts `report.section.<code>`).
pub const SECTIONS: [&str; 7] =
    ["introduction", "executive_summary", "main_conclusions", "good_practices", "challenges_opportunities", "recommendations", "annex"];

/// The four components of a thematic session or area, as seed 004 splits them.
pub const COMPONENTS: [Kind; 4] = [Kind::Progress, Kind::Situations, Kind::Challenges, Kind::GoodPractices];

/// The rows of the grid: every thematic session, every thematic area, then what is neither.
pub fn themes() -> Vec<Theme> {
    let mut out: Vec<Theme> = forms::list("thematic_sessions").iter().map(|c| Theme::Session(c.value.clone())).collect();
    out.extend(forms::list("thematic_areas").iter().map(|c| Theme::Area(c.value.clone())));
    out.push(Theme::General);
    out
}

/// A theme's title in `t`'s language.
pub fn theme_label(theme: &Theme, t: &Catalog) -> String {
    match theme {
        Theme::Session(code) => t.get(&format!("lists.thematic_sessions.{code}")).to_string(),
        Theme::Area(code) => t.get(&format!("lists.thematic_areas.{code}")).to_string(),
        Theme::General => t.get("report.general").to_string(),
    }
}

/// "Civil society organisation, Peru", or "Red Clamor (civil society organisation, Peru)"
/// where the record allows the name.
pub fn attribution(f: &Finding, t: &Catalog) -> String {
    let list = |list: &str, code: &Option<String>| code.as_ref().map(|c| t.get(&format!("lists.{list}.{c}")).to_string());
    let parts: Vec<String> =
        [list("stakeholder_categories", &f.who.category), list("countries_with_other", &f.who.country)].into_iter().flatten().collect();
    let what = parts.join(", ");
    match (&f.who.name, what.is_empty()) {
        (Some(name), true) => name.clone(),
        (Some(name), false) => format!("{name} ({what})"),
        (None, true) => t.get("report.anonymous").to_string(),
        (None, false) => what,
    }
}

/// The draft report from the collection's findings, the workbench and the statistics, worded
/// in `t`'s language.
pub fn draft(findings: &[Finding], wb: &Workbench, stats: &[Table], t: &Catalog) -> DraftReport {
    let mut out = DraftReport { title: t.get("report.title").to_string(), blocks: Vec::new(), withheld: 0 };
    // The excerpts that may appear, each with its finding.
    let mut quotable = Vec::new();
    for e in wb.live_excerpts() {
        match findings.iter().find(|f| f.id == e.finding_id) {
            Some(f) if f.who.may_quote => quotable.push((e, f)),
            _ => out.withheld += 1,
        }
    }
    let b = &mut out.blocks;
    let note = |b: &mut Vec<Block>, id: &str| {
        let text = wb.note(id).trim();
        if !text.is_empty() {
            b.extend(text.split("\n\n").map(|p| Block::Paragraph(p.trim().to_string())));
        }
    };
    let quote = |b: &mut Vec<Block>, e: &super::Excerpt, f: &Finding| {
        b.push(Block::Quote { text: e.text.clone(), from: attribution(f, t), footnote: t.fill("report.footnote", &[("id", &e.record_id)]) });
    };
    let heading = |b: &mut Vec<Block>, level: u8, code: &str| b.push(Block::Heading(level, t.get(&format!("report.section.{code}")).to_string()));
    let nothing = |b: &mut Vec<Block>| b.push(Block::Nothing(t.get("report.no_input").to_string()));

    for code in SECTIONS {
        heading(b, 1, code);
        note(b, &super::state::Note::section_key(code));
        match code {
            "executive_summary" => quotable.iter().filter(|(e, _)| e.summary).for_each(|(e, f)| quote(b, e, f)),
            "good_practices" => {
                quotable.iter().filter(|(e, _)| e.good_practice || e.kind == Kind::GoodPractices).for_each(|(e, f)| quote(b, e, f))
            }
            "challenges_opportunities" => {
                for theme in themes() {
                    b.push(Block::Heading(2, theme_label(&theme, t)));
                    for kind in COMPONENTS {
                        b.push(Block::Heading(3, t.get(&format!("workbench.kind.{}", kind.code())).to_string()));
                        let before = b.len();
                        note(b, &super::state::Note::cell_key(&theme, kind));
                        quotable.iter().filter(|(e, _)| e.theme == theme && e.kind == kind).for_each(|(e, f)| quote(b, e, f));
                        if b.len() == before {
                            nothing(b);
                        }
                    }
                }
                b.push(Block::Heading(2, t.get("report.principles").to_string()));
                for p in forms::list("guiding_principles") {
                    b.push(Block::Heading(3, p.label.get(t).to_string()));
                    let before = b.len();
                    quotable.iter().filter(|(e, _)| e.principles.contains(&p.value)).for_each(|(e, f)| quote(b, e, f));
                    if b.len() == before {
                        nothing(b);
                    }
                }
            }
            "recommendations" => {
                for kind in [Kind::Recommendations, Kind::Pledges] {
                    b.push(Block::Heading(2, t.get(&format!("workbench.kind.{}", kind.code())).to_string()));
                    let before = b.len();
                    for theme in themes() {
                        note(b, &super::state::Note::cell_key(&theme, kind));
                    }
                    quotable.iter().filter(|(e, _)| e.kind == kind).for_each(|(e, f)| quote(b, e, f));
                    if b.len() == before {
                        nothing(b);
                    }
                }
            }
            "annex" => {
                b.push(Block::Heading(2, t.get("report.annex_statistics").to_string()));
                for table in stats {
                    b.push(Block::Heading(3, table.title.get(t).to_string()));
                    let mut rows: Vec<Vec<String>> = table.rows.iter().map(|r| vec![r.label(t).to_string(), r.count.to_string()]).collect();
                    rows.push(vec![table.total_label(t).to_string(), table.total.to_string()]);
                    b.push(Block::Table { head: vec![table.key_heading.get(t).to_string(), table.count_heading.get(t).to_string()], rows });
                }
            }
            _ => {}
        }
    }
    out
}
