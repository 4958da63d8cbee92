//! Cards are made once and shared by every page that shows them
//! (src/render/values.rs). A card that took on keys a page added to it (the
//! article page adds the text and the neighbours, the municipality page its
//! chain and lists) would carry them into every list rendered later; these
//! templates print the keys of every card they are given.

mod common;

use common::{attrs, texts, Fixture};

const ARTICLE_CARD: &str =
    "author date dir draft image image_alt image_permalink lang municipalities permalink \
     picture place slug summary summary_html title topics topics_more updated url";
const EVENT_CARD: &str =
    "dir draft end external_url image image_alt image_permalink lang location multi_day \
     municipalities permalink picture slug start summary summary_html title topics topics_more url";
const MUNICIPALITY_CARD: &str =
    "cohort joined kind member_count name offer_count parent permalink slug summary url";

/// Prints the keys of each card in `list` as one `<p class=…>`.
fn keys_of(list: &str, class: &str) -> String {
    format!(
        "{{% for card in {list} %}}<p class=\"{class}\">{{% for key in card | keys | sort %}}{{{{ key }}}} {{% endfor %}}</p>{{% endfor %}}"
    )
}

#[test]
fn list_cards_have_only_their_own_keys_after_pages_that_extend_them() {
    let f = Fixture::new().with_small_network();
    // Rendered last to first: article, event and municipality pages (which
    // add keys to their own cards) come before the news lists and the home
    // page, topics before municipalities.
    f.write("templates/news_list.html", &keys_of("articles", "article"));
    f.write(
        "templates/topic.html",
        &[
            keys_of("topic.articles", "article"),
            keys_of("topic.events", "event"),
            keys_of("topic.municipalities", "municipality"),
        ]
        .concat(),
    );
    f.write(
        "templates/municipality.html",
        &[
            keys_of("municipality.articles", "article"),
            keys_of("municipality.events", "event"),
            keys_of("municipality.members", "municipality"),
        ]
        .concat(),
    );
    f.write(
        "templates/events.html",
        &keys_of("[...upcoming, ...past]", "event"),
    );
    f.write(
        "templates/municipalities.html",
        &keys_of("municipalities", "municipality"),
    );
    f.write(
        "templates/article.html",
        "{{ article.title }} {{ article.content_html | safe }}{% if article.older %}{{ article.older.title }}{% endif %}",
    );
    f.build();

    let mut seen = 0;
    for (page, kinds) in [
        ("news/index.html", &["article"][..]),
        ("news/page/2/index.html", &["article"][..]),
        (
            "topics/uebergaenge-gestalten/index.html",
            &["article", "municipality"][..],
        ),
        ("topics/planungsworkshop/index.html", &["article"][..]),
        ("municipalities/ahlen/index.html", &["article", "event"][..]),
        (
            "municipalities/kreis-warendorf/index.html",
            &["article", "municipality"][..],
        ),
        ("events/index.html", &["event"][..]),
        ("municipalities/index.html", &["municipality"][..]),
    ] {
        let html = f.page(page);
        for kind in kinds {
            let expected = match *kind {
                "article" => ARTICLE_CARD,
                "event" => EVENT_CARD,
                _ => MUNICIPALITY_CARD,
            };
            let cards = texts(&html, &format!("p.{kind}"));
            assert!(!cards.is_empty(), "{page} shows no {kind} card");
            for keys in cards {
                assert_eq!(keys.trim(), expected, "a {kind} card on {page}");
                seen += 1;
            }
        }
    }
    assert!(seen >= 12, "only {seen} cards checked");
    // The article pages had their text and neighbours.
    let article = std::fs::read_to_string(f.output().join("news/ziele/index.html")).unwrap();
    assert!(article.contains("Die Stadt hat vier Ziele."), "{article}");
    assert!(
        article.contains("Start in die Planungsworkshops"),
        "{article}"
    );
}

/// The default theme renders each card once per heading level and the
/// navigation once per section (`fragment(component=…)`,
/// docs/templates.md): what a page shows must still be its own.
#[test]
fn cached_cards_and_navigation_are_right_on_every_page() {
    let f = Fixture::new().with_small_network();
    f.build();
    let title = "Start in die Planungsworkshops";
    let mut summaries = Vec::new();
    for (page, heading) in [
        ("news/index.html", "h2"),
        ("archive/2017/03/index.html", "h2"),
        ("topics/planungsworkshop/index.html", "h3"),
        ("municipalities/ahlen/index.html", "h3"),
        ("index.html", "h3"),
    ] {
        let html = f.page(page);
        let other = if heading == "h2" { "h3" } else { "h2" };
        assert!(
            texts(&html, &format!("{heading}.card-title")).contains(&title.to_string()),
            "{page}: no {heading} card for {title}"
        );
        assert!(
            !texts(&html, &format!("{other}.card-title")).contains(&title.to_string()),
            "{page}: a {other} card for {title}"
        );
        summaries.push(texts(&html, "article.card .summary"));
    }
    let first = summaries[0].iter().find(|s| s.contains("Erster Absatz"));
    assert!(first.is_some(), "{summaries:?}");
    for s in &summaries {
        assert!(s.iter().any(|x| Some(x) == first), "{summaries:?}");
    }

    // `aria-current` marks the page's own section, or the page itself in
    // the menu, and nothing on the home page (the fixture's base path is
    // `/sub/`).
    for (page, current) in [
        ("news/index.html", vec!["/sub/news/"]),
        ("news/ziele/index.html", vec!["/sub/news/"]),
        ("topics/planungsworkshop/index.html", vec!["/sub/topics/"]),
        (
            "municipalities/ahlen/index.html",
            vec!["/sub/municipalities/"],
        ),
        ("events/index.html", vec!["/sub/events/"]),
        ("ueber-uns/index.html", vec!["/sub/ueber-uns/"]),
        ("index.html", vec![]),
    ] {
        let html = f.page(page);
        assert_eq!(
            attrs(&html, "header nav a[aria-current=page]", "href"),
            current,
            "{page}"
        );
    }
}
