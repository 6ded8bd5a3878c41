//! One language's texts, flattened to dotted keys (`ui.start`, `lists.countries.PER`,
//! `forms.annex1.items.country.label`), and [`Text`], the key a definition names a text by.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};

use super::Lang;

/// A text named by its key in every language's catalog. Definitions hold these, never the
/// words themselves, so a form is the same in every language and its words arrive with the
/// language (`locales/<code>.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text(Box<str>);

impl Text {
    /// The text with this key.
    pub fn new(key: impl Into<Box<str>>) -> Text {
        Text(key.into())
    }

    /// The key: `forms.annex1.items.country.label`.
    pub fn key(&self) -> &str {
        &self.0
    }

    /// The words in `t`'s language; the key itself when the catalog lacks them (a defect the
    /// completeness tests catch, shown rather than hidden).
    pub fn get<'a>(&'a self, t: &Catalog) -> &'a str {
        t.find(&self.0).unwrap_or(&self.0)
    }

    /// The words in `t`'s language, or `None` when there are none: optional texts (hints,
    /// intros) exist only where the English catalog has them.
    pub fn find(&self, t: &Catalog) -> Option<&'static str> {
        t.find(&self.0)
    }
}

/// Why a locale file could not be read.
#[derive(Debug)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "locale file: {}", self.0)
    }
}

impl std::error::Error for ParseError {}

/// The texts of one language. Built once per language for the life of the page: its words
/// are leaked on purpose (at most one file per language), so screens can hold `&'static str`
/// and a catalog reads as its UI strings (`t.start()`, `ui.rs`).
pub struct Catalog {
    lang: Lang,
    texts: BTreeMap<Box<str>, &'static str>,
}

impl Catalog {
    /// Reads a locale file: a JSON object whose leaves are strings, nested to any depth, each
    /// key without dots and given once. (The browser reads the same files, checked here by
    /// the tests, through `JSON.parse`: a second JSON reader in the wasm would cost more.)
    pub fn parse(lang: Lang, json: &str) -> Result<Catalog, ParseError> {
        let mut texts = BTreeMap::new();
        let mut de = serde_json::Deserializer::from_slice(json.as_bytes());
        Flatten { texts: &mut texts, prefix: String::new() }.deserialize(&mut de).map_err(|e| ParseError(e.to_string()))?;
        de.end().map_err(|e| ParseError(e.to_string()))?;
        Ok(Catalog::new(lang, texts))
    }

    /// A catalog of texts already flattened to dotted keys (leaked: see [`Catalog`]).
    pub fn new(lang: Lang, texts: BTreeMap<Box<str>, &'static str>) -> Catalog {
        Catalog { lang, texts }
    }

    /// The UI text with this key, or "" when the catalog lacks it (the completeness tests
    /// catch that).
    #[inline(never)]
    pub(super) fn ui(&self, key: &str) -> &'static str {
        self.texts.get(key).copied().unwrap_or("")
    }

    /// The language of these texts.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text with this key, if present and not blank.
    pub fn find(&self, key: &str) -> Option<&'static str> {
        self.texts.get(key).copied().filter(|s| !s.trim().is_empty())
    }

    /// The text with this key, or the key itself when it is missing.
    pub fn get<'a>(&self, key: &'a str) -> &'a str {
        self.find(key).unwrap_or(key)
    }

    /// The text with this key, its `{name}` placeholders replaced by `args` (one pass, so a
    /// value holding braces is never read as a placeholder).
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// Every key and text, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &'static str)> + '_ {
        self.texts.iter().map(|(k, v)| (&**k, *v))
    }
}


/// `template` with each `{name}` of `args` replaced; unknown placeholders stay as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| args.iter().find(|(n, _)| *n == &after[..close]).map(|(_, v)| (close, v))) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads nested objects into `prefix.key` entries; any value but a string or an object is refused.
struct Flatten<'a> {
    texts: &'a mut BTreeMap<Box<str>, &'static str>,
    prefix: String,
}

impl<'de> DeserializeSeed<'de> for Flatten<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Flatten<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an object of texts")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        if self.prefix.is_empty() {
            return Err(E::custom("a locale file is an object"));
        }
        let text: &'static str = Box::leak(v.to_owned().into_boxed_str());
        self.texts.insert(self.prefix.into_boxed_str(), text);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key.is_empty() || key.contains('.') {
                return Err(A::Error::custom(format!("key “{key}” in “{}” must be non-empty, without dots", self.prefix)));
            }
            let prefix = if self.prefix.is_empty() { key.into_owned() } else { format!("{}.{key}", self.prefix) };
            if self.texts.contains_key(prefix.as_str()) {
                return Err(A::Error::custom(format!("“{prefix}” is given twice")));
            }
            map.next_value_seed(Flatten { texts: &mut *self.texts, prefix })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(json: &str) -> Catalog {
        Catalog::parse(Lang::En, json).unwrap()
    }

    #[test]
    fn nested_objects_become_dotted_keys() {
        let t = catalog(r#"{"ui":{"start":"Start"},"forms":{"f":{"items":{"a":{"label":"A?"}}}}}"#);
        assert_eq!(t.get("ui.start"), "Start");
        assert_eq!(t.start(), "Start", "the UI strings read as methods");
        assert_eq!(Text::new("forms.f.items.a.label").get(&t), "A?");
        assert_eq!(t.entries().count(), 2);
    }

    #[test]
    fn a_missing_text_shows_its_key_and_blank_ones_count_as_missing() {
        let t = catalog(r#"{"a":{"b":"  "}}"#);
        assert_eq!(t.get("a.c"), "a.c");
        assert_eq!(t.find("a.b"), None);
        assert_eq!(Text::new("a.b").find(&t), None);
    }

    #[test]
    fn placeholders_are_filled_once_and_unknown_ones_kept() {
        assert_eq!(fill("{n} of {m} — {x}", &[("n", "1"), ("m", "{n}")]), "1 of {n} — {x}");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { brace", &[("x", "y")]), "open { brace");
        assert_eq!(catalog(r#"{"k":"Hello {name}."}"#).fill("k", &[("name", "Ana")]), "Hello Ana.");
    }

    #[test]
    fn numbers_arrays_dotted_keys_and_duplicates_are_refused() {
        for bad in [r#"{"a":1}"#, r#"{"a":["x"]}"#, r#"{"a.b":"x"}"#, r#"{"a":"x","a":"y"}"#, r#""x""#, r#"{"a":"x"} trailing"#, "{"] {
            assert!(Catalog::parse(Lang::En, bad).is_err(), "{bad}");
        }
    }
}
