//! A backup file of every response on this device: the transfer page offers it, and the form
//! page when a save fails (so it is in the collector's wasm; reading backups is not).

use super::{browser, device_id, locale};
use crate::i18n::Catalog;
use crate::messages::Say;
use crate::record::Record;
use crate::{bundle, forms, store};

/// Downloads (or shares) a backup of every response on this device, `current` taking the place
/// of its stored copy: the form page offers this when a save fails, so the words on screen
/// leave in the file even when the device could not keep them. Without storage at all, the
/// file holds `current` alone.
pub async fn download_backup(current: Option<Record>, t: &'static Catalog) -> Result<(), String> {
    let mut all = store::list().await.map(|(all, _)| all).unwrap_or_default();
    if let Some(current) = current {
        all.retain(|r| r.id != current.id);
        all.push(current);
    }
    let catalogs = locale::load_all().await.map_err(|_| t.language_unavailable().to_string())?;
    let now = browser::now();
    let bytes = bundle::Bundle::backup(&all, forms::all(), &now, &device_id())
        .and_then(|b| bundle::to_zip(&b, forms::all(), &catalogs))
        .map_err(|e| e.say(t))?;
    let name = bundle::file_name("backup", "", now.get(..10).unwrap_or(""), &device_id(), "zip");
    browser::share_or_download(&name, "application/zip", &bytes);
    Ok(())
}

