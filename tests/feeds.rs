//! Everything a site publishes besides its HTML pages (issue 4): Atom feeds,
//! iCalendar files, the sitemap and robots.txt, and the search index and
//! page. Each file is read back with an independent parser — `feed-rs` for
//! Atom, `ical` for iCalendar, `roxmltree` for the sitemap, `serde_json` for
//! the index — never with the code that wrote it.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone, Utc};
use common::{attrs, texts, Fixture};

const BASE: &str = "https://example.org/praevention/";

/// A small network under a sub-path base URL: two municipalities (one with
/// an offer), two articles, a draft article, an alias, an all-day event over
/// two days, a timed event on the first day of summer time, a draft event.
fn network() -> Fixture {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        "title: \"Präventionsnetz\"\ndescription: \"Nachrichten, Termine; Profile\"\nbase_url: \"https://example.org/praevention/\"\nlanguage: de\ntimezone: Europe/Berlin\n",
    );
    site.write(
        "content/municipalities/ahlen.yaml",
        "name: Ahlen\nkind: Stadt\nfocus: [Übergänge gestalten]\ndescription: \"Stadt im Kreis Warendorf.\"\noffers:\n  - name: \"Familienbüro\"\n    stages: [schwangerschaft]\n    provider: \"Stadt Ahlen\"\n    description: \"Beratung rund um die Geburt.\"\n",
    );
    site.write(
        "content/municipalities/gummersbach.yaml",
        "name: Gummersbach\nkind: Stadt\n",
    );
    site.write(
        "content/news/2017-03-08-start.md",
        "---\ntitle: \"Start in die Planungsworkshops\"\nupdated: 2017-03-10\nmunicipalities: [ahlen]\ntopics: [Präventionskette]\nsummary: \"Der Auftakt & die Ziele.\"\naliases: [/2017/03/08/start/]\n---\nDie Workshops gestalten Übergänge zwischen Kita und Schule.\n\nMehr im [Lernnetzwerk](@/news/2017-04-03-lernnetzwerk.md).\n",
    );
    site.write(
        "content/news/2017-04-03-lernnetzwerk.md",
        "---\ntitle: \"Lernnetzwerk trifft sich\"\ndate: 2017-04-03T10:30:00\nauthor: \"Landeskoordinierungsstelle\"\nmunicipalities: [gummersbach]\ntopics: [Lernnetzwerk]\n---\nNeue und erfahrene Kommunen tauschen sich im Wissenschaftspark aus.\n",
    );
    site.write(
        "content/news/2018-01-01-entwurf.md",
        "---\ntitle: \"Geheimer Entwurf\"\ndraft: true\nmunicipalities: [ahlen]\ntopics: [Präventionskette]\n---\nNoch nicht fertig.\n",
    );
    site.write(
        "content/events/2017-05-15-fachtagung.md",
        "---\ntitle: \"Fachtagung Präventionsketten: Übergänge, Bildung; Gesundheit\"\nstart: 2017-05-15\nend: 2017-05-16\nlocation: \"Rathaus Ahlen; Ratssaal, 1. OG\"\nmunicipalities: [ahlen]\ntopics: [Präventionskette]\nsummary: \"Zwei Tage Austausch über Übergänge, Bildung und Gesundheit – mit Foren, Vorträgen und einem Markt der Möglichkeiten für alle Kommunen.\"\n---\nProgramm folgt.\n",
    );
    site.write(
        "content/events/2017-03-26-workshop.md",
        "---\ntitle: \"Workshop am ersten Sommerzeittag\"\nstart: 2017-03-26T09:00\nend: 2017-03-26T16:00\nlocation: Gummersbach\nmunicipalities: [gummersbach]\n---\nGanztägig.\n",
    );
    site.write(
        "content/events/2017-06-01-entwurf.md",
        "---\ntitle: \"Geheimer Termin\"\nstart: 2017-06-01\ndraft: true\nmunicipalities: [ahlen]\n---\nNoch nicht fertig.\n",
    );
    site.write(
        "content/pages/ueber-uns.md",
        "---\ntitle: \"Über uns\"\nmenu: 1\n---\nWir sind ein Netzwerk.\n",
    );
    site
}

