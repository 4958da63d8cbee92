//! `kette check`: everything a build validates, plus a crawl of the rendered
//! site (in memory) for internal links and assets that do not exist. Writes
//! nothing.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::build::{render_files_with, BuildOptions};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::{self, Text};
use crate::model::urls::percent_decode;
use crate::model::Site;
use crate::output::{Contents, OutputFile};

/// What a clean check saw.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// Articles, events, municipalities and pages checked.
    pub items: usize,
    /// Files the build would write.
    pub files: usize,
    /// Internal links followed.
    pub links: usize,
}

/// Validates the site, follows every internal link of the rendered pages
/// and reports images without alt text. Images are decoded to find broken
/// ones, but nothing is made or cached.
pub fn check(options: &BuildOptions) -> Result<CheckReport, Diagnostics> {
    let (site, files) = render_files_with(options, crate::images::Mode::Validate)?;
    let (links, mut problems) = crawl(&site, &files);
    problems.extend(site.images.missing_alt.iter().cloned());
    problems.extend(images_without_alt(&site, &files));
    if problems.is_empty() {
        Ok(CheckReport {
            items: site.articles.len()
                + site.events.len()
                + site.municipalities.len()
                + site.pages.len(),
            files: files.len(),
            links,
        })
    } else {
        Err(problems)
    }
}

/// Follows every `href` and `src` of the rendered HTML; returns the number of
/// internal links and a problem for each that leads nowhere, placed in the
/// source file that contains it where that can be found.
pub fn crawl(site: &Site, files: &[OutputFile]) -> (usize, Diagnostics) {
    let existing: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages = html_pages(files).map(|(f, html)| (f.path.as_str(), html));
    crawl_pages(site, pages, |path| existing.contains(path))
}

/// [`crawl`] for some `pages` (output path, HTML) of a site whose files
/// are those for which `exists` is true (the preview checks only the pages
/// an edit changed).
pub(crate) fn crawl_pages<'a>(
    site: &Site,
    pages: impl IntoIterator<Item = (&'a str, Cow<'a, str>)>,
    exists: impl Fn(&str) -> bool,
) -> (usize, Diagnostics) {
    let base_path = site.config.base_url.path.as_str();
    let links: Vec<(&str, Vec<PageLink>)> = pages
        .into_iter()
        .map(|(file, html)| (file, page_links(base_path, file, &html)))
        .collect();
    unresolved(site, links.iter().map(|(f, l)| (*f, &l[..])), exists)
}

/// An internal link of a rendered page: as written, and the output path
/// it needs (`news/x/` for `../x/`).
pub(crate) type PageLink = (String, String);

/// The internal links of the page at output path `file`, for a site under
/// `base_path`. Separate from [`unresolved`] so that the preview parses
/// only the pages an edit changed and keeps the links of the others.
pub(crate) fn page_links(base_path: &str, file: &str, html: &str) -> Vec<PageLink> {
    let page_dir = match file.rfind('/') {
        Some(i) => &file[..=i],
        None => "",
    };
    link_targets(html)
        .into_iter()
        .filter_map(|target| {
            let path = internal_path(&target, base_path, page_dir)?;
            Some((target, path))
        })
        .collect()
}

/// Of the `links` of each page, those that lead to no file (`exists`):
/// the number of links followed and a problem for each, placed in the
/// source file that contains it where that can be found.
pub(crate) fn unresolved<'a>(
    site: &Site,
    links: impl IntoIterator<Item = (&'a str, &'a [PageLink])>,
    exists: impl Fn(&str) -> bool,
) -> (usize, Diagnostics) {
    let mut sources: Option<HashMap<String, PathBuf>> = None;
    let mut problems = Diagnostics::new();
    let mut count = 0;
    let mut reported: HashSet<(PathBuf, String)> = HashSet::new();
    for (file, page_links) in links {
        for (target, path) in page_links {
            count += 1;
            if leads_somewhere(path, &exists) {
                continue;
            }
            // Only a site with broken links pays for the map of sources.
            let sources = sources.get_or_insert_with(|| source_files(site));
            let placed = Placed::find(site, sources, file, target);
            if !reported.insert((placed.source.clone(), target.clone())) {
                continue;
            }
            problems.push(placed.diagnostic(messages::link_not_in_site(target), false));
        }
    }
    (count, problems)
}

/// True when the output path a link needs (see [`PageLink`]) is a file
/// for which `exists` is true, itself or as a folder's `index.html`.
pub(crate) fn leads_somewhere(path: &str, exists: impl Fn(&str) -> bool) -> bool {
    if path.is_empty() || path.ends_with('/') {
        exists(&format!("{path}index.html"))
    } else {
        exists(path) || exists(&format!("{path}/index.html"))
    }
}

