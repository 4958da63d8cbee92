//! Deciding, before anything is converted or written, what each WordPress
//! item becomes: its kind, slug, file, date, old addresses and whether it is
//! already in the site.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, TimeZone as _};

use super::wxr::Item;
use crate::config::Config;
use crate::messages::{self, SkipReason, Text};
use crate::model::urls::{alias_url, percent_decode, UrlScheme};
use crate::slug::slugify_for;

/// What an item becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Kind {
    /// A post → an article in `content/news/`.
    Post,
    /// A page → `content/pages/`.
    Page,
    /// An event of The Events Calendar → `content/events/`.
    Event,
}

impl Kind {
    /// Its name in the report.
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Post => "posts",
            Kind::Page => "pages",
            Kind::Event => "events",
        }
    }
}

/// An item that will be (or already was) imported.
#[derive(Debug, Clone)]
pub(super) struct Planned {
    /// Index into the export's items.
    pub index: usize,
    /// What it becomes.
    pub kind: Kind,
    /// Its Markdown file, relative to `content/`.
    pub path: String,
    /// Its new URL, relative to the base URL (`news/x/`).
    pub url: String,
    /// Whether it becomes a draft.
    pub draft: bool,
    /// Whether an earlier import already brought it (then nothing is written).
    pub existing: bool,
}

/// The site as it is before the import: what must not be taken twice.
#[derive(Debug, Default)]
pub(super) struct Existing {
    /// WordPress guid → content path of the file an earlier import wrote.
    pub guids: HashMap<String, String>,
    /// URLs (relative, `news/x/`) already used by an item or alias.
    pub urls: HashSet<String>,
}

/// The WordPress site's address split into host and path prefix, to tell
/// its own links from others.
#[derive(Debug, Clone)]
pub(super) struct OldSite {
    host: String,
    /// `https://host`, for making the old site's relative URLs absolute.
    origin: String,
    /// The path of the blog, with a leading and without a trailing slash
    /// (empty at the root).
    pub base_path: String,
}

impl OldSite {
    /// From `<wp:base_blog_url>`.
    pub(super) fn new(blog_url: &str) -> Self {
        let (host, path) = split_url(blog_url).unwrap_or_default();
        let scheme = if blog_url.starts_with("http://") {
            "http"
        } else {
            "https"
        };
        let authority = blog_url
            .split_once("://")
            .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""))
            .unwrap_or("");
        OldSite {
            host,
            origin: format!("{scheme}://{authority}"),
            base_path: path.trim_end_matches('/').to_string(),
        }
    }

    /// The key an old address is known by: `?p=ID` for numeric links, else
    /// its decoded path below the blog without slashes at the ends; `None`
    /// for other sites' URLs. The fragment is returned apart.
    pub(super) fn key(&self, url: &str) -> Option<(String, String)> {
        let url = url.trim();
        let (rest, fragment) = match url.split_once('#') {
            Some((r, f)) => (r, f.to_string()),
            None => (url, String::new()),
        };
        let path_and_query = if rest.starts_with('/') && !rest.starts_with("//") {
            rest.to_string()
        } else {
            let (host, path) = split_url(rest)?;
            if host != self.host {
                return None;
            }
            path
        };
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((&path_and_query, ""));
        for pair in query.split('&') {
            if let Some((k, v)) = pair.split_once('=') {
                if matches!(k, "p" | "page_id") && v.parse::<u64>().is_ok() {
                    return Some((format!("?p={v}"), fragment));
                }
            }
        }
        if !query.is_empty() {
            return None;
        }
        let decoded = percent_decode(path);
        let below = decoded.strip_prefix(&self.base_path).unwrap_or(&decoded);
        Some((below.trim_matches('/').to_lowercase(), fragment))
    }

    /// A root-relative (`/bilder/x.png`) or relative (`x.png`) URL made
    /// absolute on the old site; `None` for URLs that are absolute already.
    pub(super) fn absolute(&self, url: &str) -> Option<String> {
        let url = url.trim();
        if url.is_empty() || url.starts_with("//") || url.starts_with('#') || url.contains("://") {
            return None;
        }
        if url
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .contains(':')
        {
            return None;
        }
        Some(match url.strip_prefix('/') {
            Some(rest) => format!("{}/{rest}", self.origin),
            None => format!("{}{}/{url}", self.origin, self.base_path),
        })
    }

    /// True for an URL of the blog's uploads folder.
    pub(super) fn upload_path(&self, url: &str) -> Option<String> {
        let url = url.split(['?', '#']).next().unwrap_or("");
        let path = if url.starts_with('/') && !url.starts_with("//") {
            url.to_string()
        } else {
            let (host, path) = split_url(url)?;
            if host != self.host {
                return None;
            }
            path
        };
        let (_, rel) = path.split_once("/wp-content/uploads/")?;
        let rel = percent_decode(rel);
        let safe = !rel.is_empty()
            && rel
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\'));
        safe.then_some(rel)
    }
}

