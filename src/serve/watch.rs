//! Watching a site's sources with notify, debounced so that one save is one
//! rebuild however the editor saves.
//!
//! What is watched: the site root itself (not recursively: `site.yaml` and
//! the appearance or removal of the source folders) and each source folder
//! (`content/`, `static/`, `templates/`, `themes/`) recursively. Everything
//! else at the root — the output `public/`, `target/`, `.git/`,
//! `node_modules/` — is never watched, so a site that is also a code
//! repository costs no watches and no rebuilds for its build artefacts.
//!
//! What counts as a change: any event but a mere access, on a path whose
//! every part is not an editor's or system's scratch name
//! (`is_ignored_name`: `.swp`, `~`, `.#…`, dot files), and not a file
//! created and removed again within the debounce window (vim's `4913` probe,
//! temporary files of write-then-rename saves).
//!
//! Folders: a source folder deleted and created again is watched again; a
//! new folder anywhere is reported with [`Batch::folders_created`], so the
//! caller rescans a moment later (a file created right after its folder can
//! be missed by the watcher).
//!
//! Symbolic links are not followed by the recursive watches (a link to `/`
//! would put a watch on every folder of the system). A link in a source
//! folder to a folder inside the site gets a watch of its own when its
//! source folder is (re)watched; one that leaves the site is never watched
//! (the build reports it).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::{CreateKind, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};

use crate::config::CONFIG_FILE;
use crate::content::is_ignored_name;
use crate::messages::{self, Text};

/// The folders of a site whose changes matter, relative to its root.
pub(crate) const SOURCE_DIRS: [&str; 4] = ["content", "static", "templates", "themes"];

/// When this environment variable is set, every raw (debounced) event is
/// printed to stderr: to see what an editor does when it saves.
pub(crate) const TRACE_VARIABLE: &str = "KETTE_WATCH_TRACE";

/// How long an event waits before it is reported, so that the events of one
/// save arrive together. Editors finish a save (write, rename, delete the
/// backup) within a few milliseconds; every millisecond here is added to
/// the time from saving to seeing the page, which `serve` aims to keep
/// under 200 ms.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(25);

/// How often the debouncer reports the events that have waited long enough.
const TICK: Duration = Duration::from_millis(5);

/// The events of one save may be reported one tick apart; whatever follows
/// a report this soon belongs to the same change.
const SETTLE: Duration = Duration::from_millis(8);

/// The longest a stream of changes (a tool writing many files) is gathered
/// into one batch.
const MAX_GATHER: Duration = Duration::from_millis(500);

/// Changes seen together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// Changed source paths, relative to the root, sorted, without repeats.
    pub sources: Vec<PathBuf>,
    /// True when a folder was created (rescan soon).
    pub folders_created: bool,
    /// True when the system lost events (its queue overflowed): what changed
    /// is unknown, every source must be read again.
    pub events_lost: bool,
    /// Problems of the watcher itself (e.g. too many watches).
    pub errors: Vec<Text>,
}

impl Batch {
    /// True when nothing relevant happened.
    pub(crate) fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && !self.folders_created
            && !self.events_lost
            && self.errors.is_empty()
    }
}

/// What waiting for changes gave.
#[derive(Debug)]
pub enum Next {
    /// Relevant changes.
    Changes(Batch),
    /// Nothing relevant happened in time.
    Idle,
    /// The watcher stopped; no more changes will come.
    Closed,
}

