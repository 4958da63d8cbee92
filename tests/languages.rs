//! Multilingual sites (docs/configuration.md, "Languages"): the fixture
//! tests/fixtures/languages (German, English, Arabic) built and read back —
//! every language's pages, the links between them (hreflang both ways,
//! x-default, the sitemap's alternates, the switcher), the fallback, the
//! translated records, the errors; and a single-language site unchanged.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{attrs, broken_internal_links, files, texts, Fixture};
use scraper::Html;

const BASE: &str = "https://example.org/netz/";

fn built() -> Fixture {
    let site = Fixture::copy_of("languages");
    site.build();
    site
}

/// The output file of an absolute URL of the fixture.
fn file_of(site: &Fixture, url: &str) -> std::path::PathBuf {
    let rest = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not below {BASE}"));
    let out = site.output().join(rest);
    if rest.is_empty() || rest.ends_with('/') {
        out.join("index.html")
    } else {
        out
    }
}

/// Every HTML page of the output but alias pages, by path.
fn html_pages(site: &Fixture) -> BTreeMap<String, Html> {
    files(&site.output())
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, path)| {
            (
                name,
                Html::parse_document(&std::fs::read_to_string(path).unwrap()),
            )
        })
        .filter(|(_, html)| attrs(html, "link[rel=canonical]", "href").len() == 1)
        .collect()
}

#[test]
fn every_language_has_every_page_kind_below_its_prefix() {
    let site = built();
    let out = site.output();
    for prefix in ["", "en/", "ar/"] {
        for path in [
            "index.html",
            "news/index.html",
            "events/index.html",
            "municipalities/nordstadt/index.html",
            "topics/index.html",
            "archive/index.html",
            "calendar/index.html",
            "chain/index.html",
            "offers/index.html",
            "search/index.html",
            "atom.xml",
            "events.ics",
            "search-index.json",
        ] {
            assert!(
                out.join(prefix).join(path).is_file(),
                "missing {prefix}{path}"
            );
        }
    }
    // Static files and photos are shared at the root, not copied.
    assert!(out.join("style.css").is_file());
    assert!(!out.join("en/style.css").exists());
    assert!(!out.join("en/sitemap.xml").exists());
    // Each language's pages say which language they are in.
    let lang = |path: &str| attrs(&site.page(path), "html", "lang");
    assert_eq!(lang("index.html"), ["de"]);
    assert_eq!(lang("en/index.html"), ["en"]);
    assert_eq!(lang("ar/index.html"), ["ar"]);
    // Titles, translated texts and the slug of a translation.
    assert_eq!(
        texts(&site.page("en/news/elterncafe/index.html"), "h1"),
        ["The parents' café opens"]
    );
    assert_eq!(
        texts(&site.page("en/about-us/index.html"), "h1"),
        ["About us"]
    );
    assert_eq!(
        texts(&site.page("ar/ueber-uns/index.html"), "h1"),
        ["من نحن"]
    );
    // A translation's @/ link leads to the same language's page.
    let links = attrs(
        &site.page("en/news/elterncafe/index.html"),
        "main a",
        "href",
    );
    assert!(
        links.iter().any(|l| l == "/netz/en/news/fotobericht/"),
        "{links:?}"
    );
    // The site's title is the language's.
    let title = texts(&site.page("en/index.html"), "title");
    assert!(title[0].contains("Family Network Example"), "{title:?}");
    // Feeds and search index are the language's own.
    let feed = std::fs::read_to_string(out.join("en/atom.xml")).unwrap();
    assert!(
        feed.contains("The parents&apos; café opens") || feed.contains("The parents' café opens")
    );
    assert!(!feed.contains("Das Elterncafé öffnet"));
    let ics = std::fs::read_to_string(out.join("en/events.ics")).unwrap();
    assert!(ics.contains("Summer party for families"), "{ics}");
    let index = std::fs::read_to_string(out.join("en/search-index.json")).unwrap();
    assert!(
        index.contains("\"lang\":\"en\""),
        "{}",
        &index[..200.min(index.len())]
    );
    // No link of any language leads nowhere.
    assert_eq!(
        broken_internal_links(&out, "/netz/"),
        Vec::<(String, String)>::new()
    );
}

