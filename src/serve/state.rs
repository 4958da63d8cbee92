//! The site as the preview server holds it: the files of the last good build
//! in memory, the problems of the last build, and what each rebuild changed.
//!
//! A rebuild reads only the sources the watcher named, renders only the
//! Markdown texts and pages whose inputs changed (`render_changed_files`,
//! with a `Memo` kept from rebuild to rebuild); the other pages keep
//! their last output. A change outside `content/` (templates, static
//! files, `site.yaml`) renders every page. Unchanged
//! files keep their buffers, static files whose size and modification time
//! are unchanged are not read again, and the browsers learn whether a
//! reload is needed or only stylesheets changed.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::{render_changed_files, BuildOptions, Memo};
use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Contents;
use crate::stamp::Stamp;
use crate::timing::timed;

use super::links::LinkCheck;

/// The files of a built site by output path (`news/x/index.html`).
pub(crate) type Files = HashMap<String, Arc<[u8]>>;

/// One state of the served site, handed to the HTTP side as a whole.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Counts the states; every page carries the one it was served from.
    pub generation: u64,
    /// The last good build (empty until one build succeeded).
    pub files: Arc<Files>,
    /// True once a build has succeeded.
    pub built: bool,
    /// The problems of the last build; empty when it succeeded.
    pub problems: Arc<[Diagnostic]>,
    /// What `kette check` would report about the served build's internal
    /// links (the build itself succeeded).
    pub links: Arc<[Diagnostic]>,
    /// How this state differs from the one before.
    pub change: Change,
    /// The language of messages (overlay, error page) for this state.
    pub language: Language,
    /// The site root, to find the draft a request was for.
    pub root: Arc<Path>,
}

/// What open pages should do about a new state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Reload the page.
    Reload,
    /// Only these stylesheets changed (URL paths, `/style.css`): swap them.
    Stylesheets(Vec<String>),
}

/// What one (re)build did, for the terminal.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The site was built.
    Built {
        /// Time spent loading and rendering.
        render: Duration,
        /// Time of the whole rebuild, reading static files and comparing included.
        total: Duration,
        /// Output paths added, changed or removed, sorted.
        changed: Vec<String>,
        /// Number of files of the site.
        files: usize,
        /// Pages not rendered again because their inputs did not change.
        kept: usize,
        /// True when only Markdown bodies changed and were patched into the
        /// last model instead of making the model again.
        patched: bool,
        /// True when the build before had problems (they are fixed now).
        fixed: bool,
        /// Internal links that lead nowhere, as `kette check` reports them.
        links: Vec<Diagnostic>,
    },
    /// The site has problems; the last good build stays served.
    Failed {
        /// Every problem, sorted.
        problems: Vec<Diagnostic>,
        /// True when an earlier build succeeded and stays served.
        kept: bool,
        /// Time of the attempt.
        total: Duration,
    },
}

/// A static file already read, known by its source's size and time.
#[derive(Debug, Clone)]
struct Copied {
    stamp: Option<Stamp>,
    bytes: Arc<[u8]>,
}

/// Builds the site again and again, keeping what did not change.
#[derive(Debug)]
pub struct Builder {
    options: BuildOptions,
    copies: HashMap<PathBuf, Copied>,
    memo: Memo,
    current: Snapshot,
    /// `--lang`, which overrides the site's language.
    language: Option<Language>,
    /// The internal links of each page as last built: an edit follows
    /// again only the links of the pages it changed.
    links: LinkCheck,
}

impl Builder {
    /// A builder for `options`; nothing is built yet.
    pub fn new(options: BuildOptions) -> Self {
        let current = Snapshot {
            generation: 0,
            files: Arc::new(Files::new()),
            built: false,
            problems: Arc::from(Vec::new()),
            links: Arc::from(Vec::new()),
            change: Change::Reload,
            language: Language::default(),
            root: Arc::from(options.root.as_path()),
        };
        Builder {
            options,
            copies: HashMap::new(),
            memo: Memo::new(),
            links: LinkCheck::default(),
            current,
            language: None,
        }
    }

    /// Messages in `language` whatever the site says (`--lang`).
    pub fn set_language(&mut self, language: Option<Language>) {
        self.language = language;
    }

    /// The language of messages: `--lang`, `KETTE_LANG` or the site's
    /// (read again on every build, as site.yaml may change).
    pub fn language(&self) -> Language {
        crate::messages::choose_language(self.language, &self.options.root)
    }

    /// The current state.
    pub fn snapshot(&self) -> &Snapshot {
        &self.current
    }

    /// Builds the site after a change of `sources` (source paths; empty for
    /// the first build). Returns what happened and, when open pages must
    /// learn about it, the new state (also kept as [`Builder::snapshot`]).
    pub fn rebuild(&mut self, sources: &[PathBuf]) -> (Outcome, Option<Snapshot>) {
        let started = Instant::now();
        let language = self.language();
        self.prepare_memo(sources);
        let rendered = render_changed_files(&self.options, &mut self.memo);
        let render = started.elapsed();
        let outputs = rendered
            .and_then(|(site, files)| Ok((site, timed("serve.load", || self.load(files))?)));
        match outputs {
            Ok((site, outputs)) => self.built(site, outputs, (started, render), language),
            Err(problems) => self.failed(problems, started, language),
        }
    }

