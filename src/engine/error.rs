use std::fmt;

/// A form definition that cannot be used. Built only while loading a definition:
/// a user never meets it, a test does.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What is wrong with a definition, and where.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Occurs when the file is not valid JSON or does not have the definition's shape.
    Parse { form: String, message: String },
    /// Occurs when two items (or sections) share an id within one form, or two choices of an
    /// item share a code (`id` is then `item.code`).
    DuplicateId { form: String, id: String },
    /// Occurs when a relevance condition names an item the form does not have.
    UnknownItem { form: String, item: String, referenced_by: String },
    /// Occurs when a choice item has no choices, or a non-choice item has some.
    BadChoices { form: String, item: String },
    /// Occurs when an id is empty or not snake_case.
    BadId { form: String, id: String },
    /// Occurs when a report role does not fit its item: its kind, its place (inside a repeat),
    /// its choices, a second item with a one-item role, or a form of people's words with no
    /// consent item (`item` is then `role`).
    BadRole { form: String, item: String, reason: String },
    /// Occurs when a form or section names a code its shared list does not have (an
    /// `author_category`, a section's `session`).
    UnknownCode { form: String, referenced_by: String, code: String, list: String },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }
    /// The kind of problem.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Parse { form, message } => write!(f, "form {form}: cannot read definition: {message}"),
            ErrorKind::DuplicateId { form, id } => write!(f, "form {form}: id '{id}' is used twice"),
            ErrorKind::UnknownItem { form, item, referenced_by } => {
                write!(f, "form {form}: '{referenced_by}' refers to unknown item '{item}'")
            }
            ErrorKind::BadChoices { form, item } => write!(f, "form {form}: item '{item}' has wrong choices for its kind"),
            ErrorKind::BadId { form, id } => write!(f, "form {form}: id '{id}' must be snake_case"),
            ErrorKind::BadRole { form, item, reason } => write!(f, "form {form}: report role of '{item}': {reason}"),
            ErrorKind::UnknownCode { form, referenced_by, code, list } => {
                write!(f, "form {form}: '{referenced_by}' names '{code}', which the list {list} does not have")
            }
        }
    }
}

impl std::error::Error for Error {}
