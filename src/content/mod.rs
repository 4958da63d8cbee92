//! Loading the site's sources: finding files under `content/` (walkdir),
//! reading them in parallel (rayon) and parsing front matter and records.
//! Problems are collected, never fatal, so one run reports them all.

mod cache;
pub(crate) mod dates;
mod discover;
pub mod front_matter;
pub mod markdown;
pub(crate) mod plain;
pub mod records;
mod reload;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub(crate) use crate::checked;
pub(crate) use crate::source::{normalized_name, source_text};
pub(crate) use cache::SourceCache;
pub(crate) use reload::{body_edits, BodyEdit, Edited};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::stamp::Stamp;
use records::{ArticleFront, EventFront, MunicipalityRecord, PageFront};

/// The folder of a site that holds its content.
pub(crate) const CONTENT_DIR: &str = "content";

/// A Markdown source with its parsed front matter.
#[derive(Debug, Clone)]
pub struct Document<F> {
    /// Path relative to the site root, for messages.
    pub file: PathBuf,
    /// Path relative to `content/` with `/` separators, as in `@/` links.
    pub content_path: String,
    /// The name the slug comes from: the file stem, or the folder of an `index.md`.
    pub stem: String,
    /// The parsed front matter.
    pub front: F,
    /// The front matter text, for locating values found wrong later.
    pub front_text: Arc<str>,
    /// The Markdown body (shared: `serve` keeps it between rebuilds).
    pub body: Arc<str>,
    /// Lines of the file before the body.
    pub body_lines_before: usize,
    /// Files beside an `index.md` (an article folder), relative to the site root.
    pub assets: Vec<PathBuf>,
    /// Changes whenever the file's path, text or folder files change (see
    /// `fingerprint`).
    pub fingerprint: u64,
}

/// A municipality record with its text.
#[derive(Debug, Clone)]
pub struct RecordFile {
    /// Path relative to the site root.
    pub file: PathBuf,
    /// Path relative to `content/`.
    pub content_path: String,
    /// The file stem.
    pub stem: String,
    /// The parsed record.
    pub record: MunicipalityRecord,
    /// The whole YAML text, for locating values found wrong later.
    pub text: Arc<str>,
    /// Changes whenever the file's path or text change (see `fingerprint`).
    pub fingerprint: u64,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Articles from `content/news/`.
    pub articles: Vec<Document<ArticleFront>>,
    /// Events from `content/events/`.
    pub events: Vec<Document<EventFront>>,
    /// Records from `content/municipalities/`.
    pub municipalities: Vec<RecordFile>,
    /// Pages from `content/pages/`.
    pub pages: Vec<Document<PageFront>>,
    /// Content paths of files that exist but could not be parsed (already
    /// reported), so that links to them do not cause a second error.
    pub unparsed: Vec<String>,
}

/// A file found under `content/` and what it is.
#[derive(Debug)]
enum Found {
    Article { path: PathBuf, assets: Vec<PathBuf> },
    Event(PathBuf),
    Municipality(PathBuf),
    Page(PathBuf),
}

impl Found {
    /// The file, and the files of its article folder.
    fn path_and_assets(&self) -> (&Path, &[PathBuf]) {
        match self {
            Found::Article { path, assets } => (path, assets),
            Found::Event(path) | Found::Page(path) | Found::Municipality(path) => (path, &[]),
        }
    }
}

/// True for files editors and tools leave behind: swap, backup and lock
/// files and desktop metadata. They are never published.
pub(crate) fn is_editor_junk(name: &str) -> bool {
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == ".DS_Store"
        || name == "Thumbs.db"
        || name == ".git"
}

/// True for files that are never content: editor junk and hidden files.
/// (Static files keep their hidden files, such as `.htaccess`.)
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('#') || is_editor_junk(name)
}

/// One parsed source file.
#[derive(Debug, Clone)]
enum Loaded {
    Article(Document<ArticleFront>),
    Event(Document<EventFront>),
    Municipality(RecordFile),
    Page(Document<PageFront>),
}

/// Reads and parses every content file of the site at `root`.
pub fn load(root: &Path) -> (Content, Diagnostics) {
    load_with(root, None, None)
}

