//! Small wrappers over browser APIs the screens need.

use wasm_bindgen::JsCast;

use crate::i18n::Lang;

/// A setting kept in localStorage (as gloo-storage's `set` writes it: JSON), or `None`. Read
/// with `from_slice`, like every other JSON the app reads: gloo-storage's `get` reads with
/// `from_str`, which put a second copy of serde_json's parser in the wasm (collector -0.8 KB gzip).
pub fn stored<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    use gloo_storage::{LocalStorage, Storage};
    let json = LocalStorage::raw().get_item(key).ok().flatten()?;
    serde_json::from_slice(json.as_bytes()).ok()
}

pub fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Opens another page of the app (a path relative to this one).
pub fn go_to(path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(path);
    }
}

/// Opens another page of the app in place of this one (the back button skips this address):
/// where an old address of the collector now leads.
pub fn go_instead_to(path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(path);
    }
}

/// Goes to `hash` in place of the current address (the back button skips the current one).
pub fn replace_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(hash);
    }
}

/// `name=value` pairs of a query string (`a=1&b=P%C3%A9rou`), decoded.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| js_sys::decode_uri_component(&s.replace('+', " ")).map(String::from).unwrap_or_else(|_| s.to_string());
    query.split('&').filter(|p| !p.is_empty()).map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (decode(k), decode(v))
    }).collect()
}

/// Copies `text` to the clipboard where the browser allows it.
pub fn copy_text(text: &str) -> bool {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else { return false };
    let _ = clipboard.write_text(text);
    true
}

pub fn navigate(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// The page's `lang` attribute (screen readers pick their voice by it) and its title.
pub fn set_document_lang(code: &str, title: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(el) = doc.document_element() {
        let _ = el.set_attribute("lang", code);
    }
    doc.set_title(title);
}

/// Replaces the page with one message, when there is nothing else to show it with.
pub fn show_fatal(message: &str) {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        body.set_text_content(Some(message));
    }
}

/// The current time as ISO 8601 UTC.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The locale `Intl` formats in for `lang`: the browser's own regional variant of it when the
/// person has one (`es-419`, `fr-CA`), else the bare language.
fn intl_locale(lang: Lang) -> String {
    let tags = web_sys::window().map(|w| w.navigator().languages()).map(|a| a.iter().filter_map(|t| t.as_string()).collect::<Vec<_>>());
    tags.unwrap_or_default().into_iter().find(|t| Lang::from_tag(t) == Some(lang)).unwrap_or_else(|| lang.code().to_string())
}

/// A time for people: the browser's local format in the person's language.
pub fn local_time(iso: &str, lang: Lang) -> String {
    let d = js_sys::Date::new(&iso.into());
    String::from(d.to_locale_string(&intl_locale(lang), &wasm_bindgen::JsValue::UNDEFINED))
}

/// A calendar date (`YYYY-MM-DD`, as stored) for people: "18 mars 2025". Read and written
/// in UTC, so the day never shifts with the time zone. Anything else is shown as it is.
pub fn local_date(day: &str, lang: Lang) -> String {
    let d = js_sys::Date::new(&format!("{day}T00:00:00Z").into());
    if day.len() != 10 || d.get_time().is_nan() {
        return day.to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    String::from(d.to_locale_date_string(&intl_locale(lang), &options))
}

/// A count for people, grouped as the language writes it ("10,000", "10 000", "10.000").
pub fn number(n: u64, lang: Lang) -> String {
    // Under a thousand every language here writes the plain digits, and the form page's
    // counts (progress, sections, entries) stay there: no `Intl` at its start, whose first
    // formatter loads the language's data (~75 ms at Lighthouse's 4× CPU slowdown, profiled).
    if n < 1000 {
        return n.to_string();
    }
    let format = NUMBER_FORMATS.with(|made| {
        let mut made = made.borrow_mut();
        if let Some((_, format)) = made.iter().find(|(l, _)| *l == lang) {
            return format.clone();
        }
        let locales = js_sys::Array::of1(&intl_locale(lang).into());
        let format = js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new()).format();
        made.push((lang, format.clone()));
        format
    });
    format.call1(&wasm_bindgen::JsValue::NULL, &(n as f64).into()).ok().and_then(|s| s.as_string()).unwrap_or_else(|| n.to_string())
}

thread_local! {
    /// One `Intl.NumberFormat` per language, made at its first number: `toLocaleString` makes
    /// one at every call, with the browser's languages read again.
    static NUMBER_FORMATS: std::cell::RefCell<Vec<(Lang, js_sys::Function)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `n` and what it counts: `one` after exactly one (singular in each of the app's languages),
/// `other` after any other number ("0 records" reads well in each, French's singular zero too).
pub fn count(n: u64, lang: Lang, one: &str, other: &str) -> String {
    format!("{} {}", number(n, lang), if n == 1 { one } else { other })
}

/// A random UUID (v4) from the browser's cryptographic generator.
pub fn uuid() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default()
}

/// A short random id for repeat instances: unique within one record is all it needs.
pub fn short_id() -> String {
    uuid().chars().filter(|c| *c != '-').take(8).collect()
}

/// The browser's print dialog (print, or save as PDF).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

pub fn confirm(message: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}

/// Moves focus to (and scrolls to) the element with this id; for a long list's picker, to its
/// filter box, where the person types.
pub fn focus(id: &str) {
    let Some(el) = element(id) else { return };
    el.scroll_into_view();
    let filter = el.query_selector("input.filter").ok().flatten().and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok());
    let _ = filter.unwrap_or(el).focus();
}

