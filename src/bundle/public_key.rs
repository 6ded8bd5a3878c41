//! The secretariat's public key file (docs/bundle-format.md §10.2): who submissions are
//! encrypted for, their RSA-OAEP-3072 public key as SPKI, and its fingerprint, the SHA-256 of
//! that SPKI. Parsing checks the key's shape (3072 bits, exponent 65537) and the fingerprint;
//! WebCrypto's `importKey` checks the rest.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::envelope::FINGERPRINT_LEN;

/// `format` of a public key file.
pub const KEY_FORMAT: &str = "gcm-review-public-key";
/// `format_version` this app writes and reads.
pub const KEY_FORMAT_VERSION: u64 = 1;
/// `algorithm` of a public key file: what the key is and how envelopes use it.
pub const KEY_ALGORITHM: &str = "RSA-OAEP-3072-SHA-256";

/// The DER of every RSA-3072 SPKI with exponent 65537 (what WebCrypto's `generateKey` makes with
/// `publicExponent` 01 00 01), before its 384-byte modulus, and after it.
const SPKI_PREFIX: [u8; 33] = [
    0x30, 0x82, 0x01, 0xa2, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, 0x03, 0x82,
    0x01, 0x8f, 0x00, 0x30, 0x82, 0x01, 0x8a, 0x02, 0x82, 0x01, 0x81, 0x00,
];
const SPKI_SUFFIX: [u8; 5] = [0x02, 0x03, 0x01, 0x00, 0x01];
/// Length of such an SPKI.
pub const SPKI_LEN: usize = 422;

/// The key submissions are encrypted for. Holding one means its SPKI is an RSA-3072 key with
/// exponent 65537 and its fingerprint is the SHA-256 of that SPKI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    name: String,
    spki: Vec<u8>,
    fingerprint: [u8; FINGERPRINT_LEN],
}

/// Why a public key file (or key) was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyFileError {
    /// Occurs when the bytes are not JSON of a public key file's shape (`reason` says what).
    NotAKeyFile { reason: String },
    /// Occurs when the file was written in a `format_version` this app does not read.
    UnsupportedVersion { found: u64 },
    /// Occurs when the key is not an RSA-OAEP key of 3072 bits with exponent 65537.
    UnsupportedKey,
    /// Occurs when the file's `fingerprint` is not the SHA-256 of its key: a changed or damaged file.
    FingerprintMismatch { declared: String, computed: String },
}

impl fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyFileError::NotAKeyFile { reason } => write!(f, "not a public key file ({reason})"),
            KeyFileError::UnsupportedVersion { found } => write!(f, "public key file version {found} is not one this app reads"),
            KeyFileError::UnsupportedKey => write!(f, "the key is not an RSA-3072 key with exponent 65537"),
            KeyFileError::FingerprintMismatch { declared, computed } => {
                write!(f, "the file says fingerprint {declared}, its key's is {computed}")
            }
        }
    }
}

impl std::error::Error for KeyFileError {}

/// The file's members, in the order they are written.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    format: String,
    format_version: u64,
    name: String,
    algorithm: String,
    spki: String,
    fingerprint: String,
}

/// Only what says which file it is, read first so that a newer version is reported as such.
#[derive(Deserialize)]
struct Head {
    format: String,
    format_version: u64,
}

