//! The form screen: one response, its sections, progress, saved state, completion and export.

use leptos::prelude::*;

use super::autosave::{Autosaver, SaveState};
use super::question::Item;
use super::{browser, use_lang};
use crate::engine::{self, Answers, FormDef, Violation};
use crate::record::{Record, Status};
use crate::{bundle, forms, store};

/// What every question of the screen reads and writes through.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub form: &'static FormDef,
    pub record: RwSignal<Record>,
    pub saver: Autosaver,
    /// Set once "Mark as complete" was tried: from then on every field shows its problem.
    pub show_errors: RwSignal<bool>,
    pub violations: Memo<Vec<Violation>>,
}

impl FormCtx {
    /// Applies an edit to the form's answers, or to one repeat instance's, then schedules a save.
    pub fn edit(self, within: Option<&(String, String)>, f: impl FnOnce(&mut Answers)) {
        self.record.update(|r| {
            let scope = match within {
                Some((repeat, id)) => r.answers.instance_mut(repeat, id),
                None => Some(&mut r.answers),
            };
            if let Some(answers) = scope {
                f(answers);
            }
            // A changed answer has not been checked: completion must be asked for again.
            r.status = Status::Draft;
            r.completed = None;
            r.exported = None;
        });
        self.saver.changed();
    }

    /// Reads the form's answers and, inside a repeat, the instance's (tracked).
    pub fn read<R>(self, within: Option<&(String, String)>, f: impl FnOnce(&Answers, Option<&Answers>) -> R) -> R {
        self.record.with(|r| {
            let inst = within.and_then(|(rep, id)| r.answers.instances(rep).iter().find(|i| &i.id == id));
            f(&r.answers, inst.map(|i| &i.answers))
        })
    }

    /// The problem with one field, when problems are being shown.
    pub fn problem(self, field_id: &str) -> Option<engine::ViolationKind> {
        if !self.show_errors.get() {
            return None;
        }
        self.violations.with(|vs| vs.iter().find(|v| v.field_id() == field_id).map(|v| v.kind.clone()))
    }
}

/// "Save and add next", for the Ctrl+Enter shortcut of the form.
#[derive(Clone, Copy)]
pub struct SaveAndNext(pub Callback<()>);

pub fn use_form() -> FormCtx {
    expect_context::<FormCtx>()
}

#[component]
pub fn FormPage(id: String) -> impl IntoView {
    let lang = use_lang();
    let loaded = LocalResource::new(move || {
        let id = id.clone();
        async move { store::get(&id).await }
    });
    move || match loaded.get() {
        None => view! { <p>{lang.t().loading}</p> }.into_any(),
        Some(Err(e)) => view! { <p role="alert" class="error">{e.message(lang.code())}</p> }.into_any(),
        Some(Ok(None)) => view! { <p role="alert">{lang.t().not_found}" "<a href="#/">{lang.t().home}</a></p> }.into_any(),
        Some(Ok(Some(record))) => match forms::get(&record.form_id) {
            Some(form) => view! { <FormView form=form record=record/> }.into_any(),
            None => view! { <p role="alert" class="error">{format!("Unknown form: {}", record.form_id)}</p> }.into_any(),
        },
    }
}

