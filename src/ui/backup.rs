//! A backup file of every response on this device. The transfer page offers the zip (README in
//! every language, `bundle.json`); the form page, when a save fails, offers `bundle.json` alone:
//! the same records, read back by the same restore, without the zip writer and the four
//! catalogs in the collector's first load (-11 KB gzip).

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
    let all = with_current(current).await;
    let catalogs = locale::load_all().await.map_err(|_| t.language_unavailable().to_string())?;
    let now = browser::now();
    let bytes = bundle::Bundle::backup(&all, forms::all(), &now, &device_id())
        .and_then(|b| bundle::to_zip(&b, forms::all(), &catalogs))
        .map_err(|e| e.say(t))?;
    let name = bundle::file_name("backup", "", now.get(..10).unwrap_or(""), &device_id(), "zip");
    browser::share_or_download(&name, "application/zip", &bytes);
    Ok(())
}


/// Downloads (or shares) the backup's `bundle.json` alone, `current` taking the place of its
/// stored copy: what the form page offers when a save fails.
pub async fn download_backup_json(current: Record, t: &'static Catalog) -> Result<(), String> {
    let all = with_current(Some(current)).await;
    let now = browser::now();
    let json = bundle::Bundle::backup(&all, forms::all(), &now, &device_id())
        .and_then(|b| b.to_json())
        .map_err(|e| e.say(t))?;
    let name = bundle::file_name("backup", "", now.get(..10).unwrap_or(""), &device_id(), "json");
    browser::share_or_download(&name, "application/json", json.as_bytes());
    Ok(())
}

/// Every response on this device, `current` in place of its stored copy; `current` alone when
/// storage cannot be read at all.
async fn with_current(current: Option<Record>) -> Vec<Record> {
    let mut all = store::list().await.map(|(all, _)| all).unwrap_or_default();
    if let Some(current) = current {
        all.retain(|r| r.id != current.id);
        all.push(current);
    }
    all
}
