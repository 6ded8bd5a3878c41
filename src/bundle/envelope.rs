//! The encrypted envelope a submission travels in (docs/bundle-format.md §10): the bundle zip,
//! encrypted with AES-256-GCM under a random key, that key wrapped with the secretariat's
//! RSA-OAEP-3072 public key. Only the byte layout is here; the cryptography itself is
//! WebCrypto's (in the browser) or Python's `cryptography` (scripts/decrypt_envelope.py), so no
//! cipher code enters the wasm. Measured in a stand-alone wasm (opt-level "z", LTO, wasm-opt -Oz)
//! over a baseline that already links serde_json, sha2 and `fmt`: encode, decode and the error
//! messages cost 3.2 KB gzip; the key file ([`super::public_key`]) 4.8 KB more (three serde
//! derives, its own pretty writer: the first thing to shrink if the collector's budget needs it).
//!
//! ```text
//! offset  size  field
//! 0       6     magic "GCMENC"
//! 6       1     version (1)
//! 7       1     algorithm (1: RSA-OAEP-3072 SHA-256 wrapping an AES-256-GCM key)
//! 8       32    fingerprint: SHA-256 of the recipient's public key (SPKI DER)
//! 40      2     n, the wrapped key's length, big-endian (384)
//! 42      n     the wrapped AES key
//! 42+n    12    the AES-GCM nonce
//! 54+n    8     m, the ciphertext's length with its 16-byte tag, big-endian
//! 62+n    m     the ciphertext and tag; the header (bytes 0 .. 62+n) is the additional data
//! ```

use std::fmt;

/// The first bytes of every envelope.
pub const MAGIC: &[u8; 6] = b"GCMENC";
/// The layout version this app writes and reads.
pub const VERSION: u8 = 1;
/// Algorithm 1: the AES-256-GCM key wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256), 3072-bit key.
pub const RSA_OAEP_3072_AES_256_GCM: u8 = 1;
/// Length of a key wrapped with a 3072-bit RSA key.
pub const WRAPPED_KEY_LEN: usize = 384;
/// Length of an AES-GCM nonce.
pub const NONCE_LEN: usize = 12;
/// Length of the AES-GCM tag at the end of the ciphertext.
pub const TAG_LEN: usize = 16;
/// Length of a key fingerprint (SHA-256).
pub const FINGERPRINT_LEN: usize = 32;
/// Bytes an envelope adds to the zip it holds: the header and the tag (462).
pub const OVERHEAD: usize = 62 + WRAPPED_KEY_LEN + TAG_LEN;
/// What an envelope's file name ends with, after the bundle's own name without `.zip`.
pub const EXTENSION: &str = ".gcm-encrypted";

/// One encrypted bundle, as its fields. A decoded envelope is version [`VERSION`] and algorithm
/// [`RSA_OAEP_3072_AES_256_GCM`] with lengths checked; [`encode`] writes those two constants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// SHA-256 of the SPKI of the public key it was encrypted for ([`super::public_key::fingerprint`]).
    pub fingerprint: [u8; FINGERPRINT_LEN],
    /// The AES-256 key, wrapped with RSA-OAEP: [`WRAPPED_KEY_LEN`] bytes.
    pub wrapped_key: Vec<u8>,
    /// The AES-GCM nonce, random for each envelope.
    pub nonce: [u8; NONCE_LEN],
    /// The AES-GCM ciphertext of the bundle zip, its tag at the end.
    pub ciphertext: Vec<u8>,
}

/// A part of the envelope, to say where it was cut short or wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Magic,
    Version,
    Algorithm,
    Fingerprint,
    WrappedKeyLength,
    WrappedKey,
    Nonce,
    CiphertextLength,
    Ciphertext,
}

/// Why bytes were refused as an envelope, or an envelope as not ours.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// Occurs when the bytes do not start with [`MAGIC`]: another kind of file.
    NotAnEnvelope,
    /// Occurs when the envelope was written in a layout version this app does not read (a newer app).
    UnsupportedVersion { found: u8 },
    /// Occurs when the envelope uses an algorithm this app does not know (a newer app).
    UnsupportedAlgorithm { found: u8 },
    /// Occurs when the file ends inside `field`: an unfinished download or copy.
    Truncated { field: Field },
    /// Occurs when a length field holds a length the algorithm cannot have: a damaged or forged file.
    BadLength { field: Field, found: u64 },
    /// Occurs when bytes follow the ciphertext: a damaged file, or two files joined.
    TrailingBytes { count: u64 },
    /// Occurs when the envelope was encrypted for another key than the one on this device
    /// ([`Envelope::check_recipient`]).
    ForAnotherKey { envelope: [u8; FINGERPRINT_LEN], ours: [u8; FINGERPRINT_LEN] },
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::NotAnEnvelope => write!(f, "not an encrypted bundle"),
            EnvelopeError::UnsupportedVersion { found } => write!(f, "envelope version {found} is not one this app reads"),
            EnvelopeError::UnsupportedAlgorithm { found } => write!(f, "envelope algorithm {found} is not one this app knows"),
            EnvelopeError::Truncated { field } => write!(f, "the envelope is cut short in its {field:?}"),
            EnvelopeError::BadLength { field, found } => write!(f, "the envelope's {field:?} cannot be {found} bytes long"),
            EnvelopeError::TrailingBytes { count } => write!(f, "{count} bytes follow the envelope's ciphertext"),
            EnvelopeError::ForAnotherKey { envelope, ours } => write!(
                f,
                "encrypted for key {}, not for this device's key {}",
                super::public_key::short_fingerprint(envelope),
                super::public_key::short_fingerprint(ours)
            ),
        }
    }
}

