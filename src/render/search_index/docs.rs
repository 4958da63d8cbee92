//! The searchable items of a site, in index order, and what each adds to
//! the index: its result line (kind, title, URL, date, snippet) and its
//! terms, each with a score. The analysis of one item depends on that item
//! alone, so `serve` keeps it between rebuilds (by a hash of its inputs).

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::json;

use super::kept::SearchMemo;
use super::lexicon::Lexicon;
use super::stem::Stem;
use super::words::raw_words;
use super::{MAX_WORDS, SNIPPET_CHARS};
use crate::content::dates::iso_date;
use crate::model::{Article, Event, Municipality, Offer, Page, Site};

/// Kinds in index order: news, events, municipalities, topics, offers,
/// pages. Documents of one kind are numbered together, newest first.
pub(super) const KINDS: [&str; 6] = ["a", "e", "m", "t", "o", "p"];

/// How much a term counts by where it is: the scores of the places it is
/// in are added up (at most 15).
const TITLE: u8 = 8;
const NAMES: u8 = 4;
const SUMMARY: u8 = 2;
const BODY: u8 = 1;

/// One searchable item before it is analysed.
pub(super) struct Doc<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub url: String,
    /// `YYYY-MM-DD` or empty.
    pub date: String,
    pub summary: &'a str,
    /// Names, places and the like, searched beside title and summary.
    pub text: Vec<&'a str>,
    /// The item's own text.
    pub body: &'a str,
    /// The fingerprint of the source `body` comes from, if it has one.
    pub source: Option<u64>,
    /// The municipalities and topics it names (indexes into the site's),
    /// for the filters.
    pub municipalities: Vec<usize>,
    pub topics: Vec<usize>,
}

impl<'a> Doc<'a> {
    /// A hash of everything the analysis is made from.
    fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        // The same in every run of one program, as the memo needs.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.kind, &self.url, &self.date, &self.text, "v2").hash(&mut h);
        // The source's fingerprint stands for what is made from its text
        // (and is much faster to hash).
        match self.source {
            Some(fingerprint) => fingerprint.hash(&mut h),
            None => (self.title, self.summary, self.body).hash(&mut h),
        }
        h.finish()
    }

    /// The year of its date, or "".
    pub(super) fn year(&self) -> &str {
        self.date.get(..4).unwrap_or("")
    }

    /// The analysis: the result line as JSON, a newline, then the terms,
    /// each with its score as a hexadecimal digit, separated by spaces
    /// (`kett:9 kind:1 …`).
    fn analyse(&self, lexicon: &mut Lexicon<'a>) -> String {
        let snippet = cut(self.summary, SNIPPET_CHARS);
        // Scores by stem: words of one stem count once, with the places
        // of all of them.
        let mut scores: FxHashMap<u32, u8> = FxHashMap::default();
        let mut add = |lexicon: &mut Lexicon<'a>, text: &'a str, weight: u8, limit: bool| {
            for raw in raw_words(text) {
                for &(_, indexed, stem) in lexicon.numbers(raw) {
                    if !indexed {
                        continue;
                    }
                    if limit && scores.len() >= MAX_WORDS && !scores.contains_key(&stem) {
                        continue;
                    }
                    *scores.entry(stem).or_insert(0) |= weight;
                }
            }
        };
        add(lexicon, self.title, TITLE, false);
        for &text in &self.text {
            add(lexicon, text, NAMES, false);
        }
        add(lexicon, self.summary, SUMMARY, false);
        add(lexicon, self.body, BODY, true);
        let mut terms: Vec<(&str, u8)> = scores
            .into_iter()
            .map(|(stem, score)| (lexicon.stem(stem), score))
            .collect();
        terms.sort_unstable();
        let mut out = json!([self.kind, self.title, self.url, self.date, snippet]).to_string();
        out.reserve(terms.iter().map(|(t, _)| t.len() + 3).sum());
        out.push('\n');
        for (i, (term, score)) in terms.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(term);
            out.push(':');
            out.push(char::from_digit(u32::from(*score), 16).unwrap_or('1'));
        }
        out
    }
}

