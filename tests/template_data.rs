//! docs/templates.md against the data templates really get: the fields of
//! every object it documents (article, event and municipality cards and
//! full items, offers, `when`, `picture`) are exactly the keys the typed
//! page data (src/render/data.rs) produces, read back through templates
//! that print them. A field renamed, added or removed in the Rust types
//! without the docs fails here.

mod common;

use std::collections::BTreeSet;

use common::{texts, Fixture};

const DOCS: &str = include_str!("../docs/templates.md");

/// The fields a docs table documents: for `column` 0 every row's names,
/// else the names of rows with ✓ in that column (1: card, 2: full item).
fn documented(section: &str, column: usize) -> BTreeSet<String> {
    let start = DOCS
        .find(&format!("\n### {section}\n"))
        .unwrap_or_else(|| panic!("docs/templates.md has no section {section}"));
    let rest = &DOCS[start + 1..];
    let body = &rest[..rest[4..].find("\n### ").map_or(rest.len(), |i| i + 4)];
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

fn keys(template_expr: &str, class: &str) -> String {
    format!("<p class=\"{class}\">{{{{ {template_expr} | keys | sort | join(sep=\" \") }}}}</p>")
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
        ]
        .concat(),
    );
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
