//! Small wrappers over browser APIs the screens need.

use wasm_bindgen::JsCast;

pub fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

pub fn navigate(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

pub fn set_document_lang(code: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", code);
    }
}

/// The current time as ISO 8601 UTC.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A time for people: the browser's local format in the app's language.
pub fn local_time(iso: &str, lang: &str) -> String {
    let d = js_sys::Date::new(&iso.into());
    String::from(d.to_locale_string(lang, &wasm_bindgen::JsValue::UNDEFINED))
}

/// A random UUID (v4) from the browser's cryptographic generator.
pub fn uuid() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default()
}

/// A short random id for repeat instances: unique within one record is all it needs.
pub fn short_id() -> String {
    uuid().chars().filter(|c| *c != '-').take(8).collect()
}

pub fn confirm(message: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}

/// Moves focus to (and scrolls to) the element with this id.
pub fn focus(id: &str) {
    let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// Offers `bytes` as a file download with this name and MIME type.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
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

pub fn alert(message: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.alert_with_message(message);
    }
}

/// The bytes and name of the first file chosen in a file input.
pub async fn read_chosen_file(ev: &web_sys::Event) -> Option<(String, Vec<u8>)> {
    read_chosen_files(ev).await.into_iter().next()
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
