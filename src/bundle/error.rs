//! `bundle::Error`: why an export was refused or a file could not be taken in.
//!
//! Built like csv's error (STYLE.md §3): a boxed kind keeps `Result` small, each kind carries
//! where the problem is (file, record, item), and `Display` is a sentence the person can act on.

use std::fmt;

use crate::engine::ViolationKind;

/// An export refused or a bundle rejected. Built only inside this module; matched through [`Error::kind`].
#[derive(Debug, PartialEq)]
pub struct Error(Box<Inner>);

#[derive(Debug, PartialEq)]
struct Inner {
    /// The file the person chose, when the caller knows it ([`Error::in_file`]).
    file: Option<String>,
    kind: ErrorKind,
}

/// What is wrong, and where.
#[derive(Debug, PartialEq)]
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
    /// Occurs when the bundle was written in a format version this app does not read.
    UnsupportedVersion { found: u64 },
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = match &self.0.file {
            Some(name) => format!("The file “{name}”"),
            None => "This file".to_string(),
        };
        // A sentence about one response says which file it came in, when there is one.
        if self.0.file.is_some() && self.record().is_some() {
            write!(f, "{file} was not imported. ")?;
        }
        match &self.0.kind {
            ErrorKind::NotABundle { reason } => write!(
                f,
                "{file} is not a bundle from the GCM Review Collector. Choose a .zip or .json file exported by the app. ({reason})"
            ),
            ErrorKind::DamagedZip { reason } => {
                write!(f, "{file} is a damaged or incomplete zip file, perhaps an unfinished download. Ask for it again. ({reason})")
            }
            ErrorKind::RepackedZip { reason } => write!(
                f,
                "{file} was re-packed with compression, which this app does not read. Open the bundle.json inside it instead. ({reason})"
            ),
            ErrorKind::NoBundleInZip => {
                write!(f, "{file} is a zip file without bundle.json in it. Choose the .zip file exactly as the app exported it.")
            }
            ErrorKind::UnsupportedVersion { found } => write!(
                f,
                "{file} was made by a newer version of the app (bundle format {found}). Update this app, then open the file again."
            ),
            ErrorKind::CountMismatch { declared, found } => write!(
                f,
                "{file} should hold {declared} responses but holds {found}: it was changed or damaged after export. Ask for a new export."
            ),
            ErrorKind::DigestMismatch { .. } => {
                write!(f, "{file} was changed or damaged after export: its responses do not match its checksum. Ask for a new export.")
            }
            ErrorKind::UnknownForm { record, form, version } => write!(
                f,
                "Response {record} uses form “{form}” version {version}, which this version of the app does not have. Update the app."
            ),
            ErrorKind::NotComplete { record } => {
                write!(f, "Response {record} is not complete. Mark it as complete first, or export a backup instead.")
            }
            ErrorKind::InvalidRecord { record, item, violation } => {
                write!(f, "Response {record} cannot be sent: the answer to “{item}” {}. Correct it, then export again.", say(violation))
            }
            ErrorKind::Write { message } => write!(f, "The export could not be written (a defect in the app, please report it): {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// A violation in words, to finish "the answer to … ".
fn say(v: &ViolationKind) -> String {
    match v {
        ViolationKind::Missing => "is missing".into(),
        ViolationKind::TooShort { min } => format!("is shorter than {min} characters"),
        ViolationKind::TooLong { max } => format!("is longer than {max} characters"),
        ViolationKind::Email => "is not an e-mail address".into(),
        ViolationKind::Date => "is not a date".into(),
        ViolationKind::Number => "is not a number".into(),
        ViolationKind::BelowMin { min } => format!("is below {}", crate::engine::number_text(*min)),
        ViolationKind::AboveMax { max } => format!("is above {}", crate::engine::number_text(*max)),
        ViolationKind::UnknownChoice => "is not one of the options".into(),
        // The engine may gain kinds; a general sentence until this list names them.
        #[allow(unreachable_patterns)]
        _ => "is not accepted".into(),
    }
}
