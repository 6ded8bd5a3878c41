//! Every kind of problem the lower floors report, in the person's words: the one place a kind
//! becomes a sentence. The words are in the locale files (`violation`, `answer_problem`,
//! `bundle_error`, `store_error`, `left_out`); this module picks the key and fills it in.
//! Natively tested: every kind, in every language, reads without a missing key.

use crate::bundle::{self, Reason};
use crate::consolidate::sync::Problem;
use crate::bundle::{Content, KeyFileError, LockedError};
use crate::consolidate::{Rejection, Sealed};
use crate::engine::{number_text, Refused, RefusedWhy, ViolationKind};
use crate::i18n::Catalog;
use crate::store;

/// Something that can be told to the person, in the language of `t`.
pub trait Say {
    fn say(&self, t: &Catalog) -> String;
}

/// The key and placeholders of a violation, under `violation.` (what to do) or
/// `answer_problem.` (what is wrong, finishing "the answer to “X” …").
fn violation_parts(kind: &ViolationKind) -> (&'static str, Option<(&'static str, String)>) {
    match kind {
        ViolationKind::Missing => ("missing", None),
        ViolationKind::TooShort { min } => ("too_short", Some(("min", min.to_string()))),
        ViolationKind::TooLong { max } => ("too_long", Some(("max", max.to_string()))),
        ViolationKind::Email => ("email", None),
        ViolationKind::Date => ("date", None),
        ViolationKind::Number => ("number", None),
        ViolationKind::BelowMin { min } => ("below_min", Some(("min", number_text(*min)))),
        ViolationKind::AboveMax { max } => ("above_max", Some(("max", number_text(*max)))),
        ViolationKind::UnknownChoice => ("unknown_choice", None),
    }
}

fn violation_in(section: &str, kind: &ViolationKind, t: &Catalog) -> String {
    let (key, arg) = violation_parts(kind);
    let args: Vec<(&str, &str)> = arg.iter().map(|(n, v)| (*n, v.as_str())).collect();
    t.fill(&format!("{section}.{key}"), &args)
}

/// What to do about a violation, beside its field: "Write at least 10 characters."
impl Say for ViolationKind {
    fn say(&self, t: &Catalog) -> String {
        violation_in("violation", self, t)
    }
}

impl Say for bundle::Error {
    fn say(&self, t: &Catalog) -> String {
        use bundle::ErrorKind as K;
        let file = match self.file() {
            Some(name) => t.fill("bundle_error.named_file", &[("name", name)]),
            None => t.get("bundle_error.this_file").to_string(),
        };
        let fill = |key: &str, args: &[(&str, &str)]| {
            let mut all = vec![("file", file.as_str())];
            all.extend_from_slice(args);
            t.fill(&format!("bundle_error.{key}"), &all)
        };
        let sentence = match self.kind() {
            K::NotABundle { reason } => fill("not_a_bundle", &[("reason", reason)]),
            K::DamagedZip { reason } => fill("damaged_zip", &[("reason", reason)]),
            K::RepackedZip { reason } => fill("repacked_zip", &[("reason", reason)]),
            K::NoBundleInZip => fill("no_bundle_in_zip", &[]),
            // In whole megabytes (MiB), as file managers show sizes.
            K::UnpacksTooLarge { limit } => fill("unpacks_too_large", &[("limit", &(limit / (1024 * 1024)).to_string())]),
            K::UnsupportedVersion { found } => fill("unsupported_version", &[("found", &found.to_string())]),
            K::FormListedTwice { form, version } => fill("form_listed_twice", &[("form", form), ("version", version)]),
            K::CountMismatch { declared, found } => {
                fill("count_mismatch", &[("declared", &declared.to_string()), ("found", &found.to_string())])
            }
            K::DigestMismatch { .. } => fill("digest_mismatch", &[]),
            K::UnknownForm { record, form, version } => fill("unknown_form", &[("record", record), ("form", form), ("version", version)]),
            K::NotComplete { record } => fill("not_complete", &[("record", record)]),
            K::InvalidRecord { record, item, violation } => {
                let problem = violation_in("answer_problem", violation, t);
                fill("invalid_record", &[("record", record), ("item", item), ("problem", &problem)])
            }
            K::Write { message } => fill("write", &[("message", message)]),
        };
        // A sentence about one response says which file it came in, when there is one.
        if self.file().is_some() && self.record().is_some() {
            format!("{} {sentence}", fill("not_imported", &[]))
        } else {
            sentence
        }
    }
}

