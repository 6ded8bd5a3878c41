//! A file locked with a passphrase (docs/bundle-format.md §10.5): the secretariat's private key
//! backup, or a backup of drafts. The key comes from the passphrase by PBKDF2-HMAC-SHA256
//! (600,000 iterations, OWASP's 2023 figure for it) and encrypts with AES-256-GCM. Like the
//! envelope, only the layout is here; WebCrypto (or Python's `cryptography`) does the rest.
//!
//! ```text
//! offset  size  field
//! 0       6     magic "GCMPWD"
//! 6       1     version (1)
//! 7       1     content (1: the secretariat's private key, 2: a backup of drafts)
//! 8       1     key derivation (1: PBKDF2-HMAC-SHA256)
//! 9       4     iterations, big-endian (600,000 to 10,000,000)
//! 13      16    salt
//! 29      12    AES-GCM nonce
//! 41      8     m, the ciphertext's length with its 16-byte tag, big-endian
//! 49      m     the ciphertext and tag; the header (bytes 0 .. 49) is the additional data
//! ```

use std::fmt;

use super::envelope::{NONCE_LEN, TAG_LEN};

/// The first bytes of every locked file.
pub const MAGIC: &[u8; 6] = b"GCMPWD";
/// The layout version this app writes and reads.
pub const VERSION: u8 = 1;
/// Key derivation 1: PBKDF2 with HMAC-SHA256, 32-byte key.
pub const PBKDF2_SHA256: u8 = 1;
/// The iterations this app writes.
pub const ITERATIONS: u32 = 600_000;
/// Fewer is refused: a file that asks for it was not written by this app, or was forged to
/// make guessing the passphrase cheap.
pub const MIN_ITERATIONS: u32 = 600_000;
/// More is refused: a file must not make the app compute for minutes.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// The shortest passphrase this app locks a file with, in characters (the key's backup, a
/// locked backup of drafts): the secretariat's tab and the transfer page ask the same.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// Length of the salt.
pub const SALT_LEN: usize = 16;
/// Length of the header, which is also the additional data.
pub const HEADER_LEN: usize = 49;
/// Bytes a locked file adds to what it holds: the header and the tag (65).
pub const OVERHEAD: usize = HEADER_LEN + TAG_LEN;

/// What a locked file holds, so a key backup opened as drafts (or the reverse) is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// The secretariat's private key ([`super::private_key::KeyBackup`]): `*.gcm-key`.
    PrivateKey = 1,
    /// A backup zip of the drafts on a device: `*.gcm-locked`.
    Drafts = 2,
}

impl Content {
    /// What a file holding this ends with.
    pub fn extension(self) -> &'static str {
        match self {
            Content::PrivateKey => ".gcm-key",
            Content::Drafts => ".gcm-locked",
        }
    }
}

/// One locked file, as its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locked {
    pub content: Content,
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    pub nonce: [u8; NONCE_LEN],
    /// The AES-GCM ciphertext, its tag at the end.
    pub ciphertext: Vec<u8>,
}

/// Why bytes were refused as a locked file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LockedError {
    /// Occurs when the bytes do not start with [`MAGIC`].
    NotLocked,
    /// Occurs when a newer app wrote the file (another version, content or key derivation).
    Unsupported { field: &'static str, found: u32 },
    /// Occurs when the iterations are outside [`MIN_ITERATIONS`] ..= [`MAX_ITERATIONS`].
    BadIterations { found: u32 },
    /// Occurs when the file ends early, or bytes follow its ciphertext: a damaged copy.
    Damaged,
    /// Occurs when the file holds something else than what was asked for.
    OtherContent { found: Content },
}

impl fmt::Display for LockedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockedError::NotLocked => write!(f, "not a file locked with a passphrase"),
            LockedError::Unsupported { field, found } => write!(f, "{field} {found} is not one this app reads"),
            LockedError::BadIterations { found } => write!(f, "{found} iterations is outside what this app accepts"),
            LockedError::Damaged => write!(f, "the file is cut short or damaged"),
            LockedError::OtherContent { found } => write!(f, "the file holds {found:?}"),
        }
    }
}

impl std::error::Error for LockedError {}

