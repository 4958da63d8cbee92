//! iCalendar files (RFC 5545, docs/feeds-and-search.md): every event of the site in
//! `events.ics`, and a municipality's events in
//! `municipalities/<slug>/events.ics`.
//!
//! All-day events are dates (`VALUE=DATE`, the end exclusive: an event on
//! 8–9 March ends on the 10th); timed events are given in UTC (`…Z`), so no
//! `VTIMEZONE` is needed. UIDs are the events' permalinks, and `DTSTAMP`
//! comes from the event file (its leading date, else the start), never from
//! the clock, so the same input gives the same bytes. Lines end in CRLF and
//! are folded at 75 octets; every TEXT value goes through [`text_value`],
//! so a line break or `;` in a name cannot end its line or add a property
//! or an event. RFC 5545 wants at least one
//! component in a calendar, so a calendar without events is not written.
//! The `icalendar` crate is used only in this module.

use std::borrow::Cow;

use super::data::FeedLink;
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, EventLike, Property};
use rayon::prelude::*;

use super::memo::RenderMemo;

use crate::model::{Event, Site, When};
use crate::output::OutputFile;

/// The site-wide calendar, relative to the base URL.
pub(crate) const SITE_CALENDAR: &str = "events.ics";

/// The file name of a municipality's calendar, beside its page.
pub(crate) const CALENDAR_FILE: &str = "events.ics";

/// The calendar's media type.
pub(crate) const MEDIA_TYPE: &str = "text/calendar";

/// Every calendar of the site: the whole site's and each municipality's
/// that has at least one published event.
/// With a memo (and the site's key, see [`RenderMemo`]), calendars whose
/// events are unchanged are not made again but counted as kept.
pub(crate) fn calendars(site: &Site, memo: Option<(&RenderMemo, u64)>) -> Vec<OutputFile> {
    let all: Vec<usize> = (0..site.events.len()).collect();
    let site_wide = (
        SITE_CALENDAR.to_string(),
        site.config.title.clone(),
        &all[..],
    );
    let specs: Vec<(String, String, &[usize])> = std::iter::once(site_wide)
        .chain(site.municipalities.iter().map(|m| {
            let name = format!("{} – {}", m.name, site.config.title);
            (calendar_path(&m.url), name, &m.events[..])
        }))
        .collect();
    specs
        .into_par_iter()
        // A calendar without a published event is not written, so it can
        // be neither made nor kept.
        .filter(|(_, _, events)| events.iter().any(|&i| !site.events[i].draft))
        .filter(|(path, name, events)| {
            !memo.is_some_and(|(memo, site_key)| {
                memo.keep(path, Some(calendar_key(site, site_key, path, name, events)))
            })
        })
        .filter_map(|(path, name, events)| calendar(site, path, &name, events))
        .collect()
}

/// A hash of everything a calendar is made from.
fn calendar_key(site: &Site, site_key: u64, path: &str, name: &str, events: &[usize]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = super::memo::hasher();
    (site_key, path, name).hash(&mut h);
    for &i in events {
        site.events[i].fingerprint.hash(&mut h);
    }
    h.finish()
}

/// The site-wide calendar as template data `{ url, title, type }`; `null`
/// when the site has no published event.
pub(crate) fn site_calendar(site: &Site) -> Option<FeedLink> {
    if !site.events.iter().any(|e| !e.draft) {
        return None;
    }
    Some(FeedLink {
        url: site.config.base_url.link(SITE_CALENDAR),
        title: site.config.title.clone(),
        media_type: MEDIA_TYPE,
    })
}

/// The calendar of the municipality page at `page_url`, as template data
/// `{ url, title, type }`; `None` (`null` to templates) when it has no published event.
pub(crate) fn page_calendar(
    site: &Site,
    page_url: &str,
    name: &str,
    events: &[usize],
) -> Option<FeedLink> {
    if !events.iter().any(|&i| !site.events[i].draft) {
        return None;
    }
    Some(FeedLink {
        url: site.config.base_url.link(&calendar_path(page_url)),
        title: format!("{name} – {}", site.config.title),
        media_type: MEDIA_TYPE,
    })
}

/// `municipalities/ahlen/` → `municipalities/ahlen/events.ics`.
pub(crate) fn calendar_path(page_url: &str) -> String {
    format!("{page_url}{CALENDAR_FILE}")
}

/// One calendar of the given events (indices into `site.events`), or
/// `None` when none of them is published.
fn calendar(site: &Site, path: String, name: &str, events: &[usize]) -> Option<OutputFile> {
    let published: Vec<&Event> = events
        .iter()
        .map(|&i| &site.events[i])
        .filter(|e| !e.draft)
        .collect();
    if published.is_empty() {
        return None;
    }
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            format!(
                "-//kette//kette {}//{}",
                env!("CARGO_PKG_VERSION"),
                site.config.language.code().to_uppercase()
            ),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        // `Calendar::name` and `Calendar::description` would leave NAME
        // unescaped.
        .append_property(text("NAME", name))
        .append_property(text("X-WR-CALNAME", name));
    if !site.config.description.is_empty() {
        cal.append_property(text("DESCRIPTION", &site.config.description))
            .append_property(text("X-WR-CALDESC", &site.config.description));
    }
    for e in published {
        cal.push(vevent(site, e));
    }
    Some(OutputFile::bytes(path, cal.done().to_string().into_bytes()))
}