#[component]
fn FormView(form: &'static FormDef, record: Record) -> impl IntoView {
    let lang = use_lang();
    let record = RwSignal::new(record);
    let saver = Autosaver::new(record);
    let violations = Memo::new(move |_| record.with(|r| engine::validate(form, &r.answers)));
    let ctx = FormCtx { form, record, saver, show_errors: RwSignal::new(false), violations };
    provide_context(ctx);
    let progress = Memo::new(move |_| record.with(|r| engine::progress(form, &r.answers)));
    let flush = window_event_listener(leptos::ev::pagehide, move |_| {
        if saver.dirty() {
            saver.save_now();
        }
    });
    on_cleanup(move || flush.remove());
    let (record_id, parent) = record.with_untracked(|r| (r.id.clone(), r.parent.clone()));
    // An input opened by "save and add next" and left untouched is not kept as an empty draft.
    let empty_child = (parent.is_some(), record_id.clone());
    on_cleanup(move || {
        if empty_child.0 && record.try_with_untracked(|r| r.answers.0.is_empty()) == Some(true) {
            leptos::task::spawn_local(async move {
                let _ = store::delete(&empty_child.1).await;
            });
        }
    });
    // A new record (e.g. after "save and add next") starts with the cursor in its first field.
    if record.with_untracked(|r| r.answers.0.is_empty()) {
        let first = form.items().next().map(|i| engine::field_id(None, &i.id));
        set_timeout(move || first.iter().for_each(|f| browser::focus(f)), std::time::Duration::ZERO);
    }

    // Everything below the record and its saver: a language change re-renders it, losing nothing.
    lang.keyed(move || view! {
        <p class="back"><a href="#/">"← "{lang.t().home}</a></p>
        <h1>{form.title.get(lang.code())}</h1>
        {form.intro.as_ref().map(|t| view! { <p class="intro">{t.get(lang.code())}</p> })}
        <div class="status-bar">
            <SaveStatus saver=saver/>
            <p class="progress" data-testid="progress">
                <progress max=move || progress.get().required value=move || progress.get().answered></progress>
                " "{move || format!("{} / {} {}", progress.get().answered, progress.get().required, lang.t().required_answered)}
            </p>
        </div>
        {parent.clone().map(|id| view! { <super::session::ParentLink parent=id/> })}
        <div on:keydown=move |ev: leptos::ev::KeyboardEvent| {
            if ev.ctrl_key() && ev.key() == "Enter" && form.parent_form.is_some() {
                ev.prevent_default();
                if let Some(next) = use_context::<SaveAndNext>() { next.0.run(()); }
            }
        }>
            {form.sections.iter().map(|section| {
                let shown = move || record.with(|r| engine::section_relevant(section, &r.answers));
                view! {
                    <Show when=shown>
                        <section class="section" id=format!("s-{}", section.id)>
                            <h2>{section.title.get(lang.code())}</h2>
                            {section.intro.as_ref().map(|t| view! { <p class="intro">{t.get(lang.code())}</p> })}
                            {section.items.iter().map(|item| view! { <Item item=item/> }).collect_view()}
                        </section>
                    </Show>
                }
            }).collect_view()}
            <Completion/>
        </div>
        {forms::child_of(form).map(|child| view! { <super::session::Children parent=record_id.clone() child=child/> })}
    })
}

#[component]
fn SaveStatus(saver: Autosaver) -> impl IntoView {
    let lang = use_lang();
    let text = move || match saver.state.get() {
        SaveState::Saved => lang.t().saved.to_string(),
        SaveState::Pending => lang.t().unsaved.to_string(),
        SaveState::Saving => lang.t().saving.to_string(),
        SaveState::Failed(e) => e.message(lang.code()),
        SaveState::Conflict(rev) => store::Error::conflict(rev).message(lang.code()),
    };
    let conflict = move || match saver.state.get() {
        SaveState::Conflict(rev) => Some(view! {
            <button on:click=move |_| saver.overwrite(rev)>{lang.t().keep_mine}</button>
            <button on:click=move |_| { let _ = web_sys::window().map(|w| w.location().reload()); }>{lang.t().load_theirs}</button>
        }),
        _ => None,
    };
    let state = move || match saver.state.get() {
        SaveState::Saved => "saved",
        SaveState::Failed(_) | SaveState::Conflict(_) => "error",
        _ => "pending",
    };
    view! {
        <p class="save-state" data-state=state data-testid="save-state" role="status" aria-live="polite">{text}</p>
        {conflict}
    }
}

