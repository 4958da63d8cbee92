//! The commands' own messages in the editor's language: writing the output,
//! the preview server, templates, the WordPress import and the command
//! line's help. Each is provoked through the `kette` binary on a German
//! site (or with `--lang`/`KETTE_LANG`) and read back in German, with no
//! English sentence left; English where English is asked for.

mod common;
#[path = "common/server.rs"]
mod server;

use std::path::Path;
use std::process::{Command, Output};

use common::Fixture;

/// `kette ARGS` with `KETTE_LANG` set to `lang` (or unset).
fn kette(args: &[&str], root: Option<&Path>, lang: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kette"));
    command.args(args).env("NO_COLOR", "1");
    if let Some(root) = root {
        command.arg("--root").arg(root);
    }
    match lang {
        Some(lang) => command.env("KETTE_LANG", lang),
        None => command.env_remove("KETTE_LANG"),
    };
    command.output().expect("run kette")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_refused_output_folder_and_a_full_disk_are_said_in_german() {
    let site = Fixture::new().with_small_network();
    let root = site.root().to_str().expect("utf-8 path");
    let out = kette(&["build", "--output", root], Some(site.root()), None);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("wird nicht als Ausgabeordner verwendet: er ist der Ordner der Website"),
        "{text}"
    );
    assert!(!text.contains("refusing"), "{text}");

    let mut command = Command::new(env!("CARGO_BIN_EXE_kette"));
    let full = command
        .args(["build", "--lang", "de", "--root"])
        .arg(site.root())
        .env("KETTE_FAULT", "disk-full-after=3")
        .env("NO_COLOR", "1")
        .output()
        .expect("run kette");
    assert_eq!(full.status.code(), Some(1));
    let text = stderr(&full);
    assert!(text.contains("der Datenträger ist voll: 3 von "), "{text}");
    assert!(
        text.contains("schaffen Sie Platz auf dem Datenträger"),
        "{text}"
    );
    assert!(!text.contains("disk is full"), "{text}");
}

#[test]
fn a_template_error_is_said_in_german_around_teras_words() {
    let site = Fixture::new().with_small_network();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.titel }}</h1>\n{% endblock content %}\n",
    );
    let out = kette(&["build"], Some(site.root()), None);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("templates/article.html:3:16: "))
        .unwrap_or_else(|| panic!("{text}"));
    // kette's sentence and hint in German; Tera's description quoted.
    assert!(line.contains("Fehler in einer Vorlage: "), "{line}");
    assert!(
        line.contains("(`article.titel` in der Zeile: <h1>{{ article.titel }}</h1>)")
            || line.contains("in der Zeile: <h1>{{ article.titel }}</h1>"),
        "{line}"
    );
    assert!(!line.contains("template error"), "{line}");

    // The same site in English.
    let out = kette(&["build"], Some(site.root()), Some("en"));
    let text = stderr(&out);
    assert!(text.contains("template error: "), "{text}");

    // A theme that is not there.
    site.write(
        "site.yaml",
        "title: \"Testnetz\"\nbase_url: \"https://example.org/sub/\"\nlanguage: de\ntheme: fehlt\n",
    );
    let text = stderr(&kette(&["check"], Some(site.root()), None));
    assert!(
        text.contains("das Thema `fehlt` fehlt: es gibt keinen Ordner themes/fehlt/ (schreiben Sie `theme: default` für das eingebaute Thema)"),
        "{text}"
    );
}

#[test]
fn serve_says_its_start_its_refusals_and_a_taken_port_in_german() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = server::fixture(dir.path(), "Erste Fassung");
    {
        let server = server::Server::start(&root);
        // A foreign Host name is refused in the site's language.
        let port = server.addr.rsplit(':').next().unwrap_or_default();
        let foreign = server::request(
            &server.addr,
            "/news/hallo/",
            &format!("attacker.example:{port}"),
        );
        assert_eq!(foreign.status, 403);
        assert!(
            foreign
                .body
                .starts_with("abgelehnt: dieser Server antwortet nur unter der Adresse"),
            "{}",
            foreign.body
        );
        let missing = server.get("/%zz");
        assert_eq!(missing.status, 400);
        assert!(missing.body.starts_with("abgelehnt: "), "{}", missing.body);
    }
    // The start lines, in German: the first build and the address.
    let lines = start_lines(&root);
    assert!(lines.len() >= 2, "{lines:?}");
    assert!(
        lines[0].contains("] erster Lauf: ") && lines[0].contains(" gebaut in "),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("Vorschau unter http://127.0.0.1:")
            && lines[1].ends_with("/ (beenden mit Strg+C)"),
        "{lines:?}"
    );

    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = kette(&["serve", "--port", &port], Some(&root), None);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.starts_with(&format!(
            "Fehler: Port {port} auf 127.0.0.1 ist schon belegt"
        )),
        "{text}"
    );
    let out = kette(&["serve", "--port", &port], Some(&root), Some("en"));
    assert!(
        stderr(&out).starts_with(&format!(
            "error: port {port} on 127.0.0.1 is already in use"
        )),
        "{}",
        stderr(&out)
    );
    let empty = tempfile::tempdir().expect("tempdir");
    let out = kette(&["serve", "--port", "0"], Some(empty.path()), Some("de"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("gibt es keine site.yaml: das ist kein Ordner einer kette-Website"),
        "{}",
        stderr(&out)
    );
}

