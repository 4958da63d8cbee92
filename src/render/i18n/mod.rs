//! Words, dates and numbers in a page's language: the theme's strings
//! (`t.*`) and the search page's words, month and weekday names, dates such
//! as "8. März 2017" / "8 Mart 2017" / "8 березня 2017 р.", and numbers as
//! the language groups their digits. Each language is one file of data
//! ([`Locale`]); the date patterns follow CLDR's long date, month-and-year
//! and date-and-time patterns, with times in 24 hours everywhere.
//!
//! Digits stay Latin in every language, Arabic included: Latin digits are
//! CLDR's default numbering system for `ar` (since CLDR 46; Arabic-Indic
//! digits are the default only in regional locales such as `ar-EG` or
//! `ar-SY`). So a number in a template prints right without a filter, and
//! `number` only groups digits.

use chrono::{Datelike, NaiveDate, Timelike};
use serde_json::{Map, Value};

use crate::config::Language;
use crate::model::When;

mod ar;
mod de;
mod en;
mod ls;
mod plural;
mod tr;
mod uk;

pub(crate) use plural::rules_tag;
pub use plural::{category as plural_category, Category};

/// A word after a number in each plural category its language has
/// (`plural::categories`), `{n}` standing for the number: German
/// `[(One, "{n} Lücke"), (Other, "{n} Lücken")]`.
pub type Forms = &'static [(Category, &'static str)];

/// Whether someone who reads the language has checked its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Checked by a reader of the language.
    Checked,
    /// A draft awaiting a native reader.
    Draft,
}

/// One language's words and formats.
pub struct Locale {
    /// Whether the words have been checked.
    pub review: Review,
    /// Month names standing alone, as in a month heading (the nominative in
    /// Ukrainian: "Березень").
    months: [&'static str; 12],
    /// Month names inside a date (the genitive in Ukrainian: "березня").
    months_in_date: [&'static str; 12],
    /// Short weekday names, Monday first.
    weekdays: [&'static str; 7],
    /// A long date, with `{d}`, `{month}` and `{y}`.
    date: &'static str,
    /// A month and year, with `{month}` and `{y}`.
    month_year: &'static str,
    /// A date and time, with `{date}` and `{time}`.
    date_time: &'static str,
    /// What separates groups of three digits.
    group: char,
    /// The theme's strings, `t.<key>`.
    words: &'static [(&'static str, &'static str)],
    /// Counted words (`t.counts.<key>`, the search page's results), each
    /// in every plural form of the language.
    counts: &'static [(&'static str, Forms)],
    /// The search page's words (`kinds` by their one-letter keys).
    search: &'static [(&'static str, &'static str)],
}

impl Locale {
    /// The theme's strings as (key, text), in one order for every language.
    pub fn words(&self) -> &'static [(&'static str, &'static str)] {
        self.words
    }

    /// The counted words as (key, forms), in one order for every language.
    pub fn counts(&self) -> &'static [(&'static str, Forms)] {
        self.counts
    }

    /// The search page's words as (key, text).
    pub fn search_words(&self) -> &'static [(&'static str, &'static str)] {
        self.search
    }
}

/// The words and formats of `language`.
pub fn locale(language: Language) -> &'static Locale {
    match language {
        Language::De => &de::LOCALE,
        Language::Ls => &ls::LOCALE,
        Language::En => &en::LOCALE,
        Language::Tr => &tr::LOCALE,
        Language::Ar => &ar::LOCALE,
        Language::Uk => &uk::LOCALE,
    }
}

/// The name of a month (1–12) standing alone, as in a list of months.
pub(crate) fn month_name(language: Language, month: u32) -> &'static str {
    locale(language).months[month_index(month)]
}

fn month_index(month: u32) -> usize {
    (month.clamp(1, 12) - 1) as usize
}

/// Short weekday names, Monday first.
pub(crate) fn weekday_names(language: Language) -> [&'static str; 7] {
    locale(language).weekdays
}

