//! The staging folder a build writes into, beside the output, and the
//! commit that swaps it in. A full disk is reported once, with how much was
//! written, however many files could not be: a write that finds the disk
//! full is remembered, later ones are not tried, and the commit refuses.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::swap::{self, Kind};
use super::{absolute, check_output_dir, fault, path_problem, safe_join};
use super::{Contents, OutputFile, Sink, MARKER};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{self, FileAction, OutputRefusal, Text};
use crate::sync::locked;

/// What the marker file says.
const MARKER_TEXT: &[u8] = b"This folder was written by kette; it is replaced on every build.\n";

/// A fresh folder beside the output that a build writes into; it replaces
/// the output only on [`Staging::commit`], and is removed if dropped first.
pub(crate) struct Staging {
    dir: PathBuf,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    written: Mutex<Vec<String>>,
    /// Bytes written so far.
    bytes: AtomicU64,
    /// Files handed to [`Sink::put`], written or not.
    offered: AtomicUsize,
    /// Writes begun (for the test fault of a disk full after N files).
    begun: AtomicUsize,
    /// Set by the first write that found the disk full; later files are
    /// not tried.
    full: AtomicBool,
    committed: bool,
}

impl Staging {
    /// Checks the output folder, repairs what killed builds left beside it
    /// (see `swap`), and creates the staging folder, marked as kette's.
    pub(crate) fn create(root: &Path, output: &Path) -> Result<Staging, Diagnostics> {
        check_output_dir(root, output).map_err(|d| Diagnostics::from_iter([d]))?;
        let output = absolute(output);
        let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
            let shown = output.display().to_string();
            return Err(Diagnostics::from_iter([Diagnostic::file(
                &output,
                messages::output_refused(&shown, OutputRefusal::NoName),
            )]));
        };
        let parent = parent.to_path_buf();
        let name = name.to_string_lossy().into_owned();
        fs::create_dir_all(&parent)
            .map_err(|e| io_problem(&parent, messages::cannot_create_output_folder, e))?;
        swap::repair(&parent, &name)
            .map_err(|e| io_problem(&output, messages::cannot_put_back, e))?;
        let dir = swap::sibling(&parent, &name, Kind::New);
        if fs::symlink_metadata(&dir).is_ok() {
            // `repair` removed it if it were kette's.
            let (message, help) = messages::staging_not_kettes();
            return Err(Diagnostics::from_iter([
                Diagnostic::file(&dir, message).with_help(help)
            ]));
        }
        fs::create_dir(&dir)
            .map_err(|e| io_problem(&dir, messages::cannot_create_output_folder, e))?;
        let staging = Staging {
            dir,
            output,
            parent,
            name,
            written: Default::default(),
            bytes: AtomicU64::new(0),
            offered: AtomicUsize::new(0),
            begun: AtomicUsize::new(0),
            full: AtomicBool::new(false),
            committed: false,
        };
        // Marked from the start, so that a killed build's folder is known
        // as kette's and removed by the next one.
        if let Err(e) = fs::write(staging.dir.join(MARKER), MARKER_TEXT) {
            if is_full(&e) {
                return Err(Diagnostics::from_iter([staging.disk_full()]));
            }
            return Err(io_problem(
                &staging.dir,
                |e| messages::cannot(FileAction::Write, e),
                e,
            ));
        }
        Ok(staging)
    }

    /// The output-relative paths written so far, sorted.
    pub(crate) fn written(&self) -> Vec<String> {
        let mut w = locked(&self.written).clone();
        w.sort();
        w
    }

    /// Swaps the staging folder in for the output. The old output is
    /// removed only after the new one is in place.
    /// Refuses when a file could not be written for want of space.
    pub(crate) fn commit(mut self) -> Result<(), Diagnostics> {
        if self.full.load(Ordering::Relaxed) {
            return Err(Diagnostics::from_iter([self.disk_full()]));
        }
        let exists = fs::symlink_metadata(&self.output).is_ok();
        let result = if exists {
            swap::replace(&self.dir, &self.output, &self.parent, &self.name)
        } else {
            fs::rename(&self.dir, &self.output)
        };
        result.map_err(|e| io_problem(&self.output, messages::cannot_put_in_place, e))?;
        self.committed = true;
        Ok(())
    }

    /// `problems` of a build into this folder, and the full disk if a write
    /// found it full (the other problems may be its consequences).
    pub(crate) fn explain(&self, mut problems: Diagnostics) -> Diagnostics {
        if self.full.load(Ordering::Relaxed) {
            problems.push(self.disk_full());
        }
        problems
    }

    /// The one problem of a full disk: how far the build got.
    fn disk_full(&self) -> Diagnostic {
        let files = locked(&self.written).len();
        let megabytes = self.bytes.load(Ordering::Relaxed) as f64 / 1_000_000.0;
        let offered = self.offered.load(Ordering::Relaxed).max(files);
        let (message, help) = messages::disk_full(
            files,
            megabytes,
            offered,
            &self.output.display().to_string(),
            &self.parent.display().to_string(),
        );
        Diagnostic::file(&self.output, message).with_help(help)
    }

    /// Writes one file, counting what was written; `Err` for a full disk.
    fn write(&self, target: &Path, contents: &Contents) -> io::Result<u64> {
        if let Some(limit) = fault::disk_full_after() {
            if self.begun.fetch_add(1, Ordering::Relaxed) >= limit {
                return Err(io::ErrorKind::StorageFull.into());
            }
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        match contents {
            Contents::Bytes(b) => fs::write(target, b).map(|()| b.len() as u64),
            Contents::Copy(source) => fs::copy(source, target),
        }
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.offered.fetch_add(1, Ordering::Relaxed);
        if self.full.load(Ordering::Relaxed) {
            // Counted, not tried: the commit reports the full disk once.
            return Ok(());
        }
        let Some(target) = safe_join(&self.dir, &file.path) else {
            return Err(Diagnostic::file(&file.path, messages::outside_output()));
        };
        if let Some(problem) = path_problem(&file.path) {
            let source = match &file.contents {
                Contents::Copy(source) => source.clone(),
                Contents::Bytes(_) => PathBuf::from(&file.path),
            };
            return Err(Diagnostic::file(source, problem));
        }
        match self.write(&target, &file.contents) {
            Ok(bytes) => {
                self.bytes.fetch_add(bytes, Ordering::Relaxed);
                locked(&self.written).push(file.path);
                Ok(())
            }
            Err(e) if is_full(&e) => {
                self.full.store(true, Ordering::Relaxed);
                Ok(())
            }
            // Named by the output path, not the staging folder's, which
            // is gone by the time anyone reads the message.
            Err(e) => Err(match &file.contents {
                Contents::Copy(source) => {
                    Diagnostic::file(source, messages::cannot_copy_to(&file.path, &e.to_string()))
                }
                Contents::Bytes(_) => Diagnostic::file(
                    &file.path,
                    messages::cannot_write_into(&self.output.display().to_string(), &e.to_string()),
                ),
            }),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            swap::remove_tree(&self.dir);
        }
    }
}

/// True when an error means there is no space left (or no quota).
fn is_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// One problem with `path`: the message `what` makes of the system's error.
fn io_problem(path: &Path, what: impl Fn(&str) -> Text, e: io::Error) -> Diagnostics {
    Diagnostics::from_iter([Diagnostic::file(path, what(&e.to_string()))])
}