/// Moves the focus to the element with this id, as it is (no scrolling of our own, no filter box).
pub fn focus_only(id: &str) {
    if let Some(el) = element(id) {
        let _ = el.focus();
    }
}

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    let el = web_sys::window()?.document()?.get_element_by_id(id)?;
    el.dyn_into().ok()
}

/// Offers `bytes` as a file download with this name and MIME type.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) {
        download_blob(name, &blob);
    }
}

/// [`download`] of a file of many megabytes (the secretariat's consolidated export, 100 MB for
/// 100,000 records): copied out of the wasm's memory eight megabytes at a time, each into a
/// blob of its own, yielding to the browser between them; the file is the blob of those, which
/// the browser joins without copying them again. At once, the two copies held the page 0.1 s.
pub async fn download_in_steps(name: &str, mime: &str, bytes: &[u8]) {
    let blobs = js_sys::Array::new();
    for chunk in bytes.chunks(8 << 20) {
        let part = js_sys::Array::of1(&js_sys::Uint8Array::from(chunk));
        let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&part) else { return };
        blobs.push(&blob);
        yield_now().await;
    }
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_blob_sequence_and_options(&blobs, &opts) {
        download_blob(name, &blob);
    }
}

fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some(a) = doc.and_then(|d| d.create_element("a").ok()).and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Revoking at once can cancel the download in some browsers: give it a moment.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
}

/// Yields to the browser between slices of a long piece of work, so it paints and answers the
/// person: `scheduler.yield()` where the browser has it (Chromium 129 on: the work then goes
/// on ahead of other tasks, and without the 4 ms that nested timeouts are held), else a timeout.
pub async fn yield_now() {
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok().filter(|s| s.is_object());
    let promise = scheduler.as_ref().and_then(|s| {
        let f = js_sys::Reflect::get(s, &"yield".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        f.call0(s).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    match promise {
        Some(p) => {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
        None => next_tick().await,
    }
}

/// The bytes and name of the first file chosen in a file input.
pub async fn read_chosen_file(ev: &web_sys::Event) -> Option<(String, Vec<u8>)> {
    read_chosen_files(ev).await.into_iter().next()
}

/// The first file chosen in a file input, left chosen: for a form that uses it when sent, and
/// shows its name meanwhile.
pub async fn read_chosen_file_kept(ev: &web_sys::Event) -> Option<(String, Vec<u8>)> {
    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    read_files(input.files()).await.into_iter().next()
}

/// Every file chosen in a file input, with its name; the input is emptied for the next choice.
pub async fn read_chosen_files(ev: &web_sys::Event) -> Vec<(String, Vec<u8>)> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return Vec::new() };
    let files = read_files(input.files()).await;
    input.set_value("");
    files
}

/// Every file dropped on an element.
pub async fn read_dropped_files(ev: &web_sys::DragEvent) -> Vec<(String, Vec<u8>)> {
    read_files(ev.data_transfer().and_then(|d| d.files())).await
}

async fn read_files(list: Option<web_sys::FileList>) -> Vec<(String, Vec<u8>)> {
    let Some(list) = list else { return Vec::new() };
    let mut out = Vec::new();
    for file in (0..list.length()).filter_map(|i| list.get(i)) {
        if let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            out.push((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()));
        }
    }
    out
}

/// Yields to the browser between chunks of work (shared with the store, which needs it too).
pub use crate::store::next_tick;

/// Whether the browser can hand files to other apps (the Web Share API, on phones).
pub fn can_share_files() -> bool {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return false };
    js_sys::Reflect::get(&nav, &"canShare".into()).map(|f| f.is_function()).unwrap_or(false)
}

/// Shares the file through the system's share sheet where files can be shared; else downloads it.
pub fn share_or_download(name: &str, mime: &str, bytes: &[u8]) {
    let shared = (|| -> Option<()> {
        let nav = web_sys::window()?.navigator();
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let opts = web_sys::FilePropertyBag::new();
        opts.set_type(mime);
        let file = web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &opts).ok()?;
        let data = js_sys::Object::new();
        js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
        let can: js_sys::Function = js_sys::Reflect::get(&nav, &"canShare".into()).ok()?.dyn_into().ok()?;
        can.call1(&nav, &data).ok()?.as_bool().filter(|ok| *ok)?;
        let share: js_sys::Function = js_sys::Reflect::get(&nav, &"share".into()).ok()?.dyn_into().ok()?;
        share.call1(&nav, &data).ok()?;
        Some(())
    })();
    if shared.is_none() {
        download(name, mime, bytes);
    }
}

/// Sets an attribute on `<html>`, for the stylesheet (`data-superseded`).
pub fn set_root_flag(name: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute(name, "");
    }
}

pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Calls `window[name]()`, a function the page's inline scripts set (`gcmUpdate`); whether
/// there was one.
pub fn call_global(name: &str) -> bool {
    let Some(w) = web_sys::window() else { return false };
    let f = js_sys::Reflect::get(&w, &name.into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    f.is_some_and(|f| f.call0(&w).is_ok())
}

/// A number of bytes for people, in megabytes (gigabytes from 1 GB) as the language writes
/// them: "1.2 MB", "1,2 Mo".
pub fn size(bytes: f64, lang: Lang) -> String {
    let (value, unit) = if bytes >= 1e9 { (bytes / 1e9, "gigabyte") } else { (bytes / 1e6, "megabyte") };
    let options = js_sys::Object::new();
    for (k, v) in [("style", "unit".into()), ("unit", unit.into()), ("maximumFractionDigits", 1.into())] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v);
    }
    let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&intl_locale(lang).into()), &options).format();
    format.call1(&wasm_bindgen::JsValue::UNDEFINED, &value.into()).ok().and_then(|s| s.as_string()).unwrap_or_default()
}