#[test]
fn hreflang_alternates_exist_and_point_back() {
    let site = built();
    let pages = html_pages(&site);
    let mut with_alternates = 0;
    for (path, html) in &pages {
        let canonical = attrs(html, "link[rel=canonical]", "href").remove(0);
        let alternates: Vec<(String, String)> = {
            let s = scraper::Selector::parse("link[rel=alternate][hreflang]").unwrap();
            html.select(&s)
                .map(|e| {
                    (
                        e.value().attr("hreflang").unwrap().to_string(),
                        e.value().attr("href").unwrap().to_string(),
                    )
                })
                .collect()
        };
        if alternates.is_empty() {
            continue;
        }
        with_alternates += 1;
        let tags: Vec<&str> = alternates.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            tags.contains(&"x-default"),
            "{path}: no x-default in {tags:?}"
        );
        let x_default = &alternates.iter().find(|(t, _)| t == "x-default").unwrap().1;
        assert!(
            !x_default.contains("/en/") && !x_default.contains("/ar/"),
            "{path}: {x_default}"
        );
        assert!(
            alternates.iter().any(|(_, href)| *href == canonical),
            "{path} does not name itself"
        );
        for (tag, href) in &alternates {
            let target = file_of(&site, href);
            assert!(
                target.is_file(),
                "{path}: {tag} alternate {href} does not exist"
            );
            let there = Html::parse_document(&std::fs::read_to_string(&target).unwrap());
            let back = attrs(&there, "link[rel=alternate][hreflang]", "href");
            assert!(
                back.contains(&canonical),
                "{href} does not point back to {canonical}"
            );
            if tag != "x-default" {
                assert_eq!(
                    attrs(&there, "html", "lang"),
                    std::slice::from_ref(tag),
                    "{href}"
                );
            }
        }
    }
    assert!(
        with_alternates > 30,
        "only {with_alternates} pages have alternates"
    );
    // A translation with its own slug is found through its original.
    let about = &pages["ueber-uns/index.html"];
    let hrefs = attrs(about, "link[rel=alternate][hreflang=en]", "href");
    assert_eq!(hrefs, [format!("{BASE}en/about-us/")]);
}

#[test]
fn the_switcher_names_each_language_in_itself_and_its_links_resolve() {
    let site = built();
    let page = site.page("en/news/elterncafe/index.html");
    assert_eq!(
        texts(&page, "nav.language-switcher li"),
        ["Deutsch", "English", "العربية"]
    );
    let links = attrs(&page, "nav.language-switcher a", "href");
    assert_eq!(
        links,
        ["/netz/news/elterncafe/", "/netz/ar/news/elterncafe/"]
    );
    assert_eq!(
        attrs(&page, "nav.language-switcher a", "hreflang"),
        ["de", "ar"]
    );
    assert_eq!(
        attrs(&page, "nav.language-switcher a", "lang"),
        ["de", "ar"]
    );
    // No Arabic version of the photo report: the switcher goes to the
    // Arabic home page.
    let page = site.page("en/news/fotobericht/index.html");
    let links = attrs(&page, "nav.language-switcher a", "href");
    assert!(
        links.contains(&"/netz/ar/news/fotobericht/".to_string()),
        "{links:?}"
    );
    for html in html_pages(&site).values() {
        for href in attrs(html, "nav.language-switcher a", "href") {
            let file = file_of(&site, &format!("https://example.org{href}"));
            assert!(file.is_file(), "switcher link {href} leads nowhere");
        }
    }
}

#[test]
fn untranslated_items_are_shown_in_german_with_a_note_or_left_out() {
    let site = built();
    // fallback: show — the Arabic site shows the photo report in German.
    let page = site.page("ar/news/fotobericht/index.html");
    assert_eq!(attrs(&page, "main > div[lang]", "lang"), ["de"]);
    assert_eq!(texts(&page, "main p.untranslated").len(), 1);
    assert_eq!(texts(&page, "h1"), ["Fotobericht vom Elterncafé"]);
    // In lists its card carries the original's language.
    let list = site.page("ar/news/index.html");
    assert_eq!(
        attrs(&list, "article.card .card-title a[lang]", "lang"),
        ["de", "de"],
        "the two untranslated articles"
    );
    assert_eq!(
        attrs(&list, "article.card .card-title a[lang]", "dir"),
        ["ltr", "ltr"]
    );
    // A translated page has no note.
    let page = site.page("en/news/elterncafe/index.html");
    assert!(texts(&page, "main p.untranslated").is_empty());
    assert!(attrs(&page, "main > div[lang]", "lang").is_empty());

    // fallback: hide — left out of the language, its lists and links.
    let site = Fixture::copy_of("languages");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &yaml.replace("fallback: show", "fallback: hide"),
    );
    site.build();
    let out = site.output();
    assert!(!out.join("en/news/fachtag/index.html").exists());
    assert!(out.join("en/news/elterncafe/index.html").is_file());
    assert!(out.join("news/fachtag/index.html").is_file());
    assert!(!out.join("ar/news/fotobericht/index.html").exists());
    let list = std::fs::read_to_string(out.join("en/news/index.html")).unwrap();
    assert!(!list.contains("Fachtag"), "hidden article listed");
    assert_eq!(
        broken_internal_links(&out, "/netz/"),
        Vec::<(String, String)>::new()
    );
}

