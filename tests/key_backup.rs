//! The secretariat's key backup (docs/bundle-format.md §10.5) outside the app: a backup written
//! from the spec by an independent writer (tests/seal_envelope.py `lockkey`, Python's
//! `cryptography`, as WebCrypto does in the page) is read by our `Locked::decode` and
//! `KeyBackup::parse`, and opens, with its passphrase, an envelope of a real bundle through
//! scripts/decrypt_envelope.py --backup and through the recipe printed in
//! docs/decrypt-outside-the-app.md.

mod bundle_fixtures;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gcm_collector::bundle::envelope::{self, TAG_LEN};
use gcm_collector::bundle::locked::{Content, Locked, LockedError, HEADER_LEN, ITERATIONS, OVERHEAD};
use gcm_collector::bundle::{self, to_zip, Bundle, KeyBackup, PublicKey};
use gcm_collector::forms;

const NAME: &str = "Secretaría de la revisión regional";
/// Given to the writer as typed on most keyboards (é as one character, NFC)...
const PASSPHRASE: &str = "caf\u{e9} con leche y pan dulce";
/// ...and to the reader as another keyboard may type it (e then a combining accent, NFD): the
/// same passphrase, since both derive from its NFC form.
const PASSPHRASE_NFD: &str = "cafe\u{301} con leche y pan dulce";

