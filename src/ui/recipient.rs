//! Who this device encrypts submissions for. A key set on the device (by the secretariat's
//! link or key file, on the transfer page) is kept in localStorage as its key file; without
//! one, a deployment's `public-key.json` beside `index.html` gives every collector the key from
//! its first load (the service worker keeps a copy for offline use).

use gloo_storage::{LocalStorage, Storage};

use crate::bundle::public_key::short_fingerprint;
use crate::bundle::{KeyFileError, PublicKey};

const KEY: &str = "gcm.recipient";
/// The deployment's key file, beside `index.html`.
pub const DEPLOYED: &str = "public-key.json";

/// Makes `key` the one this device encrypts for.
pub fn set(key: &PublicKey) {
    let _ = LocalStorage::raw().set_item(KEY, &key.to_json());
}

/// The key file this device encrypts for, as text: the one set here, else the deployment's.
/// `root` leads from this page to the collector's (`""` or `"../"`).
async fn key_file(root: &str) -> Option<String> {
    if let Some(text) = LocalStorage::raw().get_item(KEY).ok().flatten() {
        return Some(text);
    }
    super::locale::fetch_text(&format!("{root}{DEPLOYED}")).await.ok()?.as_string()
}

/// The key exports are encrypted for, checked (shape and fingerprint); `None` without one, an
/// error for a key file that cannot be trusted (nothing is encrypted for it; the page says why).
pub async fn current(root: &str) -> Option<Result<PublicKey, KeyFileError>> {
    Some(PublicKey::parse(key_file(root).await?.as_bytes()))
}

/// "Name · 505a 9534 fcea 1bb4": who, and the fingerprint to compare with the secretariat's.
pub fn label(key: &PublicKey) -> String {
    format!("{} · {}", key.name(), short_fingerprint(key.fingerprint()))
}

/// The same label, for the collector's home page, read with the browser's JSON parser and no
/// check of the key: the collector's first load does not carry the key file's reader (the
/// transfer page checks the key before it encrypts anything, and refuses a bad one there).
pub async fn shown_label(root: &str) -> Option<String> {
    let file = js_sys::JSON::parse(&key_file(root).await?).ok()?;
    let get = |k: &str| js_sys::Reflect::get(&file, &k.into()).ok()?.as_string();
    let mut label = get("name")?;
    label.push_str(" ·");
    for group in get("fingerprint")?.as_bytes().chunks(4).take(4) {
        label.push(' ');
        label.push_str(std::str::from_utf8(group).ok()?);
    }
    Some(label)
}
