//! Records that belong to another (a consultation session and its participant inputs), and
//! the start and naming of records, shared by every screen.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{browser, use_lang};
use crate::engine::{prefill, Answers, FormDef, Refused};
use crate::forms;
use crate::i18n::Catalog;
use crate::messages::{cannot_start, Say};
use crate::record::{Record, Status};
use crate::store;

/// Creates a new record of `form` (belonging to `parent`, if any) and opens it. When it cannot
/// be stored (full storage), `error` says so in `t`'s language and nothing opens.
pub fn start(form: &'static FormDef, parent: Option<String>, t: &'static Catalog, error: RwSignal<Option<String>>) {
    start_with(form, parent, None, t, error);
}

/// [`start`] with answers a link gave: the new record then replaces the link in the history,
/// so going back or reloading never starts a second one.
fn start_with(form: &'static FormDef, parent: Option<String>, given: Option<Answers>, t: &'static Catalog, error: RwSignal<Option<String>>) {
    let from_link = given.is_some();
    let record = Record { parent, answers: given.unwrap_or_default(), ..Record::new(form, browser::uuid(), browser::now(), t.lang().code()) };
    spawn_local(async move {
        match store::put(&record, 0).await {
            Ok(saved) if from_link => browser::replace_hash(&format!("#/r/{}", saved.id)),
            Ok(saved) => browser::navigate(&format!("#/r/{}", saved.id)),
            Err(e) => {
                error.set(Some(cannot_start(&e, t)));
            }
        }
    });
}

/// A record as lists name it: its form's title, and what it is about ("Chile — Ministerio …")
/// when its summary items are answered.
pub fn describe(r: &Record, t: &Catalog) -> (String, Option<String>) {
    match forms::of(r) {
        Some(form) => (form.title.get(t).to_string(), Some(r.summary(form, t)).filter(|s| !s.is_empty())),
        None => (r.form_id.clone(), None),
    }
}

/// [`describe`] in one line: "Chile — Ministerio … (Annex 1 …)".
pub fn describe_line(r: &Record, t: &Catalog) -> String {
    match describe(r, t) {
        (title, Some(summary)) => format!("{summary} ({title})"),
        (title, None) => title,
    }
}

/// On a session: its participant inputs, with their count, and a button to add one.
#[component]
pub fn Children(parent: String, child: &'static FormDef) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let id = parent.clone();
    let error = RwSignal::new(None::<String>);
    // Read as the home page reads its list (what the person cannot read is said there): one
    // copy of the loader for both.
    let children = super::loaded::loaded(move || {
        let id = id.clone();
        async move { store::list().await.map(|(all, bad)| (all.into_iter().filter(|r| r.parent.as_deref() == Some(&id)).collect::<Vec<_>>(), bad)) }
    });
    let add = move |_| start(child, Some(parent.clone()), t, error);
    view! {
        <section class="section" data-testid="children">
            <h2>{t.inputs()}" "
                <span data-testid="children-count">
                    {move || browser::number(children.with(|c| c.as_ref().and_then(|c| c.as_ref().ok()).map_or(0, |(c, _)| c.len() as u64)), lang.lang())}
                </span>
            </h2>
            <button class="primary" data-testid="add-child" on:click={super::handler(add)}>{t.add_input()}</button>
            {super::error_line(error)}
            {move || children.get().map(|list| match list {
                Err(e) => view! { <p class="error">{e.say(t)}</p> }.into_any(),
                Ok((list, _)) if list.is_empty() => view! { <p>{t.no_inputs()}</p> }.into_any(),
                Ok((list, _)) => view! {
                    <ol class="children">
                        {list.into_iter().map(|r| {
                            let summary = Some(r.summary(child, t)).filter(|s| !s.is_empty()).unwrap_or_else(|| t.untitled().to_string());
                            let status = if r.status == Status::Complete { t.complete() } else { t.draft() };
                            view! { <li><a href=format!("#/r/{}", r.id)>{summary}</a>" · "{status}</li> }.into_any()
                        }).collect_view()}
                    </ol>
                }.into_any(),
            })}
        </section>
    }
}

/// On a participant input: the way back to its session.
#[component]
pub fn ParentLink(parent: String) -> impl IntoView {
    let t = use_lang().t();
    view! { <p class="back"><a data-testid="parent-link" href=format!("#/r/{parent}")>"← "{t.back_to_session()}</a></p> }
}

/// Whether the home page offers `form` to start: forms whose records belong to another are
/// started from that record.
pub fn startable(form: &FormDef) -> bool {
    form.parent_form.is_none()
}

/// Participant inputs are listed under their session, not on the home page.
pub fn listed_on_home(record: &Record) -> bool {
    record.parent.is_none()
}

/// What a link gave that was not taken: shown once on the response it opened.
#[derive(Clone, Copy)]
pub struct LinkNotice(pub RwSignal<Vec<Refused>>);

/// `#/new/<form>?…`: starts a response with the link's answers (and, for a participant input,
/// `parent=<session id>`); the values the form does not accept are shown, never kept.
#[component]
pub fn NewFromLink(form_id: String, query: String) -> impl IntoView {
    let t = use_lang().t();
    let error = RwSignal::new(None::<String>);
    let notice = expect_context::<LinkNotice>();
    match forms::get(&form_id).filter(|f| startable(f) || f.parent_form.is_some()) {
        None => error.set(Some(t.fill("ui.unknown_form", &[("form", &form_id)]))),
        Some(form) => {
            let mut pairs = browser::query_pairs(&query);
            let parent = form.parent_form.as_ref().and_then(|_| {
                let i = pairs.iter().position(|(k, _)| k == "parent")?;
                Some(pairs.remove(i).1)
            });
            let (answers, refused) = prefill(form, &pairs);
            notice.0.set(refused);
            start_with(form, parent, Some(answers), t, error);
        }
    }
    super::error_line(error)
}

/// The notice of a link's refused values, on the response it opened (taken once).
#[component]
pub fn LinkRefusals(form: &'static FormDef) -> impl IntoView {
    let t = use_lang().t();
    let notice = use_context::<LinkNotice>();
    let refused = notice.map(|n| n.0.get_untracked()).unwrap_or_default();
    // Said on this response only: gone when the person leaves it.
    on_cleanup(move || {
        if let Some(n) = notice {
            n.0.try_set(Vec::new());
        }
    });
    (!refused.is_empty()).then(|| view! {
        <div class="notice" role="status" data-testid="link-notice">
            <p>{t.link_refused()}</p>
            <ul>
                {refused.into_iter().map(|r| {
                    let name = form.item(&r.name).map(|i| i.label.get(t).to_string()).unwrap_or_else(|| r.name.clone());
                    view! { <li>{format!("{name} = “{}”: {}", r.value, r.say(t))}</li> }.into_any()
                }).collect_view()}
            </ul>
        </div>
    }.into_any())
}
