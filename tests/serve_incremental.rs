//! `serve` renders again only the pages an edit touches, and after every
//! edit it serves byte for byte what a full render of the site makes.

#[path = "common/serve_site.rs"]
mod serve_site;

use std::path::PathBuf;

use kette::build::render_files;
use kette::serve::state::Outcome;
use serve_site::{append, replace, served, Edit, Site};

const ARTICLE: &str = "content/news/2022-02-14-first-steps.md";
const RECORD: &str = "content/municipalities/nordstadt.yaml";

#[test]
fn a_body_edit_renders_few_pages_and_serves_what_a_full_build_makes() {
    let mut site = Site::new();
    let pages = site.builder.snapshot().files.len();
    let kept = site
        .edit(ARTICLE, append("A sentence added while previewing."))
        .unwrap();
    site.assert_served_as_full("a body edit");
    assert!(
        kept > 0 && kept + 40 > pages / 2,
        "a body edit should keep most pages; kept {kept} of {pages} files"
    );
    let page =
        String::from_utf8(site.builder.snapshot().files["news/first-steps/index.html"].to_vec())
            .unwrap();
    assert!(page.contains("A sentence added while previewing."));
}

#[test]
fn every_kind_of_edit_serves_what_a_full_build_makes() {
    let mut site = Site::new();
    let edits: Vec<(&str, &str, Box<Edit>)> = vec![
        (
            "article title",
            ARTICLE,
            Box::new(replace("First steps of the network", "First steps, retold")),
        ),
        (
            "article summary",
            ARTICLE,
            Box::new(replace(
                "starts with a first meeting",
                "begins with a meeting",
            )),
        ),
        (
            "article date",
            ARTICLE,
            Box::new(replace("date: 2022-02-14", "date: 2024-04-02")),
        ),
        (
            "article topics",
            ARTICLE,
            Box::new(replace(
                "topics: [Networking, Early Help]",
                "topics: [Networking]",
            )),
        ),
        (
            "article municipalities",
            ARTICLE,
            Box::new(replace(
                "municipalities: [nordstadt]",
                "municipalities: [nordstadt, westhafen]",
            )),
        ),
        (
            "record description",
            RECORD,
            Box::new(replace(
                "Nordstadt started the network.",
                "Nordstadt founded the network.",
            )),
        ),
        (
            "offer provider",
            RECORD,
            Box::new(replace(
                "provider: \"Schools\"",
                "provider: \"Primary schools\"",
            )),
        ),
        (
            "record name",
            RECORD,
            Box::new(replace("name: Nordstadt", "name: Nordstadt am Meer")),
        ),
        (
            // The annual report links to the event: its text must follow.
            "linked event's URL",
            "content/events/2024-09-18-conference.md",
            Box::new(replace(
                "title: \"Network conference 2024\"",
                "title: \"Network conference 2024\"\nslug: big-conference",
            )),
        ),
        (
            "event body",
            "content/events/2024-05-27-learning-week.md",
            Box::new(append("One more workshop.")),
        ),
        (
            "page body",
            "content/pages/about.md",
            Box::new(append("Another paragraph about us.")),
        ),
        (
            "draft published",
            "content/news/2024-05-30-draft.md",
            Box::new(replace("draft: true", "draft: false")),
        ),
        (
            "new article",
            "content/news/2024-01-15-new.md",
            Box::new(|_: &str| {
                Some("---\ntitle: \"A new one\"\nmunicipalities: [westhafen]\ntopics: [Networking]\n---\nFresh news.\n".to_string())
            }),
        ),
        (
            "article deleted",
            "content/news/2023-11-20-script-title.md",
            Box::new(|_: &str| None),
        ),
    ];
    for (what, path, edit) in edits {
        site.edit(path, edit)
            .unwrap_or_else(|problems| panic!("after {what}: {problems}"));
        site.assert_served_as_full(what);
    }
}

#[test]
fn a_quick_second_save_of_the_same_size_is_seen() {
    let mut site = Site::new();
    let file = site.root.join("content/pages/about.md");
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    // Same length, and the modification time set back: only the watcher's
    // word tells that the file changed.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("prevention chains", "prevention CHAINS"),
    )
    .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let (outcome, _) = site
        .builder
        .rebuild(&[PathBuf::from("content/pages/about.md")]);
    assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
    site.assert_served_as_full("a same-size save");
    let page =
        String::from_utf8(site.builder.snapshot().files["about/index.html"].to_vec()).unwrap();
    assert!(page.contains("prevention CHAINS"), "{page}");
}

#[test]
fn after_a_broken_edit_is_fixed_the_site_is_whole_again() {
    let mut site = Site::new();
    let broken = site.edit(
        ARTICLE,
        replace("municipalities: [nordstadt]", "municipalities: [nordstad]"),
    );
    assert!(broken.is_err(), "an unknown municipality is an error");
    if let Err(problems) = site.edit(
        ARTICLE,
        replace(
            "municipalities: [nordstad]",
            "municipalities: [nordstadt]\nauthor: Kim",
        ),
    ) {
        panic!("fixed, yet: {problems}");
    }
    site.assert_served_as_full("a fix");
}

