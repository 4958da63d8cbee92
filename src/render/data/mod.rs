//! The data templates see, as Rust types: every item, card and reference
//! that page data is made of. Templates get them as Tera values made by
//! serializing these structs, so a field renamed here is renamed for every
//! page at once (and `docs/templates.md` is checked against what they
//! produce by `tests/template_data.rs`). A leaf of the render layer:
//! [`super::values`] fills these in from the model.

// The fields are the template variables: docs/templates.md describes each
// (tests/template_data.rs keeps the two in step), so they carry no doc
// comments of their own here.
#![allow(missing_docs)]

use serde::Serialize;
use tera::Value;

use crate::content::records::Contact;

pub(crate) mod chain;
pub(crate) mod languages;
pub(crate) mod time;

/// A date or moment: ISO form, display forms and parts.
#[derive(Serialize)]
pub(crate) struct When {
    pub iso: String,
    pub date_iso: String,
    pub display: String,
    pub date_display: String,
    /// `None` for all-day dates.
    pub time: Option<String>,
    pub all_day: bool,
    pub year: i32,
    pub month: u32,
    pub month_name: &'static str,
    pub day: u32,
}

/// A link to a topic.
#[derive(Serialize)]
pub(crate) struct TopicRef<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
}

/// A link to a municipality, with its kind.
#[derive(Serialize)]
pub(crate) struct MunicipalityRef<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub kind: Option<&'a str>,
}

/// A link to a municipality (an offer's, a member's parent).
#[derive(Serialize)]
pub(crate) struct PlaceRef<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
}

/// A processed lead image: everything to show it without layout shift.
#[derive(Serialize)]
pub(crate) struct Picture<'a> {
    pub src: String,
    pub srcset: String,
    pub sizes: &'a str,
    pub width: u32,
    pub height: u32,
    pub thumb: Thumb,
    pub og: OgImage,
    pub variants: Vec<PictureVariant>,
}

/// The small version of a picture, for lists.
#[derive(Serialize)]
pub(crate) struct Thumb {
    pub src: String,
    pub srcset: String,
    pub width: u32,
    pub height: u32,
}

/// The crop of a picture for link previews.
#[derive(Serialize)]
pub(crate) struct OgImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
    #[serde(rename = "type")]
    pub media_type: &'static str,
}

/// One width of a picture.
#[derive(Serialize)]
pub(crate) struct PictureVariant {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// What lists show of an article (`article_card`); its page shows more
/// ([`Article`]).
#[derive(Serialize)]
pub(crate) struct ArticleCard<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub permalink: String,
    pub date: When,
    pub updated: Option<When>,
    pub place: Option<&'a str>,
    pub summary_html: &'a str,
    pub summary: &'a str,
    pub municipalities: Vec<MunicipalityRef<'a>>,
    /// At most `MAX_CARD_TOPICS` on a card, all on the article's page.
    pub topics: Vec<TopicRef<'a>>,
    /// How many topics the card leaves out.
    pub topics_more: usize,
    pub image: Option<String>,
    pub image_permalink: Option<String>,
    /// The `alt` of the lead image: `image_alt:`, empty when not given.
    pub image_alt: &'a str,
    pub picture: Option<Picture<'a>>,
    pub author: Option<&'a str>,
    pub draft: bool,
    /// The default language's tag and direction when the article is shown
    /// untranslated on another language's page, else `None`.
    pub lang: Option<&'a str>,
    pub dir: Option<&'static str>,
}

/// An article on its own page: its card's fields (with every topic), the
/// text and its neighbours in time (their cards).
#[derive(Serialize)]
pub(crate) struct Article<'a> {
    #[serde(flatten)]
    pub card: ArticleCard<'a>,
    pub content_html: &'a str,
    pub extra: &'a serde_json::Value,
    pub newer: Option<Value>,
    pub older: Option<Value>,
}

/// What lists show of an event (`event_card`).
#[derive(Serialize)]
pub(crate) struct EventCard<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub permalink: String,
    pub start: When,
    pub end: Option<When>,
    pub multi_day: bool,
    pub location: Option<&'a str>,
    pub summary_html: &'a str,
    pub summary: &'a str,
    pub municipalities: Vec<MunicipalityRef<'a>>,
    pub topics: Vec<TopicRef<'a>>,
    pub topics_more: usize,
    pub external_url: Option<&'a str>,
    pub image: Option<String>,
    pub image_permalink: Option<String>,
    /// The `alt` of the lead image: `image_alt:`, empty when not given.
    pub image_alt: &'a str,
    pub picture: Option<Picture<'a>>,
    pub draft: bool,
    pub lang: Option<&'a str>,
    pub dir: Option<&'static str>,
}

