//! Checks made while front matter, records and `site.yaml` are read, so that
//! a refused value is reported at its own line and column: text without
//! control characters, and URL, e-mail and phone fields within the one URL
//! policy ([`crate::url_policy`]).
//!
//! The checks run inside the parser's visitors: serde_yaml gives an error
//! raised there the position and the path (`offers[0].url`) of the value it
//! was reading (`yaml::parse` turns both into the diagnostic). An error
//! raised after a value was read would point at the map around it.
//!
//! Used as `#[serde(deserialize_with = "checked::…")]` on the fields of the
//! structs editors write; the fields stay plain `String`s.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::messages::{self, Text as Message};
use crate::url_policy;

/// Why `text` may not be published: the first control character in it
/// (C0, DEL, C1) other than tab, line feed and carriage return. Such
/// characters (YAML writes them as `\x01`, `\b`, `\e`, `\0`, `\x85`) end up
/// raw in HTML, make Atom feeds unparseable XML (C0) or are read as
/// Windows-1252 punctuation by feed readers (C1), and are not allowed in
/// iCalendar text. YAML itself refuses them written as they are.
pub(crate) fn control_character(text: &str) -> Option<Message> {
    let c = text
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    Some(messages::control_character(u32::from(c)))
}

/// What one kind of checked value must be.
trait Rule {
    /// For serde's "expected …" messages.
    const EXPECTING: &'static str;
    /// `Err(message)` when `value` is refused.
    fn check(value: &str) -> Result<(), messages::Text>;
}

/// Any text: no control characters but tab and line breaks.
struct Text;

impl Rule for Text {
    const EXPECTING: &'static str = "a text";
    fn check(value: &str) -> Result<(), messages::Text> {
        control_character(value).map_or(Ok(()), Err)
    }
}

/// A link or image source from content: [`url_policy::check`].
struct Url;

impl Rule for Url {
    const EXPECTING: &'static str = "a URL";
    fn check(value: &str) -> Result<(), messages::Text> {
        url_policy::check(value)
            .map(|_| ())
            .map_err(|why| messages::url_refused(&why.text(), &messages::allowed_forms()))
    }
}

/// An e-mail address, which themes turn into a `mailto:` link.
struct Email;

impl Rule for Email {
    const EXPECTING: &'static str = "an e-mail address";
    fn check(value: &str) -> Result<(), messages::Text> {
        if url_policy::is_email(value) {
            Ok(())
        } else {
            Err(messages::not_an_email(&value.escape_debug().to_string()))
        }
    }
}

/// A phone number.
struct Phone;

impl Rule for Phone {
    const EXPECTING: &'static str = "a phone number";
    fn check(value: &str) -> Result<(), messages::Text> {
        if url_policy::is_phone(value) {
            Ok(())
        } else {
            Err(messages::not_a_phone(&value.escape_debug().to_string()))
        }
    }
}

/// A string that passed rule `R`; `NUMBERS` also takes a number written
/// unquoted (`cohort: 2017`) as its text.
struct Checked<R, const NUMBERS: bool = false>(String, PhantomData<R>);

impl<'de, R: Rule, const NUMBERS: bool> Deserialize<'de> for Checked<R, NUMBERS> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let visitor = CheckedVisitor::<R, NUMBERS>(PhantomData);
        let text = if NUMBERS {
            d.deserialize_any(visitor)
        } else {
            d.deserialize_string(visitor)
        }?;
        Ok(Checked(text, PhantomData))
    }
}

struct CheckedVisitor<R, const NUMBERS: bool>(PhantomData<R>);

impl<R: Rule, const NUMBERS: bool> CheckedVisitor<R, NUMBERS> {
    fn number<E: de::Error>(self, text: String, unexpected: de::Unexpected) -> Result<String, E> {
        if NUMBERS {
            Ok(text)
        } else {
            Err(E::invalid_type(unexpected, &self))
        }
    }
}

