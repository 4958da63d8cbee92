//! Client-side search: the search page (`search/`, template `search.html`,
//! script `search.js` of the theme) and its index. Written only when
//! `search` is on in `site.yaml`; docs/feeds-and-search.md describes both.
//!
//! Index and query meet on terms: words [normalized](normalize) (umlauts
//! folded), then stemmed with the Snowball stemmer of the site's language
//! (`stem`), so "Präventionsketten" finds "Präventionskette". A query word
//! finds every term it begins and, through the compound parts of the
//! shards, every term it ends or is inside of ("verbände" finds
//! "Wohlfahrtsverbände").
//!
//! `search-index.json` is the small entry file: format version, language,
//! stop words, how documents are numbered (kinds and years) and which
//! shards exist. The rest (`shards`) lies in `search-index/` and is
//! fetched as a query needs it; a small site (at most `BUNDLE_DOCS`
//! documents) gets everything in the entry file instead (`"files"`).

use serde_json::{json, Map, Value};

use super::i18n::{self, Category};
use super::job::PageJob;
use super::values::Values;
use crate::config::Language;
use crate::model::Site;
use crate::output::OutputFile;
pub(crate) use kept::SearchMemo;
pub use shards::key as shard_key;
pub use stem::{term, Stem};
pub use words::{normalize, words, MIN_WORD_CHARS, STOP_WORDS};

mod docs;
mod kept;
mod lexicon;
mod postings;
mod shards;
mod stem;
mod words;

/// The entry file, relative to the base URL.
pub(crate) const INDEX_FILE: &str = "search-index.json";

/// The folder of the other index files, relative to the base URL.
pub(crate) const INDEX_DIR: &str = "search-index/";

/// The script of the theme that runs the search.
pub(crate) const SCRIPT_FILE: &str = "search.js";

/// The format version in the index (`"v"`), raised on incompatible changes.
pub(crate) const FORMAT_VERSION: u32 = 2;

/// Snippets are cut to this many characters.
pub(crate) const SNIPPET_CHARS: usize = 180;

/// The most distinct words one document's text adds to the index; the text
/// is read in order (title, names, summary, then the body), the rest is
/// left out.
pub(crate) const MAX_WORDS: usize = 250;

/// Sites with at most this many documents get one index file: all of it is
/// then about as large (gzip: 16 kB for the example site's 46 documents,
/// about 40 kB for 200) as what one query of a sharded index fetches
/// (20–35 kB at 1,000 articles), in one request instead of several
/// (docs/performance.md).
pub(crate) const BUNDLE_DOCS: usize = 200;

/// Topics offered in the topic filter, the most used first.
const FILTER_TOPICS: usize = 300;

/// The index files; nothing when search is off. With a memo, documents
/// whose inputs are unchanged are not analysed again.
pub(crate) fn search_index(site: &Site, memo: Option<&SearchMemo>) -> Vec<OutputFile> {
    if !site.config.search {
        return Vec::new();
    }
    use crate::timing::timed;
    let documents = timed("search.documents", || docs::documents(site));
    let analyses = timed("search.analyse", || docs::analyse(site, &documents, memo));
    let (files, layout) = timed("search.files", || {
        shards::files(
            &documents,
            &analyses,
            site.municipalities.len(),
            site.topics.len(),
            memo,
        )
    });
    // Runs of documents of one kind and year: [kind, year, first, end].
    let mut segments: Vec<(&str, &str, usize, usize)> = Vec::new();
    for (id, doc) in documents.iter().enumerate() {
        match segments.last_mut() {
            Some(last) if last.0 == doc.kind && last.1 == doc.year() => last.3 = id + 1,
            _ => segments.push((doc.kind, doc.year(), id, id + 1)),
        }
    }
    let mut entry = json!({
        "v": FORMAT_VERSION,
        "lang": site.config.language.code(),
        "stop": STOP_WORDS,
        "min": MIN_WORD_CHARS,
        "docs": documents.len(),
        "chunk": shards::CHUNK,
        "top": shards::TOP,
        "page": shards::PAGE,
        "keys": layout.keys,
        "split": layout.split,
        "segs": segments.iter().map(|s| json!([s.0, s.1, s.2, s.3])).collect::<Vec<_>>(),
    })
    .to_string();
    if documents.len() <= BUNDLE_DOCS {
        // The files inside the entry, as `"files":{path:json,…}`.
        entry.pop();
        entry.push_str(r#","files":{"#);
        for (i, (path, json)) in files.iter().enumerate() {
            if i > 0 {
                entry.push(',');
            }
            entry.push_str(&Value::from(path.as_str()).to_string());
            entry.push(':');
            entry.push_str(json);
        }
        entry.push_str("}}");
        return vec![OutputFile::bytes(INDEX_FILE.into(), entry.into_bytes())];
    }
    let mut out = Vec::with_capacity(files.len() + 1);
    out.push(OutputFile::bytes(INDEX_FILE.into(), entry.into_bytes()));
    out.extend(
        files
            .into_iter()
            .map(|(path, json)| OutputFile::bytes(format!("{INDEX_DIR}{path}"), json.into_bytes())),
    );
    out
}

/// The search page job; none when search is off.
pub(crate) fn search_page<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    if !site.config.search {
        return Vec::new();
    }
    let data = json!({
        "search": {
            "index_url": v.link(INDEX_FILE),
            "files_url": v.link(INDEX_DIR),
            "script_url": site.config.root_url.link(SCRIPT_FILE),
            "base": site.config.base_url.path,
            "strings": strings(site.config.language),
            "filters": filters(site),
            "archive_url": v.link(&site.urls.archive()),
            "topics_url": v.link(&site.urls.topics_list()),
        },
    });
    vec![PageJob::new(site.urls.search(), "search.html", &data)]
}

