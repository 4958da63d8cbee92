//! Client-side search (docs/feeds-and-search.md): `search-index.json` and the search page
//! (`search/`, template `search.html`, script `search.js` of the theme).
//! Written only when `search` is on in `site.yaml`.
//!
//! The index is one JSON object, `{"v":1,"stop":[…],"docs":[…]}`; each document is an
//! array `[kind, title, url, date, snippet, words]`:
//!
//! - `kind`: `a` article, `e` event, `m` municipality, `t` topic, `o` offer;
//! - `url`: relative to the base URL (the page knows the base path);
//! - `date`: `YYYY-MM-DD` (articles, events) or empty;
//! - `snippet`: the summary, cut to [`SNIPPET_CHARS`] characters;
//! - `words`: the [normalized](normalize) words of the municipality and
//!   topic names and the text, each once, sorted and joined by spaces,
//!   without what the script finds anyway: words of the title or snippet,
//!   words that begin another word, words shorter than [`MIN_WORD_CHARS`]
//!   and [`STOP_WORDS`]. At most [`MAX_WORDS`] per document.
//!
//! `"stop"` lists the stop words, which the script drops from queries.
//!
//! The script normalizes the title and snippet, and the query, the same way
//! ([`normalize`] and `normalize` in `search.js` must stay in step), and
//! finds documents that contain every query word as part of a word, so
//! "kette" finds "Präventionskette".

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde_json::{json, Value};

use super::job::PageJob;
use super::memo::RenderMemo;
use super::values::Values;
use crate::config::Language;
use crate::content::dates::iso_date;
use crate::model::Site;
use crate::output::OutputFile;
use lexicon::Lexicon;
use words::raw_words;
pub use words::{normalize, words, MIN_WORD_CHARS, STOP_WORDS};

mod lexicon;
mod words;

/// The index file, relative to the base URL.
pub const INDEX_FILE: &str = "search-index.json";

/// The script of the theme that runs the search.
pub const SCRIPT_FILE: &str = "search.js";

/// The format version in the index (`"v"`), raised on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

/// Snippets are cut to this many characters.
pub const SNIPPET_CHARS: usize = 180;

/// The most distinct words one document's text adds to the index; the text
/// is read in order (names, place, then the body), the rest is left out.
pub const MAX_WORDS: usize = 250;

/// `search-index.json`; nothing when search is off.
/// With a memo, entries whose inputs are unchanged are taken from it.
pub fn search_index(site: &Site, memo: Option<&RenderMemo>) -> Vec<OutputFile> {
    if !site.config.search {
        return Vec::new();
    }
    // The entries are JSON already (remembered that way by `serve`): the
    // index is put together around them.
    let entries = documents(site, memo);
    let head = json!({ "v": FORMAT_VERSION, "stop": STOP_WORDS }).to_string();
    let mut bytes =
        Vec::with_capacity(head.len() + entries.iter().map(|e| e.len() + 1).sum::<usize>() + 16);
    // The head without its closing brace.
    bytes.extend_from_slice(&head.as_bytes()[..head.len() - 1]);
    bytes.extend_from_slice(br#","docs":["#);
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            bytes.push(b',');
        }
        bytes.extend_from_slice(entry.as_bytes());
    }
    bytes.extend_from_slice(b"]}");
    vec![OutputFile::bytes(INDEX_FILE.into(), bytes)]
}

/// The search page job; none when search is off.
pub fn search_page<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    if !site.config.search {
        return Vec::new();
    }
    let data = json!({
        "search": {
            "index_url": v.link(INDEX_FILE),
            "script_url": v.link(SCRIPT_FILE),
            "base": site.config.base_url.path,
            "strings": strings(site.config.language),
        },
    });
    vec![PageJob::new(site.urls.search(), "search.html", &data)]
}

/// One searchable item before it becomes an index entry.
struct Doc<'a> {
    kind: &'static str,
    title: &'a str,
    url: String,
    date: String,
    summary: &'a str,
    /// Text searched beside title and summary: names, places and the like.
    text: Vec<&'a str>,
    /// The item's own text, searched last.
    body: &'a str,
    /// The fingerprint of the source `body` comes from, if it has one.
    source: Option<u64>,
}

