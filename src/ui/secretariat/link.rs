//! A link the secretariat sends out: it opens a new response to a form on the receiver's
//! device, with their country already chosen (`#/new/<form>?<item>=<code>`).

use leptos::prelude::*;

use crate::engine::{FormDef, ItemKind};
use crate::forms;
use crate::ui::{browser, use_lang};

/// The form's country question, if it has one: a single choice among the countries.
fn country_item(form: &FormDef) -> Option<&str> {
    form.items()
        .find(|i| i.kind == ItemKind::SingleChoice && matches!(i.choice_list.as_deref(), Some("countries" | "countries_with_other")))
        .map(|i| i.id.as_str())
}

/// The collector's address, from the secretariat's page (`…/secretariat/` → `…/`).
pub(super) fn collector_base() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split("secretariat/").next().unwrap_or_default().to_string()
}

#[component]
pub fn LinkMaker() -> impl IntoView {
    let t = use_lang().t();
    let startable: Vec<&'static FormDef> = forms::all().iter().filter(|f| f.parent_form.is_none()).collect();
    let form = RwSignal::new(startable.first().map(|f| f.id.clone()).unwrap_or_default());
    let country = RwSignal::new(String::new());
    let copied = RwSignal::new(false);
    let link = move || {
        let id = form.get();
        let item = forms::get(&id).and_then(country_item);
        let code = country.get();
        let query = match item {
            Some(item) if !code.is_empty() => format!("?{item}={code}"),
            _ => String::new(),
        };
        format!("{}#/new/{id}{query}", collector_base())
    };
    view! {
        <section class="section">
            <h2>{t.link_title()}</h2>
            <p class="hint">{t.link_hint()}</p>
            <div class="filters">
                <label>{t.form()}" "<select on:change=move |ev| { form.set(event_target_value(&ev)); copied.set(false); }>
                    {startable.iter().map(|f| view! { <option value=f.id.clone()>{f.title.get(t).to_string()}</option> }).collect_view()}
                </select></label>
                <label>{t.country()}" "<select on:change=move |ev| { country.set(event_target_value(&ev)); copied.set(false); }>
                    <option value="">{t.any()}</option>
                    {forms::list("countries").iter().map(|c| view! { <option value=c.value.clone()>{c.label.get(t).to_string()}</option> }).collect_view()}
                </select></label>
            </div>
            <label>{t.link()}" "<input type="url" readonly data-testid="new-link" prop:value=link/></label>
            <div class="actions">
                <button on:click=move |_| copied.set(browser::copy_text(&link()))>{t.copy_link()}</button>
                <span role="status">{move || copied.get().then(|| t.copied())}</span>
            </div>
        </section>
    }
}
