//! The offer to reload, at the bottom of every page: when a new version of the app is ready
//! (its service worker waits: `public/update.js`, `public/sw.js`), or when a newer version, in
//! another tab, asked for the database. Nothing reloads until the person says so, and then only
//! once what they typed is saved: the page is never pulled out from under them.
//!
//! Which offer shows is up to `<html data-update>` (set by the page's script) and
//! `<html data-superseded>` (set here) and the stylesheet; the offer is drawn as one HTML
//! string, like the contents of long forms: views of its own would cost the first load more.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{browser, use_lang};
use crate::document_html::escape;
use crate::messages::Say;
use crate::store;

/// Runs once the open form is on disk; never if its write fails (the form then shows why,
/// with its backup button).
pub type Then = Box<dyn FnOnce() + Send + Sync>;

thread_local! {
    /// What saves the form open on this page, then runs its `Then` (pages with no form never
    /// link the autosaver), and which screen set it.
    static SAVE_FIRST: RefCell<Option<(u64, Rc<dyn Fn(Then)>)>> = const { RefCell::new(None) };
    static SCREENS: Cell<u64> = const { Cell::new(0) };
}

/// Sets what a reload saves first, for as long as the calling screen lasts (the next screen
/// may set its own before this one is cleaned up).
pub fn save_first(save: impl Fn(Then) + 'static) {
    let screen = SCREENS.get() + 1;
    SCREENS.set(screen);
    SAVE_FIRST.with(|s| *s.borrow_mut() = Some((screen, Rc::new(save))));
    on_cleanup(move || SAVE_FIRST.with(|s| drop(s.borrow_mut().take_if(|(set_by, _)| *set_by == screen))));
}

/// Saves the open form, if any, then runs `then`.
fn saved_then(then: Then) {
    match SAVE_FIRST.with(|s| s.borrow().as_ref().map(|(_, save)| save.clone())) {
        Some(save) => save(then),
        None => then(),
    }
}

#[component]
pub fn ReloadOffer() -> impl IntoView {
    let lang = use_lang();
    // The other tab's open waits (`blocked`) until this connection closes. The form's pending
    // write starts now (its transaction is opened in a microtask), so the close, on the next
    // task, waits for it; then the page says why it cannot save any more.
    store::on_newer_version(|| {
        saved_then(Box::new(|| ()));
        set_timeout(
            || {
                store::let_go();
                browser::set_root_flag("data-superseded");
            },
            std::time::Duration::ZERO,
        );
    });
    // Its button (the one button in it). With a worker waiting, the page's script lets it take
    // over, then reloads.
    let reload = move |ev: leptos::ev::MouseEvent| {
        if ev.target().and_then(|el| el.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| el.tag_name() == "BUTTON") {
            saved_then(Box::new(|| if !browser::call_global("gcmUpdate") { browser::reload() }));
        }
    };
    let html = move || {
        let t = lang.tracked();
        let superseded = store::Error::from(store::ErrorKind::Superseded).say(t);
        format!(
            "<p class=\"update\">{}</p><p class=\"superseded\">{}</p><button class=\"primary\">{}</button>",
            escape(t.update_ready()),
            escape(&superseded),
            escape(t.reload()),
        )
    };
    view! { <div class="notice fixed reload-offer" role="alert" data-testid="reload-offer" on:click={super::handler(reload)} inner_html=html></div> }
}
