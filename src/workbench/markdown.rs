//! The draft report as Markdown, for people who edit in plain text or a wiki. Everything
//! from a person is escaped, so an answer can neither become markup nor inject HTML.

use super::report::{Block, DraftReport};

/// The Markdown text of `report`, footnotes (`[^1]`) at the end.
pub fn to_markdown(report: &DraftReport) -> String {
    let mut out = format!("# {}\n\n", escape(&report.title));
    let mut notes = Vec::new();
    for block in &report.blocks {
        match block {
            // The title is the only level-1 heading: sections start at level 2.
            Block::Heading(level, text) => out.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(*level) + 1), escape(text))),
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", escape(text))),
            Block::Nothing(text) => out.push_str(&format!("*{}*\n\n", escape(text))),
            Block::Quote { text, from, footnote } => {
                notes.push(footnote);
                let lines: Vec<String> = escape(text).lines().map(|l| format!("> {l}")).collect();
                out.push_str(&format!("{}\n>\n> — {}[^{}]\n\n", lines.join("\n"), escape(from), notes.len()));
            }
            Block::Table { head, rows } => {
                let line = |cells: &[String]| format!("| {} |\n", cells.iter().map(|c| escape(c).replace('\n', " ")).collect::<Vec<_>>().join(" | "));
                out.push_str(&line(head));
                out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                for r in rows {
                    out.push_str(&line(r));
                }
                out.push('\n');
            }
        }
    }
    for (i, note) in notes.iter().enumerate() {
        out.push_str(&format!("[^{}]: {}\n", i + 1, escape(note)));
    }
    out
}

/// Backslash before the characters Markdown (CommonMark, GFM tables) gives a meaning to
/// anywhere, and before what would start a heading, list or quote at a line's start.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let starts_block = body.starts_with(['#', '-', '+', '=', '>'])
            || (digits > 0 && body[digits..].starts_with(['.', ')']));
        for (i, c) in body.chars().enumerate() {
            let block_mark = starts_block && i == digits;
            if "\\`*_{}[]<>|~&".contains(c) || block_mark {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}
