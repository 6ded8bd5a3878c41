//! The transfer page's part of encryption (docs/bundle-format.md §10): whom this device
//! encrypts for, set from the secretariat's link (`#/key/<spki>?name=…`) or key file, and the
//! one way every submission export leaves the page: sealed for that key, or, only when the
//! person insists past a warning, as a plain copy.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::recipient::{self, label};
use super::{browser, crypto, use_lang};
use crate::bundle::envelope::envelope_file_name;
use crate::bundle::{KeyFileError, PublicKey};
use crate::i18n::Catalog;
use crate::messages::Say;

/// The key exports are sealed for (`None`: not known yet, or none), shared by the page's parts;
/// and why a key set here or by the deployment was refused.
#[derive(Clone, Copy)]
pub struct Recipient(pub RwSignal<Option<PublicKey>>, RwSignal<Option<KeyFileError>>);

impl Recipient {
    /// The key set on this device, else the deployment's; read once when the page opens.
    pub fn load() -> Recipient {
        let (key, refused) = (RwSignal::new(None), RwSignal::new(None));
        spawn_local(async move {
            match recipient::current("../").await {
                Some(Ok(k)) => key.set(Some(k)),
                Some(Err(e)) => refused.set(Some(e)),
                None => {}
            }
        });
        Recipient(key, refused)
    }

    /// Whether exports are meant to be sealed: a key is set, or one was set but refused (then
    /// nothing leaves plain without the person's say).
    pub fn is_set(self) -> bool {
        self.0.with(Option::is_some) || self.1.with(Option::is_some)
    }
}

/// The key of a collector link, if the page was opened with one (`#/key/<spki>?name=<name>`).
fn linked_key() -> Option<Result<PublicKey, String>> {
    let hash = browser::location_hash();
    let rest = hash.strip_prefix("#/key/")?;
    let (spki, query) = rest.split_once('?').unwrap_or((rest, ""));
    let name = browser::query_pairs(query).into_iter().find(|(k, _)| k == "name").map(|(_, v)| v).unwrap_or_default();
    Some(PublicKey::from_base64url(&name, spki).map_err(|e| e.to_string()))
}

/// Who this device encrypts for, and the ways to set it: the link that opened the page, or a
/// key file.
#[component]
pub fn RecipientSection(recipient: Recipient) -> impl IntoView {
    let t = use_lang().t();
    let notice = RwSignal::new(None::<(bool, String)>);
    let take = move |key: PublicKey| {
        recipient::set(&key);
        recipient.0.set(Some(key));
        recipient.1.set(None);
        notice.set(Some((true, t.key_set().to_string())));
    };
    match linked_key() {
        Some(Ok(key)) => take(key),
        Some(Err(_)) => notice.set(Some((false, t.key_link_bad().to_string()))),
        None => {}
    }
    let open = move |ev: leptos::ev::Event| {
        spawn_local(async move {
            let Some((_, bytes)) = browser::read_chosen_file(&ev).await else { return };
            match PublicKey::parse(&bytes) {
                Ok(key) => take(key),
                Err(e) => notice.set(Some((false, e.say(t)))),
            }
        });
    };
    view! {
        <section class="section" aria-labelledby="recipient-title">
            <h2 id="recipient-title">{t.encryption()}</h2>
            <p data-testid="recipient">{move || match recipient.0.get() {
                Some(key) => format!("{}: {}", t.encrypted_for(), label(&key)),
                None => t.not_encrypted().to_string(),
            }}</p>
            <p role="alert" class="error" hidden=move || recipient.1.with(Option::is_none)>{move || recipient.1.get().map(|e| e.say(t))}</p>
            {move || notice.get().map(|(ok, text)| if ok {
                view! { <p role="status" class="ok">{text}" "<a href="../">{t.go_to_forms()}</a></p> }.into_any()
            } else {
                view! { <p role="alert" class="error">{text}</p> }.into_any()
            })}
            <label for="key-file">{t.open_key_file()}</label>
            <input id="key-file" type="file" accept=".json,application/json" on:change=open/>
        </section>
    }
}

/// How a submission leaves: sealed for the recipient, or plain when there is none or when the
/// person chose a plain copy and confirmed the warning.
#[derive(Clone, Copy, PartialEq)]
pub enum Leave {
    Sealed,
    Plain,
}

impl Leave {
    /// `Plain` when the person asked for an unencrypted copy while a key is set: only after
    /// they confirm the warning. `None` means they declined.
    pub fn plain_copy(recipient: Recipient, t: &Catalog) -> Option<Leave> {
        (!recipient.is_set() || browser::confirm(t.unencrypted_warning())).then_some(Leave::Plain)
    }
}

/// The file to hand over for the bundle zip `zip` named `name`: its envelope for the
/// recipient (`*.gcm-encrypted`), or the zip itself when `how` is plain or no key is set.
pub async fn outgoing(recipient: Recipient, how: Leave, name: String, zip: Vec<u8>, t: &Catalog) -> Result<(String, &'static str, Vec<u8>), String> {
    if let (Leave::Sealed, Some(refused)) = (how, recipient.1.get_untracked()) {
        return Err(refused.say(t));
    }
    match recipient.0.get_untracked().filter(|_| how == Leave::Sealed) {
        Some(key) => {
            let sealed = crypto::seal(&key, &zip).await.map_err(|_| t.no_webcrypto().to_string())?;
            Ok((envelope_file_name(&name), "application/octet-stream", sealed))
        }
        None => Ok((name, "application/zip", zip)),
    }
}
