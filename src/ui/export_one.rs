//! One complete response downloaded as a zip, JSON or CSV: the form page links here
//! (`transfer/#/export/<id>`), so the zip writer, the CSV tables and the codebook are in the
//! transfer page's wasm, not in the collector's first load (measured -32 KB gzip).

use leptos::prelude::*;

use super::encryption::{outgoing, Leave, Recipient};
use super::session::describe_line;
use super::{browser, device_id, locale, use_lang};
use crate::engine::FormDef;
use crate::messages::Say;
use crate::record::{Record, Status};
use crate::{bundle, forms, store};

/// The response named by `#/export/<id>`, if the page was opened so.
pub fn requested_id() -> Option<String> {
    browser::location_hash().strip_prefix("#/export/").filter(|id| !id.is_empty()).map(str::to_string)
}

/// The section for the response `id`: what it is, its three downloads, the way back to it.
#[component]
pub fn ExportOne(id: String, recipient: Recipient) -> impl IntoView {
    let t = use_lang().t();
    let back = format!("../#/r/{id}");
    let found = super::loaded::loaded(move || {
        let id = id.clone();
        async move { store::get(&id).await.ok().flatten() }
    });
    view! {
        <section class="section" aria-labelledby="this-response">
            <h2 id="this-response">{t.this_response()}</h2>
            {move || found.get().map(|record| match record.and_then(|r| forms::of(&r).map(|f| (f, r))) {
                Some((form, record)) if record.status == Status::Complete => view! {
                    <p>{describe_line(&record, t)}</p>
                    <ExportButtons form=form record=record recipient=recipient/>
                }.into_any(),
                Some((_, record)) => view! { <p>{describe_line(&record, t)}" — "{crate::bundle::Reason::NotComplete.say(t)}</p> }.into_any(),
                None => view! { <p role="alert" class="error">{t.not_found()}</p> }.into_any(),
            })}
            <p class="back"><a href=back>"← "{t.back_to_form()}</a></p>
        </section>
    }
}

/// What one response can be downloaded as.
#[derive(Clone, Copy, PartialEq)]
enum Export {
    Zip,
    Json,
    Csv,
}

impl Export {
    fn ext(self) -> &'static str {
        match self {
            Export::Zip => "zip",
            Export::Json => "json",
            Export::Csv => "csv",
        }
    }
}

#[component]
fn ExportButtons(form: &'static FormDef, record: Record, recipient: Recipient) -> impl IntoView {
    let t = use_lang().t();
    let record = RwSignal::new(record);
    let error = RwSignal::new(None::<String>);
    let export = move |what: Export, how: Leave| {
        leptos::task::spawn_local(async move {
            // The zip carries the codebook and README in every language (cached after the first visit).
            let catalogs = match what {
                Export::Zip => match locale::load_all().await {
                    Ok(all) => all,
                    Err(_) => return error.set(Some(t.language_unavailable().to_string())),
                },
                _ => Vec::new(),
            };
            let current = record.get_untracked();
            let forms = std::slice::from_ref(form);
            let now = browser::now();
            let bundle = bundle::Bundle::submission(std::slice::from_ref(&current), forms, &now, &device_id());
            let result = bundle.and_then(|b| match what {
                Export::Json => b.to_json().map(|s| (s.into_bytes(), "application/json")),
                Export::Csv => bundle::to_csv(form, std::slice::from_ref(&current)).map(|b| (b, "text/csv;charset=utf-8")),
                Export::Zip => bundle::to_zip(&b, forms, &catalogs).map(|b| (b, "application/zip")),
            });
            let file = match result {
                // Only the zip is sealed: JSON and CSV are plain copies the person insisted on.
                Ok((bytes, _)) if what == Export::Zip => outgoing(recipient, how, file_name(form, &current, "zip"), bytes, t).await,
                Ok((bytes, mime)) => Ok((file_name(form, &current, what.ext()), mime, bytes)),
                Err(e) => Err(e.say(t)),
            };
            match file {
                Ok((name, mime, bytes)) => {
                    browser::download(&name, mime, &bytes);
                    // Remember the export (the home page shows what has not been), without
                    // making the record a draft again.
                    let exported = Record { exported: Some(now), ..current.clone() };
                    match store::put(&exported, current.revision).await {
                        Ok(stored) => record.set(stored),
                        Err(e) => error.set(Some(e.say(t))),
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // With a key set, each plain format is a copy the person confirms past a warning.
    let plain = move |what: Export| {
        if let Some(how) = Leave::plain_copy(recipient, t) {
            export(what, how)
        }
    };
    view! {
        <div class="actions">
            {move || recipient.is_set().then(|| view! {
                <button data-testid="download-encrypted" class="primary" on:click=move |_| export(Export::Zip, Leave::Sealed)>{t.download_encrypted()}</button>
            })}
            <button data-testid="download-zip" class:primary=move || !recipient.is_set() on:click=move |_| plain(Export::Zip)>
                {move || if recipient.is_set() { format!("{} (zip)", t.unencrypted_copy()) } else { t.download_zip().to_string() }}
            </button>
            <button data-testid="download-json" on:click=move |_| plain(Export::Json)>{t.download_json()}</button>
            <button data-testid="download-csv" on:click=move |_| plain(Export::Csv)>{t.download_csv()}</button>
        </div>
        {super::error_line(error)}
    }
}

/// `annex1_CHL_2026-11-22_1a2b3c4d.json`: form, who, when, and a short id.
fn file_name(form: &FormDef, record: &Record, ext: &str) -> String {
    let who = form.summary_items.first().map(|id| record.answers.text(id)).unwrap_or("");
    let date = record.completed.as_deref().unwrap_or(&record.modified).get(..10).unwrap_or("");
    bundle::file_name(&form.id, who, date, &record.id, ext)
}
