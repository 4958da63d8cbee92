//! The schema.org descriptions of articles and events (`article_json_ld`,
//! `event_json_ld`), as typed structs written as JSON that is safe inside a
//! `<script>` element. Fields are declared in the order of their names, in
//! which they have always been written; absent ones are left out.

use serde::Serialize;

use super::values::{iso, Values};
use crate::model::{Article, Event, Site};

/// A schema.org `NewsArticle`.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'a>>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    publisher: Organization<'a>,
    url: String,
}

/// A schema.org `Event`.
#[derive(Serialize)]
struct EventLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    description: &'a str,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(rename = "eventAttendanceMode")]
    event_attendance_mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Place<'a>>,
    name: &'a str,
    organizer: Organization<'a>,
    #[serde(rename = "startDate")]
    start_date: String,
    url: String,
}

/// A schema.org `Person`.
#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// A schema.org `Place`, named by what the event's `location` says.
#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: &'a str,
    name: &'a str,
}

/// A schema.org `Organization`: the site's publisher.
#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

const CONTEXT: &str = "https://schema.org";

/// The BCP 47 tag of the item's text: the page's language as site.yaml
/// tags it (`de-x-ls`, or a site's own `tag:`), or the default language's
/// for an item shown untranslated.
fn language_tag(site: &Site, untranslated: bool) -> &str {
    if untranslated {
        &site.config.languages[0].tag
    } else {
        &site.config.site_language().tag
    }
}

/// The JSON-LD of article `a`.
pub(super) fn article(site: &Site, v: &Values<'_>, a: &Article) -> String {
    let published = iso(&a.date);
    let modified = a.updated.as_ref().map_or_else(|| published.clone(), iso);
    script_safe(&NewsArticle {
        context: CONTEXT,
        kind: "NewsArticle",
        author: a.author.as_deref().map(|name| Person {
            kind: "Person",
            name,
        }),
        date_modified: modified,
        date_published: published,
        description: &a.summary_text,
        headline: &a.title,
        image: v.image_permalink(a.image.as_ref()),
        in_language: language_tag(site, a.untranslated),
        publisher: Organization {
            kind: "Organization",
            name: &site.config.title,
            url: None,
        },
        url: v.permalink(&a.url),
    })
}

/// The JSON-LD of event `e`.
pub(super) fn event(site: &Site, v: &Values<'_>, e: &Event) -> String {
    script_safe(&EventLd {
        context: CONTEXT,
        kind: "Event",
        description: &e.summary_text,
        end_date: e.end.as_ref().map(iso),
        event_attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
        image: v.image_permalink(e.image.as_ref()),
        in_language: language_tag(site, e.untranslated),
        location: e.location.as_deref().map(|l| Place {
            kind: "Place",
            address: l,
            name: l,
        }),
        name: &e.title,
        organizer: Organization {
            kind: "Organization",
            name: &site.config.title,
            url: Some(&site.config.base_url.absolute),
        },
        start_date: iso(&e.start),
        url: v.permalink(&e.url),
    })
}

/// JSON that is safe inside a `<script>` element.
fn script_safe(cleaned: &impl Serialize) -> String {
    // Escaped so that no `</script>` or `<!--` can end or confuse the element.
    let json = serde_json::to_string(cleaned).unwrap_or_default();
    if !json.bytes().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return json;
    }
    let mut escaped = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            c => escaped.push(c),
        }
    }
    escaped
}
