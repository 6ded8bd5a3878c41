//! The encrypted envelope and the public key file (docs/bundle-format.md §10): the layout byte
//! by byte, every refusal, the fingerprint of a fixed key, and the way out of the app: an
//! envelope of a real bundle, sealed by an independent writer (tests/seal_envelope.py, Python's
//! `cryptography`, as WebCrypto will), read by our decoder and opened by
//! scripts/decrypt_envelope.py, the recipe of docs/decrypt-outside-the-app.md.

mod bundle_fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

use gcm_collector::bundle::envelope::{self, Field, EXTENSION, MAGIC, OVERHEAD, TAG_LEN, WRAPPED_KEY_LEN};
use gcm_collector::bundle::public_key::{fingerprint, fingerprint_hex, short_fingerprint, SPKI_LEN};
use gcm_collector::bundle::{self, to_zip, Bundle, Envelope, EnvelopeError, KeyFileError, PublicKey};
use gcm_collector::forms;

/// An RSA-3072 public key (exponent 65537) made by Python's `cryptography`, and its SHA-256 by
/// `hashlib.sha256(spki).hexdigest()`.
const SPKI_B64: &str = "MIIBojANBgkqhkiG9w0BAQEFAAOCAY8AMIIBigKCAYEA58cKp7kX0KzAodpY3KJSxY4sF4B41SJZ6eeBTMSUp/1xi1WfjG7XkiycLjyXFqeYvNO96Gl1O0OEXzQerElpOzv1qtc7FHdsG4o0IbMt8f5okroGAv61jGOtA9mY72acUFatfM5VC1L0RVqcXU7aOKLb7SqM1dsvvCWeb3rN2m+tu35DQvjgk5s7D3BKANp0YHBhWfJlhc19tjGGS91w7fuYa/n4u/hzFj6No7Z5vQA+gKQqRCpVkkDfjbijBECpwIwtgQfdYyh9vM3xESTbgNgCHqhy3+Ve5bZxprNltqFheVQpCuDLdSI5J/sifoOiH7ibWKrDKH8hlGBbPmwOBv4BWohOFwX1S0LQItN7PCrnFx1IxMfxH/bjfGcWvb68iF4mgw35O6bPaNH55j6XJdVFWEurbjSg+se/+ysaKeaxBH4XXQ691XvSRk9JORE5Uc8FKQpTpXcl2m3rJ6bedCWl62cjb4n6pcFcjHYVetvau20MbIUSyLzN3Fe667jBAgMBAAE=";
const SPKI_SHA256: &str = "505a9534fcea1bb47253a3303c2771e15837aebac85aed5950677d33a1e9f3a0";

fn spki() -> Vec<u8> {
    // The key file's own reader decodes the base64: the vector goes through the public API.
    key_file_with(SPKI_B64, SPKI_SHA256).map(|k| k.spki().to_vec()).unwrap()
}

fn key_file_json(name: &str, spki: &str, fingerprint: &str) -> String {
    format!(
        "{{\n  \"format\": \"gcm-review-public-key\",\n  \"format_version\": 1,\n  \"name\": \"{name}\",\n  \
         \"algorithm\": \"RSA-OAEP-3072-SHA-256\",\n  \"spki\": \"{spki}\",\n  \"fingerprint\": \"{fingerprint}\"\n}}"
    )
}

fn key_file_with(spki: &str, fingerprint: &str) -> Result<PublicKey, KeyFileError> {
    PublicKey::parse(key_file_json("Secretaría de la revisión regional", spki, fingerprint).as_bytes())
}

fn sample() -> Envelope {
    Envelope {
        fingerprint: [0xab; 32],
        wrapped_key: (0..WRAPPED_KEY_LEN).map(|i| i as u8).collect(),
        nonce: [7; 12],
        ciphertext: b"PK\x03\x04 a zip, encrypted, then its 16-byte tag".to_vec(),
    }
}

// ---- the envelope's bytes ----

#[test]
fn an_envelope_round_trips_through_its_bytes() {
    let e = sample();
    let bytes = envelope::encode(&e);
    assert_eq!(envelope::decode(&bytes), Ok(e.clone()));
    assert_eq!(bytes.len(), e.ciphertext.len() - TAG_LEN + OVERHEAD);
}

#[test]
fn the_bytes_are_laid_out_as_the_spec_says() {
    let e = sample();
    let bytes = envelope::encode(&e);
    assert_eq!(&bytes[0..6], b"GCMENC");
    assert_eq!(MAGIC, b"GCMENC");
    assert_eq!(bytes[6], 1, "version");
    assert_eq!(bytes[7], 1, "algorithm");
    assert_eq!(&bytes[8..40], &[0xab; 32]);
    assert_eq!(&bytes[40..42], &[0x01, 0x80], "384, big-endian");
    assert_eq!(&bytes[42..426], &e.wrapped_key[..]);
    assert_eq!(&bytes[426..438], &[7; 12]);
    assert_eq!(&bytes[438..446], &(e.ciphertext.len() as u64).to_be_bytes());
    assert_eq!(&bytes[446..], &e.ciphertext[..]);
    assert_eq!(e.additional_data(), bytes[..446].to_vec(), "the header is the additional data");
    assert_eq!(OVERHEAD, 462);
}