impl Say for store::Error {
    fn say(&self, t: &Catalog) -> String {
        use store::ErrorKind as K;
        match self.kind() {
            K::Unavailable(detail) => t.fill("store_error.unavailable", &[("detail", detail)]),
            K::Full => t.get("store_error.full").to_string(),
            // The detail is the browser's, for logs: the person is told the likely cause.
            K::NotSaved(_) => t.get("store_error.not_saved").to_string(),
            K::Superseded => t.get("store_error.superseded").to_string(),
            K::Conflict { stored_revision } => t.fill("store_error.conflict", &[("revision", &stored_revision.to_string())]),
            K::Unreadable { id, message } => t.fill("store_error.unreadable", &[("id", id), ("detail", message)]),
            K::Other(detail) => t.fill("store_error.other", &[("detail", detail)]),
        }
    }
}

/// Why a record stays out of an export, after its name and a dash.
impl Say for Reason {
    fn say(&self, t: &Catalog) -> String {
        match self {
            Reason::AlreadyExported => t.get("left_out.already_exported").to_string(),
            Reason::UnknownForm => t.get("left_out.unknown_form").to_string(),
            Reason::NotComplete => t.get("left_out.not_complete").to_string(),
            Reason::Invalid { item, violation } => t.fill("left_out.invalid", &[("item", item), ("problem", &violation.say(t))]),
        }
    }
}

/// Why the secretariat's import refused a file, naming it.
impl Say for Rejection {
    fn say(&self, t: &Catalog) -> String {
        match self {
            Rejection::Bundle(e) => e.say(t),
            Rejection::Backup { file } => {
                let file = t.fill("bundle_error.named_file", &[("name", file)]);
                t.fill("bundle_error.backup_not_submission", &[("file", &file)])
            }
            Rejection::Sealed { file, why } => {
                let file = t.fill("bundle_error.named_file", &[("name", file)]);
                let file = file.as_str();
                match why {
                    Sealed::NoKey => t.fill("sealed.no_key", &[("file", file)]),
                    Sealed::ForAnotherKey { envelope, ours } => t.fill("sealed.another_key", &[("file", file), ("envelope", envelope), ("ours", ours)]),
                    Sealed::Altered => t.fill("sealed.altered", &[("file", file)]),
                    Sealed::Damaged(e) => t.fill("sealed.damaged", &[("file", file), ("reason", &e.to_string())]),
                }
            }
        }
    }
}

/// Why a key file, a key link or an opened key backup was refused.
impl Say for KeyFileError {
    fn say(&self, t: &Catalog) -> String {
        t.get(match self {
            KeyFileError::UnsupportedVersion { .. } => "key_error.newer",
            KeyFileError::UnsupportedKey => "key_error.unsupported_key",
            KeyFileError::FingerprintMismatch { .. } => "key_error.fingerprint_mismatch",
            _ => "key_error.not_a_key_file",
        })
        .to_string()
    }
}

/// Why a file locked with a passphrase was refused before its passphrase was tried.
impl Say for LockedError {
    fn say(&self, t: &Catalog) -> String {
        t.get(match self {
            LockedError::NotLocked => "key_error.not_locked",
            LockedError::Unsupported { .. } | LockedError::BadIterations { .. } => "key_error.newer",
            LockedError::OtherContent { found: Content::PrivateKey } => "key_error.is_key_backup",
            LockedError::OtherContent { found: Content::Drafts } => "key_error.is_drafts_backup",
            _ => "key_error.damaged",
        })
        .to_string()
    }
}

