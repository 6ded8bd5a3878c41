//! Strategies shared by the property tests (tests/readers_never_panic.rs, tests/round_trips.rs):
//! answer text that is hard to carry (control characters, bidi marks, emoji, NUL, lone CR,
//! formula triggers), records of the fixture forms, arbitrary JSON, and the mutations applied to
//! valid bundles and zips. Records are of tests/bundle_fixtures' forms, so the same definitions
//! check them on export and on reading.
#![allow(dead_code)]

use std::collections::BTreeMap;

use gcm_collector::engine::{Answers, Condition, Instance, Value};
use gcm_collector::record::{Record, Status};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value as Json;

/// Pieces that break naive writers and readers: every one of them has to come back as it went.
pub const TRICKY: &[&str] = &[
    "\0", "\r", "\n", "\r\n", "\t", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{2028}", "\u{feff}",
    "\u{200F}", "\u{202E}", "\u{202D}", "\u{2066}", "\u{200D}", "😀", "👩‍👩‍👧", "🇵🇪", "\u{1F3FD}",
    "\"", "\"\"", ",", ";", "'", "\\", "\\u0000", "=", "+", "-", "@", "=SUM(A1)", " ", "  ",
    "ñ", "Núñez", "مرحبا", "日本", "\u{10FFFF}", "\u{FFFD}", "a", "Z", "0", "1.5",
];

/// Text of up to `max` pieces, each a tricky piece, any Unicode scalar, or a plain letter.
pub fn text_of(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(TRICKY).prop_map(String::from),
        3 => any::<char>().prop_map(String::from),
        2 => prop::char::range('a', 'z').prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..=max).prop_map(|pieces| pieces.concat())
}

/// Answer text: up to 24 pieces.
pub fn text() -> impl Strategy<Value = String> {
    text_of(24)
}

/// About `bytes` bytes of text made of every tricky piece in turn, for the one big answer.
pub fn big_text(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(TRICKY[i % TRICKY.len()]);
        out.push_str(&format!(" {i} "));
        i += 1;
    }
    out
}

/// A participant input of the fixtures' mini form, as the strategy chose it: the answers
/// a person could give, with text of any kind. Built into a [`Record`] by [`MiniInput::record`].
#[derive(Clone, Debug)]
pub struct MiniInput {
    pub name: String,
    pub has_plan: Option<bool>,
    /// Kept in the draft; exported only when `has_plan` is yes.
    pub plan: String,
    pub tags: Vec<&'static str>,
    /// Required when `tags` holds `b` (its section is relevant then), dropped from exports otherwise.
    pub extra_note: String,
    pub people: BTreeMap<&'static str, u32>,
    /// Title and level codes of each repeat instance.
    pub examples: Vec<(String, Vec<&'static str>)>,
    pub revision: u64,
    pub created: String,
    pub language: String,
}

pub fn mini_input() -> impl Strategy<Value = MiniInput> {
    let codes = |all: &'static [&'static str]| prop::sample::subsequence(all, 0..=all.len());
    (
        (text(), prop::option::of(any::<bool>()), text(), codes(&["a", "b"]), text()),
        prop::collection::btree_map(prop::sample::select(&["w", "m"][..]), any::<u32>(), 0..=2),
        prop::collection::vec((text(), codes(&["national", "regional"])), 0..=3),
        (any::<u64>(), text_of(6), text_of(3)),
    )
        .prop_map(|((name, has_plan, plan, tags, extra_note), people, examples, (revision, created, language))| MiniInput {
            name,
            has_plan,
            plan,
            tags,
            extra_note,
            people,
            examples,
            revision,
            created,
            language,
        })
}