/// The analyses of `docs`, in order; with a memo, those whose inputs are
/// unchanged are taken from it.
pub(super) fn analyse(site: &Site, docs: &[Doc<'_>], memo: Option<&SearchMemo>) -> Vec<Arc<str>> {
    let language = site.config.language;
    let new = || Lexicon::new(Stem::new(language));
    match memo {
        None => docs
            .par_iter()
            .map_init(new, |lexicon, doc| Arc::from(doc.analyse(lexicon)))
            .collect(),
        Some(memo) => docs
            .par_iter()
            .map_init(new, |lexicon, doc| {
                memo.analysis(doc.key(), || doc.analyse(lexicon))
            })
            .collect(),
    }
}

/// Every published item, in index order: by kind ([`KINDS`]), then newest
/// first (stable, so items of one date keep the site's order).
pub(super) fn documents(site: &Site) -> Vec<Doc<'_>> {
    let mut docs: Vec<Doc<'_>> = Vec::new();
    docs.extend(
        site.articles
            .iter()
            .filter(|a| !a.draft)
            .map(|a| article(site, a)),
    );
    docs.extend(
        site.events
            .iter()
            .filter(|e| !e.draft)
            .map(|e| event(site, e)),
    );
    docs.extend(
        site.municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| municipality(site, i, m)),
    );
    docs.extend(site.topics_by_name().into_iter().map(|t| topic(site, t)));
    for (i, m) in site.municipalities.iter().enumerate() {
        docs.extend(m.offers.iter().map(|o| offer(site, i, m, o)));
    }
    docs.extend(site.pages.iter().filter(|p| !p.draft).map(page));
    // Newest first within a kind; kinds stay in order.
    docs.sort_by(|a, b| {
        let kind = |d: &Doc<'_>| KINDS.iter().position(|k| *k == d.kind);
        kind(a).cmp(&kind(b)).then_with(|| b.date.cmp(&a.date))
    });
    docs
}

/// A news article: also found by its municipalities, topics, place and
/// author.
fn article<'a>(site: &'a Site, a: &'a Article) -> Doc<'a> {
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
        municipalities: a.municipalities.clone(),
        topics: a.topics.clone(),
    }
}

/// An event: also found by its municipalities, topics and location.
fn event<'a>(site: &'a Site, e: &'a Event) -> Doc<'a> {
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
        municipalities: e.municipalities.clone(),
        topics: e.topics.clone(),
    }
}

/// Municipality `i`'s profile: also found by its focus topics, kind,
/// cohort, parent and partners.
fn municipality<'a>(site: &'a Site, i: usize, m: &'a Municipality) -> Doc<'a> {
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
        municipalities: vec![i],
        topics: m.focus.clone(),
    }
}

/// Topic `t`'s page: found by its name and its municipalities'.
fn topic(site: &Site, t: usize) -> Doc<'_> {
    let topic = &site.topics[t];
    Doc {
        kind: "t",
        title: &topic.name,
        url: topic.url.clone(),
        date: String::new(),
        summary: "",
        text: names(site, &topic.municipalities, &[]),
        body: "",
        source: None,
        municipalities: topic.municipalities.clone(),
        topics: vec![t],
    }
}

/// An offer of municipality `i` (`m`), at its anchor on the profile: also
/// found by the municipality, provider, stages and topics.
fn offer<'a>(site: &'a Site, i: usize, m: &'a Municipality, o: &'a Offer) -> Doc<'a> {
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
        municipalities: vec![i],
        topics: o.topics.clone(),
    }
}

/// A page: found by its title and summary only.
fn page(p: &Page) -> Doc<'_> {
    Doc {
        kind: "p",
        title: &p.title,
        url: p.url.clone(),
        date: String::new(),
        summary: &p.summary_text,
        text: Vec::new(),
        body: "",
        source: None,
        municipalities: Vec::new(),
        topics: Vec::new(),
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
pub(super) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let at_word = head
        .rfind(char::is_whitespace)
        .map_or(head.as_str(), |i| &head[..i]);
    format!("{} …", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    #[test]
    fn snippets_end_at_a_word() {
        assert_eq!(cut("kurz", 10), "kurz");
        assert_eq!(cut("eins zwei drei", 9), "eins …");
    }

    #[test]
    fn terms_are_stems_scored_by_where_they_are() {
        let doc = Doc {
            kind: "a",
            title: "Präventionsketten",
            url: "news/x/".into(),
            date: "2017-04-03".into(),
            summary: "Die Kommune",
            text: vec!["Ahlen"],
            body: "Die Kommunen und die Präventionskette, im Jahr 2017.",
            source: None,
            municipalities: vec![],
            topics: vec![],
        };
        let mut lexicon = Lexicon::new(Stem::new(Language::De));
        let analysis = doc.analyse(&mut lexicon);
        let (line, terms) = analysis.split_once('\n').unwrap();
        assert_eq!(
            line,
            r#"["a","Präventionsketten","news/x/","2017-04-03","Die Kommune"]"#
        );
        // Stop words and short words left out; singular and plural one term.
        assert_eq!(terms, "2017:1 ahl:4 jahr:1 kommun:3 praventionskett:9");
    }
}
