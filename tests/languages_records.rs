//! Multilingual sites: the parts of a municipality record that its
//! `translations:` leave in the default language carry that language's
//! `lang` (and `dir`, where the page's direction differs) on the page of a
//! further language; translated parts carry none.

mod common;

use common::{attrs, texts, Fixture};

/// The languages fixture, Nordstadt with a leadership line and a second
/// offer that neither translation gives.
fn built() -> Fixture {
    let site = Fixture::copy_of("languages");
    let path = "content/municipalities/nordstadt.yaml";
    let yaml = std::fs::read_to_string(site.root().join(path)).unwrap();
    let yaml = yaml
        .replace(
            "joined: 2022\n",
            "joined: 2022\nleadership: \"Amt für Familie\"\n",
        )
        .replace(
            "translations:\n",
            "  - name: \"Elternkurs\"\n    stages: [\"0-3\"]\n    description: \"Ein Kurs für Eltern.\"\ntranslations:\n",
        );
    site.write(path, &yaml);
    site.build();
    site
}

/// (the offer's heading, the `lang` and `dir` of its description) on a page.
fn offers(page: &scraper::Html) -> Vec<(String, String, String)> {
    let sel = scraper::Selector::parse("article.offer").unwrap();
    let prose = scraper::Selector::parse("div.prose").unwrap();
    let h3 = scraper::Selector::parse("h3").unwrap();
    page.select(&sel)
        .map(|offer| {
            let div = offer.select(&prose).next().unwrap().value();
            let name = offer.select(&h3).next().unwrap().text().collect::<String>();
            let attr = |a: &str| div.attr(a).unwrap_or("").to_string();
            (name, attr("lang"), attr("dir"))
        })
        .collect()
}

#[test]
fn untranslated_parts_of_a_record_carry_the_default_language() {
    let site = built();
    let en = site.page("en/municipalities/nordstadt/index.html");
    // The description is translated: no lang of its own.
    let description = "article.municipality-profile > div.prose";
    assert_eq!(
        texts(&en, description)[0].trim(),
        "Nordstadt founded the network."
    );
    assert_eq!(attrs(&en, description, "lang"), Vec::<String>::new());
    assert_eq!(attrs(&en, "dl.facts dd[lang]", "lang"), ["de"]);
    assert_eq!(texts(&en, "dl.facts dd[lang]"), ["Amt für Familie"]);
    assert_eq!(
        offers(&en),
        [
            ("Willkommensbesuche".into(), String::new(), String::new()),
            ("Elternkurs".into(), "de".into(), String::new()),
        ]
    );

    // Arabic pages are right to left: German text gets dir="ltr" too.
    let ar = site.page("ar/municipalities/nordstadt/index.html");
    assert_eq!(attrs(&ar, description, "lang"), Vec::<String>::new());
    assert_eq!(attrs(&ar, "dl.facts dd[lang]", "dir"), ["ltr"]);
    assert_eq!(
        offers(&ar),
        [
            ("Willkommensbesuche".into(), "de".into(), "ltr".into()),
            ("Elternkurs".into(), "de".into(), "ltr".into()),
        ]
    );
    // A record without any translation: its description is German.
    let suedheim = site.page("en/municipalities/suedheim/index.html");
    assert_eq!(attrs(&suedheim, description, "lang"), ["de"]);

    // The default language's own page has no such marks.
    let de = site.page("municipalities/nordstadt/index.html");
    assert!(attrs(&de, "main [lang]", "lang").is_empty());
}