#[test]
fn records_have_their_prose_in_each_language() {
    let site = built();
    let en = texts(&site.page("en/municipalities/nordstadt/index.html"), "main");
    assert!(en[0].contains("Nordstadt founded the network."), "{en:?}");
    assert!(
        en[0].contains("Visits to families with a newborn child."),
        "{en:?}"
    );
    let ar = texts(&site.page("ar/municipalities/nordstadt/index.html"), "main");
    assert!(ar[0].contains("أسست نوردشتات هذه الشبكة."), "{ar:?}");
    // Not translated into Arabic: the German offer text.
    assert!(ar[0].contains("Besuche bei Familien"), "{ar:?}");
    let de = texts(&site.page("municipalities/nordstadt/index.html"), "main");
    assert!(de[0].contains("Nordstadt hat das Netzwerk gegründet."));
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let site = built();
    let xml = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    let urls: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((sm, "url")))
        .collect();
    let locs: Vec<&str> = urls
        .iter()
        .map(|u| {
            u.children()
                .find(|c| c.has_tag_name((sm, "loc")))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    assert!(locs.contains(&"https://example.org/netz/en/about-us/"));
    assert!(locs.contains(&"https://example.org/netz/ar/"));
    for url in &urls {
        let loc = url
            .children()
            .find(|c| c.has_tag_name((sm, "loc")))
            .unwrap()
            .text()
            .unwrap();
        assert!(file_of(&site, loc).is_file(), "{loc}");
        for link in url.children().filter(|c| c.has_tag_name((xhtml, "link"))) {
            let href = link.attribute("href").unwrap();
            assert!(
                locs.contains(&href),
                "{loc}: alternate {href} is not in the sitemap"
            );
        }
    }
    let about = urls
        .iter()
        .find(|u| {
            u.children()
                .any(|c| c.text() == Some("https://example.org/netz/ueber-uns/"))
        })
        .unwrap();
    let alternates: Vec<&str> = about
        .children()
        .filter(|c| c.has_tag_name((xhtml, "link")))
        .map(|c| c.attribute("hreflang").unwrap())
        .collect();
    assert_eq!(alternates, ["de", "en", "ar", "x-default"]);
    let robots = std::fs::read_to_string(site.output().join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/netz/sitemap.xml"));
}

/// The sitemap validated against the sitemaps.org schema (with the XHTML
/// link schema it imports for the alternates) by xmllint, when it is
/// installed (.ci/run installs it).
#[test]
fn the_sitemap_validates_against_the_sitemaps_schema() {
    let Ok(status) = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
    else {
        eprintln!("xmllint is not installed; skipped");
        return;
    };
    assert!(status.status.success());
    let site = built();
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sitemap-schema");
    let result = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(schemas.join("sitemap-with-alternates.xsd"))
        .arg(site.output().join("sitemap.xml"))
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

fn problems_with(edit: impl FnOnce(&Fixture)) -> Vec<String> {
    let site = Fixture::copy_of("languages");
    edit(&site);
    site.problems()
}

#[test]
fn translation_files_with_problems_are_reported_at_their_place() {
    let problems = problems_with(|s| {
        s.write(
            "content/news/2024-05-01-gibts-nicht.en.md",
            "---\ntitle: Nothing\n---\nx\n",
        )
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("content/news/2024-05-01-gibts-nicht.en.md:1:1"),
        "{problems:?}"
    );
    assert!(
        problems[0].contains("news/2024-05-01-gibts-nicht.md"),
        "{problems:?}"
    );

    let problems = problems_with(|s| {
        s.write(
            "content/news/2024-02-01-fachtag.tr.md",
            "---\ntitle: Bir gün\n---\nx\n",
        )
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("content/news/2024-02-01-fachtag.tr.md:1:1"),
        "{problems:?}"
    );
    assert!(problems[0].contains("`tr`"), "{problems:?}");

    let problems = problems_with(|s| {
        s.write(
            "content/news/2024-03-05-fotobericht.en.md",
            "---\ntitle: Twice\n---\nx\n",
        )
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("content/news/2024-03-05-fotobericht.en.md:1:1"),
        "{problems:?}"
    );
    assert!(
        problems[0].contains("content/news/2024-03-05-fotobericht/index.en.md"),
        "{problems:?}"
    );
    assert!(problems[0].contains("(en)"), "{problems:?}");

    let problems = problems_with(|s| {
        let yaml =
            std::fs::read_to_string(s.root().join("content/municipalities/suedheim.yaml")).unwrap();
        s.write(
            "content/municipalities/suedheim.yaml",
            &format!("{yaml}translations:\n  uk:\n    description: x\n  en:\n    offers:\n      Gibtsnicht:\n        description: y\n"),
        )
    });
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().any(
            |p| p.starts_with("content/municipalities/suedheim.yaml:7:3") && p.contains("`uk`")
        ),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(
            |p| p.starts_with("content/municipalities/suedheim.yaml:11:7")
                && p.contains("Gibtsnicht")
        ),
        "{problems:?}"
    );
}

#[test]
fn the_languages_of_site_yaml_are_checked_at_their_place() {
    let with = |languages: &str| {
        problems_with(|s| {
            let yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
            let start = yaml.find("languages:").unwrap();
            s.write("site.yaml", &format!("{}{languages}", &yaml[..start]));
        })
    };
    let problems = with("languages:\n  fr: {}\n");
    assert!(problems[0].starts_with("site.yaml:14:3"), "{problems:?}");
    assert!(problems[0].contains("`fr`"), "{problems:?}");
    let problems = with("languages:\n  en:\n    prefix: x\n  ar:\n    prefix: x\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("site.yaml:17:13"), "{problems:?}");
    assert!(problems[0].contains("`x`"), "{problems:?}");
    let problems = with("languages:\n  en:\n    prefix: news\n");
    assert!(problems[0].starts_with("site.yaml:15:13"), "{problems:?}");
    assert!(problems[0].contains("news"), "{problems:?}");
    let problems = with("languages:\n  de: {}\n  en: {}\n");
    assert!(problems[0].starts_with("site.yaml:14:3"), "{problems:?}");
    assert!(problems[0].contains("`de`"), "{problems:?}");
}

/// SHA-256 of every output file of the every-kind fixture (a
/// single-language site), kept in tests/fixtures/every-kind.sha256: a site
/// without `languages:` must build exactly as before sites had languages.
/// `KETTE_BLESS=1` writes the list anew (for a change meant to alter the
/// output).
#[test]
fn a_single_language_site_is_built_byte_for_byte_as_before() {
    use sha2::{Digest, Sha256};
    let site = Fixture::copy_of("every-kind");
    site.build();
    let mut list = String::new();
    for (name, path) in files(&site.output()) {
        let digest = Sha256::digest(std::fs::read(path).unwrap());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        list.push_str(&format!("{hex}  {name}\n"));
    }
    let stored = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/every-kind.sha256");
    if std::env::var_os("KETTE_BLESS").is_some() {
        std::fs::write(&stored, &list).unwrap();
    }
    let expected = std::fs::read_to_string(&stored).unwrap();
    let (expected, got): (Vec<&str>, Vec<&str>) =
        (expected.lines().collect(), list.lines().collect());
    let changed: Vec<&&str> = got.iter().filter(|l| !expected.contains(l)).collect();
    let gone: Vec<&&str> = expected.iter().filter(|l| !got.contains(l)).collect();
    assert!(
        changed.is_empty() && gone.is_empty(),
        "output changed: {changed:?}\nno longer made: {gone:?}\n(KETTE_BLESS=1 if that is meant)"
    );
}

#[test]
fn kette_new_writes_a_translation_beside_its_original() {
    let site = Fixture::copy_of("languages");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kette"))
            .args(args)
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap()
    };
    let made = run(&[
        "new",
        "article",
        "Expert day",
        "--lang",
        "en",
        "--translation-of",
        "2024-02-01-fachtag",
    ]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let text =
        std::fs::read_to_string(site.root().join("content/news/2024-02-01-fachtag.en.md")).unwrap();
    assert!(text.starts_with("---\ntitle: \"Expert day\"\n"), "{text}");
    assert!(text.contains("# municipalities: [suedheim]"), "{text}");
    // The folder article's translation goes into its folder.
    let made = run(&[
        "new",
        "article",
        "صور",
        "--lang",
        "ar",
        "--translation-of",
        "2024-03-05-fotobericht",
    ]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(site
        .root()
        .join("content/news/2024-03-05-fotobericht/index.ar.md")
        .is_file());
    // The site builds with them, each in its language.
    site.build();
    assert_eq!(
        texts(&site.page("en/news/fachtag/index.html"), "h1"),
        ["Expert day"]
    );
    assert_eq!(
        texts(&site.page("ar/news/fotobericht/index.html"), "h1"),
        ["صور"]
    );

    let failed = run(&[
        "new",
        "page",
        "Hakkımızda",
        "--lang",
        "tr",
        "--translation-of",
        "ueber-uns",
    ]);
    assert!(!failed.status.success());
    assert!(
        String::from_utf8_lossy(&failed.stderr).contains("`tr`"),
        "{}",
        String::from_utf8_lossy(&failed.stderr)
    );
    let failed = run(&[
        "new",
        "page",
        "About",
        "--lang",
        "en",
        "--translation-of",
        "gibts-nicht",
    ]);
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("gibts-nicht"));
    let failed = run(&[
        "new",
        "page",
        "About",
        "--lang",
        "en",
        "--translation-of",
        "ueber-uns",
    ]);
    assert!(!failed.status.success(), "overwrote ueber-uns.en.md");
}
