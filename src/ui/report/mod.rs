//! The rapporteur's page (`report/`, its own wasm): the consolidated collection, read from this
//! device's storage (the secretariat's page imports it), drawn as the workbench.

mod workbench;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::secretariat::tabs;
use super::{browser, use_lang};
use crate::consolidate::sync::{CollectionSync, Command};
use crate::messages::Say;
use crate::store;

#[component]
pub fn Report() -> impl IntoView {
    let lang = use_lang();
    // The secretariat's state machine, for its loading part only: one load at a time, and a
    // change heard during one read once more after it. This page never imports, clears or rules.
    let sync = StoredValue::new_local(CollectionSync::default());
    let version = RwSignal::new(0u32);
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    // One step of the machine, then what the page draws of it; `None` once the page is gone.
    let step = move |event: &mut dyn FnMut(&mut CollectionSync) -> Command| {
        let command = sync.try_update_value(|s| event(s))?;
        let (busy, settled, problem) = sync.with_value(|s| (s.loading(), s.settled(), s.problem().map(|p| p.say(lang.t()))));
        loading.set(busy);
        if settled != version.get_untracked() {
            version.set(settled);
        }
        if problem.is_some() {
            error.set(problem);
        }
        Some(command)
    };
    let send = move |event: fn(&mut CollectionSync) -> Command| {
        let mut command = step(&mut |s| event(s));
        spawn_local(async move {
            // Only loads: the other commands never come on this page.
            while let Some(next) = command.take() {
                command = match next {
                    Command::Load => {
                        let generation = tabs::current();
                        let mut read = Some(store::load_collection().await);
                        step(&mut |s| read.take().map_or(Command::Nothing, |read| s.loaded(generation, read)))
                    }
                    Command::Restore => {
                        browser::next_tick().await;
                        step(&mut CollectionSync::restore_next)
                    }
                    _ => None,
                };
            }
        });
    };
    send(CollectionSync::opened);
    // The secretariat's page (another tab) imported or cleared: the grid follows.
    tabs::on_change(move || send(CollectionSync::other_tab_changed));
    lang.keyed(move || {
        let t = lang.t();
        view! {
            <p class="back"><a href="../secretariat/">"← "{t.back_to_secretariat()}</a></p>
            <h1>{t.workbench_title()}</h1>
            <p role="alert" class="error" hidden=move || error.get().is_none()>{move || error.get()}</p>
            <p data-testid="collection-count">{move || {
                if loading.get() {
                    return t.loading().to_string();
                }
                version.track();
                let n = sync.with_value(|s| s.collection().records().len());
                browser::count(n as u64, t.lang(), t.records_in_collection_one(), t.records_in_collection())
            }}</p>
            <workbench::Workbench sync=sync version=version/>
        }
    })
}
