//! docs/templates.md against the data templates really get: the fields of
//! every object it documents (article, event and municipality cards and
//! full items, offers, `when`, `picture`, the archive's years and months,
//! the calendar's months, days and entries, the chain's columns, rows and
//! cells, the offer directory's groups and filters, feed links) are exactly
//! the keys the typed page data (src/render/data/) produces, read back
//! through templates that print them. A field renamed, added or removed in
//! the Rust types without the docs fails here.

mod common;

use std::collections::BTreeSet;

use common::{texts, Fixture};

const DOCS: &str = include_str!("../docs/templates.md");

/// The text of docs/templates.md's `### section`, up to the next heading.
fn section_body(section: &str) -> &'static str {
    let start = DOCS
        .find(&format!("\n### {section}\n"))
        .unwrap_or_else(|| panic!("docs/templates.md has no section {section}"));
    let rest = &DOCS[start + 1..];
    let end = ["\n### ", "\n## "]
        .iter()
        .filter_map(|h| rest[4..].find(h))
        .min()
        .map_or(rest.len(), |i| i + 4);
    &rest[..end]
}

/// The fields a docs table documents: for `column` 0 every row's names,
/// else the names of rows with ✓ in that column (1: card, 2: full item).
fn documented(section: &str, column: usize) -> BTreeSet<String> {
    let body = section_body(section);
    let mut names = BTreeSet::new();
    for row in body.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        if column > 0 && cells.get(1 + column).is_none_or(|c| *c != "✓") {
            continue;
        }
        for name in cells[1].split(',') {
            names.insert(name.trim().trim_matches('`').to_string());
        }
    }
    names
}

/// The rows of a docs table of `section`: every cell of each.
fn rows(section: &str) -> Vec<Vec<String>> {
    let body = section_body(section);
    body.lines()
        .filter(|l| {
            l.starts_with("| ") && !l.starts_with("| Variable") && !l.starts_with("| Field")
        })
        .map(|l| {
            l.split('|')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()[1..]
                .to_vec()
        })
        .collect()
}

