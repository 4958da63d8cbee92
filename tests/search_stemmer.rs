//! The stemmers of the search index (Rust, `rust-stemmers`) and of the
//! theme's `search.js` (a port of the same Snowball algorithms) must agree:
//! one word list, German and English, goes through both, and through both
//! `normalize` and shard-key functions, and every result must be the same.
//!
//! The word lists are samples of Snowball's test vocabularies
//! (tests/fixtures/stem-words/), plus every word of the example site.
//! Needs Node.js (`node`); without it the test says so and passes, unless
//! CI=true.

#[path = "common/node.rs"]
mod node;

use std::path::Path;

use kette::language::Language;
use kette::render::search_index::{normalize, shard_key, Stem};

/// Runs search.js's word functions under Node over `words`: for each word,
/// [normalize(word), stem(lang, word), stem(lang, normalize(word)), shardKey(word, 3)].
fn through_js(lang: &str, words: &[String]) -> Option<Vec<[String; 4]>> {
    let harness = r#"
        const vm = require("vm"), fs = require("fs");
        const m = { exports: {} };
        vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { module: m });
        const w = m.exports, lang = process.argv[2];
        const words = JSON.parse(fs.readFileSync(0, "utf8"));
        process.stdout.write(JSON.stringify(words.map((x) =>
            [w.normalize(x), w.stem(lang, x), w.stem(lang, w.normalize(x)), w.shardKey(x, 3)])));
    "#;
    node::search_js(harness, &[lang], &words, "the stemmer cross-check")
}

/// The words of a list file, and of every Markdown file under `content`.
fn word_list(list: &str, content: Option<&Path>) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut words: Vec<String> = std::fs::read_to_string(root.join(list))
        .unwrap()
        .lines()
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(dir) = content {
        for entry in walk(&root.join(dir)) {
            let text = std::fs::read_to_string(entry).unwrap_or_default();
            words.extend(
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase),
            );
        }
    }
    words.sort();
    words.dedup();
    words
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

fn cross_check(language: Language, lang: &str, words: &[String]) {
    let Some(js) = through_js(lang, words) else {
        return;
    };
    let stemmer = Stem::new(language);
    let mut differ = Vec::new();
    for (word, js) in words.iter().zip(&js) {
        let rust = [
            normalize(word),
            stemmer.stem(word),
            stemmer.stem(&normalize(word)),
            shard_key(word, 3),
        ];
        if &rust != js {
            differ.push(format!("{word}: Rust {rust:?}, JS {js:?}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} {lang} words differ:\n{}",
        differ.len(),
        words.len(),
        differ[..differ.len().min(40)].join("\n")
    );
}

#[test]
fn german_words_stem_alike_in_rust_and_javascript() {
    let words = word_list(
        "tests/fixtures/stem-words/de.txt",
        Some(Path::new("content")),
    );
    assert!(words.len() > 3000);
    cross_check(Language::De, "de", &words);
}

#[test]
fn english_words_stem_alike_in_rust_and_javascript() {
    let words = word_list("tests/fixtures/stem-words/en.txt", None);
    assert!(words.len() > 2000);
    cross_check(Language::En, "en", &words);
}
