//! The index files: the analyses of every document put together into
//! postings, and those cut into files the browser fetches on demand, so
//! that what one query transfers does not grow with the site.
//!
//! - `t/<key>.json`, a shard: the terms whose first two characters (three
//!   when the two-character shard would be too large) are `<key>`, each
//!   with its number of documents, its [`TOP`] best postings and the number
//!   of its overflow file; and the compound parts starting with `<key>`,
//!   each with the longer terms that end in it.
//! - `p/<n>-<page>.json`: a term's further postings, [`PAGE`] a file.
//! - `d/<n>.json`: the result lines of documents `n * CHUNK` onwards.
//! - `f/m<i>.json`, `f/t<i>.json`: the documents naming municipality or
//!   topic `i`, for the filters.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use super::docs::Doc;
use super::kept::SearchMemo;
use super::postings::{PostingLists, Postings};
use rayon::prelude::*;

/// Postings of a term kept in its shard, best first: enough for the first
/// pages of results; the rest are fetched when asked for.
pub(super) const TOP: usize = 40;

/// Postings in one overflow file.
pub(super) const PAGE: usize = 1000;

/// Result lines in one `d/` file.
pub(super) const CHUNK: usize = 16;

/// A two-character shard larger than this (bytes, uncompressed) is cut into
/// three-character ones.
pub(super) const SHARD_BYTES: usize = 48 * 1024;

/// Compound parts are suffixes of terms of at least this many characters
/// that start after at least [`PART_START`] characters.
const PART_MIN: usize = 4;
const PART_START: usize = 3;

/// A compound part lists at most this many terms that end in it, the most
/// frequent first.
pub(super) const PART_TERMS: usize = 12;

/// A file of the index: its path under the index folder, and its JSON.
pub(super) type File = (String, String);

/// What the index files are made of, beside the files.
pub(super) struct Layout {
    /// Shard keys, sorted.
    pub keys: Vec<String>,
    /// Two-character prefixes cut into three-character shards.
    pub split: Vec<String>,
}

/// Every file but the entry: shards, overflow, result lines and filters.
/// With `kept` (serve), the postings of the last build are patched instead
/// of made anew, and kept again for the next one.
pub(super) fn files(
    docs: &[Doc<'_>],
    analyses: &[Arc<str>],
    municipalities: usize,
    topics: usize,
    kept: Option<&SearchMemo>,
) -> (Vec<File>, Layout) {
    use crate::timing::timed;
    let mut out = result_lines(analyses);
    out.extend(filter_files(docs, municipalities, topics));
    let mut lists = timed("search.postings", || {
        match kept.and_then(SearchMemo::take_postings) {
            Some(lists) => lists.update(analyses),
            None => PostingLists::new(analyses),
        }
    });
    let layout = timed("search.terms", || term_files(&mut lists, &mut out));
    if let Some(kept) = kept {
        kept.put_postings(lists);
    }
    (out, layout)
}

/// `d/<n>.json`: the result lines, [`CHUNK`] a file.
fn result_lines(analyses: &[Arc<str>]) -> Vec<File> {
    let mut out = Vec::with_capacity(analyses.len() / CHUNK + 1);
    for (n, chunk) in analyses.chunks(CHUNK).enumerate() {
        let mut json = String::from("[");
        for (i, analysis) in chunk.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(analysis.split_once('\n').map_or("[]", |(line, _)| line));
        }
        json.push(']');
        out.push((format!("d/{n}.json"), json));
    }
    out
}

/// `f/m<i>.json`, `f/t<i>.json`: the documents naming each municipality
/// and topic.
fn filter_files(docs: &[Doc<'_>], municipalities: usize, topics: usize) -> Vec<File> {
    let mut by_municipality: Vec<Vec<u32>> = vec![Vec::new(); municipalities];
    let mut by_topic: Vec<Vec<u32>> = vec![Vec::new(); topics];
    for (id, doc) in docs.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        for &m in &doc.municipalities {
            if let Some(list) = by_municipality.get_mut(m) {
                list.push(id);
            }
        }
        for &t in &doc.topics {
            if let Some(list) = by_topic.get_mut(t) {
                list.push(id);
            }
        }
    }
    let mut out = Vec::new();
    for (prefix, lists) in [("m", &mut by_municipality), ("t", &mut by_topic)] {
        for (i, list) in lists.iter_mut().enumerate() {
            if !list.is_empty() {
                list.sort_unstable();
                list.dedup();
                out.push((format!("f/{prefix}{i}.json"), deltas(list)));
            }
        }
    }
    out
}

