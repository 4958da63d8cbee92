//! Every term's postings, made from the documents' analyses: which
//! documents hold the term, with what score, best first.
//!
//! A full build makes them once. `kette serve` keeps them from rebuild to
//! rebuild ([`KeptPostings`]) and, when an edit changed only a few
//! analyses and no document moved, takes the changed documents out and
//! puts them back in instead of reading all 800,000 postings of a
//! 10,000-article site again; the terms it touched lose their cached
//! overflow files, the others keep theirs.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// One term's postings: (score, document), best first, then by document.
pub(super) type Postings = Vec<(u8, u32)>;

/// More changed documents than this (or more than an eighth of them) and
/// the postings are made again from scratch: patching costs about as much
/// per document as reading it, plus the lookups.
const MOST_PATCHED: usize = 256;

/// The postings of a site, with what they were made from.
#[derive(Default)]
pub(super) struct PostingLists {
    /// The analyses, in document order, the postings were made from.
    analyses: Vec<Arc<str>>,
    /// Postings by term.
    lists: FxHashMap<Box<str>, Postings>,
    /// The JSON of each term's overflow pages, made when first asked for
    /// and dropped when the term's postings change.
    overflow: FxHashMap<Box<str>, Arc<[String]>>,
    /// The JSON of each term's entry in its shard, with the overflow file
    /// number it names, dropped likewise.
    entries: FxHashMap<Box<str>, (usize, Arc<str>)>,
}

impl PostingLists {
    /// The postings of `analyses`, made from scratch.
    pub(super) fn new(analyses: &[Arc<str>]) -> Self {
        let mut lists: FxHashMap<Box<str>, Postings> = FxHashMap::default();
        for (id, analysis) in analyses.iter().enumerate() {
            let id = doc_id(id);
            for (term, score) in terms(analysis) {
                match lists.get_mut(term) {
                    Some(list) => list.push((score, id)),
                    None => {
                        lists.insert(term.into(), vec![(score, id)]);
                    }
                }
            }
        }
        lists
            .par_iter_mut()
            .for_each(|(_, list)| list.sort_unstable_by(order));
        PostingLists {
            analyses: analyses.to_vec(),
            lists,
            overflow: FxHashMap::default(),
            entries: FxHashMap::default(),
        }
    }

    /// The postings of `analyses`: these lists patched where only a few
    /// documents changed in place, else made anew.
    pub(super) fn update(mut self, analyses: &[Arc<str>]) -> Self {
        if self.analyses.len() != analyses.len() {
            return Self::new(analyses);
        }
        let limit = MOST_PATCHED.min(analyses.len() / 8);
        let mut changed = Vec::new();
        for (id, (old, new)) in self.analyses.iter().zip(analyses).enumerate() {
            if !Arc::ptr_eq(old, new) && old != new {
                if changed.len() == limit {
                    return Self::new(analyses);
                }
                changed.push(id);
            }
        }
        for id in changed {
            let old = std::mem::replace(&mut self.analyses[id], Arc::clone(&analyses[id]));
            // Only the terms whose score changed are touched: an edit
            // leaves most of a document's terms as they were, and a
            // touched frequent term costs its overflow pages.
            let before: FxHashMap<&str, u8> = terms(&old).collect();
            let after: FxHashMap<&str, u8> = terms(&analyses[id]).collect();
            let gone = before.iter().filter(|(t, s)| after.get(*t) != Some(s));
            let came = after.iter().filter(|(t, s)| before.get(*t) != Some(s));
            self.remove(doc_id(id), gone.map(|(t, s)| (*t, *s)));
            self.insert(doc_id(id), came.map(|(t, s)| (*t, *s)));
        }
        self
    }

