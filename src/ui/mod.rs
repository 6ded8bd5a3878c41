//! The Leptos UI: screens on top of the engine, the store and the bundle formats.
//!
//! Its size: each type of view costs the wasm a copy of Leptos's code for it. So every list of
//! views is of erased ones (`.map(|x| view! {…}.into_any()).collect_view()`), which all the
//! page's lists share (collector -4.0 KB gzip), and so is every view that may be absent
//! (`cond.then(|| view! {…}.into_any())`: -1.5 KB); every event handler is boxed, so there is
//! one copy of the code for each kind of event (`on:click={handler(…)}`: -2.4 KB); reactive
//! closures written outside `view!` go through [`reactive`], as those inside it do, and
//! effects and memos through [`effect`] and [`memo`]. Reactive values keep to few types, each
//! costing its own code: texts are `String`s (empty when absent, not `Option`s), attribute
//! texts too, not `&str`s, numbers are given as text, and a state shows as a whole `class`
//! `String`, not a `class:` toggle.

mod autosave;
mod backup;
mod browser;
mod contents;
mod crypto;
mod document;
mod encryption;
mod export_one;
mod form_page;
mod home;
#[doc(hidden)] // public for its in-browser test (tests/web_loaded.rs)
pub mod loaded;
mod locale;
mod migration;
mod picker;
mod question;
mod recipient;
mod reload;
mod repeat;
mod report;
mod secretariat;
pub(crate) mod session;
mod storage;
mod transfer;

use std::sync::{Arc, Mutex};

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Catalog, Lang};

const DEVICE_KEY: &str = "gcm.device";

/// A random id for this installation, written into every bundle's manifest.
pub fn device_id() -> String {
    browser::stored(DEVICE_KEY).unwrap_or_else(|| {
        let id = browser::uuid();
        let _ = LocalStorage::set(DEVICE_KEY, &id);
        id
    })
}

/// The person's language, for every screen: its catalog (`t.start()`, `item.label.get(t)`).
///
/// Reads are untracked: a language change re-renders whole screens (see [`LangCtx::keyed`])
/// instead of every text being its own reactive closure, which keeps the wasm small.
#[derive(Clone, Copy)]
pub struct LangCtx(RwSignal<&'static Catalog>);

impl LangCtx {
    /// The texts of the current language.
    pub fn t(&self) -> &'static Catalog {
        self.0.get_untracked()
    }
    /// The texts of the current language, read in a reactive closure that must run again when
    /// the language changes (a memo that depends on it).
    pub fn tracked(&self) -> &'static Catalog {
        self.0.get()
    }
    /// The current language.
    pub fn lang(&self) -> Lang {
        self.t().lang()
    }
    /// Renders `view` again whenever the language changes.
    ///
    /// As one shared reactive function of an erased view, the type `view!` gives `{move || …}`
    /// (`--cfg erase_components`): every use shares one copy of Leptos's rendering code
    /// instead of compiling its own for each closure.
    pub fn keyed<V: IntoAny>(self, view: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
        reactive(move || {
            self.0.track();
            view().into_any()
        })
    }
}

/// A view (or text) drawn again whenever what `view` reads changes, as the one shared type of
/// reactive function per output (see [`LangCtx::keyed`]), for closures `view!` does not wrap
/// itself: those not written inside it.
pub fn reactive<T: 'static>(view: impl FnMut() -> T + Send + 'static) -> Arc<Mutex<dyn FnMut() -> T + Send>> {
    Arc::new(Mutex::new(view))
}

/// `view` while `shown` holds: Leptos's `Show`, drawn through [`reactive`] so that every use
/// shares its rendering code instead of compiling its own.
pub fn when(shown: Memo<bool>, view: impl Fn() -> AnyView + Send + 'static) -> impl IntoView {
    reactive(move || shown.get().then(&view))
}

/// An event handler, boxed: every handler of one kind of event then shares one copy of
/// Leptos's code for it, instead of one for each closure.
pub fn handler<E: 'static>(f: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(f)
}

/// Leptos's `Effect::new`, its function boxed: every effect of the page shares one copy of
/// Leptos's effect code instead of one for each closure.
pub fn effect(mut f: impl FnMut() + 'static) {
    let boxed: Box<dyn FnMut(Option<()>)> = Box::new(move |_| f());
    Effect::new(boxed);
}

