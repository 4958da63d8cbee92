//! Trust at the output boundary (issue 20): the output swap survives a kill
//! at any moment and the next build cleans up after it; a full disk is one
//! problem; links out of the site are reported once and never entered;
//! slugs too long for the file system are reported on their source file.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{snapshot, Fixture};

/// Runs `kette build` on `root` into `out`, with the test faults `faults`.
fn kette_build(root: &Path, out: &Path, faults: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("NO_COLOR", "1")
        .env("KETTE_FAULT", faults)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The names in `parent` other than `keep`: what builds left behind.
fn leftovers(parent: &Path, keep: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect();
    names.sort();
    names
}

/// A site in two versions, each with a built reference output.
struct TwoVersions {
    site: Fixture,
    parent: tempfile::TempDir,
    a: BTreeMap<String, Vec<u8>>,
    b: BTreeMap<String, Vec<u8>>,
}

impl TwoVersions {
    /// The small network, version A with "Ein alter Bericht", B without it
    /// and with a new article; `extra` articles more in both.
    fn new(extra: usize) -> Self {
        let site = Fixture::new().with_small_network();
        for i in 0..extra {
            site.write(
                &format!("content/news/2020-01-01-artikel-{i}.md"),
                &format!(
                    "---\ntitle: \"Artikel {i}\"\ntopics: [Thema {}]\n---\n{}\n",
                    i % 40,
                    "Ein Absatz mit etwas Text. ".repeat(40)
                ),
            );
        }
        let parent = tempfile::tempdir().unwrap();
        let versions = TwoVersions {
            site,
            parent,
            a: BTreeMap::new(),
            b: BTreeMap::new(),
        };
        let reference = tempfile::tempdir().unwrap();
        versions.use_version('b');
        let out = kette_build(versions.root(), &reference.path().join("b"), "");
        assert!(out.status.success(), "{}", stderr(&out));
        versions.use_version('a');
        let out = kette_build(versions.root(), &reference.path().join("a"), "");
        assert!(out.status.success(), "{}", stderr(&out));
        TwoVersions {
            a: snapshot(&reference.path().join("a")),
            b: snapshot(&reference.path().join("b")),
            ..versions
        }
    }

    fn root(&self) -> &Path {
        self.site.root()
    }

    fn out(&self) -> PathBuf {
        self.parent.path().join("site")
    }

    /// Switches the site's content to version `v` ('a' or 'b').
    fn use_version(&self, v: char) {
        let old = self.root().join("content/news/2016-01-01-alt.md");
        let new = self.root().join("content/news/2019-05-05-neu.md");
        if v == 'a' {
            let _ = std::fs::remove_file(&new);
            self.site.write(
                "content/news/2016-01-01-alt.md",
                "---\ntitle: \"Ein alter Bericht\"\n---\nAlt.\n",
            );
        } else {
            let _ = std::fs::remove_file(&old);
            self.site.write(
                "content/news/2019-05-05-neu.md",
                "---\ntitle: \"Ein neuer Bericht\"\n---\nNeu.\n",
            );
        }
    }

    /// Which version the output is, if it is a complete one.
    fn output_version(&self) -> Option<char> {
        if !self.out().is_dir() {
            return None;
        }
        let now = snapshot(&self.out());
        if now == self.a {
            Some('a')
        } else if now == self.b {
            Some('b')
        } else {
            None
        }
    }
}

#[test]
fn a_build_stopped_between_the_two_renames_is_repaired_by_the_next_build() {
    let v = TwoVersions::new(0);
    let out = kette_build(v.root(), &v.out(), "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v.output_version(), Some('a'));

    // The fallback swap, stopped as a kill would stop it after the output
    // was moved aside: no output at its path for the moment.
    v.use_version('b');
    let stopped = kette_build(v.root(), &v.out(), "no-exchange,stop-after-first-rename");
    assert_eq!(stopped.status.code(), Some(137), "{}", stderr(&stopped));
    assert!(!v.out().exists());
    let left = leftovers(v.parent.path(), "site");
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.iter().any(|n| n.starts_with(".site.kette-old-")));
    assert!(left.iter().any(|n| n.starts_with(".site.kette-new-")));

    // The next build puts the old output back before anything else, even
    // when it then fails itself.
    v.site
        .write("content/news/2019-06-06-kaputt.md", "---\ntitle: [\n---\n");
    let failed = kette_build(v.root(), &v.out(), "");
    assert!(!failed.status.success());
    assert_eq!(v.output_version(), Some('a'), "the old output is back");
    assert_eq!(leftovers(v.parent.path(), "site"), Vec::<String>::new());

    std::fs::remove_file(v.root().join("content/news/2019-06-06-kaputt.md")).unwrap();
    let fixed = kette_build(v.root(), &v.out(), "");
    assert!(fixed.status.success(), "{}", stderr(&fixed));
    assert_eq!(v.output_version(), Some('b'));
    assert_eq!(leftovers(v.parent.path(), "site"), Vec::<String>::new());
}

#[test]
fn a_build_stopped_after_the_swap_leaves_the_new_output_and_the_next_removes_the_old() {
    for faults in ["stop-after-swap", "no-exchange,stop-after-swap"] {
        let v = TwoVersions::new(0);
        assert!(kette_build(v.root(), &v.out(), "").status.success());
        v.use_version('b');
        let stopped = kette_build(v.root(), &v.out(), faults);
        assert_eq!(stopped.status.code(), Some(137), "{faults}");
        assert_eq!(v.output_version(), Some('b'), "{faults}");
        assert_eq!(leftovers(v.parent.path(), "site").len(), 1, "{faults}");

        v.use_version('a');
        assert!(kette_build(v.root(), &v.out(), "").status.success());
        assert_eq!(v.output_version(), Some('a'), "{faults}");
        assert_eq!(
            leftovers(v.parent.path(), "site"),
            Vec::<String>::new(),
            "{faults}"
        );
    }
}

/// The id of a process that has ended (and been waited for).
fn ended_process_id() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let id = child.id();
    child.wait().unwrap();
    id
}

