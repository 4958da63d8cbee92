//! The shapes editors write: front matter of articles, events and pages, and
//! municipality records (docs/site-format.md). Unknown keys are errors everywhere
//! except inside `extra`.

use serde::{Deserialize, Deserializer};

use super::checked;
use super::dates::DateValue;

/// Front matter of an article (docs/site-format.md, "Articles").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ArticleFront {
    #[serde(deserialize_with = "checked::text")]
    pub title: String,
    #[serde(default)]
    pub date: Option<DateValue>,
    #[serde(default)]
    pub updated: Option<DateValue>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub place: Option<String>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub municipalities: Vec<String>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub topics: Vec<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_url")]
    pub image: Option<String>,
    /// What the lead image shows, for readers who cannot see it; without
    /// it the image counts as decoration (`alt=""`).
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub image_alt: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "checked::extra")]
    pub extra: serde_json::Value,
}

/// Front matter of an event (docs/site-format.md, "Events").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct EventFront {
    #[serde(deserialize_with = "checked::text")]
    pub title: String,
    #[serde(default)]
    pub start: Option<DateValue>,
    #[serde(default)]
    pub end: Option<DateValue>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub municipalities: Vec<String>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub topics: Vec<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_url")]
    pub url: Option<String>,
    /// A lead image: a path in `static/` (`/bilder/fest.jpg`) or a URL.
    #[serde(default, deserialize_with = "checked::optional_url")]
    pub image: Option<String>,
    /// What the lead image shows, for readers who cannot see it; without
    /// it the image counts as decoration (`alt=""`).
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub image_alt: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "checked::extra")]
    pub extra: serde_json::Value,
}

/// Front matter of a standalone page (docs/site-format.md, "Pages").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct PageFront {
    #[serde(deserialize_with = "checked::text")]
    pub title: String,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub slug: Option<String>,
    #[serde(default)]
    pub menu: Option<i64>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub template: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "checked::extra")]
    pub extra: serde_json::Value,
}

/// A municipality record (docs/site-format.md, "Municipality records").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct MunicipalityRecord {
    #[serde(deserialize_with = "checked::text")]
    pub name: String,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub parent: Option<String>,
    #[serde(default)]
    pub joined: Option<i32>,
    #[serde(default, deserialize_with = "checked::optional_text_or_number")]
    pub cohort: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub leadership: Option<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub focus: Vec<String>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub partners: Vec<String>,
    #[serde(default, deserialize_with = "checked::optional_url")]
    pub website: Option<String>,
    #[serde(default)]
    pub location: Option<GeoPoint>,
    #[serde(default)]
    pub population: Option<u64>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub description: Option<String>,
    #[serde(default)]
    pub offers: Vec<OfferRecord>,
    /// The prose of the record in other languages of the site.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<crate::language::Language, RecordTranslation>,
    #[serde(default, deserialize_with = "checked::extra")]
    pub extra: serde_json::Value,
    /// Which prose fields a further language's view shows in the default
    /// language, its translation lacking them (set by
    /// [`MunicipalityRecord::mark_untranslated`]; never read from YAML).
    #[serde(skip)]
    pub untranslated: UntranslatedProse,
}

/// The prose fields of a record shown in the default language on a
/// further language's pages, so that the page can mark them with the
/// default language's `lang`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UntranslatedProse {
    /// The description.
    pub description: bool,
    /// The leadership line.
    pub leadership: bool,
}

/// A record's prose in one other language (`translations: en: …`): the
/// name stays one value; what is given here replaces the default
/// language's text on that language's pages.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordTranslation {
    /// The description.
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub description: Option<String>,
    /// The leadership line.
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub leadership: Option<String>,
    /// The focus list.
    #[serde(default, deserialize_with = "checked::text_list")]
    pub focus: Vec<String>,
    /// Offers' descriptions, by the offer's name.
    #[serde(default)]
    pub offers: std::collections::BTreeMap<String, OfferTranslation>,
}

/// An offer's prose in one other language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferTranslation {
    /// The description.
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub description: Option<String>,
}

impl MunicipalityRecord {
    /// Marks the prose that `translation` (the record's translation into a
    /// further language, if it has one) leaves in the default language.
    pub fn mark_untranslated(&mut self, translation: Option<&RecordTranslation>) {
        let given = |f: fn(&RecordTranslation) -> bool| translation.is_some_and(f);
        self.untranslated = UntranslatedProse {
            description: self.description.is_some() && !given(|t| t.description.is_some()),
            leadership: self.leadership.is_some() && !given(|t| t.leadership.is_some()),
        };
        for offer in &mut self.offers {
            let translated = translation
                .and_then(|t| t.offers.get(&offer.name))
                .is_some_and(|o| o.description.is_some());
            offer.description_untranslated = offer.description.is_some() && !translated;
        }
    }

    /// Puts the prose of `translation` in place; returns the offer names it
    /// gives that the record does not have.
    pub fn translate(&mut self, translation: RecordTranslation) -> Vec<String> {
        if translation.description.is_some() {
            self.description = translation.description;
        }
        if translation.leadership.is_some() {
            self.leadership = translation.leadership;
        }
        if !translation.focus.is_empty() {
            self.focus = translation.focus;
        }
        let mut unknown = Vec::new();
        for (name, offer) in translation.offers {
            match self.offers.iter_mut().find(|o| o.name == name) {
                Some(o) => {
                    if offer.description.is_some() {
                        o.description = offer.description;
                    }
                }
                None => unknown.push(name),
            }
        }
        unknown
    }
}

/// A person or office to contact.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Contact {
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub role: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_email")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_phone")]
    pub phone: Option<String>,
}

/// One offer of a municipality's prevention chain.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct OfferRecord {
    #[serde(deserialize_with = "checked::text")]
    pub name: String,
    #[serde(default, deserialize_with = "checked::text_or_number_list")]
    pub stages: Vec<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub provider: Option<String>,
    #[serde(default, deserialize_with = "checked::text_list")]
    pub topics: Vec<String>,
    #[serde(default, deserialize_with = "checked::optional_url")]
    pub url: Option<String>,
    #[serde(default)]
    pub contact: Option<Contact>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    pub description: Option<String>,
    /// The description is shown in the default language on a further
    /// language's pages (see [`UntranslatedProse`]; never read from YAML).
    #[serde(skip)]
    pub description_untranslated: bool,
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
            let latitude = self.what == "latitude";
            Err(E::custom(
                crate::messages::out_of_range(latitude, v, self.limit).pack(),
            ))
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
