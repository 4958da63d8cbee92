//! Reading again only the files an edit changed, when the edit changed
//! nothing but the Markdown bodies of articles, events or pages: `serve`
//! then patches the new bodies into its last model instead of making the
//! model again (see `model::patch`).

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::cache::{Cached, SourceCache};
use super::records::{ArticleFront, EventFront, PageFront};
use super::{load_document, Document, Loaded};
use crate::stamp::Stamp;

/// A document as it was and as it is now, alike but for its body.
#[derive(Debug)]
pub(crate) struct BodyEdit<F> {
    /// The document as the last load read it.
    pub(crate) old: Document<F>,
    /// The document as it is now.
    pub(crate) new: Document<F>,
}

/// A source file whose body alone changed.
#[derive(Debug)]
pub(crate) enum Edited {
    /// An article under `content/news/`.
    Article(BodyEdit<ArticleFront>),
    /// An event under `content/events/`.
    Event(BodyEdit<EventFront>),
    /// A page under `content/pages/`.
    Page(BodyEdit<PageFront>),
}

/// The files of `changed` (relative to `root`) read again, if every one is
/// a Markdown document the last load read and only its body differs: the
/// same file, front matter text and folder files. The cache then holds the
/// new documents. `None` when anything else changed (a new or removed
/// file, a record, front matter, a file that no longer parses); then the
/// cache is as it was and a whole load is needed.
pub(crate) fn body_edits(
    root: &Path,
    cache: &mut SourceCache,
    changed: &[PathBuf],
) -> Option<Vec<Edited>> {
    let mut edits = Vec::with_capacity(changed.len());
    let mut entries = Vec::with_capacity(changed.len());
    for file in changed {
        let cached = cache.entry(file)?;
        let path = root.join(file);
        let stamp = Stamp::of(&path)?;
        let assets = cached.assets().to_vec();
        let (edit, loaded) = match cached.loaded() {
            Loaded::Article(old) => {
                let edit = reread(root, &path, old, &assets)?;
                let new = Loaded::Article(edit.new.clone());
                (Edited::Article(edit), new)
            }
            Loaded::Event(old) => {
                let edit = reread(root, &path, old, &assets)?;
                let new = Loaded::Event(edit.new.clone());
                (Edited::Event(edit), new)
            }
            Loaded::Page(old) => {
                let edit = reread(root, &path, old, &assets)?;
                let new = Loaded::Page(edit.new.clone());
                (Edited::Page(edit), new)
            }
            Loaded::Municipality(_) => return None,
        };
        edits.push(edit);
        entries.push((file.clone(), Cached::new(stamp, assets, loaded)));
    }
    for (file, entry) in entries {
        cache.put(file, entry);
    }
    Some(edits)
}

/// The document at `path` read again, if it differs from `old` in its
/// body alone.
fn reread<F: DeserializeOwned + Clone>(
    root: &Path,
    path: &Path,
    old: &Document<F>,
    assets: &[PathBuf],
) -> Option<BodyEdit<F>> {
    let new: Document<F> = load_document(root, path, assets.to_vec()).ok()?;
    let alike = old.file == new.file
        && old.content_path == new.content_path
        && old.stem == new.stem
        && old.front_text == new.front_text
        && old.body_lines_before == new.body_lines_before
        && old.assets == new.assets;
    alike.then(|| BodyEdit {
        old: old.clone(),
        new,
    })
}
