//! The rapporteur's grid: every thematic session and thematic area (then what is general)
//! against every kind of finding, each cell holding the findings that land in it. Every cell
//! is there, empty ones too: seed 004 notes "certain lacks in connection with some of the
//! objectives of the Compact … lacks that are also meaningful", so an empty cell is shown, not
//! left out.

use super::finding::{Finding, Kind, Theme};
use crate::forms;

/// One cell: a theme, a kind, and the findings in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub theme: Theme,
    pub kind: Kind,
    /// Positions in the slice the grid was made of, in its order.
    pub findings: Vec<usize>,
}

impl Cell {
    /// How many findings the cell holds.
    pub fn count(&self) -> usize {
        self.findings.len()
    }
}

/// The grid, row by row: each theme's cells in [`Kind::ALL`]'s order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    rows: Vec<Theme>,
    cells: Vec<Cell>,
}

impl Grid {
    /// The grid of `findings`: the rows are the `thematic_sessions`, then the `thematic_areas`
    /// (in their lists' order), then any code a finding names that the lists do not have (an
    /// older form's), then `General`. A finding is in the cell of its kind in each of its
    /// themes, so it may be in several rows.
    pub fn of(findings: &[Finding]) -> Grid {
        let mut rows: Vec<Theme> = forms::list("thematic_sessions").iter().map(|c| Theme::Session(c.value.clone())).collect();
        rows.extend(forms::list("thematic_areas").iter().map(|c| Theme::Area(c.value.clone())));
        for theme in findings.iter().flat_map(Finding::themes) {
            if theme != Theme::General && !rows.contains(&theme) {
                rows.push(theme);
            }
        }
        rows.push(Theme::General);
        let mut cells: Vec<Cell> = rows
            .iter()
            .flat_map(|theme| Kind::ALL.iter().map(move |&kind| Cell { theme: theme.clone(), kind, findings: Vec::new() }))
            .collect();
        for (i, finding) in findings.iter().enumerate() {
            let column = Kind::ALL.iter().position(|&k| k == finding.kind).unwrap_or(Kind::ALL.len() - 1);
            for theme in finding.themes() {
                if let Some(row) = rows.iter().position(|r| *r == theme) {
                    cells[row * Kind::ALL.len() + column].findings.push(i);
                }
            }
        }
        Grid { rows, cells }
    }

    /// The rows, in order.
    pub fn rows(&self) -> &[Theme] {
        &self.rows
    }

    /// The columns, in order: every kind.
    pub fn columns(&self) -> &'static [Kind] {
        &Kind::ALL
    }

    /// Every cell, row by row.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// One row's cells, in column order (empty for a theme the grid has no row for).
    pub fn row(&self, theme: &Theme) -> &[Cell] {
        let n = Kind::ALL.len();
        self.rows.iter().position(|r| r == theme).map_or(&[], |i| &self.cells[i * n..(i + 1) * n])
    }

    /// The cell of `theme` and `kind`.
    pub fn cell(&self, theme: &Theme, kind: Kind) -> Option<&Cell> {
        self.row(theme).iter().find(|c| c.kind == kind)
    }
}