#[component]
fn Completion() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    // Marks complete when valid; with `next`, then starts the next input of the same session.
    let complete = move |next: bool| {
        ctx.show_errors.set(true);
        let mut outcome = Ok(());
        ctx.record.update(|r| outcome = r.complete(ctx.form, browser::now()));
        match outcome {
            Ok(()) if next => {
                let (form, parent) = (ctx.form, ctx.record.with_untracked(|r| r.parent.clone()));
                ctx.saver.save_then(move || super::session::start(form, parent));
            }
            Ok(()) => ctx.saver.save_now(),
            Err(_) => {
                // The summary renders in this same tick; focus it on the next one.
                set_timeout(move || { if let Some(el) = summary_ref.get_untracked() { let _ = el.focus(); } }, std::time::Duration::ZERO);
            }
        }
    };
    provide_context(SaveAndNext(Callback::new(move |()| complete(true))));
    let has_parent = ctx.form.parent_form.is_some();
    let is_complete = move || ctx.record.with(|r| r.status == Status::Complete);
    view! {
        <div class="error-summary" role="alert" tabindex="-1" node_ref=summary_ref data-testid="error-summary"
            hidden=move || !ctx.show_errors.get() || ctx.violations.with(Vec::is_empty)>
            <h2>{lang.t().fix_these}</h2>
            <ul>
                {move || ctx.violations.get().into_iter().map(|v| {
                    let fid = v.field_id();
                    let label = label_of(ctx.form, &v, lang.code());
                    let message = super::i18n::violation(lang.code(), &v.kind);
                    let target = fid.clone();
                    view! {
                        <li><a href=format!("#{fid}") on:click=move |ev| { ev.prevent_default(); browser::focus(&target); }>
                            {format!("{label} — {message}")}
                        </a></li>
                    }
                }).collect_view()}
            </ul>
        </div>
        <div class="actions">
            <button class=if has_parent { "" } else { "primary" } data-testid="complete" on:click=move |_| complete(false)>
                {lang.t().mark_complete}
            </button>
            {has_parent.then(|| view! {
                <button class="primary" data-testid="save-and-next" aria-keyshortcuts="Control+Enter" on:click=move |_| complete(true)>
                    {lang.t().save_and_next}
                </button>
            })}
        </div>
        <Show when=is_complete>
            <p class="ok" data-testid="complete-note">{lang.t().is_complete}</p>
            <ExportButtons/>
        </Show>
    }
}

/// The question a violation is about, as the person sees it (with the example's number in a repeat).
fn label_of(form: &FormDef, v: &Violation, lang: &str) -> String {
    let top = |id: &str| form.item(id);
    match &v.within {
        None => top(&v.item).map(|i| i.label.get(lang).to_string()).unwrap_or_else(|| v.item.clone()),
        Some((repeat, _)) => {
            let parent = top(repeat);
            let child = parent.and_then(|p| p.items.iter().find(|c| c.id == v.item));
            child.map(|c| c.label.get(lang).to_string()).unwrap_or_else(|| v.item.clone())
        }
    }
}

#[component]
fn ExportButtons() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let export = move |what: &'static str| {
        let record = ctx.record.get_untracked();
        let forms = std::slice::from_ref(ctx.form);
        let now = browser::now();
        let bundle = bundle::Bundle::submission(std::slice::from_ref(&record), forms, &now, &super::device_id());
        let result = bundle.and_then(|b| match what {
            "json" => b.to_json().map(|s| (s.into_bytes(), "application/json")),
            "csv" => bundle::to_csv(ctx.form, std::slice::from_ref(&record)).map(|b| (b, "text/csv;charset=utf-8")),
            _ => bundle::to_zip(&b, forms).map(|b| (b, "application/zip")),
        });
        match result {
            Ok((bytes, mime)) => {
                browser::download(&file_name(ctx.form, &record, what), mime, &bytes);
                // Remember the export (the home page shows what has not been), without making
                // the record a draft again.
                ctx.record.update_untracked(|r| r.exported = Some(now));
                ctx.saver.save_now();
            }
            Err(e) => error.set(Some(e.message(lang.code()))),
        }
    };
    view! {
        <div class="actions">
            <button data-testid="download-zip" class="primary" on:click=move |_| export("zip")>{lang.t().download_zip}</button>
            <button data-testid="download-json" on:click=move |_| export("json")>{lang.t().download_json}</button>
            <button data-testid="download-csv" on:click=move |_| export("csv")>{lang.t().download_csv}</button>
        </div>
        <p role="alert" class="error" hidden=move || error.get().is_none()>{move || error.get()}</p>
    }
}

/// `annex1_CHL_2026-11-22_1a2b3c4d.json`: form, who, when, and a short id.
fn file_name(form: &FormDef, record: &Record, ext: &str) -> String {
    let who = form.summary_items.first().map(|id| record.answers.text(id)).unwrap_or("");
    let date = record.completed.as_deref().unwrap_or(&record.modified).get(..10).unwrap_or("");
    bundle::file_name(&form.id, who, date, &record.id, ext)
}
