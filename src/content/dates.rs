//! Dates as editors write them: `2017-03-08`, `2017-03-08T10:00` (local time
//! in the site's zone) or RFC 3339 with an offset. The one module that knows
//! chrono's parsing.

use chrono::{DateTime, Datelike as _, FixedOffset, NaiveDate, NaiveDateTime, TimeZone as _};
use serde::{Deserialize, Deserializer};

use crate::messages::{self, Text};

/// A date or time as written in front matter, before the site's time zone is
/// applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// A calendar day (all-day for events).
    Date(NaiveDate),
    /// A wall-clock time in the site's time zone.
    Local(NaiveDateTime),
    /// An instant with an explicit offset.
    Fixed(DateTime<FixedOffset>),
}

impl DateValue {
    /// Parses the forms above, or says what is wrong (with the ISO form
    /// when `text` is a German date such as `3.4.2025`).
    pub fn parse(text: &str) -> Result<DateValue, Text> {
        let text = text.trim();
        if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            if text.len() == 10 {
                return Ok(DateValue::Date(d));
            }
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
            return Ok(DateValue::Fixed(dt));
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(DateValue::Local(dt));
            }
        }
        if let Some(iso) = iso_form(text) {
            return Err(match iso {
                Ok(iso) => messages::date_write_iso(text, &iso),
                Err(()) => messages::date_does_not_exist(text),
            });
        }
        if looks_like_date(text) {
            Err(messages::date_does_not_exist(text))
        } else {
            Err(messages::not_a_date(text))
        }
    }

    /// True when the value names a day without a time.
    pub fn is_all_day(&self) -> bool {
        matches!(self, DateValue::Date(_))
    }

    /// The instant in `zone` (midnight for a date). Wall-clock times that do
    /// not exist (a DST gap) move forward to the next valid time.
    pub fn in_zone(&self, zone: chrono_tz::Tz) -> DateTime<chrono_tz::Tz> {
        match *self {
            DateValue::Date(d) => local_in_zone(d.and_hms_opt(0, 0, 0).expect("midnight"), zone),
            DateValue::Local(dt) => local_in_zone(dt, zone),
            DateValue::Fixed(dt) => dt.with_timezone(&zone),
        }
    }
}

fn local_in_zone(dt: NaiveDateTime, zone: chrono_tz::Tz) -> DateTime<chrono_tz::Tz> {
    let mut probe = dt;
    for _ in 0..4 {
        if let Some(t) = zone.from_local_datetime(&probe).earliest() {
            return t;
        }
        probe += chrono::Duration::minutes(30);
    }
    zone.from_utc_datetime(&dt)
}

/// The ISO form of a date written the German way (`3.4.2025`,
/// `03.04.25`, with ` 15:00` or ` 15.00 Uhr`) or without leading zeros
/// (`2025-4-3`): `Some(Ok(iso))`, `Some(Err(()))` for such a date that does
/// not exist, `None` for anything else.
fn iso_form(text: &str) -> Option<Result<String, ()>> {
    let (day, time) = match text.split_once([' ', 'T']) {
        Some((day, time)) => (day, Some(time.trim().trim_end_matches("Uhr").trim())),
        None => (text, None),
    };
    let numbers: Vec<&str> = day.split(['.', '-']).collect();
    let [a, b, c] = numbers[..] else {
        return None;
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (year, month, day) = if day.contains('.')
        && digits(a, 2)
        && digits(b, 2)
        && (digits(c, 2) || c.len() == 4 && digits(c, 4))
    {
        let year: i32 = c.parse().ok()?;
        (if c.len() == 2 { 2000 + year } else { year }, b, a)
    } else if day.contains('-') && a.len() == 4 && digits(a, 4) && digits(b, 2) && digits(c, 2) {
        (a.parse().ok()?, b, c)
    } else {
        return None;
    };
    let Some(date) = NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?) else {
        return Some(Err(()));
    };
    let mut iso = iso_date(date);
    if let Some(time) = time.filter(|t| !t.is_empty()) {
        let (h, m) = time.split_once([':', '.'])?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        if h > 23 || m > 59 {
            return None;
        }
        iso.push_str(&format!("T{h:02}:{m:02}"));
    }
    Some(Ok(iso))
}

fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
}

/// `2017-03-08`: a date as sitemaps, feeds, search and templates print it
/// (written out by hand: chrono's formatting parses its pattern each time,
/// and this runs for every page of a site).
pub(crate) fn iso_date(date: NaiveDate) -> String {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return format!("{:04}-{:02}-{:02}", year, date.month(), date.day());
    }
    // Digit by digit: `format!` cost several times the rest.
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let (y, m, d) = (year as u32, date.month(), date.day());
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(d / 10),
        digit(d),
    ]
    .iter()
    .collect()
}

/// A date from a leading `YYYY-MM-DD-` in a file or folder name, with the rest
/// of the name.
pub(crate) fn date_prefix(name: &str) -> Option<(NaiveDate, &str)> {
    if name.len() < 11 || !name.is_char_boundary(10) || name.as_bytes()[10] != b'-' {
        return None;
    }
    let date = NaiveDate::parse_from_str(&name[..10], "%Y-%m-%d").ok()?;
    Some((date, &name[11..]))
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor (not an untagged enum) so that errors are raised while the
        // parser still knows the value's line and column.
        struct DateVisitor;
        impl serde::de::Visitor<'_> for DateVisitor {
            type Value = DateValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date such as 2017-03-08 or 2017-03-08T10:00")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateValue, E> {
                DateValue::parse(v).map_err(|t| E::custom(t.pack()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateValue, E> {
                Err(E::custom(messages::not_a_date(&v.to_string()).pack()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateValue, E> {
                Err(E::custom(messages::not_a_date(&v.to_string()).pack()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DateValue, E> {
                Err(E::custom(messages::not_a_date(&v.to_string()).pack()))
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_match_chrono() {
        for (y, m, d) in [
            (2017, 3, 8),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 10, 9),
            (2024, 2, 29),
            (-5, 1, 2),
            (10000, 1, 1),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date), format!("{:04}-{:02}-{:02}", y, m, d));
        }
        assert_eq!(
            iso_date(NaiveDate::from_ymd_opt(2017, 3, 8).unwrap()),
            "2017-03-08"
        );
    }

    #[test]
    fn the_three_forms_parse() {
        assert!(matches!(
            DateValue::parse("2017-03-08"),
            Ok(DateValue::Date(_))
        ));
        assert!(matches!(
            DateValue::parse("2017-03-08T10:00"),
            Ok(DateValue::Local(_))
        ));
        assert!(matches!(
            DateValue::parse("2017-03-08T10:00:00+01:00"),
            Ok(DateValue::Fixed(_))
        ));
    }

    #[test]
    fn impossible_dates_are_named() {
        assert_eq!(
            DateValue::parse("2017-02-30").unwrap_err(),
            "`2017-02-30` is not a date that exists"
        );
    }

    #[test]
    fn german_dates_get_their_iso_form() {
        let german = |text: &str| DateValue::parse(text).unwrap_err().de().to_string();
        assert!(german("3.4.2025").contains("schreiben Sie `2025-04-03`"));
        assert!(german("03.04.25").contains("schreiben Sie `2025-04-03`"));
        assert!(german("3.4.2025 15:00").contains("`2025-04-03T15:00`"));
        assert!(german("2025-4-3").contains("`2025-04-03`"));
        assert!(german("31.2.2025").contains("kein Datum, das es gibt"));
        assert!(german("morgen").contains("JJJJ-MM-TT"));
    }

    #[test]
    fn file_name_prefixes() {
        let (d, rest) = date_prefix("2017-03-08-start.md").unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2017, 3, 8).unwrap());
        assert_eq!(rest, "start.md");
        assert!(date_prefix("start.md").is_none());
    }
}
