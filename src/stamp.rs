//! What identifies a version of a file without reading it: its size and
//! modification time. Kept by the caches that spare `serve` reading
//! unchanged files (sources, static files, photos).

use std::fs::Metadata;
use std::path::Path;
use std::time::SystemTime;

/// A file's size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    /// The stamp of the file at `path`; `None` when it cannot be read or
    /// the file system keeps no modification time (then the file must be
    /// read every time).
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        Stamp::from_metadata(&std::fs::metadata(path).ok()?)
    }

    /// The stamp in `meta`; `None` without a modification time.
    pub(crate) fn from_metadata(meta: &Metadata) -> Option<Stamp> {
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }
}
