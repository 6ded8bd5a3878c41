//! Records that belong to another: a consultation session and its participant inputs.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{browser, use_lang};
use crate::engine::FormDef;
use crate::record::{Record, Status};
use crate::store;

/// Creates a new record of `form` (belonging to `parent`, if any) and opens it.
pub fn start(form: &'static FormDef, parent: Option<String>) {
    let lang = use_context::<super::LangCtx>().map(|l| l.code()).unwrap_or("en");
    let record = Record { parent, ..Record::new(form, browser::uuid(), browser::now(), lang) };
    spawn_local(async move {
        match store::put(&record, 0).await {
            Ok(saved) => browser::navigate(&format!("#/r/{}", saved.id)),
            Err(e) => browser::alert(&e.message(lang)),
        }
    });
}

/// On a session: its participant inputs, with their count, and a button to add one.
#[component]
pub fn Children(parent: String, child: &'static FormDef) -> impl IntoView {
    let lang = use_lang();
    let id = parent.clone();
    let children = LocalResource::new(move || {
        let id = id.clone();
        async move { store::list().await.map(|(all, _)| all.into_iter().filter(|r| r.parent.as_deref() == Some(&id)).collect::<Vec<_>>()) }
    });
    let add = move |_| start(child, Some(parent.clone()));
    view! {
        <section class="section" data-testid="children">
            <h2>{lang.t().inputs}" "
                <span data-testid="children-count">{move || children.get().and_then(Result::ok).map(|c| c.len()).unwrap_or(0)}</span>
            </h2>
            <button class="primary" data-testid="add-child" on:click=add>{lang.t().add_input}</button>
            {move || children.get().map(|list| match list {
                Err(e) => view! { <p class="error">{e.message(lang.code())}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{lang.t().no_inputs}</p> }.into_any(),
                Ok(list) => view! {
                    <ol class="children">
                        {list.into_iter().map(|r| {
                            let summary = r.summary(child, lang.code());
                            let status = if r.status == Status::Complete { lang.t().complete } else { lang.t().draft };
                            view! { <li><a href=format!("#/r/{}", r.id)>{summary}</a>" · "{status}</li> }
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
    let lang = use_lang();
    view! { <p class="back"><a data-testid="parent-link" href=format!("#/r/{parent}")>"← "{lang.t().back_to_session}</a></p> }
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