/// The first lines `kette serve` prints on stdout, up to its address; the
/// server is stopped afterwards.
fn start_lines(root: &Path) -> Vec<String> {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .env_remove("KETTE_LANG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start kette serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        let done = line.contains("http://");
        lines.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    lines
}

#[test]
fn the_import_reports_in_german() {
    let site = Fixture::new();
    let export = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/site.xml");
    let export = export.to_str().expect("utf-8 path");
    let out = kette(&["import", "wordpress", export], Some(site.root()), None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Importiert: "), "{text}");
    for german in [
        "Nicht importiert:",
        "Kommentare (kette-Websites haben keine)",
        "Übersprungen (",
        "durch ein Passwort geschützt",
        "im Papierkorb",
        "Bitte von Hand prüfen (",
        "unbekannter Shortcode [contact-form-7] entfernt",
        "bleibt bei seiner alten Adresse",
    ] {
        assert!(text.contains(german), "{german}: {text}");
    }
    for english in [
        "Imported",
        "Skipped",
        "Needs a look",
        "removed",
        "stays at",
        "in the trash",
    ] {
        assert!(!text.contains(english), "{english}: {text}");
    }

    let broken = site.root().join("kaputt.xml");
    std::fs::write(&broken, "<rss><channel><item><title>x</title>").expect("write");
    let broken = broken.to_str().expect("utf-8 path");
    let out = kette(&["import", "wordpress", broken], Some(site.root()), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("das ist kein WordPress-Export"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_is_german_for_german_and_english_for_english() {
    let german = stdout(&kette(&["--help"], None, Some("de")));
    for text in [
        "Ein Generator für statische Websites",
        "Aufruf: kette [OPTIONEN] <BEFEHL>",
        "Befehle:",
        "Die Website in den Ausgabeordner bauen",
        "Sprache der Meldungen",
        "Hilfe anzeigen",
    ] {
        assert!(german.contains(text), "{text}: {german}");
    }
    for text in [
        "A static site generator",
        "Usage:",
        "Commands:",
        "Print help",
    ] {
        assert!(!german.contains(text), "{text}: {german}");
    }
    let build = stdout(&kette(&["build", "--help"], None, Some("de")));
    for text in [
        "Die Website in den Ausgabeordner bauen",
        "Entwürfe mitbauen",
        "Nur Fehler ausgeben",
        "Der Ordner der Website, mit site.yaml (Vorgabe: der aktuelle Ordner)",
        "Optionen:",
        "Beispiel:\n  kette build --root meine-seite",
    ] {
        assert!(build.contains(text), "{text}: {build}");
    }
    for text in [
        "Build drafts too",
        "Print only errors",
        "[default:",
        "Example:",
    ] {
        assert!(!build.contains(text), "{text}: {build}");
    }
    let new = stdout(&kette(&["new", "--help"], None, Some("de")));
    assert!(new.contains("Argumente:"), "{new}");
    assert!(
        new.contains("Aufruf: kette new [OPTIONEN] <ART> <TITEL>"),
        "{new}"
    );
    assert!(new.contains("article (Artikel), event (Termin)"), "{new}");
    assert!(!new.contains("[possible values:"), "{new}");

    let english = stdout(&kette(&["--help"], None, Some("en")));
    assert!(english.contains("A static site generator"), "{english}");
    assert!(english.contains("Usage:"), "{english}");
    let build = stdout(&kette(&["build", "--help"], None, Some("en")));
    assert!(build.contains("Build drafts too"), "{build}");
    assert!(!build.contains("Entwürfe"), "{build}");
    // `--lang` decides over KETTE_LANG for help as for everything else.
    let build = stdout(&kette(
        &["build", "--lang", "de", "--help"],
        None,
        Some("en"),
    ));
    assert!(build.contains("Entwürfe mitbauen"), "{build}");
}

#[test]
fn files_that_are_no_content_and_slugs_that_cannot_be_made_are_said_in_german() {
    let site = Fixture::new().with_small_network();
    site.write("content/events/notizen.txt", "nur Notizen\n");
    site.write("content/pages/!!!.md", "---\ntitle: \"???\"\n---\nText\n");
    site.write("content/news/index.md", "---\ntitle: Intro\n---\n");
    let out = kette(&["build"], Some(site.root()), Some("de"));
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains(
            "kein Inhalt: jede Datei in content/events/ muss ein Termin: eine .md-Datei sein"
        ),
        "{text}"
    );
    assert!(text.contains("Sicherungsdateien"), "{text}");
    assert!(
        text.contains("aus Dateiname und Titel lässt sich kein slug (Adressteil) machen"),
        "{text}"
    );
    assert!(
        text.contains("content/news/index.md ist kein Artikel"),
        "{text}"
    );
    assert!(!text.contains("not content"), "{text}");
    assert!(!text.contains("is not an article"), "{text}");
    assert!(!text.contains("cannot make a slug"), "{text}");

    let english = stderr(&kette(&["build"], Some(site.root()), Some("en")));
    assert!(
        english.contains("not content: every file in content/events/"),
        "{english}"
    );
}

#[test]
fn a_refused_url_is_explained_in_german_from_reason_to_allowed_forms() {
    let site = Fixture::new().with_small_network();
    site.write(
        "content/news/2024-01-10-link.md",
        "---\ntitle: \"Link\"\ndate: 2024-01-10\n---\n[Klick](javascript:alert(1))\n",
    );
    let text = stderr(&kette(&["build"], Some(site.root()), Some("de")));
    assert!(
        text.contains("der Link auf `javascript:alert(1)` wird nicht veröffentlicht: Links mit `javascript:` sind nicht erlaubt"),
        "{text}"
    );
    assert!(text.contains("#Anker"), "{text}");
    assert!(!text.contains("links are not allowed"), "{text}");
    assert!(!text.contains("with an address"), "{text}");
}

#[test]
fn photos_that_cannot_be_used_are_said_in_german() {
    let site = Fixture::new().with_small_network();
    site.write(
        "content/news/bilder/index.md",
        "---\ntitle: \"Bilder\"\ndate: 2024-01-01\n---\n![Kein Bild](kein-bild.jpg)\n\n![Apple](foto.heic)\n",
    );
    site.write("content/news/bilder/kein-bild.jpg", "nur Text\n");
    site.write("content/news/bilder/foto.heic", "heic\n");
    let out = kette(&["build"], Some(site.root()), Some("de"));
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("das Bild `kein-bild.jpg` kann nicht verwendet werden: content/news/bilder/kein-bild.jpg lässt sich nicht als Bild lesen: dies ist kein JPEG-, PNG- oder WebP-Bild"),
        "{text}"
    );
    assert!(
        text.contains("das Bild `foto.heic` kann nicht verwendet werden: kette kann keine HEIC-Bilder verarbeiten; speichern Sie es als JPEG (Fotos) oder PNG (Grafiken)"),
        "{text}"
    );
    assert!(!text.contains("cannot be read as an image"), "{text}");
    assert!(!text.contains("this is not"), "{text}");
    assert!(!text.contains("cannot process"), "{text}");

    let english = stderr(&kette(&["build"], Some(site.root()), Some("en")));
    assert!(
        english.contains("kein-bild.jpg cannot be read as an image: this is not a JPEG"),
        "{english}"
    );
    assert!(
        english.contains("kette cannot process HEIC images"),
        "{english}"
    );
}

#[test]
fn a_photo_cut_off_is_said_in_german_when_its_sizes_are_made() {
    // Its header is whole, its pixels are not: planned with the model,
    // refused when its sizes are made.
    let site = Fixture::new().with_small_network();
    let png = common::tiny_png();
    let idat = png
        .windows(4)
        .position(|w| w == b"IDAT")
        .expect("an IDAT chunk");
    site.write_bytes("content/news/ziele/bild.png", &png[..idat + 6]);
    let out = kette(&["build"], Some(site.root()), Some("de"));
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("das Bild content/news/ziele/bild.png kann nicht verarbeitet werden: "),
        "{text}"
    );
    assert!(!text.contains("cannot be processed"), "{text}");
    let english = stderr(&kette(&["build"], Some(site.root()), Some("en")));
    assert!(
        english.contains("image content/news/ziele/bild.png cannot be processed: "),
        "{english}"
    );
}