/// What went wrong on the secretariat's page with the stored collection; a file not stored is
/// named (the import stopped there).
impl Say for Problem {
    fn say(&self, t: &Catalog) -> String {
        match self {
            Problem::NotSaved { file, error } => {
                let file = t.fill("bundle_error.named_file", &[("name", file)]);
                format!("{file}: {} {}", t.collection_not_saved(), error.say(t))
            }
            Problem::NotLoaded(e) | Problem::NotKept(e) | Problem::NotCleared(e) => e.say(t),
        }
    }
}

/// Why a link's value was not taken, after the value: "this form has no such question".
impl Say for Refused {
    fn say(&self, t: &Catalog) -> String {
        match &self.why {
            RefusedWhy::UnknownQuestion => t.get("link.unknown_question").to_string(),
            RefusedWhy::Repeated => t.get("link.repeated").to_string(),
            RefusedWhy::Invalid(kind) => kind.say(t),
        }
    }
}

/// The storage message when a new response cannot even be started: nothing is lost yet, so
/// it asks for room rather than a backup.
pub fn cannot_start(e: &store::Error, t: &Catalog) -> String {
    if e.is_not_saved() { t.get("store_error.full_at_start").to_string() } else { e.say(t) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{Error as BundleError, ErrorKind as B};
    use crate::i18n::{bundled, Lang};
    use crate::store::ErrorKind as S;

    fn violations() -> Vec<ViolationKind> {
        vec![
            ViolationKind::Missing,
            ViolationKind::TooShort { min: 10 },
            ViolationKind::TooLong { max: 200 },
            ViolationKind::Email,
            ViolationKind::Date,
            ViolationKind::Number,
            ViolationKind::BelowMin { min: 0.0 },
            ViolationKind::AboveMax { max: 2.5 },
            ViolationKind::UnknownChoice,
        ]
    }

    /// Every kind of problem the app can report, as the person reads it in `t`.
    fn every_message(t: &Catalog) -> Vec<String> {
        let mut out: Vec<String> = violations().iter().map(|v| v.say(t)).collect();
        let r = || "3f2a".to_string();
        let mut kinds = vec![
            B::NotABundle { reason: "expected value".into() },
            B::DamagedZip { reason: "eof".into() },
            B::RepackedZip { reason: "deflate".into() },
            B::NoBundleInZip,
            B::UnpacksTooLarge { limit: bundle::INFLATED_MAX },
            B::UnsupportedVersion { found: 2 },
            B::FormListedTwice { form: "annex1".into(), version: "2026-1".into() },
            B::CountMismatch { declared: 3, found: 2 },
            B::DigestMismatch { declared: "a".into(), computed: "b".into() },
            B::UnknownForm { record: r(), form: "annex1".into(), version: "1999".into() },
            B::NotComplete { record: r() },
            B::Write { message: "x".into() },
        ];
        kinds.extend(violations().into_iter().map(|violation| B::InvalidRecord { record: r(), item: "email".into(), violation }));
        for kind in kinds {
            let e = BundleError::new(kind);
            out.push(e.say(t));
            out.push(e.clone().in_file("envío.zip").say(t));
            out.push(Rejection::Bundle(e.in_file("x.json")).say(t));
        }
        out.push(Rejection::Backup { file: "backup.zip".into() }.say(t));
        let sealed = [
            Sealed::NoKey,
            Sealed::ForAnotherKey { envelope: "505a 9534 fcea 1bb4".into(), ours: "3f2a 9c01 77d4 e5b8".into() },
            Sealed::Altered,
            Sealed::Damaged(bundle::EnvelopeError::TrailingBytes { count: 3 }),
        ];
        out.extend(sealed.into_iter().map(|why| Rejection::Sealed { file: "a.gcm-encrypted".into(), why }.say(t)));
        let keys = [
            KeyFileError::NotAKeyFile { reason: "x".into() },
            KeyFileError::UnsupportedVersion { found: 2 },
            KeyFileError::UnsupportedKey,
            KeyFileError::FingerprintMismatch { declared: "a".into(), computed: "b".into() },
        ];
        out.extend(keys.iter().map(|k| k.say(t)));
        let locked = [
            LockedError::NotLocked,
            LockedError::Unsupported { field: "version", found: 2 },
            LockedError::BadIterations { found: 1 },
            LockedError::Damaged,
            LockedError::OtherContent { found: Content::PrivateKey },
            LockedError::OtherContent { found: Content::Drafts },
        ];
        out.extend(locked.iter().map(|l| l.say(t)));
        let stores = [
            S::Unavailable("SecurityError".into()),
            S::Full,
            S::NotSaved("aborted".into()),
            S::Superseded,
            S::Conflict { stored_revision: 3 },
            S::Unreadable { id: "r1".into(), message: "bad".into() },
            S::Other("x".into()),
        ];
        for kind in stores {
            let e = store::Error::new(kind);
            out.push(e.say(t));
            out.push(cannot_start(&e, t));
            out.push(Problem::NotSaved { file: "b.json".into(), error: e.clone() }.say(t));
            out.extend([Problem::NotLoaded(e.clone()), Problem::NotKept(e.clone()), Problem::NotCleared(e)].iter().map(|p| p.say(t)));
        }
        for why in [RefusedWhy::UnknownQuestion, RefusedWhy::Repeated, RefusedWhy::Invalid(ViolationKind::Email)] {
            out.push(Refused { name: "x".into(), value: "y".into(), why }.say(t));
        }
        let reasons = [Reason::AlreadyExported, Reason::UnknownForm, Reason::NotComplete, Reason::Invalid { item: "email".into(), violation: ViolationKind::Email }];
        out.extend(reasons.iter().map(|r| r.say(t)));
        out
    }

    #[test]
    fn every_message_reads_in_every_language_without_a_key_or_placeholder_showing() {
        for &lang in Lang::ALL {
            let t = bundled::catalog(lang);
            for message in every_message(t) {
                assert!(!message.trim().is_empty(), "{}: an empty message", lang.code());
                for section in ["violation.", "answer_problem.", "bundle_error.", "store_error.", "left_out.", "link.", "sealed.", "key_error."] {
                    assert!(!message.contains(section), "{}: a key shows: {message}", lang.code());
                }
                assert!(!message.contains('{'), "{}: a placeholder is left: {message}", lang.code());
            }
        }
    }

    #[test]
    fn a_refused_file_is_named_in_the_readers_language() {
        let e = BundleError::new(B::DamagedZip { reason: "eof".into() }).in_file("roto.zip");
        assert!(e.say(bundled::catalog(Lang::Es)).starts_with("El archivo «roto.zip» es un zip dañado"));
        let e = BundleError::new(B::NotComplete { record: "r1".into() }).in_file("a.json");
        let en = e.say(bundled::catalog(Lang::En));
        assert!(en.starts_with("The file “a.json” was not imported. Response r1 is not complete."), "{en}");
    }

    #[test]
    fn full_storage_is_never_told_as_another_tab() {
        for &lang in Lang::ALL {
            let t = bundled::catalog(lang);
            let full = store::Error::new(S::Full).say(t);
            let conflict = store::Error::conflict(3).say(t);
            assert_ne!(full, conflict);
            assert_ne!(cannot_start(&store::Error::new(S::Full), t), t.get("ui.not_found"), "{}", lang.code());
        }
        assert!(store::Error::new(S::Full).say(bundled::catalog(Lang::En)).contains("download a backup"));
    }
}