/// An event on its own page.
#[derive(Serialize)]
pub(crate) struct Event<'a> {
    #[serde(flatten)]
    pub card: EventCard<'a>,
    pub content_html: &'a str,
    pub extra: &'a serde_json::Value,
}

/// What lists show of a municipality (`municipality_card`).
#[derive(Serialize)]
pub(crate) struct MunicipalityCard<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub permalink: String,
    pub kind: Option<&'a str>,
    pub cohort: Option<&'a str>,
    pub joined: Option<i32>,
    pub parent: Option<PlaceRef<'a>>,
    pub member_count: usize,
    pub offer_count: usize,
    pub summary: String,
}

/// A stage of the prevention chain.
#[derive(Serialize)]
pub(crate) struct StageRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// One offer of a municipality.
#[derive(Serialize)]
pub(crate) struct Offer<'a> {
    pub name: &'a str,
    pub anchor: &'a str,
    pub url: String,
    pub municipality: PlaceRef<'a>,
    pub stages: Vec<StageRef<'a>>,
    pub provider: Option<&'a str>,
    pub topics: Vec<TopicRef<'a>>,
    pub topics_more: usize,
    pub external_url: Option<&'a str>,
    pub contact: Option<&'a Contact>,
    pub description_html: &'a str,
    /// Multilingual sites: the default language's tag when the
    /// description is shown untranslated, else `None`.
    pub description_lang: Option<&'a str>,
    /// With `description_lang`, the default language's direction when it
    /// differs from the page's, else `None`.
    pub description_dir: Option<&'static str>,
}

/// A stage of one municipality's chain, with its offers there.
#[derive(Serialize)]
pub(crate) struct ChainStage<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub gap: bool,
    pub offers: Vec<Offer<'a>>,
}

/// A municipality on its own page.
#[derive(Serialize)]
pub(crate) struct Municipality<'a> {
    #[serde(flatten)]
    pub card: MunicipalityCard<'a>,
    pub leadership: Option<&'a str>,
    /// Like `description_lang`, for the leadership line.
    pub leadership_lang: Option<&'a str>,
    /// Like `description_dir`, for the leadership line.
    pub leadership_dir: Option<&'static str>,
    pub contacts: &'a [Contact],
    pub focus: Vec<TopicRef<'a>>,
    pub partners: &'a [String],
    pub website: Option<&'a str>,
    pub location: Option<Location>,
    pub population: Option<u64>,
    pub population_display: Option<String>,
    pub description_html: &'a str,
    /// Multilingual sites: the default language's tag when the
    /// description is shown untranslated, else `None`.
    pub description_lang: Option<&'a str>,
    /// With `description_lang`, the default language's direction when it
    /// differs from the page's, else `None`.
    pub description_dir: Option<&'static str>,
    pub offers: Vec<Offer<'a>>,
    pub chain: Vec<ChainStage<'a>>,
    pub gap_count: usize,
    /// Cards of its members.
    pub members: Vec<Value>,
    /// Cards of its news.
    pub articles: Vec<Value>,
    /// Cards of its events.
    pub events: Vec<Value>,
    pub extra: &'a serde_json::Value,
}

/// The numbered pages of a list.
#[derive(Serialize)]
pub(crate) struct Pagination {
    pub current: usize,
    pub total_pages: usize,
    pub total_items: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub pages: Vec<PageLink>,
}

/// One page number in a [`Pagination`].
#[derive(Serialize)]
pub(crate) struct PageLink {
    pub number: usize,
    pub url: Option<String>,
    pub current: bool,
}

/// A municipality's position in degrees.
#[derive(Serialize)]
pub(crate) struct Location {
    pub lat: Degrees,
    pub lon: Degrees,
}

/// An angle that templates print as Rust prints it: a whole number of
/// degrees without a decimal point (`51`, not `51.0`), others as they are.
pub(crate) struct Degrees(pub f64);

impl Serialize for Degrees {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        if d.fract() == 0.0 && d.abs() <= 360.0 {
            serializer.serialize_i64(d as i64)
        } else {
            serializer.serialize_f64(d)
        }
    }
}

/// A feed or calendar to link to from a page's head: the site's Atom feed
/// and `/events.ics`, a municipality's or a topic's. Pages carry an
/// `Option` of it, which templates see as `null` when there is none.
#[derive(Serialize)]
pub(crate) struct FeedLink {
    pub url: String,
    pub title: String,
    #[serde(rename = "type")]
    pub media_type: &'static str,
}
