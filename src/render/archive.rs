//! Time-based page kinds: the news archive by year and month with counts,
//! and the month calendar of articles and events (weeks start Monday).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::data::time::{
    ArchiveMonth, ArchiveYear, CalendarDay, CalendarIndexMonth, CalendarMonth, CalendarYear,
    DayEntry, MonthLink,
};
use super::i18n;
use super::job::{PageJob, Shows};
use super::values::Values;
use crate::model::Site;

/// `/archive/`, `/archive/YYYY/` and `/archive/YYYY/MM/`.
pub(crate) fn archive_pages<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let language = site.config.language;
    // year → month → article indices (articles are newest first already).
    let mut years: BTreeMap<i32, BTreeMap<u32, Vec<usize>>> = BTreeMap::new();
    for (i, a) in site.articles.iter().enumerate() {
        let d = a.date.date();
        years
            .entry(d.year())
            .or_default()
            .entry(d.month())
            .or_default()
            .push(i);
    }
    let month_value = |year: i32, month: u32, items: &[usize]| ArchiveMonth {
        year,
        month,
        name: i18n::month_name(language, month),
        title: i18n::month_year(language, year, month),
        count: items.len(),
        url: v.link(&site.urls.archive_month(year, month)),
    };
    let year_value = |year: i32, months: &BTreeMap<u32, Vec<usize>>| ArchiveYear {
        year,
        count: months.values().map(Vec::len).sum::<usize>(),
        url: v.link(&site.urls.archive_year(year)),
        months: months
            .iter()
            .rev()
            .map(|(&m, items)| month_value(year, m, items))
            .collect(),
    };

    let mut jobs = vec![PageJob::new(
        site.urls.archive(),
        "archive.html",
        &ArchivePage {
            years: years
                .iter()
                .rev()
                .map(|(&y, months)| year_value(y, months))
                .collect(),
            total: site.articles.len(),
        },
    )];
    for (&year, months) in &years {
        // The year page lists its months with counts; the articles are on
        // the month pages (a year of a large site is thousands of articles).
        jobs.push(PageJob::new(
            site.urls.archive_year(year),
            "archive_year.html",
            &ArchiveYearPage {
                year: year_value(year, months),
            },
        ));
        for (&month, items) in months {
            let month_data = month_value(year, month, items);
            let year_url = v.link(&site.urls.archive_year(year));
            let shows: Vec<Shows> = items.iter().map(|&i| Shows::Article(i)).collect();
            let items = items.clone();
            jobs.push(
                PageJob::lazy(
                    site.urls.archive_month(year, month),
                    "archive_month.html",
                    move || ArchiveMonthPage {
                        year,
                        month: month_data.clone(),
                        year_url: year_url.clone(),
                        articles: items.iter().map(|&i| v.article(i)).collect(),
                    },
                )
                .made_from(shows, &[]),
            );
        }
    }
    jobs
}

/// `archive.html`.
#[derive(Serialize)]
struct ArchivePage {
    years: Vec<ArchiveYear>,
    total: usize,
}

/// `archive_year.html`.
#[derive(Serialize)]
struct ArchiveYearPage {
    year: ArchiveYear,
}

/// `archive_month.html`.
#[derive(Serialize)]
struct ArchiveMonthPage {
    year: i32,
    month: ArchiveMonth,
    year_url: String,
    /// Article cards.
    articles: Vec<tera::Value>,
}

/// One entry in a calendar day.
#[derive(Clone, Copy)]
struct DayItem {
    kind: &'static str,
    index: usize,
}

/// `/calendar/` and one `/calendar/YYYY/MM/` for every month from the first
/// to the last dated item (and the build date's month), so that previous and
/// next always lead somewhere.
pub(crate) fn calendar_pages<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let language = site.config.language;
    let days = calendar_days(site);
    let today = v.today;
    let first = days.keys().next().copied().unwrap_or(today).min(today);
    let last = days.keys().next_back().copied().unwrap_or(today).max(today);
    let months = month_range(first, last);

    let mut jobs = Vec::with_capacity(months.len() + 1);
    let mut index_years: BTreeMap<i32, Vec<CalendarIndexMonth>> = BTreeMap::new();
    for (n, &(year, month)) in months.iter().enumerate() {
        let start = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
        let shows: Vec<Shows> = (1..=31)
            .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
            .flat_map(|d| days.get(&d).into_iter().flatten())
            .map(|item| match item.kind {
                "event" => Shows::Event(item.index),
                _ => Shows::Article(item.index),
            })
            .collect();
        let count: usize = (1..=31)
            .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
            .map(|d| days.get(&d).map_or(0, Vec::len))
            .sum();
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| months.get(i)).map(|&(y, m)| MonthLink {
                title: i18n::month_year(language, y, m),
                url: v.link(&site.urls.calendar_month(y, m)),
            })
        };
        let title = i18n::month_year(language, year, month);
        index_years
            .entry(year)
            .or_default()
            .push(CalendarIndexMonth {
                month,
                name: i18n::month_name(language, month),
                title: title.clone(),
                count,
                url: v.link(&site.urls.calendar_month(year, month)),
                current: year == today.year() && month == today.month(),
            });
        let (previous, next) = (neighbour(n.checked_sub(1)), neighbour(Some(n + 1)));
        let month_days: BTreeMap<NaiveDate, Vec<DayItem>> = days
            .range(start..start + chrono::Months::new(1))
            .map(|(d, items)| (*d, items.clone()))
            .collect();
        // The month's neighbours follow from its place in the range.
        let place = [
            n,
            months.len(),
            (first.year() * 12) as usize + first.month() as usize,
        ];
        jobs.push(
            PageJob::lazy(
                site.urls.calendar_month(year, month),
                "calendar_month.html",
                move || {
                    let weeks = month_grid(
                        start,
                        |date| {
                            month_days
                                .get(&date)
                                .map(|items| {
                                    items.iter().map(|i| day_item_value(site, v, i)).collect()
                                })
                                .unwrap_or_default()
                        },
                        today,
                    );
                    CalendarMonthPage {
                        calendar: CalendarMonth {
                            year,
                            month,
                            title: title.clone(),
                            count,
                            weekdays: i18n::weekday_names(language),
                            weeks,
                            previous: previous.clone(),
                            next: next.clone(),
                        },
                    }
                },
            )
            .made_from(shows, &place),
        );
    }
    jobs.insert(0, calendar_index(site, v, index_years));
    jobs
}

