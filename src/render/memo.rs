//! What each page was rendered from, remembered between the rebuilds of
//! `kette serve`, so that an edit renders again only the pages it touches.
//!
//! Every page gets a key: a hash of the site-wide inputs (configuration,
//! the data every template sees, the build date, and the shape of the site:
//! every item's URL, every municipality's and topic's name and links) and of
//! the page's own inputs. A page whose data is made up front is keyed by
//! that data itself; a page whose data is made lazily names the items it
//! shows and the numbers it prints (`job::Inputs`), and is keyed by those
//! items' source fingerprints. A page whose key is what it was last time is
//! not rendered again: its last output is kept. Pages without a key are
//! always rendered. A change outside `content/` (templates, static files,
//! `site.yaml`) is not seen here: `serve` forgets the memo for those.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use tera::Value;

use super::job::{PageData, PageJob, Shows};
use crate::model::Site;
use crate::sync::{inner, locked};

/// Page keys of the last good build, and those of the build under way, by
/// a hash of the page's output path (64 bits: two of a site's paths will
/// not meet, and no path needs copying).
#[derive(Debug, Default)]
pub(crate) struct RenderMemo {
    last: HashMap<u64, u64>,
    next: Mutex<HashMap<u64, u64>>,
    kept: AtomicUsize,
    /// What the search index keeps.
    pub(super) search: super::search_index::SearchMemo,
}

impl RenderMemo {
    /// Forgets every page, so that the next build renders all of them.
    pub(crate) fn forget(&mut self) {
        self.last.clear();
        self.search.forget();
        self.discard();
    }

    /// Makes the build under way the one to compare with (call it when that
    /// build succeeded and its output is what is served).
    pub(crate) fn commit(&mut self) {
        self.last = std::mem::take(inner(&mut self.next));
        self.search.commit();
        *self.kept.get_mut() = 0;
    }

    /// Drops what the build under way learnt (it failed).
    pub(crate) fn discard(&mut self) {
        inner(&mut self.next).clear();
        self.search.discard();
        *self.kept.get_mut() = 0;
    }

    /// The number of pages the build under way did not render because
    /// their inputs are unchanged: their last output stands.
    pub(crate) fn kept(&self) -> usize {
        self.kept.load(Ordering::Relaxed)
    }

    /// True when the build under way has a page at `path` (an output path)
    /// that it did not render but kept.
    pub(crate) fn has_kept(&mut self, path: &str) -> bool {
        let path = path_key(path);
        let next = inner(&mut self.next);
        next.get(&path)
            .is_some_and(|key| self.last.get(&path) == Some(key))
    }

    /// True when `path` (an output path) need not be rendered again, having
    /// the key `key`; the page is then counted as kept. Ask only for a file
    /// the build writes whenever it is not kept: `serve` relies on every
    /// kept file being one the last build wrote.
    pub(super) fn keep(&self, path: &str, key: Option<u64>) -> bool {
        let Some(key) = key else {
            return false;
        };
        let path = path_key(path);
        locked(&self.next).insert(path, key);
        let kept = self.last.get(&path) == Some(&key);
        if kept {
            self.kept.fetch_add(1, Ordering::Relaxed);
        }
        kept
    }
}

/// The page memos of a site: the default language's, and one for each
/// further language by its URL prefix (`en/`), whose pages are rendered
/// from their own model and keyed by their paths below the prefix.
#[derive(Debug, Default)]
pub(crate) struct PageMemos {
    default: RenderMemo,
    languages: Vec<(String, RenderMemo)>,
}

impl PageMemos {
    /// The default language's memo.
    pub(crate) fn default_language(&self) -> &RenderMemo {
        &self.default
    }

    /// The memo of the further language below `prefix`, if prepared.
    pub(crate) fn language(&self, prefix: &str) -> Option<&RenderMemo> {
        self.languages
            .iter()
            .find(|(p, _)| p == prefix)
            .map(|(_, memo)| memo)
    }

