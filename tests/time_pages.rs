//! Archives and the month calendar (issue 3): counts, German month names,
//! grids that start on Monday, and navigation between months.

mod common;

use common::{attrs, texts, Fixture};

#[test]
fn the_archive_counts_articles_by_year_and_month() {
    let site = Fixture::new().with_small_network();
    site.build();
    let archive = site.page("archive/index.html");
    let years = texts(&archive, ".archive-list > li > a");
    assert_eq!(years, ["2017", "2016"]);
    let months = texts(&archive, ".archive-list > li > ul > li");
    assert_eq!(
        months,
        ["April 2017 (1)", "März 2017 (1)", "Januar 2016 (1)"]
    );
    let year = site.page("archive/2017/index.html");
    assert_eq!(texts(&year, "h1"), ["Archiv 2017 (2)"]);
    let month = site.page("archive/2017/03/index.html");
    assert_eq!(
        texts(&month, "article.card h2"),
        ["Start in die Planungsworkshops"]
    );
}

#[test]
fn calendar_months_start_on_monday_and_link_each_day_to_its_items() {
    let site = Fixture::new().with_small_network();
    site.build();
    let march = site.page("calendar/2017/03/index.html");
    assert_eq!(texts(&march, "h1"), ["März 2017"]);
    assert_eq!(
        texts(&march, "table.calendar thead th"),
        ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    );
    // 1 March 2017 was a Wednesday: third column of the first week.
    let first_week = texts(&march, "table.calendar tbody tr:first-child td");
    assert_eq!(
        first_week[..3],
        ["".to_string(), "".to_string(), "1".to_string()]
    );
    let day8 = attrs(
        &march,
        "td.has-items time[datetime='2017-03-08'] ~ ul a",
        "href",
    );
    assert_eq!(day8, ["/sub/news/start/"]);
    let day27 = texts(&march, "td.has-items:has(time[datetime='2017-03-27']) li");
    assert_eq!(day27, ["09:00 Planungsworkshop Ahlen"]);
    assert_eq!(
        attrs(&march, "a[rel=prev]", "href"),
        ["/sub/calendar/2017/02/"]
    );
    assert_eq!(
        attrs(&march, "a[rel=next]", "href"),
        ["/sub/calendar/2017/04/"]
    );
    // Every month up to the build date exists, so navigation never dead-ends.
    assert!(site.output().join("calendar/2024/06/index.html").is_file());
    assert!(!site.output().join("calendar/2024/07/index.html").exists());
    let index = site.page("calendar/index.html");
    assert!(attrs(&index, "a", "href").contains(&"/sub/calendar/2017/03/".to_string()));
}
