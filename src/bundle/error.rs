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

impl Error {
    /// The sentence for the person, in `lang` (`es`, else English): what is wrong and what to do.
    pub fn message(&self, lang: &str) -> String {
        let es = lang == "es";
        let pick = |en: String, sp: String| if es { sp } else { en };
        let file = match &self.0.file {
            Some(name) => pick(format!("The file “{name}”"), format!("El archivo «{name}»")),
            None => pick("This file".into(), "Este archivo".into()),
        };
        let mut out = String::new();
        // A sentence about one response says which file it came in, when there is one.
        if self.0.file.is_some() && self.record().is_some() {
            out = pick(format!("{file} was not imported. "), format!("{file} no se importó. "));
        }
        out += &match &self.0.kind {
            ErrorKind::NotABundle { reason } => pick(
                format!("{file} is not a bundle from the GCM Review Collector. Choose a .zip or .json file exported by the app. ({reason})"),
                format!("{file} no es un paquete del GCM Review Collector. Elija un archivo .zip o .json exportado por la aplicación. ({reason})"),
            ),
            ErrorKind::DamagedZip { reason } => pick(
                format!("{file} is a damaged or incomplete zip file, perhaps an unfinished download. Ask for it again. ({reason})"),
                format!("{file} es un zip dañado o incompleto, quizá una descarga sin terminar. Pídalo de nuevo. ({reason})"),
            ),
            ErrorKind::RepackedZip { reason } => pick(
                format!("{file} was re-packed with compression, which this app does not read. Open the bundle.json inside it instead. ({reason})"),
                format!("{file} se volvió a empaquetar con compresión, que esta aplicación no lee. Abra en su lugar el bundle.json que contiene. ({reason})"),
            ),
            ErrorKind::NoBundleInZip => pick(
                format!("{file} is a zip file without bundle.json in it. Choose the .zip file exactly as the app exported it."),
                format!("{file} es un zip sin bundle.json. Elija el .zip tal como lo exportó la aplicación."),
            ),
            ErrorKind::UnsupportedVersion { found } => pick(
                format!("{file} was made by a newer version of the app (bundle format {found}). Update this app, then open the file again."),
                format!("{file} se hizo con una versión más nueva de la aplicación (formato {found}). Actualice esta aplicación y vuelva a abrir el archivo."),
            ),
            ErrorKind::CountMismatch { declared, found } => pick(
                format!("{file} should hold {declared} responses but holds {found}: it was changed or damaged after export. Ask for a new export."),
                format!("{file} debería contener {declared} respuestas pero contiene {found}: se modificó o dañó después de exportarse. Pida una nueva exportación."),
            ),
            ErrorKind::DigestMismatch { .. } => pick(
                format!("{file} was changed or damaged after export: its responses do not match its checksum. Ask for a new export."),
                format!("{file} se modificó o dañó después de exportarse: sus respuestas no coinciden con su suma de control. Pida una nueva exportación."),
            ),
            ErrorKind::UnknownForm { record, form, version } => pick(
                format!("Response {record} uses form “{form}” version {version}, which this version of the app does not have. Update the app."),
                format!("La respuesta {record} usa el formulario «{form}» versión {version}, que esta versión de la aplicación no tiene. Actualice la aplicación."),
            ),
            ErrorKind::NotComplete { record } => pick(
                format!("Response {record} is not complete. Mark it as complete first, or export a backup instead."),
                format!("La respuesta {record} no está completa. Márquela como completa primero, o exporte una copia de seguridad."),
            ),
            ErrorKind::InvalidRecord { record, item, violation } => pick(
                format!("Response {record} cannot be sent: the answer to “{item}” {}. Correct it, then export again.", say(violation, false)),
                format!("La respuesta {record} no puede enviarse: la respuesta a «{item}» {}. Corríjala y vuelva a exportar.", say(violation, true)),
            ),
            ErrorKind::Write { message } => pick(
                format!("The export could not be written (a defect in the app, please report it): {message}"),
                format!("No se pudo escribir la exportación (un defecto de la aplicación; por favor, infórmelo): {message}"),
            ),
        };
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("en"))
    }
}

impl std::error::Error for Error {}

/// A violation in words, to finish "the answer to … " (or, in Spanish, "la respuesta a … ").
fn say(v: &ViolationKind, es: bool) -> String {
    let pick = |en: String, sp: String| if es { sp } else { en };
    match v {
        ViolationKind::Missing => pick("is missing".into(), "falta".into()),
        ViolationKind::TooShort { min } => pick(format!("is shorter than {min} characters"), format!("tiene menos de {min} caracteres")),
        ViolationKind::TooLong { max } => pick(format!("is longer than {max} characters"), format!("tiene más de {max} caracteres")),
        ViolationKind::Email => pick("is not an e-mail address".into(), "no es una dirección de correo".into()),
        ViolationKind::Date => pick("is not a date".into(), "no es una fecha".into()),
        ViolationKind::Number => pick("is not a number".into(), "no es un número".into()),
        ViolationKind::BelowMin { min } => {
            let min = crate::engine::number_text(*min);
            pick(format!("is below {min}"), format!("es menor que {min}"))
        }
        ViolationKind::AboveMax { max } => {
            let max = crate::engine::number_text(*max);
            pick(format!("is above {max}"), format!("es mayor que {max}"))
        }
        ViolationKind::UnknownChoice => pick("is not one of the options".into(), "no es una de las opciones".into()),
        // The engine may gain kinds; a general sentence until this list names them.
        #[allow(unreachable_patterns)]
        _ => pick("is not accepted".into(), "no se acepta".into()),
    }
}
