//! The way around a long form: its sections with how many required questions each still
//! lacks, and a control that goes to the next required question without an answer.

use leptos::prelude::*;

use wasm_bindgen::JsCast;

use super::form_page::use_form;
use super::{browser, use_lang};
use crate::document_html::escape;
use crate::engine::ViolationKind;

/// Forms with more sections than this get a contents list.
const LONG_FORM: usize = 3;

/// The top-level item a missing answer belongs to (its repeat group, inside one), by field id.
fn missing(ctx: super::form_page::FormCtx) -> Vec<(String, String)> {
    ctx.violations.with(|vs| {
        vs.iter()
            .filter(|v| v.kind == ViolationKind::Missing)
            .map(|v| (v.within.as_ref().map_or(v.item.clone(), |(repeat, _)| repeat.clone()), v.field_id()))
            .collect()
    })
}

/// "Next unanswered required question", for the status bar of a long form.
#[component]
pub fn NextUnanswered() -> impl IntoView {
    let ctx = use_form();
    let t = use_lang().t();
    let said = RwSignal::new(false);
    let go = move |_| match missing(ctx).into_iter().next() {
        Some((_, field)) => {
            said.set(false);
            browser::focus(&field);
        }
        None => said.set(true),
    };
    (ctx.form.sections.len() > LONG_FORM).then(|| view! {
        <button type="button" class="link" data-testid="next-unanswered" on:click={super::handler(go)}>{t.next_unanswered()}</button>
        <span role="status">{move || if said.get() { t.all_answered() } else { "" }.to_string()}</span>
    }.into_any())
}

/// The sections of a long form, each a link with its state ("done", "3 to answer"). Drawn as
/// one escaped string (it changes only when a count does), with one click handler for all.
#[component]
pub fn Contents() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = lang.t();
    let form = ctx.form;
    (form.sections.len() > LONG_FORM).then(|| {
        let html = super::memo(move || {
            // Relevance and violations only: typing on in an answered field redraws nothing here.
            ctx.validity.track();
            let missing = missing(ctx);
            {
                let mut out = String::new();
                for s in form.sections.iter().filter(|s| untrack(|| ctx.section_shown(&s.id))) {
                    let left = missing.iter().filter(|(item, _)| s.items.iter().any(|i| &i.id == item)).count();
                    let (class, state) = match left {
                        0 => ("badge ok", t.section_done().to_string()),
                        n => ("badge", t.fill("ui.section_todo", &[("n", &browser::number(n as u64, lang.lang()))])),
                    };
                    out.push_str(&format!(
                        "<li><a href=\"#s-{id}\" data-target=\"s-{id}\">{title}</a> <span class=\"{class}\">{state}</span></li>",
                        id = s.id,
                        title = escape(s.title.get(t)),
                        state = escape(&state),
                    ));
                }
                out
            }
        });
        // The address keeps the route: a link only moves the focus to its section.
        let go = move |ev: leptos::ev::MouseEvent| {
            let target = ev.target().and_then(|el| el.dyn_into::<web_sys::Element>().ok()).and_then(|el| el.closest("a[data-target]").ok().flatten());
            if let Some(id) = target.and_then(|a| a.get_attribute("data-target")) {
                ev.prevent_default();
                browser::focus(&id);
            }
        };
        view! {
            <details class="contents" open>
                <summary>{t.contents()}</summary>
                <nav aria-label=t.contents()><ol on:click={super::handler(go)} inner_html=move || html.get()></ol></nav>
            </details>
        }
        .into_any()
    })
}
