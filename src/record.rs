//! One response to a form, as kept on the device and as exported.

use serde::{Deserialize, Serialize};

use crate::engine::{self, Answers, FormDef};
use crate::i18n::Catalog;

/// Where a response stands. Only complete responses are exported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "String")]
pub enum Status {
    #[default]
    Draft,
    Complete,
}

impl Status {
    /// The code written in exports (as serde writes it).
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Complete => "complete",
        }
    }
}

/// Read as a string and its code: serde's derived enum reading cost the wasm more (with
/// `ItemKind`'s, collector -0.6 KB gzip).
impl TryFrom<String> for Status {
    type Error = serde::de::value::Error;
    fn try_from(code: String) -> Result<Status, Self::Error> {
        match code.as_str() {
            "draft" => Ok(Status::Draft),
            "complete" => Ok(Status::Complete),
            _ => Err(serde::de::Error::unknown_variant(&code, &["draft", "complete"])),
        }
    }
}

/// A response: its identity, its history, and the answers. Times are ISO 8601 UTC strings.
/// Unknown fields are refused: a bundle's digest covers only what this struct holds, so a
/// record carrying more would pass its check with the extra silently dropped.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// A random UUID, the key everywhere (storage, bundles, de-duplication).
    pub id: String,
    pub form_id: String,
    pub form_version: String,
    /// The version of the form a draft was begun under, when it was since brought to a newer
    /// one (kept through later migrations: it says where the record started).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migrated_from: Option<String>,
    pub status: Status,
    /// Goes up by one at every save: two tabs or two devices can tell which copy is newer.
    pub revision: u64,
    pub created: String,
    pub modified: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<String>,
    /// The code of the language the person answered in (`en`, `es`, `pt`, `fr`).
    pub language: String,
    /// The record this one belongs to (a participant input's consultation session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// When the record was last exported. Kept on the device only: copies in bundles have
    /// `None`, so exporting a record never changes a bundle's digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<String>,
    pub answers: Answers,
    /// Answers an earlier version took and the current one does not (migration), kept as
    /// given until the person has copied what they need and removes them: by the key of
    /// their version and place (`engine::SetAside::key`, `1/examples/e1/example_level`).
    #[serde(default, skip_serializing_if = "Answers::is_empty")]
    pub set_aside: Answers,
}

impl Record {
    /// A blank draft of `form`.
    pub fn new(form: &FormDef, id: String, now: String, language: &str) -> Record {
        Record {
            id,
            form_id: form.id.clone(),
            form_version: form.version.clone(),
            created: now.clone(),
            modified: now,
            language: language.to_string(),
            ..Record::default()
        }
    }

    /// What the record is about, from the form's summary items ("Chile — Ministerio …"), with
    /// chosen options in `t`'s language.
    pub fn summary(&self, form: &FormDef, t: &Catalog) -> String {
        let parts: Vec<&str> = form
            .summary_items
            .iter()
            .filter_map(|id| {
                let item = form.item(id)?;
                let text = self.answers.text(id);
                (!text.is_empty()).then(|| item.choice_label(text, t))
            })
            .collect();
        parts.join(" — ")
    }

    /// Equal in everything a bundle carries: `exported` is a device's own note. Compared field by
    /// field, without copies (an import of thousands of known records asks this of each); the
    /// destructuring names every field, so a new one cannot be forgotten here.
    pub fn same_content(&self, other: &Record) -> bool {
        let Record { id, form_id, form_version, migrated_from, status, revision, created, modified, completed, language, parent, exported: _, answers, set_aside } =
            self;
        *id == other.id
            && *revision == other.revision
            && *modified == other.modified
            && *form_id == other.form_id
            && *form_version == other.form_version
            && *migrated_from == other.migrated_from
            && *status == other.status
            && *created == other.created
            && *completed == other.completed
            && *language == other.language
            && *parent == other.parent
            && *answers == other.answers
            && *set_aside == other.set_aside
    }

