use std::fmt;

/// A storage failure, in words the UI can show as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<ErrorKind>);

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Occurs when IndexedDB cannot be opened (private mode, blocked by settings, old browser).
    Unavailable(String),
    /// Occurs when the device has no room left for the browser's storage.
    Full,
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
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }
    pub(crate) fn unavailable(e: rexie::Error) -> Self {
        Error::new(ErrorKind::Unavailable(format!("{e:?}")))
    }
    pub(crate) fn from_rexie(e: rexie::Error) -> Self {
        let text = format!("{e:?}");
        if text.contains("QuotaExceeded") {
            Error::new(ErrorKind::Full)
        } else {
            Error::new(ErrorKind::Other(text))
        }
    }
}

impl Error {
    /// The sentence for the person, in `lang` (`es`, else English).
    pub fn message(&self, lang: &str) -> String {
        let es = lang == "es";
        match &*self.0 {
            ErrorKind::Unavailable(m) if es => format!("Este navegador no deja que la aplicación guarde datos ({m})."),
            ErrorKind::Unavailable(m) => format!("This browser does not let the app store data ({m})."),
            ErrorKind::Full if es => "El almacenamiento del dispositivo está lleno: libere espacio; su texto sigue en esta página.".into(),
            ErrorKind::Full => "The device's storage is full: free some space; your text is still on this page.".into(),
            ErrorKind::Conflict { stored_revision } if es => {
                format!("Este borrador se cambió en otra pestaña o ventana (revisión {stored_revision}).")
            }
            ErrorKind::Conflict { stored_revision } => format!("This draft was changed in another tab or window (revision {stored_revision})."),
            ErrorKind::Unreadable { id, message } if es => format!("El registro guardado {id} no se puede leer: {message}"),
            ErrorKind::Unreadable { id, message } => format!("Stored record {id} cannot be read: {message}"),
            ErrorKind::Other(m) if es => format!("Error de almacenamiento: {m}"),
            ErrorKind::Other(m) => format!("Storage error: {m}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("en"))
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The conflict error for a stored revision (the UI rebuilds it to show its message).
    pub fn conflict(stored_revision: u64) -> Self {
        Error::new(ErrorKind::Conflict { stored_revision })
    }
}
