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
    // The fixture is a German site.
    assert_eq!(
        text.matches("der Datenträger ist voll").count(),
        1,
        "{text}"
    );
    let total = v.b.len() - 1; // the marker is not one of the site's files
    assert!(text.contains(&format!("5 von {total} Dateien")), "{text}");
    assert!(text.contains("nichts ersetzt"), "{text}");
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

/// The problems of a build of `site`, as text.
fn build_problems(site: &Fixture) -> Vec<String> {
    kette::build(&site.options())
        .err()
        .map(|p| p.into_sorted().iter().map(|d| d.to_string()).collect())
        .unwrap_or_default()
}

/// The problems of `kette check` on `site`, as text.
fn check_problems(site: &Fixture) -> Vec<String> {
    kette::check::check(&site.options())
        .err()
        .map(|p| p.into_sorted().iter().map(|d| d.to_string()).collect())
        .unwrap_or_default()
}

/// A folder outside the site with what would be content and junk.
fn outside_folder() -> tempfile::TempDir {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("geheim.md"),
        "---\ntitle: \"Geheim\"\ndate: 2020-01-01\n---\nNicht hier.\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("notizen.txt"), "nicht hier").unwrap();
    std::fs::create_dir(outside.path().join("unterordner")).unwrap();
    std::fs::write(outside.path().join("unterordner/mehr.txt"), "nicht hier").unwrap();
    outside
}

#[cfg(unix)]
#[test]
fn a_folder_link_out_of_the_site_is_reported_once_and_not_entered() {
    let site = Fixture::new().with_small_network();
    let outside = outside_folder();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/news/draussen")).unwrap();
    // A section folder that is itself a link out of the site.
    std::fs::create_dir_all(site.root().join("content")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/events-extern")).unwrap();
    for problems in [build_problems(&site), check_problems(&site)] {
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with("content/news/draussen:")
                && problems[0].contains("points outside the site; it is not followed"),
            "{problems:?}"
        );
        for name in ["geheim", "notizen", "unterordner", "mehr"] {
            assert!(!problems[0].contains(name), "{problems:?}");
        }
    }
    assert!(!site.output().join("news/geheim").exists());
}

