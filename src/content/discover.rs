//! Finding the content files of a site: walkdir over each section folder,
//! sorted, with symbolic links looked at before anything is entered (see
//! [`Walk`]), and every file classified as what it is.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{has_extension, is_ignored_name, Found, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{self, ContentKind, Text};

/// Finds content files, sorted by path so that every run sees them in the
/// same order.
pub(super) fn discover(root: &Path, problems: &mut Diagnostics) -> Vec<Found> {
    let content = root.join(CONTENT_DIR);
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let files = |section: &str, problems: &mut Diagnostics| {
        section_files(root, &real_root, &content.join(section), problems)
    };
    let news = files("news", problems);
    let mut found = articles(root, &content.join("news"), &news, problems);
    for path in files("events", problems) {
        if has_extension(&path, &["md"]) {
            found.push(Found::Event(path));
        } else {
            problems.push(stray(root, &path, "events", ContentKind::Event));
        }
    }
    for path in files("municipalities", problems) {
        if has_extension(&path, &["yaml", "yml"]) {
            found.push(Found::Municipality(path));
        } else {
            problems.push(stray(root, &path, "municipalities", ContentKind::Record));
        }
    }
    for path in files("pages", problems) {
        if has_extension(&path, &["md"]) {
            found.push(Found::Page(path));
        } else {
            problems.push(stray(root, &path, "pages", ContentKind::Page));
        }
    }
    found
}

/// The files of the section folder `dir`, walked (see [`Walk`]); a folder
/// that is a link out of the site (`real_root`) is a problem, not walked.
fn section_files(
    root: &Path,
    real_root: &Path,
    dir: &Path,
    problems: &mut Diagnostics,
) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let real_dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let inside = real_dir.starts_with(real_root);
    let mut walk = Walk {
        root,
        real_root,
        followed: vec![real_dir],
        out: Vec::new(),
        problems,
    };
    if inside {
        walk.folder(dir);
    } else {
        walk.problem(dir, messages::link_outside());
    }
    walk.out
}

/// The articles among the files of `news_dir` (`news`): `*.md`, or a
/// folder with `index.md` (and its translations `index.<key>.md`) whose
/// other files are assets. `news/index.md` itself is no article folder.
fn articles(
    root: &Path,
    news_dir: &Path,
    news: &[PathBuf],
    problems: &mut Diagnostics,
) -> Vec<Found> {
    let mut found = Vec::new();
    let bundles: HashSet<&Path> = news
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|p| p.parent())
        .filter(|dir| *dir != news_dir)
        .collect();
    let mut assets: HashMap<&Path, Vec<PathBuf>> = HashMap::new();
    let mut translated: Vec<(&Path, PathBuf)> = Vec::new();
    for path in news {
        let is_index = path.file_name().is_some_and(|n| n == "index.md");
        // The nearest article folder above this file, if any.
        let bundle = path
            .ancestors()
            .skip(1)
            .take_while(|a| *a != news_dir)
            .find(|a| bundles.contains(a));
        match bundle {
            Some(dir) if is_index && path.parent() == Some(dir) => {
                assets.entry(dir).or_default();
            }
            // A translation of the folder's article (`index.en.md`): an
            // article of its own, sharing the folder's files.
            Some(dir) if is_translated_index(path) && path.parent() == Some(dir) => {
                translated.push((dir, path.clone()));
            }
            Some(dir) => assets
                .entry(dir)
                .or_default()
                .push(crate::diagnostics::relative_to(path, root)),
            None if is_index && path.parent() == Some(news_dir) => problems.push(Diagnostic::file(
                crate::diagnostics::relative_to(path, root),
                crate::messages::news_index_not_article(),
            )),
            None if has_extension(path, &["md"]) => found.push(Found::Article {
                path: path.clone(),
                assets: Vec::new(),
            }),
            None => problems.push(stray(root, path, "news", ContentKind::Article)),
        }
    }
    let mut folders: Vec<(&Path, Vec<PathBuf>)> = assets.into_iter().collect();
    folders.sort_by(|a, b| a.0.cmp(b.0));
    for (dir, assets) in &folders {
        found.push(Found::Article {
            path: dir.join("index.md"),
            assets: assets.clone(),
        });
        for (_, path) in translated.iter().filter(|(d, _)| d == dir) {
            found.push(Found::Article {
                path: path.clone(),
                assets: assets.clone(),
            });
        }
    }
    found
}

/// True for `index.<language key>.md` (`index.en.md`): the translation of
/// an article folder's `index.md`.
fn is_translated_index(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.strip_prefix("index.")
        .and_then(|rest| rest.strip_suffix(".md"))
        .is_some_and(|key| {
            crate::language::Language::ALL
                .iter()
                .any(|l| l.key().eq_ignore_ascii_case(key))
        })
}

/// How deep links inside the site may lead into each other.
const MAX_LINK_DEPTH: usize = 16;

/// Finding the files below one content folder. Symbolic links are looked
/// at, never walked through blindly: a link that leaves the site is
/// reported once and not entered (a link to `/` would otherwise walk the
/// whole file system); a link to a folder inside the site is walked like a
/// folder, unless that folder is already being walked (a loop).
struct Walk<'a> {
    root: &'a Path,
    real_root: &'a Path,
    /// The real paths of the folders being walked, innermost last.
    followed: Vec<PathBuf>,
    out: Vec<PathBuf>,
    problems: &'a mut Diagnostics,
}

impl Walk<'_> {
    /// Walks `dir` (a folder, or a link to one already checked).
    fn folder(&mut self, dir: &Path) {
        // Entries of one folder share its path up to their names, so their
        // paths compare as their names do; `sort_by_file_name` takes the
        // name apart again for every comparison (1 % of a build's CPU for
        // a folder of 10,000 articles).
        let walker = WalkDir::new(dir)
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker {
            match entry {
                Ok(e) if e.path_is_symlink() && e.depth() > 0 => self.link(e.into_path()),
                Ok(e) => {
                    if e.file_type().is_file() {
                        self.out.push(e.into_path());
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| dir.to_path_buf());
                    self.problem(&path, messages::cannot_read(&err.to_string()));
                }
            }
        }
    }

    /// A symbolic link found in a content folder.
    fn link(&mut self, link: PathBuf) {
        let Ok(target) = link.canonicalize() else {
            self.problem(&link, messages::link_nowhere());
            return;
        };
        if !target.starts_with(self.real_root) {
            self.problem(&link, messages::link_outside());
            return;
        }
        if target.is_file() {
            self.out.push(link);
        } else if target.is_dir() {
            // A link to a folder it is in (or to one being walked) would
            // lead back to itself.
            let inside_target = |f: &Path| f.starts_with(&target);
            let looping = link
                .parent()
                .and_then(|p| p.canonicalize().ok())
                .is_some_and(|p| inside_target(&p))
                || self.followed.iter().any(|f| inside_target(f));
            if looping || self.followed.len() > MAX_LINK_DEPTH {
                self.problem(&link, messages::link_loop());
                return;
            }
            self.followed.push(target);
            self.folder(&link);
            self.followed.pop();
        }
    }

    fn problem(&mut self, path: &Path, message: Text) {
        self.problems.push(Diagnostic::file(
            crate::diagnostics::relative_to(path, self.root),
            message,
        ));
    }
}

fn stray(root: &Path, path: &Path, section: &str, kind: ContentKind) -> Diagnostic {
    Diagnostic::file(
        crate::diagnostics::relative_to(path, root),
        messages::not_content(section, kind),
    )
    .with_help(messages::move_or_rename())
}