/// The choices of the filters: municipalities and topics (by their number
/// in the index's filter files) by name, and the years of news and events,
/// newest first.
fn filters(site: &Site) -> Value {
    let mut municipalities: Vec<(usize, &str)> = site
        .municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| (i, m.name.as_str()))
        .collect();
    municipalities.sort_by(|a, b| a.1.cmp(b.1));
    let mut used = vec![0usize; site.topics.len()];
    for a in site.articles.iter().filter(|a| !a.draft) {
        for &t in &a.topics {
            used[t] += 1;
        }
    }
    let mut topics: Vec<usize> = (0..site.topics.len()).collect();
    topics.sort_by(|&a, &b| used[b].cmp(&used[a]).then(a.cmp(&b)));
    topics.truncate(FILTER_TOPICS);
    let mut topics: Vec<(usize, &str)> = topics
        .into_iter()
        .map(|t| (t, site.topics[t].name.as_str()))
        .collect();
    topics.sort_by(|a, b| a.1.cmp(b.1));
    let mut years: Vec<i32> = site
        .articles
        .iter()
        .filter(|a| !a.draft)
        .map(|a| chrono::Datelike::year(&a.date.date()))
        .chain(
            site.events
                .iter()
                .filter(|e| !e.draft)
                .map(|e| chrono::Datelike::year(&e.start.date())),
        )
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let pairs = |list: Vec<(usize, &str)>| {
        list.into_iter()
            .map(|(i, name)| {
                let mut m = Map::new();
                m.insert("id".into(), i.into());
                m.insert("name".into(), name.into());
                Value::Object(m)
            })
            .collect::<Vec<_>>()
    };
    json!({
        "municipalities": pairs(municipalities),
        "topics": pairs(topics),
        "years": years,
    })
}

/// The search page's words, for the template and the script, from the
/// language's words in [`i18n`](crate::render::i18n).
fn strings(language: Language) -> Value {
    let w = |key: &str| i18n::search_word(language, key);
    let text = |category: Category, key: &str| {
        i18n::count_forms(language, key)
            .get(category.key())
            .cloned()
            .unwrap_or_default()
    };
    json!({
        "label": w("label"),
        "button": w("button"),
        "hint": w("hint"),
        "noscript": w("noscript"),
        "loading": w("loading"),
        "error": w("error"),
        "none": w("none"),
        // `one`, `many` and `atleast` are kept for themes written before
        // `results` and `at_least`, which have every plural form.
        "one": text(Category::One, "results"),
        "many": text(Category::Other, "results"),
        "atleast": text(Category::Other, "at_least"),
        // The language whose plural rules pick among the forms, for the
        // script's `Intl.PluralRules`.
        "plural": i18n::rules_tag(language),
        "results": i18n::count_forms(language, "results"),
        "at_least": i18n::count_forms(language, "at_least"),
        "more": w("more"),
        "filters": w("filters"),
        "any": w("any"),
        "kind": w("kind"),
        "municipality": w("municipality"),
        "topic": w("topic"),
        "year": w("year"),
        "kinds": {
            "a": w("a"),
            "e": w("e"),
            "m": w("m"),
            "t": w("t"),
            "o": w("o"),
            "p": w("p"),
        },
    })
}