#[test]
fn only_marked_leftovers_of_ended_builds_are_removed() {
    let v = TwoVersions::new(0);
    assert!(kette_build(v.root(), &v.out(), "").status.success());
    let parent = v.parent.path();
    let gone = ended_process_id();
    let marked = |name: &str| {
        let dir = parent.join(name);
        std::fs::create_dir_all(dir.join("news/x")).unwrap();
        std::fs::write(dir.join("news/x/index.html"), "<p>half</p>").unwrap();
        std::fs::write(dir.join(".kette-output"), "kette").unwrap();
    };
    // A killed build's staging folder and an old output: kette's, removed.
    marked(&format!(".site.kette-new-{gone}"));
    marked(&format!(".site.kette-old-{gone}"));
    // A build still running (this test process): left alone.
    let running = format!(".site.kette-new-{}", std::process::id());
    marked(&running);
    // Same name, no marker: not kette's, left alone.
    let foreign = format!(".site.kette-old-{}", gone + 1_000_000);
    std::fs::create_dir(parent.join(&foreign)).unwrap();
    std::fs::write(parent.join(&foreign).join("precious.txt"), "keep me").unwrap();
    // Another output's leftovers: not this build's business.
    let other = format!(".other.kette-new-{gone}");
    marked(&other);

    let out = kette_build(v.root(), &v.out(), "");
    assert!(out.status.success(), "{}", stderr(&out));
    let mut expected = vec![running, foreign.clone(), other];
    expected.sort();
    assert_eq!(leftovers(parent, "site"), expected);
    assert_eq!(
        std::fs::read_to_string(parent.join(&foreign).join("precious.txt")).unwrap(),
        "keep me"
    );
}

/// When a build is killed.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// As soon as its staging folder appears.
    Staging,
    /// As soon as the output was swapped (while the old one is removed).
    Swapped,
    /// After this many tenths of an uninterrupted build's time.
    Tenths(u32),
}

