//! Putting a finished site in place of the output, and cleaning up after
//! builds that were killed or interrupted.
//!
//! The swap is one atomic exchange of the two folders where the system has
//! one (Linux `renameat2` with `RENAME_EXCHANGE`, macOS `RENAME_SWAP`), so
//! the output path always holds a complete site. Elsewhere, or on file
//! systems without it, it is two renames (output → `.NAME.kette-old-PID`,
//! staging → output); a build killed between them leaves no output, and the
//! next build puts the old one back ([`repair`]).
//!
//! Every folder kette leaves beside the output is named
//! `.NAME.kette-new-PID` or `.NAME.kette-old-PID` and carries the
//! [`MARKER`] file from the moment it is made until it is removed (the
//! marker goes last). Such a folder whose process is gone is a leftover and
//! removed by the next build; a folder without the marker is never touched,
//! whatever its name.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::fault;
use super::MARKER;

/// What a folder beside the output is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A build's staging folder (or, after an exchange, the old output
    /// waiting to be removed).
    New,
    /// The old output, moved aside by the two-rename fallback.
    Old,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::New => "new",
            Kind::Old => "old",
        }
    }
}

/// The name of this process's folder of `kind` beside the output `name`.
pub(super) fn sibling(parent: &Path, name: &str, kind: Kind) -> PathBuf {
    parent.join(format!(
        ".{name}.kette-{}-{}",
        kind.word(),
        std::process::id()
    ))
}

/// The kind and process id in a sibling folder's name, if it is one of
/// `name`'s.
fn parse_sibling(file_name: &str, name: &str) -> Option<(Kind, u32)> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let rest = rest.strip_prefix(".kette-")?;
    let (kind, pid) = if let Some(pid) = rest.strip_prefix("new-") {
        (Kind::New, pid)
    } else {
        (Kind::Old, rest.strip_prefix("old-")?)
    };
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((kind, pid.parse().ok()?))
}

/// True while the process `pid` may still be running a build; this process
/// counts as gone (a folder with its id is from an earlier process that had
/// the same id, or from this one, which is not using it now).
fn may_be_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        // EPERM: it exists, under another user.
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        // Without a way to ask, a folder is left alone: it may be in use.
        true
    }
}

/// True when `dir` is a real folder (not a link) with kette's marker.
pub(super) fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Repairs what killed or interrupted builds left beside the output
/// `parent/name`: when the output is missing and an old output was moved
/// aside, it is put back; then every marked leftover is removed (an empty
/// folder of the same name too: a build killed before it wrote the marker).
/// Folders of builds still running, and unmarked ones, are left alone.
pub(super) fn repair(parent: &Path, name: &str) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<(Kind, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file_name = e.file_name();
            let (kind, pid) = parse_sibling(file_name.to_str()?, name)?;
            (!may_be_running(pid)).then(|| (kind, e.path()))
        })
        .collect();
    let output = parent.join(name);
    if fs::symlink_metadata(&output).is_err() {
        // An old output moved aside is complete; the newest one is restored.
        let newest = leftovers
            .iter()
            .enumerate()
            .filter(|(_, (kind, dir))| *kind == Kind::Old && is_marked(dir))
            .max_by_key(|(_, (_, dir))| fs::metadata(dir).and_then(|m| m.modified()).ok())
            .map(|(i, _)| i);
        if let Some(i) = newest {
            let (_, old) = leftovers.remove(i);
            fs::rename(&old, &output)?;
        }
    }
    for (_, dir) in leftovers {
        if is_marked(&dir) {
            remove_tree(&dir);
        } else {
            // Only an empty folder: never anything kette did not mark.
            let _ = fs::remove_dir(&dir);
        }
    }
    Ok(())
}

/// Puts the finished `staging` folder in place of the existing `output`;
/// the old output is removed afterwards. On error the output is as it was.
pub(super) fn replace(staging: &Path, output: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if !fault::active(fault::NO_EXCHANGE) {
        match exchange(staging, output) {
            Ok(()) => {
                // `staging` now holds the old output, marker and all.
                fault::stop_if(fault::STOP_AFTER_SWAP);
                remove_tree(staging);
                return Ok(());
            }
            Err(e) if !unsupported(&e) => return Err(e),
            Err(_) => {}
        }
    }
    let old = sibling(parent, name, Kind::Old);
    fs::rename(output, &old)?;
    fault::stop_if(fault::STOP_AFTER_FIRST_RENAME);
    if let Err(e) = fs::rename(staging, output) {
        // Put the old site back; the new one is lost, the old one is not.
        let _ = fs::rename(&old, output);
        return Err(e);
    }
    fault::stop_if(fault::STOP_AFTER_SWAP);
    remove_tree(&old);
    Ok(())
}

/// Exchanges two folders in one step.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Systems without an atomic exchange use the two renames.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// True when an exchange failed because the system or file system cannot
/// do one (old kernels, some network and FUSE file systems).
fn unsupported(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        if let Some(errno) = Errno::from_io_error(e) {
            return [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP, Errno::NOTSUP].contains(&errno);
        }
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// Removes a folder tree kette made, entries in parallel (large sites have
/// tens of thousands of files). Symbolic links are removed, never followed.
/// The marker goes last, so that a removal cut short leaves a folder the
/// next build still recognises as kette's.
pub(super) fn remove_tree(dir: &Path) {
    remove_entries(dir, true);
    let _ = fs::remove_file(dir.join(MARKER));
    let _ = fs::remove_dir(dir);
}

fn remove_entries(dir: &Path, keep_marker: bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    // The folder listing says what each entry is (without following a
    // link), so no entry needs a call of its own to find out.
    let entries: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|e| !(keep_marker && e.file_name() == MARKER))
        .map(|e| {
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (e.path(), is_dir)
        })
        .collect();
    entries.par_iter().for_each(|(p, is_dir)| {
        if *is_dir {
            remove_entries(p, false);
            let _ = fs::remove_dir(p);
        } else {
            let _ = fs::remove_file(p);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sibling_names_are_recognised_only_for_their_output() {
        assert_eq!(
            parse_sibling(".public.kette-new-123", "public"),
            Some((Kind::New, 123))
        );
        assert_eq!(
            parse_sibling(".public.kette-old-9", "public"),
            Some((Kind::Old, 9))
        );
        for other in [
            ".public.kette-new-",
            ".public.kette-new-12x",
            ".public.kette-mid-12",
            ".site.kette-new-12",
            "public",
            ".public",
        ] {
            assert_eq!(parse_sibling(other, "public"), None, "{other}");
        }
        let mine = sibling(Path::new("/x"), "public", Kind::Old);
        let name = mine.file_name().unwrap().to_str().unwrap();
        assert_eq!(
            parse_sibling(name, "public"),
            Some((Kind::Old, std::process::id()))
        );
    }
}
