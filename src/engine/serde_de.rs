//! Reading answers and conditions, whose JSON carries no tag: the shape says which they are.
//!
//! Written by hand rather than with `#[serde(untagged)]` and `#[serde(flatten)]`, which buffer
//! every value in serde's `Content` before trying each variant: that cost about 4 KB gzip of
//! wasm and a second pass over every answer of every record read.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::answers::{Answers, Instance, Value};
use super::condition::Condition;

/// A string is text; a list of strings, codes; a list of objects, repeat instances; an object
/// of whole numbers, counts.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text, a list of codes, a list of repeat instances, or counts by code")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Text(v.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let (mut codes, mut instances) = (Vec::new(), Vec::new());
        while let Some(element) = seq.next_element::<Element>()? {
            match element {
                Element::Code(c) => codes.push(c),
                Element::Instance(i) => instances.push(i),
            }
        }
        match (codes.is_empty(), instances.is_empty()) {
            (_, true) => Ok(Value::Many(codes)),
            (true, false) => Ok(Value::Repeat(instances)),
            (false, false) => Err(de::Error::custom("a list mixing codes and repeat instances")),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut counts = BTreeMap::new();
        while let Some((code, n)) = map.next_entry::<String, u32>()? {
            counts.insert(code, n);
        }
        Ok(Value::Counts(counts))
    }
}

/// One element of a list answer.
enum Element {
    Code(String),
    Instance(Instance),
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ElementVisitor;
        impl<'de> Visitor<'de> for ElementVisitor {
            type Value = Element;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a code or a repeat instance")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Element, E> {
                Ok(Element::Code(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Element, A::Error> {
                InstanceVisitor.visit_map(map).map(Element::Instance)
            }
        }
        d.deserialize_any(ElementVisitor)
    }
}

impl<'de> Deserialize<'de> for Instance {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(InstanceVisitor)
    }
}

/// `{"id": "…", "<item>": <answer>, …}`.
struct InstanceVisitor;

impl<'de> Visitor<'de> for InstanceVisitor {
    type Value = Instance;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a repeat instance: an object with an id and its answers")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Instance, A::Error> {
        let (mut id, mut answers) = (None, BTreeMap::new());
        while let Some(key) = map.next_key::<String>()? {
            if key == "id" {
                id = Some(map.next_value::<String>()?);
            } else {
                let value = map.next_value::<Value>()?;
                answers.insert(key, value);
            }
        }
        let id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        Ok(Instance { id, answers: Answers(answers) })
    }
}

/// The members present say which condition it is: `item` with `equals`, `item` with `answered`,
/// `all`, `any` or `not`, exactly one shape. Anything else, unknown members included, is refused:
/// a misspelt condition in a form must fail its tests, not quietly hold.
impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ConditionVisitor)
    }
}

struct ConditionVisitor;

impl<'de> Visitor<'de> for ConditionVisitor {
    type Value = Condition;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a condition: {item, equals}, {item, answered}, {all}, {any} or {not}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Condition, A::Error> {
        let (mut item, mut equals, mut answered, mut all, mut any, mut not) = (None, None, None, None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "item" => item = Some(map.next_value::<String>()?),
                "equals" => equals = Some(map.next_value::<String>()?),
                "answered" => answered = Some(map.next_value::<bool>()?),
                "all" => all = Some(map.next_value::<Vec<Condition>>()?),
                "any" => any = Some(map.next_value::<Vec<Condition>>()?),
                "not" => not = Some(Box::new(map.next_value::<Condition>()?)),
                other => return Err(de::Error::unknown_field(other, &["item", "equals", "answered", "all", "any", "not"])),
            }
        }
        match (item, equals, answered, all, any, not) {
            (Some(item), Some(equals), None, None, None, None) => Ok(Condition::Equals { item, equals }),
            (Some(item), None, Some(answered), None, None, None) => Ok(Condition::Answered { item, answered }),
            (None, None, None, Some(all), None, None) => Ok(Condition::All { all }),
            (None, None, None, None, Some(any), None) => Ok(Condition::Any { any }),
            (None, None, None, None, None, Some(not)) => Ok(Condition::Not { not }),
            _ => Err(de::Error::custom("a condition is one of {item, equals}, {item, answered}, {all}, {any}, {not}")),
        }
    }
}