#[cfg(unix)]
fn inode(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).ok().map(|m| m.ino())
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_output_and_the_next_cleans_up() {
    let v = TwoVersions::new(300);
    let started = std::time::Instant::now();
    assert!(kette_build(v.root(), &v.out(), "").status.success());
    let whole = started.elapsed();
    assert_eq!(v.output_version(), Some('a'));

    let moments = [
        Moment::Staging,
        Moment::Swapped,
        Moment::Tenths(3),
        Moment::Swapped,
        Moment::Tenths(6),
        Moment::Tenths(9),
        Moment::Tenths(11),
        Moment::Staging,
    ];
    let mut version = 'a';
    let mut seen = BTreeMap::new();
    for moment in moments {
        version = if version == 'a' { 'b' } else { 'a' };
        v.use_version(version);
        let before = inode(&v.out());
        let mut child = Command::new(env!("CARGO_BIN_EXE_kette"))
            .args(["build", "--quiet", "--root"])
            .arg(v.root())
            .arg("--output")
            .arg(v.out())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let reached = |child: &mut std::process::Child| match moment {
            Moment::Staging => !leftovers(v.parent.path(), "site").is_empty(),
            Moment::Swapped => inode(&v.out()) != before,
            Moment::Tenths(_) => true,
        } || child.try_wait().unwrap().is_some();
        if let Moment::Tenths(n) = moment {
            std::thread::sleep(whole * n / 10);
        }
        while !reached(&mut child) {
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = v.output_version();
        assert!(
            now.is_some(),
            "killed at {moment:?}: the output is incomplete"
        );
        *seen.entry(now == Some(version)).or_insert(0) += 1;

        let next = kette_build(v.root(), &v.out(), "");
        assert!(next.status.success(), "{}", stderr(&next));
        assert_eq!(v.output_version(), Some(version));
        assert_eq!(
            leftovers(v.parent.path(), "site"),
            Vec::<String>::new(),
            "after a kill at {moment:?}"
        );
    }
    eprintln!("kills that left the new output (true) or the old (false): {seen:?}");
}

#[test]
fn a_full_disk_is_one_problem_saying_how_much_was_written() {
    let v = TwoVersions::new(0);
    assert!(kette_build(v.root(), &v.out(), "").status.success());
    v.use_version('b');
    let full = kette_build(v.root(), &v.out(), "disk-full-after=5");
    assert!(!full.status.success());
    let text = stderr(&full);
    assert_eq!(text.matches("the disk is full").count(), 1, "{text}");
    assert!(text.contains("wrote 5 files"), "{text}");
    let total = v.b.len() - 1; // the marker is not one of the site's files
    assert!(text.contains(&format!("of {total} into")), "{text}");
    assert!(text.contains("nothing replaced"), "{text}");
    assert!(text.lines().count() < 8, "{text}");
    assert_eq!(v.output_version(), Some('a'), "the old output stands");
    assert_eq!(leftovers(v.parent.path(), "site"), Vec::<String>::new());
}

/// A small tmpfs, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// A 2 MB tmpfs, where this process may mount one (root on Linux).
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_really_full_disk_is_one_problem_too() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let site = Fixture::new().with_small_network();
    let out = disk.dir.path().join("site");
    let mut options = site.options();
    options.output = Some(out.clone());
    kette::build(&options).unwrap();
    let before = snapshot(&out);
    for i in 0..300 {
        site.write(
            &format!("content/news/2020-01-01-artikel-{i}.md"),
            &format!(
                "---\ntitle: \"Artikel {i}\"\n---\n{}\n",
                "Ein Absatz mit etwas Text. ".repeat(200)
            ),
        );
    }
    let problems = kette::build(&options).unwrap_err().into_sorted();
    let texts: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert_eq!(texts.len(), 1, "{texts:#?}");
    assert!(texts[0].contains("the disk is full: wrote "), "{texts:?}");
    assert!(texts[0].contains(&out.display().to_string()), "{texts:?}");
    assert_eq!(snapshot(&out), before, "the old output stands");
    assert_eq!(leftovers(disk.dir.path(), "site"), Vec::<String>::new());
}
