//! Dates as editors write them: `2017-03-08`, `2017-03-08T10:00` (local time
//! in the site's zone) or RFC 3339 with an offset. The one module that knows
//! chrono's parsing.

use chrono::{DateTime, Datelike as _, FixedOffset, NaiveDate, NaiveDateTime, TimeZone as _};
use serde::{Deserialize, Deserializer};

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
    /// Parses the forms above, or says what is wrong.
    pub fn parse(text: &str) -> Result<DateValue, String> {
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
        if looks_like_date(text) {
            Err(format!("`{text}` is not a date that exists"))
        } else {
            Err(format!(
                "`{text}` is not a date: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or an RFC 3339 time"
            ))
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

fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
}

/// `2017-03-08`: a date as sitemaps, feeds, search and templates print it
/// (written out by hand: chrono's formatting parses its pattern each time,
/// and this runs for every page of a site).
pub fn iso_date(date: NaiveDate) -> String {
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
pub fn date_prefix(name: &str) -> Option<(NaiveDate, &str)> {
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
                DateValue::parse(v).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateValue, E> {
                Err(E::custom(format!("`{v}` is not a date: write YYYY-MM-DD")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateValue, E> {
                Err(E::custom(format!("`{v}` is not a date: write YYYY-MM-DD")))
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
    fn file_name_prefixes() {
        let (d, rest) = date_prefix("2017-03-08-start.md").unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2017, 3, 8).unwrap());
        assert_eq!(rest, "start.md");
        assert!(date_prefix("start.md").is_none());
    }
}
