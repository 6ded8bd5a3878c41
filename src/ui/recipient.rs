//! Who this device encrypts submissions for. A key set on the device (by the secretariat's
//! link or key file, on the transfer page) is kept in localStorage as its key file; without
//! one, a deployment's `public-key.json` beside `index.html` gives every collector the key from
//! its first load (the service worker keeps a copy for offline use).

use gloo_storage::{LocalStorage, Storage};

use crate::bundle::PublicKey;

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

/// The key exports are encrypted for, checked (shape and fingerprint); `None` without one, or
/// when the file is not a valid key (nothing is encrypted for a key that cannot be trusted).
pub async fn current(root: &str) -> Option<PublicKey> {
    PublicKey::parse(key_file(root).await?.as_bytes()).ok()
}