fn python(args: &[&dyn AsRef<std::ffi::OsStr>], passphrase: &str) -> Output {
    let mut cmd = Command::new("python3");
    for a in args {
        cmd.arg(a);
    }
    cmd.env("GCM_PASSPHRASE", passphrase).current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.output().expect("python3 runs (bash scripts/setup.sh installs `cryptography`)")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/key-backup-test").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn succeeded(what: &str, out: &Output) {
    assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A key pair in `dir`, its public key file (key.json, as the app writes it) and its backup
/// (key.gcm-key, with what it locks beside it in key.gcm-key.json), written by the Python writer.
fn backed_up_key(dir: &Path) -> PublicKey {
    succeeded("keygen", &python(&[&"tests/seal_envelope.py", &"keygen", &dir], PASSPHRASE));
    let key = PublicKey::from_spki(NAME, &std::fs::read(dir.join("public.spki")).unwrap()).unwrap();
    std::fs::write(dir.join("key.json"), key.to_json()).unwrap();
    succeeded("lockkey", &python(&[&"tests/seal_envelope.py", &"lockkey", &dir, &NAME, &dir.join("key.gcm-key")], PASSPHRASE));
    key
}

/// A real bundle zip, and its envelope for `dir`'s key (sealed.gcm-encrypted).
fn sealed_real_bundle(dir: &Path) -> (Vec<u8>, PathBuf) {
    let all = forms::all();
    let records = [
        bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000001", "CHL", "yes"),
        bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000002", "PER", "no"),
    ];
    let zip = to_zip(&Bundle::submission(&records, all, bundle_fixtures::NOW, "dev-a").unwrap(), all, &gcm_collector::i18n::bundled::all()).unwrap();
    std::fs::write(dir.join("bundle.zip"), &zip).unwrap();
    let sealed = dir.join(envelope::envelope_file_name("sealed.zip"));
    succeeded("seal", &python(&[&"tests/seal_envelope.py", &"seal", &dir.join("key.json"), &dir.join("bundle.zip"), &sealed], PASSPHRASE));
    (zip, sealed)
}

#[test]
fn a_backup_written_from_the_spec_is_read_by_our_decoder_and_parser() {
    let dir = temp_dir("layout");
    let key = backed_up_key(&dir);
    let bytes = std::fs::read(dir.join("key.gcm-key")).unwrap();
    let plain = std::fs::read(dir.join("key.gcm-key.json")).unwrap();

    let locked = Locked::decode(&bytes, Content::PrivateKey).expect("our decoder reads the Python writer's backup");
    assert_eq!(locked.iterations, ITERATIONS);
    assert_eq!(locked.ciphertext.len(), plain.len() + TAG_LEN);
    assert_eq!(bytes.len(), plain.len() + OVERHEAD);
    assert_eq!(locked.additional_data(), bytes[..HEADER_LEN].to_vec(), "the header is the additional data");
    assert_eq!(locked.encode(), bytes, "and writes the same bytes");
    assert!(!bytes.windows(16).any(|w| plain.windows(16).next() == Some(w)), "the key is not in the clear");
    assert_eq!(Locked::decode(&bytes, Content::Drafts), Err(LockedError::OtherContent { found: Content::PrivateKey }));

    let backup = KeyBackup::parse(&plain).expect("our parser reads what the Python writer locked");
    assert_eq!(backup.public, key, "the same name, key and fingerprint");
    assert!(backup.pkcs8.len() > 1700, "an RSA-3072 PKCS#8 is about 1,793 bytes: {}", backup.pkcs8.len());
    assert_eq!(backup.to_json().into_bytes(), plain, "members, order and layout as the spec prints them");
}

#[test]
fn the_recipe_opens_an_envelope_with_the_backup_and_its_passphrase() {
    let dir = temp_dir("recipe");
    backed_up_key(&dir);
    let (zip, sealed) = sealed_real_bundle(&dir);
    let backup = dir.join("key.gcm-key");
    let decrypt = |backup: &Path, passphrase: &str| {
        let _ = std::fs::remove_file(dir.join("opened.zip"));
        let out = python(&[&"scripts/decrypt_envelope.py", &"--backup", &backup, &sealed, &"-o", &dir.join("opened.zip")], passphrase);
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    };

    let (status, said) = decrypt(&backup, PASSPHRASE_NFD);
    assert_eq!(status, 0, "{said}");
    let opened = std::fs::read(dir.join("opened.zip")).unwrap();
    assert_eq!(opened, zip);
    assert_eq!(bundle::read(&opened).unwrap().records().len(), 2, "and the secretariat's checks pass");

    let (status, said) = decrypt(&backup, "caf\u{e9} con leche y pan dulc");
    assert_eq!((status, said.contains("passphrase does not open")), (1, true), "{said}");
    assert!(!dir.join("opened.zip").exists(), "nothing written when refused");

    let bytes = std::fs::read(&backup).unwrap();
    let refused = |name: &str, bytes: &[u8], why: &str| {
        std::fs::write(dir.join(name), bytes).unwrap();
        let (status, said) = decrypt(&dir.join(name), PASSPHRASE);
        assert_eq!((status, said.contains(why)), (1, true), "{name}: {said}");
    };
    refused("cut.gcm-key", &bytes[..bytes.len() - 1], "damaged");
    let mut changed = bytes.clone();
    changed[HEADER_LEN + 10] ^= 1;
    refused("changed.gcm-key", &changed, "passphrase does not open");
    let mut drafts = bytes.clone();
    drafts[7] = 2;
    refused("drafts.gcm-locked", &drafts, "not the secretariat's key");
    refused("envelope.gcm-key", &std::fs::read(&sealed).unwrap(), "not a key backup");
}

#[test]
fn the_backup_recipe_printed_in_the_docs_runs_as_it_is() {
    let dir = temp_dir("docs-recipe");
    backed_up_key(&dir);
    let (zip, sealed) = sealed_real_bundle(&dir);
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/decrypt-outside-the-app.md")).unwrap();
    let blocks: Vec<&str> = doc.split("```python\n").skip(1).filter_map(|rest| rest.split("```").next()).collect();
    let from_backup = blocks.iter().find(|b| b.contains("GCMPWD")).expect("the doc has the backup's python block");
    let envelope = blocks.iter().find(|b| b.contains("GCMENC")).expect("the doc has the envelope's python block");
    // The backup's block gives `key`: the envelope's block without its own line for it, as the doc says.
    let pem_line = envelope.lines().find(|l| l.starts_with("key = serialization.load_pem_private_key(")).expect("the envelope's key line");
    let path = |p: &Path| format!("{:?}", p.to_str().unwrap());
    let code = format!("{from_backup}\n{}", envelope.replace(pem_line, ""))
        .replace("\"secretariat-key.gcm-key\"", &path(&dir.join("key.gcm-key")))
        .replace("\"annex1_CHL_2026-11-22_1a2b3c4d.gcm-encrypted\"", &path(&sealed))
        .replace("\"annex1_CHL_2026-11-22_1a2b3c4d.zip\"", &path(&dir.join("from-the-doc.zip")));
    succeeded("the doc's recipe", &python(&[&"-c", &code], PASSPHRASE_NFD));
    assert_eq!(std::fs::read(dir.join("from-the-doc.zip")).unwrap(), zip);
}
