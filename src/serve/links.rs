//! The internal links of the served pages that lead nowhere, as `kette
//! check` reports them, found again after every rebuild.
//!
//! A 10,000-article site has about half a million internal links; following
//! all of them after every edit took longer than the edit's rebuild. So each
//! page's links are kept with the bytes they were read from, with those
//! that led nowhere, and every output path a link needs is counted. After a
//! rebuild, only the pages it changed are read and followed again; a file
//! that appeared can only mend links, so the pages with broken links are
//! followed again too; and only when a file that some link needs is gone
//! is every kept link followed again (pages whose bytes are unchanged are
//! still not parsed again). A file no link names (a search index shard
//! renumbered, say) costs nothing.

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
    /// How many links of all pages need each output path (as links write
    /// it: `news/x/` for `news/x/index.html`).
    linked: HashMap<String, u32>,
}

impl std::fmt::Debug for LinkCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LinkCheck({} pages)", self.pages.len())
    }
}

impl LinkCheck {
    /// The links of `files` that lead nowhere, sorted. `before` is the
    /// files of the last call with the paths that differ from them
    /// (`None` for the first call, or when the last call's files are not
    /// those the served ones came from).
    pub(super) fn broken(
        &mut self,
        site: &Site,
        files: &Files,
        before: Option<(&Files, &[String])>,
    ) -> Vec<Diagnostic> {
        let base_path = site.config.base_url.path.as_str();
        let exists = |path: &str| files.contains_key(path);
        match before {
            Some((old, changed)) if !self.pages.is_empty() => {
                let gone_and_linked = changed
                    .iter()
                    .any(|p| !files.contains_key(p) && old.contains_key(p) && self.is_linked(p));
                if gone_and_linked {
                    self.follow_all(base_path, files);
                } else {
                    for path in changed.iter().filter(|p| p.ends_with(".html")) {
                        let page = files
                            .get(path)
                            .map(|bytes| Page::read(base_path, path, bytes, exists));
                        self.replace(path, page);
                    }
                    if changed.iter().any(|p| !old.contains_key(p)) {
                        for page in self.pages.values_mut() {
                            if !page.broken.is_empty() {
                                page.follow(exists);
                            }
                        }
                    }
                }
            }
            _ => self.follow_all(base_path, files),
        }
        let broken = self
            .pages
            .iter()
            .filter(|(_, page)| !page.broken.is_empty())
            .map(|(path, page)| (path.as_str(), &page.broken[..]));
        let (_, problems) = unresolved(site, broken, exists);
        problems.into_sorted()
    }

    /// Follows the links of every page of `files` again, reading only the
    /// pages whose bytes changed.
    fn follow_all(&mut self, base_path: &str, files: &Files) {
        let exists = |path: &str| files.contains_key(path);
        let mut now = HashMap::with_capacity(files.len());
        for (path, bytes) in files.iter().filter(|(path, _)| path.ends_with(".html")) {
            let page = match self.pages.remove(path) {
                Some(mut known) if Arc::ptr_eq(&known.bytes, bytes) || known.bytes == *bytes => {
                    known.follow(exists);
                    known
                }
                _ => Page::read(base_path, path, bytes, exists),
            };
            now.insert(path.clone(), page);
        }
        self.pages = now;
        self.linked.clear();
        for page in self.pages.values() {
            for (_, path) in page.links.iter() {
                *self.linked.entry(path.clone()).or_default() += 1;
            }
        }
    }

    /// Puts `page` in the place of the page at `path` (`None`: it is gone),
    /// counting their links.
    fn replace(&mut self, path: &str, page: Option<Page>) {
        let old = match page {
            Some(page) => {
                for (_, target) in page.links.iter() {
                    *self.linked.entry(target.clone()).or_default() += 1;
                }
                self.pages.insert(path.to_string(), page)
            }
            None => self.pages.remove(path),
        };
        for (_, target) in old.iter().flat_map(|p| p.links.iter()) {
            if let Some(count) = self.linked.get_mut(target) {
                *count -= 1;
                if *count == 0 {
                    self.linked.remove(target);
                }
            }
        }
    }

    /// True when some link needs the file at output path `file`, in any of
    /// the forms [`leads_somewhere`] accepts.
    fn is_linked(&self, file: &str) -> bool {
        if self.linked.contains_key(file) {
            return true;
        }
        let Some(folder) = file.strip_suffix("index.html") else {
            return false;
        };
        if (folder.is_empty() || folder.ends_with('/')) && self.linked.contains_key(folder) {
            return true;
        }
        folder
            .strip_suffix('/')
            .is_some_and(|bare| !bare.is_empty() && self.linked.contains_key(bare))
    }
}

impl Page {
    /// The page at output path `path` with `bytes`, its links read and
    /// followed.
    fn read(base_path: &str, path: &str, bytes: &Arc<[u8]>, exists: impl Fn(&str) -> bool) -> Self {
        let links = page_links(base_path, path, &String::from_utf8_lossy(bytes));
        let mut page = Page {
            bytes: Arc::clone(bytes),
            links: Arc::from(links),
            broken: Vec::new(),
        };
        page.follow(exists);
        page
    }

    /// Follows the page's links again.
    fn follow(&mut self, exists: impl Fn(&str) -> bool) {
        self.broken = self
            .links
            .iter()
            .filter(|(_, path)| !leads_somewhere(path, &exists))
            .cloned()
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_linked_in_every_form_a_link_may_name_it() {
        let mut check = LinkCheck::default();
        for form in ["", "news/a/", "news/b", "flyer.pdf"] {
            check.linked.insert(form.to_string(), 1);
        }
        assert!(check.is_linked("index.html"));
        assert!(check.is_linked("news/a/index.html"));
        assert!(check.is_linked("news/b/index.html"));
        assert!(check.is_linked("flyer.pdf"));
        assert!(!check.is_linked("news/c/index.html"));
        assert!(!check.is_linked("search-index/t/ab.json"));
    }
}
