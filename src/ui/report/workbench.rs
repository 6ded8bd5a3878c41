//! The rapporteur's workbench (the `report/` page): the grid of the collection's answers
//! (thematic session or area × kind of finding) with every cell's count, empty ones shown; a
//! cell's answers, where a passage selected (by mouse, or Shift and the arrows in the answer's
//! text, which refuses edits) becomes an excerpt; each excerpt re-tagged; the cell's synthesis; the report's own
//! sections; the draft report as Word or Markdown; the workbench as a file another rapporteur
//! merges. Kept in IndexedDB (its own database), so it works offline and survives reloads.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::consolidate::stats;
use crate::consolidate::sync::CollectionSync;
use crate::forms;
use crate::i18n::Catalog;
use crate::messages::Say;
use crate::store;
use crate::ui::{browser, use_lang};
use crate::workbench::report::{attribution, draft, theme_label, themes, SECTIONS};
use crate::workbench::{docx, findings_in, markdown, Excerpt, Finding, Kind, Note, SetAside, Theme, Workbench as State};

/// Answers drawn in one cell at most (the rest are counted): a cell of a big collection must
/// not draw thousands of text areas.
const SHOWN_PER_CELL: usize = 60;

type Cell = (Theme, Kind);

fn kind_label(kind: Kind, t: &Catalog) -> &'static str {
    t.find(&format!("workbench.kind.{}", kind.code())).unwrap_or("")
}

fn cell_name(cell: &Cell, t: &Catalog) -> String {
    format!("{} — {}", theme_label(&cell.0, t), kind_label(cell.1, t))
}

