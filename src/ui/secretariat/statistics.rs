//! The review statistics: each a table, a bar chart drawn here as SVG, and a CSV download.

use leptos::prelude::*;

use crate::consolidate::Table;
use crate::ui::{browser, use_lang};

/// The chart's width in its own units, about a card's in pixels (`.chart`'s max-width keeps
/// it so on a wide card): its words (12 units) stay 11 to 16 px, on a phone as beside two other
/// cards, where 640 units drew them at 5 or 6. Each row: a label, its bar below it.
const CHART_WIDTH: f64 = 320.0;
const BAR_ROW: f64 = 36.0;
const BAR_MAX: f64 = 270.0;
const LABEL_CHARS: usize = 44;

#[component]
pub fn Statistics(tables: Vec<Table>) -> impl IntoView {
    let t = use_lang().t();
    view! {
        <h2>{t.statistics()}</h2>
        <p class="hint">{t.statistics_of_shown()}</p>
        <div class="stats-grid">{tables.into_iter().map(|table| view! { <StatTable table=table/> }).collect_view()}</div>
    }
}

#[component]
fn StatTable(table: Table) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let n = move |k: u64| browser::number(k, lang.lang());
    let max = table.rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    // The chart leaves out the empty rows the table lists: zeros are not worth a bar.
    let charted: Vec<_> = table.rows.iter().filter(|r| r.count > 0).collect();
    let bars = charted.iter().enumerate().map(|(i, row)| {
        let y = i as f64 * BAR_ROW;
        let w = BAR_MAX * row.count as f64 / max as f64;
        view! {
            <g>
                <text x="0" y=y + 12.0>{truncate(row.label(t), LABEL_CHARS)}</text>
                <rect x="0" y=y + 16.0 width=w height="14" class="bar"></rect>
                <text x=w + 5.0 y=y + 28.0>{n(row.count)}</text>
            </g>
        }
    }).collect_view();
    let height = charted.len() as f64 * BAR_ROW + 4.0;
    let title = table.title.get(t).to_string();
    let total = table.total_label(t);
    let name = format!("statistics_{}.csv", table.id);
    let csv_label = t.fill("ui.download_table_named", &[("name", &title)]);
    // Written when asked for, not at each redraw (every filter change redraws the statistics).
    let for_csv = table.clone();
    view! {
        <section class="section stat" data-testid="stat" data-stat=table.id>
            <h3>{title.clone()}</h3>
            <table>
                <thead><tr><th>{table.key_heading.get(t).to_string()}</th><th>{table.count_heading.get(t).to_string()}</th></tr></thead>
                <tbody>
                    {table.rows.iter().map(|r| view! { <tr><td>{r.label(t).to_string()}</td><td>{n(r.count)}</td></tr> }).collect_view()}
                </tbody>
                <tfoot><tr><th>{total}</th><th>{n(table.total)}</th></tr></tfoot>
            </table>
            <svg class="chart" role="img" aria-label=title viewBox=format!("0 0 {CHART_WIDTH} {height}") width="100%" hidden=charted.is_empty()>{bars}</svg>
            <button aria-label=csv_label
                on:click=move |_| browser::download(&name, "text/csv;charset=utf-8", &for_csv.to_csv(t))>{t.download_csv_table()}</button>
        </section>
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { s.chars().take(n - 1).chain(['…']).collect() }
}