    /// Tells the memo what the watcher saw change: only content is followed
    /// page by page; a rescan or anything else (templates, static files,
    /// photos, site.yaml) renders every page.
    fn prepare_memo(&mut self, sources: &[PathBuf]) {
        if !self.current.built
            || sources.is_empty()
            || !sources.iter().all(|p| self.is_content_text(p))
        {
            self.memo.forget_rendering();
        }
        if sources.is_empty() {
            self.memo.sources.clear();
        }
        // The files the watcher saw change: only they need reading again.
        let changed: Vec<PathBuf> = sources
            .iter()
            .map(|p| {
                p.strip_prefix(&self.options.root)
                    .unwrap_or(p)
                    .to_path_buf()
            })
            .collect();
        self.memo.changed = (self.current.built && !changed.is_empty()).then_some(changed);
    }

    /// The new state after a build that succeeded with `outputs` (`times`:
    /// when the rebuild started, and how long its rendering took).
    fn built(
        &mut self,
        site: crate::model::Site,
        outputs: Files,
        times: (Instant, Duration),
        language: Language,
    ) -> (Outcome, Option<Snapshot>) {
        let kept = self.memo.pages.kept();
        let (files, changed) = timed("serve.merge", || self.with_kept_pages(outputs, kept));
        let before = self
            .current
            .built
            .then_some((&*self.current.files, &changed[..]));
        let links = timed("serve.links", || self.links.broken(&site, &files, before));
        // The next edit may patch this model rather than make it again.
        self.memo.model.keep(site);
        self.memo.pages.commit();
        let had_problems = !self.current.problems.is_empty();
        let count = files.len();
        let publish = !changed.is_empty()
            || had_problems
            || !self.current.built
            || *self.current.links != *links;
        let snapshot = publish.then(|| {
            let change = if had_problems || !self.current.built {
                Change::Reload
            } else {
                change_for(&self.current.files, &changed)
            };
            self.current = Snapshot {
                generation: self.current.generation + 1,
                files: Arc::new(files),
                built: true,
                problems: Arc::from(Vec::new()),
                links: Arc::from(links.clone()),
                change,
                language,
                root: Arc::clone(&self.current.root),
            };
            self.current.clone()
        });
        let outcome = Outcome::Built {
            render: times.1,
            total: times.0.elapsed(),
            changed,
            files: count,
            kept,
            patched: self.memo.patched,
            fixed: had_problems,
            links,
        };
        (outcome, snapshot)
    }

    /// The new state after a build that failed with `problems`: the last
    /// good files stay served.
    fn failed(
        &mut self,
        problems: Diagnostics,
        started: Instant,
        language: Language,
    ) -> (Outcome, Option<Snapshot>) {
        self.memo.pages.discard();
        let problems = problems.into_sorted();
        let publish = *self.current.problems != *problems || self.current.language != language;
        let snapshot = publish.then(|| {
            self.current = Snapshot {
                generation: self.current.generation + 1,
                files: Arc::clone(&self.current.files),
                built: self.current.built,
                problems: Arc::from(problems.clone()),
                links: Arc::clone(&self.current.links),
                change: Change::Reload,
                language,
                root: Arc::clone(&self.current.root),
            };
            self.current.clone()
        });
        let outcome = Outcome::Failed {
            problems,
            kept: self.current.built,
            total: started.elapsed(),
        };
        (outcome, snapshot)
    }

    /// True for a Markdown or YAML file under `content/` (paths relative to
    /// the site root, as the watcher reports them, or absolute): a change
    /// to one of them can be followed page by page (see [`Memo`]).
    fn is_content_text(&self, path: &Path) -> bool {
        let relative = if path.is_relative() {
            Some(path)
        } else {
            path.strip_prefix(&self.options.root).ok()
        };
        relative.is_some_and(|p| p.starts_with(crate::content::CONTENT_DIR))
            && crate::content::has_extension(path, &["md", "yaml", "yml"])
    }

    /// The files of the new state and what changed (see [`merge`]).
    fn with_kept_pages(&mut self, outputs: Files, kept: usize) -> (Files, Vec<String>) {
        let pages = &mut self.memo.pages;
        merge(&self.current.files, outputs, kept, |path| {
            pages.has_kept(path)
        })
    }