/// Leptos's `Memo::new`, its function boxed: the memos of one type share one copy of Leptos's
/// memo code instead of one for each closure.
pub fn memo<T: PartialEq + Send + Sync + 'static>(f: impl Fn() -> T + Send + Sync + 'static) -> Memo<T> {
    let boxed: Box<dyn Fn(Option<&T>) -> T + Send + Sync> = Box::new(move |_| f());
    Memo::new(boxed)
}

/// The error `message` holds, shown while it holds one: one copy of this view for every screen.
pub fn error_line(message: RwSignal<Option<String>>) -> impl IntoView {
    view! { <p role="alert" class="error" hidden=move || message.with(Option::is_none)>{move || message.get().unwrap_or_default()}</p> }
}

pub fn use_lang() -> LangCtx {
    expect_context::<LangCtx>()
}

/// Opens a page (`App` or `SecretariatApp`) in the person's language: its texts first (their
/// fetch began while the wasm downloaded), then the screens. Generic, so each binary carries
/// only its own page. Without texts there is nothing to say it in but this, in all four languages.
pub fn start<V: IntoView + 'static>(page: fn(&'static Catalog) -> V) {
    // wasm-bindgen's own executor: Leptos's is set up by `mount_to_body`, which comes after.
    wasm_bindgen_futures::spawn_local(async move {
        let lang = locale::initial();
        // A language that cannot be had falls back to the default one, rather than to nothing.
        let loaded = match locale::load(lang).await {
            Err(_) if lang != Lang::default() => locale::load(Lang::default()).await,
            result => result,
        };
        match loaded {
            Ok(t) => leptos::mount::mount_to_body(move || page(t)),
            Err(e) => {
                web_sys::console::error_1(&e.into());
                browser::show_fatal(
                    "The app's texts could not be loaded: reload the page. / No se pudieron cargar los textos: \
                     recargue la página. / Não foi possível carregar os textos: recarregue a página. / Les textes \
                     n'ont pas pu être chargés : rechargez la page.",
                );
            }
        }
    });
}

/// Where the collector is: the hash keeps it, so reloads and the back button work with static hosting.
#[derive(Clone, Debug, PartialEq)]
enum Route {
    Home,
    Record(String),
    /// A new response opened by a link: `#/new/<form>?<item>=<value>&…`.
    New(String, String),
}

fn current_route() -> Route {
    // The transfer screen became a page of its own: old links and bookmarks go there.
    if browser::location_hash() == "#/transfer" {
        browser::go_to("transfer/");
    }
    let hash = browser::location_hash();
    // A deliberate panic, for the end-to-end test of the recovery message (public/crash.js).
    if hash == "#/test-panic" {
        panic!();
    }
    // The print and blank pages became the transfer page's (document::Paper): old links and
    // bookmarks go there.
    if document::Paper::of(&hash).is_some() {
        browser::go_instead_to(&format!("transfer/{hash}"));
    }
    if let Some(rest) = hash.strip_prefix("#/new/") {
        let (form, query) = rest.split_once('?').unwrap_or((rest, ""));
        return Route::New(form.to_string(), query.to_string());
    }
    match hash.strip_prefix("#/r/") {
        Some(id) if !id.is_empty() && !id.ends_with("/print") => Route::Record(id.to_string()),
        _ => Route::Home,
    }
}

/// The language's catalog, shared with every screen below; the page's `lang` and title follow it.
fn provide_language(t: &'static Catalog) -> LangCtx {
    let lang = LangCtx(RwSignal::new(t));
    provide_context(lang);
    effect(move || {
        let t = lang.0.get();
        browser::set_document_lang(t.lang().code(), t.app_title());
    });
    lang
}

/// The bar at the top of every page: the app's name (a link home) and the language; and the
/// offer to reload when a new version is ready, which every page makes.
#[component]
fn Header(home: &'static str) -> impl IntoView {
    let lang = use_lang();
    view! {
        <header class="top">
            <a class="brand" href=home>{lang.keyed(move || lang.t().app_title())}</a>
            <LanguageSwitch/>
        </header>
        <reload::ReloadOffer/>
    }
}

/// The collector's page, for [`start`].
pub fn collector_page(t: &'static Catalog) -> impl IntoView {
    view! { <App t=t/> }
}

/// The transfer page (export for submission, backups), for [`start`].
pub fn transfer_page(t: &'static Catalog) -> impl IntoView {
    view! { <TransferApp t=t/> }
}

/// The secretariat's page, for [`start`].
pub fn secretariat_page(t: &'static Catalog) -> impl IntoView {
    view! { <SecretariatApp t=t/> }
}

