//! The secretariat's view: many bundles imported into one collection (kept in IndexedDB, apart
//! from drafts), a report per file, statistics with charts, a filtered table of records, and
//! the consolidated export in the same formats as everyone's.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{browser, device_id, use_lang};
use crate::consolidate::{stats, Collection, FileReport, Filter, Table};
use crate::engine::{Answers, FormDef, ItemKind, Value};
use crate::record::Record;
use crate::{bundle, forms, store};

/// Rows drawn at a time in the records table: only those in view exist in the page.
const ROW_HEIGHT: f64 = 36.0;
const VISIBLE_ROWS: usize = 14;

#[component]
pub fn Secretariat() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let collection = StoredValue::new_local(Collection::default());
    let version = RwSignal::new(0u32);
    let reports = RwSignal::new(Vec::<FileReport>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let error = RwSignal::new(None::<String>);
    spawn_local(async move {
        match store::load_collection().await {
            Ok((kept, aside)) => {
                collection.update_value(|c| c.restore(kept, aside));
                version.update(|v| *v += 1);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    });
    let import = move |files: Vec<(String, Vec<u8>)>| {
        spawn_local(async move {
            let total = files.len();
            for (n, (name, bytes)) in files.into_iter().enumerate() {
                progress.set(Some((n, total)));
                let report = collection.try_update_value(|c| c.add_file(&name, &bytes));
                let Some(report) = report else { return };
                reports.update(|r| r.push(report));
                // Let the page breathe between files: the progress shows, typing elsewhere works.
                browser::next_tick().await;
            }
            progress.set(Some((total, total)));
            let (kept, aside) = collection.with_value(|c| (c.records().to_vec(), c.set_aside().to_vec()));
            if let Err(e) = store::save_collection(&kept, &aside).await {
                error.set(Some(e.to_string()));
            }
            progress.set(None);
            version.update(|v| *v += 1);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        spawn_local(async move { import(browser::read_chosen_files(&ev).await) });
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        spawn_local(async move { import(browser::read_dropped_files(&ev).await) });
    };
    let clear = move |_| {
        if !browser::confirm(lang.t().confirm_clear) {
            return;
        }
        spawn_local(async move {
            match store::clear_collection().await {
                Ok(()) => {
                    collection.update_value(|c| *c = Collection::default());
                    reports.set(Vec::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let export = move |_| {
        let now = browser::now();
        let records = collection.with_value(|c| c.records().to_vec());
        match bundle::Bundle::submission(&records, forms::all(), &now, &device_id()).and_then(|b| bundle::to_zip(&b, forms::all())) {
            Ok(bytes) => browser::download(&bundle::file_name("consolidated", "", now.get(..10).unwrap_or(""), &device_id(), "zip"), "application/zip", &bytes),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let count = move || {
        version.track();
        collection.with_value(|c| c.records().len())
    };
    view! {
        <p class="back"><a href="#/">"← "{t.home}</a></p>
        <h1>{t.secretariat}</h1>
        <section class="section drop" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop data-testid="drop-zone">
            <label for="bundle-files">{t.import_bundles}</label>
            <input id="bundle-files" type="file" multiple accept=".zip,.json,application/zip,application/json" on:change=on_pick/>
            <p class="hint">{t.drop_hint}</p>
            <p role="status" data-testid="import-progress">{move || progress.get().map(|(n, of)| format!("{n} / {of} {}", lang.t().files_read))}</p>
            <FileReports reports=reports/>
        </section>
        <p role="alert" class="error" hidden=move || error.get().is_none()>{move || error.get()}</p>
        <p data-testid="collection-count">{move || format!("{} {}", count(), t.records_in_collection)}</p>
        <div class="actions">
            <button class="primary" data-testid="consolidated-export" on:click=export>{t.download_zip}</button>
            <button class="danger" data-testid="clear-collection" on:click=clear>{t.clear_collection}</button>
        </div>
        {move || {
            version.track();
            let records = collection.with_value(|c| c.records().to_vec());
            view! {
                <Statistics records=records.clone()/>
                <Records records=records/>
            }
        }}
    }
}

#[component]
fn FileReports(reports: RwSignal<Vec<FileReport>>) -> impl IntoView {
    let t = use_lang().t();
    view! {
        <table class="reports" data-testid="file-reports" hidden=move || reports.with(Vec::is_empty)>
            <thead><tr><th>{t.file}</th><th>{t.accepted}</th><th>{t.duplicates}</th><th>{t.conflicts}</th><th>{t.rejected}</th></tr></thead>
            <tbody>
                {move || reports.get().into_iter().map(|r| view! {
                    <tr class:rejected=r.rejected.is_some()>
                        <td>{r.file}</td><td>{r.accepted}</td><td>{r.duplicates}</td><td>{r.conflicts}</td>
                        <td>{r.rejected.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Statistics(records: Vec<Record>) -> impl IntoView {
    let t = use_lang().t();
    let tables = stats::all(&records);
    view! {
        <h2>{t.statistics}</h2>
        {tables.into_iter().enumerate().map(|(n, table)| view! { <StatTable table=table n=n/> }).collect_view()}
    }
}

/// One statistic: its table, a bar chart drawn here as SVG, and its CSV.
#[component]
fn StatTable(table: Table, n: usize) -> impl IntoView {
    let t = use_lang().t();
    let max = table.rows.iter().map(|r| r.2).max().unwrap_or(0).max(1);
    let bars = table.rows.iter().enumerate().map(|(i, (_, label, count))| {
        let y = i as f64 * 22.0;
        let w = 280.0 * (*count as f64) / (max as f64);
        view! {
            <g>
                <text x="0" y=y + 15.0 class="bar-label">{truncate(label, 38)}</text>
                <rect x="300" y=y + 3.0 width=w height="16" class="bar"></rect>
                <text x=305.0 + w y=y + 15.0>{count.to_string()}</text>
            </g>
        }
    }).collect_view();
    let height = table.rows.len() as f64 * 22.0 + 4.0;
    let csv = table.to_csv();
    let name = format!("statistics_{}.csv", n + 1);
    view! {
        <section class="section stat" data-testid="stat">
            <h3>{table.title_en.clone()}</h3>
            <table>
                <thead><tr>{table.columns.iter().map(|c| view! { <th>{c.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {table.rows.iter().map(|(_, label, count)| view! { <tr><td>{label.clone()}</td><td>{count.to_string()}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <svg class="chart" role="img" aria-label=table.title_en.clone() viewBox=format!("0 0 640 {height}") width="100%">{bars}</svg>
            <button on:click=move |_| browser::download(&name, "text/csv;charset=utf-8", &csv)>{t.download_csv_table}</button>
        </section>
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { s.chars().take(n - 1).chain(['…']).collect() }
}

/// The records, filtered, in a scrolling table that only draws the rows in view.
#[component]
fn Records(records: Vec<Record>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let records = StoredValue::new(records);
    let filter = RwSignal::new(Filter::default());
    let shown = Memo::new(move |_| filter.with(|f| records.with_value(|all| all.iter().enumerate().filter(|(_, r)| f.matches(r)).map(|(i, _)| i).collect::<Vec<_>>())));
    let top = RwSignal::new(0usize);
    let open = RwSignal::new(None::<usize>);
    let set = move |f: fn(&mut Filter, String)| move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        top.set(0);
        filter.update(|flt| f(flt, v));
    };
    let window = move || {
        let start = top.get();
        shown.with(|s| s.iter().skip(start).take(VISIBLE_ROWS + 2).enumerate().map(|(k, &i)| (start + k, i)).collect::<Vec<_>>())
    };
    view! {
        <h2>{t.records}</h2>
        <div class="filters">
            <label>{t.form}" "<select data-testid="filter-form" on:change=set(|f, v| f.form = (!v.is_empty()).then_some(v))>
                <option value="">{t.any}</option>
                {forms::all().iter().map(|f| view! { <option value=f.id.clone()>{f.title.get(lang.code())}</option> }).collect_view()}
            </select></label>
            <label>{t.search}" "<input type="search" data-testid="filter-text" on:input=set(|f, v| f.text = (!v.is_empty()).then_some(v))/></label>
        </div>
        <p data-testid="shown-count">{move || format!("{} {}", shown.with(Vec::len), t.records_shown)}</p>
        <div class="rows" style=format!("height:{}px", ROW_HEIGHT * VISIBLE_ROWS as f64)
            on:scroll=move |ev| top.set((event_target::<web_sys::Element>(&ev).scroll_top() as f64 / ROW_HEIGHT) as usize)>
            <div style=move || format!("height:{}px;position:relative", shown.with(Vec::len) as f64 * ROW_HEIGHT)>
                <For each=window key=|pair| *pair let((pos, i))>
                    {records.with_value(|all| {
                        let r = &all[i];
                        let name = forms::get(&r.form_id).map(|f| r.summary(f, lang.code())).unwrap_or_default();
                        let form = forms::get(&r.form_id).map(|f| f.title.get(lang.code()).to_string()).unwrap_or_default();
                        view! {
                            <button class="row" style=format!("top:{}px", pos as f64 * ROW_HEIGHT) on:click=move |_| open.set(Some(i))>
                                <span>{name}</span><span class="muted">{form}</span><span class="muted">{r.modified.get(..10).unwrap_or("").to_string()}</span>
                            </button>
                        }
                    })}
                </For>
            </div>
        </div>
        {move || open.get().map(|i| records.with_value(|all| view! { <RecordView record=all[i].clone()/> }))}
    }
}

/// Every answer of one record beside its question's text.
#[component]
fn RecordView(record: Record) -> impl IntoView {
    let lang = use_lang();
    let Some(form) = forms::get(&record.form_id) else { return ().into_any() };
    view! {
        <section class="section record-view" data-testid="record-view">
            <h3>{record.summary(form, lang.code())}</h3>
            <dl>{answers_view(form, &record.answers, lang.code())}</dl>
        </section>
    }.into_any()
}

fn answers_view(form: &'static FormDef, answers: &Answers, lang: &str) -> impl IntoView {
    form.items().filter_map(|item| {
        let value = answers.get(&item.id)?;
        let text = match (item.kind, value) {
            (ItemKind::Repeat, Value::Repeat(list)) => list.iter().enumerate().map(|(n, inst)| {
                let parts: Vec<String> = item.items.iter().filter_map(|c| {
                    let v = inst.answers.get(&c.id)?;
                    Some(format!("{}: {}", c.label.get(lang), show(c, v, lang)))
                }).collect();
                format!("{}. {}", n + 1, parts.join(" · "))
            }).collect::<Vec<_>>().join("\n"),
            _ => show(item, value, lang),
        };
        Some(view! { <dt>{item.label.get(lang)}</dt><dd>{text}</dd> })
    }).collect_view()
}

fn show(item: &crate::engine::ItemDef, value: &Value, lang: &str) -> String {
    match value {
        Value::Text(s) if item.choices.is_empty() => s.clone(),
        Value::Text(s) => item.choice_label(s, lang).to_string(),
        Value::Many(codes) => codes.iter().map(|c| item.choice_label(c, lang)).collect::<Vec<_>>().join("; "),
        Value::Counts(counts) => counts.iter().map(|(c, n)| format!("{}: {n}", item.choice_label(c, lang))).collect::<Vec<_>>().join("; "),
        Value::Repeat(list) => list.len().to_string(),
    }
}
