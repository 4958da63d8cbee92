//! Knowing a source image by its content: a SHA-256 of its bytes (which
//! names its folder in the image cache, see `crate::images`) and its header.
//! Within one process (a `serve` session) both are remembered by path, size
//! and modification time, so rebuilds do not read unchanged photos.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use sha2::{Digest, Sha256};

use super::header::{self, Header};
use crate::messages::Text;
use crate::stamp::Stamp;
use crate::sync::locked;

/// What is known about one source file.
#[derive(Debug, Clone)]
pub(crate) struct Fingerprint {
    /// SHA-256 of the file's bytes.
    pub hash: [u8; 32],
    /// Its header, or why it cannot be read as an image.
    pub header: Result<Header, Text>,
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
pub(crate) fn fingerprint(path: &Path) -> io::Result<Fingerprint> {
    let stamp = Stamp::from_metadata(&fs::metadata(path)?);
    if let Some(r) = locked(remembered()).get(path) {
        if Some(r.stamp) == stamp {
            return Ok(r.fingerprint.clone());
        }
    }
    let bytes = fs::read(path)?;
    let fingerprint = Fingerprint {
        hash: Sha256::digest(&bytes).into(),
        header: header::read_header(&bytes),
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
pub(crate) fn key(content: &[u8; 32], settings: &str) -> String {
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
}
