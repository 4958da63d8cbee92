//! Markdown through whole builds: e-mail autolinks, unique heading ids (also
//! for thousands of equal headings, and across the texts of a municipality
//! page and the theme's own ids), raw HTML published as written, plain
//! summaries and search text without markup, and the URL policy for
//! Markdown links and images.

mod common;

use std::collections::HashSet;

use common::{attrs, Fixture};
use scraper::Html;

/// An article (at /sub/news/a/) with `body`, in a site with `site_yaml`
/// lines added.
fn site_with_article(extra_yaml: &str, body: &str) -> Fixture {
    let f = Fixture::new();
    if !extra_yaml.is_empty() {
        let yaml = std::fs::read_to_string(f.root().join("site.yaml")).unwrap();
        f.write("site.yaml", &format!("{yaml}{extra_yaml}"));
    }
    f.write(
        "content/news/2024-01-02-a.md",
        &format!("---\ntitle: \"A\"\n---\n{body}"),
    );
    f
}

fn output(f: &Fixture, path: &str) -> String {
    std::fs::read_to_string(f.output().join(path)).unwrap()
}

/// Every `id` on the page, in order.
fn ids(f: &Fixture, path: &str) -> Vec<String> {
    attrs(&f.page(path), "[id]", "id")
}

fn assert_unique(ids: &[String]) {
    let mut seen = HashSet::new();
    let doubled: Vec<&String> = ids.iter().filter(|id| !seen.insert(*id)).collect();
    assert!(doubled.is_empty(), "ids used twice: {doubled:?}");
}

#[test]
fn email_autolinks_are_mailto_links() {
    let f = site_with_article(
        "",
        "Schreiben Sie an <info@ahlen.de> oder <foo+special@Bar.baz-bar0.com>.\n",
    );
    f.build();
    let hrefs = attrs(
        &f.page("news/a/index.html"),
        "article a[href^=mailto]",
        "href",
    );
    assert_eq!(
        hrefs,
        [
            "mailto:info@ahlen.de",
            "mailto:foo+special@Bar.baz-bar0.com"
        ]
    );
}

#[test]
fn explicit_and_automatic_heading_ids_are_unique() {
    let f = site_with_article(
        "",
        "## Kontakt\n\n## Zweites {#kontakt}\n\n## Kontakt\n\n## Anhang {#kontakt-1}\n\nText[^kontakt-2].\n\n## Kontakt 2\n\n[^kontakt-2]: Fußnote.\n",
    );
    f.build();
    let ids = ids(&f, "news/a/index.html");
    assert_unique(&ids);
    // The editor's ids stay where they were written.
    let page = f.page("news/a/index.html");
    let heading_ids = attrs(&page, "article h2", "id");
    assert_eq!(
        heading_ids,
        [
            "kontakt-3",
            "kontakt",
            "kontakt-4",
            "kontakt-1",
            "kontakt-2-1"
        ]
    );
}

#[test]
fn eight_thousand_equal_headings_get_unique_ids() {
    let body = "# Same\n\n".repeat(8000);
    let f = site_with_article("", &body);
    f.build();
    let headings = attrs(&f.page("news/a/index.html"), "article h1[id]", "id");
    assert_eq!(headings.len(), 8000);
    assert_eq!(headings[0], "same");
    assert_eq!(headings[7999], "same-7999");
    assert_unique(&headings);
}

#[test]
fn empty_headings_are_named_in_the_site_language() {
    let f = Fixture::new();
    f.write(
        "site.yaml",
        "title: \"Net\"\nbase_url: \"https://example.org/sub/\"\nlanguage: en\n",
    );
    f.write(
        "content/news/2024-01-02-a.md",
        "---\ntitle: \"A\"\n---\n##\n\nText.\n\n## ***\n",
    );
    f.build();
    let headings = attrs(&f.page("news/a/index.html"), "article h2", "id");
    assert_eq!(headings, ["section", "section-1"]);
}

