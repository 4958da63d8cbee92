//! Multilingual sites: each language's Atom feed is `xml:lang` of its
//! language's tag, with an article shown untranslated marked as the
//! default language's; JSON-LD's `inLanguage` is the page's BCP 47 tag as
//! site.yaml gives it (the default language's for an untranslated item).

mod common;

use common::{attrs, Fixture};

const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// The languages fixture with English tagged `en-GB`.
fn built() -> Fixture {
    let site = Fixture::copy_of("languages");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &yaml.replace("  en:\n", "  en:\n    tag: en-GB\n"),
    );
    site.build();
    site
}

/// The feed's `xml:lang` and each entry's (title, `xml:lang` or "").
fn feed_languages(site: &Fixture, path: &str) -> (String, Vec<(String, String)>) {
    let text = std::fs::read_to_string(site.output().join(path)).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let feed = doc.root_element();
    let lang = |n: roxmltree::Node<'_, '_>| n.attribute((XML, "lang")).unwrap_or("").to_string();
    let entries = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            let title = e
                .children()
                .find(|n| n.has_tag_name("title"))
                .and_then(|n| n.text())
                .unwrap_or("")
                .to_string();
            (title, lang(e))
        })
        .collect();
    (lang(feed), entries)
}

#[test]
fn feeds_say_their_language_and_mark_untranslated_entries() {
    let site = built();
    let (lang, entries) = feed_languages(&site, "en/atom.xml");
    assert_eq!(lang, "en-GB");
    let untranslated: Vec<&str> = entries
        .iter()
        .filter(|(_, l)| l == "de")
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(untranslated.len(), 1, "{entries:?}");
    assert!(entries.iter().all(|(_, l)| l == "de" || l.is_empty()));
    assert_eq!(entries.len(), 3);

    let (lang, entries) = feed_languages(&site, "ar/atom.xml");
    assert_eq!(lang, "ar");
    assert_eq!(
        entries.iter().filter(|(_, l)| l == "de").count(),
        2,
        "{entries:?}"
    );

    // The default language's feed: its tag, no entry marked.
    let (lang, entries) = feed_languages(&site, "atom.xml");
    assert_eq!(lang, "de");
    assert!(entries.iter().all(|(_, l)| l.is_empty()), "{entries:?}");
}

/// The `inLanguage` of a page's JSON-LD.
fn in_language(site: &Fixture, page: &str) -> String {
    let scripts = common::texts(&site.page(page), "script[type=\"application/ld+json\"]");
    let json: serde_json::Value = serde_json::from_str(&scripts[0]).unwrap();
    json["inLanguage"].as_str().unwrap().to_string()
}

#[test]
fn json_ld_names_the_language_by_its_tag() {
    let site = built();
    assert_eq!(in_language(&site, "en/news/elterncafe/index.html"), "en-GB");
    assert_eq!(
        in_language(&site, "en/events/sommerfest/index.html"),
        "en-GB"
    );
    // Shown untranslated: the text is German.
    assert_eq!(in_language(&site, "en/news/fachtag/index.html"), "de");
    assert_eq!(in_language(&site, "ar/news/elterncafe/index.html"), "ar");
    assert_eq!(in_language(&site, "news/elterncafe/index.html"), "de");
    // The page's own lang agrees.
    let page = site.page("en/news/elterncafe/index.html");
    assert_eq!(attrs(&page, "html", "lang"), ["en-GB"]);
}
