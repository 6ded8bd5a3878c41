//! What the home page says about the device's storage, beside the responses kept in it: how
//! much is used and free, whether the browser keeps it for good, a warning before it runs
//! out and, where the browser may clear it (Safari does after seven days without a visit),
//! a reminder to back up work kept only here and the offer to install the app, which keeps it.
//!
//! Drawn as one HTML string, like the contents of long forms: views of their own would cost
//! the first load some 3 KB gzip more.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{backup, browser, use_lang};
use crate::document_html::escape;
use crate::record::Record;
use crate::store;

/// Three days: a reminder well before Safari's seven.
const REMIND_AFTER_MS: f64 = 3.0 * 24.0 * 3600.0 * 1000.0;
/// Free space is "running out" under a tenth of the quota, but never with more than this left
/// (hundreds of responses).
const LOW_CAP: f64 = 50.0 * 1024.0 * 1024.0;

/// Whether any of `records` has been on this device alone for more than three days.
pub fn any_only_here(records: &[Record]) -> bool {
    let cutoff = String::from(js_sys::Date::new(&(js_sys::Date::now() - REMIND_AFTER_MS).into()).to_iso_string());
    let backed_up = backup::last_backup();
    records.iter().any(|r| r.only_here_since(&cutoff, backed_up.as_deref()))
}

#[component]
pub fn StorageStatus(only_here: bool) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let html = RwSignal::new(String::new());
    spawn_local(async move {
        let persisted = store::persisted().await;
        let may_clear = persisted == Some(false);
        let mut out = String::new();
        let mut say = |attributes: &str, text: &str, after: &str| out.push_str(&format!("<p {attributes}>{}{after}</p>", escape(text)));
        const ALERT: &str = r#"class="notice" role="alert""#;
        let estimate = store::estimate().await;
        if estimate.is_some_and(|(used, quota)| quota - used < (quota / 10.0).min(LOW_CAP)) {
            say(ALERT, t.storage_low(), "");
        }
        if may_clear && only_here {
            // The backup is on the transfer page, whose backups the reminder counts.
            let link = format!(" <a class=\"button primary\" href=\"transfer/\">{}</a>", escape(t.transfer()));
            say(ALERT, t.backup_reminder(), &link);
        }
        if let Some((used, quota)) = estimate {
            let size = |bytes: f64| browser::size(bytes, lang.lang());
            let kept = match persisted {
                Some(true) => t.storage_kept(),
                Some(false) => t.storage_may_clear(),
                None => "",
            };
            let usage = t.fill("ui.storage_use", &[("used", &size(used)), ("free", &size((quota - used).max(0.0)))]);
            say(r#"class="hint""#, &format!("{usage} {kept}"), "");
        }
        if may_clear {
            // The browser's offer to install is the page's script's (index.html): the button
            // shows once it has one (`.install` under `<html data-install>`), and makes it. It
            // hides then (an offer is made once), so the focus goes to the storage line, not
            // back to the top of the page.
            let onclick = "gcmInstall.prompt();document.documentElement.removeAttribute('data-install');this.closest('div').focus()";
            let button = format!("<button onclick=\"{onclick}\">{}</button>", escape(t.install()));
            say(r#"class="install""#, "", &button);
        }
        html.set(out);
    });
    view! { <div data-testid="storage" tabindex="-1" inner_html=move || html.get()></div> }
}
