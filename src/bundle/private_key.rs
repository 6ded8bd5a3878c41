//! What a key backup holds once opened with its passphrase (docs/bundle-format.md §10.5): the
//! secretariat's private key as PKCS#8, with its public key and name, so a restored device
//! knows whose key it is and can publish it again. The backup is the only copy of the private
//! key that leaves a browser: the one in IndexedDB cannot be exported.

use serde::{Deserialize, Serialize};

use super::public_key::{base64_decode, base64_encode, fingerprint_hex, KeyFileError, PublicKey, KEY_ALGORITHM};

/// `format` of an opened key backup.
pub const BACKUP_FORMAT: &str = "gcm-review-private-key";
/// `format_version` this app writes and reads.
pub const BACKUP_FORMAT_VERSION: u64 = 1;

/// The secretariat's key pair, as its backup carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyBackup {
    pub public: PublicKey,
    /// The private key, PKCS#8 DER (WebCrypto's `exportKey("pkcs8")`).
    pub pkcs8: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    format_version: u64,
    name: String,
    algorithm: String,
    spki: String,
    fingerprint: String,
    pkcs8: String,
}

impl KeyBackup {
    /// The opened backup's JSON (what the passphrase locks).
    pub fn to_json(&self) -> String {
        let file = File {
            format: BACKUP_FORMAT.into(),
            format_version: BACKUP_FORMAT_VERSION,
            name: self.public.name().into(),
            algorithm: KEY_ALGORITHM.into(),
            spki: base64_encode(self.public.spki()),
            fingerprint: fingerprint_hex(self.public.fingerprint()),
            pkcs8: base64_encode(&self.pkcs8),
        };
        super::pretty::to_string_pretty(&file).expect("a key backup serialises")
    }

    /// Reads an opened backup, checking its public key as a key file's ([`PublicKey::parse`]).
    /// That the private key matches is for WebCrypto's import and the first decryption to show.
    pub fn parse(bytes: &[u8]) -> Result<KeyBackup, KeyFileError> {
        let not = |reason: String| KeyFileError::NotAKeyFile { reason };
        let file: File = serde_json::from_slice(bytes).map_err(|e| not(e.to_string()))?;
        if file.format != BACKUP_FORMAT {
            return Err(not(format!("format {:?}", file.format)));
        }
        if file.format_version != BACKUP_FORMAT_VERSION {
            return Err(KeyFileError::UnsupportedVersion { found: file.format_version });
        }
        if file.algorithm != KEY_ALGORITHM {
            return Err(KeyFileError::UnsupportedKey);
        }
        let spki = base64_decode(&file.spki).ok_or_else(|| not("spki is not base64".into()))?;
        let pkcs8 = base64_decode(&file.pkcs8).ok_or_else(|| not("pkcs8 is not base64".into()))?;
        let public = PublicKey::from_spki(&file.name, &spki)?;
        let computed = fingerprint_hex(public.fingerprint());
        if file.fingerprint != computed {
            return Err(KeyFileError::FingerprintMismatch { declared: file.fingerprint, computed });
        }
        Ok(KeyBackup { public, pkcs8 })
    }
}