/// Whether `bytes` start like a locked file.
pub fn looks_locked(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

impl Locked {
    /// The header of a locked file whose ciphertext will be `ciphertext_len` bytes (what it
    /// holds plus [`TAG_LEN`]): known before encrypting, since it is the additional data.
    pub fn header(content: Content, iterations: u32, salt: &[u8; SALT_LEN], nonce: &[u8; NONCE_LEN], ciphertext_len: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + ciphertext_len);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, content as u8, PBKDF2_SHA256]);
        out.extend_from_slice(&iterations.to_be_bytes());
        out.extend_from_slice(salt);
        out.extend_from_slice(nonce);
        out.extend_from_slice(&(ciphertext_len as u64).to_be_bytes());
        out
    }

    /// AES-GCM's additional data for opening this file: its header.
    pub fn additional_data(&self) -> Vec<u8> {
        Locked::header(self.content, self.iterations, &self.salt, &self.nonce, self.ciphertext.len())
    }

    /// The file's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.additional_data();
        out.extend_from_slice(&self.ciphertext);
        out
    }

    /// Reads a locked file holding `expected`, checking every field and length.
    pub fn decode(bytes: &[u8], expected: Content) -> Result<Locked, LockedError> {
        if !looks_locked(bytes) {
            return Err(LockedError::NotLocked);
        }
        // The header has a fixed length: read it by offsets, then check the ciphertext's.
        let Some(header) = bytes.get(..HEADER_LEN) else { return Err(LockedError::Damaged) };
        let (version, content, kdf) = (header[6], header[7], header[8]);
        if version != VERSION {
            return Err(LockedError::Unsupported { field: "version", found: version.into() });
        }
        let content = match content {
            1 => Content::PrivateKey,
            2 => Content::Drafts,
            other => return Err(LockedError::Unsupported { field: "content", found: other.into() }),
        };
        if kdf != PBKDF2_SHA256 {
            return Err(LockedError::Unsupported { field: "key derivation", found: kdf.into() });
        }
        let iterations = u32::from_be_bytes(header[9..13].try_into().expect("4 bytes"));
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
            return Err(LockedError::BadIterations { found: iterations });
        }
        let salt = header[13..29].try_into().expect("16 bytes");
        let nonce = header[29..41].try_into().expect("12 bytes");
        let m = u64::from_be_bytes(header[41..49].try_into().expect("8 bytes"));
        let ciphertext = &bytes[HEADER_LEN..];
        if m < TAG_LEN as u64 || ciphertext.len() as u64 != m {
            return Err(LockedError::Damaged);
        }
        if content != expected {
            return Err(LockedError::OtherContent { found: content });
        }
        Ok(Locked { content, iterations, salt, nonce, ciphertext: ciphertext.to_vec() })
    }
}

/// The locked file's name for a file named `name`: its extension replaced by the content's.
pub fn locked_file_name(name: &str, content: Content) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}{}", content.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(content: Content) -> Locked {
        Locked { content, iterations: ITERATIONS, salt: [3; SALT_LEN], nonce: [9; NONCE_LEN], ciphertext: vec![0x55; 40] }
    }

    #[test]
    fn a_locked_file_round_trips_and_is_laid_out_as_documented() {
        let l = sample(Content::Drafts);
        let bytes = l.encode();
        assert_eq!(&bytes[..6], b"GCMPWD");
        assert_eq!(&bytes[6..9], &[1, 2, 1]);
        assert_eq!(&bytes[9..13], &600_000u32.to_be_bytes());
        assert_eq!(&bytes[13..29], &[3; 16]);
        assert_eq!(&bytes[29..41], &[9; 12]);
        assert_eq!(&bytes[41..49], &40u64.to_be_bytes());
        assert_eq!(bytes.len(), 40 + HEADER_LEN);
        assert_eq!(Locked::decode(&bytes, Content::Drafts), Ok(l));
    }

    #[test]
    fn every_damage_is_refused() {
        let good = sample(Content::PrivateKey).encode();
        assert_eq!(Locked::decode(b"PK\x03\x04", Content::PrivateKey), Err(LockedError::NotLocked));
        assert_eq!(Locked::decode(b"", Content::PrivateKey), Err(LockedError::NotLocked));
        for cut in 6..good.len() {
            assert_eq!(Locked::decode(&good[..cut], Content::PrivateKey), Err(LockedError::Damaged), "cut at {cut}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(Locked::decode(&longer, Content::PrivateKey), Err(LockedError::Damaged));
        let with = |at: usize, b: u8| {
            let mut v = good.clone();
            v[at] = b;
            Locked::decode(&v, Content::PrivateKey)
        };
        assert_eq!(with(6, 2), Err(LockedError::Unsupported { field: "version", found: 2 }));
        assert_eq!(with(7, 3), Err(LockedError::Unsupported { field: "content", found: 3 }));
        assert_eq!(with(8, 2), Err(LockedError::Unsupported { field: "key derivation", found: 2 }));
        assert_eq!(with(10, 0), Err(LockedError::BadIterations { found: 600_000 & 0xff00_ffff }));
        assert_eq!(with(9, 0xff), Err(LockedError::BadIterations { found: 0xff09_27c0 }));
        assert_eq!(Locked::decode(&good, Content::Drafts), Err(LockedError::OtherContent { found: Content::PrivateKey }));
    }

    #[test]
    fn names_say_what_the_file_holds() {
        assert_eq!(locked_file_name("backup_2026-11-23_ab12.zip", Content::Drafts), "backup_2026-11-23_ab12.gcm-locked");
        assert_eq!(locked_file_name("secretariat-key", Content::PrivateKey), "secretariat-key.gcm-key");
    }
}
