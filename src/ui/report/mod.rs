//! The rapporteur's page (`report/`, its own wasm): the consolidated collection, read from this
//! device's storage (the secretariat's page imports it), drawn as the workbench.

mod workbench;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::secretariat::tabs;
use super::{browser, use_lang};
use crate::consolidate::Collection;
use crate::messages::Say;
use crate::store;

/// Stored records taken into the page per task (the page stays responsive while it opens).
const RESTORE_BATCH: usize = 500;

#[component]
pub fn Report() -> impl IntoView {
    let lang = use_lang();
    let collection = StoredValue::new_local(Collection::default());
    let version = RwSignal::new(0u32);
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let load = move || async move {
        loading.set(true);
        match store::load_collection().await {
            Ok((kept, aside)) => {
                collection.update_value(|c| *c = Collection::default());
                collection.update_value(|c| c.restore(Vec::new(), aside));
                for batch in kept.chunks(RESTORE_BATCH) {
                    browser::next_tick().await;
                    collection.update_value(|c| c.restore_more(batch.to_vec()));
                }
            }
            Err(e) => error.set(Some(e.say(lang.t()))),
        }
        loading.set(false);
        version.update(|v| *v += 1);
    };
    spawn_local(load());
    // The secretariat's page (another tab) imported or cleared: the grid follows.
    tabs::on_change(move || spawn_local(load()));
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
                let n = collection.with_value(|c| c.records().len());
                format!("{} {}", browser::number(n as u64, t.lang()), t.records_in_collection())
            }}</p>
            <workbench::Workbench collection=collection version=version/>
        }
    })
}
