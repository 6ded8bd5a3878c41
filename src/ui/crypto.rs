//! The browser's WebCrypto, for the envelope (docs/bundle-format.md §10.3) and for files locked
//! with a passphrase (§10.5). Every cipher is the browser's: the wasm only lays out bytes and
//! makes the calls, so no cryptography code enters it.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::bundle::envelope::{Envelope, NONCE_LEN, TAG_LEN};
use crate::bundle::locked::{Content, Locked, ITERATIONS, SALT_LEN};
use crate::bundle::PublicKey;

/// Why a WebCrypto step failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// The browser has no WebCrypto (an old browser, or a page not served over https or localhost).
    Unavailable,
    /// A key, tag or passphrase did not fit: an altered file, another key, a wrong passphrase.
    Refused,
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or(CryptoError::Unavailable)?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|_| CryptoError::Unavailable)?;
    subtle.dyn_into().map_err(|_| CryptoError::Unavailable)
}

/// Whether this browser has WebCrypto here (it has none on a page not served over https or
/// from localhost): said before anything is asked of it.
pub fn available() -> bool {
    subtle().is_ok()
}

/// `n` random bytes from the browser's generator.
pub fn random<const N: usize>() -> [u8; N] {
    let mut out = [0; N];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut out);
    }
    out
}

