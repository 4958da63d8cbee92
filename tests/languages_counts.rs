//! A number and the word it counts agree in every language (CLDR's plural
//! categories): the archive's total, the chain table's gaps and offers,
//! the search page's result messages; and the search script picks the same
//! category as kette for every count.

mod common;

#[path = "common/node.rs"]
mod node;

use common::{attrs, texts, Fixture};
use kette::language::Language;
use kette::render::i18n::{plural_category, Category};

/// The languages fixture with Ukrainian added.
fn built() -> Fixture {
    let site = Fixture::copy_of("languages");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &yaml.replace(
            "fallback: show",
            "  uk:\n    title: \"Мережа для сімей\"\nfallback: show",
        ),
    );
    site.build();
    site
}

#[test]
fn counts_take_the_form_of_their_number_in_every_language() {
    let site = built();
    let total = |prefix: &str| {
        texts(
            &site.page(&format!("{prefix}archive/index.html")),
            "main > p",
        )
    };
    assert_eq!(total(""), ["3 Artikel"]);
    assert_eq!(total("en/"), ["3 articles"]);
    assert_eq!(total("ar/"), ["3 مقالات"]);
    assert_eq!(total("uk/"), ["3 статті"]);

    // The chain table: one stage with one gap, others with two.
    let gaps = |prefix: &str| {
        texts(
            &site.page(&format!("{prefix}chain/index.html")),
            ".gap-count",
        )
    };
    assert_eq!(
        gaps(""),
        [
            "1 Lücke",
            "1 Lücke",
            "2 Lücken",
            "2 Lücken",
            "2 Lücken",
            "2 Lücken"
        ]
    );
    assert_eq!(gaps("en/")[..3], ["1 gap", "1 gap", "2 gaps"]);
    assert_eq!(gaps("ar/")[..3], ["فجوة واحدة", "فجوة واحدة", "فجوتان"]);
    assert_eq!(
        gaps("uk/")[..3],
        ["1 прогалина", "1 прогалина", "2 прогалини"]
    );
    let offers = |prefix: &str| {
        attrs(
            &site.page(&format!("{prefix}chain/index.html")),
            "td.has-offers a",
            "aria-label",
        )
    };
    assert!(
        offers("en/")[0].starts_with("1 offer: "),
        "{:?}",
        offers("en/")
    );
    assert!(
        offers("ar/")[0].starts_with("خدمة واحدة: "),
        "{:?}",
        offers("ar/")
    );
    assert!(
        offers("uk/")[0].starts_with("1 послуга: "),
        "{:?}",
        offers("uk/")
    );
}

#[test]
fn the_search_page_has_every_form_of_its_language() {
    let site = built();
    let categories = |prefix: &str| {
        let page = site.page(&format!("{prefix}search/index.html"));
        let plural = attrs(&page, "#search", "data-plural");
        let html = page.root_element().html();
        let mut found = plural;
        found.extend(
            ["zero", "one", "two", "few", "many", "other"]
                .into_iter()
                .filter(|c| html.contains(&format!("data-results-{c}=")))
                .map(String::from),
        );
        found
    };
    assert_eq!(categories(""), ["de", "one", "other"]);
    assert_eq!(categories("en/"), ["en", "one", "other"]);
    assert_eq!(categories("uk/"), ["uk", "one", "few", "many", "other"]);
    assert_eq!(
        categories("ar/"),
        ["ar", "zero", "one", "two", "few", "many", "other"]
    );
    let ar = site.page("ar/search/index.html");
    assert_eq!(
        attrs(&ar, "#search", "data-results-two"),
        ["نتيجتان لـ «{q}»."]
    );
}

/// search.js's `counted` under Node for every count of `numbers`, with
/// each category's form being the category's name.
fn through_js(plural: &str, numbers: &[u64]) -> Option<Vec<String>> {
    let harness = r#"
        const vm = require("vm"), fs = require("fs");
        const m = { exports: {} };
        vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { module: m, Intl });
        const data = { plural: process.argv[2] };
        for (const c of ["zero", "one", "two", "few", "many", "other"]) {
            data["results" + c[0].toUpperCase() + c.slice(1)] = c;
        }
        const numbers = JSON.parse(fs.readFileSync(0, "utf8"));
        process.stdout.write(JSON.stringify(numbers.map((n) => m.exports.counted(data, "results", n, "?"))));
    "#;
    node::search_js(harness, &[plural], &numbers, "the plural cross-check")
}

#[test]
fn the_search_script_picks_the_category_kette_picks() {
    let numbers: Vec<u64> = (0..=250)
        .chain([1000, 1001, 1002, 1011, 1103, 100_000])
        .collect();
    for (language, plural) in [
        (Language::De, "de"),
        (Language::En, "en"),
        (Language::Tr, "tr"),
        (Language::Uk, "uk"),
        (Language::Ar, "ar"),
    ] {
        let Some(js) = through_js(plural, &numbers) else {
            return;
        };
        let rust: Vec<&str> = numbers
            .iter()
            .map(|&n| Category::key(plural_category(language, n)))
            .collect();
        assert_eq!(js, rust, "{plural}");
    }
}
