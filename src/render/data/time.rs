//! The data of the time-based page kinds: the news archive's years and
//! months and the month calendar's weeks, days and entries
//! (`archive*.html`, `calendar*.html` in docs/templates.md).

#![allow(missing_docs)]

use serde::Serialize;

/// A month of the news archive, with its number of articles.
#[derive(Serialize, Clone)]
pub(crate) struct ArchiveMonth {
    pub year: i32,
    pub month: u32,
    pub name: &'static str,
    pub title: String,
    pub count: usize,
    pub url: String,
}

/// A year of the news archive, its months newest first.
#[derive(Serialize)]
pub(crate) struct ArchiveYear {
    pub year: i32,
    pub count: usize,
    pub url: String,
    pub months: Vec<ArchiveMonth>,
}

/// A link to a month page: the calendar's neighbours and current month.
#[derive(Serialize, Clone)]
pub(crate) struct MonthLink {
    pub title: String,
    pub url: String,
}

/// A month in the calendar's index.
#[derive(Serialize)]
pub(crate) struct CalendarIndexMonth {
    pub month: u32,
    pub name: &'static str,
    pub title: String,
    pub count: usize,
    pub url: String,
    pub current: bool,
}

/// A year in the calendar's index, its months January first.
#[derive(Serialize)]
pub(crate) struct CalendarYear {
    pub year: i32,
    pub months: Vec<CalendarIndexMonth>,
}

/// One month page of the calendar.
#[derive(Serialize)]
pub(crate) struct CalendarMonth<'a> {
    pub year: i32,
    pub month: u32,
    pub title: String,
    pub count: usize,
    pub weekdays: [&'static str; 7],
    /// Weeks of seven days, Monday first.
    pub weeks: Vec<Vec<CalendarDay<'a>>>,
    pub previous: Option<MonthLink>,
    pub next: Option<MonthLink>,
}

/// A day of a calendar month's grid.
#[derive(Serialize)]
pub(crate) struct CalendarDay<'a> {
    pub day: u32,
    pub date: String,
    pub outside: bool,
    pub today: bool,
    pub items: Vec<DayEntry<'a>>,
}

/// What a calendar day shows of one article or event.
#[derive(Serialize)]
pub(crate) struct DayEntry<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub url: String,
    pub time: Option<String>,
}
