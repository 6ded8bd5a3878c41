//! The consolidated records: filters, a scrolling table that only draws the rows in view, and
//! one record's every answer beside its question's text, with any copies set aside for it.

use leptos::prelude::*;

use super::driver::Driver;
use crate::consolidate::Filter;
use crate::engine::{Choice, Document};
use crate::forms;
use crate::record::Record;
use crate::document_html::render;
use crate::ui::{browser, use_lang};

const ROW_HEIGHT: f64 = 36.0;
const VISIBLE_ROWS: usize = 14;

/// The filters over the collection: the statistics and the table show what passes. Each
/// control shows the filter as set, so drawing them again in another language keeps them.
#[component]
pub fn Filters(filter: RwSignal<Filter>) -> impl IntoView {
    let t = use_lang().t();
    type Field = fn(&mut Filter) -> &mut Option<String>;
    let set = move |field: Field| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            filter.update(|f| *field(f) = (!v.trim().is_empty()).then_some(v));
        }
    };
    let value = move |field: Field| filter.with_untracked(|f| field(&mut f.clone()).clone().unwrap_or_default());
    let options = move |list: &'static [Choice], field: Field| {
        let current = value(field);
        list.iter().map(|c| view! { <option value=c.value.clone() selected=c.value == current>{c.label.get(t).to_string()}</option> }).collect_view()
    };
    let (form, country, category, theme, objective): (Field, Field, Field, Field, Field) =
        (|f| &mut f.form, |f| &mut f.country, |f| &mut f.category, |f| &mut f.theme, |f| &mut f.objective);
    let (from, to, text): (Field, Field, Field) = (|f| &mut f.from, |f| &mut f.to, |f| &mut f.text);
    let forms_now = value(form);
    view! {
        <div class="filters">
            <label>{t.form()}" "<select data-testid="filter-form" on:change=set(form)>
                <option value="">{t.any()}</option>
                {forms::all().iter().map(|f| view! { <option value=f.id.clone() selected=f.id == forms_now>{f.title.get(t).to_string()}</option> }).collect_view()}
            </select></label>
            <label>{t.country()}" "<select data-testid="filter-country" on:change=set(country)>
                <option value="">{t.any()}</option>{options(forms::list("countries_with_other"), country)}
            </select></label>
            <label>{t.category()}" "<select data-testid="filter-category" on:change=set(category)>
                <option value="">{t.any()}</option>{options(forms::list("stakeholder_categories"), category)}
            </select></label>
            <label>{t.theme()}" "<select data-testid="filter-theme" on:change=set(theme)>
                <option value="">{t.any()}</option>
                <optgroup label=t.thematic_sessions()>{options(forms::list("thematic_sessions"), theme)}</optgroup>
                <optgroup label=t.thematic_areas()>{options(forms::list("thematic_areas"), theme)}</optgroup>
            </select></label>
            <label>{t.objective()}" "<select data-testid="filter-objective" on:change=set(objective)>
                <option value="">{t.any()}</option>{options(forms::list("gcm_objectives"), objective)}
            </select></label>
            <label>{t.date_from()}" "<input type="date" data-testid="filter-from" prop:value=value(from) on:change=set(from)/></label>
            <label>{t.date_to()}" "<input type="date" data-testid="filter-to" prop:value=value(to) on:change=set(to)/></label>
            <label>{t.search()}" "<input type="search" data-testid="filter-text" prop:value=value(text) on:input=set(text)/></label>
        </div>
    }
}

/// The records that pass the filters (`shown`, positions in the collection), in a scrolling
/// table that only draws the rows in view, and the record opened.
#[component]
pub fn Records(
    driver: Driver,
    /// Moves whenever the collection settles changed.
    version: RwSignal<u32>,
    shown: Memo<Vec<usize>>,
    /// The secretariat keeps a set-aside copy instead of the record kept.
    on_keep: Callback<Record>,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let top = RwSignal::new(0usize);
    let rows = NodeRef::<leptos::html::Div>::new();
    // Other records shown: back to the top of the list.
    Effect::new(move |_| {
        shown.track();
        top.set(0);
        if let Some(el) = rows.get_untracked() {
            el.set_scroll_top(0);
        }
    });
    // By id: positions change when another tab's changes are loaded.
    let open = RwSignal::new(None::<String>);
    let window = move || {
        let start = top.get();
        let v = version.get();
        shown.with(|s| s.iter().skip(start).take(VISIBLE_ROWS + 2).enumerate().map(|(k, &i)| (start + k, i, v)).collect::<Vec<_>>())
    };
    view! {
        <p data-testid="shown-count" aria-live="polite">{move || browser::count(shown.with(Vec::len) as u64, lang.lang(), t.records_shown_one(), t.records_shown())}</p>
        <div class="rows" node_ref=rows style=format!("height:{}px", ROW_HEIGHT * VISIBLE_ROWS as f64)
            on:scroll=move |ev| top.set((event_target::<web_sys::Element>(&ev).scroll_top() as f64 / ROW_HEIGHT) as usize)>
            <div style=move || format!("height:{}px;position:relative", shown.with(Vec::len) as f64 * ROW_HEIGHT)>
                <For each=window key=|row| *row let((pos, i, _))>
                    {driver.collection(|c| {
                        let r = &c.records()[i];
                        let id = r.id.clone();
                        let (title, name) = crate::ui::session::describe(r, t);
                        view! {
                            <button class="row" style=format!("top:{}px", pos as f64 * ROW_HEIGHT) on:click=move |_| open.set(Some(id.clone()))>
                                <span>{name.unwrap_or_default()}</span><span class="muted">{title}</span>
                                <span class="muted">{browser::local_date(&c.facets()[i].date, lang.lang())}</span>
                            </button>
                        }
                    })}
                </For>
            </div>
        </div>
        {move || {
            version.track();
            let id = open.get()?;
            driver.collection(|c| {
                let record = c.get(&id)?.clone();
                let copies: Vec<Record> = c.set_aside_of(&id).cloned().collect();
                Some(view! { <RecordView record=record copies=copies on_keep=on_keep/> })
            })
        }}
    }
}

/// Every answer of one record beside its question's text; then the copies set aside for it.
#[component]
fn RecordView(record: Record, copies: Vec<Record>, on_keep: Callback<Record>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let Some(form) = forms::of(&record) else { return ().into_any() };
    let saved = |r: &Record| browser::local_time(&r.modified, lang.lang());
    let meta = format!("{} · {} {} · {}", form.title.get(t), t.revision(), record.revision, saved(&record));
    view! {
        <section class="section record-view" data-testid="record-view" tabindex="-1">
            <h3>{record.summary(form, t)}</h3>
            <p class="muted">{meta}</p>
            <div inner_html=render(&Document::of(form, &record.answers), t)></div>
            {(!copies.is_empty()).then(|| view! {
                <h4>{t.set_aside_title()}</h4>
                {copies.into_iter().map(|c| {
                    let summary = format!("{} {} · {}", t.revision(), c.revision, saved(&c));
                    let answers = render(&Document::of(form, &c.answers), t);
                    view! {
                        <details data-testid="set-aside-copy">
                            <summary>{summary}</summary>
                            <div inner_html=answers></div>
                            <button data-testid="keep-instead" on:click=move |_| on_keep.run(c.clone())>{t.keep_instead()}</button>
                        </details>
                    }
                }).collect_view()}
            })}
        </section>
    }
    .into_any()
}