fn build_into(site: &Fixture, out: &Path, drafts: bool) {
    let options = kette::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(out.to_path_buf()),
        drafts,
        today: Some(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()),
        ..Default::default()
    };
    if let Err(problems) = kette::build(&options) {
        let text: Vec<String> = problems
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect();
        panic!("build failed:\n{}", text.join("\n"));
    }
}

/// Builds the network into `<root>/public` and returns that folder.
fn built(site: &Fixture) -> PathBuf {
    let out = site.output();
    build_into(site, &out, false);
    out
}

fn read_feed(out: &Path, path: &str) -> feed_rs::model::Feed {
    let bytes = fs::read(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{path} is not a feed: {e}"))
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn alternate(links: &[feed_rs::model::Link]) -> Vec<&str> {
    links
        .iter()
        .filter(|l| l.rel.as_deref().unwrap_or("alternate") == "alternate")
        .map(|l| l.href.as_str())
        .collect()
}

#[test]
fn the_site_feed_lists_published_articles_newest_first_with_absolute_links() {
    let site = network();
    let out = built(&site);
    let feed = read_feed(&out, "atom.xml");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.title.as_ref().unwrap().content, "Präventionsnetz");
    assert_eq!(feed.id, BASE);
    let self_link: Vec<&str> = feed
        .links
        .iter()
        .filter(|l| l.rel.as_deref() == Some("self"))
        .map(|l| l.href.as_str())
        .collect();
    assert_eq!(self_link, [format!("{BASE}atom.xml")]);
    assert_eq!(alternate(&feed.links), [BASE]);

    let titles: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Lernnetzwerk trifft sich", "Start in die Planungsworkshops"],
        "newest first, no draft"
    );

    let newest = &feed.entries[0];
    assert_eq!(
        newest.id,
        "tag:example.org,2017-04-03:/praevention/news/lernnetzwerk/"
    );
    assert_eq!(
        alternate(&newest.links),
        [format!("{BASE}news/lernnetzwerk/")]
    );
    // 10:30 in Berlin (summer time) is 08:30 UTC.
    assert_eq!(newest.published, Some(utc(2017, 4, 3, 8, 30)));
    assert_eq!(newest.updated, Some(utc(2017, 4, 3, 8, 30)));
    assert_eq!(
        newest.authors[0].name.as_deref(),
        Some("Landeskoordinierungsstelle")
    );
    assert_eq!(
        feed.updated, newest.updated,
        "the feed is as new as its newest entry"
    );

    let start = &feed.entries[1];
    assert_eq!(
        start.id,
        "tag:example.org,2017-03-08:/praevention/news/start/"
    );
    assert_eq!(
        start.published,
        Some(utc(2017, 3, 7, 23, 0)),
        "midnight in Berlin"
    );
    assert_eq!(
        start.updated,
        Some(utc(2017, 3, 9, 23, 0)),
        "`updated` of the front matter"
    );
    assert_eq!(
        start.summary.as_ref().unwrap().content,
        "Der Auftakt & die Ziele."
    );
    let content = start
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .unwrap();
    assert!(
        content.contains("Übergänge zwischen Kita und Schule"),
        "full content: {content}"
    );
    assert!(
        content.contains("href=\"/praevention/news/lernnetzwerk/\""),
        "{content}"
    );
    let base = format!("{BASE}news/start/");
    assert_eq!(
        start.base.as_deref(),
        Some(base.as_str()),
        "relative links in the content resolve against the article"
    );
    let topics: Vec<&str> = start
        .categories
        .iter()
        .filter_map(|c| c.label.as_deref())
        .collect();
    assert_eq!(topics, ["Präventionskette"]);
}

