//! The hand-written readers of answers and conditions (src/engine/serde_de.rs: `Value`, the
//! elements of a list answer, `Instance` and `Condition`, whose JSON carries no tag) against a
//! model written from their doc comments: any JSON is read exactly as its shape says, or
//! refused; any bytes are refused or read without a panic; and what the app writes reads back
//! the same.
//!
//! Cases per property (proptest; `PROPTEST_CASES` overrides them all):
//! - any JSON (three levels, the words of bundles and conditions), or an answer the app wrote
//!   with up to two edits, as an answer and as answers: 1024
//! - the same for a condition: 1024
//! - any bytes, alone or after a JSON start, as each of them and as a record: 1024
//! - any answer (nested repeats) and any condition, written and read back: 512
//!
//! Plus nesting far past serde_json's recursion limit, refused without a stack overflow.

mod arbitrary;
mod bundle_fixtures;

use std::collections::BTreeMap;

use arbitrary::*;
use gcm_collector::engine::{Answers, Condition, Instance, Value};
use gcm_collector::record::Record;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value as Json;

/// An answer as serde_de.rs documents it: a string is text; a list of strings, codes (an empty
/// list too); a list of objects, repeat instances; an object of whole numbers that fit a u32,
/// counts by code. Anything else, mixed lists included, is refused.
fn model_value(json: &Json) -> Option<Value> {
    match json {
        Json::String(s) => Some(Value::Text(s.clone())),
        Json::Array(xs) => {
            let (mut codes, mut instances) = (Vec::new(), Vec::new());
            for x in xs {
                match x {
                    Json::String(s) => codes.push(s.clone()),
                    Json::Object(m) => instances.push(model_instance(m)?),
                    _ => return None,
                }
            }
            match (codes.is_empty(), instances.is_empty()) {
                (_, true) => Some(Value::Many(codes)),
                (true, false) => Some(Value::Repeat(instances)),
                (false, false) => None,
            }
        }
        Json::Object(m) => {
            let count = |n: &Json| n.as_u64().and_then(|n| u32::try_from(n).ok());
            m.iter().map(|(k, n)| Some((k.clone(), count(n)?))).collect::<Option<BTreeMap<_, _>>>().map(Value::Counts)
        }
        _ => None,
    }
}

/// `{"id": "…", "<item>": <answer>, …}`: a string id, and answers beside it.
fn model_instance(m: &serde_json::Map<String, Json>) -> Option<Instance> {
    let id = m.get("id")?.as_str()?.to_string();
    let answers = m.iter().filter(|(k, _)| *k != "id").map(|(k, v)| Some((k.clone(), model_value(v)?))).collect::<Option<_>>()?;
    Some(Instance { id, answers: Answers(answers) })
}

/// A condition as condition.rs documents it: exactly one of the shapes `{item, equals}`,
/// `{item, answered}`, `{all}`, `{any}`, `{not}`, members of the right types, no other member.
fn model_condition(json: &Json) -> Option<Condition> {
    let m = json.as_object()?;
    let text = |k: &str| m.get(k).map(|v| v.as_str().map(String::from));
    let list = |k: &str| m.get(k).map(|v| v.as_array().and_then(|xs| xs.iter().map(model_condition).collect::<Option<Vec<_>>>()));
    let answered = m.get("answered").map(Json::as_bool);
    let not = m.get("not").map(|v| model_condition(v).map(Box::new));
    if m.keys().any(|k| !["item", "equals", "answered", "all", "any", "not"].contains(&k.as_str())) {
        return None;
    }
    // A member of the wrong type is refused whatever the shape.
    match (text("item"), text("equals"), answered, list("all"), list("any"), not) {
        (Some(Some(item)), Some(Some(equals)), None, None, None, None) => Some(Condition::Equals { item, equals }),
        (Some(Some(item)), None, Some(Some(answered)), None, None, None) => Some(Condition::Answered { item, answered }),
        (None, None, None, Some(Some(all)), None, None) => Some(Condition::All { all }),
        (None, None, None, None, Some(Some(any)), None) => Some(Condition::Any { any }),
        (None, None, None, None, None, Some(Some(not))) => Some(Condition::Not { not }),
        _ => None,
    }
}

