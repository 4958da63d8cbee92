//! Which draft a request of the preview was probably for: a draft is not
//! built, so its address answers "not found"; the preview says instead that
//! the page is a draft and how to publish it. Looked up only for requests
//! that found nothing, by the last segment of the address: the `slug:` of a
//! Markdown file with `draft: true`, or the name it gets its slug from (the
//! file name without date and `.md`, or the folder of an `index.md`).

use std::path::{Path, PathBuf};

use crate::content::dates::date_prefix;

/// The source file (relative to `root`) of the draft whose page
/// `request_path` (`/news/entwurf/`) would be, if there is one.
pub(crate) fn draft_for(root: &Path, request_path: &str) -> Option<PathBuf> {
    // Only a page's address can be a draft's; a missing `favicon.ico` or
    // photo must not make every request read all of content/.
    let page = request_path.is_empty()
        || request_path.ends_with('/')
        || request_path.ends_with(".html")
        || !request_path.rsplit('/').next().unwrap_or("").contains('.');
    if !page {
        return None;
    }
    let wanted = request_path
        .trim_end_matches("index.html")
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())?;
    walkdir::WalkDir::new(root.join("content"))
        .max_depth(4)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .find(|path| is_draft_named(path, wanted))
        .map(|path| path.strip_prefix(root).unwrap_or(&path).to_path_buf())
}

fn is_draft_named(path: &Path, wanted: &str) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Some(front) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split("\n---").next())
    else {
        return false;
    };
    let value = |key: &str| {
        front.lines().find_map(|line| {
            let rest = line.strip_prefix(key)?.strip_prefix(':')?;
            Some(rest.trim().trim_matches(['"', '\'']).to_string())
        })
    };
    if value("draft").as_deref() != Some("true") {
        return false;
    }
    if let Some(slug) = value("slug") {
        return slug == wanted;
    }
    let name = if path.file_name().is_some_and(|n| n == "index.md") {
        path.parent().and_then(Path::file_name)
    } else {
        path.file_stem()
    };
    let name = name
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = date_prefix(&name).map_or(name.as_str(), |(_, rest)| rest);
    name == wanted || crate::slug::slugify(name) == wanted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_found_by_its_address() {
        let dir = tempfile::tempdir().unwrap();
        let news = dir.path().join("content/news");
        std::fs::create_dir_all(&news).unwrap();
        std::fs::write(
            news.join("2018-01-01-entwurf.md"),
            "---\ntitle: E\ndraft: true\n---\nx\n",
        )
        .unwrap();
        std::fs::write(news.join("2018-01-02-fertig.md"), "---\ntitle: F\n---\nx\n").unwrap();
        assert_eq!(
            draft_for(dir.path(), "news/entwurf/"),
            Some(PathBuf::from("content/news/2018-01-01-entwurf.md"))
        );
        assert_eq!(draft_for(dir.path(), "news/fertig/"), None);
        assert_eq!(
            draft_for(dir.path(), "news/entwurf"),
            draft_for(dir.path(), "news/entwurf/")
        );
        std::fs::write(
            news.join("entwurf.md"),
            "---\ntitle: E\nslug: logo.png\ndraft: true\n---\n",
        )
        .unwrap();
        assert_eq!(
            draft_for(dir.path(), "bilder/logo.png"),
            None,
            "not a page's address"
        );
    }
}