#[test]
fn municipalities_and_topics_have_their_own_feeds_without_drafts() {
    let site = network();
    let out = site.output();
    // Even a build with drafts keeps them out of every feed.
    build_into(&site, &out, true);
    assert!(
        out.join("news/entwurf/index.html").is_file(),
        "the draft page is built with --drafts"
    );

    let ahlen = read_feed(&out, "municipalities/ahlen/atom.xml");
    assert_eq!(ahlen.id, format!("{BASE}municipalities/ahlen/"));
    assert_eq!(
        ahlen.title.as_ref().unwrap().content,
        "Ahlen – Präventionsnetz"
    );
    let ids: Vec<&str> = ahlen.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["tag:example.org,2017-03-08:/praevention/news/start/"]);

    let topic = read_feed(&out, "topics/praeventionskette/atom.xml");
    assert_eq!(
        alternate(&topic.links),
        [format!("{BASE}topics/praeventionskette/")]
    );
    assert_eq!(topic.entries.len(), 1);
    let gummersbach = read_feed(&out, "municipalities/gummersbach/atom.xml");
    assert_eq!(gummersbach.entries.len(), 1);
    let focus_only = read_feed(&out, "topics/uebergaenge-gestalten/atom.xml");
    assert!(
        focus_only.entries.is_empty(),
        "a topic without articles still has a valid feed"
    );
    assert!(focus_only.updated.is_some());

    for feed in files_named(&out, "atom.xml") {
        let text = fs::read_to_string(&feed).unwrap();
        assert!(
            !text.contains("Geheim"),
            "a draft appears in {}",
            feed.display()
        );
    }
}

#[test]
fn pages_link_the_feeds_they_belong_to() {
    let site = network();
    let out = built(&site);
    let feed_links = |path: &str| {
        attrs(
            &site.page(path),
            "link[rel=alternate][type='application/atom+xml']",
            "href",
        )
    };
    assert_eq!(feed_links("index.html"), ["/praevention/atom.xml"]);
    assert_eq!(
        feed_links("municipalities/ahlen/index.html"),
        [
            "/praevention/atom.xml",
            "/praevention/municipalities/ahlen/atom.xml"
        ]
    );
    assert_eq!(
        feed_links("topics/lernnetzwerk/index.html"),
        [
            "/praevention/atom.xml",
            "/praevention/topics/lernnetzwerk/atom.xml"
        ]
    );
    let ics = |path: &str| {
        attrs(
            &site.page(path),
            "link[rel=alternate][type='text/calendar']",
            "href",
        )
    };
    assert_eq!(ics("index.html"), ["/praevention/events.ics"]);
    assert_eq!(
        ics("municipalities/ahlen/index.html"),
        ["/praevention/municipalities/ahlen/events.ics"]
    );
    // Every linked feed exists.
    for href in feed_links("municipalities/ahlen/index.html")
        .iter()
        .chain(&ics("municipalities/ahlen/index.html"))
    {
        assert!(
            out.join(href.trim_start_matches("/praevention/")).is_file(),
            "{href}"
        );
    }
}

#[test]
fn feeds_off_means_no_feeds_and_no_links() {
    let site = network();
    site.write("site.yaml", "title: \"Netz\"\nbase_url: \"https://example.org/praevention/\"\nfeeds: false\nsearch: false\n");
    let out = built(&site);
    assert!(files_named(&out, "atom.xml").is_empty());
    assert!(attrs(
        &site.page("index.html"),
        "link[type='application/atom+xml']",
        "href"
    )
    .is_empty());
    assert!(!out.join("search-index.json").exists());
    assert!(!out.join("search/index.html").exists());
    assert!(attrs(&site.page("index.html"), "nav a", "href")
        .iter()
        .all(|h| h != "/praevention/search/"));
}

/// Property name → (parameters, value) of one parsed VEVENT.
fn property<'a>(
    event: &'a ical::parser::ical::component::IcalEvent,
    name: &str,
) -> (String, &'a str) {
    let p = event
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name}"));
    let params = p
        .params
        .iter()
        .flatten()
        .map(|(k, v)| format!("{k}={}", v.join(",")))
        .collect::<Vec<_>>()
        .join(";");
    (params, p.value.as_deref().unwrap_or(""))
}

