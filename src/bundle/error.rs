//! `bundle::Error`: why an export was refused or a file could not be taken in.
//!
//! Built like csv's error (STYLE.md §3): a boxed kind keeps `Result` small and each kind carries
//! where the problem is (file, record, item). `Display` is technical English; the person's
//! words for each kind, in their language, are in `messages`.

use std::fmt;

use crate::engine::ViolationKind;

/// An export refused or a bundle rejected. Built only inside this module; matched through [`Error::kind`].
#[derive(Clone, Debug, PartialEq)]
pub struct Error(Box<Inner>);

#[derive(Clone, Debug, PartialEq)]
struct Inner {
    /// The file the person chose, when the caller knows it ([`Error::in_file`]).
    file: Option<String>,
    kind: ErrorKind,
}

/// What is wrong, and where.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Occurs when the bytes are not JSON, or JSON without the shape of a bundle, or another
    /// program's file. `reason` is the technical detail, for a bug report.
    NotABundle { reason: String },
    /// Occurs when the file starts like a zip but cannot be read as one (often an unfinished download).
    DamagedZip { reason: String },
    /// Occurs when a zip was re-packed with compression, which this app does not read.
    RepackedZip { reason: String },
    /// Occurs when a zip holds no `bundle.json`.
    NoBundleInZip,
    /// Occurs when a zip would unpack to more than `limit` bytes (see
    /// [`super::INFLATED_MAX`]): a zip bomb, or not a bundle. Nothing of the file is read.
    UnpacksTooLarge { limit: u64 },
    /// Occurs when the bundle was written in a format version this app does not read.
    UnsupportedVersion { found: u64 },
    /// Occurs when `manifest.forms` lists the same form (id and version) twice: a hand edit or
    /// another program, since which listing's digest counts would be a guess.
    FormListedTwice { form: String, version: String },
    /// Occurs when `manifest.record_count` differs from the number of records in the file.
    CountMismatch { declared: u64, found: u64 },
    /// Occurs when `manifest.records_sha256` differs from the digest of the records in the file:
    /// the records were changed (or damaged) after export.
    DigestMismatch { declared: String, computed: String },
    /// Occurs when a record's form (id and version) is not one this app carries.
    UnknownForm { record: String, form: String, version: String },
    /// Occurs when a record is exported or imported as a submission without being complete.
    NotComplete { record: String },
    /// Occurs when a complete record no longer passes validation; `item` is the first failing item.
    InvalidRecord { record: String, item: String, violation: ViolationKind },
    /// Occurs when writing to memory fails: only on a bug.
    Write { message: String },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(Inner { file: None, kind }))
    }

    /// The same error, naming the file the person chose (`Display` then quotes it).
    pub fn in_file(mut self, name: &str) -> Self {
        self.0.file = Some(name.to_string());
        self
    }

    /// The kind of problem.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The file named by [`Error::in_file`], if any.
    pub fn file(&self) -> Option<&str> {
        self.0.file.as_deref()
    }

    /// The record the problem is in, for kinds about one record.
    pub fn record(&self) -> Option<&str> {
        match &self.0.kind {
            ErrorKind::UnknownForm { record, .. } | ErrorKind::NotComplete { record } | ErrorKind::InvalidRecord { record, .. } => {
                Some(record)
            }
            _ => None,
        }
    }
}

/// A technical description, in English, for logs and tests; people read the words of
/// `messages`, in their language.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.0.file {
            write!(f, "{file}: ")?;
        }
        match &self.0.kind {
            ErrorKind::NotABundle { reason } => write!(f, "not a bundle ({reason})"),
            ErrorKind::DamagedZip { reason } => write!(f, "damaged zip ({reason})"),
            ErrorKind::RepackedZip { reason } => write!(f, "re-packed zip ({reason})"),
            ErrorKind::NoBundleInZip => write!(f, "zip without bundle.json"),
            ErrorKind::UnpacksTooLarge { limit } => write!(f, "zip unpacks to more than {limit} bytes"),
            ErrorKind::UnsupportedVersion { found } => write!(f, "bundle format {found} is newer than this app's"),
            ErrorKind::FormListedTwice { form, version } => write!(f, "the manifest lists form {form} {version} twice"),
            ErrorKind::CountMismatch { declared, found } => write!(f, "{declared} records declared, {found} found"),
            ErrorKind::DigestMismatch { declared, computed } => write!(f, "records digest {computed} differs from declared {declared}"),
            ErrorKind::UnknownForm { record, form, version } => write!(f, "record {record}: unknown form {form} version {version}"),
            ErrorKind::NotComplete { record } => write!(f, "record {record} is not complete"),
            ErrorKind::InvalidRecord { record, item, violation } => write!(f, "record {record}: {item} fails validation ({violation:?})"),
            ErrorKind::Write { message } => write!(f, "cannot write the export: {message}"),
        }
    }
}

impl std::error::Error for Error {}
