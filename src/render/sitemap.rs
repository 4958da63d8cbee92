//! `sitemap.xml` (sitemaps.org 0.9) and `robots.txt` (docs/urls.md).
//!
//! The sitemap lists every HTML page of the site by its absolute URL —
//! not the alias pages, which only redirect, nor `404.html`, nor drafts —
//! with a `lastmod` date taken from the content: an article's update or
//! publication date, an event's date, for a municipality or topic page the
//! newest of its articles and events, and for every other page the newest
//! article of the site. No date lies after the build date. Past 50,000 URLs
//! the sitemap becomes an index of numbered parts, as the protocol asks.
//! `robots.txt` allows everything and names the sitemap's absolute URL; a
//! site's own `static/robots.txt` replaces it.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::ical;
use crate::content::dates::iso_date;
use crate::escape::escape_html;
use crate::model::{Article, Site};
use crate::output::OutputFile;

/// The sitemap, relative to the base URL.
pub(crate) const SITEMAP: &str = "sitemap.xml";

/// The robots file, relative to the base URL.
pub(crate) const ROBOTS: &str = "robots.txt";

/// The most URLs one sitemap file may list (sitemaps.org).
pub(crate) const MAX_URLS: usize = 50_000;

pub(super) const XML_HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
pub(super) const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The sitemap (one file, or an index and its parts) for the pages at
/// `page_urls` (site-relative, as rendered), and `robots.txt`.
pub(crate) fn sitemap_files<'a>(
    site: &Site,
    page_urls: impl IntoIterator<Item = &'a str>,
    today: NaiveDate,
) -> Vec<OutputFile> {
    let entries = entries(site, page_urls, today);
    let entries: Vec<(&str, Option<NaiveDate>)> =
        entries.iter().map(|(u, d)| (u.as_str(), *d)).collect();
    let base = escape_html(&site.config.base_url.permalink(""));
    let mut files = if entries.len() <= MAX_URLS {
        vec![OutputFile::bytes(
            SITEMAP.into(),
            url_set(&base, &entries).into_bytes(),
        )]
    } else {
        split(&base, &entries)
    };
    files.push(OutputFile::bytes(ROBOTS.into(), robots(site).into_bytes()));
    files
}

/// The sitemap's entries of the pages at `page_urls`: site-relative URL
/// and `lastmod`, sorted, without alias pages and drafts.
pub(crate) fn entries<'a>(
    site: &Site,
    page_urls: impl IntoIterator<Item = &'a str>,
    today: NaiveDate,
) -> Vec<(String, Option<NaiveDate>)> {
    let dates = LastModified::new(site, today);
    let skipped = skipped_urls(site);
    // Sorted by site-relative URL: the order of the absolute ones, as they
    // all begin with the base URL, found without making them first.
    let mut entries: Vec<(&str, Option<NaiveDate>)> = page_urls
        .into_iter()
        .filter(|url| is_page(url) && !skipped.contains(*url))
        .map(|url| (url, dates.of(url)))
        .collect();
    entries.sort_unstable();
    entries.dedup();
    entries
        .into_iter()
        .map(|(u, d)| (u.to_string(), d))
        .collect()
}

/// An HTML page with a pretty URL (`news/x/`, or the home page's ``).
fn is_page(url: &str) -> bool {
    url.is_empty() || url.ends_with('/')
}

/// Alias pages and drafts: rendered, but not for search engines.
fn skipped_urls(site: &Site) -> HashSet<&str> {
    let articles = site.articles.iter().flat_map(|a| {
        a.aliases
            .iter()
            .map(String::as_str)
            .chain(a.draft.then_some(a.url.as_str()))
    });
    let events = site.events.iter().flat_map(|e| {
        e.aliases
            .iter()
            .map(String::as_str)
            .chain(e.draft.then_some(e.url.as_str()))
    });
    let pages = site
        .pages
        .iter()
        .flat_map(|p| p.aliases.iter().map(String::as_str));
    articles.chain(events).chain(pages).collect()
}