fn read_calendar(out: &Path, path: &str) -> ical::parser::ical::component::IcalCalendar {
    let file = fs::File::open(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut calendars = ical::IcalParser::new(BufReader::new(file));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(calendars.next().is_none(), "exactly one VCALENDAR");
    calendar
}

fn event_titled<'a>(
    cal: &'a ical::parser::ical::component::IcalCalendar,
    prefix: &str,
) -> &'a ical::parser::ical::component::IcalEvent {
    cal.events
        .iter()
        .find(|e| property(e, "SUMMARY").1.starts_with(prefix))
        .unwrap_or_else(|| panic!("no event {prefix}"))
}

#[test]
fn calendars_give_all_day_events_as_dates_and_timed_events_in_utc() {
    let site = network();
    let out = site.output();
    build_into(&site, &out, true);
    let cal = read_calendar(&out, "events.ics");
    let version: Vec<&str> = cal
        .properties
        .iter()
        .filter(|p| p.name == "VERSION")
        .filter_map(|p| p.value.as_deref())
        .collect();
    assert_eq!(version, ["2.0"]);
    assert!(cal.properties.iter().any(|p| p.name == "PRODID"));
    assert_eq!(
        cal.events.len(),
        2,
        "the draft event is left out even with --drafts"
    );

    let tagung = event_titled(&cal, "Fachtagung");
    assert_eq!(
        property(tagung, "DTSTART"),
        ("VALUE=DATE".into(), "20170515")
    );
    assert_eq!(
        property(tagung, "DTEND"),
        ("VALUE=DATE".into(), "20170517"),
        "the end is exclusive"
    );
    assert_eq!(
        property(tagung, "UID").1,
        format!("{BASE}events/fachtagung/")
    );
    assert_eq!(
        property(tagung, "URL").1,
        format!("{BASE}events/fachtagung/")
    );
    assert_eq!(
        property(tagung, "DTSTAMP").1,
        "20170515T000000Z",
        "from the file's date, not the clock"
    );
    // Text is escaped (the parser leaves the escapes in place).
    assert_eq!(
        property(tagung, "SUMMARY").1,
        "Fachtagung Präventionsketten: Übergänge\\, Bildung\\; Gesundheit"
    );
    assert_eq!(
        property(tagung, "LOCATION").1,
        "Rathaus Ahlen\\; Ratssaal\\, 1. OG"
    );
    assert!(
        property(tagung, "DESCRIPTION")
            .1
            .contains("Markt der Möglichkeiten"),
        "unfolded again"
    );

    let workshop = event_titled(&cal, "Workshop");
    // 26 March 2017 is the first day of summer time: 09:00 in Berlin is 07:00 UTC.
    assert_eq!(
        property(workshop, "DTSTART"),
        (String::new(), "20170326T070000Z")
    );
    assert_eq!(
        property(workshop, "DTEND"),
        (String::new(), "20170326T140000Z")
    );

    let ahlen = read_calendar(&out, "municipalities/ahlen/events.ics");
    let summaries: Vec<&str> = ahlen
        .events
        .iter()
        .map(|e| property(e, "SUMMARY").1)
        .collect();
    assert_eq!(summaries.len(), 1);
    assert!(summaries[0].starts_with("Fachtagung"));
    assert!(out.join("municipalities/gummersbach/events.ics").is_file());
    for path in files_named(&out, "events.ics") {
        assert!(
            !fs::read_to_string(&path).unwrap().contains("Geheim"),
            "a draft in {}",
            path.display()
        );
    }
}

#[test]
fn calendar_lines_end_in_crlf_and_are_folded_at_75_octets() {
    let site = network();
    let out = built(&site);
    let bytes = fs::read(out.join("events.ics")).unwrap();
    assert!(bytes.ends_with(b"END:VCALENDAR\r\n"));
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let mut folded = 0;
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.ends_with(b"\r"),
            "a line without CR: {}",
            String::from_utf8_lossy(line)
        );
        assert!(
            line.len() - 1 <= 75,
            "longer than 75 octets: {}",
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a fold split a UTF-8 character"
        );
        if line.starts_with(b" ") {
            folded += 1;
        }
    }
    assert!(folded > 0, "the long description is folded");
}

