//! The person's language in the browser: which one on first visit, the choice kept, and its
//! catalog fetched when first needed (`locales/<code>-<hash>.json`, and on the pages other than
//! the collector's `locales/<code>-more-<hash>.json` too; precached by the service worker so
//! switching works offline). No language's texts are in the wasm.

use std::cell::Cell;
use std::collections::BTreeMap;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{Catalog, Lang};

/// Where the person's own choice of language is kept (only a choice made in the switch: until
/// then the browser's languages decide, at every visit).
const LANG_KEY: &str = "gcm.lang";

thread_local! {
    /// The catalogs read so far on this page, by [`Lang::index`].
    static LOADED: [Cell<Option<&'static Catalog>>; Lang::ALL.len()] = const { [const { Cell::new(None) }; Lang::ALL.len()] };
}

/// The language to open in: the person's choice, else the first of the browser's languages we
/// speak, else English. The inline script of the page (`index.html`) applies the same rule to
/// start fetching the catalog while the wasm downloads.
pub fn initial() -> Lang {
    let chosen: Option<String> = super::browser::stored(LANG_KEY);
    if let Some(lang) = chosen.as_deref().and_then(Lang::from_code) {
        return lang;
    }
    let tags: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|t| t.as_string()).collect())
        .unwrap_or_default();
    Lang::from_tags(tags.iter().map(String::as_str))
}

/// Keeps the person's choice for the next visits.
pub fn remember(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang.code());
}

/// The catalog of `lang`, fetched and read the first time it is asked for on this page: from
/// one file on the collector's page, from two on the others (`scripts/locale-pages.json`).
pub async fn load(lang: Lang) -> Result<&'static Catalog, String> {
    if let Some(t) = LOADED.with(|l| l[lang.index()].get()) {
        return Ok(t);
    }
    let urls = urls(lang);
    let fail = || format!("cannot read {}", urls.join(", "));
    let files: Vec<JsValue> = match preloaded(lang) {
        Some(promise) => JsFuture::from(promise).await.map(|all| js_sys::Array::from(&all).to_vec()).map_err(|_| fail())?,
        None => {
            let mut files = Vec::new();
            for url in &urls {
                files.push(fetch_text(url).await.map_err(|_| fail())?);
            }
            files
        }
    };
    let mut texts = BTreeMap::new();
    for text in files {
        let text = text.as_string().ok_or_else(fail)?;
        let parsed = js_sys::JSON::parse(&text).map_err(|_| fail())?;
        if !parsed.is_object() || !flatten(&mut String::new(), &parsed, &mut texts) {
            return Err(fail());
        }
    }
    // A build for the tests carries a test form, whose words are not in the locale files.
    #[cfg(feature = "test-forms")]
    if let Ok(all) = js_sys::JSON::parse(crate::forms::test_forms::TEXTS) {
        flatten(&mut String::new(), &js_sys::Reflect::get(&all, &lang.code().into()).unwrap_or_default(), &mut texts);
    }
    // Once per language for the page's life: screens hold its texts as `&'static str`.
    let catalog: &'static Catalog = Box::leak(Box::new(Catalog::new(lang, texts)));
    LOADED.with(|l| l[lang.index()].set(Some(catalog)));
    Ok(catalog)
}

/// A parsed locale file into `prefix.key` texts, as [`Catalog::parse`] reads it natively (where
/// the tests check every file strictly); `false` on anything but strings and objects.
fn flatten(prefix: &mut String, value: &JsValue, out: &mut BTreeMap<Box<str>, &'static str>) -> bool {
    if let Some(text) = value.as_string() {
        out.insert(prefix.as_str().into(), Box::leak(text.into_boxed_str()));
        return true;
    }
    let Some(object) = value.dyn_ref::<js_sys::Object>() else { return false };
    js_sys::Object::entries(object).iter().all(|entry| {
        let pair: js_sys::Array = entry.unchecked_into();
        let Some(key) = pair.get(0).as_string() else { return false };
        let len = prefix.len();
        if len > 0 {
            prefix.push('.');
        }
        prefix.push_str(&key);
        let ok = flatten(prefix, &pair.get(1), out);
        prefix.truncate(len);
        ok
    })
}

/// Every language's catalog, in [`Lang::ALL`] order: exports carry a codebook and a README in
/// all of them. From the service worker's cache after the first visit; a language that cannot
/// be had (offline before the cache was filled) is left out rather than holding up an export.
pub async fn load_all() -> Result<Vec<&'static Catalog>, String> {
    let mut all = Vec::new();
    for &lang in Lang::ALL {
        if let Ok(t) = load(lang).await {
            all.push(t);
        }
    }
    if all.is_empty() { Err("no language could be loaded".into()) } else { Ok(all) }
}

/// `window.gcmLocale`, set by the page's inline script: `{files: {code: url}, lang, text}`.
fn page_locale() -> Option<JsValue> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &"gcmLocale".into()).ok().filter(|v| v.is_object())
}

/// The addresses of `lang`'s texts in this build (their content hash in the names).
fn urls(lang: Lang) -> Vec<String> {
    page_locale()
        .and_then(|l| js_sys::Reflect::get(&l, &"files".into()).ok())
        .and_then(|files| js_sys::Reflect::get(&files, &lang.code().into()).ok())
        .filter(|list| list.is_array())
        .map(|list| js_sys::Array::from(&list).iter().filter_map(|u| u.as_string()).collect())
        .unwrap_or_else(|| vec![format!("locales/{}.json", lang.code())])
}

/// The fetch the page's script started for `lang` (the texts of its files, in order), if it
/// guessed that language; taken once, so a failed one is retried with fetches of our own.
fn preloaded(lang: Lang) -> Option<js_sys::Promise> {
    let l: js_sys::Object = page_locale()?.dyn_into().ok()?;
    let guessed = js_sys::Reflect::get(&l, &"lang".into()).ok()?.as_string()?;
    if guessed != lang.code() {
        return None;
    }
    let promise = js_sys::Reflect::get(&l, &"text".into()).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(&l, &"text".into());
    Some(promise)
}

pub(super) async fn fetch_text(url: &str) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url)).await?.dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from(response.status()));
    }
    JsFuture::from(response.text()?).await
}