    /// Takes document `id` out of the lists of `terms` (with its scores).
    fn remove<'t>(&mut self, id: u32, terms: impl Iterator<Item = (&'t str, u8)>) {
        for (term, score) in terms {
            self.forget_made(term);
            let Some(list) = self.lists.get_mut(term) else {
                continue;
            };
            if let Ok(at) = list.binary_search_by(|p| order(p, &(score, id))) {
                list.remove(at);
            }
            if list.is_empty() {
                self.lists.remove(term);
            }
        }
    }

    /// Puts document `id` into the lists of `terms` (with its scores).
    fn insert<'t>(&mut self, id: u32, terms: impl Iterator<Item = (&'t str, u8)>) {
        for (term, score) in terms {
            self.forget_made(term);
            let list = match self.lists.get_mut(term) {
                Some(list) => list,
                None => self.lists.entry(term.into()).or_default(),
            };
            if let Err(at) = list.binary_search_by(|p| order(p, &(score, id))) {
                list.insert(at, (score, id));
            }
        }
    }

    /// Drops what was made from the postings of `term`.
    fn forget_made(&mut self, term: &str) {
        self.overflow.remove(term);
        self.entries.remove(term);
    }

    /// The shard entry of `term` naming overflow file `more`, from the
    /// cache when its postings and that number are unchanged.
    pub(super) fn entry(
        &mut self,
        term: &str,
        more: usize,
        json: impl Fn(&Postings) -> String,
    ) -> Arc<str> {
        if let Some((number, known)) = self.entries.get(term) {
            if *number == more {
                return Arc::clone(known);
            }
        }
        let made: Arc<str> = match self.lists.get(term) {
            Some(list) => Arc::from(json(list)),
            None => Arc::from(""),
        };
        self.entries.insert(term.into(), (more, Arc::clone(&made)));
        made
    }

    /// Every term with its postings, sorted by term.
    pub(super) fn sorted(&self) -> Vec<(&str, &Postings)> {
        let mut terms: Vec<(&str, &Postings)> = self.lists.iter().map(|(t, l)| (&**t, l)).collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
        terms
    }

    /// The overflow pages of `term` (its postings after the first `top`,
    /// `page` to a file), from the cache when its postings are unchanged.
    pub(super) fn overflow(
        &mut self,
        term: &str,
        top: usize,
        page: usize,
        json: impl Fn(&[(u8, u32)]) -> String,
    ) -> Arc<[String]> {
        if let Some(known) = self.overflow.get(term) {
            return Arc::clone(known);
        }
        let list = self.lists.get(term).map_or(&[][..], |l| &l[..]);
        let pages: Arc<[String]> = list
            .get(top..)
            .unwrap_or_default()
            .chunks(page)
            .map(&json)
            .collect();
        self.overflow.insert(term.into(), Arc::clone(&pages));
        pages
    }
}

/// Postings order: higher score first, then lower document number.
fn order(a: &(u8, u32), b: &(u8, u32)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// A document's number in the postings.
fn doc_id(id: usize) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

/// The terms of an analysis with their scores (see `docs::Doc::analyse`:
/// the result line, a newline, then `term:score` separated by spaces).
fn terms(analysis: &str) -> impl Iterator<Item = (&str, u8)> {
    let terms = analysis.split_once('\n').map_or("", |(_, terms)| terms);
    terms.split(' ').filter_map(|token| {
        let (term, score) = token.rsplit_once(':')?;
        Some((term, u8::from_str_radix(score, 16).unwrap_or(1)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyses(texts: &[&str]) -> Vec<Arc<str>> {
        texts
            .iter()
            .map(|t| Arc::from(format!("[]\n{t}")))
            .collect()
    }

    fn snapshot(lists: &PostingLists) -> Vec<(String, Postings)> {
        lists
            .sorted()
            .into_iter()
            .map(|(t, l)| (t.to_string(), l.clone()))
            .collect()
    }

    #[test]
    fn a_patched_index_equals_one_made_anew() {
        let before = analyses(&["kette:8 kind:1", "kind:2 schul:1", "kette:1 schul:4"]);
        let mut docs: Vec<Arc<str>> = before.clone();
        // Many documents, so that one change is patched, not made anew.
        for i in 0..40 {
            docs.push(Arc::from(format!("[]\nkind:{} wort{i}:1", i % 9 + 1)));
        }
        let kept = PostingLists::new(&docs);
        let mut edited = docs.clone();
        edited[1] = Arc::from("[]\nkind:8 neu:2");
        edited[20] = Arc::from("[]\nkette:2");
        let patched = kept.update(&edited);
        assert_eq!(snapshot(&patched), snapshot(&PostingLists::new(&edited)));
        assert!(patched.lists.contains_key("schul"));
        assert!(patched.lists.contains_key("neu"));
        assert_eq!(patched.lists["kind"][0], (9, 11));
    }

    #[test]
    fn overflow_pages_are_made_again_only_for_changed_terms() {
        let mut docs: Vec<Arc<str>> = (0..50)
            .map(|i| Arc::from(format!("[]\nkind:{} rest:1", i % 3 + 1)))
            .collect();
        let mut lists = PostingLists::new(&docs);
        let json = |p: &[(u8, u32)]| format!("{p:?}");
        let kind = lists.overflow("kind", 10, 15, json);
        let rest = lists.overflow("rest", 10, 15, json);
        assert_eq!(kind.len(), 3);
        // Document 7 loses "kind" and keeps "rest" as it was.
        docs[7] = Arc::from("[]\nrest:1");
        let mut lists = lists.update(&docs);
        assert!(Arc::ptr_eq(&rest, &lists.overflow("rest", 10, 15, json)));
        let kind_now = lists.overflow("kind", 10, 15, json);
        assert!(!Arc::ptr_eq(&kind, &kind_now));
        assert_eq!(kind_now.len(), 3);
        assert_eq!(
            snapshot(&lists),
            snapshot(&PostingLists::new(&docs)),
            "the patched lists are the same as new ones"
        );
    }
}
