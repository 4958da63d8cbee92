//! `kette import wordpress`: hand-written WXR exports (tests/fixtures/wordpress/)
//! imported into fixture sites, which are then built and read back.

mod common;

use std::path::{Path, PathBuf};

use common::{attrs, broken_internal_links, snapshot, texts, tiny_png, Fixture};
use kette::import::{wordpress, ImportOptions, ImportReport};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wordpress")
        .join(name)
}

fn import(site: &Fixture, export: &Path, uploads: Option<&Path>) -> ImportReport {
    match wordpress(&ImportOptions {
        export: export.to_path_buf(),
        uploads: uploads.map(Path::to_path_buf),
        root: site.root().to_path_buf(),
    }) {
        Ok(r) => r,
        Err(p) => panic!(
            "import failed: {:?}",
            p.into_sorted()
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        ),
    }
}

fn import_error(site: &Fixture, export: &Path) -> String {
    match wordpress(&ImportOptions {
        export: export.to_path_buf(),
        uploads: None,
        root: site.root().to_path_buf(),
    }) {
        Ok(r) => panic!("import succeeded: {}", r.text()),
        Err(p) => p
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn read(site: &Fixture, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path))
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The front matter of an imported file, parsed.
fn front(site: &Fixture, path: &str) -> serde_yaml::Value {
    let text = read(site, path);
    let inner = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .map(|(f, _)| f)
        .unwrap_or_else(|| panic!("{path} has no front matter"));
    serde_yaml::from_str(inner).unwrap()
}

/// Every HTML page of the output, with its text.
fn all_html(out: &Path) -> Vec<(String, String)> {
    common::files(out)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, path)| (name, std::fs::read_to_string(path).unwrap()))
        .collect()
}

const START: &str = "content/news/2017-03-08-start-in-die-planungsworkshops.md";
const NETZ: &str = "content/news/2017-04-03-lernnetzwerk-tagt.md";
const KITA: &str = "content/news/2017-05-15-uebergaenge-eltern-kita.md";