impl MiniInput {
    /// The record, complete, with id `id` and parent session `parent`. Answers are put in as
    /// they are (the form page trims nothing either), so blank and odd text is kept.
    pub fn record(&self, id: &str, parent: &str) -> Record {
        let form = crate::bundle_fixtures::mini();
        let mut r = Record::new(&form, id.into(), self.created.clone(), &self.language);
        r.parent = Some(parent.into());
        r.revision = self.revision;
        let a = &mut r.answers.0;
        a.insert("name".into(), Value::Text(self.name.clone()));
        if let Some(yes) = self.has_plan {
            a.insert("has_plan".into(), Value::Text(if yes { "yes" } else { "no" }.into()));
        }
        a.insert("plan".into(), Value::Text(self.plan.clone()));
        if !self.tags.is_empty() {
            a.insert("tags".into(), Value::Many(self.tags.iter().map(|c| c.to_string()).collect()));
        }
        a.insert("extra_note".into(), Value::Text(self.extra_note.clone()));
        if !self.people.is_empty() {
            a.insert("people".into(), Value::Counts(self.people.iter().map(|(k, n)| (k.to_string(), *n)).collect()));
        }
        if !self.examples.is_empty() {
            let instances = self.examples.iter().enumerate().map(|(n, (title, levels))| {
                let mut answers = Answers::default();
                answers.0.insert("title".into(), Value::Text(title.clone()));
                if !levels.is_empty() {
                    answers.0.insert("levels".into(), Value::Many(levels.iter().map(|c| c.to_string()).collect()));
                }
                Instance { id: format!("x{n}"), answers }
            });
            a.insert("examples".into(), Value::Repeat(instances.collect()));
        }
        r.complete(&form, format!("{}+done", self.created)).unwrap_or_else(|v| panic!("the strategy makes valid inputs: {v:?}"));
        r
    }
}

/// A session record of the fixtures with any topic: complete.
pub fn session_with(id: &str, topic: &str) -> Record {
    let mut r = crate::bundle_fixtures::session(id);
    r.answers.0.insert("topic".into(), Value::Text(topic.into()));
    r
}

/// An answer as a backup may carry it, whatever the form says: any shape, nested repeats.
/// Lists of repeat instances are never empty (the app removes a group's last instance with the
/// answer itself) and no instance has an answer named `id` (the key of the instance's own id;
/// forms refuse it as an item id).
pub fn value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![prop::sample::select(&["name", "plan", "title", "a"][..]).prop_map(String::from), text_of(4)];
    let leaf = prop_oneof![
        text().prop_map(Value::Text),
        prop::collection::vec(text_of(4), 0..4).prop_map(Value::Many),
        prop::collection::btree_map(text_of(4), any::<u32>(), 0..4).prop_map(Value::Counts),
    ];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        let answers = prop::collection::btree_map(key.clone().prop_filter("`id` is the instance's", |k| k != "id"), inner, 0..4);
        prop::collection::vec((text_of(4), answers), 1..4).prop_map(|list| {
            Value::Repeat(list.into_iter().map(|(id, a)| Instance { id, answers: Answers(a) }).collect())
        })
    })
}

/// A record as a backup may carry it: a draft or not, of either fixture form, any answers,
/// perhaps migrated from an earlier version with answers set aside.
pub fn backup_record() -> impl Strategy<Value = Record> {
    (
        (prop::sample::select(&["session", "mini"][..]), any::<bool>(), any::<u64>(), text_of(6), text_of(6)),
        (prop::option::of(text_of(6)), text_of(3), prop::option::of(text_of(6)), prop::option::of(text_of(6))),
        prop::collection::btree_map(text_of(6), value(), 0..5),
        (prop::option::of(text_of(3)), prop::collection::btree_map(text_of(6), value(), 0..3)),
    )
        .prop_map(|((form, complete, revision, created, modified), (completed, language, parent, exported), answers, (migrated_from, set_aside))| Record {
            id: String::new(),
            form_id: form.into(),
            form_version: "1".into(),
            migrated_from,
            status: if complete { Status::Complete } else { Status::Draft },
            revision,
            created,
            modified,
            completed,
            language,
            parent,
            exported,
            answers: Answers(answers),
            set_aside: Answers(set_aside),
        })
}

/// `records` with distinct ids, each `<n>-` and some text (a bundle refuses an id twice).
pub fn with_ids(records: Vec<Record>, suffixes: &[String]) -> Vec<Record> {
    records.into_iter().enumerate().map(|(n, r)| Record { id: format!("{n}-{}", suffixes.get(n).map_or("", |s| s.as_str())), ..r }).collect()
}

