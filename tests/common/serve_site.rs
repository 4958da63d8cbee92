//! A site served by `serve`'s builder in a temporary folder, edited file by
//! file as an editor would, and compared with what a full render makes.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kette::build::render_files;
use kette::output::Contents;
use kette::serve::state::{Builder, Outcome};

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(from).unwrap();
        if relative.starts_with(".kette-cache") {
            continue;
        }
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file of a full render, by output path.
pub fn full_render(options: &kette::BuildOptions) -> BTreeMap<String, Vec<u8>> {
    let (_, files) = render_files(options).expect("the site renders");
    files
        .into_iter()
        .map(|f| {
            let bytes = match f.contents {
                Contents::Bytes(b) => b,
                Contents::Copy(source) => std::fs::read(source).unwrap(),
            };
            (f.path, bytes)
        })
        .collect()
}

/// Every file the builder serves now, by output path.
pub fn served(builder: &Builder) -> BTreeMap<String, Vec<u8>> {
    builder
        .snapshot()
        .files
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
        .collect()
}

/// The paths at which two renders differ.
pub fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

pub struct Site {
    pub _dir: tempfile::TempDir,
    pub root: PathBuf,
    pub builder: Builder,
    pub options: kette::BuildOptions,
}

impl Site {
    pub fn new() -> Site {
        Site::with_articles(0)
    }

    /// The every-kind fixture with `extra` short articles more, each with
    /// its own word and the words they share.
    pub fn with_articles(extra: usize) -> Site {
        Site::of_fixture("every-kind", extra)
    }

    /// A copy of the fixture `name` (tests/fixtures/), with `extra`
    /// articles more.
    pub fn of_fixture(name: &str, extra: usize) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            &root,
        );
        for i in 0..extra {
            let text = format!(
                "---\ntitle: \"Bericht {i}\"\ndate: 2021-{:02}-{:02}\n---\n\
                 Familien und Kinder im Netzwerk, Eintrag wort{i} zur Präventionskette.\n",
                i % 12 + 1,
                i % 28 + 1
            );
            let path = root.join(format!(
                "content/news/2021-{:02}-{:02}-bericht-{i}.md",
                i % 12 + 1,
                i % 28 + 1
            ));
            std::fs::write(path, text).unwrap();
        }
        let options = kette::BuildOptions {
            root: root.clone(),
            output: None,
            base_url: None,
            drafts: false,
            today: Some(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()),
        };
        let mut builder = Builder::new(options.clone());
        let (outcome, _) = builder.rebuild(&[]);
        assert!(
            matches!(outcome, Outcome::Built { .. }),
            "first build: {outcome:?}"
        );
        Site {
            _dir: dir,
            root,
            builder,
            options,
        }
    }

    /// Applies `edit` to the text of `path` (or writes it when new, or
    /// deletes it for `None`), rebuilds as `serve` does after that save, and
    /// returns the number of pages kept without rendering.
    pub fn edit(
        &mut self,
        path: &str,
        edit: impl Fn(&str) -> Option<String>,
    ) -> Result<usize, String> {
        match self.rebuilt(&[(path, &edit)]) {
            Outcome::Built { kept, .. } => Ok(kept),
            Outcome::Failed { problems, .. } => Err(format!("{problems:?}")),
        }
    }

    /// Applies each edit to its file, then rebuilds once, as `serve` does
    /// after a save of several files; returns what the rebuild did.
    pub fn rebuilt(&mut self, edits: &Saved<'_>) -> Outcome {
        for (path, edit) in edits {
            let file = self.root.join(path);
            let old = std::fs::read_to_string(&file).unwrap_or_default();
            match edit(&old) {
                Some(new) => {
                    assert_ne!(old, new, "the edit of {path} changes nothing");
                    std::fs::write(&file, new).unwrap();
                }
                None => std::fs::remove_file(&file).unwrap(),
            }
        }
        let paths: Vec<PathBuf> = edits.iter().map(|(p, _)| PathBuf::from(p)).collect();
        self.builder.rebuild(&paths).0
    }

    /// The page served at `path` (`news/x/index.html`), as text.
    pub fn page(&self, path: &str) -> String {
        String::from_utf8(self.builder.snapshot().files[path].to_vec()).unwrap()
    }

    /// Asserts that what is served is what a full render makes.
    pub fn assert_served_as_full(&self, after: &str) {
        let full = full_render(&self.options);
        let served = served(&self.builder);
        let differ = differences(&full, &served);
        assert!(
            differ.is_empty(),
            "after {after}, these files differ from a full render: {differ:?}"
        );
    }
}

/// A change to a file's text; `None` deletes the file.
pub type Edit = dyn Fn(&str) -> Option<String>;

/// Files saved together, each with its change.
pub type Saved<'a> = [(&'a str, &'a (dyn Fn(&str) -> Option<String> + 'a))];

pub fn replace(from: &'static str, to: &'static str) -> impl Fn(&str) -> Option<String> {
    move |text: &str| {
        assert!(text.contains(from), "`{from}` is not in the file");
        Some(text.replacen(from, to, 1))
    }
}

pub fn append(line: &'static str) -> impl Fn(&str) -> Option<String> {
    move |text: &str| Some(format!("{text}\n{line}\n"))
}
