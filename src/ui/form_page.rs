//! The form screen: one response, its sections, progress, saved state and completion (its
//! downloads are on the transfer page, `export_one`).

use leptos::prelude::*;

use super::autosave::{Autosaver, SaveState};
use super::question::Item;
use super::{backup, browser, use_lang};
use crate::engine::{self, Answers, Changes, Edit, FormDef, FormState, Place, Progress, Violation};
use crate::i18n::Catalog;
use crate::messages::Say;
use crate::record::{Record, Status};
use crate::{forms, store};

/// What every question of the screen reads and writes through.
///
/// The answers live in `record`, their state (relevance, violations, progress) in the
/// engine's [`FormState`]; neither is tracked as a whole. Each field's views track the
/// field's own trigger, each section's its own, and an edit notifies only those the engine
/// says changed: a keystroke in a long form redraws one question, not the form.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub form: &'static FormDef,
    pub record: RwSignal<Record>,
    pub saver: Autosaver,
    /// Set once "Mark as complete" was tried: from then on every field shows its problem.
    pub show_errors: RwSignal<bool>,
    /// Every violation in form order (the error summary, the contents): recomputed only when
    /// some field's relevance or violation changed.
    pub violations: Memo<Vec<Violation>>,
    pub progress: RwSignal<Progress>,
    /// Notified when some field's relevance or violation, or a section's relevance, changed.
    pub validity: Trigger,
    state: StoredValue<FormState>,
    /// By field id (`q-…`) or section (`s-<id>`): what the views of one field or section track.
    /// (A list: smaller in the wasm than a map; looked up when a view is made or an edit redraws.)
    triggers: StoredValue<Vec<(String, ArcTrigger)>>,
}

impl FormCtx {
    fn new(form: &'static FormDef, record: RwSignal<Record>, saver: Autosaver) -> FormCtx {
        let state = record.with_untracked(|r| FormState::new(form, &r.answers));
        let validity = Trigger::new();
        let violations = super::memo(move || {
            validity.track();
            record.with_untracked(|r| engine::validate(form, &r.answers))
        });
        let progress = RwSignal::new(state.progress());
        let state = StoredValue::new(state);
        let (show_errors, triggers) = (RwSignal::new(false), StoredValue::new(Vec::new()));
        FormCtx { form, record, saver, show_errors, violations, progress, validity, state, triggers }
    }

