//! A repeat group: its instances in order, each with its own id, added and removed by the person.

use leptos::prelude::*;

use super::form_page::use_form;
use super::question::Item;
use super::{browser, use_lang};
use crate::engine::{field_id, Edit, ItemDef, Place};
use crate::messages::Say;

#[component]
pub fn RepeatGroup(item: &'static ItemDef) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let place = Place::top(&item.id);
    let trigger = ctx.field(&place);
    let ids = super::memo({
        let trigger = trigger.clone();
        move || {
            trigger.track();
            ctx.answers(None, |a| a.instances(&item.id).iter().map(|i| i.id.clone()).collect::<Vec<_>>())
        }
    });
    let fid = field_id(None, &item.id);
    let problem = super::memo({
        let place = place.clone();
        move || ctx.problem(&place, &trigger)
    });
    let add = move |_| {
        let id = browser::short_id();
        ctx.edit(&place, Edit::AddInstance(&id));
        // Take the person to the new example's first field.
        let first = item.items.first().map(|c| field_id(Some((&item.id, &id)), &c.id));
        set_timeout(move || first.iter().for_each(|f| browser::focus(f)), std::time::Duration::ZERO);
    };
    view! {
        <fieldset class=move || if problem.get().is_some() { "repeat invalid" } else { "repeat" }.to_string() id=fid tabindex="-1">
            <legend>{item.label.get(lang.t())}</legend>
            // Drawn again whenever an instance comes or goes, as Leptos's keyed `For` drew every
            // instance after the one removed (its key held the position): without it, the wasm
            // is 5.9 KB gzip smaller.
            {move || ids.get().into_iter().enumerate().map(|(n, id)| view! { <Instance item=item n=n id=id/> }.into_any()).collect_view()}
            <p class="field-error" hidden=move || problem.get().is_none()>
                {move || problem.get().map(|k| k.say(lang.t())).unwrap_or_default()}
            </p>
            <button type="button" data-testid=format!("add-{}", item.id) on:click={super::handler(add)}>{lang.t().add_instance()}</button>
        </fieldset>
    }
}

#[component]
fn Instance(item: &'static ItemDef, n: usize, id: String) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let remove_id = id.clone();
    let remove = move |_| ctx.edit(&Place::top(&item.id), Edit::RemoveInstance(&remove_id));
    view! {
        <fieldset class="instance" data-testid=format!("instance-{}-{}", item.id, n + 1)>
            <legend>{format!("{} {}", lang.t().instance(), super::browser::number(n as u64 + 1, lang.lang()))}</legend>
            {item.items.iter().map(|child| view! { <Item item=child within=Some((item.id.clone(), id.clone()))/> }.into_any()).collect_view()}
            <button type="button" class="link danger" on:click={super::handler(remove)}
                aria-label=lang.t().fill("ui.remove_instance_n", &[("n", &super::browser::number(n as u64 + 1, lang.lang()))])>
                {lang.t().remove_instance()}
            </button>
        </fieldset>
    }
}
