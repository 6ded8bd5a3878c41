//! The secretariat's key (docs/bundle-format.md §10): made on this device, its private half kept
//! in IndexedDB where no script can read it, its one copy outside the browser a backup locked
//! with a passphrase (§10.5); its public half given to collectors as a file or a link (§10.4).
//!
//! The view is built from a few helpers (`field`, `said`, `status`) so that each kind of
//! control is one type for Leptos, compiled once: the page's wasm pays for kinds, not controls.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::link::collector_base;
use crate::bundle::locked::{Content, Locked, LockedError, MIN_PASSPHRASE_CHARS};
use crate::bundle::public_key::{fingerprint_hex, short_fingerprint, KeyFileError};
use crate::bundle::{KeyBackup, PublicKey};
use crate::i18n::Catalog;
use crate::messages::Say;
use crate::store::{self, StoredKey};
use crate::ui::crypto::{self, CryptoError};
use crate::ui::{browser, use_lang};


/// Why the tab could not do what was asked, said in the language shown when it is drawn.
#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Short,
    Differ,
    WrongPassphrase,
    NoWebCrypto,
    Locked(LockedError),
    Key(KeyFileError),
    Store(store::Error),
}

impl Problem {
    fn say(&self, t: &Catalog) -> String {
        match self {
            Problem::Short => t.passphrase_short().into(),
            Problem::Differ => t.passphrase_differ().into(),
            Problem::WrongPassphrase => t.wrong_passphrase().into(),
            Problem::NoWebCrypto => t.no_webcrypto().into(),
            Problem::Locked(e) => e.say(t),
            Problem::Key(e) => e.say(t),
            Problem::Store(e) => e.say(t),
        }
    }

    /// Where it is shown: beside what is to be fixed (the id of that control).
    fn at(&self, restoring: bool) -> &'static str {
        match self {
            Problem::Short => "key-pass",
            Problem::Differ => "key-pass-again",
            Problem::WrongPassphrase => "restore-pass",
            Problem::Locked(_) => "key-backup-file",
            _ if restoring => "restore-key",
            _ => "create-key",
        }
    }
}

/// A WebCrypto refusal where no file of the person's is involved: the browser cannot do it.
fn cannot(_: CryptoError) -> Problem {
    Problem::NoWebCrypto
}

/// The action under way, or the last one done: what the status lines say.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Idle,
    Creating,
    Created,
    Restoring,
    Restored,
}

impl Step {
    /// One action at a time: both forms wait while either works.
    fn busy(self) -> bool {
        matches!(self, Step::Creating | Step::Restoring)
    }
}

/// What the tab holds, made once for the page: a change of language draws it again without
/// forgetting what was typed or which keys were read.
#[derive(Clone, Copy)]
pub struct KeyState {
    /// The public halves of the keys on this device, the newest (the one published) first.
    keys: RwSignal<Vec<PublicKey>>,
    /// What was typed in each field; `None` until then, so the key name's default follows the
    /// page's language.
    name: RwSignal<Option<String>>,
    pass: RwSignal<Option<String>>,
    again: RwSignal<Option<String>>,
    restore_pass: RwSignal<Option<String>>,
    backup: RwSignal<Option<Vec<u8>>>,
    step: RwSignal<Step>,
    /// The one problem shown, and beside which control (its id).
    problem: RwSignal<Option<(&'static str, Problem)>>,
}

impl KeyState {
    pub fn new() -> Self {
        let state = KeyState {
            keys: RwSignal::new(Vec::new()),
            name: RwSignal::new(None),
            pass: RwSignal::new(None),
            again: RwSignal::new(None),
            restore_pass: RwSignal::new(None),
            backup: RwSignal::new(None),
            step: RwSignal::new(Step::Idle),
            problem: RwSignal::new(None),
        };
        state.reload();
        state
    }

