//! Building fixture sites end to end and reading the HTML back.

mod common;

use common::{attrs, broken_internal_links, texts, Fixture};

#[test]
fn a_small_network_builds_every_page_with_working_links() {
    let site = Fixture::new().with_small_network();
    let report = site.build();
    assert_eq!(report.articles, 3, "the draft is left out");
    assert_eq!(report.municipalities, 2);
    assert_eq!(report.events, 1);

    let out = site.output();
    for page in [
        "index.html",
        "news/index.html",
        "news/page/2/index.html",
        "news/start/index.html",
        "news/ziele/index.html",
        "news/alt/index.html",
        "events/index.html",
        "events/workshop/index.html",
        "municipalities/index.html",
        "municipalities/ahlen/index.html",
        "municipalities/kreis-warendorf/index.html",
        "topics/index.html",
        "topics/uebergaenge-gestalten/index.html",
        "ueber-uns/index.html",
        "404.html",
        "style.css",
    ] {
        assert!(out.join(page).is_file(), "{page} is missing");
    }
    assert!(!out.join("news/entwurf").exists(), "drafts are not built");
    // The image of an article folder is published processed beside the
    // article (8 pixels wide: one width, its own), never as the original.
    let processed: Vec<String> = std::fs::read_dir(out.join("news/ziele"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bild"))
        .collect();
    assert_eq!(processed.len(), 2, "{processed:?}");
    assert!(
        processed
            .iter()
            .any(|n| n.starts_with("bild-8.") && n.ends_with(".png")),
        "{processed:?}"
    );
    assert!(
        processed.iter().any(|n| n.starts_with("bild-og.")),
        "{processed:?}"
    );
    assert!(
        !out.join("news/ziele/bild.png").exists(),
        "originals are not published"
    );

    let broken = broken_internal_links(&out, "/sub/");
    assert!(broken.is_empty(), "broken internal links: {broken:?}");
}

#[test]
fn the_main_navigation_marks_the_section_of_each_page() {
    let site = Fixture::new().with_small_network();
    site.build();
    let current = |page: &str| attrs(&site.page(page), ".nav a[aria-current=page]", "href");
    for (page, section) in [
        ("news/index.html", "/sub/news/"),
        ("news/page/2/index.html", "/sub/news/"),
        ("news/start/index.html", "/sub/news/"),
        ("events/workshop/index.html", "/sub/events/"),
        ("municipalities/index.html", "/sub/municipalities/"),
        ("municipalities/ahlen/index.html", "/sub/municipalities/"),
        ("chain/index.html", "/sub/chain/"),
        ("offers/index.html", "/sub/offers/"),
        ("topics/uebergaenge-gestalten/index.html", "/sub/topics/"),
        ("search/index.html", "/sub/search/"),
    ] {
        assert_eq!(current(page), [section], "{page}");
    }
    // Pages outside the navigation's sections mark none.
    for page in [
        "index.html",
        "archive/index.html",
        "calendar/index.html",
        "404.html",
    ] {
        assert!(current(page).is_empty(), "{page}: {:?}", current(page));
    }
}

#[test]
fn news_lists_are_paginated_newest_first() {
    let site = Fixture::new().with_small_network();
    site.build();
    let first = site.page("news/index.html");
    assert_eq!(
        texts(&first, "article.card h2"),
        ["Ahlens Ziele", "Start in die Planungsworkshops"]
    );
    assert_eq!(attrs(&first, "a[rel=next]", "href"), ["/sub/news/page/2/"]);
    let second = site.page("news/page/2/index.html");
    assert_eq!(texts(&second, "article.card h2"), ["Ein alter Bericht"]);
    assert_eq!(attrs(&second, "a[rel=prev]", "href"), ["/sub/news/"]);
}

#[test]
fn article_pages_show_dates_in_german_and_link_municipalities_and_topics() {
    let site = Fixture::new().with_small_network();
    site.build();
    let page = site.page("news/start/index.html");
    assert_eq!(texts(&page, "h1"), ["Start in die Planungsworkshops"]);
    assert_eq!(attrs(&page, "article time", "datetime")[0], "2017-03-08");
    assert!(texts(&page, "article .meta")[0].starts_with("8. März 2017 · Gummersbach"));
    assert!(attrs(&page, ".article-footer a", "href")
        .contains(&"/sub/municipalities/ahlen/".to_string()));
    assert!(attrs(&page, ".article-footer a", "href")
        .contains(&"/sub/topics/praeventionskette/".to_string()));
    // The @/ link to an article folder became its URL; headings got ids.
    assert_eq!(attrs(&page, ".prose a", "href"), ["/sub/news/ziele/"]);
    assert_eq!(attrs(&page, ".prose h2", "id"), ["ablauf"]);
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        ["https://example.org/sub/news/start/"]
    );
    // The summary is the text before <!-- more -->.
    let home = site.page("index.html");
    let summaries = texts(&home, ".card .summary");
    assert!(
        summaries
            .iter()
            .any(|s| s == "Erster Absatz über den Start."),
        "{summaries:?}"
    );
}

#[test]
fn municipality_profiles_show_record_parent_members_and_news() {
    let site = Fixture::new().with_small_network();
    site.build();
    let ahlen = site.page("municipalities/ahlen/index.html");
    assert_eq!(texts(&ahlen, "h1"), ["Ahlen Stadt"]);
    let facts = texts(&ahlen, ".facts dd");
    assert!(facts.contains(&"Kreis Warendorf".to_string()), "{facts:?}");
    assert!(facts.contains(&"52.000".to_string()), "{facts:?}");
    assert_eq!(
        attrs(&ahlen, ".prose a", "href"),
        ["/sub/municipalities/kreis-warendorf/"],
        "@/ links work in records"
    );
    let news: Vec<String> = texts(&ahlen, ".card-title");
    assert!(
        news.contains(&"Ahlens Ziele".to_string())
            && news.contains(&"Planungsworkshop Ahlen".to_string()),
        "{news:?}"
    );

    let kreis = site.page("municipalities/kreis-warendorf/index.html");
    assert!(
        texts(&kreis, ".municipality-list a").contains(&"Ahlen".to_string()),
        "members are listed"
    );

    let topic = site.page("topics/uebergaenge-gestalten/index.html");
    let names = texts(&topic, ".municipality-list li > a:first-child");
    assert_eq!(
        names,
        ["Ahlen", "Kreis Warendorf"],
        "focus entries are topics"
    );
}

#[test]
fn titles_are_escaped() {
    let site = Fixture::new();
    site.write(
        "content/news/2020-01-01-x.md",
        "---\ntitle: \"<script>alert(1)</script>\"\n---\nText\n",
    );
    site.build();
    let raw = std::fs::read_to_string(site.output().join("news/x/index.html")).unwrap();
    assert!(!raw.contains("<script>alert(1)"), "title must be escaped");
    assert!(raw.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn english_sites_get_english_words_and_dates() {
    let site = Fixture::new().with_small_network();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: en\n",
    );
    site.build();
    let page = site.page("news/start/index.html");
    assert!(texts(&page, "article .meta")[0].starts_with("8 March 2017"));
    assert_eq!(attrs(&page, "html", "lang"), ["en"]);
}

#[test]
fn the_example_site_builds_without_broken_links() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let options = kette::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.path().join("site")),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
        ..Default::default()
    };
    let report = kette::build(&options).unwrap_or_else(|p| panic!("{:?}", p.into_sorted()));
    assert!(report.articles >= 6 && report.municipalities >= 9 && report.events >= 2);
    let broken = broken_internal_links(&out.path().join("site"), "/praevention/");
    assert!(broken.is_empty(), "{broken:?}");
}