/// The names of a comma-separated list of `` `name` ``s.
fn names(list: &str) -> BTreeSet<String> {
    list.split(',')
        .map(|n| n.trim().trim_matches('`').to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The fields of the `n`th `{a, b, c}` in the row of `section` whose first
/// cell is `` `variable` ``.
fn braces(section: &str, variable: &str, n: usize) -> BTreeSet<String> {
    let row = rows(section)
        .into_iter()
        .find(|r| r[0] == format!("`{variable}`") || r[0] == variable)
        .unwrap_or_else(|| panic!("{section} documents no {variable}"));
    let text = row.join(" | ");
    let group = text
        .split('{')
        .nth(n + 1)
        .and_then(|g| g.split('}').next())
        .unwrap_or_else(|| panic!("{section}, {variable}: no {{…}} number {n}"));
    names(group)
}

/// The fields documented in the first cells of `section` that begin with
/// `prefix` (`calendar.` for `` `calendar.year` ``, `day: ` for
/// ``day: `day`, `date` ``), without it.
fn prefixed(section: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for row in rows(section) {
        let first = row[0].replace('`', "");
        if let Some(rest) = first.strip_prefix(prefix) {
            found.extend(names(&rest.replace(prefix, "")));
        }
    }
    assert!(
        !found.is_empty(),
        "{section} documents nothing as {prefix}…"
    );
    found
}

fn keys(template_expr: &str, class: &str) -> String {
    format!("<p class=\"{class}\">{{{{ {template_expr} | keys | sort | join(sep=\" \") }}}}</p>")
}

/// As [`keys`], when `template_expr` is not `null`.
fn keys_if(template_expr: &str, class: &str) -> String {
    format!(
        "{{% if {template_expr} %}}{}{{% endif %}}",
        keys(template_expr, class)
    )
}

fn shown(html: &scraper::Html, class: &str) -> BTreeSet<String> {
    let found = texts(html, &format!("p.{class}"));
    assert!(!found.is_empty(), "no p.{class}");
    found[0].split_whitespace().map(str::to_string).collect()
}

#[test]
fn docs_templates_md_lists_exactly_the_fields_templates_get() {
    let f = Fixture::new();
    copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/every-kind"),
        f.root(),
    );
    // The article with a processed photo is in the archive of May 2023.
    f.write(
        "templates/archive_month.html",
        &[
            "{% for a in articles %}{% if a.picture %}",
            &keys("a", "article-card"),
            &keys("a.date", "when"),
            &keys("a.picture", "picture"),
            "{% endif %}{% endfor %}",
            &keys("month", "archive-month"),
        ]
        .concat(),
    );
    f.write("templates/article.html", &keys("article", "article-full"));
    f.write(
        "templates/events.html",
        &[
            "{% for e in upcoming %}",
            &keys("e", "event-card"),
            "{% endfor %}",
        ]
        .concat(),
    );
    f.write("templates/event.html", &keys("event", "event-full"));
    f.write(
        "templates/municipalities.html",
        &[
            "{% for m in municipalities %}",
            &keys("m", "municipality-card"),
            "{% endfor %}",
        ]
        .concat(),
    );
    f.write(
        "templates/municipality.html",
        &[
            keys("municipality", "municipality-full"),
            "{% for o in municipality.offers %}".into(),
            keys("o", "offer"),
            "{% endfor %}".into(),
            keys_if("site.feed", "site-feed"),
            keys_if("site.calendar_feed", "site-calendar"),
            keys_if("feed", "feed"),
            keys_if("calendar_feed", "calendar-feed"),
        ]
        .concat(),
    );
    let time_and_chain = [
        (
            "templates/archive.html",
            [
                "{% for y in years %}",
                &keys("y", "archive-year"),
                "{% for m in y.months %}",
                &keys("m", "archive-month"),
                "{% endfor %}{% endfor %}",
            ]
            .concat(),
        ),
        ("templates/archive_year.html", keys("year", "archive-year")),
        (
            "templates/calendar.html",
            [
                "{% for y in years %}",
                &keys("y", "calendar-year"),
                "{% for m in y.months %}",
                &keys("m", "calendar-index-month"),
                "{% endfor %}{% endfor %}",
                &keys("current_month", "month-link"),
            ]
            .concat(),
        ),
        (
            "templates/calendar_month.html",
            [
                &keys("calendar", "calendar"),
                &keys_if("calendar.previous", "month-link"),
                "{% for w in calendar.weeks %}{% for d in w %}",
                &keys("d", "day"),
                "{% for i in d.items %}",
                &keys("i", "day-item"),
                "{% endfor %}{% endfor %}{% endfor %}",
            ]
            .concat(),
        ),
        (
            "templates/chain.html",
            [
                &keys("chain", "chain"),
                "{% for s in chain.stages %}",
                &keys("s", "chain-stage"),
                "{% endfor %}{% for r in chain.rows %}",
                &keys("r", "chain-row"),
                "{% for c in r.cells %}",
                &keys("c", "chain-cell"),
                "{% endfor %}{% endfor %}",
            ]
            .concat(),
        ),
        (
            "templates/offers.html",
            [
                &keys("filters", "filters"),
                "{% for g in stages %}",
                &keys("g", "offer-stage"),
                "{% for o in g.offers %}",
                &keys("o", "filtered-offer"),
                "{% endfor %}{% endfor %}{% for t in filters.topics %}",
                &keys("t", "filter-topic"),
                "{% endfor %}{% for m in filters.municipalities %}",
                &keys("m", "filter-municipality"),
                "{% endfor %}",
            ]
            .concat(),
        ),
    ];
    for (template, text) in &time_and_chain {
        f.write(template, text);
    }
    f.build();

    let check = |page: &str, class: &str, section: &str, column: usize| {
        let html = f.page(page);
        assert_eq!(
            shown(&html, class),
            documented(section, column),
            "{class} on {page} against docs/templates.md, {section}"
        );
    };
    check("archive/2023/05/index.html", "article-card", "Article", 1);
    check("news/photo-report/index.html", "article-full", "Article", 2);
    check(
        "archive/2023/05/index.html",
        "when",
        "`when` (date and time)",
        0,
    );
    check(
        "archive/2023/05/index.html",
        "picture",
        "`picture` (a processed lead image)",
        0,
    );
    check("events/index.html", "event-card", "Event", 1);
    check("events/conference/index.html", "event-full", "Event", 2);
    check(
        "municipalities/index.html",
        "municipality-card",
        "Municipality",
        1,
    );
    check(
        "municipalities/nordstadt/index.html",
        "municipality-full",
        "Municipality",
        2,
    );
    check("municipalities/nordstadt/index.html", "offer", "Offer", 0);

    // Objects documented inside a table: `{a, b}` in a row, or rows whose
    // first cell names the object (`calendar.year`, `day: `day``).
    let fields = |page: &str, class: &str, expected: BTreeSet<String>| {
        let html = f.page(page);
        assert_eq!(
            shown(&html, class),
            expected,
            "{class} on {page} against docs/templates.md"
        );
    };
    let feed = documented("Feed objects", 0);
    for class in ["site-feed", "site-calendar", "feed", "calendar-feed"] {
        fields("municipalities/nordstadt/index.html", class, feed.clone());
    }
    let archive = "`archive.html`";
    fields(
        "archive/index.html",
        "archive-year",
        braces(archive, "years", 0),
    );
    fields(
        "archive/index.html",
        "archive-month",
        braces(archive, "years", 1),
    );
    fields(
        "archive/2023/index.html",
        "archive-year",
        braces(archive, "years", 0),
    );
    fields(
        "archive/2023/05/index.html",
        "archive-month",
        braces("`archive_month.html`", "month", 0),
    );
    let calendar = "`calendar.html`";
    fields(
        "calendar/index.html",
        "calendar-year",
        braces(calendar, "years", 0),
    );
    fields(
        "calendar/index.html",
        "calendar-index-month",
        braces(calendar, "years", 1),
    );
    fields(
        "calendar/index.html",
        "month-link",
        braces(calendar, "current_month", 0),
    );
    let month = "`calendar_month.html`";
    let month_page = "calendar/2023/05/index.html";
    fields(month_page, "calendar", prefixed(month, "calendar."));
    fields(month_page, "day", prefixed(month, "day: "));
    fields(month_page, "day-item", prefixed(month, "item: "));
    fields(
        month_page,
        "month-link",
        braces(month, "`calendar.previous`, `calendar.next`", 0),
    );
    let chain = "`chain.html`";
    fields("chain/index.html", "chain", prefixed(chain, "chain."));
    fields(
        "chain/index.html",
        "chain-stage",
        braces(chain, "chain.stages", 0),
    );
    fields("chain/index.html", "chain-row", prefixed(chain, "row: "));
    fields(
        "chain/index.html",
        "chain-cell",
        braces(chain, "row: `cells`", 0),
    );
    let offers = "`offers.html`";
    fields(
        "offers/index.html",
        "offer-stage",
        braces(offers, "stages", 0),
    );
    fields("offers/index.html", "filters", prefixed(offers, "filters."));
    fields(
        "offers/index.html",
        "filter-topic",
        braces(offers, "filters.topics", 0),
    );
    fields(
        "offers/index.html",
        "filter-municipality",
        braces(offers, "filters.municipalities", 0),
    );
    // Offers of the directory: an offer's fields and the two filter keys
    // the `stages` row names.
    let stages_row = rows(offers)
        .into_iter()
        .find(|r| r[0] == "`stages`")
        .unwrap()
        .join(" ");
    let mut filtered = documented("Offer", 0);
    for key in ["filter_topics", "filter_municipality"] {
        assert!(
            stages_row.contains(&format!("`{key}`")),
            "{key} undocumented"
        );
        filtered.insert(key.to_string());
    }
    fields("offers/index.html", "filtered-offer", filtered);
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(".kette") {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Whole degrees print without a decimal point, as with Tera 1 (`51° N`,
/// not `51.0° N`); others as written.
#[test]
fn whole_degrees_print_as_whole_numbers() {
    let f = Fixture::new().with_small_network();
    f.write(
        "content/municipalities/beckum.yaml",
        "name: Beckum\nlocation: { lat: 51, lon: 7.25 }\n",
    );
    f.build();
    let html = f.page("municipalities/beckum/index.html");
    let facts = texts(&html, "dl.facts dd").join(" | ");
    assert!(facts.contains("51° N, 7.25° O"), "{facts}");
}