impl PublicKey {
    /// The key of `spki` (DER, as WebCrypto's `exportKey("spki")` gives it), named `name`
    /// (who it belongs to, shown to people: "Secretariat of the LAC regional review").
    pub fn from_spki(name: &str, spki: &[u8]) -> Result<PublicKey, KeyFileError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(KeyFileError::NotAKeyFile { reason: "no name".into() });
        }
        let shape = spki.len() == SPKI_LEN && spki.starts_with(&SPKI_PREFIX) && spki.ends_with(&SPKI_SUFFIX);
        if !shape {
            return Err(KeyFileError::UnsupportedKey);
        }
        Ok(PublicKey { name: name.to_string(), spki: spki.to_vec(), fingerprint: fingerprint(spki) })
    }

    /// Reads a public key file, refusing other files, other versions, other keys, and a
    /// fingerprint that is not its key's. A UTF-8 BOM is allowed.
    pub fn parse(bytes: &[u8]) -> Result<PublicKey, KeyFileError> {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let not = |e: serde_json::Error| KeyFileError::NotAKeyFile { reason: e.to_string() };
        let head: Head = serde_json::from_slice(bytes).map_err(not)?;
        if head.format != KEY_FORMAT {
            return Err(KeyFileError::NotAKeyFile { reason: format!("format {:?}", head.format) });
        }
        if head.format_version != KEY_FORMAT_VERSION {
            return Err(KeyFileError::UnsupportedVersion { found: head.format_version });
        }
        let file: KeyFile = serde_json::from_slice(bytes).map_err(not)?;
        if file.algorithm != KEY_ALGORITHM {
            return Err(KeyFileError::UnsupportedKey);
        }
        let spki = base64_decode(&file.spki).ok_or_else(|| KeyFileError::NotAKeyFile { reason: "spki is not base64".into() })?;
        let key = PublicKey::from_spki(&file.name, &spki)?;
        let computed = fingerprint_hex(&key.fingerprint);
        if file.fingerprint != computed {
            return Err(KeyFileError::FingerprintMismatch { declared: file.fingerprint, computed });
        }
        Ok(key)
    }

    /// The public key file: pretty JSON, members in a fixed order.
    pub fn to_json(&self) -> String {
        let file = KeyFile {
            format: KEY_FORMAT.into(),
            format_version: KEY_FORMAT_VERSION,
            name: self.name.clone(),
            algorithm: KEY_ALGORITHM.into(),
            spki: base64_encode(&self.spki),
            fingerprint: fingerprint_hex(&self.fingerprint),
        };
        // Strings and a number only: serialising to a String cannot fail.
        super::pretty::to_string_pretty(&file).expect("a key file serialises")
    }

    /// The SPKI in base64url without padding (RFC 4648 §5), for the collector link's fragment:
    /// `transfer/#/key/<this>?name=<name>` (docs/bundle-format.md §10.4).
    pub fn spki_base64url(&self) -> String {
        base64_encode(&self.spki).trim_end_matches('=').replace('+', "-").replace('/', "_")
    }

    /// The key of a collector link: `spki` as [`PublicKey::spki_base64url`] writes it, and the name.
    pub fn from_base64url(name: &str, spki: &str) -> Result<PublicKey, KeyFileError> {
        let mut standard = spki.replace('-', "+").replace('_', "/");
        while !standard.len().is_multiple_of(4) {
            standard.push('=');
        }
        let bytes = base64_decode(&standard).ok_or_else(|| KeyFileError::NotAKeyFile { reason: "the link's key is not base64url".into() })?;
        PublicKey::from_spki(name, &bytes)
    }

    /// Who the key belongs to.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key as SPKI DER, for WebCrypto's `importKey("spki", …)`.
    pub fn spki(&self) -> &[u8] {
        &self.spki
    }

    /// The SHA-256 of the SPKI, as envelopes carry it.
    pub fn fingerprint(&self) -> &[u8; FINGERPRINT_LEN] {
        &self.fingerprint
    }
}

/// A key's fingerprint: the SHA-256 of its SPKI DER.
pub fn fingerprint(spki: &[u8]) -> [u8; FINGERPRINT_LEN] {
    Sha256::digest(spki).into()
}

/// A fingerprint as 64 lower-case hex digits, as the key file writes it.
pub fn fingerprint_hex(fingerprint: &[u8; FINGERPRINT_LEN]) -> String {
    fingerprint.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint people compare: its first 8 bytes, as four groups of four hex digits
/// (`3f2a 9c01 77d4 e5b8`).
pub fn short_fingerprint(fingerprint: &[u8; FINGERPRINT_LEN]) -> String {
    let hex = fingerprint_hex(fingerprint);
    let groups: Vec<&str> = (0..4).map(|i| &hex[i * 4..i * 4 + 4]).collect();
    groups.join(" ")
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Base64 (RFC 4648, standard alphabet, padded) by hand: a few lines for one 422-byte key, where
// the `base64` crate would add its engine to the wasm.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            let c = if i <= chunk.len() { B64[(n >> (18 - 6 * i) & 63) as usize] } else { b'=' };
            out.push(char::from(c));
        }
    }
    out
}

/// The bytes of padded standard base64, or `None` for anything else (whitespace included).
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for (c, chunk) in text.chunks(4).enumerate() {
        let last = c == text.len() / 4 - 1;
        let pad = chunk.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &b in &chunk[..4 - pad] {
            n = n << 6 | B64.iter().position(|&x| x == b)? as u32;
        }
        n <<= 6 * pad;
        let bytes = n.to_be_bytes();
        // Bits the padding drops must be zero, so one key has one spelling.
        if bytes[4 - pad..].iter().any(|&b| b != 0) {
            return None;
        }
        out.extend_from_slice(&bytes[1..4 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_tail_length() {
        for len in 0..8 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 200) as u8).collect();
            assert_eq!(base64_decode(&base64_encode(&bytes)).as_deref(), Some(&bytes[..]), "{len}");
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"f"), "Zg==");
    }

    #[test]
    fn base64_refuses_what_is_not_canonical() {
        for bad in ["Zg=", "Zh==", "Z===", "Zg==Zg==", "Zm 9v", "Zm9v\n", "Zm-v"] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }
}