#[test]
fn an_envelope_is_told_from_a_zip_and_from_json() {
    assert!(envelope::looks_like_envelope(&envelope::encode(&sample())));
    assert!(!envelope::looks_like_envelope(b"PK\x03\x04"));
    assert!(!envelope::looks_like_envelope(b"{\"format\": \"gcm-review-bundle\"}"));
    assert!(!envelope::looks_like_envelope(b"GCM"));
}

#[test]
fn another_file_is_not_an_envelope() {
    for bytes in [&b"PK\x03\x04\x14\x00"[..], b"{}", b"", b"GCMENX\x01\x01", b"gcmenc"] {
        assert_eq!(envelope::decode(bytes), Err(EnvelopeError::NotAnEnvelope), "{bytes:?}");
    }
}

#[test]
fn a_newer_version_or_algorithm_is_refused_as_such() {
    let mut bytes = envelope::encode(&sample());
    bytes[6] = 2;
    assert_eq!(envelope::decode(&bytes), Err(EnvelopeError::UnsupportedVersion { found: 2 }));
    let mut bytes = envelope::encode(&sample());
    bytes[7] = 2;
    assert_eq!(envelope::decode(&bytes), Err(EnvelopeError::UnsupportedAlgorithm { found: 2 }));
}

#[test]
fn an_envelope_cut_anywhere_says_in_which_field() {
    let bytes = envelope::encode(&sample());
    let field_at = |cut: usize| match cut {
        1..=5 => Field::Magic,
        6 => Field::Version,
        7 => Field::Algorithm,
        8..=39 => Field::Fingerprint,
        40..=41 => Field::WrappedKeyLength,
        42..=425 => Field::WrappedKey,
        426..=437 => Field::Nonce,
        438..=445 => Field::CiphertextLength,
        _ => Field::Ciphertext,
    };
    for cut in 1..bytes.len() {
        assert_eq!(envelope::decode(&bytes[..cut]), Err(EnvelopeError::Truncated { field: field_at(cut) }), "cut at {cut}");
    }
}

#[test]
fn lengths_the_algorithm_cannot_have_are_refused() {
    let mut e = sample();
    e.wrapped_key.truncate(256);
    assert_eq!(envelope::decode(&envelope::encode(&e)), Err(EnvelopeError::BadLength { field: Field::WrappedKey, found: 256 }));
    let mut e = sample();
    e.ciphertext.truncate(TAG_LEN - 1);
    assert_eq!(envelope::decode(&envelope::encode(&e)), Err(EnvelopeError::BadLength { field: Field::Ciphertext, found: 15 }));
    let mut bytes = envelope::encode(&sample());
    bytes[438..446].copy_from_slice(&u64::MAX.to_be_bytes());
    assert_eq!(envelope::decode(&bytes), Err(EnvelopeError::Truncated { field: Field::Ciphertext }));
}

#[test]
fn bytes_after_the_ciphertext_are_refused() {
    let mut bytes = envelope::encode(&sample());
    bytes.extend_from_slice(b"\n\n");
    assert_eq!(envelope::decode(&bytes), Err(EnvelopeError::TrailingBytes { count: 2 }));
}

#[test]
fn an_envelope_for_another_key_is_refused_naming_both_keys() {
    let e = sample();
    assert_eq!(e.check_recipient(&[0xab; 32]), Ok(()));
    let refusal = e.check_recipient(&[0x01; 32]).unwrap_err();
    assert_eq!(refusal, EnvelopeError::ForAnotherKey { envelope: [0xab; 32], ours: [0x01; 32] });
    assert_eq!(refusal.to_string(), "encrypted for key abab abab abab abab, not for this device's key 0101 0101 0101 0101");
}

#[test]
fn the_file_name_says_it_is_encrypted() {
    assert_eq!(envelope::envelope_file_name("annex1_CHL_2026-11-22_1a2b3c4d.zip"), "annex1_CHL_2026-11-22_1a2b3c4d.gcm-encrypted");
    assert_eq!(envelope::envelope_file_name("mixed_2026-11-22_0f0f0f0f"), format!("mixed_2026-11-22_0f0f0f0f{EXTENSION}"));
}

// ---- the public key file ----