impl<R: Rule, const NUMBERS: bool> Visitor<'_> for CheckedVisitor<R, NUMBERS> {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(R::EXPECTING)?;
        if NUMBERS {
            f.write_str(" or number")?;
        }
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        R::check(v).map_err(|t| E::custom(t.pack()))?;
        Ok(v.to_string())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        R::check(&v).map_err(|t| E::custom(t.pack()))?;
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        self.number(v.to_string(), de::Unexpected::Signed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        self.number(v.to_string(), de::Unexpected::Unsigned(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        self.number(v.to_string(), de::Unexpected::Float(v))
    }
}

fn one<'de, R: Rule, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Checked::<R>::deserialize(d).map(|c| c.0)
}

fn optional<'de, R: Rule, const N: bool, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Option::<Checked<R, N>>::deserialize(d).map(|c| c.map(|c| c.0))
}

fn list<'de, R: Rule, const N: bool, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<Checked<R, N>>::deserialize(d).map(|v| v.into_iter().map(|c| c.0).collect())
}

/// Text without control characters (but tabs and line breaks).
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    one::<Text, D>(d)
}

/// Optional [`text`].
pub(crate) fn optional_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    optional::<Text, false, D>(d)
}

/// A list of [`text`]s (topics, municipalities, aliases, …).
pub(crate) fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    list::<Text, false, D>(d)
}

/// Optional [`text`] that editors may write unquoted as a number
/// (`cohort: 2017`).
pub(crate) fn optional_text_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    optional::<Text, true, D>(d)
}

/// A list of [`text`]s, each of which may be written as a number
/// (`stages: [0-3, 6]`).
pub(crate) fn text_or_number_list<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<String>, D::Error> {
    list::<Text, true, D>(d)
}

/// An optional link or image source within the URL policy.
pub(crate) fn optional_url<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    optional::<Url, false, D>(d)
}

/// An optional e-mail address (`name@example.org`).
pub(crate) fn optional_email<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    optional::<Email, false, D>(d)
}

/// An optional phone number.
pub(crate) fn optional_phone<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    optional::<Phone, false, D>(d)
}

/// Free data for templates (`extra:`), read as `serde_json` would read it,
/// with every text in it (keys included) checked like [`text`].
pub(crate) fn extra<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    Extra::deserialize(d).map(|e| e.0)
}

/// A [`Value`] whose strings were checked while it was read.
struct Extra(Value);

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ExtraVisitor).map(Extra)
    }
}

/// A map key of `extra`, checked like its values.
struct ExtraKey(String);

impl<'de> Deserialize<'de> for ExtraKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(CheckedVisitor::<Text, false>(PhantomData))
            .map(ExtraKey)
    }
}

struct ExtraVisitor;