/// "8. März 2017" / "8 March 2017" / "8 березня 2017 р.".
pub(crate) fn long_date(language: Language, date: NaiveDate) -> String {
    let l = locale(language);
    l.date
        .replace("{d}", &date.day().to_string())
        .replace("{month}", l.months_in_date[month_index(date.month())])
        .replace("{y}", &date.year().to_string())
}

/// "März 2017" / "Березень 2017 р.".
pub(crate) fn month_year(language: Language, year: i32, month: u32) -> String {
    let l = locale(language);
    l.month_year
        .replace("{month}", l.months[month_index(month)])
        .replace("{y}", &year.to_string())
}

/// A date or date and time as shown on pages: "8. März 2017, 10:00 Uhr".
pub(crate) fn display_when(language: Language, when: &When) -> String {
    let date = long_date(language, when.date());
    if when.all_day {
        return date;
    }
    locale(language)
        .date_time
        .replace("{time}", &time_of_day(when))
        .replace("{date}", &date)
}

/// The time of day alone, in 24 hours: "10:00".
pub(crate) fn time_of_day(when: &When) -> String {
    format!("{:02}:{:02}", when.at.hour(), when.at.minute())
}

/// `n` as `language` writes it: digits in groups of three, "52.000",
/// "52,000", "52 000" (with a no-break space).
pub(crate) fn number(language: Language, n: u64) -> String {
    let sep = locale(language).group;
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Every UI string, for templates as `t.<key>`, and the counted words as
/// `t.counts.<key>` (see [`count_forms`]).
pub(crate) fn strings(language: Language) -> Value {
    let mut map: Map<String, Value> = locale(language)
        .words
        .iter()
        .map(|(key, text)| ((*key).to_string(), Value::String((*text).to_string())))
        .collect();
    let counts: Map<String, Value> = locale(language)
        .counts
        .iter()
        .map(|(key, _)| ((*key).to_string(), count_forms(language, key)))
        .collect();
    map.insert("counts".to_string(), Value::Object(counts));
    Value::Object(map)
}

/// The forms of the counted word `key` as a map for templates and the
/// search script: `language` (the site.yaml key whose plural rules and
/// digit grouping apply) and one text per plural category, e.g.
/// `{"language": "de", "one": "{n} Lücke", "other": "{n} Lücken"}`.
/// A key no language has gives just `language`.
pub(crate) fn count_forms(language: Language, key: &str) -> Value {
    let mut map = Map::new();
    map.insert("language".to_string(), language.key().into());
    for (category, text) in forms(language, key) {
        map.insert(category.key().to_string(), (*text).into());
    }
    Value::Object(map)
}

/// The forms of the counted word `key` in `language`; empty for a key no
/// language has.
fn forms(language: Language, key: &str) -> Forms {
    locale(language)
        .counts
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, forms)| forms)
}

/// `n` with the word of the count `key` in the form `n` takes in
/// `language`, the number grouped as [`number`] does: "1 Lücke",
/// "3 прогалини", "فجوتان".
#[cfg(test)]
pub(crate) fn count(language: Language, key: &str, n: u64) -> String {
    count_with(language, n, |category| {
        forms(language, key)
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, text)| (*text).to_string())
    })
    .unwrap_or_else(|| number(language, n))
}

/// `n` in the form that `text` gives for its plural category (or for
/// `other`, when `text` has none for it), `{n}` replaced by the number as
/// `language` groups it; `None` when `text` has neither.
pub(crate) fn count_with(
    language: Language,
    n: u64,
    text: impl Fn(Category) -> Option<String>,
) -> Option<String> {
    let form = text(plural::category(language, n)).or_else(|| text(Category::Other))?;
    Some(form.replace("{n}", &number(language, n)))
}

/// The language whose site.yaml key is `key`.
pub(crate) fn language_of_key(key: &str) -> Option<Language> {
    Language::ALL.into_iter().find(|l| l.key() == key)
}

/// The search page's word for `key` (a one-letter key names a kind of
/// result); empty for a key no language has.
pub(crate) fn search_word(language: Language, key: &str) -> &'static str {
    locale(language)
        .search
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, text)| text)
}

#[cfg(test)]
mod tests;
