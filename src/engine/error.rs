use std::fmt;

use super::role::Role;

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
    /// Occurs when a report role does not fit its item (or, for [`RoleProblem::NoConsent`],
    /// its form: `item` is then `role`).
    BadRole { form: String, item: String, role: Role, problem: RoleProblem },
    /// Occurs when a form or section names a code its shared list does not have (an
    /// `author_category`, a section's `session`).
    UnknownCode { form: String, referenced_by: String, code: String, list: String },
}

/// Why a report role does not fit (see `docs/report-roles.md`).
#[derive(Clone, Debug, PartialEq)]
pub enum RoleProblem {
    /// The item's kind cannot carry it (a session on a paragraph, a finding on a choice).
    Kind,
    /// Inside a repeat group, where only objectives, principles and countries may be.
    InRepeat,
    /// A second item with a role one item carries (statistics read one).
    Twice,
    /// A choice its list does not have.
    NotInList { code: String, list: &'static str },
    /// A consent choice that says nothing the report knows (not `named`, `anonymised`,
    /// `not_for_publication` or `given`).
    NotConsent { code: String },
    /// A consent tick box (multiple choice) with more than one box.
    TickBoxes,
    /// A form of people's words (a stakeholder report, an input) with no consent item.
    NoConsent,
}

impl fmt::Display for RoleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoleProblem::Kind => write!(f, "does not fit an item of this kind"),
            RoleProblem::InRepeat => write!(f, "belongs to the record, not inside a repeat group"),
            RoleProblem::Twice => write!(f, "a second item with this role (statistics read one)"),
            RoleProblem::NotInList { code, list } => write!(f, "choice '{code}' is not in the list {list}"),
            RoleProblem::NotConsent { code } => {
                write!(f, "choice '{code}' is not a consent (named, anonymised, not_for_publication, given)")
            }
            RoleProblem::TickBoxes => write!(f, "a consent tick box has one choice"),
            RoleProblem::NoConsent => write!(f, "a form of people's words needs an item with this role"),
        }
    }
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
            ErrorKind::BadRole { form, item, role, problem } => {
                write!(f, "form {form}: '{item}' with the report role {}: {problem}", role.code())
            }
            ErrorKind::UnknownCode { form, referenced_by, code, list } => {
                write!(f, "form {form}: '{referenced_by}' names '{code}', which the list {list} does not have")
            }
        }
    }
}

impl std::error::Error for Error {}
