//! Trust at the output boundary, for what records and front matter hold:
//! calendars and feeds read back exactly what the content says, however
//! many line breaks and special characters it holds (a municipality name
//! cannot add an event to its calendar); URL fields outside the one URL
//! policy and text with control characters fail the build at file, line
//! and column, naming the field.

mod common;

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;

use common::{attrs, files, Fixture};
use ical::parser::ical::component::IcalCalendar;
use scraper::Html;
use serde_json::Value;

/// The hostile-text fixture (tests/fixtures/hostile-text), built.
fn hostile_text() -> Fixture {
    let site = Fixture::copy_of("hostile-text");
    site.build();
    site
}

/// What the fixture's content says, calendar by calendar and feed by feed.
fn expected() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-text/expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A value as readers give it back: every line break a line feed.
fn as_read(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn read_calendar(path: &Path) -> IcalCalendar {
    let file = std::fs::File::open(path).unwrap();
    let mut calendars = ical::IcalParser::new(BufReader::new(file));
    let calendar = calendars
        .next()
        .expect("a calendar")
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        calendars.next().is_none(),
        "{}: one VCALENDAR",
        path.display()
    );
    calendar
}

/// A TEXT value unescaped as RFC 5545 (§3.3.11) says, in one pass.
fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A list value (CATEGORIES) split at its unescaped commas, unescaped.
fn unescape_list(raw: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut escaped = false;
    for c in raw.chars() {
        match c {
            ',' if !escaped => items.push(String::new()),
            _ => {
                escaped = c == '\\' && !escaped;
                items.last_mut().unwrap().push(c);
            }
        }
    }
    items.iter().map(|i| unescape(i)).collect()
}

/// The properties of a calendar text as RFC 5545 reads them: lines unfolded
/// (a CRLF and one space removed, nothing else: the `ical` crate also trims
/// spaces at line ends, which belong to the value), then each name with its
/// raw values, per component (`VCALENDAR`, then each `VEVENT`).
fn components(text: &str) -> Vec<BTreeMap<String, Vec<String>>> {
    let mut found = Vec::new();
    for line in text.replace("\r\n ", "").split("\r\n") {
        match line {
            "BEGIN:VCALENDAR" | "BEGIN:VEVENT" => found.push(BTreeMap::new()),
            "" | "END:VEVENT" | "END:VCALENDAR" => {}
            _ => {
                let (head, value) = line.split_once(':').unwrap();
                let name = head.split(';').next().unwrap().to_string();
                let current: &mut BTreeMap<String, Vec<String>> = found.last_mut().unwrap();
                current.entry(name).or_default().push(value.to_string());
            }
        }
    }
    found
}