#[test]
fn the_fingerprint_is_the_sha256_of_the_spki() {
    let spki = spki();
    assert_eq!(spki.len(), SPKI_LEN);
    assert_eq!(fingerprint_hex(&fingerprint(&spki)), SPKI_SHA256);
    assert_eq!(short_fingerprint(&fingerprint(&spki)), "505a 9534 fcea 1bb4");
}

#[test]
fn a_key_file_is_written_as_the_spec_shows_and_read_back() {
    let key = PublicKey::from_spki("  Secretaría de la revisión regional ", &spki()).unwrap();
    assert_eq!(key.name(), "Secretaría de la revisión regional");
    assert_eq!(key.to_json(), key_file_json("Secretaría de la revisión regional", SPKI_B64, SPKI_SHA256));
    assert_eq!(PublicKey::parse(key.to_json().as_bytes()), Ok(key.clone()));
    let with_bom = [&b"\xef\xbb\xbf"[..], key.to_json().as_bytes()].concat();
    assert_eq!(PublicKey::parse(&with_bom), Ok(key.clone()));
    assert_eq!(fingerprint_hex(key.fingerprint()), SPKI_SHA256);
}

#[test]
fn a_key_file_with_a_fingerprint_not_its_keys_is_refused() {
    let other = "0".repeat(64);
    let refusal = key_file_with(SPKI_B64, &other).unwrap_err();
    assert_eq!(refusal, KeyFileError::FingerprintMismatch { declared: other, computed: SPKI_SHA256.into() });
}

#[test]
fn a_key_that_is_not_rsa_3072_with_exponent_65537_is_refused() {
    let spki = spki();
    assert_eq!(PublicKey::from_spki("S", &spki[..SPKI_LEN - 1]), Err(KeyFileError::UnsupportedKey));
    let mut exponent_3 = spki.clone();
    exponent_3[SPKI_LEN - 3..].copy_from_slice(&[0x00, 0x00, 0x03]);
    assert_eq!(PublicKey::from_spki("S", &exponent_3), Err(KeyFileError::UnsupportedKey));
    let json = key_file_json("S", SPKI_B64, SPKI_SHA256).replace("RSA-OAEP-3072-SHA-256", "X25519");
    assert_eq!(PublicKey::parse(json.as_bytes()), Err(KeyFileError::UnsupportedKey));
}

#[test]
fn other_files_and_versions_are_refused_as_key_files() {
    let good = key_file_json("S", SPKI_B64, SPKI_SHA256);
    let newer = good.replace("\"format_version\": 1", "\"format_version\": 2, \"curve\": \"?\"");
    assert_eq!(PublicKey::parse(newer.as_bytes()), Err(KeyFileError::UnsupportedVersion { found: 2 }));
    let not = |json: &str| matches!(PublicKey::parse(json.as_bytes()), Err(KeyFileError::NotAKeyFile { .. }));
    assert!(not(&good.replace("gcm-review-public-key", "gcm-review-bundle")));
    assert!(not(&good.replace("\"name\"", "\"extra\": 1, \"name\"")), "unknown member");
    assert!(not(&good.replace("\"name\": \"S\"", "\"name\": \" \"")), "no name");
    assert!(not(&good.replace("MIIB", "MII B")), "not base64");
    assert!(not("-----BEGIN PUBLIC KEY-----"));
    assert!(not(""));
}

// ---- out of the app: a real bundle, sealed in Python, decoded here, opened by the recipe ----