#[component]
pub fn Workbench(sync: StoredValue<CollectionSync, LocalStorage>, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    // Every finding of the collection, and where each lands in the grid.
    let findings = Memo::new(move |_| {
        version.track();
        sync.with_value(|s| findings_in(s.collection().records()))
    });
    let grid = Memo::new(move |_| {
        findings.with(|all| {
            let mut cells: BTreeMap<Cell, Vec<usize>> = BTreeMap::new();
            for (i, f) in all.iter().enumerate() {
                for theme in f.themes() {
                    cells.entry((theme, f.kind)).or_default().push(i);
                }
            }
            cells
        })
    });
    let state = RwSignal::new(State::default());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    spawn_local(async move {
        match store::load_workbench().await {
            // What was done before the stored workbench arrived is kept, on top of it.
            Ok(mut stored) => state.update(|now| {
                stored.merge(now);
                *now = stored;
            }),
            Err(e) => error.set(Some(e.say(t))),
        }
    });
    let saved = move |result: Result<(), store::Error>| {
        if let Err(e) = result {
            error.set(Some(format!("{} {}", t.workbench_not_saved(), e.say(t))));
        }
    };
    let put_excerpt = Callback::new(move |e: Excerpt| {
        let now = browser::now();
        state.update(|s| s.put_excerpt(e.clone(), &now));
        let stored = state.with_untracked(|s| s.excerpts.iter().find(|x| x.id == e.id).cloned());
        if let Some(stored) = stored {
            spawn_local(async move { saved(store::save_excerpt(&stored).await) });
        }
    });
    let put_note = move |id: String, text: String| {
        let now = browser::now();
        state.update(|s| s.set_note(&id, &text, &now));
        if let Some(note) = state.with_untracked(|s| s.notes.iter().find(|n| n.id == id).cloned()) {
            spawn_local(async move { saved(store::save_note(&note).await) });
        }
    };
    let open = RwSignal::new(None::<Cell>);

    let download_report = move |word: bool| {
        let t = lang.t();
        let tables = sync.with_value(|s| stats::all(&s.collection().records().iter().zip(s.collection().facets()).collect::<Vec<_>>()));
        let report = findings.with_untracked(|all| state.with_untracked(|s| draft(all, s, &tables, t)));
        let now = browser::now();
        let date = now.get(..10).unwrap_or("");
        if word {
            match docx::to_docx(&report, t.lang().code(), &now) {
                Ok(bytes) => browser::download(
                    &format!("draft-report_{date}.docx"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    &bytes,
                ),
                Err(e) => error.set(Some(e.say(t))),
            }
        } else {
            browser::download(&format!("draft-report_{date}.md"), "text/markdown;charset=utf-8", markdown::to_markdown(&report).as_bytes());
        }
        status.set((report.withheld > 0).then(|| t.fill("ui.withheld", &[("count", &browser::number(report.withheld as u64, t.lang()))])));
    };
    let download_file = move |_| {
        let now = browser::now();
        let text = state.with_untracked(|s| s.to_file(&now));
        browser::download(&format!("workbench_{}.json", now.get(..10).unwrap_or("")), "application/json", text.as_bytes());
    };
    let open_file = move |ev: leptos::ev::Event| {
        spawn_local(async move {
            let t = lang.t();
            let Some((name, bytes)) = browser::read_chosen_file(&ev).await else { return };
            let Some(other) = State::from_file(&bytes) else {
                return status.set(Some(t.fill("ui.not_a_workbench", &[("name", &name)])));
            };
            let mut merged = state.get_untracked();
            let m = merged.merge(&other);
            let n = |k: usize| browser::number(k as u64, t.lang());
            status.set(Some(t.fill(
                "ui.workbench_merged",
                &[("name", &name), ("added", &n(m.added)), ("same", &n(m.same)), ("conflicts", &n(m.conflicts))],
            )));
            state.set(merged.clone());
            saved(store::save_workbench(&merged).await);
        });
    };

    view! {
        <p class="hint">{t.workbench_intro()}</p>
        <p role="alert" class="error" hidden=move || error.get().is_none()>{move || error.get()}</p>
        <p role="status" data-testid="workbench-status">{move || status.get()}</p>
        <div class="grid-scroll" role="region" aria-labelledby="grid-caption" tabindex="0">
            <table class="findings-grid" data-testid="findings-grid">
                <caption id="grid-caption">{t.grid_caption()}</caption>
                <thead><tr>
                    <td></td>
                    {Kind::ALL.iter().map(|&k| view! { <th scope="col">{kind_label(k, t)}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {themes().into_iter().map(|theme| {
                        let label = theme_label(&theme, t);
                        view! {
                            <tr>
                                <th scope="row">{label}</th>
                                {Kind::ALL.iter().map(|&kind| {
                                    let cell: Cell = (theme.clone(), kind);
                                    let key = StoredValue::new(cell.clone());
                                    let count = move || key.with_value(|k| grid.with(|g| g.get(k).map_or(0, Vec::len)));
                                    let name_cell = cell.clone();
                                    let pressed = cell.clone();
                                    let chosen = cell.clone();
                                    view! {
                                        <td class:lack=move || count() == 0>
                                            <button class="cell" aria-pressed=move || (open.get().as_ref() == Some(&pressed)).to_string()
                                                aria-label=move || t.fill("ui.cell_named", &[("theme", &theme_label(&name_cell.0, t)), ("kind", kind_label(name_cell.1, t)), ("count", &count().to_string())])
                                                on:click=move |_| open.set(Some(chosen.clone()))>
                                                {move || match count() { 0 => "—".to_string(), n => browser::number(n as u64, t.lang()) }}
                                            </button>
                                        </td>
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || open.get().map(|cell| view! { <CellPanel cell=cell findings=findings grid=grid state=state put_excerpt=put_excerpt put_note=Callback::new(move |(id, text)| put_note(id, text)) status=status/> })}
        <section class="section" aria-labelledby="set-aside-merges" hidden=move || state.with(|s| s.set_aside.is_empty())>
            <h3 id="set-aside-merges">{t.set_aside_merges()}</h3>
            <ul>
                {move || state.with(|s| s.set_aside.iter().enumerate().map(|(i, item)| {
                    let text = match item {
                        SetAside::Excerpt(e) => format!("“{}”", e.text),
                        SetAside::Note(n) => n.text.clone(),
                    };
                    view! { <li><p>{text}</p><button on:click=move |_| {
                        let now = browser::now();
                        let mut next = state.get_untracked();
                        if next.keep_instead(i, &now) {
                            state.set(next.clone());
                            spawn_local(async move { saved(store::save_workbench(&next).await) });
                        }
                    }>{t.keep_instead()}</button></li> }
                }).collect_view())}
            </ul>
        </section>
        <section class="section" aria-labelledby="report-sections">
            <h3 id="report-sections">{t.report_sections()}</h3>
            {SECTIONS.iter().map(|&code| {
                let id = Note::section_key(code);
                let field = format!("section-{code}");
                let key = id.clone();
                view! {
                    <label for=field.clone()>{t.get(&format!("report.section.{code}")).to_string()}</label>
                    <textarea id=field rows="4" prop:value=move || state.with(|s| s.note(&key).to_string())
                        on:change=move |ev| put_note(id.clone(), event_target_value(&ev))></textarea>
                }
            }).collect_view()}
        </section>
        <div class="actions">
            <button class="primary" on:click=move |_| download_report(true)>{t.download_docx()}</button>
            <button on:click=move |_| download_report(false)>{t.download_markdown()}</button>
            <button on:click=download_file>{t.download_workbench()}</button>
        </div>
        <p>
            <label for="workbench-file">{t.open_workbench()}</label>
            <input id="workbench-file" type="file" accept=".json,application/json" on:change=open_file/>
        </p>
    }
}

/// One cell opened: its synthesis, its answers (a passage of each can become an excerpt), and
/// the excerpts tagged into it.
#[component]
fn CellPanel(
    cell: Cell,
    findings: Memo<Vec<Finding>>,
    grid: Memo<BTreeMap<Cell, Vec<usize>>>,
    state: RwSignal<State>,
    put_excerpt: Callback<Excerpt>,
    put_note: Callback<(String, String)>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_lang().t();
    // Once drawn, the keyboard and the screen reader go to the cell just opened.
    Effect::new(move |_| browser::focus("cell-title"));
    let note_id = Note::cell_key(&cell.0, cell.1);
    let note_key = note_id.clone();
    let members = grid.with_untracked(|g| g.get(&cell).cloned().unwrap_or_default());
    let hidden = members.len().saturating_sub(SHOWN_PER_CELL);
    let answers = findings.with_untracked(|all| members.iter().take(SHOWN_PER_CELL).map(|&i| all[i].clone()).collect::<Vec<_>>());
    let here = StoredValue::new(cell.clone());
    let excerpts = move || {
        here.with_value(|(theme, kind)| state.with(|s| s.live_excerpts().filter(|e| e.theme == *theme && e.kind == *kind).cloned().collect::<Vec<_>>()))
    };
    let target = StoredValue::new(cell.clone());
    let make = move |f: &Finding, field: &str| {
        let text = selected(field).unwrap_or_else(|| f.text.clone());
        if text.trim().is_empty() {
            return;
        }
        put_excerpt.run(Excerpt {
            id: browser::uuid(),
            finding_id: f.id.clone(),
            record_id: f.record_id.clone(),
            text: text.trim().to_string(),
            kind: target.with_value(|c| c.1),
            theme: target.with_value(|c| c.0.clone()),
            objectives: f.objectives.clone(),
            principles: f.principles.clone(),
            summary: false,
            good_practice: false,
            removed: false,
            revision: 0,
            modified: String::new(),
        });
    };
    view! {
        <section class="section cell-panel" aria-labelledby="cell-title">
            <h3 id="cell-title" tabindex="-1">{cell_name(&cell, t)}</h3>
            <label for="cell-synthesis">{t.synthesis()}</label>
            <textarea id="cell-synthesis" rows="5" prop:value=move || state.with(|s| s.note(&note_key).to_string())
                on:change=move |ev| put_note.run((note_id.clone(), event_target_value(&ev)))></textarea>
            <h4>{t.excerpts()}</h4>
            <p class="hint" hidden=move || !excerpts().is_empty()>{t.no_excerpts()}</p>
            // Keyed by id: a changed tag keeps the editor (and the keyboard focus) in place.
            <ul class="excerpts"><For each=excerpts key=|e| e.id.clone() let(e)>
                <ExcerptEditor excerpt=e state=state findings=findings put_excerpt=put_excerpt status=status/>
            </For></ul>
            <h4>{t.answers_in_cell()}" ("{browser::number(members.len() as u64, t.lang())}")"</h4>
            <p class="hint">{t.excerpt_hint()}</p>
            <ol class="cell-answers">
                {answers.into_iter().enumerate().map(|(n, f)| {
                    let field = format!("answer-{n}");
                    let who = attribution(&f, t);
                    let quotable = f.who.may_quote;
                    let taken = f.clone();
                    let from = field.clone();
                    view! {
                        <li>
                            <label for=field.clone()>{t.fill("ui.answer_from", &[("who", &who)])}</label>
                            // Not `readonly`: Chromium gives a read-only text area no caret, so a passage
                            // could not be selected by keyboard. Edits are refused instead.
                            <textarea id=field rows="4" aria-readonly="true" prop:value=f.text.clone()
                                on:beforeinput=|ev: leptos::ev::InputEvent| ev.prevent_default()></textarea>
                            {if quotable {
                                view! { <button on:click=move |_| make(&taken, &from)>{t.make_excerpt()}</button> }.into_any()
                            } else {
                                view! { <p class="hint">{t.not_quotable()}</p> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(hidden > 0).then(|| view! { <p class="hint">{t.fill("ui.more_answers", &[("count", &browser::number(hidden as u64, t.lang()))])}</p> })}
        </section>
    }
}

/// The passage selected in the read-only text area `id`, if any.
fn selected(id: &str) -> Option<String> {
    let area = web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?;
    let (start, end) = (area.selection_start().ok()??, area.selection_end().ok()??);
    if end <= start {
        return None;
    }
    // The offsets count UTF-16 units, as JavaScript strings do.
    let units: Vec<u16> = area.value().encode_utf16().collect();
    units.get(start as usize..end as usize).map(String::from_utf16_lossy)
}

/// One excerpt: its words and source, and its tags, each change kept at once.
#[component]
fn ExcerptEditor(
    excerpt: Excerpt,
    state: RwSignal<State>,
    findings: Memo<Vec<Finding>>,
    put_excerpt: Callback<Excerpt>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_lang().t();
    let who = findings.with_untracked(|all| all.iter().find(|f| f.id == excerpt.finding_id).map(|f| attribution(f, t))).unwrap_or_default();
    let own_id = StoredValue::new(excerpt.id.clone());
    // Each change starts from the excerpt as it is now (an earlier tick of this editor included).
    let change = move |f: &dyn Fn(&mut Excerpt)| {
        let Some(now) = state.with_untracked(|s| own_id.with_value(|id| s.excerpts.iter().find(|e| e.id == *id).cloned())) else { return };
        let mut e = now.clone();
        f(&mut e);
        if e.theme != now.theme || e.kind != now.kind {
            status.set(Some(t.fill("ui.excerpt_moved", &[("cell", &cell_name(&(e.theme.clone(), e.kind), t))])));
        }
        put_excerpt.run(e);
    };
    let id = excerpt.id.clone();
    let field = |name: &str| format!("{name}-{id}");
    let theme_code = |th: &Theme| match th {
        Theme::Session(c) => format!("session:{c}"),
        Theme::Area(c) => format!("area:{c}"),
        Theme::General => "general".to_string(),
    };
    let current_theme = theme_code(&excerpt.theme);
    let tick = move |list: &'static [crate::engine::Choice], chosen: Vec<String>, which: fn(&mut Excerpt) -> &mut Vec<String>, prefix: &str| {
        list.iter()
            .map(|c| {
                let code = c.value.clone();
                let checked = chosen.contains(&code);
                let box_id = format!("{prefix}-{}-{code}", own_id.get_value());
                let for_id = box_id.clone();
                view! {
                    <label class="tick" for=for_id><input type="checkbox" id=box_id checked=checked on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let code = code.clone();
                        change(&move |e: &mut Excerpt| {
                            let list = which(e);
                            list.retain(|x| *x != code);
                            if on { list.push(code.clone()); }
                        });
                    }/>{c.label.get(t).to_string()}</label>
                }
            })
            .collect_view()
    };
    view! {
        <li class="excerpt" data-testid="excerpt">
            <blockquote>{excerpt.text.clone()}</blockquote>
            <p class="hint">{who}</p>
            <div class="excerpt-tags">
                <label for=field("kind")>{t.kind_of_finding()}</label>
                <select id=field("kind") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(k) = Kind::ALL.into_iter().find(|k| k.code() == v) { change(&move |e: &mut Excerpt| e.kind = k); }
                }>
                    {Kind::ALL.iter().map(|&k| view! { <option value=k.code() selected=k == excerpt.kind>{kind_label(k, t)}</option> }).collect_view()}
                </select>
                <label for=field("theme")>{t.theme()}</label>
                <select id=field("theme") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(th) = themes().into_iter().find(|th| theme_code(th) == v) { change(&move |e: &mut Excerpt| e.theme = th.clone()); }
                }>
                    {themes().into_iter().map(|th| { let code = theme_code(&th); view! { <option value=code.clone() selected=code == current_theme>{theme_label(&th, t)}</option> } }).collect_view()}
                </select>
                <label class="tick"><input type="checkbox" checked=excerpt.summary on:change=move |ev| { let on = event_target_checked(&ev); change(&move |e: &mut Excerpt| e.summary = on); }/>{t.for_summary()}</label>
                <label class="tick"><input type="checkbox" checked=excerpt.good_practice on:change=move |ev| { let on = event_target_checked(&ev); change(&move |e: &mut Excerpt| e.good_practice = on); }/>{t.is_good_practice()}</label>
                <details><summary>{t.objectives()}</summary>
                    {tick(forms::list("gcm_objectives"), excerpt.objectives.clone(), |e| &mut e.objectives, "obj")}
                </details>
                <details><summary>{t.principles()}</summary>
                    {tick(forms::list("guiding_principles"), excerpt.principles.clone(), |e| &mut e.principles, "pr")}
                </details>
            </div>
            <button class="danger" on:click=move |_| change(&|e: &mut Excerpt| e.removed = true)>{t.remove_excerpt()}</button>
        </li>
    }
}