#[test]
fn two_builds_give_the_same_bytes_and_uids() {
    let site = network();
    let first = site.root().join("first");
    let second = site.root().join("second");
    build_into(&site, &first, false);
    build_into(&site, &second, false);
    for path in [
        "atom.xml",
        "municipalities/ahlen/atom.xml",
        "events.ics",
        "municipalities/ahlen/events.ics",
        "sitemap.xml",
        "robots.txt",
        "search-index.json",
        "search/index.html",
    ] {
        assert_eq!(
            fs::read(first.join(path)).unwrap(),
            fs::read(second.join(path)).unwrap(),
            "{path} differs between builds"
        );
    }
    let uids = |out: &Path| -> Vec<String> {
        read_calendar(out, "events.ics")
            .events
            .iter()
            .map(|e| property(e, "UID").1.to_string())
            .collect()
    };
    assert_eq!(uids(&first), uids(&second));
    assert_eq!(uids(&first).len(), 2);
}

/// Every file called `name` below `dir`.
fn files_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_named(&path, name));
        } else if path.file_name().is_some_and(|n| n == name) {
            found.push(path);
        }
    }
    found
}

/// The absolute URL of every `index.html` below `out` (pretty URLs).
fn html_pages(out: &Path) -> BTreeSet<String> {
    files_named(out, "index.html")
        .into_iter()
        .map(|p| {
            let rel = p
                .parent()
                .unwrap()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel.is_empty() {
                BASE.to_string()
            } else {
                format!("{BASE}{rel}/")
            }
        })
        .collect()
}

#[test]
fn the_sitemap_lists_every_html_page_but_aliases_with_lastmod() {
    let site = network();
    let out = built(&site);
    let text = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(ns));

    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .find(|c| c.has_tag_name((ns, name)))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let entries: Vec<(String, Option<String>)> = root
        .children()
        .filter(|n| n.has_tag_name((ns, "url")))
        .map(|u| (child(u, "loc").expect("loc"), child(u, "lastmod")))
        .collect();
    let listed: BTreeSet<String> = entries.iter().map(|(loc, _)| loc.clone()).collect();
    assert_eq!(listed.len(), entries.len(), "no URL twice");

    let alias = format!("{BASE}2017/03/08/start/");
    assert!(
        out.join("2017/03/08/start/index.html").is_file(),
        "the alias page is built"
    );
    let mut expected = html_pages(&out);
    assert!(expected.remove(&alias));
    assert_eq!(listed, expected, "every HTML page but the alias");
    assert!(listed.contains(&format!("{BASE}search/")));

    for (loc, lastmod) in &entries {
        let lastmod = lastmod
            .as_deref()
            .unwrap_or_else(|| panic!("{loc} has no lastmod"));
        let date = NaiveDate::parse_from_str(lastmod, "%Y-%m-%d")
            .unwrap_or_else(|_| panic!("{loc}: {lastmod}"));
        assert!(date <= NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    }
    let lastmod = |url: &str| {
        entries
            .iter()
            .find(|(loc, _)| loc == &format!("{BASE}{url}"))
            .and_then(|(_, d)| d.clone())
            .unwrap()
    };
    assert_eq!(lastmod("news/start/"), "2017-03-10", "the update date");
    assert_eq!(lastmod("news/lernnetzwerk/"), "2017-04-03");
    assert_eq!(lastmod("events/fachtagung/"), "2017-05-15");
    assert_eq!(
        lastmod("municipalities/ahlen/"),
        "2017-05-15",
        "its newest article or event"
    );
    assert_eq!(lastmod(""), "2017-04-03", "the newest article");

    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
    assert!(robots.contains("User-agent: *"));
}