/// The collector: forms and drafts. (Transfer, with printing, and the secretariat are pages of
/// their own, `transfer/` and `secretariat/`, each with its own wasm: the first load carries neither.)
#[component]
pub fn App(t: &'static Catalog) -> impl IntoView {
    let lang = provide_language(t);
    provide_context(session::LinkNotice(RwSignal::new(Vec::new())));

    let route = at_each_hash(current_route);
    crate::store::request_persistence();

    view! {
        <Header home="#/"/>
        <main id="main">
            // The form page keeps its record across a language change (it re-renders inside);
            // the home page is simply drawn again.
            {move || match route.get() {
                Route::Home => lang.keyed(|| view! { <home::Home/> }).into_any(),
                Route::Record(id) => view! { <form_page::FormPage id=id/> }.into_any(),
                Route::New(form_id, query) => view! { <session::NewFromLink form_id=form_id query=query/> }.into_any(),
            }}
        </main>
    }
}

/// The transfer page (`transfer/index.html`, the `gcm-transfer` binary): responses leave the
/// device here, as files or on paper (a response to print, `#/r/<id>/print`, and a blank
/// questionnaire, `#/blank/<form>`: the collector's first load does not carry the document's
/// drawing, 7 KB gzip).
#[component]
pub fn TransferApp(t: &'static Catalog) -> impl IntoView {
    let lang = provide_language(t);
    crate::store::request_persistence();
    // Drawn again when only the hash changes (from one paper to another, or to the downloads).
    let paper = at_each_hash(|| document::Paper::of(&browser::location_hash()));
    let page = move || match paper.get() {
        Some(document::Paper::Response(id)) => view! { <document::PrintPage id=id/> }.into_any(),
        Some(document::Paper::Blank(form_id)) => view! { <document::BlankPage form_id=form_id/> }.into_any(),
        None => lang.keyed(|| view! { <transfer::Transfer/> }).into_any(),
    };
    view! {
        <Header home="../"/>
        <main id="main">{page}</main>
    }
}

/// `read()`, read again (and the signal set) each time the address's hash changes.
fn at_each_hash<T: Send + Sync + 'static>(read: fn() -> T) -> RwSignal<T> {
    let value = RwSignal::new(read());
    let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || value.set(read()));
    if let Some(w) = web_sys::window() {
        w.set_onhashchange(Some(wasm_bindgen::JsCast::unchecked_ref(on_hash.as_ref())));
    }
    // The listener lives as long as the page.
    on_hash.forget();
    value
}

/// The rapporteur's page, for [`start`].
pub fn report_page(t: &'static Catalog) -> impl IntoView {
    view! { <ReportApp t=t/> }
}

/// The rapporteur's page (`report/index.html`, the `gcm-report` binary).
#[component]
pub fn ReportApp(t: &'static Catalog) -> impl IntoView {
    provide_language(t);
    crate::store::request_persistence();
    view! {
        <Header home="../"/>
        <main id="main"><report::Report/></main>
    }
}

/// The secretariat's page (`secretariat/index.html`, the `gcm-secretariat` binary).
#[component]
pub fn SecretariatApp(t: &'static Catalog) -> impl IntoView {
    provide_language(t);
    crate::store::request_persistence();
    view! {
        <Header home="../"/>
        <main id="main"><secretariat::Secretariat/></main>
    }
}

/// The language switch: the new language's texts are fetched (or taken from the offline
/// cache), then every screen is drawn again in it; typed text stays, as it lives in the record.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let failed = RwSignal::new(false);
    let choose = move |ev: leptos::ev::Event| {
        let Some(chosen) = Lang::from_code(&event_target_value(&ev)) else { return };
        spawn_local(async move {
            match locale::load(chosen).await {
                Ok(t) => {
                    locale::remember(chosen);
                    failed.set(false);
                    lang.0.set(t);
                }
                Err(e) => {
                    web_sys::console::warn_1(&e.into());
                    failed.set(true);
                }
            }
        });
    };
    view! {
        <label class="lang">
            {lang.keyed(move || lang.t().language())}" "
            <select on:change={handler(choose)} prop:value=move || lang.tracked().lang().code().to_string()>
                {Lang::ALL.iter().map(|&l| view! {
                    <option value=l.code() lang=l.code()>{l.name()}</option>
                }.into_any()).collect_view()}
            </select>
        </label>
        <p role="alert" class="lang-error" hidden=move || !failed.get()>{move || lang.tracked().language_unavailable().to_string()}</p>
    }
}