impl<'a> Doc<'a> {
    /// A hash of everything the entry is made from.
    fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = super::memo::hasher();
        (self.kind, &self.url, &self.date, &self.text).hash(&mut h);
        // The source's fingerprint stands for what is made from its text
        // (and is much faster to hash).
        match self.source {
            Some(fingerprint) => fingerprint.hash(&mut h),
            None => (self.title, self.summary, self.body).hash(&mut h),
        }
        h.finish()
    }

    /// The entry, as JSON; `lexicon` holds the words of the entries made
    /// before it (by the same worker).
    fn entry(&self, lexicon: &mut Lexicon<'a>) -> String {
        let snippet = cut(self.summary, SNIPPET_CHARS);
        let mut shown_numbers = Vec::new();
        for raw in raw_words(self.title).chain(raw_words(&snippet)) {
            lexicon.numbers_of_any(raw, &mut shown_numbers);
        }
        let shown: WordSet = shown_numbers.into_iter().collect();
        let mut seen = shown.clone();
        seen.reserve(MAX_WORDS);
        let mut extra = 0;
        let texts = self.text.iter().copied().chain([self.body, self.summary]);
        'texts: for raw in texts.flat_map(raw_words) {
            for &(number, indexed) in lexicon.numbers(raw) {
                if extra >= MAX_WORDS {
                    break 'texts;
                }
                if indexed && seen.insert(number) {
                    extra += 1;
                }
            }
        }
        json!([
            self.kind,
            self.title,
            self.url,
            self.date,
            snippet,
            extra_words(lexicon, &seen, &shown)
        ])
        .to_string()
    }
}

/// Distinct normalized words, by their number in the [`Lexicon`].
type WordSet = FxHashSet<u32>;

/// The words of `all` that the script does not find anyway: not shown in
/// title or snippet, and not the beginning of another word ("kommune" is
/// found inside "kommunen"). Sorted, joined by spaces.
fn extra_words(lexicon: &Lexicon<'_>, all: &WordSet, shown: &WordSet) -> String {
    // Sorted by the first eight bytes as a number first: most comparisons
    // end there, without comparing strings (sorting was a seventh of the
    // index's time).
    let mut sorted: Vec<(u64, &str, u32)> = all
        .iter()
        .map(|&n| {
            let word = lexicon.word(n);
            (sort_prefix(word), word, n)
        })
        .collect();
    sorted.sort_unstable();
    let kept: Vec<&str> = sorted
        .iter()
        .enumerate()
        .filter(|&(i, &(_, w, n))| {
            !shown.contains(&n) && !sorted.get(i + 1).is_some_and(|next| next.1.starts_with(w))
        })
        .map(|(_, &(_, w, _))| w)
        .collect();
    kept.join(" ")
}

/// The first eight bytes of `word` as a big-endian number, padded with
/// zeros: ordering by it and then by the word orders as by the word alone
/// (words hold no zero bytes).
fn sort_prefix(word: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = word.len().min(8);
    bytes[..n].copy_from_slice(&word.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Every published item as an index entry, in a fixed order.
fn documents(site: &Site, memo: Option<&RenderMemo>) -> Vec<Arc<str>> {
    let mut docs: Vec<Doc<'_>> = Vec::new();
    docs.extend(site.articles.iter().filter(|a| !a.draft).map(|a| {
        let mut text = names(site, &a.municipalities, &a.topics);
        text.extend(a.place.as_deref());
        text.extend(a.author.as_deref());
        Doc {
            kind: "a",
            title: &a.title,
            url: a.url.clone(),
            date: iso_date(a.date.date()),
            summary: &a.summary_text,
            text,
            body: &a.plain_text,
            source: Some(a.fingerprint),
        }
    }));
    docs.extend(site.events.iter().filter(|e| !e.draft).map(|e| {
        let mut text = names(site, &e.municipalities, &e.topics);
        text.extend(e.location.as_deref());
        Doc {
            kind: "e",
            title: &e.title,
            url: e.url.clone(),
            date: iso_date(e.start.date()),
            summary: &e.summary_text,
            text,
            body: &e.plain_text,
            source: Some(e.fingerprint),
        }
    }));
    docs.extend(site.municipalities.iter().map(|m| {
        let mut text = names(site, &[], &m.focus);
        text.extend(m.kind.as_deref());
        text.extend(m.cohort.as_deref());
        text.extend(m.parent.map(|p| site.municipalities[p].name.as_str()));
        text.extend(m.partners.iter().map(String::as_str));
        Doc {
            kind: "m",
            title: &m.name,
            url: m.url.clone(),
            date: String::new(),
            summary: first_sentence(&m.description_text),
            text,
            body: &m.description_text,
            source: Some(m.fingerprint),
        }
    }));
    docs.extend(site.topics_by_name().into_iter().map(|t| {
        let topic = &site.topics[t];
        let text = names(site, &topic.municipalities, &[]);
        Doc {
            kind: "t",
            title: &topic.name,
            url: topic.url.clone(),
            date: String::new(),
            summary: "",
            text,
            body: "",
            source: None,
        }
    }));
    for m in &site.municipalities {
        docs.extend(m.offers.iter().map(|o| {
            let mut text = vec![m.name.as_str()];
            text.extend(o.provider.as_deref());
            text.extend(
                o.stages
                    .iter()
                    .map(|&s| site.config.stages[s].name.as_str()),
            );
            text.extend(names(site, &[], &o.topics));
            Doc {
                kind: "o",
                title: &o.name,
                url: format!("{}#{}", m.url, o.anchor),
                date: String::new(),
                summary: &o.description_text,
                text,
                body: "",
                source: None,
            }
        }));
    }
    match memo {
        None => docs
            .par_iter()
            .map_init(Lexicon::default, |lexicon, doc| {
                Arc::from(doc.entry(lexicon))
            })
            .collect(),
        Some(memo) => docs
            .par_iter()
            .map_init(Lexicon::default, |lexicon, doc| {
                memo.entry(doc.key(), || doc.entry(lexicon))
            })
            .collect(),
    }
}

/// The names of the given municipalities and topics.
fn names<'a>(site: &'a Site, municipalities: &[usize], topics: &[usize]) -> Vec<&'a str> {
    let m = municipalities
        .iter()
        .map(|&i| site.municipalities[i].name.as_str());
    let t = topics.iter().map(|&i| site.topics[i].name.as_str());
    m.chain(t).collect()
}