#[test]
fn calendars_hold_exactly_the_real_events_with_values_as_written() {
    let site = hostile_text();
    let out = site.output();
    let expected = expected();
    let calendars: Vec<String> = files(&out)
        .into_keys()
        .filter(|f| f.ends_with(".ics"))
        .collect();
    let wanted: Vec<String> = expected["calendars"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(calendars, wanted);

    for (path, want) in expected["calendars"].as_object().unwrap() {
        let text = std::fs::read_to_string(out.join(path)).unwrap();
        let unfolded = text.replace("\r\n ", "");
        let begins = unfolded
            .split("\r\n")
            .filter(|l| *l == "BEGIN:VEVENT")
            .count();
        let events = want["events"].as_object().unwrap();
        assert_eq!(begins, events.len(), "{path}:\n{text}");
        assert!(
            !text.replace("\r\n", "").contains('\r') && !text.replace("\r\n", "").contains('\n'),
            "{path}: a line break outside CRLF"
        );

        // The structure as the `ical` crate reads it: one calendar, the
        // real events.
        let cal = read_calendar(&out.join(path));
        assert_eq!(cal.events.len(), events.len(), "{path}");

        let components = components(&text);
        let props = &components[0];
        for key in ["NAME", "X-WR-CALNAME"] {
            assert_eq!(
                props[key].iter().map(|v| unescape(v)).collect::<Vec<_>>(),
                [as_read(want["name"].as_str().unwrap())],
                "{path} {key}"
            );
        }
        for key in ["DESCRIPTION", "X-WR-CALDESC"] {
            assert_eq!(
                unescape(&props[key][0]),
                as_read(want["description"].as_str().unwrap()),
                "{path} {key}"
            );
        }
        let mut uids: Vec<String> = components[1..]
            .iter()
            .map(|e| unescape(&e["UID"][0]))
            .collect();
        uids.sort();
        assert_eq!(uids, events.keys().cloned().collect::<Vec<_>>(), "{path}");
        for props in &components[1..] {
            let uid = unescape(&props["UID"][0]);
            let want = &events[&uid];
            for key in ["summary", "location", "description"] {
                let got = props.get(&key.to_uppercase()).map(|v| unescape(&v[0]));
                let expected = want.get(key).map(|v| as_read(v.as_str().unwrap()));
                assert_eq!(got, expected, "{path} {uid} {key}");
            }
            let categories = props
                .get("CATEGORIES")
                .map(|v| unescape_list(&v[0]))
                .unwrap_or_default();
            let expected: Vec<String> = want["categories"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect();
            assert_eq!(categories, expected, "{path} {uid} categories");
        }
    }
}

#[test]
fn feeds_read_back_as_written() {
    let site = hostile_text();
    let out = site.output();
    let expected = expected();
    for (path, want) in expected["feeds"].as_object().unwrap() {
        let bytes = std::fs::read(out.join(path)).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let feed =
            feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{path}: {e}"));
        // feed-rs keeps a carriage return as written (XML parsers that
        // normalise line ends give a line feed: tests/validate_feeds.py).
        let written = |v: &Value, key: &str| v[key].as_str().map(str::to_string);
        assert_eq!(
            feed.title.map(|t| t.content),
            written(want, "title"),
            "{path}"
        );
        assert_eq!(
            feed.description.map(|t| t.content),
            written(want, "subtitle"),
            "{path}"
        );
        let entries = want["entries"].as_object().unwrap();
        assert_eq!(feed.entries.len(), entries.len(), "{path}");
        for entry in &feed.entries {
            let link = entry.links[0].href.as_str();
            let want = &entries[link];
            let field = |key: &str| want[key].as_str().unwrap().to_string();
            assert_eq!(
                entry.title.as_ref().map(|t| t.content.clone()),
                Some(field("title"))
            );
            assert_eq!(
                entry.summary.as_ref().map(|t| t.content.clone()),
                Some(field("summary"))
            );
            assert_eq!(entry.authors[0].name, Some(field("author")));
            let labels: Vec<&str> = entry
                .categories
                .iter()
                .filter_map(|c| c.label.as_deref())
                .collect();
            let tags: Vec<&str> = want["tags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            assert_eq!(labels, tags, "{path}");
        }
    }
}

/// Every `href`, `src` and `srcset` URL of every page under `out` that the
/// URL policy refuses, as (page, URL).
fn links_outside_the_policy(out: &Path) -> Vec<(String, String)> {
    let mut refused = Vec::new();
    for (page, path) in files(out) {
        if !page.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&std::fs::read_to_string(path).unwrap());
        let mut urls = attrs(&html, "[href]", "href");
        urls.extend(attrs(&html, "[src]", "src"));
        for srcset in attrs(&html, "[srcset]", "srcset") {
            urls.extend(
                srcset
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string),
            );
        }
        for url in urls {
            if kette::url_policy::check(&url).is_err() {
                refused.push((page.clone(), url));
            }
        }
    }
    refused
}

#[test]
fn pages_link_only_within_the_policy() {
    let site = Fixture::new();
    site.write(
        "content/municipalities/ahlen.yaml",
        "name: Ahlen\nwebsite: https://www.ahlen.de/\ncontacts:\n  - { name: Amt, email: info@ahlen.de, phone: \"+49 2382 59-0\" }\noffers:\n  - name: Kita\n    stages: [0-3]\n    url: /angebote/kita/\n    contact: { email: kita@ahlen.de }\n  - name: Treff\n    stages: [3-6]\n    url: \"#treff\"\n",
    );
    site.write(
        "content/events/2017-03-27-a.md",
        "---\ntitle: A\nstart: 2017-03-27\nurl: \"mailto:info@ahlen.de\"\nmunicipalities: [ahlen]\n---\nText.\n",
    );
    site.write(
        "content/events/2017-03-28-b.md",
        "---\ntitle: B\nstart: 2017-03-28\nurl: \"tel:+49 2382 59-0\"\nimage: https://example.org/bild.jpg\n---\nText.\n",
    );
    site.build();
    assert_eq!(links_outside_the_policy(&site.output()), []);
    let hostile = hostile_text();
    assert_eq!(links_outside_the_policy(&hostile.output()), []);
}

/// Builds `site`, which must fail, and checks that every `(file:line:column:
/// …, message part)` is among its problems.
fn assert_problems(site: &Fixture, expected: &[(&str, &str)]) {
    let problems = site.problems();
    for (position, message) in expected {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(position) && p.contains(message)),
            "expected `{position} … {message}` in:\n{}",
            problems.join("\n")
        );
    }
    assert_eq!(problems.len(), expected.len(), "{}", problems.join("\n"));
}

