//! A long list of options (47 countries, 23 objectives, 17 categories) as a type-to-filter
//! picker: the chosen ones as removable chips, a filter box, and the list's native radios or
//! checkboxes below it, so keyboards and screen readers use them as any others. Typing
//! "per" then Enter chooses Peru.

use leptos::prelude::*;

use super::form_page::use_form;
use super::question::{all_options, shows, FieldRef, Within};
use super::use_lang;
use crate::bundle::search_key;
use crate::engine::{Edit, ItemDef, ItemKind};

pub fn picker(item: &'static ItemDef, within: StoredValue<Within>, field: FieldRef, fid: &str) -> impl IntoView {
    let ctx = use_form();
    let t = use_lang().t();
    let many = item.kind == ItemKind::MultipleChoice;
    let typed = RwSignal::new(String::new());
    // The folded words the options are filtered by.
    let query = RwSignal::new(String::new());
    let chosen = move || {
        field.with_value(|f| f.trigger.track());
        within.with_value(|w| {
            ctx.answers(w.as_ref(), |a| {
                if many { a.many(&item.id).to_vec() } else { Some(a.text(&item.id).to_string()).filter(|c| !c.is_empty()).into_iter().collect() }
            })
        })
    };
    let set = move |code: &str, on: bool| {
        let edit = match (many, on) {
            (true, _) => Edit::Toggle { code, on },
            (false, true) => Edit::Text(code),
            (false, false) => Edit::Text(""),
        };
        field.with_value(|f| ctx.edit(&f.place, edit));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            let q = query.get_untracked();
            if let Some(c) = item.choices.iter().find(|c| !q.is_empty() && shows(c.label.get(t), &q)) {
                set(&c.value, true);
                typed.set(String::new());
                query.set(String::new());
            }
        }
        "Escape" => {
            typed.set(String::new());
            query.set(String::new());
        }
        _ => {}
    };
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        query.set(search_key(&v).trim().to_string());
        typed.set(v);
    };
    let none_shown = move || query.with(|q| !q.is_empty() && !item.choices.iter().any(|c| shows(c.label.get(t), q)));
    let filter_id = format!("{fid}-filter");
    view! {
        <ul class="chips" aria-label=t.chosen()>
            {move || chosen().into_iter().map(|code| {
                let label = item.choice_label(&code, t).to_string();
                let name = t.fill("ui.remove_choice", &[("choice", &label)]);
                view! { <li><button type="button" class="chip" aria-label=name on:click={super::handler(move |_| set(&code, false))}>{label}" ×"</button></li> }.into_any()
            }).collect_view()}
        </ul>
        <label class="filter-label" for=filter_id.clone()>{t.filter_options()}</label>
        <input type="search" class="filter" id=filter_id autocomplete="off" prop:value=move || typed.get() on:input={super::handler(on_input)} on:keydown={super::handler(on_key)}/>
        <div class="options-box">
            {all_options(item, within, field, fid, Some(query))}
            <p class="muted" hidden=move || !none_shown()>{t.no_match()}</p>
        </div>
    }
}