    /// What the views of one field (its `field_id`) or section (`s-<id>`) track.
    pub fn trigger(self, key: String) -> ArcTrigger {
        let found = self.triggers.try_with_value(|m| m.iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone())).flatten();
        found.unwrap_or_else(|| {
            let t = ArcTrigger::new();
            self.triggers.try_update_value(|m| m.push((key, t.clone())));
            t
        })
    }

    /// The trigger of the field at `place`.
    pub fn field(self, place: &Place) -> ArcTrigger {
        self.trigger(place.field_id())
    }

    /// Applies an edit to one answer, redraws what it changed, then schedules a save.
    pub fn edit(self, place: &Place, edit: Edit) {
        let mut changes = Changes::default();
        let mut was_done = false;
        self.record.update_untracked(|r| {
            changes = self.state.try_update_value(|s| s.edit(self.form, &mut r.answers, place, edit)).unwrap_or_default();
            // A changed answer has not been checked: completion must be asked for again.
            was_done = r.status == Status::Complete || r.completed.is_some() || r.exported.is_some();
            r.status = Status::Draft;
            r.completed = None;
            r.exported = None;
        });
        if was_done {
            self.record.notify();
        }
        let notify = |key: String| {
            if let Some(t) = self.triggers.with_value(|m| m.iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone())) {
                t.notify();
            }
        };
        for p in changes.answer.iter().chain(&changes.fields) {
            notify(p.field_id());
        }
        for s in &changes.sections {
            notify(format!("s-{s}"));
        }
        if let Some(p) = changes.progress {
            self.progress.set(p);
        }
        if changes.validity() {
            self.validity.notify();
        }
        self.saver.changed();
    }

    /// Reads the answers a field inside `within` sees: the form's, or its instance's
    /// (untracked: a view tracks its field's [`FormCtx::field`] trigger).
    pub fn answers<R>(self, within: Option<&(String, String)>, f: impl FnOnce(&Answers) -> R) -> R {
        self.record.with_untracked(|r| match within {
            Some((rep, id)) => match r.answers.instances(rep).iter().find(|i| &i.id == id) {
                Some(inst) => f(&inst.answers),
                None => f(&Answers::default()),
            },
            None => f(&r.answers),
        })
    }

    /// Whether the field at `place` is shown (tracking `trigger`, its own).
    pub fn relevant(self, place: &Place, trigger: &ArcTrigger) -> bool {
        trigger.track();
        self.state.with_value(|s| s.field(place).is_some_and(|f| f.relevant))
    }

    /// Whether the section with this id is shown (tracked).
    pub fn section_shown(self, id: &str) -> bool {
        self.trigger(format!("s-{id}")).track();
        self.state.with_value(|s| s.section_relevant(id))
    }

    /// The problem with one field, when problems are being shown (tracking `trigger`, its own).
    pub fn problem(self, place: &Place, trigger: &ArcTrigger) -> Option<engine::ViolationKind> {
        if !self.show_errors.get() {
            return None;
        }
        trigger.track();
        self.state.with_value(|s| s.field(place).and_then(|f| f.violation.clone()))
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
    let loaded = super::loaded::loaded(move || {
        let id = id.clone();
        async move { store::get(&id).await }
    });
    // The messages follow the language; the form keeps its record and re-renders inside.
    super::reactive(move || match loaded.get() {
        None => lang.keyed(move || view! { <p>{lang.t().loading()}</p> }).into_any(),
        Some(Err(e)) => lang.keyed(move || view! { <p role="alert" class="error">{e.say(lang.t())}</p> }).into_any(),
        Some(Ok(None)) => lang.keyed(move || {
            let t = lang.t();
            view! { <p role="alert">{t.not_found()}" "<a href="#/">{t.home()}</a></p> }
        }).into_any(),
        Some(Ok(Some(record))) => match forms::get(&record.form_id) {
            Some(newest) => {
                // A draft of an earlier version opens in the newest, migrated (saved below).
                let began = record.form_version.clone();
                let own = forms::find(&record.form_id, &began);
                let (form, record) = record.opened(newest, own);
                let migrated = record.form_version != began;
                view! { <FormView form=form record=record migrated=migrated/> }.into_any()
            }
            None => lang.keyed(move || {
                view! { <p role="alert" class="error">{lang.t().fill("ui.unknown_form", &[("form", &record.form_id)])}</p> }
            }).into_any(),
        },
    })
}