    /// The bytes of every output file; unchanged buffers are shared with the
    /// current state and unchanged static files are not read again.
    fn load(&mut self, outputs: Vec<crate::output::OutputFile>) -> Result<Files, Diagnostics> {
        let mut files = Files::with_capacity(outputs.len());
        let mut problems = Diagnostics::new();
        let mut seen = HashMap::with_capacity(self.copies.len());
        for file in outputs {
            let bytes = match file.contents {
                Contents::Bytes(bytes) => match self.current.files.get(&file.path) {
                    Some(old) if **old == *bytes => Arc::clone(old),
                    _ => Arc::from(bytes),
                },
                Contents::Copy(source) => match self.read_copy(&source) {
                    Ok(copied) => {
                        let bytes = match self.current.files.get(&file.path) {
                            Some(old) if **old == *copied.bytes => Arc::clone(old),
                            _ => Arc::clone(&copied.bytes),
                        };
                        seen.insert(source, copied);
                        bytes
                    }
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                },
            };
            files.insert(file.path, bytes);
        }
        // Forget static files that are gone from the site.
        self.copies = seen;
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(problems)
        }
    }

    /// A static file's bytes, read again only when its size or time changed.
    fn read_copy(&self, source: &Path) -> Result<Copied, Diagnostic> {
        let cannot = |e: std::io::Error| {
            Diagnostic::file(
                crate::diagnostics::relative_to(source, &self.options.root),
                crate::messages::cannot_read(&e.to_string()),
            )
        };
        let stamp = Stamp::from_metadata(&fs::metadata(source).map_err(cannot)?);
        if let Some(known) = self.copies.get(source) {
            if stamp.is_some() && known.stamp == stamp {
                return Ok(known.clone());
            }
        }
        let bytes = fs::read(source).map_err(cannot)?;
        Ok(Copied {
            stamp,
            bytes: Arc::from(bytes),
        })
    }
}

/// The files of a new state: the files just made (`outputs`) and the `kept`
/// pages of `old` that were not made again (`is_kept` tells which), and the
/// output paths added, changed or removed, sorted.
pub(crate) fn merge(
    old: &Files,
    outputs: Files,
    kept: usize,
    mut is_kept: impl FnMut(&str) -> bool,
) -> (Files, Vec<String>) {
    let mut changed: Vec<String> = outputs
        .iter()
        .filter(|(path, bytes)| match old.get(*path) {
            Some(o) => !Arc::ptr_eq(o, bytes) && o[..] != bytes[..],
            None => true,
        })
        .map(|(path, _)| path.clone())
        .collect();
    if kept == 0 {
        changed.extend(old.keys().filter(|p| !outputs.contains_key(*p)).cloned());
        changed.sort();
        return (outputs, changed);
    }
    // Every kept file is an old one: if the old files and the new ones
    // together are more than those made and kept, some are gone (an
    // article deleted, say), found the slow way.
    let added = outputs.keys().filter(|p| !old.contains_key(*p)).count();
    let gone: Vec<String> = if old.len() + added != outputs.len() + kept {
        old.keys()
            .filter(|p| !outputs.contains_key(*p) && !is_kept(p))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    // Copying the map is cheaper than gathering thousands of kept pages.
    let mut files = Files::clone(old);
    for path in &gone {
        files.remove(path);
    }
    files.extend(outputs);
    changed.extend(gone);
    changed.sort();
    (files, changed)
}

/// `Stylesheets` when only existing `.css` files changed, else `Reload`.
fn change_for(old: &Files, changed: &[String]) -> Change {
    let css_only = !changed.is_empty()
        && changed
            .iter()
            .all(|p| p.ends_with(".css") && old.contains_key(p) && !p.contains(['\n', '\r']));
    if css_only {
        Change::Stylesheets(changed.iter().map(|p| format!("/{p}")).collect())
    } else {
        Change::Reload
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> Files {
        entries
            .iter()
            .map(|(p, b)| (p.to_string(), Arc::from(b.as_bytes())))
            .collect()
    }

    #[test]
    fn only_differing_files_count_as_changed() {
        let old = files(&[("index.html", "a"), ("style.css", "x"), ("gone.html", "g")]);
        let new = files(&[("index.html", "a"), ("style.css", "y"), ("new.html", "n")]);
        let (merged, changed) = merge(&old, new.clone(), 0, |_| false);
        assert_eq!(changed, ["gone.html", "new.html", "style.css"]);
        assert_eq!(merged, new);
        assert!(merge(&old, old.clone(), 0, |_| false).1.is_empty());
    }

    #[test]
    fn kept_pages_stay_and_pages_neither_made_nor_kept_go() {
        let old = files(&[("a.html", "a"), ("b.html", "b"), ("c.html", "c")]);
        let made = files(&[("a.html", "A")]);
        let (merged, changed) = merge(&old, made.clone(), 2, |_| true);
        assert_eq!(
            merged,
            files(&[("a.html", "A"), ("b.html", "b"), ("c.html", "c")])
        );
        assert_eq!(changed, ["a.html"]);
        // c.html was neither made nor kept: it is gone.
        let (merged, changed) = merge(&old, made, 1, |p| p == "b.html");
        assert_eq!(merged, files(&[("a.html", "A"), ("b.html", "b")]));
        assert_eq!(changed, ["a.html", "c.html"]);
    }

    #[test]
    fn stylesheet_only_changes_swap_without_reload() {
        let old = files(&[("index.html", "a"), ("style.css", "x")]);
        assert_eq!(
            change_for(&old, &["style.css".to_string()]),
            Change::Stylesheets(vec!["/style.css".into()])
        );
        assert_eq!(
            change_for(&old, &["style.css".to_string(), "index.html".to_string()]),
            Change::Reload
        );
        assert_eq!(change_for(&old, &["new.css".to_string()]), Change::Reload);
    }
}