    /// Keeps the memos of the further languages below `prefixes` (a new
    /// one empty) and forgets those of languages the site no longer has.
    pub(crate) fn prepare(&mut self, prefixes: &[String]) {
        let mut old = std::mem::take(&mut self.languages);
        for prefix in prefixes {
            let memo = match old.iter().position(|(p, _)| p == prefix) {
                Some(at) => old.swap_remove(at).1,
                None => RenderMemo::default(),
            };
            self.languages.push((prefix.clone(), memo));
        }
    }

    fn all(&mut self) -> impl Iterator<Item = &mut RenderMemo> {
        std::iter::once(&mut self.default).chain(self.languages.iter_mut().map(|(_, m)| m))
    }

    /// Forgets every page of every language ([`RenderMemo::forget`]).
    pub(crate) fn forget(&mut self) {
        self.all().for_each(RenderMemo::forget);
    }

    /// Commits the build under way in every language.
    pub(crate) fn commit(&mut self) {
        self.all().for_each(RenderMemo::commit);
    }

    /// Drops what the build under way learnt, in every language.
    pub(crate) fn discard(&mut self) {
        self.all().for_each(RenderMemo::discard);
    }

    /// The pages kept by the build under way, in all languages.
    pub(crate) fn kept(&self) -> usize {
        self.default.kept() + self.languages.iter().map(|(_, m)| m.kept()).sum::<usize>()
    }

    /// True when the build under way kept the file at output path `path`
    /// (with its language's prefix) without rendering it.
    pub(crate) fn has_kept(&mut self, path: &str) -> bool {
        if self.default.has_kept(path) {
            return true;
        }
        self.languages.iter_mut().any(|(prefix, memo)| {
            path.strip_prefix(prefix.as_str())
                .is_some_and(|below| memo.has_kept(below))
        })
    }
}

/// The key of an output path in the memo.
fn path_key(path: &str) -> u64 {
    let mut h = hasher();
    path.hash(&mut h);
    h.finish()
}

/// A hasher for keys: the same in every run of one program.
pub(super) fn hasher() -> std::collections::hash_map::DefaultHasher {
    std::collections::hash_map::DefaultHasher::new()
}

/// The hash of everything every page depends on.
pub(super) fn site_key(site: &Site, global: &Value, today: chrono::NaiveDate) -> u64 {
    let mut h = hasher();
    format!("{:?}", site.config).hash(&mut h);
    global.to_string().hash(&mut h);
    today.hash(&mut h);
    for a in &site.articles {
        (&a.url, &a.file).hash(&mut h);
    }
    for e in &site.events {
        (&e.url, &e.file).hash(&mut h);
    }
    for p in &site.pages {
        (&p.url, &p.file).hash(&mut h);
    }
    for m in &site.municipalities {
        (&m.url, &m.name, &m.slug, &m.kind, m.parent, &m.members).hash(&mut h);
        (m.offers.len(), m.articles.len(), m.events.len()).hash(&mut h);
    }
    for t in &site.topics {
        (&t.url, &t.name, &t.slug).hash(&mut h);
    }
    h.finish()
}

/// `key` with `more` inputs every page depends on.
pub(super) fn combined(key: u64, more: impl Hash) -> u64 {
    let mut h = hasher();
    (key, more).hash(&mut h);
    h.finish()
}

/// The key of one page, or `None` when it must always be rendered.
pub(super) fn page_key(job: &PageJob<'_>, site: &Site, site_key: u64) -> Option<u64> {
    let mut h = hasher();
    site_key.hash(&mut h);
    (&job.url, &job.template).hash(&mut h);
    match (&job.data, &job.inputs) {
        (PageData::Ready(data), _) => data.to_string().hash(&mut h),
        (PageData::Lazy(_), Some(inputs)) => {
            inputs.numbers.hash(&mut h);
            for item in &inputs.items {
                item.hash(&mut h);
                let fingerprint = match *item {
                    Shows::Article(i) => site.articles.get(i).map(|a| a.fingerprint),
                    Shows::Event(i) => site.events.get(i).map(|e| e.fingerprint),
                    Shows::Municipality(i) => site.municipalities.get(i).map(|m| m.fingerprint),
                };
                fingerprint.hash(&mut h);
            }
        }
        (PageData::Lazy(_), None) => return None,
    }
    Some(h.finish())
}