#[test]
fn every_kind_is_imported_and_the_site_builds() {
    let site = Fixture::new();
    let report = import(&site, &fixture("site.xml"), None);
    assert_eq!(report.imported.get("posts"), Some(&6), "{}", report.text());
    assert_eq!(report.imported.get("pages"), Some(&2));
    assert_eq!(report.imported.get("events"), Some(&2));
    assert_eq!(report.drafts, 3);
    site.build();
    let out = site.output();

    // Published posts at their new URLs, with converted bodies.
    let start = site.page("news/start-in-die-planungsworkshops/index.html");
    assert_eq!(texts(&start, "h1"), ["Start in die Planungsworkshops"]);
    assert!(texts(&start, "h2").contains(&"Zwei Jahre für die Strategie".to_string()));
    assert!(texts(&start, "li").contains(&"Eltern stärken".to_string()));
    assert!(texts(&start, "strong").contains(&"drei".to_string()));
    // The caption: the image and its text below it.
    let imgs = attrs(&start, "article img, main img", "src");
    assert!(
        imgs.iter().any(|s| s.ends_with("team-300x200.png")),
        "{imgs:?}"
    );
    assert!(texts(&start, "em").contains(&"Das Team der Koordinierungsstelle".to_string()));
    // A link to another imported post points at its new URL.
    let links = attrs(&start, "a", "href");
    assert!(
        links.contains(&"/sub/news/lernnetzwerk-tagt/".to_string()),
        "{links:?}"
    );
    let netz = site.page("news/lernnetzwerk-tagt/index.html");
    let links = attrs(&netz, "a", "href");
    assert!(links.contains(&"/sub/news/start-in-die-planungsworkshops/".to_string()));
    assert!(links.contains(&"/sub/ueber-uns/".to_string()), "{links:?}");
    assert!(links.contains(&"https://www.youtube.com/watch?v=abc123".to_string()));
    assert_eq!(texts(&netz, "h3"), ["Wer am Tisch sitzt"]);
    assert_eq!(
        texts(&netz, "blockquote"),
        ["Vernetzung ist kein Selbstzweck."]
    );
    assert_eq!(texts(&netz, "th"), ["Zeit", "Programm"]);
    assert_eq!(texts(&netz, "td")[..2], ["10:00", "Begrüßung"]);

    // Gutenberg comments and shortcodes are gone from every page.
    for (name, html) in all_html(&out) {
        for left in [
            "wp:",
            "[caption",
            "[gallery ",
            "[embed]",
            "[/embed]",
            "<!--more-->",
        ] {
            assert!(!html.contains(left), "{name} still has {left}");
        }
    }
    assert!(broken_internal_links(&out, "/sub/").is_empty());

    // Old permalinks redirect to the new URLs.
    let alias = read(
        &site,
        "public/2017/03/08/start-in-die-planungsworkshops/index.html",
    );
    assert!(
        alias.contains("url=/sub/news/start-in-die-planungsworkshops/"),
        "{alias}"
    );
    let alias = read(&site, "public/event/planungsworkshop-ahlen/index.html");
    assert!(alias.contains("url=/sub/events/planungsworkshop-ahlen/"));
    // Pages keep their slug, so /ueber-uns/ stays /ueber-uns/, with no
    // alias; a child page's old address is an alias that redirects.
    assert!(out.join("ueber-uns/index.html").is_file());
    assert!(front(&site, "content/pages/ueber-uns.md")
        .get("aliases")
        .is_none());
    assert_eq!(
        front(&site, "content/pages/vorstand.md")["aliases"],
        serde_yaml::from_str::<serde_yaml::Value>("[/ueber-uns/vorstand/]").unwrap()
    );
    let alias = read(&site, "public/ueber-uns/vorstand/index.html");
    assert!(alias.contains("url=/sub/vorstand/"), "{alias}");
    let sitemap = read(&site, "public/sitemap.xml");
    assert!(!sitemap.contains("ueber-uns/vorstand"), "{sitemap}");
}