/// A relevance condition of any shape, any item ids and codes.
pub fn condition() -> impl Strategy<Value = Condition> {
    let leaf = prop_oneof![
        (text_of(4), text_of(4)).prop_map(|(item, equals)| Condition::Equals { item, equals }),
        (text_of(4), any::<bool>()).prop_map(|(item, answered)| Condition::Answered { item, answered }),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|all| Condition::All { all }),
            prop::collection::vec(inner.clone(), 0..4).prop_map(|any| Condition::Any { any }),
            inner.prop_map(|c| Condition::Not { not: Box::new(c) }),
        ]
    })
}

/// Words a bundle, a record, an answer or a condition is made of: mutations that use them get
/// past the first checks more often than random text.
pub const WORDS: &[&str] = &[
    "gcm-review-bundle", "format", "format_version", "manifest", "records", "created", "app_version", "device_id", "kind",
    "submission", "backup", "forms", "sha256", "record_count", "records_sha256", "id", "form_id", "form_version", "status",
    "draft", "complete", "revision", "modified", "completed", "language", "parent", "exported", "answers", "session", "mini",
    "1", "name", "tags", "a", "b", "people", "w", "m", "examples", "title", "levels", "regional", "has_plan", "yes", "plan",
    "item", "equals", "answered", "all", "any", "not", "note",
];

/// Any JSON, up to three levels deep, with keys and strings often from [`WORDS`].
pub fn json() -> impl Strategy<Value = Json> {
    let word = || prop_oneof![2 => prop::sample::select(WORDS).prop_map(String::from), 1 => text_of(6)];
    let number = prop_oneof![
        any::<u32>().prop_map(Json::from),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        prop::sample::select(vec![0.5, -1.0, 1e300, -0.0, 3.0]).prop_map(Json::from),
        prop::sample::select(vec![0u64, 1, 2, u64::from(u32::MAX) + 1, u64::MAX]).prop_map(Json::from),
    ];
    let leaf = prop_oneof![Just(Json::Null), any::<bool>().prop_map(Json::Bool), number, word().prop_map(Json::String)];
    leaf.prop_recursive(3, 32, 5, move |inner| {
        // Objects with a string `id` look like repeat instances, lists of them like repeats.
        let instance = (word(), prop::collection::vec((word(), inner.clone()), 0..3)).prop_map(|(id, kv)| {
            let mut m: serde_json::Map<String, Json> = kv.into_iter().collect();
            m.insert("id".into(), Json::String(id));
            Json::Object(m)
        });
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
            prop::collection::vec(prop_oneof![inner.clone(), instance.clone()], 0..5).prop_map(Json::Array),
            prop::collection::vec((word(), inner), 0..5).prop_map(|kv| Json::Object(kv.into_iter().collect())),
            instance,
        ]
    })
}

/// One change to a JSON document, at a node chosen by its index among all nodes (pre-order).
#[derive(Clone, Debug)]
pub enum JsonEdit {
    /// The node becomes this value.
    Replace(Index, Json),
    /// The node is taken out of its object or array.
    Remove(Index),
    /// A member is added to the node (an object) or an element pushed (an array).
    Insert(Index, String, Json),
    /// The node is repeated next to itself in its array (a record twice, a form listed twice).
    Duplicate(Index),
    /// The node's array or object is emptied or reversed.
    Reverse(Index),
}

pub fn json_edit() -> impl Strategy<Value = JsonEdit> {
    let key = prop_oneof![prop::sample::select(WORDS).prop_map(String::from), text_of(6)];
    prop_oneof![
        (any::<Index>(), json()).prop_map(|(i, v)| JsonEdit::Replace(i, v)),
        any::<Index>().prop_map(JsonEdit::Remove),
        (any::<Index>(), key, json()).prop_map(|(i, k, v)| JsonEdit::Insert(i, k, v)),
        any::<Index>().prop_map(JsonEdit::Duplicate),
        any::<Index>().prop_map(JsonEdit::Reverse),
    ]
}