impl std::error::Error for EnvelopeError {}

/// Whether `bytes` start like an envelope (its magic), to tell it from a zip or JSON before decoding.
pub fn looks_like_envelope(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The envelope's bytes: its header, then the ciphertext.
pub fn encode(envelope: &Envelope) -> Vec<u8> {
    let mut out = Envelope::header(&envelope.fingerprint, &envelope.wrapped_key, &envelope.nonce, envelope.ciphertext.len());
    out.extend_from_slice(&envelope.ciphertext);
    out
}

/// Reads an envelope, checking its magic, version, algorithm and every length, and that
/// nothing follows the ciphertext. Whether the ciphertext is intact is for AES-GCM to say.
pub fn decode(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
    let mut r = Reader(bytes);
    let magic = r.take(MAGIC.len(), Field::Magic).map_err(|e| if !bytes.is_empty() && MAGIC.starts_with(bytes) { e } else { EnvelopeError::NotAnEnvelope })?;
    if magic != MAGIC {
        return Err(EnvelopeError::NotAnEnvelope);
    }
    let version = r.take(1, Field::Version)?[0];
    if version != VERSION {
        return Err(EnvelopeError::UnsupportedVersion { found: version });
    }
    let algorithm = r.take(1, Field::Algorithm)?[0];
    if algorithm != RSA_OAEP_3072_AES_256_GCM {
        return Err(EnvelopeError::UnsupportedAlgorithm { found: algorithm });
    }
    let fingerprint = r.array(Field::Fingerprint)?;
    let n = u16::from_be_bytes(r.array(Field::WrappedKeyLength)?);
    if usize::from(n) != WRAPPED_KEY_LEN {
        return Err(EnvelopeError::BadLength { field: Field::WrappedKey, found: n.into() });
    }
    let wrapped_key = r.take(WRAPPED_KEY_LEN, Field::WrappedKey)?.to_vec();
    let nonce = r.array(Field::Nonce)?;
    let m = u64::from_be_bytes(r.array(Field::CiphertextLength)?);
    if m < TAG_LEN as u64 {
        return Err(EnvelopeError::BadLength { field: Field::Ciphertext, found: m });
    }
    let left = r.0.len() as u64;
    if left < m {
        return Err(EnvelopeError::Truncated { field: Field::Ciphertext });
    }
    if left > m {
        return Err(EnvelopeError::TrailingBytes { count: left - m });
    }
    Ok(Envelope { fingerprint, wrapped_key, nonce, ciphertext: r.0.to_vec() })
}

impl Envelope {
    /// The header of an envelope whose ciphertext will be `ciphertext_len` bytes (the zip's
    /// length plus [`TAG_LEN`]). It is also AES-GCM's additional data, so it is known before
    /// encrypting, and a changed header (another fingerprint, version or length) fails decryption.
    pub fn header(fingerprint: &[u8; FINGERPRINT_LEN], wrapped_key: &[u8], nonce: &[u8; NONCE_LEN], ciphertext_len: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(62 + wrapped_key.len() + ciphertext_len);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, RSA_OAEP_3072_AES_256_GCM]);
        out.extend_from_slice(fingerprint);
        // A wrapped key is 384 bytes (a longer one could not be decoded anyway).
        let n = u16::try_from(wrapped_key.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&n.to_be_bytes());
        out.extend_from_slice(wrapped_key);
        out.extend_from_slice(nonce);
        out.extend_from_slice(&(ciphertext_len as u64).to_be_bytes());
        out
    }

    /// AES-GCM's additional data for decrypting this envelope: its header.
    pub fn additional_data(&self) -> Vec<u8> {
        Envelope::header(&self.fingerprint, &self.wrapped_key, &self.nonce, self.ciphertext.len())
    }

    /// Refuses the envelope unless it was encrypted for the key whose fingerprint is `ours`.
    pub fn check_recipient(&self, ours: &[u8; FINGERPRINT_LEN]) -> Result<(), EnvelopeError> {
        if &self.fingerprint == ours {
            Ok(())
        } else {
            Err(EnvelopeError::ForAnotherKey { envelope: self.fingerprint, ours: *ours })
        }
    }
}

/// The envelope's file name for a bundle's file name: `annex1_CHL_2026-11-22_1a2b3c4d.zip`
/// becomes `annex1_CHL_2026-11-22_1a2b3c4d.gcm-encrypted`.
pub fn envelope_file_name(bundle_name: &str) -> String {
    format!("{}{EXTENSION}", bundle_name.strip_suffix(".zip").unwrap_or(bundle_name))
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, field: Field) -> Result<&'a [u8], EnvelopeError> {
        if self.0.len() < n {
            return Err(EnvelopeError::Truncated { field });
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self, field: Field) -> Result<[u8; N], EnvelopeError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N, field)?);
        Ok(out)
    }
}
