//! The items of a site after loading: articles, events, municipalities with
//! their offers, topics and pages, linked to each other by index.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;

use crate::content::records::{Contact, GeoPoint};

/// Index of a municipality in [`super::Site::municipalities`].
pub(crate) type MunicipalityId = usize;
/// Index of a topic in [`super::Site::topics`].
pub(crate) type TopicId = usize;
/// Index of a stage in the configuration's stages.
pub(crate) type StageId = usize;

/// A point in time in the site's time zone; all-day values are midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    /// The instant.
    pub at: DateTime<Tz>,
    /// True when only the day was given.
    pub all_day: bool,
}

impl When {
    /// The calendar day in the site's time zone.
    pub fn date(&self) -> NaiveDate {
        self.at.date_naive()
    }
}

/// The lead image of an article or event (`image:`).
#[derive(Debug, Clone)]
pub enum Image {
    /// A photo of the site, processed: its widths and link preview crop.
    Picture(std::sync::Arc<crate::catalog::Picture>),
    /// A file of the site published as it is (SVG, GIF): its site-relative
    /// path.
    File(String),
    /// An image on another site: its URL.
    External(String),
}

/// A file copied beside a page (a file of an article folder; photos are
/// published processed instead, see [`crate::images`]).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Source, relative to the site root.
    pub source: PathBuf,
    /// Output path relative to the output root.
    pub output: String,
}

/// A news article.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Article {
    pub file: PathBuf,
    /// The source file's [fingerprint](crate::content::fingerprint).
    pub fingerprint: u64,
    pub slug: String,
    /// Relative URL, e.g. `news/start/`.
    pub url: String,
    pub title: String,
    pub date: When,
    pub updated: Option<When>,
    pub place: Option<String>,
    pub municipalities: Vec<MunicipalityId>,
    pub topics: Vec<TopicId>,
    pub summary_html: Arc<str>,
    pub summary_text: Arc<str>,
    pub content_html: Arc<str>,
    pub plain_text: Arc<str>,
    pub author: Option<String>,
    /// The lead image.
    pub image: Option<Image>,
    /// The lead image's `image_alt:`.
    pub image_alt: Option<String>,
    pub draft: bool,
    /// Relative URLs that redirect here.
    pub aliases: Vec<String>,
    pub assets: Vec<Asset>,
    pub extra: serde_json::Value,
    /// Shown in the site's default language on a page of another one: it
    /// has no translation into it (`fallback: show`).
    pub untranslated: bool,
}

/// An event.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Event {
    pub file: PathBuf,
    /// The source file's [fingerprint](crate::content::fingerprint).
    pub fingerprint: u64,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub start: When,
    pub end: Option<When>,
    pub location: Option<String>,
    pub municipalities: Vec<MunicipalityId>,
    pub topics: Vec<TopicId>,
    pub summary_html: Arc<str>,
    pub summary_text: Arc<str>,
    pub content_html: Arc<str>,
    pub plain_text: Arc<str>,
    /// An external page about the event.
    pub external_url: Option<String>,
    /// The lead image.
    pub image: Option<Image>,
    /// The lead image's `image_alt:`.
    pub image_alt: Option<String>,
    pub draft: bool,
    pub aliases: Vec<String>,
    pub extra: serde_json::Value,
    /// Shown in the site's default language on a page of another one.
    pub untranslated: bool,
}

impl Event {
    /// The last day the event runs on.
    pub fn last_day(&self) -> NaiveDate {
        self.end.map_or(self.start.date(), |e| e.date())
    }
}

/// One offer of a municipality's prevention chain.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Offer {
    pub name: String,
    /// Anchor on the municipality page, unique there.
    pub anchor: String,
    pub municipality: MunicipalityId,
    pub stages: Vec<StageId>,
    pub provider: Option<String>,
    pub topics: Vec<TopicId>,
    pub url: Option<String>,
    pub contact: Option<Contact>,
    pub description_html: String,
    pub description_text: String,
    /// The description is in the default language on a further
    /// language's page (the record's translation lacks it).
    pub description_untranslated: bool,
}

/// A member municipality (or Kreis) of the network.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Municipality {
    pub file: PathBuf,
    /// The source file's [fingerprint](crate::content::fingerprint).
    pub fingerprint: u64,
    pub slug: String,
    pub url: String,
    pub name: String,
    pub kind: Option<String>,
    pub parent: Option<MunicipalityId>,
    /// Records whose `parent` is this one, by name.
    pub members: Vec<MunicipalityId>,
    pub joined: Option<i32>,
    pub cohort: Option<String>,
    pub leadership: Option<String>,
    pub contacts: Vec<Contact>,
    pub focus: Vec<TopicId>,
    pub partners: Vec<String>,
    pub website: Option<String>,
    pub location: Option<GeoPoint>,
    pub population: Option<u64>,
    pub description_html: String,
    pub description_text: String,
    /// Prose shown in the default language on a further language's page.
    pub untranslated: crate::content::records::UntranslatedProse,
    pub offers: Vec<Offer>,
    /// Articles naming it, newest first.
    pub articles: Vec<usize>,
    /// Events naming it, by start.
    pub events: Vec<usize>,
    pub extra: serde_json::Value,
}

/// The most topics an item shows away from its own page: on its cards
/// (lists, topic and municipality pages) and in its feed entries. An item
/// with thousands of topics would otherwise put all of them on each of
/// their thousands of pages, and output would grow with the square of its
/// topics; its own page and the topics index still list every one.
pub(crate) const MAX_CARD_TOPICS: usize = 10;

/// A topic: a name used in `topics` or `focus`, merged by slug.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Topic {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub articles: Vec<usize>,
    pub events: Vec<usize>,
    /// Municipalities with this topic in `focus`.
    pub municipalities: Vec<MunicipalityId>,
    /// Offers with this topic: (municipality, offer index).
    pub offers: Vec<(MunicipalityId, usize)>,
}

/// A standalone page.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Page {
    pub file: PathBuf,
    /// The source file's [fingerprint](crate::content::fingerprint).
    pub fingerprint: u64,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub menu: Option<i64>,
    /// A theme template to use instead of `page.html`.
    pub template: Option<String>,
    pub content_html: Arc<str>,
    pub summary_text: String,
    pub draft: bool,
    /// Old URLs that redirect here.
    pub aliases: Vec<String>,
    pub extra: serde_json::Value,
}
