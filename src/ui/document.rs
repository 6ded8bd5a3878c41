//! The pages of the read-only document (engine `Document`, drawn by `document_html`): a
//! response to print (`#/r/<id>/print`) and a blank paper questionnaire (`#/blank/<form>`),
//! on the transfer page (`transfer/#/…`; the collector sends its old addresses there).

use leptos::prelude::*;

use super::{browser, use_lang};
use crate::document_html::render;
use crate::engine::Document;
use crate::forms;
use crate::i18n::Catalog;
use crate::messages::Say;
use crate::record::Record;
use crate::store;

/// What a page's address asks to print.
#[derive(Clone, Debug, PartialEq)]
pub enum Paper {
    /// A stored response: `#/r/<id>/print`.
    Response(String),
    /// A blank questionnaire: `#/blank/<form>`.
    Blank(String),
}

impl Paper {
    /// What `hash` asks to print, if anything.
    pub fn of(hash: &str) -> Option<Paper> {
        if let Some(form) = hash.strip_prefix("#/blank/").filter(|f| !f.is_empty()) {
            return Some(Paper::Blank(form.to_string()));
        }
        let id = hash.strip_prefix("#/r/")?.strip_suffix("/print").filter(|id| !id.is_empty())?;
        Some(Paper::Response(id.to_string()))
    }
}

/// The document page of a stored response (`#/r/<id>/print`): what it says, laid out to print.
#[component]
pub fn PrintPage(id: String) -> impl IntoView {
    let lang = use_lang();
    let loaded = super::loaded::loaded(move || {
        let id = id.clone();
        async move { store::get(&id).await }
    });
    lang.keyed(move || {
        let t = lang.t();
        match loaded.get() {
            None => view! { <p>{t.loading()}</p> }.into_any(),
            Some(Err(e)) => view! { <p role="alert" class="error">{e.say(t)}</p> }.into_any(),
            Some(Ok(None)) => view! { <p role="alert">{t.not_found()}" "<a href="../">{t.home()}</a></p> }.into_any(),
            Some(Ok(Some(record))) => print_view(&record, t).into_any(),
        }
    })
}

fn print_view(record: &Record, t: &'static Catalog) -> AnyView {
    let Some(form) = forms::of(record) else {
        return view! { <p role="alert" class="error">{t.fill("ui.unknown_form", &[("form", &record.form_id)])}</p> }.into_any();
    };
    let doc = Document::of(form, &record.answers);
    let saved = browser::local_time(&record.modified, t.lang());
    let summary = record.summary(form, t);
    let stamp = format!("{} {} · {} · {}", t.response_id(), record.id, saved, form.title.get(t));
    view! {
        <p class="back no-print"><a href=format!("../#/r/{}", record.id)>"← "{t.back_to_form()}</a></p>
        <article class="document">
            <h1>{form.title.get(t).to_string()}</h1>
            {(!summary.is_empty()).then(|| view! { <p class="doc-summary"><strong>{summary}</strong></p> })}
            <p class="muted">{format!("{} {} · {} {} · {}: {}", t.version(), form.version, t.response_id(), record.id, t.last_saved(), saved)}</p>
            <div inner_html=render(&doc, t)></div>
        </article>
        {page_stamp(&stamp)}
        <div class="actions no-print"><button class="primary" on:click=|_| browser::print()>{t.print()}</button></div>
    }
    .into_any()
}

/// `stamp` at the foot of every printed page (a CSS page-margin box), so a loose page still
/// says which response and which day it belongs to.
fn page_stamp(stamp: &str) -> impl IntoView {
    let quoted = stamp.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ");
    view! { <style>{format!("@page {{ @bottom-left {{ content: \"{quoted}\"; font-size: 8pt; color: #333; }} }}")}</style> }
}

/// A blank questionnaire to print (`#/blank/<form>`), in the chosen language.
#[component]
pub fn BlankPage(form_id: String) -> impl IntoView {
    let lang = use_lang();
    lang.keyed(move || {
        let t = lang.t();
        let Some(form) = forms::get(&form_id) else {
            return view! { <p role="alert" class="error">{t.fill("ui.unknown_form", &[("form", &form_id)])}</p> }.into_any();
        };
        let doc = Document::blank(form);
        view! {
            <p class="back no-print"><a href="../">"← "{t.home()}</a></p>
            <article class="document blank">
                <h1>{form.title.get(t).to_string()}</h1>
                {form.intro.find(t).map(|i| view! { <p class="intro">{i}</p> })}
                <p class="muted">{format!("{} {}", t.version(), form.version)}</p>
                <p class="blank-note">{t.blank_note()}</p>
                <div inner_html=render(&doc, t)></div>
            </article>
            {page_stamp(&format!("{} · {} {}", form.title.get(t), t.version(), form.version))}
            <div class="actions no-print"><button class="primary" on:click=|_| browser::print()>{t.print()}</button></div>
        }
        .into_any()
    })
}
