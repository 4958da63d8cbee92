//! Messages in the editor's language: the broken-input corpus and the
//! typical mistakes of editors, built as a German and as an English site,
//! each message in that language only, with its fix.

mod common;

use std::process::Command;

use common::{planted, Fixture};
use kette::language::Language;

/// Messages still made outside the catalogue (English in both languages):
/// none the corpus reaches.
const NOT_YET_TRANSLATED: [&str; 0] = [];

/// The corpus with the typical mistakes of editors added.
fn mistakes(language: &str) -> Fixture {
    let site = planted();
    site.write(
        "site.yaml",
        &format!(
            "title: \"Testnetz\"\nbase_url: \"https://example.org/sub/\"\nlanguage: {language}\n"
        ),
    );
    site.write(
        "content/news/2025-01-01-colon.md",
        "---\ntitle: Treffen: Eltern\n---\nx\n",
    );
    site.write(
        "content/news/2025-01-02-tab.md",
        "---\ntitle: a\n\tdate: 2025-01-01\n---\nx\n",
    );
    site.write(
        "content/news/2025-01-03-half.md",
        "---\ntitle: a\nsumm\ndate: 2025-01-01\n---\nx\n",
    );
    site.write(
        "content/news/2025-01-04-quotes.md",
        "---\ntitle: \"Fachtag \"Übergänge\" mit Eltern\"\n---\nx\n",
    );
    site.write(
        "content/news/german-date.md",
        "---\ntitle: a\ndate: 3.4.2025\n---\nx\n",
    );
    site.write(
        "content/municipalities/warendorf.yaml",
        "name: Warendorf\noffers:\n  - name: a\n    url: https://example.org/\n   stages: [x]\n",
    );
    site.write("content/news/2025-01-05-fence.md", "---\ntitle: a\n--\nx\n");
    site.write(
        "content/news/2025-01-06-foto/index.md",
        "---\ntitle: Foto\nimage: foto.JPG\n---\nx\n",
    );
    site.write_bytes("content/news/2025-01-06-foto/foto.jpg", &common::tiny_png());
    site
}

/// (position, German text, English text) of each mistake, as reported.
const EXPECTED: [(&str, &str, &str); 11] = [
    (
        "content/news/2025-01-01-colon.md:2:15:",
        "der Wert von `title` enthält einen Doppelpunkt mit Leerzeichen danach; YAML liest ihn als neuen Schlüssel (setzen Sie den Wert in Anführungszeichen: title: \"Treffen: Eltern\")",
        "the value of `title` contains a colon followed by a space; YAML reads it as a new key (put the value in quotes: title: \"Treffen: Eltern\")",
    ),
    (
        "content/news/2025-01-02-tab.md:3:1:",
        "Zeile 3 enthält in Spalte 1 ein Tabulatorzeichen",
        "line 3 has a tab character in column 1",
    ),
    (
        "content/news/2025-01-03-half.md:3:1:",
        "in Zeile 3 fehlt der Doppelpunkt: `summ`",
        "line 3 has no colon: `summ`",
    ),
    (
        "content/news/2025-01-04-quotes.md:2:18:",
        "Anführungszeichen innerhalb von Anführungszeichen; das zweite beendet den Wert zu früh (schreiben Sie innen typografische Anführungszeichen: title: \"Fachtag „Übergänge“ mit Eltern\" – oder umschließen Sie den Wert mit einfachen: title: 'Fachtag \"Übergänge\" mit Eltern')",
        "quotes inside quotes",
    ),
    (
        "content/news/german-date.md:3:7:",
        "date: `3.4.2025` ist nicht in der Form JJJJ-MM-TT geschrieben: schreiben Sie `2025-04-03`",
        "date: `3.4.2025` is not written as YYYY-MM-DD: write `2025-04-03`",
    ),
    (
        "content/municipalities/warendorf.yaml:5:1:",
        "Zeile 5 ist anders eingerückt als die Einträge der Liste darüber",
        "line 5 is indented differently from the entries of the list above",
    ),
    (
        "content/news/2025-01-05-fence.md:3:1:",
        "die Angaben werden hier mit `--` statt `---` abgeschlossen",
        "the front matter is closed with `--` instead of `---`",
    ),
    (
        "content/news/2025-01-06-foto/index.md:3:8:",
        "das Bild `foto.JPG` liegt nicht im Ordner content/news/2025-01-06-foto/ dieses Artikels (meinten Sie `foto.jpg`?)",
        "image `foto.JPG` is not a file in this article's folder content/news/2025-01-06-foto/ (did you mean `foto.jpg`?)",
    ),
    (
        "content/news/2017-01-01-bad-yaml.md:2:8:",
        "das Anführungszeichen \" in Zeile 2 wird nicht geschlossen",
        "the quote \" on line 2 is never closed",
    ),
    (
        "content/news/2017-01-02-wrong-type.md:4:",
        "topics: falscher Typ: kette erwartet hier eine Liste, nicht eine Zuordnung",
        "topics: wrong type: expected a list, found a map",
    ),
    (
        "content/news/2017-01-03-unknown-key.md:3:1:",
        "unbekannter Schlüssel `sumary` (meinten Sie `summary`?)",
        "unknown field `sumary` (did you mean `summary`?)",
    ),
];

