//! The image cache: processed images are kept in `<site>/.kette-cache/images/`,
//! one folder per source image and settings (named by a SHA-256 of both), one
//! file per size (`480.jpg`, `og.jpg`). Builds and `serve` copy from it, so
//! a photo is processed once, not once a build. Files appear atomically
//! (written under a temporary name, then renamed), so an interrupted build or
//! two kette processes at once never leave half a file; the folder can be
//! deleted at any time.
//!
//! Source files are hashed to find their folder. Within one process (a
//! `serve` session) the hash and header of a file are remembered by path,
//! size and modification time, so rebuilds do not read unchanged photos.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use sha2::{Digest, Sha256};

use super::process::{self, Header};
use crate::stamp::Stamp;
use crate::sync::locked;

/// The folder below the cache folder that holds processed images.
pub const IMAGES_DIR: &str = "images";

/// What is known about one source file.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// SHA-256 of the file's bytes.
    pub hash: [u8; 32],
    /// Its header, or why it cannot be read as an image.
    pub header: Result<Header, String>,
}

#[derive(Debug, Clone)]
struct Remembered {
    stamp: Stamp,
    fingerprint: Fingerprint,
}

fn remembered() -> &'static Mutex<HashMap<PathBuf, Remembered>> {
    static MEMO: OnceLock<Mutex<HashMap<PathBuf, Remembered>>> = OnceLock::new();
    MEMO.get_or_init(Default::default)
}

/// Hashes `path` and reads its header, or recalls both when the file's size
/// and modification time are as they were.
pub fn fingerprint(path: &Path) -> io::Result<Fingerprint> {
    let stamp = Stamp::from_metadata(&fs::metadata(path)?);
    if let Some(r) = locked(remembered()).get(path) {
        if Some(r.stamp) == stamp {
            return Ok(r.fingerprint.clone());
        }
    }
    let bytes = fs::read(path)?;
    let fingerprint = Fingerprint {
        hash: Sha256::digest(&bytes).into(),
        header: process::read_header(&bytes),
    };
    // Without a modification time a file is read every time.
    if let Some(stamp) = stamp {
        let remembered_now = Remembered {
            stamp,
            fingerprint: fingerprint.clone(),
        };
        locked(remembered()).insert(path.to_path_buf(), remembered_now);
    }
    Ok(fingerprint)
}

/// The cache key of a source: its content hash and everything that changes
/// what is made of it, as 64 hex digits.
pub fn key(content: &[u8; 32], settings: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"kette images 1\n");
    hasher.update(settings.as_bytes());
    hasher.update(b"\n");
    hasher.update(content);
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the files of one source live in the cache.
pub fn entry_dir(cache: &Path, key: &str) -> PathBuf {
    cache.join(IMAGES_DIR).join(key)
}

/// Writes `bytes` to `path` so that the file appears whole or not at all.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
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
    fn keys_change_with_content_and_settings() {
        let a = key(&[0; 32], "w=480,960 q=80");
        assert_eq!(a.len(), 64);
        assert_eq!(a, key(&[0; 32], "w=480,960 q=80"));
        assert_ne!(a, key(&[1; 32], "w=480,960 q=80"));
        assert_ne!(a, key(&[0; 32], "w=480,960 q=81"));
    }

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