#[test]
fn url_fields_outside_the_policy_fail_at_the_value() {
    let site = Fixture::new();
    let record = |name: &str, text: &str| {
        site.write(&format!("content/municipalities/{name}.yaml"), text);
    };
    record("a1", "name: A1\nwebsite: \"javascript:alert(1)\"\n");
    record(
        "a2",
        "name: A2\noffers:\n  - name: Kita\n    url: \"vbscript:msgbox(1)\"\n",
    );
    record(
        "a3",
        "name: A3\nwebsite: \"data:text/html;base64,PHNjcmlwdD4=\"\n",
    );
    record("a4", "name: A4\nwebsite: \" JaVa\\tScRiPt:alert(1)\"\n");
    record("a5", "name: A5\nwebsite: \"mailto:javascript:alert(1)\"\n");
    record(
        "a6",
        "name: A6\ncontacts:\n  - name: X\n    email: \"javascript:alert(1)\"\n",
    );
    record(
        "a7",
        "name: A7\noffers:\n  - name: K\n    contact: { email: \"mailto:a@b.de\" }\n",
    );
    record(
        "a8",
        "name: A8\ncontacts:\n  - phone: \"javascript:alert(1)\"\n",
    );
    site.write(
        "content/events/e1.md",
        "---\ntitle: E1\nstart: 2017-03-01\nurl: \"javascript:alert(1)\"\n---\nText.\n",
    );
    site.write(
        "content/events/e2.md",
        "---\ntitle: E2\nstart: 2017-03-01\nimage: \"data:image/svg+xml;base64,PHN2Zz4=\"\n---\nText.\n",
    );
    site.write(
        "content/news/2017-01-01-n1.md",
        "---\ntitle: N1\nimage: \"javascript:alert(1)\"\n---\nText.\n",
    );
    let allowed = format!("(allowed: {})", kette::url_policy::ALLOWED_FORMS);
    let refused = |scheme: &str| format!("`{scheme}:` links are not allowed {allowed}");
    assert_problems(
        &site,
        &[
            (
                "content/municipalities/a1.yaml:2:10: ",
                &format!("website: {}", refused("javascript")),
            ),
            (
                "content/municipalities/a2.yaml:4:10: ",
                &format!("offers[0].url: {}", refused("vbscript")),
            ),
            (
                "content/municipalities/a3.yaml:2:10: ",
                &format!("website: {}", refused("data")),
            ),
            (
                "content/municipalities/a4.yaml:2:10: ",
                &format!("website: {}", refused("javascript")),
            ),
            (
                "content/municipalities/a5.yaml:2:10: ",
                "website: `mailto:` needs an e-mail address",
            ),
            (
                "content/municipalities/a6.yaml:4:12: ",
                "contacts[0].email: `javascript:alert(1)` is not an e-mail address",
            ),
            (
                "content/municipalities/a7.yaml:4:23: ",
                "offers[0].contact.email: `mailto:a@b.de` is not an e-mail address",
            ),
            (
                "content/municipalities/a8.yaml:3:12: ",
                "contacts[0].phone: `javascript:alert(1)` is not a phone number",
            ),
            (
                "content/events/e1.md:4:6: ",
                &format!("url: {}", refused("javascript")),
            ),
            (
                "content/events/e2.md:4:8: ",
                &format!("image: {}", refused("data")),
            ),
            (
                "content/news/2017-01-01-n1.md:3:8: ",
                &format!("image: {}", refused("javascript")),
            ),
        ],
    );
}