/// `calendar.html`.
#[derive(Serialize)]
struct CalendarPage {
    years: Vec<CalendarYear>,
    current_month: MonthLink,
}

/// `calendar_month.html`.
#[derive(Serialize)]
struct CalendarMonthPage<'a> {
    calendar: CalendarMonth<'a>,
}

/// Every day with an entry: the day's events (a long event on each of its
/// days, within reason), then its articles, oldest first.
fn calendar_days(site: &Site) -> BTreeMap<NaiveDate, Vec<DayItem>> {
    let mut days: BTreeMap<NaiveDate, Vec<DayItem>> = BTreeMap::new();
    for (i, e) in site.events.iter().enumerate() {
        let mut d = e.start.date();
        let last = e.last_day();
        // Long events appear on every day, within reason.
        let mut guard = 0;
        while d <= last && guard < 366 {
            days.entry(d).or_default().push(DayItem {
                kind: "event",
                index: i,
            });
            d = d + Days::new(1);
            guard += 1;
        }
    }
    // Articles oldest first within a day, after the day's events.
    for (i, a) in site.articles.iter().enumerate().rev() {
        days.entry(a.date.date()).or_default().push(DayItem {
            kind: "article",
            index: i,
        });
    }

    days
}

/// `/calendar/`: the months by year, and the build date's month.
fn calendar_index<'a>(
    site: &'a Site,
    v: &'a Values<'a>,
    index_years: BTreeMap<i32, Vec<CalendarIndexMonth>>,
) -> PageJob<'a> {
    let (language, today) = (site.config.language, v.today);
    let current_url = v.link(&site.urls.calendar_month(today.year(), today.month()));
    PageJob::new(
        site.urls.calendar(),
        "calendar.html",
        &CalendarPage {
            years: index_years
                .into_iter()
                .rev()
                .map(|(year, months)| CalendarYear { year, months })
                .collect(),
            current_month: MonthLink {
                title: i18n::month_year(language, today.year(), today.month()),
                url: current_url,
            },
        },
    )
}

/// What a calendar day shows of one item.
fn day_item_value<'a>(site: &'a Site, v: &Values<'_>, item: &DayItem) -> DayEntry<'a> {
    match item.kind {
        "event" => {
            let e = &site.events[item.index];
            DayEntry {
                kind: "event",
                title: &e.title,
                url: v.link(&e.url),
                time: (!e.start.all_day).then(|| i18n::time_of_day(&e.start)),
            }
        }
        _ => {
            let a = &site.articles[item.index];
            DayEntry {
                kind: "article",
                title: &a.title,
                url: v.link(&a.url),
                time: None,
            }
        }
    }
}

/// Every (year, month) from the month of `first` to the month of `last`.
fn month_range(first: NaiveDate, last: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (first.year(), first.month());
    while (y, m) <= (last.year(), last.month()) {
        out.push((y, m));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// The weeks of the month starting at `start`, Monday first; days of the
/// neighbouring months fill the first and last week and are marked `outside`.
fn month_grid<'a>(
    start: NaiveDate,
    items_of: impl Fn(NaiveDate) -> Vec<DayEntry<'a>>,
    today: NaiveDate,
) -> Vec<Vec<CalendarDay<'a>>> {
    let offset = start.weekday().num_days_from_monday() as u64;
    let mut day = start - Days::new(offset);
    let mut weeks = Vec::new();
    loop {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            let outside = day.month() != start.month();
            let items = if outside { Vec::new() } else { items_of(day) };
            week.push(CalendarDay {
                day: day.day(),
                date: crate::content::dates::iso_date(day),
                outside,
                today: day == today,
                items,
            });
            day = day + Days::new(1);
        }
        weeks.push(week);
        if day.month() != start.month() {
            break;
        }
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_start_on_monday_and_cover_the_month() {
        // March 2017 starts on a Wednesday and has 31 days: 5 weeks.
        let start = NaiveDate::from_ymd_opt(2017, 3, 1).unwrap();
        let weeks = month_grid(start, |_| Vec::new(), start);
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0][0].date, "2017-02-27");
        assert_eq!(weeks[0][2].date, "2017-03-01");
        assert!(!weeks[0][2].outside);
        assert_eq!(weeks[4][4].date, "2017-03-31");
    }

    #[test]
    fn month_ranges_cross_years() {
        let r = month_range(
            NaiveDate::from_ymd_opt(2016, 11, 5).unwrap(),
            NaiveDate::from_ymd_opt(2017, 2, 1).unwrap(),
        );
        assert_eq!(r, [(2016, 11), (2016, 12), (2017, 1), (2017, 2)]);
    }
}