#[component]
fn FormView(form: &'static FormDef, record: Record, migrated: bool) -> impl IntoView {
    let lang = use_lang();
    let record = RwSignal::new(record);
    let saver = Autosaver::new(record);
    if migrated {
        saver.changed();
    }
    // A reload (a new version, another tab's upgrade) saves this form first.
    super::reload::save_first(move |then| if saver.dirty() { saver.save_then(then) } else { then() });
    let ctx = FormCtx::new(form, record, saver);
    provide_context(ctx);
    let progress = ctx.progress;
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
        // (Answers set aside by a migration are not nothing: such an input is kept.)
        if empty_child.0 && record.try_with_untracked(|r| r.answers.is_empty() && r.set_aside.is_empty()) == Some(true) {
            leptos::task::spawn_local(async move {
                let _ = store::delete(&empty_child.1).await;
            });
        }
    });
    // A new record (e.g. after "save and add next") starts with the cursor in its first field.
    if record.with_untracked(|r| r.answers.0.is_empty()) {
        let first = form.items().next().map(|i| engine::field_id(None, &i.id));
        // After the page's first frame: the browser has laid it out by then (focusing sooner
        // made a layout of its own), and the bar's watch, started as that frame begins (below),
        // has set where the bar ends, for scrolling clear of it.
        request_animation_frame(move || {
            set_timeout(move || first.iter().for_each(|f| browser::focus(f)), std::time::Duration::ZERO);
        });
    }

    // Everything below the record and its saver: a language change re-renders it, losing nothing.
    lang.keyed(move || {
        let t = lang.t();
        let count = move |n: usize| browser::number(n as u64, t.lang());
        // The status bar's height watched from the frame that first draws it, for scrolling
        // fields clear of it (index.html's gcmWatchBar): its first size is known as that frame
        // is laid out, before the first field's focus above.
        request_animation_frame(|| { browser::call_global("gcmWatchBar"); });
        view! {
        <p class="back"><a href="#/">"← "{t.home()}</a></p>
        <h1>{form.title.get(t)}</h1>
        {form.intro.find(t).map(|intro| view! { <p class="intro">{intro}</p> }.into_any())}
        <super::session::LinkRefusals form=form/>
        <super::migration::MigrationNotice migrated=migrated/>
        <div class="status-bar">
            <SaveStatus saver=saver/>
            <p class="progress" data-testid="progress">
                // The numbers as text, the attribute values' one type here: a number type of
                // its own cost the wasm 0.8 KB gzip.
                <progress max=move || progress.get().required.to_string() value=move || progress.get().answered.to_string()></progress>
                " "{move || format!("{} / {} {}", count(progress.get().answered), count(progress.get().required), t.required_answered())}
            </p>
            <super::contents::NextUnanswered/>
        </div>
        <super::contents::Contents/>
        {parent.clone().map(|id| view! { <super::session::ParentLink parent=id/> }.into_any())}
        <p class="actions"><a href=format!("transfer/#/r/{}/print", record_id)>{t.print()}</a></p>
        <div on:keydown={super::handler(move |ev: leptos::ev::KeyboardEvent| {
            if ev.ctrl_key() && ev.key() == "Enter" && form.parent_form.is_some() {
                ev.prevent_default();
                if let Some(next) = use_context::<SaveAndNext>() { next.0.run(()); }
            }
        })}>
            {form.sections.iter().map(|section| {
                let shown = super::memo(move || ctx.section_shown(&section.id));
                super::when(shown, move || view! {
                    <section class="section" id=format!("s-{}", section.id) tabindex="-1">
                        <h2>{section.title.get(t)}</h2>
                        {section.intro.find(t).map(|intro| view! { <p class="intro">{intro}</p> }.into_any())}
                        {section.items.iter().map(|item| view! { <Item item=item/> }.into_any()).collect_view()}
                    </section>
                }.into_any()).into_any()
            }).collect_view()}
            <Completion/>
        </div>
        {forms::child_of(form).map(|child| view! { <super::session::Children parent=record_id.clone() child=child/> }.into_any())}
        }
    })
}

/// Whether the draft is on the device, and what to do when it is not. A write that failed for
/// want of room keeps the text on screen and offers a backup file at once: the person's words
/// leave with them even when the device cannot keep them.
#[component]
fn SaveStatus(saver: Autosaver) -> impl IntoView {
    let t = use_lang().t();
    let ctx = use_form();
    let text = super::reactive(move || match saver.state.get() {
        SaveState::Saved => t.saved().to_string(),
        SaveState::Pending => t.unsaved().to_string(),
        SaveState::Saving => t.saving().to_string(),
        // Full storage says what to do already; any other failure gets it said.
        SaveState::Failed(e) if e.is_not_saved() => e.say(t),
        SaveState::Failed(e) => format!("{} {}", e.say(t), t.text_kept()),
        SaveState::Conflict(rev) => store::Error::conflict(rev).say(t),
    });
    let backup_failed = RwSignal::new(None::<String>);
    let backup = move |_| {
        let current = ctx.record.get_untracked();
        leptos::task::spawn_local(async move { backup_failed.set(backup::download_backup_json(current, t).await.err()) });
    };
    let conflict = super::reactive(move || match saver.state.get() {
        SaveState::Conflict(rev) => Some(view! {
            <button on:click={super::handler(move |_| saver.overwrite(rev))}>{t.keep_mine()}</button>
            <button on:click={super::handler(move |_| { let _ = web_sys::window().map(|w| w.location().reload()); })}>{t.load_theirs()}</button>
        }.into_any()),
        // Any failed write: the words exist only on this screen until they are in a file.
        SaveState::Failed(_) => Some(view! {
            <button class="primary" data-testid="backup-now" on:click={super::handler(backup)}>{t.backup_button()}</button>
            {super::error_line(backup_failed)}
        }.into_any()),
        _ => None,
    });
    // A `String`, as the page's other attribute texts are: a `&str` would cost its own code.
    let state = move || match saver.state.get() {
        SaveState::Saved => "saved",
        SaveState::Failed(_) | SaveState::Conflict(_) => "error",
        _ => "pending",
    }
    .to_string();
    view! {
        <p class="save-state" data-state=state data-testid="save-state" role="status" aria-live="polite">{text}</p>
        {conflict}
    }
}

