//! The Leptos UI: screens on top of the engine, the store and the bundle formats.

mod autosave;
mod browser;
mod form_page;
mod home;
pub mod i18n;
mod question;
mod repeat;
mod secretariat;
mod session;
mod transfer;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use self::i18n::{strings, Strings, LANGUAGES};

const LANG_KEY: &str = "gcm.lang";
const DEVICE_KEY: &str = "gcm.device";

/// A random id for this installation, written into every bundle's manifest.
pub fn device_id() -> String {
    LocalStorage::get(DEVICE_KEY).unwrap_or_else(|_| {
        let id = browser::uuid();
        let _ = LocalStorage::set(DEVICE_KEY, &id);
        id
    })
}

/// The language chosen on this device, for every screen.
///
/// Reads are untracked: a language change re-renders whole screens (see [`LangCtx::keyed`])
/// instead of every text being its own reactive closure, which keeps the wasm small.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<&'static str>);

impl LangCtx {
    pub fn code(&self) -> &'static str {
        self.0.get_untracked()
    }
    pub fn t(&self) -> &'static Strings {
        strings(self.code())
    }
    /// Renders `view` again whenever the language changes.
    pub fn keyed<V: IntoView + 'static>(self, view: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
        move || {
            self.0.track();
            view()
        }
    }
}

pub fn use_lang() -> LangCtx {
    expect_context::<LangCtx>()
}

/// Where the app is: the hash keeps it, so reloads and the back button work with static hosting.
#[derive(Clone, Debug, PartialEq)]
enum Route {
    Home,
    Record(String),
    Transfer,
}

fn current_route() -> Route {
    let hash = browser::location_hash();
    if hash == "#/transfer" {
        return Route::Transfer;
    }
    match hash.strip_prefix("#/r/") {
        Some(id) if !id.is_empty() => Route::Record(id.to_string()),
        _ => Route::Home,
    }
}

/// The language this device last chose, shared with every screen below; kept when changed.
fn provide_language() -> LangCtx {
    let saved: String = LocalStorage::get(LANG_KEY).unwrap_or_default();
    let initial = LANGUAGES.iter().map(|(c, _)| *c).find(|c| *c == saved).unwrap_or("en");
    let lang = LangCtx(RwSignal::new(initial));
    provide_context(lang);
    Effect::new(move |_| {
        let code = lang.0.get();
        let _ = LocalStorage::set(LANG_KEY, code);
        browser::set_document_lang(code);
    });
    lang
}

/// The bar at the top of every page: the app's name (a link home) and the language.
#[component]
fn Header(home: &'static str) -> impl IntoView {
    let lang = use_lang();
    view! {
        <header class="top">
            <a class="brand" href=home>{lang.keyed(move || lang.t().app_title)}</a>
            <LanguageSwitch/>
        </header>
    }
}

/// The collector: forms, drafts, export and transfer. (The secretariat is a page of its own,
/// `secretariat/`, with its own wasm: people filling forms never download it.)
#[component]
pub fn App() -> impl IntoView {
    let lang = provide_language();

    let route = RwSignal::new(current_route());
    let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || route.set(current_route()));
    if let Some(w) = web_sys::window() {
        w.set_onhashchange(Some(wasm_bindgen::JsCast::unchecked_ref(on_hash.as_ref())));
    }
    // The listener lives as long as the page.
    on_hash.forget();
    crate::store::request_persistence();

    view! {
        <Header home="#/"/>
        <main id="main">
            {move || match route.get() {
                Route::Home => view! { <home::Home/> }.into_any(),
                Route::Record(id) => view! { <form_page::FormPage id=id/> }.into_any(),
                Route::Transfer => lang.keyed(|| view! { <transfer::Transfer/> }).into_any(),
            }}
        </main>
    }
}

/// The secretariat's page (`secretariat/index.html`, the `gcm-secretariat` binary).
#[component]
pub fn SecretariatApp() -> impl IntoView {
    let lang = provide_language();
    crate::store::request_persistence();
    view! {
        <Header home="../"/>
        <main id="main">{lang.keyed(|| view! { <secretariat::Secretariat/> })}</main>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="lang">
            {lang.keyed(move || lang.t().language)}" "
            <select on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some((code, _)) = LANGUAGES.iter().find(|(c, _)| *c == v) {
                    lang.0.set(code);
                }
            }>
                {LANGUAGES.iter().map(|(code, name)| view! {
                    <option value=*code selected=lang.code() == *code>{*name}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
