//! `store::Error`: why the device could not keep or give back a record. Kinds only: the person's
//! words for each are in `messages` (and the locale files), so this builds natively.

use std::fmt;

/// A storage failure. Matched through [`Error::kind`].
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Occurs when IndexedDB cannot be opened (private mode, blocked by settings, old browser);
    /// the detail is the browser's, for a bug report.
    Unavailable(String),
    /// Occurs when the origin's storage has no room left for a write: nothing of it was kept.
    Full,
    /// Occurs when the browser aborted a write for a reason other than full storage (a disk
    /// failure): nothing of it was kept.
    NotSaved(String),
    /// Occurs when a newer version of the app, open in another tab, took the database over:
    /// this page's code is the old one and must be reloaded.
    Superseded,
    /// Occurs when another tab or device saved a newer revision of the same record.
    Conflict { stored_revision: u64 },
    /// Occurs when a stored record cannot be read back (written by an incompatible version).
    Unreadable { id: String, message: String },
    /// Any other IndexedDB failure.
    Other(String),
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }

    /// The kind of failure.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// The conflict error for a stored revision (the UI rebuilds it to show its message).
    pub fn conflict(stored_revision: u64) -> Self {
        Error::new(ErrorKind::Conflict { stored_revision })
    }

    /// Whether the write did not happen because storage is short (full, or aborted by the
    /// browser): the person's text is only on screen and a backup is the way to keep it.
    pub fn is_not_saved(&self) -> bool {
        matches!(*self.0, ErrorKind::Full | ErrorKind::NotSaved(_))
    }

    #[cfg(target_arch = "wasm32")]
    pub(crate) fn unavailable(e: impl fmt::Debug) -> Self {
        Error::new(ErrorKind::Unavailable(reason(&format!("{e:?}")).to_string()))
    }

    #[cfg(target_arch = "wasm32")]
    pub(crate) fn from_rexie(e: rexie::Error) -> Self {
        let text = format!("{e:?}");
        // A newer version of the app took the database while this write was on its way: the
        // connection is closing, and that is the reason to give, not the browser's words for it.
        if super::newer::seen() {
            Error::new(ErrorKind::Superseded)
        } else if text.contains("QuotaExceeded") {
            Error::new(ErrorKind::Full)
        } else {
            Error::new(ErrorKind::Other(text))
        }
    }
}

/// What people are shown of a browser's refusal: the exception's name (`SecurityError`), else
/// the failure's (`IndexedDbNotFound`), from its debug text
/// (`IndexedDbOpenFailed(JsValue(SecurityError: The user denied …))`), rather than all of it.
/// (In the pages, and in the native tests of it.)
#[cfg(any(target_arch = "wasm32", test))]
fn reason(debug: &str) -> &str {
    let named = debug.rsplit_once("JsValue(").and_then(|(_, rest)| rest.split_once(':')).map(|(name, _)| name);
    named.filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric())).unwrap_or_else(|| debug.split('(').next().unwrap_or(debug))
}

/// A failure of this kind: what the native tests of the pages' state machines (`consolidate::sync`)
/// hand them in place of the browser's.
impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

/// A technical description, in English, for logs and tests; people read `messages`.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Unavailable(m) => write!(f, "IndexedDB unavailable: {m}"),
            ErrorKind::Full => f.write_str("storage full: the write was not kept"),
            ErrorKind::NotSaved(m) => write!(f, "write not kept: {m}"),
            ErrorKind::Superseded => f.write_str("a newer version of the app holds the database"),
            ErrorKind::Conflict { stored_revision } => write!(f, "conflict: another tab saved revision {stored_revision}"),
            ErrorKind::Unreadable { id, message } => write!(f, "stored record {id} unreadable: {message}"),
            ErrorKind::Other(m) => write!(f, "storage error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::reason;

    #[test]
    fn a_refusal_is_named_by_the_browsers_exception_else_by_the_failure() {
        assert_eq!(reason("IndexedDbOpenFailed(JsValue(SecurityError: The user denied permission to access the database.\nat …))"), "SecurityError");
        assert_eq!(reason("DomException(DomException { obj: Object { obj: JsValue(InvalidStateError: closing) } })"), "InvalidStateError");
        assert_eq!(reason("IndexedDbNotFound(JsValue(undefined))"), "IndexedDbNotFound");
        assert_eq!(reason("OneshotChannelReceiveError"), "OneshotChannelReceiveError");
    }
}
