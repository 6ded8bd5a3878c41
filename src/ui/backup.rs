//! A backup file of every response on this device. The transfer page offers the zip (README in
//! every language, `bundle.json`); the form page, when a save fails, offers `bundle.json` alone:
//! the same records, read back by the same restore, without the zip writer and the four
//! catalogs in the collector's first load (-11 KB gzip). A backup made here can be locked with a
//! passphrase: it holds drafts, which stay readable to their author alone.

use gloo_storage::{LocalStorage, Storage};

use super::crypto::{self, CryptoError};
use super::{browser, device_id, locale};
use crate::bundle::locked::{locked_file_name, looks_locked, Content, Locked};
use crate::i18n::Catalog;
use crate::messages::Say;
use crate::record::Record;
use crate::{bundle, forms, store};

/// Downloads (or shares) a backup of every response on this device, locked with `passphrase`
/// when one is given (docs/bundle-format.md §10.5: `*.gcm-locked`).
pub async fn download_backup(passphrase: Option<String>, t: &'static Catalog) -> Result<(), String> {
    let all = with_current(None).await;
    let catalogs = locale::load_all().await.map_err(|_| t.language_unavailable().to_string())?;
    let now = browser::now();
    let bytes = bundle::Bundle::backup(&all, forms::versions(), &now, &device_id())
        .and_then(|b| bundle::to_zip(&b, forms::versions(), &catalogs))
        .map_err(|e| e.say(t))?;
    let name = bundle::file_name("backup", "", now.get(..10).unwrap_or(""), &device_id(), "zip");
    match passphrase {
        Some(passphrase) => {
            let locked = crypto::lock(&passphrase, Content::Drafts, &bytes).await.map_err(|_| t.no_webcrypto().to_string())?;
            browser::share_or_download(&locked_file_name(&name, Content::Drafts), "application/octet-stream", &locked);
        }
        None => browser::share_or_download(&name, "application/zip", &bytes),
    }
    LocalStorage::set(BACKED_UP, &now).ok();
    Ok(())
}

/// When a backup file of this device's responses was last made (ISO 8601): the home page's
/// reminder to back up counts only what changed since.
const BACKED_UP: &str = "gcm.backed_up";

pub fn last_backup() -> Option<String> {
    browser::stored(BACKED_UP)
}

/// The backup inside a file the person opened: the file itself, or, for a locked one, what
/// `passphrase` opens. Refusals are in the person's words.
pub async fn unlocked(bytes: Vec<u8>, passphrase: &str, t: &'static Catalog) -> Result<Vec<u8>, String> {
    if !looks_locked(&bytes) {
        return Ok(bytes);
    }
    let locked = Locked::decode(&bytes, Content::Drafts).map_err(|e| e.say(t))?;
    if passphrase.is_empty() {
        return Err(t.backup_is_locked().to_string());
    }
    crypto::unlock(passphrase, &locked).await.map_err(|e| match e {
        CryptoError::Refused => t.wrong_passphrase().to_string(),
        CryptoError::Unavailable => t.no_webcrypto().to_string(),
    })
}


/// Downloads (or shares) the backup's `bundle.json` alone, `current` taking the place of its
/// stored copy: what the form page offers when a save fails. Written by the plain writer
/// (`bundle::plain_backup`), named as [`bundle::file_name`] would (`backup_<date>_<device>.json`)
/// from its parts, without its folding of names: the first load carries neither (issue 14).
pub async fn download_backup_json(current: Record, t: &'static Catalog) -> Result<(), String> {
    let all = with_current(Some(current)).await;
    let now = browser::now();
    let device = device_id();
    let json = bundle::plain_backup(&all, &now, &device).map_err(|e| plain_backup_error(&e, t))?;
    let name = format!("backup_{}_{}.json", now.get(..10).unwrap_or(""), bundle::short_id(&device));
    browser::share_or_download(&name, "application/json", json.as_bytes());
    LocalStorage::set(BACKED_UP, &now).ok();
    Ok(())
}

/// What [`bundle::plain_backup`] can fail with, said: its two errors' sentences alone, since
/// every bundle error's ([`Say`]) would bring the readers' messages into the first load.
fn plain_backup_error(e: &bundle::Error, t: &'static Catalog) -> String {
    match e.kind() {
        bundle::ErrorKind::UnknownForm { record, form, version } => {
            t.fill("bundle_error.unknown_form", &[("record", record), ("form", form), ("version", version)])
        }
        bundle::ErrorKind::Write { message } => t.fill("bundle_error.write", &[("message", message)]),
        _ => t.fill("bundle_error.write", &[("message", "")]),
    }
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