#[test]
fn a_template_change_renders_every_page_again() {
    let mut site = Site::new();
    std::fs::create_dir_all(site.root.join("templates")).unwrap();
    std::fs::write(
        site.root.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Gone fishing.</p>{% endblock %}",
    )
    .unwrap();
    let (outcome, _) = site.builder.rebuild(&[PathBuf::from("templates/404.html")]);
    match outcome {
        Outcome::Built { kept, .. } => {
            assert_eq!(kept, 0, "no page is kept after a template change")
        }
        other => panic!("{other:?}"),
    }
    site.assert_served_as_full("a template change");
}

/// The preview's broken links, as messages, sorted.
fn served_links(site: &Site) -> Vec<String> {
    let mut links: Vec<String> = site
        .builder
        .snapshot()
        .links
        .iter()
        .map(|d| d.to_string())
        .collect();
    links.sort();
    links
}

/// The broken links `kette check` finds in a full render, sorted.
fn checked_links(site: &Site) -> Vec<String> {
    let (full, files) = render_files(&site.options).expect("the site renders");
    let (_, problems) = kette::check::crawl(&full, &files);
    let mut links: Vec<String> = problems.into_iter().map(|d| d.to_string()).collect();
    links.sort();
    links
}

/// The preview keeps the links of unchanged pages between edits: a page
/// whose link target appears, and disappears again, is reported as
/// `kette check` reports it, though the page itself was not rendered again.
#[test]
fn broken_links_follow_edits_of_other_files() {
    let mut site = Site::new();
    site.edit("content/pages/verweis.md", |_| {
        Some("---\ntitle: Verweis\n---\nSiehe [später](../news/spaeter/).\n".into())
    })
    .unwrap();
    let broken = served_links(&site);
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].contains("../news/spaeter/"), "{broken:?}");
    assert_eq!(broken, checked_links(&site));

    site.edit("content/news/2024-05-20-spaeter.md", |_| {
        Some("---\ntitle: Später\ndate: 2024-05-20\n---\nText.\n".into())
    })
    .unwrap();
    assert_eq!(served_links(&site), Vec::<String>::new());
    assert_eq!(checked_links(&site), Vec::<String>::new());

    site.edit("content/news/2024-05-20-spaeter.md", |_| None)
        .unwrap();
    assert_eq!(served_links(&site), broken);
    assert_eq!(checked_links(&site), broken);

    // Edits that add and remove no file: only the edited page is read
    // again, and its link is followed against the files as they are.
    site.edit(
        "content/pages/verweis.md",
        replace("../news/spaeter/", "../news/first-steps/"),
    )
    .unwrap();
    assert_eq!(served_links(&site), Vec::<String>::new());
    site.edit(
        "content/pages/verweis.md",
        replace("../news/first-steps/", "../news/spaeter/"),
    )
    .unwrap();
    assert_eq!(served_links(&site), broken);
    assert_eq!(checked_links(&site), broken);
}

/// A site large enough for a sharded search index: the postings the
/// preview patches after an edit give the files a full build makes.
#[test]
fn a_sharded_search_index_follows_edits() {
    let mut site = Site::with_articles(230);
    assert!(
        served(&site.builder).contains_key("search-index/d/0.json"),
        "the index is sharded"
    );
    let article = "content/news/2021-03-03-bericht-2.md";
    let edits: Vec<(&str, Box<Edit>)> = vec![
        (
            "a word added",
            Box::new(append("Ein Zauberwort und noch ein Familienwort.")),
        ),
        ("a shared word gone", Box::new(replace("Familien und ", ""))),
        (
            "its own word renamed",
            Box::new(replace("wort2 ", "anderswort ")),
        ),
        ("the title", Box::new(replace("Bericht 2", "Kinderbericht"))),
    ];
    for (what, edit) in edits {
        site.edit(article, edit).unwrap();
        site.assert_served_as_full(what);
    }
    site.edit(article, |_| None).unwrap();
    site.assert_served_as_full("the article deleted");
}

/// On a site in several languages, a translation added, edited and removed
/// changes the other languages' pages too (their alternates and language
/// switcher): the preview serves what a full build makes.
#[test]
fn translations_added_and_removed_serve_what_a_full_build_makes() {
    let mut site = Site::of_fixture("languages", 0);
    let translation = "content/news/2024-02-01-fachtag.en.md";
    site.edit(translation, |_| {
        Some("---\ntitle: \"Conference day\"\n---\nThe network met for a conference day.\n".into())
    })
    .unwrap();
    site.assert_served_as_full("an English translation added");
    site.edit(
        translation,
        replace("conference day.", "conference day in spring."),
    )
    .unwrap();
    site.assert_served_as_full("the translation edited");
    let kept = site
        .edit(
            "content/news/2024-02-01-fachtag.md",
            append("Ein Satz mehr."),
        )
        .unwrap();
    // The other languages' pages are kept too, not rendered on every edit.
    let default_language_files = served(&site.builder)
        .keys()
        .filter(|p| !p.starts_with("en/") && !p.starts_with("ar/"))
        .count();
    assert!(
        kept > default_language_files,
        "{kept} kept, {default_language_files} files in German"
    );
    site.assert_served_as_full("the original edited");
    site.edit(translation, |_| None).unwrap();
    site.assert_served_as_full("the translation removed");
}