fn python(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut cmd = Command::new("python3");
    for a in args {
        cmd.arg(a);
    }
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("python3 runs (bash scripts/setup.sh installs `cryptography`)")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/envelope-test").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A key pair in `dir` (private.pem, and key.json, the public key file written by the app).
fn key_pair(dir: &Path) -> PublicKey {
    let out = python(&[&"tests/seal_envelope.py", &"keygen", &dir]);
    assert!(out.status.success(), "keygen: {}", String::from_utf8_lossy(&out.stderr));
    let key = PublicKey::from_spki("Secretariat, Second Regional Review", &std::fs::read(dir.join("public.spki")).unwrap()).unwrap();
    std::fs::write(dir.join("key.json"), key.to_json()).unwrap();
    key
}

fn real_bundle_zip() -> Vec<u8> {
    let all = forms::all();
    let records = [
        bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000001", "CHL", "yes"),
        bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000002", "PER", "no"),
    ];
    let b = Bundle::submission(&records, all, bundle_fixtures::NOW, "dev-a").unwrap();
    to_zip(&b, all, &gcm_collector::i18n::bundled::all()).unwrap()
}

/// Runs the recipe; its exit status and what it said.
fn decrypt(key: &Path, envelope: &Path, output: &Path) -> (i32, String) {
    let out = python(&[&"scripts/decrypt_envelope.py", &"--key", &key, &envelope, &"-o", &output]);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A real bundle zip sealed by the independent writer for a new key pair in `dir`: the key, the
/// zip, and the envelope's path.
fn sealed_real_bundle(dir: &Path) -> (PublicKey, Vec<u8>, PathBuf) {
    let key = key_pair(dir);
    let zip = real_bundle_zip();
    let sealed_path = dir.join(envelope::envelope_file_name("annex1_mixed_2026-11-22_a1000000.zip"));
    std::fs::write(dir.join("bundle.zip"), &zip).unwrap();
    let out = python(&[&"tests/seal_envelope.py", &"seal", &dir.join("key.json"), &dir.join("bundle.zip"), &sealed_path]);
    assert!(out.status.success(), "seal: {}", String::from_utf8_lossy(&out.stderr));
    (key, zip, sealed_path)
}

#[test]
fn the_recipe_decrypts_an_envelope_of_a_real_bundle_to_the_same_zip() {
    let dir = temp_dir("round-trip");
    let (key, zip, sealed_path) = sealed_real_bundle(&dir);
    let sealed = std::fs::read(&sealed_path).unwrap();

    // Our decoder reads the independent writer's envelope, field by field, and writes the same bytes.
    let e = envelope::decode(&sealed).unwrap();
    assert_eq!(e.check_recipient(key.fingerprint()), Ok(()));
    assert_eq!(e.wrapped_key.len(), WRAPPED_KEY_LEN);
    assert_eq!(e.ciphertext.len(), zip.len() + TAG_LEN);
    assert_eq!(sealed.len(), zip.len() + OVERHEAD);
    assert_eq!(envelope::encode(&e), sealed);
    assert!(!sealed.windows(20).any(|w| zip.windows(20).next() == Some(w)), "the zip is not in the clear");

    let (status, said) = decrypt(&dir.join("private.pem"), &sealed_path, &dir.join("opened.zip"));
    assert_eq!(status, 0, "{said}");
    let opened = std::fs::read(dir.join("opened.zip")).unwrap();
    assert_eq!(opened, zip);
    assert_eq!(bundle::read(&opened).unwrap().records().len(), 2, "and the secretariat's checks pass");
}

#[test]
fn the_recipe_refuses_another_key_a_cut_file_and_any_changed_byte() {
    let dir = temp_dir("refusals");
    let (_, _, sealed_path) = sealed_real_bundle(&dir);
    let other = dir.join("other");
    std::fs::create_dir_all(&other).unwrap();
    key_pair(&other);
    let sealed = std::fs::read(&sealed_path).unwrap();
    let key = dir.join("private.pem");
    let try_bytes = |name: &str, bytes: &[u8], key: &Path| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let (status, said) = decrypt(key, &path, &dir.join("out.zip"));
        assert_eq!(status, 1, "{name} must be refused: {said}");
        said
    };

    assert!(try_bytes("other-key.gcm-encrypted", &sealed, &other.join("private.pem")).contains("encrypted for another key"));
    assert!(try_bytes("cut.gcm-encrypted", &sealed[..sealed.len() - 100], &key).contains("truncated"));
    assert!(try_bytes("notes.gcm-encrypted", b"minutes of the meeting", &key).contains("not an encrypted bundle"));
    let changed = |at: usize| {
        let mut bytes = sealed.clone();
        bytes[at] ^= 1;
        bytes
    };
    assert!(try_bytes("fp.gcm-encrypted", &changed(8), &key).contains("another key"), "a changed fingerprint");
    for (what, at) in [("wrapped key", 100), ("nonce", 430), ("ciphertext", 1000), ("tag", sealed.len() - 1)] {
        assert!(try_bytes("changed.gcm-encrypted", &changed(at), &key).contains("altered"), "a changed {what}");
    }
    assert!(!dir.join("out.zip").exists(), "nothing written when refused");
}

#[test]
fn the_recipe_printed_in_the_docs_runs_as_it_is() {
    let dir = temp_dir("docs-recipe");
    let (_, zip, sealed_path) = sealed_real_bundle(&dir);
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/decrypt-outside-the-app.md")).unwrap();
    let code = doc.split("```python\n").nth(1).and_then(|rest| rest.split("```").next()).expect("the doc has a python block");
    let path = |p: &Path| format!("{:?}", p.to_str().unwrap());
    let code = code
        .replace("\"secretariat-private-key.pem\"", &path(&dir.join("private.pem")))
        .replace("\"annex1_CHL_2026-11-22_1a2b3c4d.gcm-encrypted\"", &path(&sealed_path))
        .replace("\"annex1_CHL_2026-11-22_1a2b3c4d.zip\"", &path(&dir.join("from-the-doc.zip")));
    let out = python(&[&"-c", &code]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(dir.join("from-the-doc.zip")).unwrap(), zip);
}
