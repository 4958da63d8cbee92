//! The internal links of the served pages that lead nowhere, as `kette
//! check` reports them, found again after every rebuild.
//!
//! A 10,000-article site has about half a million internal links. Each
//! page's links are kept with the bytes they were read from, and so is
//! the list of those that led nowhere: when a rebuild neither added nor
//! removed a file, only the pages it changed are read and followed again;
//! otherwise every kept link is followed again against the new files
//! (pages whose bytes are unchanged are still not parsed again).

use std::collections::HashMap;
use std::sync::Arc;

use super::state::Files;
use crate::check::{leads_somewhere, page_links, unresolved, PageLink};
use crate::diagnostics::Diagnostic;
use crate::model::Site;

/// What is known of one page.
struct Page {
    /// The bytes its links were read from.
    bytes: Arc<[u8]>,
    /// Its internal links.
    links: Arc<[PageLink]>,
    /// Those of its links that led nowhere when last followed.
    broken: Vec<PageLink>,
}

/// The links of every page of the last checked files.
#[derive(Default)]
pub(super) struct LinkCheck {
    pages: HashMap<String, Page>,
}

impl std::fmt::Debug for LinkCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LinkCheck({} pages)", self.pages.len())
    }
}

impl LinkCheck {
    /// The links of `files` that lead nowhere, sorted. `changed` names the
    /// output paths that differ from the files of the last call when
    /// these are the same paths (no file added or removed); with `None`,
    /// every page is looked at.
    pub(super) fn broken(
        &mut self,
        site: &Site,
        files: &Files,
        changed: Option<&[String]>,
    ) -> Vec<Diagnostic> {
        let base_path = site.config.base_url.path.as_str();
        let exists = |path: &str| files.contains_key(path);
        match changed {
            Some(changed) if !self.pages.is_empty() => {
                for path in changed.iter().filter(|p| p.ends_with(".html")) {
                    if let Some(bytes) = files.get(path) {
                        let page = Page::read(base_path, path, bytes, exists);
                        self.pages.insert(path.clone(), page);
                    }
                }
            }
            _ => {
                let mut now = HashMap::with_capacity(files.len());
                for (path, bytes) in files.iter().filter(|(path, _)| path.ends_with(".html")) {
                    let page = match self.pages.remove(path) {
                        Some(known)
                            if Arc::ptr_eq(&known.bytes, bytes) || known.bytes == *bytes =>
                        {
                            known.follow(exists)
                        }
                        _ => Page::read(base_path, path, bytes, exists),
                    };
                    now.insert(path.clone(), page);
                }
                self.pages = now;
            }
        }
        let broken = self
            .pages
            .iter()
            .filter(|(_, page)| !page.broken.is_empty())
            .map(|(path, page)| (path.as_str(), &page.broken[..]));
        let (_, problems) = unresolved(site, broken, exists);
        problems.into_sorted()
    }
}

impl Page {
    /// The page at output path `path` with `bytes`, its links read and
    /// followed.
    fn read(base_path: &str, path: &str, bytes: &Arc<[u8]>, exists: impl Fn(&str) -> bool) -> Self {
        let links = page_links(base_path, path, &String::from_utf8_lossy(bytes));
        Page {
            bytes: Arc::clone(bytes),
            links: Arc::from(links),
            broken: Vec::new(),
        }
        .follow(exists)
    }

    /// The page with its links followed again.
    fn follow(mut self, exists: impl Fn(&str) -> bool) -> Self {
        self.broken = self
            .links
            .iter()
            .filter(|(_, path)| !leads_somewhere(path, &exists))
            .cloned()
            .collect();
        self
    }
}
