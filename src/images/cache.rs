//! The image cache: processed images are kept in `<site>/.kette-cache/images/`,
//! one folder per source image and settings (named by a SHA-256 of both), one
//! file per size (`480.jpg`, `og.jpg`). Builds and `serve` copy from it, so
//! a photo is processed once, not once a build. Files appear atomically
//! (written under a temporary name, then renamed), so an interrupted build or
//! two kette processes at once never leave half a file; the folder can be
//! deleted at any time.
//!
//! Source files are hashed to find their folder (`crate::catalog`'s
//! fingerprints).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The folder below the cache folder that holds processed images.
pub(super) const IMAGES_DIR: &str = "images";

/// Where the files of one source live in the cache.
pub(super) fn entry_dir(cache: &Path, key: &str) -> PathBuf {
    cache.join(IMAGES_DIR).join(key)
}

/// Writes `bytes` to `path` so that the file appears whole or not at all.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/480.jpg");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["480.jpg"], "no temporary files are left");
    }
}