#[cfg(unix)]
#[test]
fn a_link_to_the_file_system_root_is_reported_once_and_not_entered() {
    let site = Fixture::new().with_small_network();
    std::os::unix::fs::symlink("/", site.root().join("content/pages/wurzel")).unwrap();
    std::os::unix::fs::symlink("/etc", site.root().join("content/municipalities/etc")).unwrap();
    let problems = build_problems(&site);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("content/municipalities/etc:"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("content/pages/wurzel:"),
        "{problems:?}"
    );
    assert!(problems.iter().all(|p| p.contains("not followed")));
    assert!(
        !problems.iter().any(|p| p.contains("passwd")),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_are_still_followed() {
    let site = Fixture::new().with_small_network();
    site.write(
        "shared/2019-02-02-geteilt.md",
        "---\ntitle: \"Geteilt\"\n---\nAus einem geteilten Ordner.\n",
    );
    std::os::unix::fs::symlink(
        site.root().join("shared"),
        site.root().join("content/news/geteilt"),
    )
    .unwrap();
    // A link back to a folder it is in is a loop, reported, not walked.
    std::os::unix::fs::symlink(
        site.root().join("content/news"),
        site.root().join("content/news/ziele/zurueck"),
    )
    .unwrap();
    let problems = build_problems(&site);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("content/news/ziele/zurueck:") && problems[0].contains("loop"),
        "{problems:?}"
    );
    std::fs::remove_file(site.root().join("content/news/ziele/zurueck")).unwrap();
    site.build();
    assert!(site.output().join("news/geteilt/index.html").is_file());
}

/// The number of inotify watches this process holds.
#[cfg(target_os = "linux")]
fn inotify_watches() -> usize {
    let mut count = 0;
    for fd in std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(Result::ok)
    {
        let is_inotify =
            std::fs::read_link(fd.path()).is_ok_and(|t| t.to_string_lossy().contains("inotify"));
        if is_inotify {
            let info = std::fs::read_to_string(Path::new("/proc/self/fdinfo").join(fd.file_name()))
                .unwrap_or_default();
            count += info
                .lines()
                .filter(|l| l.starts_with("inotify wd:"))
                .count();
        }
    }
    count
}

#[cfg(target_os = "linux")]
#[test]
fn the_watcher_never_enters_a_link_out_of_the_site() {
    let site = Fixture::new();
    site.write("content/news/2020-01-01-a.md", "---\ntitle: A\n---\nA.\n");
    site.write("content/pages/p.md", "---\ntitle: P\n---\nP.\n");
    site.write("shared/sub/x.md", "x");
    let outside = tempfile::tempdir().unwrap();
    for i in 0..30 {
        std::fs::create_dir(outside.path().join(format!("ordner-{i}"))).unwrap();
    }
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/news/draussen")).unwrap();
    std::os::unix::fs::symlink(
        site.root().join("shared"),
        site.root().join("content/pages/geteilt"),
    )
    .unwrap();

    let before = inotify_watches();
    let watcher = kette::serve::watch::Watcher::start(site.root()).unwrap();
    // The root, content/, content/news/, content/pages/, and through the
    // link inside the site shared/ and shared/sub/; none of the 31 folders
    // outside.
    assert_eq!(inotify_watches() - before, 6);
    drop(watcher);
}

#[test]
fn slugs_too_long_for_the_file_system_are_reported_on_their_source_by_check_and_build() {
    let site = Fixture::new().with_small_network();
    site.build();
    let before = snapshot(&site.output());
    let long_title = "Ein sehr langer Titel über die Präventionskette ".repeat(8);
    site.write(
        // No slug in the file name: it comes from the title.
        "content/news/2020-01-01-___.md",
        &format!(
            "---\ntitle: \"{}\"\ndate: 2020-01-01\n---\nText.\n",
            long_title.trim()
        ),
    );
    // Many letters that are spelled out in Latin: 80 characters, 400 bytes.
    let chinese = "北京市朝阳区社区服务中心".repeat(7);
    site.write(
        "content/events/2020-02-02-fest.md",
        &format!(
            "---\ntitle: \"x\"\nslug: {}\nstart: 2020-02-02\n---\n",
            "ab-".repeat(90) + "c"
        ),
    );
    site.write(
        "content/pages/seite.md",
        &format!("---\ntitle: \"Seite\"\ntopics: [\"{chinese}\"]\n---\nText.\n"),
    );
    site.write(
        &format!("content/pages/{}.md", "北京".repeat(30)),
        "---\ntitle: \"Seite\"\n---\nText.\n",
    );
    for problems in [check_problems(&site), build_problems(&site)] {
        let about = |file: &str| {
            problems
                .iter()
                .filter(|p| p.starts_with(file))
                .collect::<Vec<_>>()
        };
        let article = about("content/news/2020-01-01-___.md:2:");
        assert_eq!(article.len(), 1, "{problems:#?}");
        assert!(article[0].contains("at most 255"), "{article:?}");
        let event = about("content/events/2020-02-02-fest.md:3:");
        assert_eq!(event.len(), 1, "{problems:#?}");
        let page = about("content/pages/北京");
        assert_eq!(page.len(), 1, "{problems:#?}");
        assert!(page[0].contains("at most 255"), "{page:?}");
        assert!(
            !problems.iter().any(|p| p.contains(".kette-new-")),
            "no temporary folder named: {problems:#?}"
        );
    }
    assert_eq!(snapshot(&site.output()), before, "nothing was written");
}

#[test]
fn topics_and_aliases_too_long_for_the_file_system_are_reported() {
    let site = Fixture::new().with_small_network();
    let topic = "Frühe Hilfen und Übergänge in der Präventionskette ".repeat(6);
    site.write(
        "content/news/2020-01-01-thema.md",
        &format!(
            "---\ntitle: \"Thema\"\ntopics: [Kurz, \"{}\"]\naliases: [\"/alt/{}/\"]\n---\nText.\n",
            topic.trim(),
            "x".repeat(300)
        ),
    );
    let problems = check_problems(&site);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems
        .iter()
        .all(|p| p.starts_with("content/news/2020-01-01-thema.md:")));
    assert!(
        problems.iter().any(|p| p.contains("topic too long")),
        "{problems:?}"
    );
    assert!(
        problems.iter().all(|p| p.contains("at most 255")),
        "{problems:?}"
    );
}
