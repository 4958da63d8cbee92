//! Sources read by an earlier load, kept by `kette serve` so that a rebuild
//! reads and parses only the files that changed.
//!
//! A file is read again when its size or modification time changed, when
//! the files of its article folder changed, or when the watcher named it
//! (modification times can be too coarse to tell two quick saves apart).
//! Files that could not be parsed are never kept: their problems are
//! reported by every build.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Found, Loaded};
use crate::stamp::Stamp;

/// The parsed sources of the last load, by path relative to the site root.
#[derive(Debug, Default)]
pub(crate) struct SourceCache {
    entries: HashMap<PathBuf, Cached>,
    /// The files found by the last load, if finding them found no problem.
    listing: Option<Arc<[Found]>>,
}

#[derive(Debug)]
pub(super) struct Cached {
    stamp: Stamp,
    assets: Vec<PathBuf>,
    loaded: Loaded,
}

impl SourceCache {
    /// Forgets every file.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.listing = None;
    }

    /// The files of the last load, if every one of `changed` (relative to
    /// `root`) was loaded then and is still a file: then the edit changed
    /// files, not which files there are.
    pub(super) fn files_if_only(&self, root: &Path, changed: &[PathBuf]) -> Option<Arc<[Found]>> {
        let listing = self.listing.as_ref()?;
        changed
            .iter()
            .all(|file| self.entries.contains_key(file) && root.join(file).is_file())
            .then(|| Arc::clone(listing))
    }

    /// The source loaded last time from `file`, known to be unchanged.
    pub(super) fn recall_unchanged(&self, file: &Path) -> Option<Loaded> {
        self.entries.get(file).map(|c| c.loaded.clone())
    }

    /// The source loaded last time from `file`, if the file has `stamp` and
    /// its article folder holds `assets`, as then.
    pub(super) fn recall(&self, file: &Path, stamp: Stamp, assets: &[PathBuf]) -> Option<Loaded> {
        self.entries
            .get(file)
            .filter(|c| c.stamp == stamp && c.assets == assets)
            .map(|c| c.loaded.clone())
    }

    /// Makes the cache hold the sources of the load just made: for each
    /// file a new entry, or `None` where the cached one was used. Other
    /// files (removed, or not parsed this time) are forgotten.
    pub(super) fn replace(
        &mut self,
        loaded: Vec<(PathBuf, Option<Cached>)>,
        listing: Option<Arc<[Found]>>,
    ) {
        self.listing = listing;
        let count = loaded.len();
        let mut files = Vec::with_capacity(count);
        for (file, entry) in loaded {
            if let Some(entry) = entry {
                self.entries.insert(file.clone(), entry);
            }
            files.push(file);
        }
        // Every loaded file has an entry now; more entries mean stale ones
        // (rare: a file was removed or broken), found the slow way.
        if self.entries.len() > count {
            let keep: HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
            self.entries.retain(|file, _| keep.contains(file.as_path()));
        }
    }
}

impl SourceCache {
    /// What the last load read from `file`.
    pub(super) fn entry(&self, file: &Path) -> Option<&Cached> {
        self.entries.get(file)
    }

    /// Makes `entry` what is known of `file`.
    pub(super) fn put(&mut self, file: PathBuf, entry: Cached) {
        self.entries.insert(file, entry);
    }
}

impl Cached {
    pub(super) fn new(stamp: Stamp, assets: Vec<PathBuf>, loaded: Loaded) -> Self {
        Cached {
            stamp,
            assets,
            loaded,
        }
    }

    /// The files of the source's article folder when it was read.
    pub(super) fn assets(&self) -> &[PathBuf] {
        &self.assets
    }

    /// The parsed source.
    pub(super) fn loaded(&self) -> &Loaded {
        &self.loaded
    }
}