/// `https://www.Example.org/a/b?c` → (`example.org`, `/a/b?c`).
fn split_url(url: &str) -> Option<(String, String)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let (host, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let path = if path.starts_with('?') {
        format!("/{path}")
    } else {
        path.to_string()
    };
    Some((host, path))
}

/// The kind an item becomes and whether it is a draft, or why it is not
/// imported.
pub(super) fn classify(item: &Item) -> Result<Option<(Kind, bool)>, Text> {
    let kind = match item.post_type.as_str() {
        "post" => Kind::Post,
        "page" => Kind::Page,
        "tribe_events" => Kind::Event,
        _ => return Ok(None),
    };
    if !item.password.trim().is_empty() {
        return Err(messages::skip_reason(SkipReason::Password));
    }
    match item.status.as_str() {
        "publish" => Ok(Some((kind, false))),
        "draft" | "pending" | "future" => Ok(Some((kind, true))),
        "private" => Err(messages::skip_reason(SkipReason::Private)),
        "trash" => Err(messages::skip_reason(SkipReason::Trash)),
        "auto-draft" => Err(messages::skip_reason(SkipReason::AutoDraft)),
        other => Err(messages::skip_reason(SkipReason::Status(other))),
    }
}

/// A WordPress date (`2017-03-08 10:00:00`), unless it is WordPress's
/// “no date” (`0000-00-00 00:00:00`).
pub(super) fn wp_date(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// An item's publication date as front matter text and its day in the
/// site's time zone: from `post_date_gmt` (written with its offset), else
/// `post_date` (local time), else the last change.
pub(super) fn post_date(item: &Item, config: &Config) -> Option<(String, NaiveDate)> {
    if let Some(utc) = wp_date(&item.date_gmt) {
        let local = config.timezone.from_utc_datetime(&utc);
        return Some((local.to_rfc3339(), local.date_naive()));
    }
    let local = wp_date(&item.date).or_else(|| wp_date(&item.modified))?;
    Some((local.format("%Y-%m-%dT%H:%M:%S").to_string(), local.date()))
}

/// Chooses slug, file and URL of every importable item: slugs from the
/// WordPress slug (else the title), made unique against the site and each
/// other with `-2`, `-3` …; items an earlier import brought keep their file.
pub(super) fn place(
    items: &[(usize, &Item, Kind, bool)],
    config: &Config,
    existing: &Existing,
    bundles: bool,
) -> Vec<Planned> {
    let scheme = UrlScheme::new(&config.paths);
    let mut taken: HashSet<String> = existing.urls.clone();
    taken.extend(scheme.reserved().into_iter().map(|(url, _)| url));
    let mut out = Vec::new();
    for &(index, item, kind, draft) in items {
        if let Some(path) = existing.guids.get(&item.guid) {
            out.push(Planned {
                index,
                kind,
                url: url_for(&scheme, kind, &slug_of_path(path)),
                path: path.clone(),
                draft,
                existing: true,
            });
        }
    }
    for &(index, item, kind, draft) in items {
        if existing.guids.contains_key(&item.guid) {
            continue;
        }
        let name = percent_decode(&item.name);
        let mut base = slugify_for(&name, config.language);
        if base.is_empty() {
            base = slugify_for(&item.title, config.language);
        }
        if base.is_empty() {
            base = format!("wordpress-{}", item.id);
        }
        let mut slug = base.clone();
        let mut n = 1;
        while taken.contains(&url_for(&scheme, kind, &slug)) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        let url = url_for(&scheme, kind, &slug);
        taken.insert(url.clone());
        let day = match kind {
            Kind::Event => event_start(item)
                .map(|(_, d)| d)
                .or_else(|| post_date(item, config).map(|(_, d)| d)),
            _ => post_date(item, config).map(|(_, d)| d),
        };
        let day = day
            .map(|d| d.format("%Y-%m-%d-").to_string())
            .unwrap_or_default();
        let path = match kind {
            Kind::Post if bundles => format!("news/{day}{slug}/index.md"),
            Kind::Post => format!("news/{day}{slug}.md"),
            Kind::Event => format!("events/{day}{slug}.md"),
            Kind::Page => format!("pages/{slug}.md"),
        };
        out.push(Planned {
            index,
            kind,
            path,
            url,
            draft,
            existing: false,
        });
    }
    out
}

fn url_for(scheme: &UrlScheme, kind: Kind, slug: &str) -> String {
    match kind {
        Kind::Post => scheme.article(slug),
        Kind::Event => scheme.event(slug),
        Kind::Page => scheme.page(slug),
    }
}

/// The slug kette gives a file: its name without date prefix and `.md`.
fn slug_of_path(path: &str) -> String {
    let path = path.strip_suffix("/index.md").unwrap_or(path);
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    match crate::content::dates::date_prefix(stem) {
        Some((_, rest)) => rest.to_string(),
        None => stem.to_string(),
    }
}

/// An event's start as front matter text (a day when it lasts all day) and
/// its day.
pub(super) fn event_start(item: &Item) -> Option<(String, NaiveDate)> {
    event_time(item, "_EventStartDate")
}

/// An event's end as front matter text.
pub(super) fn event_end(item: &Item) -> Option<(String, NaiveDate)> {
    event_time(item, "_EventEndDate")
}

fn event_time(item: &Item, key: &str) -> Option<(String, NaiveDate)> {
    let at = wp_date(item.meta(key)?)?;
    let all_day = item
        .meta("_EventAllDay")
        .is_some_and(|v| matches!(v.trim(), "yes" | "1" | "true"));
    if all_day {
        Some((at.date().format("%Y-%m-%d").to_string(), at.date()))
    } else {
        Some((at.format("%Y-%m-%dT%H:%M:%S").to_string(), at.date()))
    }
}

/// The old permalink of an item as an alias (`/2017/03/08/start/`), or
/// `None` with the reason when it cannot be one (then only the server's
/// redirect map can keep it).
pub(super) fn alias_for(old: &OldSite, link: &str) -> Result<Option<String>, Text> {
    let Some((key, _)) = old.key(link) else {
        return Err(messages::alias_impossible(link, false));
    };
    if key.starts_with('?') {
        return Err(messages::alias_impossible(link, true));
    }
    if key.is_empty() {
        return Ok(None);
    }
    let (_, path) = split_url(link).unwrap_or_else(|| (String::new(), link.to_string()));
    let decoded = percent_decode(path.split('?').next().unwrap_or(""));
    let below = decoded.strip_prefix(&old.base_path).unwrap_or(&decoded);
    let alias = if below.ends_with(".html") || below.ends_with('/') {
        below.to_string()
    } else {
        format!("{below}/")
    };
    match alias_url(&alias) {
        Ok(_) => Ok(Some(alias)),
        Err(why) => Err(messages::alias_not_a_path(&alias, &why)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_old_addresses() {
        let old = OldSite::new("https://www.alt.example.org/blog");
        let key = |u: &str| old.key(u).map(|(k, f)| format!("{k}#{f}"));
        assert_eq!(
            key("http://alt.example.org/blog/2017/03/start/").as_deref(),
            Some("2017/03/start#")
        );
        assert_eq!(
            key("/blog/2017/03/Start#x").as_deref(),
            Some("2017/03/start#x")
        );
        assert_eq!(
            key("https://alt.example.org/blog/?p=12").as_deref(),
            Some("?p=12#")
        );
        assert_eq!(
            key("https://alt.example.org/blog/?page_id=3&x=1").as_deref(),
            Some("?p=3#")
        );
        assert_eq!(key("https://other.example/2017/"), None);
        assert_eq!(
            old.upload_path("https://alt.example.org/blog/wp-content/uploads/2017/03/a%20b.jpg?x")
                .as_deref(),
            Some("2017/03/a b.jpg")
        );
        assert_eq!(
            old.upload_path("https://alt.example.org/wp-content/uploads/../x.jpg"),
            None
        );
    }

    #[test]
    fn aliases_from_permalinks() {
        let old = OldSite::new("https://alt.example.org");
        assert_eq!(
            alias_for(&old, "https://alt.example.org/2017/03/08/start/")
                .unwrap()
                .as_deref(),
            Some("/2017/03/08/start/")
        );
        assert_eq!(
            alias_for(&old, "https://alt.example.org/%c3%bcber/")
                .unwrap()
                .as_deref(),
            Some("/über/")
        );
        assert!(alias_for(&old, "https://alt.example.org/?p=4").is_err());
    }
}
