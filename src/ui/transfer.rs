//! The transfer page (`transfer/`, its own wasm: the collector's first load does not carry the
//! bundle reader): export for submission (chosen records, validated again, what is left out
//! and why) and backup / transfer of drafts between devices, with conflicts shown, never
//! overwritten.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::backup::{download_backup, unlocked};
use super::encryption::{outgoing, Leave, Recipient, RecipientSection};
use super::session::describe_line;
use super::{browser, device_id, locale, use_lang};
use crate::bundle::locked::MIN_PASSPHRASE_CHARS;
use crate::bundle::{self, merge_backup, select, MergeAction, Selection};
use crate::forms;
use crate::messages::Say;
use crate::record::Record;
use crate::store;

#[component]
pub fn Transfer() -> impl IntoView {
    let t = use_lang().t();
    let reload = RwSignal::new(0u32);
    let records = super::loaded::loaded(move || {
        reload.track();
        async move { store::list().await.map(|(all, _)| all).unwrap_or_default() }
    });
    // Kept here: the sections below are rebuilt whenever the records reload.
    let report = Report { message: RwSignal::new(None), conflicts: RwSignal::new(Vec::new()) };
    let recipient = Recipient::load();
    view! {
        <p class="back"><a href="../">"← "{t.home()}</a></p>
        <h1>{t.transfer()}</h1>
        {super::export_one::requested_id().map(|id| view! { <super::export_one::ExportOne id=id recipient=recipient/> })}
        <RecipientSection recipient=recipient/>
        {move || records.get().map(|all| view! {
            <Export records=all.clone() reload=reload recipient=recipient/>
            <Backup records=all reload=reload report=report/>
        })}
    }
}

#[component]
fn Export(records: Vec<Record>, reload: RwSignal<u32>, recipient: Recipient) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let selection = RwSignal::new(Selection::AllComplete);
    let records = StoredValue::new(records);
    let chosen = Memo::new(move |_| records.with_value(|all| select(all, &selection.get(), forms::versions())));
    let error = RwSignal::new(None::<String>);
    let sessions: Vec<(String, String)> = records.with_value(|all| {
        all.iter().filter(|r| forms::get(&r.form_id).is_some_and(|f| forms::child_of(f).is_some())).map(|r| (r.id.clone(), describe_line(r, t))).collect()
    });
    let export = move |share: bool, how: Leave| {
        spawn_local(async move {
            // The zip carries the codebook and README in every language (cached after the first visit).
            let Ok(catalogs) = locale::load_all().await else { return error.set(Some(t.language_unavailable().to_string())) };
            let (picked, _) = chosen.get_untracked();
            let now = browser::now();
            let zip = bundle::Bundle::submission(&picked, forms::versions(), &now, &device_id())
                .and_then(|b| bundle::to_zip(&b, forms::versions(), &catalogs));
            match zip {
                Ok(bytes) => {
                    let form = match selection.get_untracked() { Selection::Form(id) => id, _ => "mixed".into() };
                    let name = bundle::file_name(&form, "", now.get(..10).unwrap_or(""), &device_id(), "zip");
                    let (name, mime, bytes) = match outgoing(recipient, how, name, bytes, t).await {
                        Ok(file) => file,
                        Err(e) => return error.set(Some(e)),
                    };
                    if share { browser::share_or_download(&name, mime, &bytes) } else { browser::download(&name, mime, &bytes) }
                    for r in picked {
                        let _ = store::put(&Record { exported: Some(now.clone()), ..r.clone() }, r.revision).await;
                    }
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e.say(t))),
            }
        });
    };
    let choose = move |ev: leptos::ev::Event| {
        selection.set(match event_target_value(&ev).as_str() {
            "not_exported" => Selection::NotYetExported,
            v if v.starts_with("form:") => Selection::Form(v[5..].into()),
            v if v.starts_with("session:") => Selection::Session(v[8..].into()),
            _ => Selection::AllComplete,
        })
    };
    view! {
        <section class="section">
            <h2>{t.export_title()}</h2>
            <label for="export-choice">{t.export_which()}</label>
            <select id="export-choice" on:change=choose>
                <option value="all">{t.export_all()}</option>
                <option value="not_exported">{t.export_new()}</option>
                {forms::all().iter().map(|f| view! { <option value=format!("form:{}", f.id)>{f.title.get(t)}</option> }).collect_view()}
                {sessions.into_iter().map(|(id, name)| view! { <option value=format!("session:{id}")>{format!("{}: {name}", t.session())}</option> }).collect_view()}
            </select>
            <p data-testid="export-count">{move || browser::count(chosen.with(|c| c.0.len()) as u64, lang.lang(), t.records_to_export_one(), t.records_to_export())}</p>
            <ul data-testid="left-out">
                {move || chosen.get().1.into_iter().map(|(id, reason)| {
                    let name = records.with_value(|all| all.iter().find(|r| r.id == id).map(|r| describe_line(r, t))).unwrap_or(id);
                    view! { <li>{format!("{name} — {}", reason.say(t))}</li> }
                }).collect_view()}
            </ul>
            <div class="actions">
                <button class="primary" data-testid="export-zip" disabled=move || chosen.with(|c| c.0.is_empty()) on:click=move |_| export(false, Leave::Sealed)>
                    {move || if recipient.is_set() { t.download_encrypted() } else { t.download_zip() }}
                </button>
                {browser::can_share_files().then(|| view! { <button on:click=move |_| export(true, Leave::Sealed)>{t.share()}</button> })}
                // A plain copy past a warning, for a secretariat that asked for one.
                {move || recipient.is_set().then(|| view! {
                    <button class="link" disabled=move || chosen.with(|c| c.0.is_empty())
                        on:click=move |_| if let Some(how) = Leave::plain_copy(recipient, t) { export(false, how) }>{t.unencrypted_copy()}</button>
                })}
            </div>
            {super::error_line(error)}
        </section>
    }
}