#[test]
fn a_site_robots_txt_replaces_the_generated_one() {
    let site = network();
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    // Feeds are written while the pages render, by another path than the
    // other generated files; the site's own file still wins.
    site.write("static/atom.xml", "<feed>mine</feed>\n");
    let out = built(&site);
    assert_eq!(
        fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *\nDisallow: /\n"
    );
    assert_eq!(
        fs::read_to_string(out.join("atom.xml")).unwrap(),
        "<feed>mine</feed>\n"
    );
}

#[test]
fn the_search_index_covers_every_kind_and_folds_german_spellings() {
    let site = network();
    let out = site.output();
    build_into(&site, &out, true);
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("search-index.json")).unwrap()).unwrap();
    assert_eq!(index["v"], 2);
    // A small site: every index file inside the entry file.
    let files = index["files"].as_object().unwrap();
    let docs: Vec<&serde_json::Value> = (0..)
        .map_while(|n| files.get(&format!("d/{n}.json")))
        .flat_map(|chunk| chunk.as_array().unwrap())
        .collect();
    let kinds: BTreeSet<&str> = docs.iter().map(|d| d[0].as_str().unwrap()).collect();
    assert_eq!(kinds, BTreeSet::from(["a", "e", "m", "o", "p", "t"]));
    let doc = |title: &str| {
        docs.iter()
            .find(|d| d[1] == title)
            .unwrap_or_else(|| panic!("no {title}"))
    };
    // The documents a term's postings name.
    let found = |term: &str| -> Vec<&serde_json::Value> {
        let shard = &files[&format!("t/{}.json", kette::render::search_index::shard_key(term, 2))];
        let pairs = shard["t"][term][1].as_array().cloned().unwrap_or_default();
        pairs
            .iter()
            .step_by(2)
            .map(|id| docs[id.as_u64().unwrap() as usize])
            .collect()
    };

    let start = doc("Start in die Planungsworkshops");
    assert_eq!(start[2], "news/start/", "relative to the base URL");
    assert_eq!(start[3], "2017-03-08");
    assert_eq!(start[4], "Der Auftakt & die Ziele.");
    for spelling in ["Übergänge", "Uebergaenge", "ubergange", "Übergang"] {
        let term = kette::render::search_index::term(kette::language::Language::De, spelling);
        assert!(found(&term[0]).contains(start), "{spelling}");
    }
    assert!(
        found("ahl").contains(start),
        "municipality names are searchable"
    );
    assert!(found("kita").contains(start));

    let offer = doc("Familienbüro");
    assert_eq!(offer[0], "o");
    assert_eq!(offer[2], "municipalities/ahlen/#angebot-familienbuero");
    assert_eq!(doc("Ahlen")[0], "m");
    assert_eq!(doc("Übergänge gestalten")[0], "t");
    assert!(
        !fs::read_to_string(out.join("search-index.json"))
            .unwrap()
            .contains("Geheim"),
        "no drafts"
    );
}

#[test]
fn the_search_page_has_a_labelled_form_a_live_region_and_a_note_without_script() {
    let site = network();
    let out = built(&site);
    let page = site.page("search/index.html");
    assert_eq!(
        attrs(&page, "form[role=search]", "action"),
        ["/praevention/search/"]
    );
    let input_id = attrs(&page, "form[role=search] input[type=search][name=q]", "id");
    assert_eq!(input_id.len(), 1);
    assert_eq!(attrs(&page, "form[role=search] > label", "for"), input_id);
    assert_eq!(attrs(&page, "[aria-live]", "aria-live"), ["polite"]);
    assert!(texts(&page, "noscript")[0].contains("JavaScript"));
    let script = attrs(&page, "script[src]", "src");
    assert_eq!(script, ["/praevention/search.js"]);
    assert!(out.join("search.js").is_file());
    assert_eq!(
        attrs(&page, "#search", "data-index"),
        ["/praevention/search-index.json"]
    );
    assert!(attrs(&site.page("index.html"), "nav a", "href")
        .contains(&"/praevention/search/".to_string()));
}