/// A running watcher of one site.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
    /// Links to folders inside the site that have watches of their own.
    links: Vec<PathBuf>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl Watcher {
    /// Starts watching the site at `root`.
    pub fn start(root: &Path) -> Result<Watcher, Text> {
        let root = root.canonicalize().map_err(|e| cannot_watch(root, &e))?;
        let (sender, events) = mpsc::channel();
        let mut debouncer = new_debouncer_opt(
            DEBOUNCE,
            Some(TICK),
            sender,
            RecommendedCache::new(),
            notify::Config::default().with_follow_symlinks(false),
        )
        .map_err(|e| messages::cannot_start_watcher(&e.to_string()))?;
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot_watch(&root, &e))?;
        let mut watcher = Watcher {
            debouncer,
            events,
            root,
            links: Vec::new(),
        };
        let problems = watcher.rewatch(&SOURCE_DIRS.map(PathBuf::from));
        if let Some(first) = problems.into_iter().next() {
            return Err(first);
        }
        Ok(watcher)
    }

    /// Waits up to `timeout` for changes and returns all that arrived.
    pub fn next(&mut self, timeout: Duration) -> Next {
        let first = match self.events.recv_timeout(timeout) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => return Next::Idle,
            Err(RecvTimeoutError::Disconnected) => return Next::Closed,
        };
        let mut results = vec![first];
        let gathering = std::time::Instant::now();
        while gathering.elapsed() < MAX_GATHER {
            match self.events.recv_timeout(SETTLE) {
                Ok(more) => results.push(more),
                Err(_) => break,
            }
        }

        let mut events = Vec::new();
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(batch) => {
                    if std::env::var_os(TRACE_VARIABLE).is_some() {
                        for e in &batch {
                            let _ = writeln!(
                                std::io::stderr(),
                                "watch: {:?} {:?}",
                                e.event.kind,
                                e.event.paths
                            );
                        }
                    }
                    events.extend(batch.into_iter().map(|e| e.event))
                }
                Err(problems) => errors.extend(
                    problems
                        .into_iter()
                        .map(|e| messages::watcher_problem(&e.to_string())),
                ),
            }
        }
        let mut batch = classify(&self.root, &events, |p| p.exists());
        batch.errors.extend(errors);

        // A source folder that was created, removed or renamed is watched anew.
        let top = moved_source_dirs(&self.root, &events);
        if !top.is_empty() {
            batch.errors.extend(self.rewatch(&top));
        }
        if batch.is_empty() {
            Next::Idle
        } else {
            Next::Changes(batch)
        }
    }

    /// (Re)watches the given top-level source folders that exist.
    fn rewatch(&mut self, folders: &[PathBuf]) -> Vec<Text> {
        let mut problems = Vec::new();
        for folder in folders {
            let path = self.root.join(folder);
            // The old watch may be stale (folder deleted); forget it first.
            let _ = self.debouncer.unwatch(&path);
            let (stale, kept) = self.links.drain(..).partition(|l| l.starts_with(&path));
            self.links = kept;
            for link in stale {
                let _ = self.debouncer.unwatch(&link);
            }
            if path.is_dir() {
                if let Err(e) = self.debouncer.watch(&path, RecursiveMode::Recursive) {
                    problems.push(cannot_watch(&path, &e));
                }
                for link in links_inside(&self.root, &path) {
                    // A recursive watch leaves out the linked folder itself
                    // (notify sees a link there, not a folder): it gets a
                    // watch of its own.
                    let watched = self
                        .debouncer
                        .watch(&link, RecursiveMode::NonRecursive)
                        .and_then(|()| self.debouncer.watch(&link, RecursiveMode::Recursive));
                    match watched {
                        Ok(()) => self.links.push(link),
                        Err(e) => problems.push(cannot_watch(&link, &e)),
                    }
                }
            }
        }
        problems
    }
}

/// "cannot watch PATH: why".
fn cannot_watch(path: &Path, error: &dyn std::fmt::Display) -> Text {
    messages::cannot_watch(&path.display().to_string(), &error.to_string())
}

