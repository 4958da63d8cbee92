//! The site before and after the import: what it already holds (earlier
//! imports, taken URLs), and writing the new files all at once, never over an
//! existing file.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::plan::Existing;
use crate::config::Config;
use crate::content::front_matter;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages;
use crate::model::urls::{alias_url, UrlScheme};
use crate::slug::slugify_for;

/// The `extra:` key an imported file keeps its WordPress guid under, so a
/// second import of the same export finds it.
pub(super) const GUID_KEY: &str = "wordpress_guid";

/// A file the import writes.
#[derive(Debug, Clone)]
pub(super) struct Output {
    /// Relative to the site's root.
    pub path: PathBuf,
    /// What goes in.
    pub contents: Contents,
}

/// The contents of a file to write.
#[derive(Debug, Clone)]
pub(super) enum Contents {
    /// Text made by the import.
    Text(String),
    /// A copy of a file (an upload).
    Copy(PathBuf),
}

/// Reads the Markdown files of `content/news`, `events` and `pages` for the
/// URLs they take and the guids of earlier imports.
pub(super) fn scan(root: &Path, config: &Config) -> Existing {
    let scheme = UrlScheme::new(&config.paths);
    let mut existing = Existing::default();
    let content = root.join("content");
    for section in ["news", "events", "pages"] {
        let dir = content.join(section);
        for entry in WalkDir::new(&dir).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(rel) = path.strip_prefix(&content) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let Ok(text) = fs::read_to_string(path) else {
                continue;
            };
            let text = text.replace("\r\n", "\n");
            let front: serde_yaml::Value = front_matter::split(&text, path)
                .ok()
                .and_then(|s| serde_yaml::from_str(s.front).ok())
                .unwrap_or_default();
            let slug = match front.get("slug").and_then(|s| s.as_str()) {
                Some(s) => s.to_string(),
                None => slugify_for(&name_slug(&rel), config.language),
            };
            let url = match section {
                "news" => scheme.article(&slug),
                "events" => scheme.event(&slug),
                _ => scheme.page(&slug),
            };
            existing.urls.insert(url);
            if let Some(aliases) = front.get("aliases").and_then(|a| a.as_sequence()) {
                for alias in aliases.iter().filter_map(|a| a.as_str()) {
                    if let Ok(url) = alias_url(alias) {
                        existing.urls.insert(url);
                    }
                }
            }
            let guid = front
                .get("extra")
                .and_then(|e| e.get(GUID_KEY))
                .and_then(|g| g.as_str());
            if let Some(guid) = guid {
                existing.guids.insert(guid.to_string(), rel);
            }
        }
    }
    existing
}

/// A file's name as kette makes a slug of it: without date prefix, `.md` or
/// `/index.md`.
fn name_slug(rel: &str) -> String {
    let rel = rel.strip_suffix("/index.md").unwrap_or(rel);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    match crate::content::dates::date_prefix(stem) {
        Some((_, rest)) => rest.to_string(),
        None => stem.to_string(),
    }
}

/// Writes every file, or none: when any of them exists already, nothing is
/// written; when writing fails half-way, what was written is removed again.
pub(super) fn commit(root: &Path, outputs: &[Output]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut problems = Diagnostics::new();
    for output in outputs {
        if root.join(&output.path).symlink_metadata().is_ok() {
            let (message, help) = messages::import_file_exists();
            problems.push(Diagnostic::file(&output.path, message).with_help(help));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut written: Vec<PathBuf> = Vec::new();
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    for output in outputs {
        let target = root.join(&output.path);
        if let Err(e) = write_one(&target, &output.contents, &mut created_dirs) {
            for path in written.iter().rev() {
                let _ = fs::remove_file(root.join(path));
            }
            for dir in created_dirs.iter().rev() {
                let _ = fs::remove_dir(dir);
            }
            problems.push(Diagnostic::file(
                &output.path,
                messages::import_cannot_write(&e.to_string()),
            ));
            return Err(problems);
        }
        written.push(output.path.clone());
    }
    Ok(written)
}

fn write_one(
    target: &Path,
    contents: &Contents,
    created: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        let missing: Vec<PathBuf> = parent
            .ancestors()
            .take_while(|a| !a.exists())
            .map(Path::to_path_buf)
            .collect();
        fs::create_dir_all(parent)?;
        created.extend(missing.into_iter().rev());
    }
    // `create_new`: a file that appeared since the check is not replaced.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)?;
    match contents {
        Contents::Text(text) => file.write_all(text.as_bytes())?,
        Contents::Copy(source) => {
            std::io::copy(&mut File::open(source)?, &mut file)?;
        }
    }
    file.flush()
}

/// True when `path` exists with exactly these bytes (then writing it again
/// would add nothing).
pub(super) fn same_file(path: &Path, contents: &Contents) -> bool {
    let Ok(have) = fs::read(path) else {
        return false;
    };
    match contents {
        Contents::Text(text) => have == text.as_bytes(),
        Contents::Copy(source) => fs::read(source).is_ok_and(|want| want == have),
    }
}