/// An algorithm (or any WebCrypto dictionary) from its members.
fn dict(members: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in members {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

fn usages(list: &[&str]) -> JsValue {
    list.iter().map(|u| JsValue::from_str(u)).collect::<Array>().into()
}

fn buffer(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

/// Waits for a WebCrypto promise; a throw or a rejection is [`CryptoError::Refused`].
async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, CryptoError> {
    JsFuture::from(promise.map_err(|_| CryptoError::Refused)?).await.map_err(|_| CryptoError::Refused)
}

async fn call_bytes(promise: Result<js_sys::Promise, JsValue>) -> Result<Vec<u8>, CryptoError> {
    Ok(Uint8Array::new(&call(promise).await?).to_vec())
}

async fn call_key(promise: Result<js_sys::Promise, JsValue>) -> Result<CryptoKey, CryptoError> {
    call(promise).await?.dyn_into().map_err(|_| CryptoError::Refused)
}

fn rsa_oaep() -> Object {
    dict(&[("name", "RSA-OAEP".into()), ("hash", "SHA-256".into())])
}

fn aes_gcm(nonce: &[u8], additional_data: &[u8]) -> Object {
    dict(&[("name", "AES-GCM".into()), ("iv", buffer(nonce)), ("additionalData", buffer(additional_data)), ("tagLength", 128.into())])
}

/// A new RSA-OAEP-3072 (SHA-256) key pair: the public key as SPKI, and the private key as
/// PKCS#8 for its passphrase backup. The extractable private key lives only as long as this
/// call and its caller: what is stored is [`import_private`]'s non-extractable copy.
pub async fn generate_key_pair() -> Result<(Vec<u8>, Vec<u8>), CryptoError> {
    let s = subtle()?;
    let algorithm = dict(&[
        ("name", "RSA-OAEP".into()),
        ("modulusLength", 3072.into()),
        ("publicExponent", buffer(&[1, 0, 1])),
        ("hash", "SHA-256".into()),
    ]);
    let pair = call(s.generate_key_with_object(&algorithm, true, &usages(&["encrypt", "decrypt"]))).await?;
    let key = |name: &str| Reflect::get(&pair, &name.into()).ok().and_then(|k| k.dyn_into::<CryptoKey>().ok()).ok_or(CryptoError::Refused);
    let spki = call_bytes(s.export_key("spki", &key("publicKey")?)).await?;
    let pkcs8 = call_bytes(s.export_key("pkcs8", &key("privateKey")?)).await?;
    Ok((spki, pkcs8))
}

/// The private key of `pkcs8`, for decrypting only and not extractable: what IndexedDB keeps.
pub async fn import_private(pkcs8: &[u8]) -> Result<CryptoKey, CryptoError> {
    let s = subtle()?;
    call_key(s.import_key_with_object("pkcs8", &Uint8Array::from(pkcs8), &rsa_oaep(), false, &usages(&["decrypt"]))).await
}

/// The envelope of `zip` for `key`: a fresh AES-256-GCM key and nonce, the key wrapped with
/// RSA-OAEP, the header as additional data.
pub async fn seal(key: &PublicKey, zip: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let s = subtle()?;
    let public = call_key(s.import_key_with_object("spki", &Uint8Array::from(key.spki()), &rsa_oaep(), false, &usages(&["encrypt"]))).await?;
    let aes = dict(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let aes = call_key(s.generate_key_with_object(&aes, true, &usages(&["encrypt"]))).await?;
    let raw = call_bytes(s.export_key("raw", &aes)).await?;
    let wrapped = call_bytes(s.encrypt_with_object_and_u8_array(&rsa_oaep(), &public, &raw)).await?;
    let nonce: [u8; NONCE_LEN] = random();
    let mut out = Envelope::header(key.fingerprint(), &wrapped, &nonce, zip.len() + TAG_LEN);
    let ciphertext = call_bytes(s.encrypt_with_object_and_u8_array(&aes_gcm(&nonce, &out), &aes, zip)).await?;
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

/// The zip inside `sealed`, with the private key it was made for ([`Envelope::check_recipient`]
/// first). [`CryptoError::Refused`] means the file was altered or damaged.
pub async fn open(private: &CryptoKey, sealed: &Envelope) -> Result<Vec<u8>, CryptoError> {
    let s = subtle()?;
    let raw = call_bytes(s.decrypt_with_object_and_u8_array(&rsa_oaep(), private, &sealed.wrapped_key)).await?;
    let aes = call_key(s.import_key_with_object("raw", &Uint8Array::from(&raw[..]), &dict(&[("name", "AES-GCM".into())]), false, &usages(&["decrypt"]))).await?;
    call_bytes(s.decrypt_with_object_and_u8_array(&aes_gcm(&sealed.nonce, &sealed.additional_data()), &aes, &sealed.ciphertext)).await
}

/// The AES-256-GCM key of `passphrase` (NFC, UTF-8) by PBKDF2-HMAC-SHA256.
async fn passphrase_key(passphrase: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, CryptoError> {
    let s = subtle()?;
    // One passphrase, one key, however the keyboard composed its accents.
    let nfc = js_sys::JsString::from(passphrase).normalize("NFC");
    let bytes = String::from(nfc).into_bytes();
    let base = call_key(s.import_key_with_str("raw", &Uint8Array::from(&bytes[..]), "PBKDF2", false, &usages(&["deriveKey"]))).await?;
    let pbkdf2 = dict(&[("name", "PBKDF2".into()), ("salt", buffer(salt)), ("iterations", iterations.into()), ("hash", "SHA-256".into())]);
    let aes = dict(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    call_key(s.derive_key_with_object_and_object(&pbkdf2, &base, &aes, false, &usages(&["encrypt", "decrypt"]))).await
}

/// `plain` locked with `passphrase`, as a file holding `content`.
pub async fn lock(passphrase: &str, content: Content, plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let salt: [u8; SALT_LEN] = random();
    let nonce: [u8; NONCE_LEN] = random();
    let key = passphrase_key(passphrase, &salt, ITERATIONS).await?;
    let mut out = Locked::header(content, ITERATIONS, &salt, &nonce, plain.len() + TAG_LEN);
    let ciphertext = call_bytes(subtle()?.encrypt_with_object_and_u8_array(&aes_gcm(&nonce, &out), &key, plain)).await?;
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

/// What `locked` holds, opened with `passphrase`. [`CryptoError::Refused`] means a wrong
/// passphrase (or a file altered after it was locked: AES-GCM cannot tell the two apart).
pub async fn unlock(passphrase: &str, locked: &Locked) -> Result<Vec<u8>, CryptoError> {
    let key = passphrase_key(passphrase, &locked.salt, locked.iterations).await?;
    call_bytes(subtle()?.decrypt_with_object_and_u8_array(&aes_gcm(&locked.nonce, &locked.additional_data()), &key, &locked.ciphertext)).await
}

