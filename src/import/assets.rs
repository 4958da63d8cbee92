//! The uploads an item uses (`wp-content/uploads/…`), copied from the
//! `--uploads` folder: beside an article's `index.md`, or into `static/` at
//! their old path for events and pages, which have no folder.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::body::Note;
use super::items::Context;
use super::write::{self, Contents, Output};
use crate::messages::{self, ByHand};
use crate::slug::slugify_for;

/// Where an item's uploads go: beside an article's `index.md`, or (events
/// and pages have no folder) at their old path in `static/`.
pub(super) struct Assets<'a> {
    ctx: &'a Context<'a>,
    /// The article folder, relative to the root; `None`: `static/`.
    folder: Option<PathBuf>,
    /// Upload path → the URL written.
    chosen: HashMap<String, String>,
    names: HashSet<String>,
    outputs: Vec<Output>,
    notes: Vec<Note>,
}

impl<'a> Assets<'a> {
    /// Uploads of an item whose article folder is `folder` (relative to the
    /// root), or of an event or page (`None`).
    pub(super) fn new(ctx: &'a Context<'a>, folder: Option<PathBuf>) -> Self {
        Assets {
            ctx,
            folder,
            chosen: HashMap::new(),
            names: HashSet::from(["index.md".to_string()]),
            outputs: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The files to copy and what the report says about the uploads.
    pub(super) fn finish(self) -> (Vec<Output>, Vec<Note>) {
        (self.outputs, self.notes)
    }

    /// The URL to write for an upload of the old site, or `None` (then the
    /// old URL stays and the report says so).
    pub(super) fn place(
        &mut self,
        url: &str,
        rel: &str,
        image: bool,
        statics: &mut HashSet<String>,
    ) -> Option<String> {
        if let Some(done) = self.chosen.get(rel) {
            return Some(done.clone());
        }
        // kette refuses images it cannot process (TIFF, BMP, HEIC …).
        if image && crate::images::file_kind(Path::new(rel)) == crate::images::FileKind::Unsupported
        {
            self.notes.push(Note {
                needle: url.to_string(),
                message: messages::by_hand(ByHand::UnsupportedImage(url)),
            });
            return None;
        }
        let Some(uploads) = self.ctx.uploads else {
            self.notes.push(Note {
                needle: url.to_string(),
                message: messages::by_hand(ByHand::NoUploads(url)),
            });
            return None;
        };
        // WordPress links resized copies (`foto-300x200.jpg`); kette makes
        // its own sizes from the original.
        let rel = [original_of(rel), Some(rel.to_string())]
            .into_iter()
            .flatten()
            .find(|r| uploads.join(r).is_file());
        let Some(rel) = rel else {
            self.notes.push(Note {
                needle: url.to_string(),
                message: messages::by_hand(ByHand::NotInUploads(url)),
            });
            return None;
        };
        let source = uploads.join(&rel);
        let written = match self.folder.clone() {
            Some(folder) => {
                let name = self.free_name(&rel);
                self.outputs.push(Output {
                    path: folder.join(&name),
                    contents: Contents::Copy(source),
                });
                name
            }
            None => {
                let path = PathBuf::from("static/wp-content/uploads").join(&rel);
                let contents = Contents::Copy(source);
                let target = self.ctx.root.join(&path);
                if target.exists() && !write::same_file(&target, &contents) {
                    self.notes.push(Note {
                        needle: url.to_string(),
                        message: messages::by_hand(ByHand::StaticTaken(
                            &path.display().to_string(),
                            url,
                        )),
                    });
                    return None;
                }
                if !target.exists() && statics.insert(rel.clone()) {
                    self.outputs.push(Output { path, contents });
                }
                format!("/wp-content/uploads/{rel}")
            }
        };
        self.chosen.insert(rel, written.clone());
        Some(written)
    }

    /// A file name for the article folder: the upload's name made a slug,
    /// unique within the folder.
    fn free_name(&mut self, rel: &str) -> String {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let mut stem = slugify_for(stem, self.ctx.config.language);
        if stem.is_empty() || stem == "index" {
            stem = "datei".into();
        }
        let ext = ext.to_ascii_lowercase();
        let make = |n: usize| match (n, ext.is_empty()) {
            (1, true) => stem.clone(),
            (1, false) => format!("{stem}.{ext}"),
            (n, true) => format!("{stem}-{n}"),
            (n, false) => format!("{stem}-{n}.{ext}"),
        };
        let mut n = 1;
        while !self.names.insert(make(n)) {
            n += 1;
        }
        make(n)
    }
}

/// `2017/03/foto-300x200.jpg` → `2017/03/foto.jpg`.
fn original_of(rel: &str) -> Option<String> {
    let (stem, ext) = rel.rsplit_once('.')?;
    let (base, size) = stem.rsplit_once('-')?;
    let (w, h) = size.split_once('x')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(w) && digits(h)).then(|| format!("{base}.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resized_copies_lead_to_their_original() {
        assert_eq!(
            original_of("2017/03/foto-300x200.jpg").as_deref(),
            Some("2017/03/foto.jpg")
        );
        assert_eq!(original_of("2017/03/foto-alt.jpg"), None);
    }
}