/// The links below `folder` (not through other links) to folders inside
/// the site at `root` (a canonical path), outside `folder` itself (those
/// are watched already).
fn links_inside(root: &Path, folder: &Path) -> Vec<PathBuf> {
    let real_folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    walkdir::WalkDir::new(folder)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !is_ignored_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.path_is_symlink())
        .filter(|e| {
            e.path().canonicalize().is_ok_and(|target| {
                target.is_dir() && target.starts_with(root) && !target.starts_with(&real_folder)
            })
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// The relevant changes among `events` below `root`; `exists` tells whether
/// a path exists now.
pub(crate) fn classify(
    root: &Path,
    events: &[notify::Event],
    exists: impl Fn(&Path) -> bool,
) -> Batch {
    #[derive(Default)]
    struct Seen {
        created: bool,
        folder: bool,
    }
    let mut paths: BTreeMap<PathBuf, Seen> = BTreeMap::new();
    let mut events_lost = false;
    for event in events {
        events_lost |= event.need_rescan();
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        for path in &event.paths {
            let Some(relative) = relevant(root, path) else {
                continue;
            };
            let seen = paths.entry(relative).or_default();
            if let EventKind::Create(kind) = event.kind {
                seen.created = true;
                seen.folder |= kind == CreateKind::Folder;
            }
        }
    }
    let mut batch = Batch {
        events_lost,
        ..Batch::default()
    };
    for (relative, seen) in paths {
        let present = exists(&root.join(&relative));
        if seen.created && !present {
            // Created and gone again: a temporary file.
            continue;
        }
        batch.folders_created |= seen.folder && present;
        batch.sources.push(relative);
    }
    batch
}

/// The top-level source folders that were created, removed or renamed, and
/// so need a new watch. Other events on them (a rebuild opening them to read,
/// a changed time) do not: watching again opens a short gap in which changes
/// could be missed.
pub(crate) fn moved_source_dirs(root: &Path, events: &[notify::Event]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(ModifyKind::Name(_))
            )
        })
        .flat_map(|e| e.paths.iter())
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| SOURCE_DIRS.iter().any(|d| *rel == Path::new(d)))
        .map(Path::to_path_buf)
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// `path` relative to `root` when a change there matters to the site.
pub(crate) fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_string_lossy()),
            _ => return None,
        }
    }
    let first = parts.first()?;
    if parts.len() == 1 && first == CONFIG_FILE {
        return Some(relative.to_path_buf());
    }
    if !SOURCE_DIRS.contains(&first.as_ref()) {
        return None;
    }
    if parts.iter().any(|p| is_ignored_name(p) || p == "4913") {
        return None;
    }
    Some(relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, DataChange, RemoveKind, RenameMode};
    use notify::Event;

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths
            .iter()
            .fold(Event::new(kind), |e, p| e.add_path(PathBuf::from(p)))
    }

    #[test]
    fn only_sources_matter() {
        let root = Path::new("/site");
        assert_eq!(
            relevant(root, Path::new("/site/site.yaml")),
            Some(PathBuf::from("site.yaml"))
        );
        assert_eq!(
            relevant(root, Path::new("/site/content/news/a.md")),
            Some(PathBuf::from("content/news/a.md"))
        );
        assert_eq!(
            relevant(root, Path::new("/site/themes/x/static/s.css")),
            Some(PathBuf::from("themes/x/static/s.css"))
        );
        for ignored in [
            "/site/public/index.html",
            "/site/target/debug/kette",
            "/site/.git/index",
            "/site/README.md",
            "/site/content/news/.a.md.swp",
            "/site/content/news/a.md~",
            "/site/content/news/.#a.md",
            "/site/content/news/4913",
            "/site",
            "/elsewhere/site.yaml",
        ] {
            assert_eq!(relevant(root, Path::new(ignored)), None, "{ignored}");
        }
    }

    #[test]
    fn editor_saves_become_one_change() {
        let root = Path::new("/site");
        // vim: probe file, backup, write in place, swap file.
        let events = [
            event(
                EventKind::Create(CreateKind::File),
                &["/site/content/news/4913"],
            ),
            event(
                EventKind::Remove(RemoveKind::File),
                &["/site/content/news/4913"],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/site/content/news/a.md", "/site/content/news/a.md~"],
            ),
            event(
                EventKind::Create(CreateKind::File),
                &["/site/content/news/a.md"],
            ),
            event(
                EventKind::Modify(ModifyKind::Any),
                &["/site/content/news/.a.md.swp"],
            ),
            event(
                EventKind::Access(AccessKind::Any),
                &["/site/content/news/a.md"],
            ),
        ];
        let batch = classify(root, &events, |p| p == Path::new("/site/content/news/a.md"));
        assert_eq!(batch.sources, [PathBuf::from("content/news/a.md")]);
        assert!(!batch.folders_created);
    }

    #[test]
    fn temporary_files_and_accesses_are_not_changes() {
        let root = Path::new("/site");
        let events = [
            event(
                EventKind::Create(CreateKind::File),
                &["/site/content/news/tmpXYZ"],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::From)),
                &["/site/content/news/tmpXYZ"],
            ),
            event(EventKind::Access(AccessKind::Any), &["/site/site.yaml"]),
        ];
        assert!(classify(root, &events, |_| false).is_empty());
    }

    #[test]
    fn only_moved_source_folders_are_watched_anew() {
        let root = Path::new("/site");
        // A rebuild reads the folders: no new watch (that would open a gap).
        let reading = [
            event(EventKind::Access(AccessKind::Any), &["/site/content"]),
            event(
                EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                &["/site/static"],
            ),
            event(
                EventKind::Create(CreateKind::File),
                &["/site/content/news/a.md"],
            ),
        ];
        assert!(moved_source_dirs(root, &reading).is_empty());
        let moved = [
            event(EventKind::Remove(RemoveKind::Folder), &["/site/content"]),
            event(EventKind::Create(CreateKind::Folder), &["/site/content"]),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::To)),
                &["/site/static"],
            ),
            event(EventKind::Create(CreateKind::Folder), &["/site/public"]),
        ];
        assert_eq!(
            moved_source_dirs(root, &moved),
            [PathBuf::from("content"), PathBuf::from("static")]
        );
    }

    #[test]
    fn lost_events_ask_for_a_rescan() {
        let root = Path::new("/site");
        let lost = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        let batch = classify(root, &[lost], |_| true);
        assert!(batch.events_lost && batch.sources.is_empty() && !batch.is_empty());
        let edit = event(
            EventKind::Modify(ModifyKind::Any),
            &["/site/content/news/a.md"],
        );
        assert!(!classify(root, &[edit], |_| true).events_lost);
    }

    #[test]
    fn new_folders_ask_for_a_rescan() {
        let root = Path::new("/site");
        let events = [event(
            EventKind::Create(CreateKind::Folder),
            &["/site/content/news/2024-01-01-x"],
        )];
        let batch = classify(root, &events, |_| true);
        assert!(batch.folders_created);
        assert_eq!(batch.sources, [PathBuf::from("content/news/2024-01-01-x")]);
    }
}