/// Every `<img>` of the rendered pages without an `alt` attribute (raw HTML
/// in Markdown, or a template), placed in the source of its page where it
/// can be found. (Markdown images always have one; those with an empty
/// text are found by the model, at their line.) An explicit `alt=""` marks
/// a decorative image and is fine.
pub(crate) fn images_without_alt(site: &Site, files: &[OutputFile]) -> Diagnostics {
    let sources = source_files(site);
    let mut problems = Diagnostics::new();
    let mut reported: HashSet<(PathBuf, String)> = HashSet::new();
    for (file, html) in html_pages(files) {
        for tag in html.split("<img").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            if !tag.starts_with(|c: char| c.is_ascii_whitespace()) {
                continue;
            }
            let has_alt = tag
                .split(|c: char| c.is_ascii_whitespace())
                .any(|attribute| attribute == "alt" || attribute.starts_with("alt="));
            if has_alt {
                continue;
            }
            let src = tag
                .split_once("src=\"")
                .and_then(|(_, rest)| rest.split('"').next())
                .map(decode_entities)
                .unwrap_or_default();
            let placed = Placed::find(site, &sources, &file.path, &src);
            if !reported.insert((placed.source.clone(), src.clone())) {
                continue;
            }
            let (message, help) = messages::img_without_alt_attribute(&src);
            problems.push(placed.diagnostic(message, true).with_help(help));
        }
    }
    problems
}

/// The HTML pages among the rendered files, with their text.
fn html_pages(files: &[OutputFile]) -> impl Iterator<Item = (&OutputFile, Cow<'_, str>)> {
    files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| match &f.contents {
            Contents::Bytes(bytes) => Some((f, String::from_utf8_lossy(bytes))),
            Contents::Copy(_) => None,
        })
}

/// Where a problem seen on a rendered page belongs: the source file of the
/// page at the line that names the target, or the rendered page itself
/// when a template wrote it.
struct Placed {
    source: PathBuf,
    location: Option<Location>,
    page_url: String,
}

impl Placed {
    fn find(site: &Site, sources: &HashMap<String, PathBuf>, file: &str, target: &str) -> Placed {
        let page_url = file.trim_end_matches("index.html").to_string();
        let (source, location) = match sources.get(&page_url) {
            Some(source) => (
                source.clone(),
                locate_in_source(&site.config.root.join(source), target),
            ),
            None => (PathBuf::from(format!("(rendered page) {file}")), None),
        };
        Placed {
            source,
            location,
            page_url,
        }
    }

    /// The problem at its place; when no source line names it, it says
    /// which page it is on (an `image` or a link of a template).
    fn diagnostic(&self, message: Text, image: bool) -> Diagnostic {
        match self.location {
            Some(at) => Diagnostic::at(&self.source, at, message),
            None => {
                let from = messages::from_template(&self.page_url, image);
                let message = message.then(" (", &from).then(")", &Text::new("", ""));
                Diagnostic::file(&self.source, message)
            }
        }
    }
}

fn source_files(site: &Site) -> HashMap<String, PathBuf> {
    let mut map = HashMap::new();
    for a in &site.articles {
        map.insert(a.url.clone(), a.file.clone());
    }
    for e in &site.events {
        map.insert(e.url.clone(), e.file.clone());
    }
    for m in &site.municipalities {
        map.insert(m.url.clone(), m.file.clone());
    }
    for p in &site.pages {
        map.insert(p.url.clone(), p.file.clone());
    }
    map
}

fn locate_in_source(path: &std::path::Path, target: &str) -> Option<Location> {
    let text = std::fs::read_to_string(path).ok()?;
    // Relative links were made absolute while rendering: look for the
    // written form too, the last segment of the path.
    let last = target
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(target);
    let offset = text
        .find(&format!("({target}"))
        .map(|i| i + 1)
        .or_else(|| text.find(target))
        .or_else(|| text.find(&format!("({last}")).map(|i| i + 1))?;
    Some(Location::of_offset(&text, offset))
}

/// The values of `href` and `src` attributes in `html`. kette's own output
/// escapes quotes in text, so an attribute scan is exact here.
fn link_targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let start = i + attr.len();
            let Some(len) = rest[start..].find('"') else {
                break;
            };
            out.push(decode_entities(&rest[start..start + len]));
            rest = &rest[start + len..];
        }
    }
    out
}

fn decode_entities(value: &str) -> String {
    // `&amp;` last, so that `&amp;lt;` stays `&lt;`.
    value
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The output-relative path an in-site link points to, or `None` for links
/// that leave the site (other hosts, mailto:, fragments).
fn internal_path(target: &str, base_path: &str, page_dir: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("");
    if target.is_empty() || target.contains(':') || target.starts_with("//") {
        return None;
    }
    let joined = if let Some(rest) = target.strip_prefix('/') {
        let base = base_path.trim_start_matches('/');
        match rest.strip_prefix(base) {
            Some(inside) => inside.to_string(),
            // An absolute path outside the base path is outside the site.
            None => return Some(format!("../{rest}")),
        }
    } else {
        format!("{page_dir}{target}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    Some(percent_decode(&parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_base_path_and_page() {
        assert_eq!(
            internal_path("/sub/news/x/", "/sub/", "a/").as_deref(),
            Some("news/x/")
        );
        assert_eq!(
            internal_path("bild.png", "/sub/", "news/x/").as_deref(),
            Some("news/x/bild.png")
        );
        assert_eq!(
            internal_path("../y/", "/sub/", "news/x/").as_deref(),
            Some("news/y/")
        );
        assert_eq!(internal_path("https://e.org/", "/sub/", ""), None);
        assert_eq!(internal_path("mailto:a@b", "/sub/", ""), None);
        assert_eq!(internal_path("#top", "/sub/", ""), None);
    }

    #[test]
    fn attributes_are_found() {
        let html = r#"<a href="/x/?a=1&amp;b=2">x</a><img src="b.png" alt="">"#;
        assert_eq!(link_targets(html), ["/x/?a=1&b=2", "b.png"]);
    }
}