/// One event as a `VEVENT`.
fn vevent(site: &Site, e: &Event) -> icalendar::Event {
    let permalink = site.config.base_url.permalink(&e.url);
    let mut v = icalendar::Event::new();
    v.append_property(text("UID", &permalink))
        .timestamp(stamp(e))
        .append_property(text("SUMMARY", &e.title))
        .url(&permalink);
    match span(e) {
        Span::Days { first, end } => v.starts(first).ends(end),
        Span::Times { start, end } => {
            v.starts(start);
            if let Some(end) = end {
                v.ends(end);
            }
            &mut v
        }
    };
    let mut description = e.summary_text.to_string();
    if let Some(url) = &e.external_url {
        description = join_paragraphs(&description, url);
    }
    v.append_property(text(
        "DESCRIPTION",
        &join_paragraphs(&description, &permalink),
    ));
    if let Some(location) = &e.location {
        v.append_property(text("LOCATION", location));
    }
    if !e.topics.is_empty() {
        let names: Vec<_> = e
            .topics
            .iter()
            .map(|&t| text_value(&site.topics[t].name, true))
            .collect();
        v.append_multi_property(Property::new("CATEGORIES", names.join(",")));
    }
    v.done()
}

/// Properties whose value the `icalendar` crate escapes itself when it
/// writes them (it knows them as TEXT). It does not escape `NAME` (from
/// RFC 7986, which it does not know) nor what is given as `CATEGORIES`
/// (a list: it escapes the items of its own `categories`).
const ESCAPED_BY_THE_CRATE: [&str; 6] = [
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "UID",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
];

/// A property with a TEXT value: the one way text gets into a calendar,
/// through [`text_value`], escaped exactly once.
fn text(key: &'static str, value: &str) -> Property {
    Property::new(key, text_value(value, !ESCAPED_BY_THE_CRATE.contains(&key)))
}

