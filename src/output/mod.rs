//! Writing the output: the site is written into a fresh folder beside the
//! output and swapped in only when every file was written; a failed build
//! leaves the previous output as it was (`Staging`, and `swap` for the
//! exchange and the cleanup after killed builds). kette only replaces
//! folders it created itself (they carry a marker file), and refuses the
//! site root, source folders and `/`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::messages::{self, OutputRefusal, Text};
use crate::sync::{into_inner, locked};

#[doc(hidden)]
pub(crate) mod fault;
mod staging;
mod swap;

pub(crate) use staging::Staging;

/// The file in every output folder that says kette made it.
pub(crate) const MARKER: &str = ".kette-output";

/// The longest name of one file or folder, in bytes (`NAME_MAX` of Linux,
/// and the limit of most other file systems).
pub(crate) const NAME_MAX: usize = 255;

/// The longest path the system accepts, in bytes (`PATH_MAX` of Linux,
/// counting the closing NUL).
pub(crate) const PATH_MAX: usize = 4096;

/// The room kept for the path of the staging folder: an output folder whose
/// staging path is longer is refused, so that every path below it that is
/// at most [`MAX_RELATIVE_PATH`] long fits in [`PATH_MAX`].
pub(crate) const OUTPUT_ROOM: usize = 1024;

/// The longest output path (relative to the output folder) kette writes.
pub(crate) const MAX_RELATIVE_PATH: usize = PATH_MAX - 1 - OUTPUT_ROOM - 1;

/// Why the output file at `relative` (relative to the output folder) cannot
/// be written on common file systems, or `None` when it can.
pub(crate) fn path_problem(relative: &str) -> Option<Text> {
    if let Some(long) = relative.split('/').find(|part| part.len() > NAME_MAX) {
        let shown: String = long.chars().take(40).collect();
        return Some(messages::path_part_too_long(
            &shorten(relative),
            long.len(),
            &shown,
            NAME_MAX,
        ));
    }
    if relative.len() > MAX_RELATIVE_PATH {
        return Some(messages::path_too_long(
            &shorten(relative),
            relative.len(),
            MAX_RELATIVE_PATH,
            PATH_MAX,
        ));
    }
    None
}

/// A long path cut for messages.
fn shorten(path: &str) -> String {
    if path.len() <= 80 {
        return path.to_string();
    }
    let start: String = path.chars().take(40).collect();
    let end: String = {
        let tail: Vec<char> = path.chars().rev().take(30).collect();
        tail.into_iter().rev().collect()
    };
    format!("{start}…{end}")
}

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output root, with `/` separators.
    pub path: String,
    /// What to write.
    pub contents: Contents,
}

/// Where an output file's bytes come from.
#[derive(Debug, Clone)]
pub enum Contents {
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// A file to copy.
    Copy(PathBuf),
}

impl OutputFile {
    /// A file with the given bytes.
    pub fn bytes(path: String, bytes: Vec<u8>) -> Self {
        OutputFile {
            path,
            contents: Contents::Bytes(bytes),
        }
    }
    /// A file copied from `source`.
    pub fn copy(path: String, source: PathBuf) -> Self {
        OutputFile {
            path,
            contents: Contents::Copy(source),
        }
    }
}

/// Checks that `output` may be written by a build of the site at `root`.
pub(crate) fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let shown = output.display().to_string();
    let refuse = |why| Diagnostic::file(output, messages::output_refused(&shown, why));
    let root = absolute(root);
    let out = absolute(output);
    if out.parent().is_none() {
        return Err(refuse(OutputRefusal::FileSystemRoot));
    }
    if out == root {
        return Err(refuse(OutputRefusal::SiteRoot));
    }
    if root.starts_with(&out) {
        return Err(refuse(OutputRefusal::ContainsSite));
    }
    for source in ["content", "static", "templates", "themes"] {
        if out.starts_with(root.join(source)) {
            return Err(refuse(OutputRefusal::InsideSource(source)));
        }
    }
    // `.NAME.kette-new-PID` beside it: the longest path kette makes there.
    let staging_length = out.as_os_str().len() + ".kette-new-4294967295".len() + 2;
    if staging_length > OUTPUT_ROOM {
        return Err(refuse(OutputRefusal::TooLong(
            out.as_os_str().len(),
            out.as_os_str().len() + OUTPUT_ROOM - staging_length,
            PATH_MAX,
        )));
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(refuse(OutputRefusal::IsAFile));
        }
        let empty = fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).is_file() {
            return Err(refuse(OutputRefusal::NotKettes).with_help(messages::choose_empty_folder()));
        }
    }
    Ok(())
}

/// `path` made absolute and free of `.` and `..`, without touching the disk
/// beyond the current directory (the folder may not exist yet).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve symlinks of the existing part, so `/tmp` and `/private/tmp` agree.
    let joined = match joined.canonicalize() {
        Ok(p) => p,
        Err(_) => match (joined.parent(), joined.file_name()) {
            (Some(parent), Some(name)) => parent
                .canonicalize()
                .map(|p| p.join(name))
                .unwrap_or(joined.clone()),
            _ => joined.clone(),
        },
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Where rendered files go as they are made: a staging folder for builds,
/// memory for `check` and `serve`.
pub(crate) trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Collects files in memory.
#[derive(Default)]
pub(crate) struct MemorySink {
    files: std::sync::Mutex<Vec<OutputFile>>,
}

impl MemorySink {
    /// The collected files, sorted by path (the order files are made in
    /// varies between runs; the result does not).
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        let mut files = into_inner(self.files);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for MemorySink {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        locked(&self.files).push(file);
        Ok(())
    }
}

/// `dir/relative`, or `None` when `relative` would leave `dir`.
pub(crate) fn safe_join(dir: &Path, relative: &str) -> Option<PathBuf> {
    let path = Path::new(relative);
    if relative.contains('\\') {
        return None;
    }
    let mut out = dir.to_path_buf();
    for c in path.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (out != dir).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output() {
        let d = Path::new("/out");
        assert_eq!(
            safe_join(d, "a/b.html"),
            Some(PathBuf::from("/out/a/b.html"))
        );
        assert_eq!(safe_join(d, "../x"), None);
        assert_eq!(safe_join(d, "/etc/passwd"), None);
        assert_eq!(safe_join(d, "a\\..\\x"), None);
    }
}