#[test]
fn raw_html_is_published_as_written() {
    let raw_inline = r#"<span title="<pre>" data-x='<table>'>Wort</span>"#;
    let raw_comment = "<!-- <pre> und <table> bleiben -->";
    let raw_block =
        "<div class=\"box\" title=\"a > b\">\n<pre>roh</pre>\n<!-- <table> -->\n</div>\n";
    let f = site_with_article(
        "",
        &format!("Text {raw_inline} {raw_comment}\n\n{raw_block}\n```\ncode\n```\n"),
    );
    f.build();
    let html = output(&f, "news/a/index.html");
    assert!(html.contains(raw_inline), "{html}");
    assert!(html.contains(raw_comment), "{html}");
    assert!(html.contains(raw_block), "{html}");
    assert!(html.contains("<pre tabindex=\"0\"><code>code\n</code></pre>"));
}

#[test]
fn summaries_and_search_text_have_no_markup_of_raw_html() {
    let f = site_with_article(
        "",
        "Erster <abbr title=\"geheimes Attribut\">Satz</abbr> <!-- ein > Kommentar --> mit <span data-x=\"a>b\">x</span> Ende.\n\n<div title=\"sonderwort > hier\">\n\nZweiter Absatz.\n\n</div>\n",
    );
    f.build();
    let page = f.page("news/a/index.html");
    let description = attrs(&page, "meta[name=description]", "content");
    assert_eq!(description, ["Erster Satz mit x Ende."]);
    let feed = output(&f, "atom.xml");
    let summary = feed
        .split("<summary>")
        .nth(1)
        .and_then(|s| s.split("</summary>").next())
        .unwrap();
    assert_eq!(summary, "Erster Satz mit x Ende.");
    let index = output(&f, "search-index.json");
    for leak in [
        "-->",
        "geheim",
        "a>b",
        "sonderwort",
        "&gt;",
        "\\u003e",
        ">x",
        "kommentar",
    ] {
        assert!(!index.contains(leak), "{leak} in {index}");
    }
    // Words are indexed by their stem: "zweiter" as "zweit".
    assert!(index.contains("\"zweit\""), "{index}");
}

#[test]
fn the_more_marker_is_hidden_without_raw_html() {
    let f = site_with_article(
        "markdown:\n  raw_html: false\n",
        "Kurz.\n\n<!-- more -->\n\nLang <b>fett</b>.\n",
    );
    f.build();
    let html = output(&f, "news/a/index.html");
    assert!(!html.contains("more"), "{html}");
    assert!(html.contains("Lang &lt;b&gt;fett&lt;/b&gt;."), "{html}");
    let description = attrs(
        &f.page("news/a/index.html"),
        "meta[name=description]",
        "content",
    );
    assert_eq!(description, ["Kurz."]);
}

#[test]
fn script_and_data_urls_in_markdown_are_build_errors() {
    for extra_yaml in ["", "markdown:\n  raw_html: false\n"] {
        let f = site_with_article(
            extra_yaml,
            "Ein [Link](javascript:alert(1)) und\n![Bild](data:image/png;base64,AAAA) und [ref].\n\nGut: [a](https://e.org/) [b](mailto:a@b.de) [c](tel:+49-2382) [d](#x) [e](bild/).\n\n[ref]: VBScript:msgbox\n",
        );
        let problems = f.problems();
        let file = "content/news/2024-01-02-a.md";
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].starts_with(&format!("{file}:4:5: link to `javascript:alert(1)` is not published: `javascript:` links are not allowed")),
            "{problems:#?}"
        );
        assert!(
            problems[1].starts_with(&format!("{file}:5:1: image `data:image/png;base64,AAAA` is not published: `data:` links are not allowed")),
            "{problems:#?}"
        );
        assert!(
            problems[2].starts_with(&format!(
                "{file}:5:41: link to `VBScript:msgbox` is not published"
            )),
            "{problems:#?}"
        );
        for p in &problems {
            assert!(p.contains(kette::url_policy::ALLOWED_FORMS), "{p}");
        }
    }
}

