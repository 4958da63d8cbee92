//! The command line (issue 6): each command through the binary, asserting
//! files, output and exit status.

mod common;

use std::process::{Command, Output};

use common::Fixture;

fn kette(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000") // 2023-11-14
        .env("NO_COLOR", "1")
        .env_remove("KETTE_LANG")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_then_build_works_in_a_fresh_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = kette(&["init", "neu"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let site = tmp.path().join("neu");
    assert!(site.join("site.yaml").is_file());
    assert!(site.join("content/news/2023-11-14-willkommen.md").is_file());
    assert!(site
        .join("content/municipalities/musterstadt.yaml")
        .is_file());

    let build = kette(&["build", "--root", "neu"], tmp.path());
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let summary = stdout(&build);
    assert!(
        summary.starts_with("1 Artikel, 1 Kommune, 1 Termin, 1 Seite → "),
        "{summary}"
    );
    assert!(site.join("public/news/willkommen/index.html").is_file());
    assert!(site
        .join("public/municipalities/musterstadt/index.html")
        .is_file());

    let check = kette(&["check", "--root", "neu"], tmp.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stdout(&check).starts_with("Keine Probleme: "),
        "{}",
        stdout(&check)
    );
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = kette(&["init", "."], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("der Ordner ist nicht leer"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn new_creates_each_kind_with_a_german_slug_and_refuses_to_overwrite() {
    let site = Fixture::new();
    let root = site.root();
    let cases = [
        (
            "article",
            "Übergänge gestalten: Start",
            "content/news/2023-11-14-uebergaenge-gestalten-start.md",
        ),
        (
            "event",
            "Lernnetzwerk in Köln",
            "content/events/2023-11-14-lernnetzwerk-in-koeln.md",
        ),
        (
            "municipality",
            "Kreis Düren",
            "content/municipalities/kreis-dueren.yaml",
        ),
        ("page", "Datenschutz", "content/pages/datenschutz.md"),
    ];
    for (kind, title, path) in cases {
        let out = kette(&["new", kind, title], root);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
        let text =
            std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(text.contains(&format!("\"{title}\"")), "{text}");
    }
    // The new files are valid: the site checks clean (new articles are drafts).
    let check = kette(&["check"], root);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let check_drafts = kette(&["check", "--drafts"], root);
    assert_eq!(
        check_drafts.status.code(),
        Some(0),
        "{}",
        stderr(&check_drafts)
    );

    let again = kette(&["new", "page", "Datenschutz"], root);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("die Datei gibt es schon"));
}

#[test]
fn check_finds_links_to_pages_that_do_not_exist_and_writes_nothing() {
    let site = Fixture::new().with_small_network();
    site.write(
        "content/pages/kontakt.md",
        "---\ntitle: Kontakt\n---\nErster Absatz.\n\nSiehe [alte Seite](/sub/gibt-es-nicht/) und [Bild](fehlt.png).\n",
    );
    let out = kette(&["check"], site.root());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/pages/kontakt.md:6:20: der Link auf `/sub/gibt-es-nicht/` führt zu keiner Seite dieser Website"), "{err}");
    assert!(err.contains("content/pages/kontakt.md:6:"), "{err}");
    // (A missing *image* is an error of the build itself: tests/images.rs.)
    assert!(
        err.contains("content/pages/kontakt.md:6:52: der Link auf `/sub/kontakt/fehlt.png`"),
        "{err}"
    );
    assert!(!site.output().exists(), "check writes nothing");
}

#[test]
fn build_prints_errors_grouped_by_file_without_colour_when_piped() {
    let site = Fixture::new();
    site.write(
        "content/news/a.md",
        "---\ntitle: A\ndate: 2017-13-01\n---\n",
    );
    site.write("content/news/b.md", "---\ntitel: B\n---\n");
    let out = kette(&["build"], site.root());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.contains('\x1b'), "no colour when not a terminal");
    assert!(err.contains("content/news/a.md:3:7: date: `2017-13-01` ist kein Datum, das es gibt\n\ncontent/news/b.md:2:1:"), "{err}");
    assert!(
        err.ends_with(
            "Fehler: 2 Probleme; nichts wurde geschrieben; die bisherige Ausgabe ist unverändert\n"
        ),
        "{err}"
    );
    // The same in English with --lang (or KETTE_LANG).
    let out = kette(&["build", "--lang", "en"], site.root());
    let err = stderr(&out);
    assert!(err.contains("content/news/a.md:3:7: date: `2017-13-01` is not a date that exists\n\ncontent/news/b.md:2:1:"), "{err}");
    assert!(
        err.ends_with("error: 2 problems; nothing was written; the previous output is unchanged\n"),
        "{err}"
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    // Help follows the language of messages (the example site is German).
    for (lang, example) in [("de", "Beispiel"), ("en", "Example")] {
        for cmd in ["build", "serve", "check", "init", "new", "import"] {
            let out = kette(&[cmd, "--lang", lang, "--help"], std::path::Path::new("."));
            assert_eq!(out.status.code(), Some(0));
            assert!(stdout(&out).contains(example), "{cmd}: {}", stdout(&out));
        }
    }
}

#[test]
fn new_event_takes_its_date_and_time() {
    let site = Fixture::new();
    let out = kette(
        &[
            "new",
            "event",
            "Fachtag Übergänge",
            "--date",
            "2027-01-15",
            "--time",
            "15:00",
        ],
        site.root(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(
        site.root()
            .join("content/events/2027-01-15-fachtag-uebergaenge.md"),
    )
    .unwrap();
    assert!(
        text.contains("start: 2027-01-15T15:00\n# end: 2027-01-15T17:00\n"),
        "{text}"
    );
    assert!(stdout(&out).starts_with("Angelegt: "), "{}", stdout(&out));

    let out = kette(
        &["new", "article", "Bericht", "--date", "3.4.2025"],
        site.root(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--date: `3.4.2025` ist nicht in der Form JJJJ-MM-TT geschrieben: schreiben Sie `2025-04-03`"),
        "{}",
        stderr(&out)
    );
}