/// What the last opened file did, and the conflicts still to settle.
#[derive(Clone, Copy)]
struct Report {
    message: RwSignal<Option<String>>,
    conflicts: RwSignal<Vec<(Record, Record)>>,
}

#[component]
fn Backup(records: Vec<Record>, reload: RwSignal<u32>, report: Report) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let Report { message, conflicts } = report;
    let records = StoredValue::new(records);
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let backup = move |_| {
        let chosen = passphrase.get_untracked();
        if !chosen.is_empty() && chosen.chars().count() < MIN_PASSPHRASE_CHARS {
            return message.set(Some(t.passphrase_short().to_string()));
        }
        busy.set(true);
        spawn_local(async move {
            let done = download_backup((!chosen.is_empty()).then_some(chosen), t).await;
            busy.set(false);
            message.set(done.err());
        })
    };
    let open = move |ev: leptos::ev::Event| {
        spawn_local(async move {
            let Some((name, bytes)) = browser::read_chosen_file(&ev).await else { return };
            let bytes = match unlocked(bytes, &passphrase.get_untracked(), t).await {
                Ok(bytes) => bytes,
                Err(e) => return message.set(Some(format!("{name}: {e}"))),
            };
            let incoming = match bundle::read(&bytes) {
                Ok(b) => b.into_records(),
                Err(e) => return message.set(Some(e.in_file(&name).say(t))),
            };
            let (mut added, mut same, mut failed, mut found) = (0, 0, Vec::new(), Vec::new());
            for action in merge_backup(&records.get_value(), &incoming) {
                match action {
                    MergeAction::Add(r) => match store::import(&r, None).await {
                        Ok(_) => added += 1,
                        Err(e) => failed.push(e.say(t)),
                    },
                    MergeAction::Skip { .. } => same += 1,
                    MergeAction::Conflict { local, incoming } => found.push((local, incoming)),
                }
            }
            let n = |k: usize| browser::number(k as u64, lang.lang());
            let mut text = format!("{name}: {} {}, {} {}, {} {}", n(added), t.added(), n(same), t.already_here(), n(found.len()), t.to_choose());
            for f in failed {
                text.push_str(&format!(" — {f}"));
            }
            message.set(Some(text));
            conflicts.set(found);
            reload.update(|n| *n += 1);
        });
    };
    view! {
        <section class="section">
            <h2>{t.backup_title()}</h2>
            <p class="hint">{t.backup_hint()}</p>
            <label for="backup-passphrase">{t.backup_passphrase()}</label>
            <input id="backup-passphrase" type="password" autocomplete="new-password" aria-describedby="backup-passphrase-hint"
                prop:value=passphrase on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            <p class="hint" id="backup-passphrase-hint">{t.backup_passphrase_hint()}" "{t.passphrase_rule()}</p>
            <div class="actions">
                <button data-testid="backup" disabled=busy on:click=backup>{move || if busy.get() { t.working() } else { t.backup_button() }}</button>
            </div>
            <label for="backup-file">{t.open_backup()}</label>
            <input id="backup-file" type="file" accept=".zip,.json,.gcm-locked,application/zip,application/json" on:change=open/>
            <p role="status" data-testid="import-report" hidden=move || message.get().is_none()>{move || message.get()}</p>
            <ul data-testid="conflicts">
                <For each=move || conflicts.get() key=|(l, i)| (l.id.clone(), i.revision) let((local, incoming))>
                    <Conflict local=local incoming=incoming conflicts=conflicts reload=reload/>
                </For>
            </ul>
        </section>
    }
}

/// Both copies of one record, side by side; the person keeps one.
#[component]
fn Conflict(local: Record, incoming: Record, conflicts: RwSignal<Vec<(Record, Record)>>, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let id = local.id.clone();
    let done = move |id: &str| conflicts.update(|c| c.retain(|(l, _)| l.id != id));
    let keep_local = { let id = id.clone(); move |_| done(&id) };
    let take_file = {
        let (incoming, base) = (incoming.clone(), local.revision);
        move |_| {
            let (incoming, id) = (incoming.clone(), id.clone());
            spawn_local(async move {
                if store::import(&incoming, Some(base)).await.is_ok() {
                    done(&id);
                    reload.update(|n| *n += 1);
                }
            });
        }
    };
    let when = |r: &Record| format!("{} {}, {} {}", t.last_saved(), browser::local_time(&r.modified, lang.lang()), t.revision(), r.revision);
    view! {
        <li class="card conflict" data-testid="conflict">
            <strong>{describe_line(&local, t)}</strong>
            <span>{format!("{}: {}", t.this_device(), when(&local))}</span>
            <span>{format!("{}: {}", t.the_file(), when(&incoming))}</span>
            <div class="actions">
                <button data-testid="keep-local" on:click=keep_local>{t.keep_this_device()}</button>
                <button data-testid="take-file" on:click=take_file>{t.use_the_file()}</button>
            </div>
        </li>
    }
}