#[test]
fn front_matter_dates_topics_and_titles() {
    let site = Fixture::new();
    import(&site, &fixture("site.xml"), None);
    let start = front(&site, START);
    // From post_date_gmt, in the site's zone with its offset.
    assert_eq!(start["date"].as_str(), Some("2017-03-08T10:00:00+01:00"));
    assert_eq!(
        start["summary"].as_str(),
        Some("Der erste Planungsworkshop der Ausbauphase – in Gummersbach.")
    );
    // Category and tag with one nicename are one topic; Uncategorized is left out.
    let topics: Vec<&str> = start["topics"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(topics, ["Präventionskette", "Elternarbeit"]);
    assert_eq!(
        start["image"].as_str(),
        Some("https://alt.example.org/wp-content/uploads/2017/03/team.png")
    );
    assert_eq!(
        start["aliases"][0].as_str(),
        Some("/2017/03/08/start-in-die-planungsworkshops/")
    );
    assert_eq!(start["extra"]["wordpress_id"].as_u64(), Some(11));

    // Entities and quotes in titles, safely quoted by the YAML writer.
    let kita = front(&site, KITA);
    assert_eq!(
        kita["title"].as_str(),
        Some("„Übergänge“: Eltern & Kita – 100 % <dabei> jetzt")
    );
    site.build();
    let page = site.page("news/uebergaenge-eltern-kita/index.html");
    assert_eq!(
        texts(&page, "h1"),
        ["„Übergänge“: Eltern & Kita – 100 % <dabei> jetzt"]
    );

    // Drafts: draft, pending and scheduled; post_date when there is no GMT date.
    let draft = front(&site, "content/news/2017-06-10-sommerfest.md");
    assert_eq!(draft["draft"].as_bool(), Some(true));
    assert_eq!(draft["date"].as_str(), Some("2017-06-10T09:00:00"));
    assert_eq!(
        front(&site, "content/news/2017-06-11-zur-pruefung.md")["draft"].as_bool(),
        Some(true)
    );
    assert_eq!(
        front(&site, "content/news/2030-01-01-geplant.md")["draft"].as_bool(),
        Some(true)
    );
    assert!(!site.output().join("news/sommerfest").exists());

    // Events: start, end, all-day, venue, link.
    let ws = front(&site, "content/events/2017-03-27-planungsworkshop-ahlen.md");
    assert_eq!(ws["start"].as_str(), Some("2017-03-27T09:00:00"));
    assert_eq!(ws["end"].as_str(), Some("2017-03-27T16:00:00"));
    assert_eq!(
        ws["location"].as_str(),
        Some("Rathaus Ahlen, Westenmauer 10, 59227 Ahlen")
    );
    assert_eq!(
        ws["url"].as_str(),
        Some("https://www.example.org/anmeldung")
    );
    let fachtag = front(&site, "content/events/2017-05-15-fachtag-uebergaenge.md");
    assert_eq!(fachtag["start"].as_str(), Some("2017-05-15"));
    assert_eq!(fachtag["end"].as_str(), Some("2017-05-16"));
    let event = site.page("events/fachtag-uebergaenge/index.html");
    assert!(texts(&event, "h1").contains(&"Fachtag Übergänge".to_string()));
}

#[test]
fn the_report_lists_what_was_skipped_and_what_needs_a_look() {
    let site = Fixture::new();
    let report = import(&site, &fixture("site.xml"), None);
    let text = report.text();
    for (id, why) in [
        ("18", "private"),
        ("19", "protected by a password"),
        ("20", "in the trash"),
    ] {
        assert!(
            report
                .skipped
                .iter()
                .any(|s| s.contains(&format!("post {id} "))
                    && s.contains(why)
                    && s.contains("site.xml:")),
            "{text}"
        );
    }
    for what in [
        "comments",
        "menu entries",
        "`wp_block`",
        "attachments",
        "venues",
    ] {
        assert!(
            report.not_imported.keys().any(|k| k.contains(what)),
            "{what}: {text}"
        );
    }
    // The unknown shortcode: removed, listed with its file and what it was.
    let note = report
        .by_hand
        .iter()
        .find(|n| n.contains("[contact-form-7]"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(note.starts_with(&format!("{KITA}:")), "{note}");
    assert!(
        note.contains("removed") && note.contains("[contact-form-7 id=\"5\" title=\"Kontakt\"]"),
        "{note}"
    );
    let file_text = read(&site, KITA);
    assert!(!file_text.contains("contact-form-7"), "{file_text}");
    assert!(file_text.contains("Fragen?"), "{file_text}");
    // A link from a published post to a draft stays at the old address.
    assert!(
        report
            .by_hand
            .iter()
            .any(|n| n.starts_with(NETZ) && n.contains("goes to a draft")),
        "{text}"
    );
    // Images without --uploads stay where they were, and are listed.
    assert!(report
        .by_hand
        .iter()
        .any(|n| n.contains("stays at its old address")));
    // Query-string addresses go to the redirect map; a child page's path
    // is its alias.
    let nginx = read(&site, "wordpress-redirects.nginx.conf");
    assert!(nginx.contains("\"/?p=11\" /sub/news/start-in-die-planungsworkshops/;"));
    assert!(nginx.contains("\"/?page_id=30\" /sub/ueber-uns/;"));
    assert!(!nginx.contains("\"/ueber-uns/vorstand/\""), "{nginx}");
    assert!(!text.contains("pages have no aliases"), "{text}");
    assert!(!nginx.contains("?p=15"), "drafts are not redirected");
    let apache = read(&site, "wordpress-redirects.htaccess");
    assert!(apache.contains("RewriteCond %{QUERY_STRING} ^p=11$\nRewriteRule ^$ /sub/news/start-in-die-planungsworkshops/? [R=301,L]"));
}

#[test]
fn with_uploads_articles_become_folders_with_their_images() {
    let site = Fixture::new();
    let uploads = tempfile::tempdir().unwrap();
    for rel in [
        "2017/03/team.png",
        "2017/03/team-300x200.png",
        "2017/05/plakat.png",
    ] {
        let p = uploads.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, tiny_png()).unwrap();
    }
    let report = import(&site, &fixture("site.xml"), Some(uploads.path()));
    assert!(
        !report
            .by_hand
            .iter()
            .any(|n| n.contains("--uploads") || n.contains("uploads folder")),
        "{}",
        report.text()
    );
    let dir = "content/news/2017-03-08-start-in-die-planungsworkshops";
    // The original, not WordPress's resized copy; once, though used twice.
    assert!(site.root().join(dir).join("team.png").is_file());
    assert!(!site.root().join(dir).join("team-300x200.png").exists());
    let start = front(&site, &format!("{dir}/index.md"));
    assert_eq!(start["image"].as_str(), Some("team.png"));
    assert!(
        read(&site, &format!("{dir}/index.md")).contains("![Das Team vor dem Rathaus](team.png)")
    );
    // The gallery's images beside their article.
    let kita = "content/news/2017-05-15-uebergaenge-eltern-kita";
    assert!(site.root().join(kita).join("plakat.png").is_file());
    // Events have no folder: their images go to static/ at the old path.
    assert!(site
        .root()
        .join("static/wp-content/uploads/2017/05/plakat.png")
        .is_file());
    assert_eq!(
        front(&site, "content/events/2017-05-15-fachtag-uebergaenge.md")["image"].as_str(),
        Some("/wp-content/uploads/2017/05/plakat.png")
    );
    site.build();
    let page = site.page("news/start-in-die-planungsworkshops/index.html");
    let srcs = attrs(&page, "img", "src");
    assert!(
        srcs.iter()
            .any(|s| s.starts_with("/sub/news/start-in-die-planungsworkshops/team-")),
        "{srcs:?}"
    );
    assert!(broken_internal_links(&site.output(), "/sub/").is_empty());
}

#[test]
fn a_second_run_adds_nothing() {
    let site = Fixture::new();
    let first = import(&site, &fixture("site.xml"), None);
    assert!(!first.written.is_empty());
    let before = snapshot(site.root());
    let second = import(&site, &fixture("site.xml"), None);
    assert!(second.written.is_empty(), "{:?}", second.written);
    assert!(second.imported.is_empty());
    assert_eq!(second.already, 10);
    assert_eq!(snapshot(site.root()), before);
    site.build();
}

#[test]
fn existing_files_are_never_overwritten_and_clashes_get_a_suffix() {
    let site = Fixture::new();
    let mine = "---\ntitle: \"Mein Start\"\n---\nVon Hand.\n";
    site.write(START, mine);
    site.write(
        "content/pages/ueber-uns.md",
        "---\ntitle: \"Über uns (neu)\"\n---\nNeu.\n",
    );
    let report = import(&site, &fixture("site.xml"), None);
    assert_eq!(read(&site, START), mine);
    assert_eq!(
        read(&site, "content/pages/ueber-uns.md"),
        "---\ntitle: \"Über uns (neu)\"\n---\nNeu.\n"
    );
    let moved = "content/news/2017-03-08-start-in-die-planungsworkshops-2.md";
    assert_eq!(
        front(&site, moved)["title"].as_str(),
        Some("Start in die Planungsworkshops")
    );
    assert!(site.root().join("content/pages/ueber-uns-2.md").is_file());
    // Links between imported posts follow the renamed file.
    assert!(read(&site, NETZ).contains("(@/news/2017-03-08-start-in-die-planungsworkshops-2.md)"));
    assert!(report.written.iter().all(|p| !p.ends_with("ueber-uns.md")));
    site.build();
    let alias = read(
        &site,
        "public/2017/03/08/start-in-die-planungsworkshops/index.html",
    );
    assert!(alias.contains("url=/sub/news/start-in-die-planungsworkshops-2/"));
}

#[test]
fn a_broken_export_writes_nothing() {
    let site = Fixture::new();
    let text = std::fs::read_to_string(fixture("site.xml")).unwrap();
    let cut = &text[..text.len() * 2 / 3];
    let broken = site.root().join("broken.xml");
    std::fs::write(&broken, cut).unwrap();
    let before = snapshot(site.root());
    let e = import_error(&site, &broken);
    assert!(e.contains("broken.xml:"), "{e}");
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn hostile_exports_are_errors() {
    let site = Fixture::new();
    let head = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version>\n";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bomb.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<rss><channel><title>&c;</title></channel></rss>".as_bytes().to_vec(),
            "DOCTYPE",
        ),
        (
            "external.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss><channel><title>&x;</title></channel></rss>".as_bytes().to_vec(),
            "DOCTYPE",
        ),
        (
            "long.xml",
            format!("{head}<item><title>{}</title></item></channel></rss>", "x".repeat(10 << 20)).into_bytes(),
            "longer than",
        ),
        (
            "utf8.xml",
            [format!("{head}<item><title>").as_bytes(), b"Stra\xdfe", b"</title></item></channel></rss>"].concat(),
            "UTF-8",
        ),
        (
            "entity.xml",
            format!("{head}<item><title>&nbsp;</title></item></channel></rss>").into_bytes(),
            "unknown entity",
        ),
        ("html.xml", b"<html><body>kein Export</body></html>".to_vec(), "not a WordPress export"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let before = snapshot(site.root());
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let e = import_error(&site, &path);
        assert!(e.contains(expected), "{name}: {e}");
    }
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn wxr_1_1_exports_are_read_too() {
    let site = Fixture::new();
    let report = import(&site, &fixture("wxr-1.1.xml"), None);
    assert_eq!(report.imported.get("posts"), Some(&1), "{}", report.text());
    site.build();
    let page = site.page("news/hallo-welt/index.html");
    assert_eq!(texts(&page, "h1"), ["Hallo Welt!"]);
    assert!(site
        .output()
        .join("2012/01/05/hallo-welt/index.html")
        .is_file());
}

#[test]
fn without_raw_html_what_markdown_cannot_hold_is_reported() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        "title: \"Testnetz\"\nbase_url: \"https://example.org/sub/\"\nmarkdown: { raw_html: false }\n",
    );
    let report = import(&site, &fixture("site.xml"), None);
    let kita = read(&site, KITA);
    assert!(!kita.contains("<sup>") && kita.contains("mc2"), "{kita}");
    assert!(!read(&site, START).contains("<!-- more -->"));
    assert!(report
        .by_hand
        .iter()
        .any(|n| n.contains("<sup>") && n.contains("raw_html")));
    site.build();
}

/// The day of generated post `i`.
fn generated_date(i: usize) -> (usize, usize, usize) {
    (2015 + i / 336, 1 + (i / 28) % 12, 1 + i % 28)
}

/// A realistic export of `n` posts (a tenth of them drafts), a few pages and
/// events, each post linking to the one before it.
fn generated_export(n: usize) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<link>https://alt.example.org</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_blog_url>https://alt.example.org</wp:base_blog_url>\n");
    for i in 1..=n {
        let (year, month, day) = generated_date(i);
        let status = if i % 10 == 0 { "draft" } else { "publish" };
        let previous = if i > 1 && (i - 1) % 10 != 0 {
            let (y, m, d) = generated_date(i - 1);
            format!("<p>Zuvor: <a href=\"https://alt.example.org/{y}/{m:02}/{d:02}/meldung-{}/\">Meldung {}</a></p>", i - 1, i - 1)
        } else {
            String::new()
        };
        x.push_str(&format!(
            "<item><title><![CDATA[Meldung {i}: Kita &#038; Schule]]></title><link>https://alt.example.org/{year}/{month:02}/{day:02}/meldung-{i}/</link><guid isPermaLink=\"false\">https://alt.example.org/?p={i}</guid>\
             <content:encoded><![CDATA[<!-- wp:paragraph -->\n<p>Absatz eins der Meldung {i} mit <strong>fett</strong>.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:list -->\n<ul><li>a</li><li>b</li></ul>\n<!-- /wp:list -->\n{previous}\n[caption id=\"attachment_1\" width=\"300\"]<img src=\"https://bilder.example.net/{i}.jpg\" alt=\"Bild {i}\"> Bildtext {i}[/caption]]]></content:encoded>\
             <excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{i}</wp:post_id><wp:post_date>{year}-{month:02}-{day:02} 10:00:00</wp:post_date><wp:post_date_gmt>{year}-{month:02}-{day:02} 08:00:00</wp:post_date_gmt>\
             <wp:post_name>meldung-{i}</wp:post_name><wp:status>{status}</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>\
             <category domain=\"category\" nicename=\"thema-{t}\"><![CDATA[Thema {t}]]></category></item>\n",
            t = i % 7
        ));
    }
    for i in 0..10 {
        let id = 10_000 + i;
        x.push_str(&format!("<item><title>Seite {i}</title><link>https://alt.example.org/seite-{i}/</link><guid>https://alt.example.org/?page_id={id}</guid><content:encoded><![CDATA[Text der Seite {i}.\n\nZweiter Absatz.]]></content:encoded><wp:post_id>{id}</wp:post_id><wp:post_date>2016-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2016-01-01 09:00:00</wp:post_date_gmt><wp:post_name>seite-{i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>\n"));
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

#[test]
fn a_few_hundred_items_all_arrive_at_their_new_urls() {
    let site = Fixture::new();
    let export = site.root().join("export.xml");
    std::fs::write(&export, generated_export(300)).unwrap();
    let report = import(&site, &export, None);
    assert_eq!(report.imported.get("posts"), Some(&300));
    assert_eq!(report.imported.get("pages"), Some(&10));
    site.build();
    let out = site.output();
    for i in (1..=300).filter(|i| i % 10 != 0) {
        let page = out.join(format!("news/meldung-{i}/index.html"));
        assert!(page.is_file(), "meldung-{i}");
        let (year, month, day) = generated_date(i);
        let alias = std::fs::read_to_string(
            out.join(format!("{year}/{month:02}/{day:02}/meldung-{i}/index.html")),
        )
        .unwrap();
        assert!(alias.contains(&format!("url=/sub/news/meldung-{i}/")));
    }
    for i in 0..10 {
        assert!(out.join(format!("seite-{i}/index.html")).is_file());
    }
    for (name, html) in all_html(&out) {
        assert!(
            !html.contains("wp:") && !html.contains("[caption"),
            "{name}"
        );
    }
    assert!(broken_internal_links(&out, "/sub/").is_empty());
}

#[test]
fn the_command_imports_the_example_export_and_the_site_builds() {
    let site = Fixture::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/wordpress/export.xml");
    let run = |export: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kette"))
            .args(["import", "wordpress"])
            .arg(export)
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap()
    };
    let out = run(&example);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("Importiert: 1 Termin, 1 Seite, 3 Beiträge (davon 1 als Entwurf)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("content/news/2017-04-03-lernnetzwerk.md:"),
        "{stdout}"
    );
    site.build();
    let page = site.page("news/lernnetzwerk/index.html");
    assert_eq!(texts(&page, "h1"), ["Lernnetzwerk: „Übergänge gestalten“"]);

    let broken = site.root().join("kaputt.xml");
    std::fs::write(&broken, "<rss><channel><item><title>x</title>").unwrap();
    let out = run(&broken);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nichts wurde importiert"));
}

/// A minimal WXR 1.2 export around the given `<item>`s.
fn export_with(items: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<link>https://alt.example.org</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n{items}</channel>\n</rss>\n")
}

#[test]
fn images_outside_the_uploads_and_odd_topics_do_not_break_the_build() {
    let site = Fixture::new();
    // At the root of its host, a site would look for /wp-includes/… itself.
    site.write(
        "site.yaml",
        "title: \"Testnetz\"\nbase_url: \"https://example.org/\"\n",
    );
    let export = site.root().join("export.xml");
    std::fs::write(
        &export,
        export_with("<item><title>Smileys</title><link>https://alt.example.org/smileys/</link><guid>https://alt.example.org/?p=1</guid>\
            <content:encoded><![CDATA[Hallo <img src=\"/wp-includes/images/smilies/simple-smile.png\" alt=\":)\"> und <img src=\"bilder/relativ.png\" alt=\"relativ\">]]></content:encoded>\
            <wp:post_id>1</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date><wp:post_name>smileys</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>\
            <category domain=\"post_tag\" nicename=\"ausrufe\"><![CDATA[!!!]]></category></item>\n"),
    )
    .unwrap();
    let report = import(&site, &export, None);
    let text = read(&site, "content/news/2020-01-01-smileys.md");
    assert!(
        text.contains("(https://alt.example.org/wp-includes/images/smilies/simple-smile.png)"),
        "{text}"
    );
    assert!(
        text.contains("(https://alt.example.org/bilder/relativ.png)"),
        "{text}"
    );
    assert!(!text.contains("!!!"), "{text}");
    assert!(
        report
            .by_hand
            .iter()
            .any(|n| n.contains("is not an upload")),
        "{}",
        report.text()
    );
    site.build();
}

#[test]
fn uploads_come_along_except_images_kette_cannot_process() {
    let site = Fixture::new();
    let uploads = tempfile::tempdir().unwrap();
    let up = |rel: &str, bytes: &[u8]| {
        let p = uploads.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    up("2020/01/Foto Groß.png", &tiny_png());
    up("2020/01/scan.tif", b"II*\0not really a tiff");
    up("2020/01/programm.pdf", b"%PDF-1.4\n");
    let export = site.root().join("export.xml");
    let u = "https://alt.example.org/wp-content/uploads/2020/01";
    std::fs::write(
        &export,
        export_with(&format!("<item><title>Unterlagen</title><link>https://alt.example.org/unterlagen/</link><guid>https://alt.example.org/?p=1</guid>\
            <content:encoded><![CDATA[<img src=\"{u}/Foto%20Gro%C3%9F.png\" alt=\"Foto\"> <img src=\"{u}/scan.tif\" alt=\"Scan\">\n\nDas <a href=\"{u}/programm.pdf\">Programm</a>.]]></content:encoded>\
            <wp:post_id>1</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date><wp:post_name>unterlagen</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n")),
    )
    .unwrap();
    let report = import(&site, &export, Some(uploads.path()));
    let dir = site.root().join("content/news/2020-01-01-unterlagen");
    let names: Vec<String> = common::files(&dir).into_keys().collect();
    assert_eq!(names, ["foto-gross.png", "index.md", "programm.pdf"]);
    let text = read(&site, "content/news/2020-01-01-unterlagen/index.md");
    assert!(text.contains("![Foto](foto-gross.png)"), "{text}");
    assert!(text.contains("[Programm](programm.pdf)"), "{text}");
    assert!(text.contains(&format!("({u}/scan.tif)")), "{text}");
    assert!(report
        .by_hand
        .iter()
        .any(|n| n.contains("scan.tif") && n.contains("cannot process")));
    site.build();
    assert!(site.output().join("news/unterlagen/programm.pdf").is_file());
}

/// One published post with `title` and `content`, as an export.
fn export_of_post(title: &str, content: &str) -> String {
    export_with(&format!("<item><title><![CDATA[{title}]]></title><link>https://alt.example.org/2020/01/01/p/</link><guid>https://alt.example.org/?p=1</guid>\
        <content:encoded><![CDATA[{content}]]></content:encoded>\
        <wp:post_id>1</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date><wp:post_name>p</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n"))
}

#[test]
fn no_shortcode_is_left_and_brackets_in_prose_stay() {
    let site = Fixture::new();
    let export = site.root().join("export.xml");
    std::fs::write(
        &export,
        export_of_post(
            "Gemeinsam [mit] Eltern",
            "Wir arbeiten [mit] Kitas [1] und Schulen [sic]; <a href=\"https://e.org/\">[mit]</a>.\n\n\
             [su_row][su_column size=\"1/2\"]Linke Spalte[/su_column][su_column size=\"1/2\"]Rechte Spalte[/su_column][/su_row]\n\n\
             [contact-form-7 id=\"5\" title=\"Kontakt\"]\n\n\
             [box]Eingerahmt[/box] Ende.",
        ),
    )
    .unwrap();
    let report = import(&site, &export, None);
    let file = "content/news/2020-01-01-p.md";
    let text = read(&site, file);
    // Prose keeps its brackets and is reported as nothing.
    assert_eq!(front(&site, file)["title"], "Gemeinsam [mit] Eltern");
    assert!(
        text.contains(r"Wir arbeiten \[mit\] Kitas \[1\] und Schulen \[sic\]"),
        "{text}"
    );
    // Every shortcode went; what it enclosed stayed.
    for gone in ["su_row", "su_column", "contact-form-7", "[box", "[/"] {
        assert!(!text.contains(gone), "{gone}: {text}");
    }
    for kept in ["Linke Spalte Rechte Spalte", "Eingerahmt Ende."] {
        assert!(text.contains(kept), "{kept}: {text}");
    }
    // Each removed one is in the report, by file and name; prose is not.
    let shortcodes: Vec<&kette::messages::Text> = report
        .by_hand
        .iter()
        .filter(|n| n.contains("shortcode"))
        .collect();
    assert_eq!(shortcodes.len(), 4, "{shortcodes:?}");
    for name in [
        "[box]",
        "[contact-form-7]",
        "[su_column] removed (2 times)",
        "[su_row]",
    ] {
        assert!(
            shortcodes
                .iter()
                .any(|n| n.starts_with(file) && n.contains(name)),
            "{name}: {shortcodes:?}"
        );
    }
    site.build();
    let page = site.page("news/p/index.html");
    let body = texts(&page, "article .prose").join(" ");
    assert!(
        body.contains("Wir arbeiten [mit] Kitas [1] und Schulen [sic]; [mit]."),
        "{body}"
    );
}

#[test]
fn pre_without_code_becomes_a_code_block() {
    let site = Fixture::new();
    let export = site.root().join("export.xml");
    std::fs::write(
        &export,
        export_of_post(
            "Vorformatiert",
            "Vorher\n\n<pre>Zeile 1\n    eingerückt *kein* &lt;b&gt;\n\nZeile 4</pre>\n\n\
             <!-- wp:preformatted --><pre class=\"wp-block-preformatted\">a<br>  b <strong>c</strong></pre><!-- /wp:preformatted -->",
        ),
    )
    .unwrap();
    import(&site, &export, None);
    site.build();
    let page = site.page("news/p/index.html");
    let code = scraper::Selector::parse("article .prose pre > code").unwrap();
    let blocks: Vec<String> = page
        .select(&code)
        .map(|c| c.text().collect::<String>())
        .collect();
    assert_eq!(
        blocks,
        [
            "Zeile 1\n    eingerückt *kein* <b>\n\nZeile 4\n",
            "a\n  b c\n"
        ]
    );
}
