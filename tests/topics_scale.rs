//! Output grows linearly with content however many topics one item has
//! (issue 20, item 4): a topic page or topic feed shows the items of its
//! topic, each with at most a few of its topics, never every topic of the
//! site. Only the item's own page and the topics index list them all.

mod common;

use common::Fixture;

/// The most topics a card or feed entry shows (`MAX_CARD_TOPICS`).
const SHOWN: usize = 10;

fn site_with_many_topics(n: usize) -> Fixture {
    let site = Fixture::new();
    let topics: Vec<String> = (0..n).map(|i| format!("\"Thema {i:05}\"")).collect();
    site.write(
        "content/news/2024-01-02-viele.md",
        &format!(
            "---\ntitle: \"Viele Themen\"\ntopics: [{}]\n---\nText.\n",
            topics.join(", ")
        ),
    );
    site.write(
        "content/events/2024-07-01-fest.md",
        &format!(
            "---\ntitle: \"Fest\"\nstart: 2024-07-01\ntopics: [{}]\n---\nText.\n",
            topics.join(", ")
        ),
    );
    site.write(
        "content/municipalities/a.yaml",
        &format!(
            "name: A\nkind: Stadt\noffers:\n  - name: Angebot\n    stages: [\"3-6\"]\n    topics: [{}]\n",
            topics.join(", ")
        ),
    );
    site
}

fn topic_links(html: &scraper::Html) -> usize {
    common::attrs(html, "main a", "href")
        .iter()
        .filter(|h| h.contains("/topics/thema-"))
        .count()
}

#[test]
fn topic_pages_and_feeds_show_a_bounded_number_of_topics_per_item() {
    let n = 400;
    let site = site_with_many_topics(n);
    site.build();
    let out = site.output();

    // A topic page lists the article, the event and the offer, each with
    // at most SHOWN topic links.
    let page = site.page("topics/thema-00123/index.html");
    let links = topic_links(&page);
    assert!(
        (1..=3 * SHOWN).contains(&links),
        "a topic page links {links} topics"
    );
    let texts = common::texts(&page, "main");
    assert!(texts[0].contains("Viele Themen") && texts[0].contains("Fest"));

    // A topic feed's entry carries at most SHOWN categories.
    let feed = std::fs::read_to_string(out.join("topics/thema-00123/atom.xml")).unwrap();
    let categories = feed.matches("<category ").count();
    assert!(
        (1..=SHOWN).contains(&categories),
        "{categories} categories in a topic feed"
    );

    // The article's and event's own pages still list every topic.
    for page in ["news/viele/index.html", "events/fest/index.html"] {
        assert_eq!(topic_links(&site.page(page)), n, "{page}");
    }
    // So does the topics index, once each.
    assert_eq!(topic_links(&site.page("topics/index.html")), n);
}

#[test]
fn the_whole_output_grows_linearly_with_the_number_of_topics() {
    let size = |n: usize| {
        let site = site_with_many_topics(n);
        site.build();
        common::snapshot(&site.output())
            .values()
            .map(|bytes| bytes.len() as u64)
            .sum::<u64>()
    };
    let (small, large) = (size(200), size(800));
    // Four times the topics: about four times the output (each topic adds
    // its page, its feed and a few links); quadratic growth would be
    // sixteen times.
    let ratio = large as f64 / small as f64;
    assert!(ratio < 6.0, "output grew {ratio:.1}× for 4× the topics");
}