    /// The record as it opens for editing, with the definition it opens in. `newest` is its
    /// form's current version, `own` the version it names (`None`: one this app does not have,
    /// opened in `newest` as it is). A draft of an earlier version is brought to `newest`
    /// ([`Record::migrate`]); a complete one stays in its own, so it exports as it was
    /// answered (an edit makes it a draft, migrated the next time it opens).
    pub fn opened<'a>(self, newest: &'a FormDef, own: Option<&'a FormDef>) -> (&'a FormDef, Record) {
        match own {
            Some(old) if old.version != newest.version && self.status == Status::Draft => (newest, self.migrate(old, newest)),
            Some(own) => (own, self),
            None => (newest, self),
        }
    }

    /// The draft, answered under `old`, in version `new`: the answers `new` takes carried over,
    /// the others added to [`Record::set_aside`] (`engine::migrate`), and the version it
    /// started from kept in `migrated_from`. Saving it is the caller's.
    pub fn migrate(mut self, old: &FormDef, new: &FormDef) -> Record {
        let (answers, set_aside) = engine::migrate(old, new, &self.answers);
        self.answers = answers;
        for (s, _) in set_aside {
            self.set_aside.0.insert(s.key(), s.value);
        }
        self.migrated_from.get_or_insert_with(|| old.version.clone());
        self.form_version = new.version.clone();
        self
    }

    /// Whether this record has been on this device alone since before `cutoff` (ISO 8601 UTC,
    /// like every time stored): never exported, last changed before `cutoff`, and after the last
    /// backup file made here (`backed_up`), if any. What the browser may clear and nothing else
    /// holds: the home page reminds the person to back it up.
    pub fn only_here_since(&self, cutoff: &str, backed_up: Option<&str>) -> bool {
        self.exported.is_none() && self.modified.as_str() < cutoff && backed_up.is_none_or(|b| self.modified.as_str() > b)
    }

    /// Marks the record complete if it validates; otherwise returns what fails.
    pub fn complete(&mut self, form: &FormDef, now: String) -> Result<(), Vec<engine::Violation>> {
        let violations = engine::validate(form, &self.answers);
        if !violations.is_empty() {
            return Err(violations);
        }
        self.status = Status::Complete;
        self.completed = Some(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(modified: &str, exported: Option<&str>) -> Record {
        let form = crate::forms::get("annex1").unwrap();
        Record { modified: modified.into(), exported: exported.map(Into::into), ..Record::new(form, "r1".into(), modified.into(), "en") }
    }

    #[test]
    fn a_status_is_read_from_its_code() {
        for status in [Status::Draft, Status::Complete] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
            assert_eq!(serde_json::from_value::<Status>(status.code().into()).unwrap(), status);
        }
        let unknown = serde_json::from_value::<Status>("sent".into()).unwrap_err().to_string();
        assert_eq!(unknown, "unknown variant `sent`, expected `draft` or `complete`");
    }

    #[test]
    fn work_only_here_is_unexported_untouched_since_the_cutoff_and_not_in_a_later_backup() {
        let cutoff = "2026-11-20T12:00:00.000Z";
        assert!(record("2026-11-19T08:00:00.000Z", None).only_here_since(cutoff, None));
        assert!(!record("2026-11-21T08:00:00.000Z", None).only_here_since(cutoff, None), "changed since: not yet");
        assert!(!record("2026-11-19T08:00:00.000Z", Some("2026-11-19T09:00:00.000Z")).only_here_since(cutoff, None), "exported");
        assert!(!record("2026-11-19T08:00:00.000Z", None).only_here_since(cutoff, Some("2026-11-19T10:00:00.000Z")), "in a backup");
        assert!(record("2026-11-19T08:00:00.000Z", None).only_here_since(cutoff, Some("2026-11-18T10:00:00.000Z")), "changed after the backup");
    }
}