    fn reload(self) {
        spawn_local(async move {
            match store::load_keys().await {
                Ok(keys) => self.keys.set(keys.into_iter().map(|k| k.public).collect()),
                // Said, but the keyboard left where it is: nothing was asked for yet.
                Err(e) => self.problem.set(Some(("create-key", Problem::Store(e)))),
            }
        });
    }

    /// Shows `problem` beside the control `at` and takes the keyboard there.
    fn show(self, at: &'static str, problem: Problem) {
        self.problem.set(Some((at, problem)));
        browser::focus(at);
    }

    /// What a field holds as typed (nothing, until something is).
    fn typed(value: RwSignal<Option<String>>) -> String {
        value.get_untracked().unwrap_or_default()
    }
}

/// A new key pair: its backup locked with `passphrase` and downloaded, its private key kept
/// here, not extractable. The extractable copy (PKCS#8) lives only inside this call.
async fn create(name: &str, passphrase: &str) -> Result<PublicKey, Problem> {
    let (spki, pkcs8) = crypto::generate_key_pair().await.map_err(cannot)?;
    let backup = KeyBackup { public: PublicKey::from_spki(name, &spki).map_err(Problem::Key)?, pkcs8 };
    let mut plain = backup.to_json().into_bytes();
    let locked = crypto::lock(passphrase, Content::PrivateKey, &plain).await;
    let private = crypto::import_private(&backup.pkcs8).await;
    // Rust's copies of the private key are wiped, not just freed (WebCrypto's are the browser's).
    plain.fill(0);
    let KeyBackup { public, mut pkcs8 } = backup;
    pkcs8.fill(0);
    let (locked, private) = (locked.map_err(cannot)?, private.map_err(cannot)?);
    // The backup first: a key stored without one would be lost with the browser's data.
    browser::download(&backup_file_name(&public), "application/octet-stream", &locked);
    store::save_key(&StoredKey { public: public.clone(), private, added: browser::now() }).await.map_err(Problem::Store)?;
    Ok(public)
}

/// `secretariat-key_3f2a9c01.gcm-key`: which key a backup holds, without opening it.
fn backup_file_name(key: &PublicKey) -> String {
    let hex = fingerprint_hex(key.fingerprint());
    format!("secretariat-key_{}{}", &hex[..8], Content::PrivateKey.extension())
}

/// The key in a backup file, opened with `passphrase` and kept on this device.
async fn restore(bytes: &[u8], passphrase: &str) -> Result<PublicKey, Problem> {
    let locked = Locked::decode(bytes, Content::PrivateKey).map_err(Problem::Locked)?;
    let mut plain = crypto::unlock(passphrase, &locked).await.map_err(|e| match e {
        CryptoError::Unavailable => Problem::NoWebCrypto,
        CryptoError::Refused => Problem::WrongPassphrase,
    })?;
    let backup = KeyBackup::parse(&plain);
    plain.fill(0);
    let KeyBackup { public, mut pkcs8 } = backup.map_err(Problem::Key)?;
    let private = crypto::import_private(&pkcs8).await;
    pkcs8.fill(0);
    let private = private.map_err(|e| match e {
        CryptoError::Unavailable => Problem::NoWebCrypto,
        CryptoError::Refused => Problem::Key(KeyFileError::NotAKeyFile { reason: "pkcs8".into() }),
    })?;
    store::save_key(&StoredKey { public: public.clone(), private, added: browser::now() }).await.map_err(Problem::Store)?;
    Ok(public)
}

/// The link that sets a collector up with `key`: the transfer page's `#/key/` route
/// (docs/bundle-format.md §10.4).
fn key_link(key: &PublicKey) -> String {
    let name = String::from(js_sys::encode_uri_component(key.name()));
    format!("{}transfer/#/key/{}?name={name}", collector_base(), key.spki_base64url())
}

/// The problem shown beside control `id`, if it is there: announced (role=alert) and tied to
/// the control (its aria-describedby names `<id>-err`), as the form page's are.
fn said(state: KeyState, id: &'static str) -> impl IntoView {
    let t = use_lang().t();
    let text = move || state.problem.with(|p| p.as_ref().filter(|(at, _)| *at == id).map(|(_, p)| p.say(t)));
    view! { <p class="field-error" id=format!("{id}-err") role="alert">{text}</p> }
}

/// A labelled input with its hint and its problem. `shown` is what it holds before anything
/// is typed.
#[allow(clippy::too_many_arguments)]
fn field(
    state: KeyState,
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    hint: Option<&'static str>,
    value: RwSignal<Option<String>>,
    shown: &'static str,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let described = format!("{} {id}-err", hint_id.clone().unwrap_or_default());
    let invalid = move || state.problem.with(|p| p.as_ref().is_some_and(|(at, _)| *at == id));
    view! {
        <div class="question" class:invalid=invalid>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <input id=id type=kind autocomplete=autocomplete aria-describedby=described.trim_start().to_string()
                aria-invalid=move || invalid().to_string()
                prop:value=move || value.get().unwrap_or_else(|| shown.to_string())
                on:input=move |ev| {
                    value.set(Some(event_target_value(&ev)));
                    // Typing here answers the problem said here (and only that one).
                    state.problem.maybe_update(|p| {
                        let here = p.as_ref().is_some_and(|(at, _)| *at == id);
                        if here {
                            *p = None;
                        }
                        here
                    });
                }/>
            {said(state, id)}
        </div>
    }
}

/// The status line of an action (role=status): "Working…" while it runs, `done` once it ended
/// well. It takes the focus then, so the keyboard is not left on a button disabled meanwhile.
fn status(state: KeyState, id: &'static str, during: Step, after: Step, done: &'static str) -> impl IntoView {
    let t = use_lang().t();
    let text = move || match state.step.get() {
        s if s == during => Some(t.working()),
        s if s == after => Some(done),
        _ => None,
    };
    view! { <p role="status" id=id tabindex="-1" class="ok">{text}</p> }
}

/// The Encryption tab.
#[component]
pub fn Encryption(state: KeyState) -> impl IntoView {
    let t = use_lang().t();
    let available = crypto::available();
    let KeyState { keys, name, pass, again, restore_pass, backup, step, .. } = state;
    let create_key = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if step.get_untracked().busy() {
            return;
        }
        let (p, a) = (KeyState::typed(pass), KeyState::typed(again));
        if p.chars().count() < MIN_PASSPHRASE_CHARS {
            return state.show("key-pass", Problem::Short);
        }
        if p != a {
            return state.show("key-pass-again", Problem::Differ);
        }
        let typed = KeyState::typed(name);
        let chosen = if typed.trim().is_empty() { t.key_name_default().to_string() } else { typed };
        state.problem.set(None);
        step.set(Step::Creating);
        spawn_local(async move {
            match create(&chosen, &p).await {
                Ok(_) => {
                    pass.set(None);
                    again.set(None);
                    step.set(Step::Created);
                    state.reload();
                    browser::focus("key-created");
                }
                Err(problem) => {
                    step.set(Step::Idle);
                    state.show(problem.at(false), problem);
                }
            }
        });
    };
    let choose = move |ev: leptos::ev::Event| {
        spawn_local(async move {
            let chosen = browser::read_chosen_file_kept(&ev).await.map(|(_, bytes)| bytes);
            // Checked at once: another kind of file is said before any passphrase is typed.
            match chosen.as_deref().map(|bytes| Locked::decode(bytes, Content::PrivateKey)) {
                Some(Err(e)) => state.problem.set(Some(("key-backup-file", Problem::Locked(e)))),
                _ => state.problem.set(None),
            }
            backup.set(chosen);
        });
    };
    let restore_key = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(bytes) = backup.get_untracked() else { return browser::focus("key-backup-file") };
        if step.get_untracked().busy() {
            return;
        }
        state.problem.set(None);
        step.set(Step::Restoring);
        spawn_local(async move {
            match restore(&bytes, &KeyState::typed(restore_pass)).await {
                Ok(_) => {
                    restore_pass.set(None);
                    step.set(Step::Restored);
                    state.reload();
                    browser::focus("key-restored");
                }
                Err(problem) => {
                    step.set(Step::Idle);
                    state.show(problem.at(true), problem);
                }
            }
        });
    };
    let copied = RwSignal::new(false);
    let published = move || keys.with(|k| k.first().cloned());
    let link = move || published().map(|k| key_link(&k)).unwrap_or_default();
    let download = move |_| {
        if let Some(k) = published() {
            browser::download("public-key.json", "application/json", k.to_json().as_bytes());
        }
    };
    let disabled = move || step.get().busy();
    view! {
        <section class="section" aria-labelledby="key-title">
            <h2 id="key-title">{t.encryption()}</h2>
            <p>{t.key_intro()}</p>
            <p class="notice">{t.key_loss()}</p>
            {(!available).then(|| view! { <p role="alert" class="error">{t.no_webcrypto()}</p> })}
            <form on:submit=create_key hidden=!available>
                {field(state, "key-name", t.key_name(), "text", "organization", None, name, t.key_name_default())}
                {field(state, "key-pass", t.passphrase(), "password", "new-password", Some(t.passphrase_rule()), pass, "")}
                {field(state, "key-pass-again", t.passphrase_again(), "password", "new-password", None, again, "")}
                {said(state, "create-key")}
                <button type="submit" class="primary" id="create-key" aria-describedby="create-key-err" disabled=disabled>{t.create_key()}</button>
                {status(state, "key-created", Step::Creating, Step::Created, t.key_created())}
            </form>
        </section>
        <section class="section" aria-labelledby="device-key-title" hidden=move || keys.with(Vec::is_empty) data-testid="device-key">
            <h2 id="device-key-title">{t.this_device_key()}</h2>
            {move || keys.get().into_iter().map(|k| view! {
                <dl class="key-list">
                    <dt>{t.key_name()}</dt><dd>{k.name().to_string()}</dd>
                    <dt>{t.fingerprint()}</dt>
                    <dd><strong>{short_fingerprint(k.fingerprint())}</strong><br/><code>{fingerprint_hex(k.fingerprint())}</code></dd>
                </dl>
            }).collect_view()}
            <h3>{t.publish_key()}</h3>
            <p class="hint">{t.publish_hint()}</p>
            <p><button on:click=download>{t.download_key_file()}</button></p>
            <div class="question">
                <label for="key-link">{t.key_link()}</label>
                <input id="key-link" type="url" readonly prop:value=link/>
            </div>
            <div class="actions">
                <button on:click=move |_| copied.set(browser::copy_text(&link()))>{t.copy_link()}</button>
                <span role="status">{move || copied.get().then(|| t.copied())}</span>
            </div>
        </section>
        <section class="section" aria-labelledby="restore-title" hidden=!available>
            <h2 id="restore-title">{t.restore_key()}</h2>
            <form on:submit=restore_key>
                <div class="question">
                    <label for="key-backup-file">{t.key_backup_file()}</label>
                    <input id="key-backup-file" type="file" accept=".gcm-key" aria-describedby="key-backup-file-err" on:change=choose/>
                    {said(state, "key-backup-file")}
                </div>
                {field(state, "restore-pass", t.passphrase(), "password", "current-password", None, restore_pass, "")}
                {said(state, "restore-key")}
                <button type="submit" id="restore-key" aria-describedby="restore-key-err" disabled=disabled>{t.restore()}</button>
                {status(state, "key-restored", Step::Restoring, Step::Restored, t.key_restored())}
            </form>
        </section>
    }
}