/// A TEXT value as RFC 5545 (§3.3.11) wants it: a line break of any kind
/// (CRLF, LF, a lone CR) as one `\n`; `\`, `;` and `,` escaped with a
/// backslash; control characters TEXT may not hold (content checks refuse
/// them; this is the last guard) as U+FFFD. With `escape` false, line
/// breaks become LF and nothing is escaped, for the properties the crate
/// escapes itself. Ordinary text comes back as it is.
fn text_value(value: &str, escape: bool) -> Cow<'_, str> {
    let special = |c: char| not_text(c) || c == '\n' || (escape && matches!(c, '\\' | ';' | ','));
    if !value.contains(special) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(if escape { "\\n" } else { "\n" });
            }
            '\\' | ';' | ',' if escape => {
                out.push('\\');
                out.push(c);
            }
            c if not_text(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The control characters a TEXT value may not hold as they are (all but
/// the tab; CR and LF are escaped, the others replaced).
fn not_text(c: char) -> bool {
    (c < ' ' && c != '\t') || c == '\u{7f}'
}

/// When an event happens, as iCalendar wants it.
#[derive(Debug, PartialEq, Eq)]
enum Span {
    /// All-day: the first day and the day after the last (exclusive).
    Days { first: NaiveDate, end: NaiveDate },
    /// Timed: start and optional end, in UTC.
    Times {
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
    },
}

fn span(e: &Event) -> Span {
    if e.start.all_day {
        // An end given with a time still ends the event on that day.
        return Span::Days {
            first: e.start.date(),
            end: day_after(e.last_day()),
        };
    }
    let end = e.end.map(|end| {
        if end.all_day {
            end_of_day(end)
        } else {
            end.at.with_timezone(&Utc)
        }
    });
    Span::Times {
        start: e.start.at.with_timezone(&Utc),
        end,
    }
}

/// The first instant after an all-day end, in UTC.
fn end_of_day(end: When) -> DateTime<Utc> {
    let next = day_after(end.date());
    let zone: Tz = end.at.timezone();
    next.and_hms_opt(0, 0, 0)
        .and_then(|midnight| zone.from_local_datetime(&midnight).earliest())
        .map_or(end.at.with_timezone(&Utc), |d| d.with_timezone(&Utc))
}

fn day_after(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}

/// `DTSTAMP`: midnight UTC of the date in the file name
/// (`2017-03-08-workshop.md`), else the start. Never the clock.
fn stamp(e: &Event) -> DateTime<Utc> {
    file_date(e)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or_else(|| e.start.at.with_timezone(&Utc), |d| d.and_utc())
}

/// The day an event was recorded: the date in its file name, else its
/// first day. Used for `DTSTAMP` and the sitemap's `lastmod`.
pub(crate) fn recorded_date(e: &Event) -> NaiveDate {
    file_date(e).unwrap_or_else(|| e.start.date())
}

/// The leading `YYYY-MM-DD` of the event's file name, if it has one.
fn file_date(e: &Event) -> Option<NaiveDate> {
    let stem = e.file.file_stem()?.to_str()?;
    NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok()
}

fn join_paragraphs(first: &str, second: &str) -> String {
    if first.is_empty() {
        second.to_string()
    } else {
        format!("{first}\n\n{second}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crate_escapes_exactly_the_properties_left_to_it() {
        let written =
            |key: &str| -> String { Property::new(key, "a,b").try_into().unwrap_or_default() };
        for key in ESCAPED_BY_THE_CRATE {
            assert_eq!(written(key), format!("{key}:a\\,b\r\n"));
        }
        for key in ["NAME", "CATEGORIES"] {
            assert_eq!(written(key), format!("{key}:a,b\r\n"));
        }
    }

    #[test]
    fn text_values_are_escaped_once() {
        assert!(matches!(
            text_value("Rathaus Ahlen", true),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            text_value("a\r\nb\nc\rd\\e;f,g\th", true),
            "a\\nb\\nc\\nd\\\\e\\;f\\,g\th"
        );
        assert_eq!(text_value("a\r\nb\rc,d", false), "a\nb\nc,d");
        assert_eq!(
            text_value("x\u{1}\u{1b}\u{7f}\0y", true),
            "x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}y"
        );
        assert_eq!(text_value("\r\r\n\n", true), "\\n\\n\\n");
        let evil = "Ahlen\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT\nX-A:";
        let line: String = text("NAME", evil).try_into().unwrap_or_default();
        assert_eq!(
            line,
            "NAME:Ahlen\\nBEGIN:VEVENT\\nUID:evil\\nEND:VEVENT\\nX-A:\r\n"
        );
        let line: String = text("SUMMARY", "a\rb;c").try_into().unwrap_or_default();
        assert_eq!(line, "SUMMARY:a\\nb\\;c\r\n");
    }

    #[test]
    fn calendars_live_beside_their_pages() {
        assert_eq!(
            calendar_path("municipalities/ahlen/"),
            "municipalities/ahlen/events.ics"
        );
    }

    #[test]
    fn all_day_ends_are_exclusive_and_times_are_utc() {
        let berlin = chrono_tz::Europe::Berlin;
        let day = |d: u32| When {
            at: berlin.with_ymd_and_hms(2017, 3, d, 0, 0, 0).unwrap(),
            all_day: true,
        };
        let at = |d: u32, h: u32| When {
            at: berlin.with_ymd_and_hms(2017, 3, d, h, 0, 0).unwrap(),
            all_day: false,
        };
        let event = |start: When, end: Option<When>| Event {
            start,
            end,
            ..sample()
        };
        let date = |d: u32| NaiveDate::from_ymd_opt(2017, 3, d).unwrap();
        assert_eq!(
            span(&event(day(8), Some(day(9)))),
            Span::Days {
                first: date(8),
                end: date(10)
            }
        );
        assert_eq!(
            span(&event(day(8), None)),
            Span::Days {
                first: date(8),
                end: date(9)
            }
        );
        let utc = |d: u32, h: u32| Utc.with_ymd_and_hms(2017, 3, d, h, 0, 0).unwrap();
        assert_eq!(
            span(&event(at(8, 10), Some(at(8, 12)))),
            Span::Times {
                start: utc(8, 9),
                end: Some(utc(8, 11))
            }
        );
        // Ends at the end of an all-day end date: midnight in Berlin, 23:00 UTC.
        assert_eq!(
            span(&event(at(8, 10), Some(day(9)))),
            Span::Times {
                start: utc(8, 9),
                end: Some(utc(9, 23))
            }
        );
    }

    #[test]
    fn stamps_come_from_the_file_name_or_the_start() {
        let mut e = sample();
        assert_eq!(
            stamp(&e),
            Utc.with_ymd_and_hms(2017, 3, 1, 0, 0, 0).unwrap()
        );
        e.file = "content/events/ohne-datum.md".into();
        assert_eq!(
            stamp(&e),
            Utc.with_ymd_and_hms(2017, 3, 7, 23, 0, 0).unwrap()
        );
    }

    fn sample() -> Event {
        let berlin = chrono_tz::Europe::Berlin;
        Event {
            file: "content/events/2017-03-01-x.md".into(),
            fingerprint: 0,
            slug: "x".into(),
            url: "events/x/".into(),
            title: "X".into(),
            start: When {
                at: berlin.with_ymd_and_hms(2017, 3, 8, 0, 0, 0).unwrap(),
                all_day: true,
            },
            end: None,
            location: None,
            municipalities: vec![],
            topics: vec![],
            summary_html: "".into(),
            summary_text: "".into(),
            content_html: "".into(),
            plain_text: "".into(),
            external_url: None,
            image: None,
            image_alt: None,
            draft: false,
            aliases: vec![],
            extra: serde_json::Value::Null,
            untranslated: false,
        }
    }
}