impl<'de> Visitor<'de> for ExtraVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // As serde_json's own `Value`: a float JSON cannot hold is null.
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Text::check(v).map_err(|t| E::custom(t.pack()))?;
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Text::check(&v).map_err(|t| E::custom(t.pack()))?;
        Ok(Value::String(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Extra::deserialize(d).map(|e| e.0)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(Extra(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = serde_json::Map::new();
        while let Some((ExtraKey(key), Extra(value))) = map.next_entry()? {
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Sample {
        #[serde(deserialize_with = "text")]
        title: String,
        #[serde(default, deserialize_with = "text_list")]
        topics: Vec<String>,
        #[serde(default, deserialize_with = "optional_url")]
        website: Option<String>,
        #[serde(default, deserialize_with = "optional_text_or_number")]
        cohort: Option<String>,
        #[serde(default, deserialize_with = "extra")]
        extra: Value,
    }

    fn parse(yaml: &str) -> Result<Sample, String> {
        serde_yaml::from_str(yaml).map_err(|e| {
            let raw = e.to_string();
            match Message::unpack(&raw) {
                Some((before, text, after)) => format!("{before}{}{after}", text.en()),
                None => raw,
            }
        })
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        for escape in [
            r"\x01", r"\b", r"\e", r"\0", r"\x1f", r"\v", r"\f", r"\x7f", r"\N", r"\x9f",
        ] {
            let err = parse(&format!("title: \"a{escape}b\"\n")).unwrap_err();
            assert!(err.contains("control character U+00"), "{escape}: {err}");
            assert!(err.ends_with("at line 1 column 8"), "{escape}: {err}");
        }
        let err = parse("title: a\ntopics:\n  - ok\n  - \"x\\ey\"\n").unwrap_err();
        assert!(err.starts_with("topics[1]: "), "{err}");
        assert!(err.ends_with("at line 4 column 5"), "{err}");
        let ok = parse("title: \"tab\\there\\r\\nand\\nlines\"\ncohort: 2017\n").unwrap();
        assert_eq!(ok.title, "tab\there\r\nand\nlines");
        assert_eq!(ok.cohort.as_deref(), Some("2017"));
    }

    #[test]
    fn urls_follow_the_policy() {
        let err = parse("title: a\nwebsite: \"javascript:alert(1)\"\n").unwrap_err();
        assert!(
            err.starts_with("website: `javascript:` links are not allowed (allowed: "),
            "{err}"
        );
        assert!(err.ends_with("at line 2 column 10"), "{err}");
        let ok = parse("title: a\nwebsite: https://www.ahlen.de/\n").unwrap();
        assert_eq!(ok.website.as_deref(), Some("https://www.ahlen.de/"));
    }

    #[test]
    fn extra_is_read_as_json_with_checked_texts() {
        let ok =
            parse("title: a\nextra:\n  n: 1\n  f: 1.5\n  list: [x, true, null]\n  map: { k: v }\n")
                .unwrap();
        assert_eq!(
            ok.extra,
            serde_json::json!({"n": 1, "f": 1.5, "list": ["x", true, null], "map": {"k": "v"}})
        );
        let err = parse("title: a\nextra:\n  map:\n    k: \"\\x1b[31m\"\n").unwrap_err();
        assert!(
            err.starts_with("extra.map.k: the text contains the control character U+001B"),
            "{err}"
        );
        assert!(err.ends_with("at line 4 column 8"), "{err}");
        let err = parse("title: a\nextra:\n  \"k\\x01\": v\n").unwrap_err();
        assert!(err.contains("U+0001"), "{err}");
    }
}

#[cfg(test)]
mod parity {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Plain {
        #[serde(default)]
        a: Option<String>,
        #[serde(default)]
        b: Vec<String>,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Checked {
        #[serde(default, deserialize_with = "optional_text")]
        a: Option<String>,
        #[serde(default, deserialize_with = "text_list")]
        b: Vec<String>,
    }

    #[test]
    fn checked_text_reads_what_plain_strings_read() {
        for yaml in [
            "a: 5\n",
            "a: true\n",
            "a: ~\n",
            "a: 1.5\n",
            "b: [2017, x, yes]\n",
            "a: [x]\n",
            "b: x\n",
            "a: \"q\"\n",
            "a: |\n  block\n",
            "a: 0x1F\n",
            "b: [~]\n",
        ] {
            let plain = serde_yaml::from_str::<Plain>(yaml).map(|p| (p.a, p.b));
            let checked = serde_yaml::from_str::<Checked>(yaml).map(|p| (p.a, p.b));
            match (plain, checked) {
                (Ok(p), Ok(c)) => assert_eq!(p, c, "{yaml}"),
                (Err(_), Err(_)) => {}
                (p, c) => panic!("{yaml}: {p:?} vs {c:?}"),
            }
        }
    }

    #[derive(serde::Deserialize, Debug)]
    struct PlainExtra {
        x: Value,
    }

    #[derive(serde::Deserialize, Debug)]
    struct CheckedExtra {
        #[serde(deserialize_with = "extra")]
        x: Value,
    }

    #[test]
    fn extra_reads_what_serde_json_reads() {
        for yaml in [
            "x: { a: 1, b: [1, -2, 3.5, .nan, .inf, ~, true, \"s\"], c: { d: e } }\n",
            "x: 18446744073709551615\n",
            "x:\n  base: &b { k: 1 }\n  copy: *b\n",
            "x: { 1: one, true: t }\n",
            "x: !tag v\n",
            "x: [ [ [ ] ] ]\n",
        ] {
            let plain = serde_yaml::from_str::<PlainExtra>(yaml).map(|p| p.x);
            let checked = serde_yaml::from_str::<CheckedExtra>(yaml).map(|p| p.x);
            match (plain, checked) {
                (Ok(p), Ok(c)) => assert_eq!(p, c, "{yaml}"),
                (Err(_), Err(_)) => {}
                (p, c) => panic!("{yaml}: {p:?} vs {c:?}"),
            }
        }
    }
}