#[test]
fn control_characters_fail_at_the_value() {
    let site = Fixture::new();
    site.write(
        "content/news/2017-01-01-c1.md",
        "---\ntitle: \"a\\x01b\"\n---\nText.\n",
    );
    site.write("content/municipalities/c2.yaml", "name: \"Ahlen\\bX\"\n");
    site.write(
        "content/events/c3.md",
        "---\ntitle: C3\nstart: 2017-03-01\nsummary: \"\\e[31mrot\"\n---\nText.\n",
    );
    site.write(
        "content/news/2017-01-02-c4.md",
        "---\ntitle: \"x\\0y\"\n---\nText.\n",
    );
    site.write(
        "content/news/2017-01-03-c5.md",
        "---\ntitle: \"x\\x00y\"\n---\nText.\n",
    );
    site.write(
        "content/pages/c6.md",
        "---\ntitle: C6\nextra:\n  farbe: { vorne: \"\\x1b[0m\" }\n---\nText.\n",
    );
    site.write(
        "content/news/2017-01-04-c7.md",
        "---\ntitle: C7\ntopics: [ok, \"a\\x08\"]\n---\nText.\n",
    );
    site.write(
        "content/news/2017-01-05-c8.md",
        "---\ntitle: C8\nplace: \"\\x85\"\n---\nText.\n",
    );
    site.write(
        "content/municipalities/c9.yaml",
        "name: C9\noffers:\n  - name: \"Kita\\x1b\"\n",
    );
    // Written as they are, not escaped.
    site.write(
        "content/news/2017-01-06-r1.md",
        "---\ntitle: R1\n---\nText \x1b[31m rot.\n",
    );
    site.write("content/municipalities/r2.yaml", "name: R\x07aw\n");
    let control = |c: &str| {
        format!(
            "the text contains the control character U+{c}; only tabs and line breaks are allowed"
        )
    };
    let raw = |c: &str| format!("the file contains the control character U+{c}");
    assert_problems(
        &site,
        &[
            (
                "content/news/2017-01-01-c1.md:2:8: ",
                &format!("title: {}", control("0001")),
            ),
            (
                "content/municipalities/c2.yaml:1:7: ",
                &format!("name: {}", control("0008")),
            ),
            (
                "content/events/c3.md:4:10: ",
                &format!("summary: {}", control("001B")),
            ),
            (
                "content/news/2017-01-02-c4.md:2:8: ",
                &format!("title: {}", control("0000")),
            ),
            (
                "content/news/2017-01-03-c5.md:2:8: ",
                &format!("title: {}", control("0000")),
            ),
            (
                "content/pages/c6.md:4:19: ",
                &format!("extra.farbe.vorne: {}", control("001B")),
            ),
            (
                "content/news/2017-01-04-c7.md:3:14: ",
                &format!("topics[1]: {}", control("0008")),
            ),
            (
                "content/news/2017-01-05-c8.md:3:8: ",
                &format!("place: {}", control("0085")),
            ),
            (
                "content/municipalities/c9.yaml:3:11: ",
                &format!("offers[0].name: {}", control("001B")),
            ),
            ("content/news/2017-01-06-r1.md:4:6: ", &raw("001B")),
            ("content/municipalities/r2.yaml:1:8: ", &raw("0007")),
        ],
    );
}

#[test]
fn control_characters_in_site_yaml_fail_at_the_value() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        "title: \"Netz\\x1b]0;pwned\\x07\"\nbase_url: \"https://example.org/\"\n",
    );
    assert_problems(
        &site,
        &[(
            "site.yaml:1:8: ",
            "title: the text contains the control character U+001B",
        )],
    );
    site.write(
        "site.yaml",
        "title: Netz\nbase_url: \"https://example.org/\"\nextra:\n  k: \"\\b\"\n",
    );
    assert_problems(
        &site,
        &[(
            "site.yaml:4:6: ",
            "extra.k: the text contains the control character U+0008",
        )],
    );
}

#[test]
fn feeds_stay_readable_when_markdown_makes_control_characters() {
    // `&#1;` is a character reference CommonMark turns into U+0001: the
    // feed writes U+FFFD instead, or the build refuses it at its place.
    let site = Fixture::new();
    site.write(
        "content/news/2017-01-01-ref.md",
        "---\ntitle: Ref\n---\nEins &#1; zwei &#x1b;[31m drei &#xFFFE; vier.\n",
    );
    if let Err(problems) = kette::build(&site.options()) {
        let problems: Vec<String> = problems
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert!(
            problems
                .iter()
                .all(|p| p.starts_with("content/news/2017-01-01-ref.md:4:")),
            "{problems:?}"
        );
        return;
    }
    for (name, path) in files(&site.output()) {
        if name.ends_with("atom.xml") {
            let text = std::fs::read_to_string(path).unwrap();
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