/// JSON of any shape, or what the app writes for `typed` with up to two edits: near misses
/// reach every branch of the readers, which random JSON seldom shapes as a condition.
fn near<T: Serialize + std::fmt::Debug>(typed: impl Strategy<Value = T>) -> impl Strategy<Value = Json> {
    let edited = (typed, prop::collection::vec(json_edit(), 0..=2)).prop_map(|(t, edits)| {
        let mut doc = serde_json::to_value(t).unwrap();
        for e in &edits {
            e.apply(&mut doc);
        }
        doc
    });
    prop_oneof![json(), edited]
}

/// `json` read as a `T` from its text and from the tree (two serde paths into the same visitor).
fn read_twice<T: DeserializeOwned + PartialEq + std::fmt::Debug>(json: &Json) -> Result<Option<T>, TestCaseError> {
    let from_text = serde_json::from_str::<T>(&json.to_string()).ok();
    let from_tree = serde_json::from_value::<T>(json.clone()).ok();
    prop_assert_eq!(&from_text, &from_tree, "the same from text and from a tree: {}", json);
    Ok(from_text)
}

/// Anything read writes back to JSON that reads as the same thing.
fn rereads<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(value: &T) -> Result<(), TestCaseError> {
    let again: T = serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap();
    prop_assert_eq!(&again, value);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]
    #[test]
    fn any_json_is_an_answer_exactly_when_its_shape_says(json in near(value())) {
        let read = read_twice::<Value>(&json)?;
        prop_assert_eq!(&read, &model_value(&json), "{}", json);
        if let Some(v) = &read {
            rereads(v)?;
        }
        // Answers: an object of answers by item id.
        let answers = read_twice::<Answers>(&json)?;
        let model = json.as_object().and_then(|m| m.iter().map(|(k, v)| Some((k.clone(), model_value(v)?))).collect::<Option<_>>());
        prop_assert_eq!(answers, model.map(Answers));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]
    #[test]
    fn any_json_is_a_condition_exactly_when_its_shape_says(json in near(condition())) {
        let read = read_twice::<Condition>(&json)?;
        prop_assert_eq!(&read, &model_condition(&json), "{}", json);
        if let Some(c) = &read {
            rereads(c)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]
    #[test]
    fn any_bytes_are_refused_or_read_without_a_panic(
        start in prop::sample::select(vec!["", "{", "[", "{\"id\":", "[{\"id\":\"x\",\"a\":", "{\"not\":", "{\"all\":[", "\""]),
        rest in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let bytes = [start.as_bytes(), &rest].concat();
        if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
            rereads(&v)?;
        }
        if let Ok(a) = serde_json::from_slice::<Answers>(&bytes) {
            rereads(&a)?;
        }
        if let Ok(c) = serde_json::from_slice::<Condition>(&bytes) {
            rereads(&c)?;
        }
        if let Ok(r) = serde_json::from_slice::<Record>(&bytes) {
            rereads(&r)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn answers_and_conditions_the_app_writes_read_back_the_same(v in value(), c in condition()) {
        rereads(&v)?;
        rereads(&Answers(BTreeMap::from([("q".to_string(), v)])))?;
        rereads(&c)?;
    }
}

#[test]
fn nesting_past_the_recursion_limit_is_refused_without_overflowing_the_stack() {
    let deep = |open: &str, close: &str| format!("{}\"x\"{}", open.repeat(5_000), close.repeat(5_000));
    assert!(serde_json::from_str::<Value>(&deep("[{\"id\":\"i\",\"a\":", "}]")).is_err());
    assert!(serde_json::from_str::<Answers>(&deep("{\"a\":[{\"id\":\"i\",\"a\":", "}]}")).is_err());
    assert!(serde_json::from_str::<Condition>(&format!("{}{{\"item\":\"a\",\"answered\":true}}{}", "{\"not\":".repeat(5_000), "}".repeat(5_000))).is_err());
    assert!(serde_json::from_str::<Condition>(&format!("{}{}", "{\"all\":[".repeat(5_000), "]}".repeat(5_000))).is_err());
    // Within the limit, deep answers read (and write back).
    let ok = format!("{}\"x\"{}", "[{\"id\":\"i\",\"a\":".repeat(30), "}]".repeat(30));
    let v: Value = serde_json::from_str(&ok).unwrap();
    assert_eq!(serde_json::to_string(&v).unwrap(), ok);
}
