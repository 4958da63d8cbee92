//! Whether a source's output paths fit the file system: no part longer than
//! [`crate::output::NAME_MAX`] bytes, no path longer than kette writes
//! ([`crate::output::MAX_RELATIVE_PATH`]). A long title or many letters
//! that are spelled out in Latin make slugs of hundreds of bytes; they are
//! reported here, on the source file, so that `check` finds them and
//! `build` stops before writing anything.

use std::path::{Path, PathBuf};

use crate::catalog::{self, FileKind};
use crate::config::Language;
use crate::content::records::{ArticleFront, EventFront};
use crate::content::{Content, Document};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages;
use crate::model::urls::{output_file, UrlScheme};
use crate::output::path_problem;
use crate::slug::slugify_for;
use crate::yaml;

/// What a photo's file name grows by when it is processed:
/// `-{width or og}.{8 hex digits}.{extension}` (see `images::Catalog::plan`).
const PHOTO_SUFFIX: &str = "-99999.12345678.webp";

/// The longest path below a page's folder kette writes: a later page of a
/// paginated list (`page/N/index.html`; feeds and calendars are shorter).
const LONGEST_BELOW: &str = "page/99999/index.html";

/// True when the files of the page at `url` fit; else a problem at `at`.
pub(super) fn page(
    url: &str,
    file: &Path,
    at: impl FnOnce() -> Location,
    problems: &mut Diagnostics,
) -> bool {
    // The page's own file names the problem; the longest file below it
    // must fit too.
    let below = || url.ends_with('/').then(|| [url, LONGEST_BELOW].concat());
    let problem =
        path_problem(&output_file(url)).or_else(|| below().and_then(|b| path_problem(&b)));
    match problem {
        None => true,
        Some(why) => {
            problems.push(Diagnostic::at(file, at(), why).with_help(messages::shorter_slug()));
            false
        }
    }
}

/// Where the slug of a document comes from, for messages: its `slug`, its
/// `title`, or (as a file-wide problem) its file name.
pub(super) fn slug_location(
    front_text: &str,
    given: Option<&str>,
    title: &str,
    slug: &str,
    language: Language,
) -> Location {
    match given {
        Some(given) => super::front_location(front_text, "slug", given),
        None if slugify_for(title, language) == slug => {
            super::front_location(front_text, "title", title)
        }
        None => Location::new(0, 0),
    }
}

/// True when the files of an article folder fit below the article's `url`
/// (photos under their processed names); a problem for each that does not.
pub(super) fn assets(
    url: &str,
    file: &Path,
    assets: &[PathBuf],
    language: Language,
    problems: &mut Diagnostics,
) -> bool {
    let folder = file.parent().unwrap_or(Path::new(""));
    let mut fits = true;
    for asset in assets {
        let relative = asset.strip_prefix(folder).unwrap_or(asset);
        let relative = relative.to_string_lossy().replace('\\', "/");
        let mut paths = vec![[url, relative.as_str()].concat()];
        if catalog::file_kind(asset) == FileKind::Photo {
            let (dir, name) = relative.rsplit_once('/').unwrap_or(("", &relative));
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            let slug = slugify_for(stem, language);
            let dir = if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            };
            paths.push([url, &dir, &slug, PHOTO_SUFFIX].concat());
        }
        if let Some(why) = paths.iter().find_map(|p| path_problem(p)) {
            fits = false;
            problems.push(Diagnostic::file(asset, why).with_help(messages::shorter_file_name()));
        }
    }
    fits
}

/// A problem for every topic name whose slug makes paths that do not fit,
/// at the first place it is given.
pub(super) fn topics(
    content: &Content,
    scheme: &UrlScheme,
    language: Language,
    problems: &mut Diagnostics,
) {
    let mut seen = std::collections::HashSet::new();
    let mut check = |name: &str, file: &Path, at: &dyn Fn() -> Location| {
        // Short names cannot make long slugs (no letter spells out to more
        // than a few dozen bytes): only long ones are slugified here.
        if name.len() < 8 || !seen.insert(name.to_string()) {
            return;
        }
        let slug = slugify_for(name, language);
        if slug.is_empty() {
            return;
        }
        let url = scheme.topic(&slug);
        let below = [url.as_str(), LONGEST_BELOW].concat();
        if let Some(why) = path_problem(&output_file(&url)).or_else(|| path_problem(&below)) {
            problems.push(
                Diagnostic::at(file, at(), messages::topic_too_long(&why))
                    .with_help(messages::shorten_topic()),
            );
        }
    };
    let documents = content
        .articles
        .iter()
        .map(front_topics::<ArticleFront>)
        .chain(content.events.iter().map(front_topics::<EventFront>));
    for (file, front_text, names) in documents {
        for name in names {
            check(name, file, &|| {
                super::front_location(front_text, "topics", name)
            });
        }
    }
    for r in &content.municipalities {
        let names = r.record.focus.iter().map(|n| (n, "focus")).chain(
            r.record
                .offers
                .iter()
                .flat_map(|o| o.topics.iter().map(|n| (n, "topics"))),
        );
        for (name, key) in names {
            check(name, &r.file, &|| yaml::locate_value(&r.text, key, name, 0));
        }
    }
}

/// A document's file, front matter text and topics.
fn front_topics<F: HasTopics>(d: &Document<F>) -> (&Path, &str, &[String]) {
    (&d.file, &d.front_text, d.front.topics())
}

/// Front matter with topics.
trait HasTopics {
    fn topics(&self) -> &[String];
}

impl HasTopics for ArticleFront {
    fn topics(&self) -> &[String] {
        &self.topics
    }
}

impl HasTopics for EventFront {
    fn topics(&self) -> &[String] {
        &self.topics
    }
}