/// The text up to the end of its first sentence.
fn first_sentence(text: &str) -> &str {
    text.find(". ").map_or(text, |i| &text[..=i])
}

/// `text` cut at a word boundary to at most `max` characters, with `…`.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let at_word = head
        .rfind(char::is_whitespace)
        .map_or(head.as_str(), |i| &head[..i]);
    format!("{} …", at_word.trim_end())
}

/// The search page's words, for the template and the script.
fn strings(language: Language) -> Value {
    let de = language == Language::De;
    let pick = |german: &str, english: &str| {
        if de {
            german.to_string()
        } else {
            english.to_string()
        }
    };
    json!({
        "label": pick("Suchbegriff", "Search term"),
        "button": pick("Suchen", "Search"),
        "hint": pick(
            "Durchsucht Nachrichten, Termine, Kommunen, Themen und Angebote.",
            "Searches news, events, municipalities, topics and offers.",
        ),
        "noscript": pick(
            "Die Suche braucht JavaScript. Ohne JavaScript finden Sie alle Inhalte über die Navigation, das Archiv und die Themenseiten.",
            "The search needs JavaScript. Without it, every page can be reached through the navigation, the archive and the topic pages.",
        ),
        "loading": pick("Der Suchindex wird geladen …", "Loading the search index …"),
        "error": pick("Der Suchindex konnte nicht geladen werden.", "The search index could not be loaded."),
        "none": pick("Keine Treffer für „{q}“.", "No results for “{q}”."),
        "one": pick("1 Treffer für „{q}“.", "1 result for “{q}”."),
        "many": pick("{n} Treffer für „{q}“.", "{n} results for “{q}”."),
        "more": pick("Die ersten {shown} werden gezeigt.", "Showing the first {shown}."),
        "kinds": {
            "a": pick("Nachricht", "News"),
            "e": pick("Termin", "Event"),
            "m": pick("Kommune", "Municipality"),
            "t": pick("Thema", "Topic"),
            "o": pick("Angebot", "Offer"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_end_at_a_word() {
        assert_eq!(cut("kurz", 10), "kurz");
        assert_eq!(cut("eins zwei drei", 9), "eins …");
    }

    #[test]
    fn the_sort_prefix_orders_as_the_words_do() {
        let mut words = vec![
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgg",
            "abcdefgz",
            "b",
            "zz",
            "2017",
            "kommune",
            "kommunen",
            "kommunenetz",
            "ä",
            "äb",
            "z",
        ];
        let mut by_prefix = words.clone();
        by_prefix.sort_by_key(|w| (sort_prefix(w), *w));
        words.sort();
        assert_eq!(by_prefix, words);
    }

    #[test]
    fn extra_words_leave_out_what_the_script_finds_anyway() {
        let doc = Doc {
            kind: "a",
            title: "Lernnetzwerk",
            url: "news/x/".into(),
            date: String::new(),
            summary: "",
            text: vec![],
            body: "Das Lernnetzwerk trifft sich. Das Netzwerk wächst. Die Kommune und die Kommunen, im Jahr 2017 zu Gast.",
            source: None,
        };
        let entry: Value = serde_json::from_str(&doc.entry(&mut Lexicon::default())).unwrap();
        // Not the title's word, stop words, short words, or "kommune" (in "kommunen").
        assert_eq!(entry[5], "2017 gast jahr kommunen netzwerk trifft wachst");
    }
}
