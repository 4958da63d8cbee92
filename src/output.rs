//! Writing the output (SPEC §9 "Nothing lost"): the site is written into a
//! fresh folder beside the output and swapped in only when every file was
//! written; a failed build leaves the previous output as it was. kette only
//! replaces folders it created itself (they carry a marker file), and
//! refuses the site root, source folders and `/`.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::sync::{into_inner, locked};

/// The file in every output folder that says kette made it.
pub const MARKER: &str = ".kette-output";

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
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let refuse = |why: &str| {
        Diagnostic::file(
            output,
            format!(
                "refusing to use {} as the output folder: {why}",
                output.display()
            ),
        )
    };
    let root = absolute(root);
    let out = absolute(output);
    if out.parent().is_none() {
        return Err(refuse("it is the file system root"));
    }
    if out == root {
        return Err(refuse("it is the site root"));
    }
    if root.starts_with(&out) {
        return Err(refuse("it contains the site"));
    }
    for source in ["content", "static", "templates", "themes"] {
        if out.starts_with(root.join(source)) {
            return Err(refuse(&format!("it is inside the source folder {source}/")));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(refuse("it is a file"));
        }
        let empty = fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).is_file() {
            return Err(refuse("it is not empty and kette did not create it")
                .with_help("choose an empty or new folder"));
        }
    }
    Ok(())
}

/// `path` made absolute and free of `.` and `..`, without touching the disk
/// beyond the current directory (the folder may not exist yet).
pub fn absolute(path: &Path) -> PathBuf {
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
pub trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Collects files in memory.
#[derive(Default)]
pub struct MemorySink {
    files: std::sync::Mutex<Vec<OutputFile>>,
}

impl MemorySink {
    /// The collected files, sorted by path (the order files are made in
    /// varies between runs; the result does not).
    pub fn into_files(self) -> Vec<OutputFile> {
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

/// A fresh folder beside the output that a build writes into; it replaces
/// the output only on [`Staging::commit`], and is removed if dropped first.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    written: std::sync::Mutex<Vec<String>>,
    committed: bool,
}

impl Staging {
    /// Checks the output folder and creates the staging folder beside it.
    pub fn create(root: &Path, output: &Path) -> Result<Staging, Diagnostics> {
        check_output_dir(root, output).map_err(|d| Diagnostics::from_iter([d]))?;
        let output = absolute(output);
        let parent = output
            .parent()
            .expect("checked: not the root")
            .to_path_buf();
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent).map_err(|e| io_problem(&parent, e))?;
        let dir = parent.join(format!(".{name}.kette-new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_problem(&dir, e))?;
        }
        fs::create_dir(&dir).map_err(|e| io_problem(&dir, e))?;
        Ok(Staging {
            dir,
            output,
            written: Default::default(),
            committed: false,
        })
    }

    /// The output-relative paths written so far, sorted.
    pub fn written(&self) -> Vec<String> {
        let mut w = locked(&self.written).clone();
        w.sort();
        w
    }

    /// Marks the staging folder as kette's and swaps it in for the output.
    /// The old output is removed only after the new one is in place.
    pub fn commit(mut self) -> Result<(), Diagnostics> {
        fs::write(
            self.dir.join(MARKER),
            b"This folder was written by kette; it is replaced on every build.\n",
        )
        .map_err(|e| io_problem(&self.dir, e))?;
        let parent = self
            .output
            .parent()
            .expect("checked: not the root")
            .to_path_buf();
        let name = self
            .output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if self.output.exists() {
            let old = parent.join(format!(".{name}.kette-old-{}", std::process::id()));
            if old.exists() {
                fs::remove_dir_all(&old).map_err(|e| io_problem(&old, e))?;
            }
            fs::rename(&self.output, &old).map_err(|e| io_problem(&self.output, e))?;
            if let Err(e) = fs::rename(&self.dir, &self.output) {
                // Put the old site back; the new one is lost, the old one is not.
                let _ = fs::rename(&old, &self.output);
                return Err(io_problem(&self.output, e));
            }
            self.committed = true;
            remove_tree(&old);
        } else {
            fs::rename(&self.dir, &self.output).map_err(|e| io_problem(&self.output, e))?;
            self.committed = true;
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let Some(target) = safe_join(&self.dir, &file.path) else {
            return Err(Diagnostic::file(
                &file.path,
                "refusing to write outside the output folder",
            ));
        };
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::file(parent, format!("cannot create folder: {e}")))?;
        }
        let result = match &file.contents {
            Contents::Bytes(b) => fs::write(&target, b),
            Contents::Copy(source) => fs::copy(source, &target).map(|_| ()),
        };
        result.map_err(|e| match &file.contents {
            Contents::Copy(source) => {
                Diagnostic::file(source, format!("cannot copy to {}: {e}", file.path))
            }
            Contents::Bytes(_) => Diagnostic::file(&target, format!("cannot write: {e}")),
        })?;
        locked(&self.written).push(file.path);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes a folder tree kette made, entries in parallel (large sites have
/// tens of thousands of files). Symbolic links are removed, never followed.
fn remove_tree(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        // The folder listing says what each entry is (without following a
        // link), so no entry needs a call of its own to find out.
        let entries: Vec<(PathBuf, bool)> = entries
            .filter_map(Result::ok)
            .map(|e| {
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                (e.path(), is_dir)
            })
            .collect();
        entries.par_iter().for_each(|(p, is_dir)| {
            if *is_dir {
                remove_tree(p);
            } else {
                let _ = fs::remove_file(p);
            }
        });
    }
    let _ = fs::remove_dir(dir);
}

fn io_problem(path: &Path, e: io::Error) -> Diagnostics {
    Diagnostics::from_iter([Diagnostic::file(path, format!("cannot write: {e}"))])
}

/// Writes `files` as the new content of `output`, atomically from the
/// reader's point of view: either the whole new site or the old one.
pub fn write_site(root: &Path, output: &Path, files: &[OutputFile]) -> Result<(), Diagnostics> {
    let staging = Staging::create(root, output)?;
    let problems: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|f| staging.put(f.clone()).err())
        .collect();
    if !problems.is_empty() {
        return Err(problems.into_iter().collect());
    }
    staging.commit()
}

/// Writes every file below `dir`, in parallel.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<(), Diagnostics> {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| safe_join(dir, &f.path).and_then(|p| p.parent().map(Path::to_path_buf)))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(|e| {
            Diagnostics::from_iter([Diagnostic::file(
                folder,
                format!("cannot create folder: {e}"),
            )])
        })?;
    }
    let problems: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|f| {
            let Some(target) = safe_join(dir, &f.path) else {
                return Some(Diagnostic::file(
                    &f.path,
                    "refusing to write outside the output folder",
                ));
            };
            let result = match &f.contents {
                Contents::Bytes(b) => fs::write(&target, b),
                Contents::Copy(source) => fs::copy(source, &target).map(|_| ()),
            };
            result.err().map(|e| match &f.contents {
                Contents::Copy(source) => {
                    Diagnostic::file(source, format!("cannot copy to {}: {e}", f.path))
                }
                Contents::Bytes(_) => Diagnostic::file(&target, format!("cannot write: {e}")),
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into_iter().collect())
    }
}

/// `dir/relative`, or `None` when `relative` would leave `dir`.
pub fn safe_join(dir: &Path, relative: &str) -> Option<PathBuf> {
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
