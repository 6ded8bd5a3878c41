//! The home screen: the forms to start, and the responses kept on this device.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{browser, recipient, session, storage, use_lang};
use crate::forms;
use crate::messages::Say;
use crate::record::{Record, Status};
use crate::store;

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let error = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    let drafts = super::loaded::loaded(move || {
        reload.track();
        store::list()
    });
    // Whom submissions leave encrypted for: set on this device, or by the deployment.
    let recipient = RwSignal::new(None::<String>);
    spawn_local(async move { recipient.set(recipient::shown_label("").await) });

    view! {
        <h1>{t.forms()}</h1>
        <ul class="forms">
            {forms::all().iter().filter(|f| session::startable(f)).map(|form| {
                let title = form.title.get(t);
                view! {
                    <li class="card">
                        <h2>{title}</h2>
                        // The form's name in the accessible name: three "Start" buttons are
                        // told apart by a screen reader.
                        <button class="primary" data-testid=format!("start-{}", form.id)
                            aria-label=t.fill("ui.start_form", &[("form", title)])
                            on:click={super::handler(move |_| session::start(form, None, t, error))}>
                            {t.start()}
                        </button>
                        " "
                        <a class="print-link" href=format!("transfer/#/blank/{}", form.id)
                            aria-label=format!("{}: {title}", t.print_blank())>{t.print_blank()}</a>
                    </li>
                }.into_any()
            }).collect_view()}
        </ul>
        {super::error_line(error)}
        <h2>{t.drafts()}</h2>
        <p class="actions">
            <a data-testid="transfer-link" href="transfer/">{t.transfer()}</a>
            <a data-testid="secretariat-link" href="secretariat/">{t.secretariat()}</a>
        </p>
        <p class="hint" data-testid="recipient" hidden=move || recipient.with(Option::is_none)>
            {move || recipient.get().map(|label| format!("{}: {label}", t.encrypted_for())).unwrap_or_default()}
        </p>
        {move || match drafts.get() {
            None => view! { <p>{t.loading()}</p> }.into_any(),
            Some(Err(e)) => view! { <p role="alert" class="error">{e.say(t)}</p> }.into_any(),
            Some(Ok((records, unreadable))) => view! {
                <storage::StorageStatus only_here=storage::any_only_here(&records)/>
                <DraftList records=records.into_iter().filter(session::listed_on_home).collect() reload=reload error=error/>
                {unreadable.into_iter().map(|e| view! { <p class="error">{e.say(t)}</p> }.into_any()).collect_view()}
            }.into_any(),
        }}
    }
}

#[component]
fn DraftList(records: Vec<Record>, reload: RwSignal<u32>, error: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    if records.is_empty() {
        return view! { <p>{t.no_drafts()}</p> }.into_any();
    }
    let remove = move |id: String| {
        if !browser::confirm(t.confirm_delete()) {
            return;
        }
        spawn_local(async move {
            match store::delete(&id).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e.say(t))),
            }
        });
    };
    view! {
        <ul class="drafts" data-testid="drafts">
            {records.into_iter().map(|r| {
                let (title, summary) = session::describe(&r, t);
                let summary = summary.unwrap_or_else(|| t.untitled().into());
                let name = format!("{summary} ({title})");
                let complete = r.status == Status::Complete;
                let unexported = complete && r.exported.is_none();
                let (id, id2, modified) = (r.id.clone(), r.id.clone(), r.modified.clone());
                view! {
                    <li class="card draft">
                        <a href=format!("#/r/{id}")><strong>{summary}</strong></a>
                        <span class="muted">{title}</span>
                        <span class="muted">{format!("{}: {}", t.last_saved(), browser::local_time(&modified, lang.lang()))}</span>
                        <span class=if complete { "badge ok" } else { "badge" }>
                            {if complete { t.complete() } else { t.draft() }}
                        </span>
                        {unexported.then(|| view! { <span class="badge warn" data-testid="not-exported">{t.not_exported()}</span> }.into_any())}
                        <button class="link danger" aria-label=t.fill("ui.delete_named", &[("name", &name)])
                            on:click={super::handler(move |_| remove(id2.clone()))}>{t.delete()}</button>
                    </li>
                }.into_any()
            }).collect_view()}
        </ul>
    }.into_any()
}
