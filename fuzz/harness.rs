//! The three fuzzed paths, shared by the cargo-fuzz targets in
//! `fuzz/fuzz_targets/` and the replay test `tests/fuzz_regressions.rs`
//! (included there with `#[path]`), so a crashing input is replayed through
//! exactly the code the fuzzer ran.
//!
//! Every function takes arbitrary bytes and must return without panicking;
//! errors (diagnostics) are the expected outcome for most inputs.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kette::content::records::ArticleFront;

/// Normalises input like the loader does before splitting: lossy UTF-8, no
/// byte order mark, `\n` line ends (`split` expects normalised text).
fn normalise(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Front matter: split the input, then parse the front as an article's.
pub fn front_matter(bytes: &[u8]) {
    let text = normalise(bytes);
    let file = Path::new("content/news/2024-01-01-fuzz.md");
    if let Ok(split) = kette::content::front_matter::split(&text, file) {
        assert!(split.front.len() + split.body.len() <= text.len());
        let _ = kette::content::front_matter::parse::<ArticleFront>(&split, file);
    }
}

/// Writes `files` (path relative to the root, bytes) into a fresh temporary
/// site root; the directory lives as long as the returned guard.
fn site(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("site");
    for (path, bytes) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    (dir, root)
}

const SITE_YAML: &[u8] = b"title: \"Fuzz\"\nbase_url: \"https://example.org/\"\nlanguage: de\n";
const RECORD: &[u8] = b"name: Ahlen\nkind: Stadt\njoined: 2017\n";
const ARTICLE: &[u8] = b"---\ntitle: \"Hallo\"\nmunicipalities: [ahlen]\n---\nText.\n";

/// A municipality record: the input is a record file of a site, read by the
/// public loader (the YAML entry point itself is private).
pub fn record(bytes: &[u8]) {
    let (_dir, root) = site(&[
        ("site.yaml", SITE_YAML),
        ("content/municipalities/fuzz.yaml", bytes),
    ]);
    let _ = kette::content::load(&root);
}

/// The whole load-and-render path: a tiny site whose one article is the
/// input (plus one fixed article and one record), rendered in memory.
pub fn site_render(bytes: &[u8]) {
    let (_dir, root) = site(&[
        ("site.yaml", SITE_YAML),
        ("content/municipalities/ahlen.yaml", RECORD),
        ("content/news/2024-05-01-fest.md", ARTICLE),
        ("content/news/2024-05-02-fuzz.md", bytes),
    ]);
    let options = kette::BuildOptions {
        root,
        today: chrono::NaiveDate::from_ymd_opt(2024, 6, 1),
        ..Default::default()
    };
    let _ = kette::build::render_files(&options);
}