/// [`load`], taking the files whose size and time are unchanged from
/// `cache` instead of reading them again, and leaving in it what was
/// loaded now (for `serve`). `changed` lists the files (relative to `root`)
/// known to have changed since the cache was filled, if that is known:
/// when they are all files loaded then, the others are taken from the
/// cache without looking at the disk at all.
pub(crate) fn load_with(
    root: &Path,
    cache: Option<&mut SourceCache>,
    changed: Option<&[PathBuf]>,
) -> (Content, Diagnostics) {
    let mut problems = Diagnostics::new();
    let known = cache.as_deref();
    let listed = known
        .zip(changed)
        .and_then(|(c, changed)| c.files_if_only(root, changed));
    // Files named as changed are read again even if their time says
    // otherwise (saves can come faster than modification times change).
    let changed: HashSet<&Path> = changed
        .unwrap_or_default()
        .iter()
        .map(PathBuf::as_path)
        .collect();
    let trusted = listed.is_some();
    let found = match listed {
        Some(found) => found,
        None => Arc::from(crate::timing::timed("  discover", || {
            discover::discover(root, &mut problems)
        })),
    };

    let results: Vec<Loading> = found
        .par_iter()
        .map(|f| {
            let (path, assets) = f.path_and_assets();
            // The cache's name for the file (only a cache needs one).
            let file = || crate::diagnostics::relative_to(path, root);
            let mut stamp = None;
            if let Some(known) = known {
                let file = file();
                let recalled = if changed.contains(file.as_path()) {
                    None
                } else if trusted {
                    known.recall_unchanged(&file)
                } else {
                    stamp = Stamp::of(path);
                    stamp.and_then(|stamp| known.recall(&file, stamp, assets))
                };
                if let Some(loaded) = recalled {
                    return (Ok(loaded), Some((file, None)));
                }
                stamp = stamp.or_else(|| Stamp::of(path));
            }
            let loaded = match f {
                Found::Article { path, assets } => {
                    load_document(root, path, assets.clone()).map(Loaded::Article)
                }
                Found::Event(path) => load_document(root, path, Vec::new()).map(Loaded::Event),
                Found::Page(path) => load_document(root, path, Vec::new()).map(Loaded::Page),
                Found::Municipality(path) => load_record(root, path).map(Loaded::Municipality),
            };
            let kept = match (&loaded, stamp) {
                (Ok(loaded), Some(stamp)) => Some((
                    file(),
                    Some(cache::Cached::new(stamp, assets.to_vec(), loaded.clone())),
                )),
                _ => None,
            };
            (
                loaded.map_err(|problem| (content_path(root, path), problem)),
                kept,
            )
        })
        .collect();

    let (content, kept) = sorted(results, &mut problems);
    if let Some(cache) = cache {
        // The list of files can be reused only if finding it found no problem.
        let listing = problems.is_empty().then_some(found);
        cache.replace(kept, listing);
    }
    (content, problems)
}

/// What was loaded (or the content path of a file that could not be, and
/// why), and for the cache: the file, and its new entry (`None`: the cached
/// one stands).
type Loading = (
    Result<Loaded, (String, Diagnostic)>,
    Option<(PathBuf, Option<cache::Cached>)>,
);

/// The loaded files sorted into the content's lists, the problems into
/// `problems`; and the cache's new entries.
fn sorted(
    results: Vec<Loading>,
    problems: &mut Diagnostics,
) -> (Content, Vec<(PathBuf, Option<cache::Cached>)>) {
    // Sized up front: documents are large, and growing the lists copies them.
    let count = |kind: fn(&Loaded) -> bool| {
        results
            .iter()
            .filter(|(r, _)| r.as_ref().is_ok_and(kind))
            .count()
    };
    let mut content = Content {
        articles: Vec::with_capacity(count(|l| matches!(l, Loaded::Article(_)))),
        events: Vec::with_capacity(count(|l| matches!(l, Loaded::Event(_)))),
        ..Content::default()
    };
    let mut kept = Vec::with_capacity(results.len());
    for (result, cached) in results {
        kept.extend(cached);
        match result {
            Ok(Loaded::Article(d)) => content.articles.push(d),
            Ok(Loaded::Event(d)) => content.events.push(d),
            Ok(Loaded::Municipality(r)) => content.municipalities.push(r),
            Ok(Loaded::Page(d)) => content.pages.push(d),
            Err((path, d)) => {
                problems.push(d);
                content.unparsed.push(path);
            }
        }
    }
    (content, kept)
}

/// True when `path` ends in one of `extensions` (without dots, any case).
pub(crate) fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn read_text(root: &Path, path: &Path) -> Result<(PathBuf, String), Diagnostic> {
    let file = crate::diagnostics::relative_to(path, root);
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file(&file, crate::messages::cannot_read(&e.to_string())))?;
    let text = source_text(bytes, &file)?;
    Ok((file, text))
}

fn content_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root.join(CONTENT_DIR)).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|c| normalized_name(&c.as_os_str().to_string_lossy()))
        .collect();
    parts.join("/")
}

fn stem_of(path: &Path) -> String {
    let is_index = path.file_stem().is_some_and(|s| s == "index");
    let name = if is_index {
        path.parent().and_then(Path::file_name)
    } else {
        path.file_stem()
    };
    normalized_name(
        &name
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}

/// A number that changes when a source file's path, text or article-folder
/// files change: `serve` compares them to find the pages an edit touches.
/// (Equal numbers for different sources are possible but vanishingly rare;
/// the numbers are compared within one run only.)
pub(crate) fn fingerprint(file: &Path, text: &str, assets: &[PathBuf]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    file.hash(&mut hasher);
    text.hash(&mut hasher);
    assets.hash(&mut hasher);
    hasher.finish()
}

fn load_document<F: DeserializeOwned>(
    root: &Path,
    path: &Path,
    assets: Vec<PathBuf>,
) -> Result<Document<F>, Diagnostic> {
    let (file, text) = read_text(root, path)?;
    let split = front_matter::split(&text, &file)?;
    let front = front_matter::parse(&split, &file)?;
    Ok(Document {
        fingerprint: fingerprint(&file, &text, &assets),
        content_path: content_path(root, path),
        stem: stem_of(path),
        front,
        front_text: Arc::from(split.front),
        body: Arc::from(split.body),
        body_lines_before: split.body_lines_before,
        assets,
        file,
    })
}

fn load_record(root: &Path, path: &Path) -> Result<RecordFile, Diagnostic> {
    let (file, text) = read_text(root, path)?;
    let record = crate::yaml::parse(&text, &file, Default::default())?;
    Ok(RecordFile {
        fingerprint: fingerprint(&file, &text, &[]),
        content_path: content_path(root, path),
        stem: stem_of(path),
        record,
        text: Arc::from(text),
        file,
    })
}
