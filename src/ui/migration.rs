//! The notice on a draft brought to the newest version of its form (`Record::opened`): the
//! version it was begun with, and each answer set aside, under its question's words as that
//! version asked it, in plain selectable text to copy into the new questions
//! (`document_html::migration_notice`, tested natively). Shown while the record holds
//! set-aside answers, until the person removes them; after a migration that set nothing
//! aside, once, on the open that migrated it.

use leptos::prelude::*;

use super::form_page::use_form;
use super::use_lang;
use crate::document_html::migration_notice;
use crate::forms;

#[component]
pub fn MigrationNotice(migrated: bool) -> impl IntoView {
    let ctx = use_form();
    let t = use_lang().t();
    // Untracked: typing elsewhere must not redraw the notice; only removing the list changes it.
    let (any, html) = ctx.record.with_untracked(|r| (!r.set_aside.is_empty(), migration_notice(r, &ctx.form.version, forms::versions(), t)));
    let open = RwSignal::new(migrated || any);
    let remove = move |_| {
        ctx.record.update(|r| r.set_aside.0.clear());
        open.set(false);
        ctx.saver.changed();
    };
    view! {
        <section class="notice" aria-labelledby="migration-title" hidden=move || !open.get()>
            <div inner_html=html></div>
            <button hidden=!any on:click={super::handler(remove)}>{t.migration_clear()}</button>
        </section>
    }
}