#[test]
fn refused_urls_in_record_descriptions_are_build_errors() {
    let f = Fixture::new();
    f.write(
        "content/municipalities/ahlen.yaml",
        "name: Ahlen\nkind: Stadt\ndescription: |\n  Stadt mit [Skript](javascript:x).\n",
    );
    let problems = f.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "content/municipalities/ahlen.yaml:4:11: link to `javascript:x` is not published"
        ),
        "{problems:#?}"
    );
}

/// Every `href="#…"` of `scope` must name an element of `within`.
fn assert_fragments_lead_to(scope: scraper::ElementRef<'_>, within: scraper::ElementRef<'_>) {
    let links = scraper::Selector::parse("a[href^='#']").unwrap();
    let any = scraper::Selector::parse("[id]").unwrap();
    let targets: HashSet<&str> = within
        .select(&any)
        .filter_map(|e| e.value().attr("id"))
        .collect();
    for a in scope.select(&links) {
        let href = a.value().attr("href").unwrap();
        assert!(
            targets.contains(&href[1..]),
            "`{href}` leads to no element of its own part: {}",
            within.html()
        );
    }
}

#[test]
fn ids_are_unique_across_the_texts_of_a_municipality_page() {
    let f = Fixture::new();
    // The description and both offers share headings, footnote labels and
    // links to their own sections; the description also has headings
    // whose automatic ids the theme uses on this page (`main`, `offers`,
    // `chain`, a stage, an offer's anchor).
    f.write(
        "content/municipalities/ahlen.yaml",
        r##"name: Ahlen
description: |
  [Zum Kontakt](#kontakt), [zum Inhalt](#main).

  ## Kontakt

  Text[^1].

  ## Main

  ## Offers

  ## Chain

  ## Stage 0-3

  ## Angebot Familienbüro

  [^1]: Fußnote.
offers:
  - name: Familienbüro
    stages: ["0-3"]
    description: |
      [Kontakt](#kontakt) und [Zeiten](#zeiten).

      ## Kontakt

      Text[^1].

      ## Zeiten {#zeiten}

      [^1]: Fußnote.
  - name: Elternschule
    stages: ["0-3"]
    description: |
      [Kontakt](#kontakt) und [Zeiten](#zeiten).

      ## Kontakt

      Text[^1].

      ## Zeiten {#zeiten}

      [^1]: Fußnote.
"##,
    );
    f.build();
    let path = "municipalities/ahlen/index.html";
    assert_unique(&ids(&f, path));
    let page = f.page(path);
    let root = page.root_element();
    assert_fragments_lead_to(root, root);
    // The description keeps the ids its own links name, but for the
    // theme's: its heading `Main` gives way to `<main id="main">`, and its
    // link to that heading follows it.
    let description = scraper::Selector::parse(".municipality-profile > .prose").unwrap();
    let description = page.select(&description).next().unwrap();
    assert_eq!(
        attrs(&Html::parse_fragment(&description.html()), "a", "href")[..2],
        ["#kontakt", "#main-1"]
    );
    assert_eq!(
        attrs(&Html::parse_fragment(&description.html()), "h2", "id")[0],
        "kontakt"
    );
    // Each offer's links lead into that offer.
    let offers = scraper::Selector::parse("article.offer").unwrap();
    let offers: Vec<_> = page.select(&offers).collect();
    assert_eq!(offers.len(), 2);
    for offer in offers {
        assert_fragments_lead_to(offer, offer);
    }
}

#[test]
fn ids_of_an_article_avoid_the_themes_ids() {
    let f = site_with_article(
        "",
        "[Main](#main) [Note](#n)\n\n## Main\n\nText[^n].\n\n[^n]: Fußnote.\n",
    );
    f.build();
    let path = "news/a/index.html";
    assert_unique(&ids(&f, path));
    let page = f.page(path);
    let article = scraper::Selector::parse("article .prose").unwrap();
    let article = page.select(&article).next().unwrap();
    assert_fragments_lead_to(article, article);
    assert_eq!(attrs(&page, "main", "id"), ["main"]);
}
