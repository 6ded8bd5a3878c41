//! Encrypted submissions (`*.gcm-encrypted`, docs/bundle-format.md §10.3) opened before the
//! import reads them: each with the key on this device it was encrypted for. A file that does
//! not open goes on with why (`Sealed`), so the import reports it in its turn and keeps nothing
//! of it.

use crate::bundle::envelope::{self, Envelope};
use crate::bundle::public_key::short_fingerprint;
use crate::consolidate::{Rejection, Sealed};
use crate::store::{self, StoredKey};
use crate::ui::crypto::{self, CryptoError};

/// Every file as the import reads it: a zip or JSON as it came, an envelope as the zip inside it.
pub async fn open_all(files: Vec<(String, Vec<u8>)>) -> Vec<(String, Result<Vec<u8>, Rejection>)> {
    // Read at the first envelope, once per import: most imports hold none.
    let mut keys: Option<Vec<StoredKey>> = None;
    let mut out = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        if !envelope::looks_like_envelope(&bytes) {
            out.push((name, Ok(bytes)));
            continue;
        }
        let opened = match envelope::decode(&bytes) {
            Err(e) => Err(Sealed::Damaged(e)),
            Ok(sealed) => {
                if keys.is_none() {
                    // A store that cannot be read holds no key this import can use.
                    keys = Some(store::load_keys().await.unwrap_or_default());
                }
                open(&sealed, keys.as_deref().unwrap_or_default()).await
            }
        };
        let opened = opened.map_err(|why| Rejection::Sealed { file: name.clone(), why });
        out.push((name, opened));
    }
    out
}

/// The zip in `sealed`, with the one of `keys` (the newest first) it was encrypted for.
async fn open(sealed: &Envelope, keys: &[StoredKey]) -> Result<Vec<u8>, Sealed> {
    let newest = keys.first().ok_or(Sealed::NoKey)?;
    let Some(key) = keys.iter().find(|k| k.public.fingerprint() == &sealed.fingerprint) else {
        let envelope = short_fingerprint(&sealed.fingerprint);
        return Err(Sealed::ForAnotherKey { envelope, ours: short_fingerprint(newest.public.fingerprint()) });
    };
    crypto::open(&key.private, sealed).await.map_err(|e| match e {
        // Keys were made here, so WebCrypto was here: without it now, this device cannot open it.
        CryptoError::Unavailable => Sealed::NoKey,
        CryptoError::Refused => Sealed::Altered,
    })
}