#[component]
fn Completion() -> impl IntoView {
    let ctx = use_form();
    let t = use_lang().t();
    let start_error = RwSignal::new(None::<String>);
    // Marks complete when valid; with `next`, then starts the next input of the same session.
    let complete = move |next: bool| {
        ctx.show_errors.set(true);
        let mut outcome = Ok(());
        ctx.record.update(|r| outcome = r.complete(ctx.form, browser::now()));
        match outcome {
            Ok(()) if next => {
                let (form, parent) = (ctx.form, ctx.record.with_untracked(|r| r.parent.clone()));
                ctx.saver.save_then(move || super::session::start(form, parent, t, start_error));
            }
            Ok(()) => ctx.saver.save_now(),
            Err(_) => {
                // The summary renders in this same tick; focus it on the next one.
                set_timeout(|| browser::focus_only("error-summary"), std::time::Duration::ZERO);
            }
        }
    };
    provide_context(SaveAndNext(Callback::new(move |()| complete(true))));
    let has_parent = ctx.form.parent_form.is_some();
    let is_complete = super::memo(move || ctx.record.with(|r| r.status == Status::Complete));
    view! {
        <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary"
            hidden=move || !ctx.show_errors.get() || ctx.violations.with(Vec::is_empty)>
            <h2>{t.fix_these()}</h2>
            <ul>
                {move || ctx.violations.get().into_iter().map(|v| {
                    let fid = v.field_id();
                    let label = label_of(ctx.form, &v, t);
                    let message = v.kind.say(t);
                    let target = fid.clone();
                    view! {
                        <li><a href=format!("#{fid}") on:click={super::handler(move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); browser::focus(&target); })}>
                            {format!("{label} — {message}")}
                        </a></li>
                    }.into_any()
                }).collect_view()}
            </ul>
        </div>
        <div class="actions">
            <button class=if has_parent { "" } else { "primary" } data-testid="complete" on:click={super::handler(move |_| complete(false))}>
                {t.mark_complete()}
            </button>
            {has_parent.then(|| view! {
                <button class="primary" data-testid="save-and-next" aria-keyshortcuts="Control+Enter" on:click={super::handler(move |_| complete(true))}>
                    {t.save_and_next()}
                </button>
            }.into_any())}
        </div>
        {super::error_line(start_error)}
        {super::when(is_complete, move || view! {
            <p class="ok" data-testid="complete-note">{t.is_complete()}</p>
            // Its files are written on the transfer page: the zip writer, CSV tables and
            // codebook stay off the collector's first load (-32 KB gzip).
            <p class="actions">
                <a class="button primary" href=move || format!("transfer/#/export/{}", ctx.record.with(|r| r.id.clone()))>{t.download_response()}</a>
            </p>
        }.into_any())}
    }
}

/// The question a violation is about, as the person sees it.
fn label_of(form: &FormDef, v: &Violation, t: &Catalog) -> String {
    let top = |id: &str| form.item(id);
    match &v.within {
        None => top(&v.item).map(|i| i.label.get(t).to_string()).unwrap_or_else(|| v.item.clone()),
        Some((repeat, _)) => {
            let parent = top(repeat);
            let child = parent.and_then(|p| p.items.iter().find(|c| c.id == v.item));
            child.map(|c| c.label.get(t).to_string()).unwrap_or_else(|| v.item.clone())
        }
    }
}