/// One step of a path into a JSON document.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    At(usize),
}

/// Every node's path, in pre-order (the root first).
fn paths(v: &Json) -> Vec<Vec<Step>> {
    fn walk(v: &Json, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(here.clone());
        match v {
            Json::Array(xs) => {
                for (n, x) in xs.iter().enumerate() {
                    here.push(Step::At(n));
                    walk(x, here, out);
                    here.pop();
                }
            }
            Json::Object(m) => {
                for (k, x) in m {
                    here.push(Step::Key(k.clone()));
                    walk(x, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

fn node_mut<'a>(v: &'a mut Json, path: &[Step]) -> &'a mut Json {
    path.iter().fold(v, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::At(n) => &mut v[*n],
    })
}

impl JsonEdit {
    /// Applies the edit to `doc`.
    pub fn apply(&self, doc: &mut Json) {
        let all = paths(doc);
        let pick = |i: &Index| all[i.index(all.len())].clone();
        match self {
            JsonEdit::Replace(i, value) => *node_mut(doc, &pick(i)) = value.clone(),
            JsonEdit::Remove(i) | JsonEdit::Duplicate(i) => {
                let mut path = pick(i);
                let Some(last) = path.pop() else { return };
                let parent = node_mut(doc, &path);
                match (parent, last, self) {
                    (Json::Object(m), Step::Key(k), JsonEdit::Remove(_)) => {
                        m.remove(&k);
                    }
                    (Json::Array(xs), Step::At(n), JsonEdit::Remove(_)) => {
                        xs.remove(n);
                    }
                    (Json::Array(xs), Step::At(n), _) => {
                        let again = xs[n].clone();
                        xs.insert(n, again);
                    }
                    _ => {}
                }
            }
            JsonEdit::Insert(i, key, value) => match node_mut(doc, &pick(i)) {
                Json::Object(m) => {
                    m.insert(key.clone(), value.clone());
                }
                Json::Array(xs) => xs.push(value.clone()),
                _ => {}
            },
            JsonEdit::Reverse(i) => match node_mut(doc, &pick(i)) {
                Json::Array(xs) if xs.len() > 1 => xs.reverse(),
                Json::Array(xs) => xs.clear(),
                Json::Object(m) => m.clear(),
                _ => {}
            },
        }
    }
}

/// One change to a file's bytes, at a position chosen by its index.
#[derive(Clone, Debug)]
pub enum ByteEdit {
    /// One bit of one byte flipped.
    Flip(Index, u8),
    /// One byte taken out.
    Delete(Index),
    /// One byte put in.
    Insert(Index, u8),
    /// A byte set to a value that means something in a zip or JSON header.
    Set(Index, u8),
    /// The file cut there (an unfinished download).
    Truncate(Index),
}

pub fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let telling = prop::sample::select(vec![0u8, 0xff, 0x7f, 0x80, b'P', b'K', 8, 14, b'{', b'"', b'\\', b'0']);
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(i, bit)| ByteEdit::Flip(i, bit)),
        any::<Index>().prop_map(ByteEdit::Delete),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        (any::<Index>(), telling).prop_map(|(i, b)| ByteEdit::Set(i, b)),
        any::<Index>().prop_map(ByteEdit::Truncate),
    ]
}

impl ByteEdit {
    /// Applies the edit to `bytes` (nothing to an empty file but an insertion).
    pub fn apply(&self, bytes: &mut Vec<u8>) {
        let len = bytes.len();
        if len == 0 {
            if let ByteEdit::Insert(_, b) = self {
                bytes.push(*b);
            }
            return;
        }
        match self {
            ByteEdit::Flip(i, bit) => bytes[i.index(len)] ^= 1 << bit,
            ByteEdit::Delete(i) => {
                bytes.remove(i.index(len));
            }
            ByteEdit::Insert(i, b) => bytes.insert(i.index(len + 1), *b),
            ByteEdit::Set(i, b) => bytes[i.index(len)] = *b,
            ByteEdit::Truncate(i) => bytes.truncate(i.index(len)),
        }
    }
}