/// The shards and overflow files of every term, added to `out`.
fn term_files(lists: &mut PostingLists, out: &mut Vec<File>) -> Layout {
    // What is made of each term's postings comes from the lists' cache
    // (see `postings`), so it is made first, with the lists borrowed
    // mutably; the shards are then put together from it.
    let mut overflow = 0usize;
    let numbered: Vec<(String, usize)> = lists
        .sorted()
        .into_iter()
        .map(|(term, list)| {
            let more = if list.len() > TOP {
                overflow += 1;
                overflow
            } else {
                0
            };
            (term.to_string(), more)
        })
        .collect();
    let mut entries = Vec::with_capacity(numbered.len());
    for (term, more) in &numbered {
        if *more > 0 {
            for (page, json) in lists.overflow(term, TOP, PAGE, pairs).iter().enumerate() {
                out.push((format!("p/{more}-{page}.json"), json.clone()));
            }
        }
        entries.push(lists.entry(term, *more, |list| {
            let top = &list[..list.len().min(TOP)];
            format!("{}:[{},{},{}]", quote(term), list.len(), pairs(top), more)
        }));
    }
    let terms = lists.sorted();
    let parts = compound_parts(&terms);
    let split = split_prefixes(&terms, &parts);
    let shard_of = |word: &str| {
        let k = key(word, 2);
        if split.binary_search(&k).is_ok() {
            key(word, 3)
        } else {
            k
        }
    };
    let mut shards: BTreeMap<String, Shard<'_>> = BTreeMap::new();
    for ((term, _), entry) in terms.iter().zip(&entries) {
        shards.entry(shard_of(term)).or_default().terms.push(entry);
    }
    for (part, mut list) in parts {
        list.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        list.truncate(PART_TERMS);
        shards
            .entry(shard_of(part))
            .or_default()
            .parts
            .push((part, list));
    }
    let keys: Vec<String> = shards.keys().cloned().collect();
    let shard_files: Vec<File> = shards
        .into_par_iter()
        .map(|(k, shard)| (format!("t/{k}.json"), shard.json()))
        .collect();
    out.extend(shard_files);
    Layout { keys, split }
}

/// Compound parts: suffixes of long terms, each with the terms ending in
/// it (with their numbers of documents).
fn compound_parts<'a>(terms: &[(&'a str, &Postings)]) -> BTreeMap<&'a str, Vec<(usize, &'a str)>> {
    let mut parts: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for &(term, list) in terms {
        let starts: Vec<usize> = term.char_indices().map(|(i, _)| i).collect();
        if starts.len() < PART_START + PART_MIN {
            continue;
        }
        for &at in &starts[PART_START..=starts.len() - PART_MIN] {
            parts
                .entry(&term[at..])
                .or_default()
                .push((list.len(), term));
        }
    }
    parts
}

/// The two-character prefixes whose shard would be larger than
/// [`SHARD_BYTES`], sorted: they are cut into three-character shards.
fn split_prefixes(
    terms: &[(&str, &Postings)],
    parts: &BTreeMap<&str, Vec<(usize, &str)>>,
) -> Vec<String> {
    let mut two: BTreeMap<String, usize> = BTreeMap::new();
    for (term, list) in terms {
        *two.entry(key(term, 2)).or_default() += term.len() + 12 + 10 * list.len().min(TOP);
    }
    for (part, list) in parts {
        *two.entry(key(part, 2)).or_default() += part.len() + list.len().min(PART_TERMS) * 20;
    }
    two.into_iter()
        .filter(|&(_, size)| size > SHARD_BYTES)
        .map(|(k, _)| k)
        .collect()
}

/// The terms and compound parts of one shard.
#[derive(Default)]
struct Shard<'a> {
    /// Each term's entry, `term:[documents,[id,score,…],overflow]`.
    terms: Vec<&'a Arc<str>>,
    /// Part, (documents, term) of the terms ending in it.
    parts: Vec<(&'a str, Vec<(usize, &'a str)>)>,
}

impl Shard<'_> {
    /// `{"t":{term:[documents,[id,score,…],overflow]},"p":{part:[term,…]}}`
    fn json(&self) -> String {
        let mut json = String::from(r#"{"t":{"#);
        for (i, entry) in self.terms.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(entry);
        }
        json.push_str(r#"},"p":{"#);
        for (i, (part, list)) in self.parts.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(&quote(part));
            json.push_str(":[");
            for (j, (_, term)) in list.iter().enumerate() {
                if j > 0 {
                    json.push(',');
                }
                json.push_str(&quote(term));
            }
            json.push(']');
        }
        json.push_str("}}");
        json
    }
}

/// The shard key of a word: its first `n` characters, each kept if an ASCII
/// letter or digit and `_` otherwise (`-` for a missing one). `shardKey` in
/// `search.js` does the same.
pub fn key(word: &str, n: usize) -> String {
    let mut chars = word.chars();
    (0..n)
        .map(|_| match chars.next() {
            Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => c,
            Some(_) => '_',
            None => '-',
        })
        .collect()
}

/// `[id,score,id,score,…]`
fn pairs(list: &[(u8, u32)]) -> String {
    let mut json = String::with_capacity(list.len() * 8 + 2);
    json.push('[');
    for (i, (score, id)) in list.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        let _ = write!(json, "{id},{score}");
    }
    json.push(']');
    json
}

/// Sorted numbers as the first and then the differences: `[3,1,4]` for
/// 3, 4, 8.
fn deltas(list: &[u32]) -> String {
    let mut json = String::from("[");
    let mut last = 0;
    for (i, &n) in list.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        let _ = write!(json, "{}", n - last);
        last = n;
    }
    json.push(']');
    json
}

/// A JSON string.
fn quote(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_safe_file_names() {
        assert_eq!(key("kett", 2), "ke");
        assert_eq!(key("kett", 3), "ket");
        assert_eq!(key("eh", 3), "eh-");
        assert_eq!(key("él", 2), "_l");
        assert_eq!(deltas(&[3, 4, 8]), "[3,1,4]");
        assert_eq!(pairs(&[(9, 2), (1, 5)]), "[2,9,5,1]");
    }
}
