//! The home screen: the forms to start, and the responses kept on this device.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{browser, session, use_lang};
use crate::forms;
use crate::record::{Record, Status};
use crate::store;

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    let drafts = LocalResource::new(move || {
        reload.track();
        store::list()
    });


    view! {
        <h1>{lang.t().forms}</h1>
        <ul class="forms">
            {forms::all().iter().filter(|f| session::startable(f)).map(|form| view! {
                <li class="card">
                    <h2>{form.title.get(lang.code())}</h2>
                    <button class="primary" data-testid=format!("start-{}", form.id) on:click=move |_| session::start(form, None)>
                        {lang.t().start}
                    </button>
                </li>
            }).collect_view()}
        </ul>
        <p role="alert" class="error" hidden=move || error.get().is_none()>{move || error.get()}</p>
        <h2>{lang.t().drafts}</h2>
        <p class="actions">
            <a data-testid="transfer-link" href="#/transfer">{lang.t().transfer}</a>
            <a data-testid="secretariat-link" href="secretariat/">{lang.t().secretariat}</a>
        </p>
        {move || match drafts.get() {
            None => view! { <p>{lang.t().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p role="alert" class="error">{e.message(lang.code())}</p> }.into_any(),
            Some(Ok((records, unreadable))) => view! {
                <DraftList records=records.into_iter().filter(session::listed_on_home).collect() reload=reload error=error/>
                {unreadable.into_iter().map(|e| view! { <p class="error">{e.message(lang.code())}</p> }).collect_view()}
            }.into_any(),
        }}
    }
}

#[component]
fn DraftList(records: Vec<Record>, reload: RwSignal<u32>, error: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    if records.is_empty() {
        return view! { <p>{lang.t().no_drafts}</p> }.into_any();
    }
    let remove = move |id: String| {
        if !browser::confirm(lang.t().confirm_delete) {
            return;
        }
        spawn_local(async move {
            match store::delete(&id).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e.message(lang.code()))),
            }
        });
    };
    view! {
        <ul class="drafts" data-testid="drafts">
            {records.into_iter().map(|r| {
                let form = forms::get(&r.form_id);
                let title = form.map(|f| f.title.get(lang.code()).to_string()).unwrap_or_else(|| r.form_id.clone());
                let summary = form.map(|f| r.summary(f, lang.code())).filter(|s| !s.is_empty()).unwrap_or_else(|| lang.t().untitled.into());
                let complete = r.status == Status::Complete;
                let unexported = complete && r.exported.is_none();
                let (id, id2, modified) = (r.id.clone(), r.id.clone(), r.modified.clone());
                view! {
                    <li class="card draft">
                        <a href=format!("#/r/{id}")><strong>{summary}</strong></a>
                        <span class="muted">{title}</span>
                        <span class="muted">{format!("{}: {}", lang.t().last_saved, browser::local_time(&modified, lang.code()))}</span>
                        <span class=if complete { "badge ok" } else { "badge" }>
                            {if complete { lang.t().complete } else { lang.t().draft }}
                        </span>
                        {unexported.then(|| view! { <span class="badge warn" data-testid="not-exported">{lang.t().not_exported}</span> })}
                        <button class="link danger" on:click=move |_| remove(id2.clone())>{lang.t().delete}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}