/// `lastmod` of each page, from the content.
struct LastModified<'a> {
    by_url: HashMap<&'a str, NaiveDate>,
    newest: Option<NaiveDate>,
    today: NaiveDate,
}

impl<'a> LastModified<'a> {
    fn new(site: &'a Site, today: NaiveDate) -> Self {
        let article = |a: &Article| a.updated.unwrap_or(a.date).date();
        let newest_of = |articles: &[usize], events: &[usize]| {
            let articles = articles
                .iter()
                .map(|&i| &site.articles[i])
                .filter(|a| !a.draft)
                .map(article);
            let events = events
                .iter()
                .map(|&i| &site.events[i])
                .filter(|e| !e.draft)
                .map(ical::recorded_date);
            articles.chain(events).max()
        };
        let mut by_url = HashMap::new();
        for a in &site.articles {
            by_url.insert(a.url.as_str(), article(a));
        }
        for e in &site.events {
            by_url.insert(e.url.as_str(), ical::recorded_date(e));
        }
        for m in &site.municipalities {
            if let Some(d) = newest_of(&m.articles, &m.events) {
                by_url.insert(m.url.as_str(), d);
            }
        }
        for t in &site.topics {
            if let Some(d) = newest_of(&t.articles, &t.events) {
                by_url.insert(t.url.as_str(), d);
            }
        }
        let all_articles: Vec<usize> = (0..site.articles.len()).collect();
        let all_events: Vec<usize> = (0..site.events.len()).collect();
        let newest = newest_of(&all_articles, &[]).or_else(|| newest_of(&[], &all_events));
        LastModified {
            by_url,
            newest,
            today,
        }
    }

    fn of(&self, url: &str) -> Option<NaiveDate> {
        self.by_url
            .get(url)
            .copied()
            .or(self.newest)
            .map(|d| d.min(self.today))
    }
}

/// One `<urlset>` of site-relative URLs below `base` (escaped already).
fn url_set(base: &str, entries: &[(&str, Option<NaiveDate>)]) -> String {
    let mut xml = String::with_capacity(entries.len() * (base.len() + 64) + 128);
    let _ = writeln!(xml, "{XML_HEADER}<urlset xmlns=\"{NAMESPACE}\">");
    for (url, lastmod) in entries {
        push_entry(&mut xml, "url", base, url, *lastmod);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// More than [`MAX_URLS`]: `sitemap-1.xml`, `sitemap-2.xml`, … and an index.
fn split(base: &str, entries: &[(&str, Option<NaiveDate>)]) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut index = format!("{XML_HEADER}<sitemapindex xmlns=\"{NAMESPACE}\">\n");
    for (n, part) in entries.chunks(MAX_URLS).enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        let newest = part.iter().filter_map(|(_, d)| *d).max();
        push_entry(&mut index, "sitemap", base, &path, newest);
        files.push(OutputFile::bytes(path, url_set(base, part).into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile::bytes(SITEMAP.into(), index.into_bytes()));
    files
}

/// One entry; `base` is escaped already, `url` relative to it.
pub(super) fn push_entry(
    xml: &mut String,
    element: &str,
    base: &str,
    url: &str,
    lastmod: Option<NaiveDate>,
) {
    let _ = write!(xml, "  <{element}><loc>{base}{}</loc>", escape_html(url));
    if let Some(date) = lastmod {
        let _ = write!(xml, "<lastmod>{}</lastmod>", iso_date(date));
    }
    let _ = writeln!(xml, "</{element}>");
}

/// `robots.txt`: everything allowed, the sitemap named.
fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nDisallow:\n\nSitemap: {}\n",
        site.config.base_url.permalink(SITEMAP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pretty_urls_are_pages() {
        assert!(is_page(""));
        assert!(is_page("news/x/"));
        assert!(!is_page("404.html"));
        assert!(!is_page("old/page.html"));
    }

    #[test]
    fn urls_are_escaped() {
        assert_eq!(
            escape_html("https://e.org/?a=1&b=<2>"),
            "https://e.org/?a=1&amp;b=&lt;2&gt;"
        );
    }
}