#[test]
fn a_stage_written_by_its_name_is_told_its_id() {
    for (language, written, wanted) in [
        (
            "de",
            "0 bis 3 Jahre",
            "„0 bis 3 Jahre“ ist der Name einer Stufe; schreiben Sie ihre Kennung `0-3`",
        ),
        (
            "en",
            "0 to 3 years",
            "`0 to 3 years` is the name of a stage; write its id `0-3`",
        ),
    ] {
        let site = Fixture::new();
        site.write(
            "site.yaml",
            &format!(
                "title: \"Testnetz\"\nbase_url: \"https://example.org/\"\nlanguage: {language}\n"
            ),
        );
        site.write(
            "content/municipalities/beckum.yaml",
            &format!("name: Beckum\noffers:\n  - name: Elterncafé\n    stages: [\"{written}\"]\n"),
        );
        let stderr = stderr_of(&site);
        assert!(
            stderr.contains("content/municipalities/beckum.yaml:4:"),
            "{stderr}"
        );
        assert!(stderr.contains(wanted), "{language}: {stderr}");
    }
}

fn stderr_of(site: &Fixture) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["build", "--root"])
        .arg(site.root())
        .env_remove("KETTE_LANG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn each_mistake_gets_its_cause_and_fix_in_the_sites_language() {
    for (language, german) in [("de", true), ("en", false)] {
        let stderr = stderr_of(&mistakes(language));
        for (position, de, en) in EXPECTED {
            let (wanted, other) = if german { (de, en) } else { (en, de) };
            let line = stderr.lines().find(|l| l.starts_with(position));
            let Some(line) = line else {
                panic!("{language}: nothing at {position} in:\n{stderr}");
            };
            assert!(line.contains(wanted), "{language}: {line}");
            assert!(!line.contains(other), "{language}: {line}");
        }
        let closing = if german { "Fehler: " } else { "error: " };
        assert!(
            stderr.lines().last().unwrap().starts_with(closing),
            "{stderr}"
        );
    }
}

#[test]
fn the_corpus_has_no_message_in_the_other_language() {
    let site = mistakes("de");
    let problems = match kette::build(&site.options()) {
        Ok(_) => panic!("the corpus built"),
        Err(p) => p.into_sorted(),
    };
    assert_eq!(problems.len(), 18, "{problems:#?}");
    let stderr = stderr_of(&site);
    for problem in &problems {
        let texts = [Some(&problem.message), problem.help.as_ref()];
        for text in texts.into_iter().flatten() {
            if !text.is_translated() {
                assert!(
                    NOT_YET_TRANSLATED.iter().any(|known| text.contains(known)),
                    "made outside the catalogue: {problem}"
                );
                continue;
            }
            // In the German report the German text, never the English one.
            assert!(stderr.contains(text.get(Language::De)), "{stderr}");
            if text.de() != text.en() {
                assert!(!stderr.contains(text.en()), "English in: {stderr}");
            }
        }
    }
    // A tab is called a tab.
    assert!(stderr.contains("Tabulatorzeichen"), "{stderr}");
    // Every YAML error names a cause, never the parser's words.
    for jargon in [
        "mapping values",
        "cannot start any token",
        "expected key",
        "indicator",
        "invalid YAML",
    ] {
        assert!(!stderr.contains(jargon), "{jargon}: {stderr}");
    }
}

#[test]
fn kette_lang_and_the_flag_override_the_site() {
    let site = mistakes("de");
    let out = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["build", "--root"])
        .arg(site.root())
        .env("KETTE_LANG", "en")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown field `sumary`"), "{stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["build", "--lang", "de", "--root"])
        .arg(site.root())
        .env("KETTE_LANG", "en")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unbekannter Schlüssel `sumary`"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_follow_the_sites_language() {
    let site = Fixture::new();
    let out = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["biuld", "--root"])
        .arg(site.root())
        .env_remove("KETTE_LANG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unbekannter Befehl `biuld` (meinten Sie `build`?)"),
        "{stderr}"
    );
}

#[test]
fn the_guide_lists_every_message_as_the_catalogue_has_it() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/redaktion.md");
    let guide = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- messages:begin -->\n", "<!-- messages:end -->");
    let start = guide.find(begin).expect("begin marker") + begin.len();
    let stop = guide.find(end).expect("end marker");
    let wanted = kette::messages::samples_markdown(Language::De);
    if std::env::var_os("KETTE_BLESS").is_some() {
        let updated = format!("{}{wanted}{}", &guide[..start], &guide[stop..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &guide[start..stop],
        wanted,
        "docs/redaktion.md is out of date; run with KETTE_BLESS=1 to rewrite the list"
    );
}
