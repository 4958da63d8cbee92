//! The shapes editors write: front matter of articles, events and pages, and
//! municipality records (SPEC §3–§6). Unknown keys are errors everywhere
//! except inside `extra`.

use serde::{Deserialize, Deserializer};

use super::dates::DateValue;

/// Front matter of an article (SPEC §3).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ArticleFront {
    pub title: String,
    #[serde(default)]
    pub date: Option<DateValue>,
    #[serde(default)]
    pub updated: Option<DateValue>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub municipalities: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

/// Front matter of an event (SPEC §4).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct EventFront {
    pub title: String,
    #[serde(default)]
    pub start: Option<DateValue>,
    #[serde(default)]
    pub end: Option<DateValue>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub municipalities: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// A lead image: a path in `static/` (`/bilder/fest.jpg`) or a URL.
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

/// Front matter of a standalone page (SPEC §6).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub menu: Option<i64>,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub extra: serde_json::Value,
}

/// A municipality record (SPEC §5).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct MunicipalityRecord {
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub joined: Option<i32>,
    #[serde(default, deserialize_with = "text_or_number")]
    pub cohort: Option<String>,
    #[serde(default)]
    pub leadership: Option<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub focus: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub location: Option<GeoPoint>,
    #[serde(default)]
    pub population: Option<u64>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub offers: Vec<OfferRecord>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

/// A person or office to contact.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Contact {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// One offer of a municipality's prevention chain.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct OfferRecord {
    pub name: String,
    #[serde(default, deserialize_with = "list_of_text")]
    pub stages: Vec<String>,
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A WGS84 position, checked for range while parsing so the error points at
/// the number.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GeoPoint {
    /// Latitude in degrees, −90 to 90.
    #[serde(deserialize_with = "latitude")]
    pub lat: f64,
    /// Longitude in degrees, −180 to 180.
    #[serde(deserialize_with = "longitude")]
    pub lon: f64,
}

fn latitude<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    d.deserialize_any(RangeVisitor {
        what: "latitude",
        limit: 90.0,
    })
}

fn longitude<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    d.deserialize_any(RangeVisitor {
        what: "longitude",
        limit: 180.0,
    })
}

struct RangeVisitor {
    what: &'static str,
    limit: f64,
}

impl RangeVisitor {
    fn check<E: serde::de::Error>(&self, v: f64) -> Result<f64, E> {
        if v.is_finite() && v.abs() <= self.limit {
            Ok(v)
        } else {
            Err(E::custom(format!(
                "{} {v} is out of range (−{limit} to {limit})",
                self.what,
                limit = self.limit
            )))
        }
    }
}

impl serde::de::Visitor<'_> for RangeVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a {} in degrees", self.what)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<f64, E> {
        self.check(v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<f64, E> {
        self.check(v as f64)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<f64, E> {
        self.check(v as f64)
    }
}

struct TextVisitor;

impl serde::de::Visitor<'_> for TextVisitor {
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a text or number")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// Text that editors may write unquoted as a number (`cohort: 2017`).
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(Text)
    }
}

fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Text>::deserialize(d).map(|t| t.map(|t| t.0))
}

fn list_of_text<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<Text>::deserialize(d).map(|v| v.into_iter().map(|t| t.0).collect())
}
