//! Atom 1.0 feeds (RFC 4287, docs/feeds-and-search.md): the whole site's news at `atom.xml`,
//! and one feed per municipality and per topic beside its page
//! (`municipalities/<slug>/atom.xml`, `topics/<slug>/atom.xml`).
//!
//! Every feed holds the newest [`MAX_ENTRIES`] articles it covers, never a
//! draft. Links are absolute, entry ids are `tag:` URIs (RFC 4151) built from
//! the host, the publication date and the article's path, and every date
//! comes from the content, so two builds of the same input give the same
//! bytes. Every text is written without the characters XML forbids, so no
//! content makes a feed unreadable. The `atom_syndication` crate is used only in this module.

use std::sync::OnceLock;

use super::data::FeedLink;
use atom_syndication::{
    Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};
use chrono::DateTime;
use rayon::prelude::*;

use super::memo::{self, RenderMemo};
use crate::diagnostics::Diagnostic;
use crate::model::{Article, Site, MAX_CARD_TOPICS};
use crate::output::OutputFile;

/// The site-wide feed, relative to the base URL.
pub(crate) const SITE_FEED: &str = "atom.xml";

/// The file name of a municipality's or topic's feed, beside its page.
pub(crate) const FEED_FILE: &str = "atom.xml";

/// The most entries one feed carries (the newest ones).
pub(crate) const MAX_ENTRIES: usize = 50;

/// The feed's media type, for `<link rel="alternate" type=…>`.
pub(crate) const MEDIA_TYPE: &str = "application/atom+xml";

/// Every feed of the site, each handed to `put` as soon as it is made (a
/// large site's feeds are many megabytes: they are not held all at once);
/// none when `feeds` is off in `site.yaml`. Returns what `put` refused.
/// With a memo (and the site's key, see `memo::site_key`), feeds whose
/// entries are unchanged are not made again but counted as kept.
pub(crate) fn atom_feeds(
    site: &Site,
    memo: Option<(&RenderMemo, u64)>,
    put: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
) -> Vec<Diagnostic> {
    if !site.config.feeds {
        return Vec::new();
    }
    let all: Vec<usize> = (0..site.articles.len()).collect();
    let mut specs = vec![FeedSpec {
        path: SITE_FEED.to_string(),
        page_url: site.urls.home(),
        title: site.config.title.clone(),
        articles: &all,
    }];
    let pages = site
        .municipalities
        .iter()
        .map(|m| (&m.url, &m.name, &m.articles))
        .chain(site.topics.iter().map(|t| (&t.url, &t.name, &t.articles)));
    specs.extend(pages.map(|(url, name, articles)| FeedSpec {
        path: feed_path(url),
        page_url: url.clone(),
        title: format!("{name} – {}", site.config.title),
        articles,
    }));
    // An article is in several feeds (the site's, its municipalities',
    // its topics'): its entry is written once, on first use.
    let entries: Vec<OnceLock<String>> = site.articles.iter().map(|_| OnceLock::new()).collect();
    specs
        .par_iter()
        .filter(|spec| {
            !memo.is_some_and(|(memo, site_key)| {
                memo.keep(&spec.path, Some(spec.key(site, site_key)))
            })
        })
        .filter_map(|spec| put(spec.render(site, &entries)).err())
        .collect()
}

/// The site-wide feed as template data `{ url, title, type }`; `None` (`null` to templates) when
/// feeds are off.
pub(crate) fn site_feed(site: &Site) -> Option<FeedLink> {
    if !site.config.feeds {
        return None;
    }
    Some(FeedLink {
        url: site.config.base_url.link(SITE_FEED),
        title: site.config.title.clone(),
        media_type: MEDIA_TYPE,
    })
}

/// The feed that belongs to the page at `page_url` (a municipality's or a
/// topic's), as template data `{ url, title }`; `None` (`null` to templates) when feeds are off.
pub(crate) fn page_feed(site: &Site, page_url: &str, name: &str) -> Option<FeedLink> {
    if !site.config.feeds {
        return None;
    }
    Some(FeedLink {
        url: site.config.base_url.link(&feed_path(page_url)),
        title: format!("{name} – {}", site.config.title),
        media_type: MEDIA_TYPE,
    })
}

/// `municipalities/ahlen/` → `municipalities/ahlen/atom.xml`.
pub(crate) fn feed_path(page_url: &str) -> String {
    format!("{page_url}{FEED_FILE}")
}

/// One feed to write: where, for which page, and which articles.
struct FeedSpec<'a> {
    path: String,
    page_url: String,
    title: String,
    /// Article indices, newest first.
    articles: &'a [usize],
}

impl FeedSpec<'_> {
    /// The articles of the feed, newest first.
    fn entries<'s>(&self, site: &'s Site) -> impl Iterator<Item = &'s Article> + use<'s, '_> {
        self.entries_with_index(site).map(|(_, a)| a)
    }

    /// A hash of everything the feed is made from.
    fn key(&self, site: &Site, site_key: u64) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = memo::hasher();
        (site_key, &self.path, &self.page_url, &self.title).hash(&mut h);
        for a in self.entries(site) {
            a.fingerprint.hash(&mut h);
        }
        h.finish()
    }

    /// The feed; `entries` holds the entry XML of articles written already.
    fn render(&self, site: &Site, entries: &[OnceLock<String>]) -> OutputFile {
        let base = &site.config.base_url;
        let updated = self
            .entries(site)
            .map(|a| a.updated.unwrap_or(a.date).at.fixed_offset())
            .max()
            .or_else(|| newest_update(site))
            .unwrap_or_else(epoch);
        let feed = Feed {
            title: Text::plain(xml_text(&self.title)),
            id: base.permalink(&self.page_url),
            updated,
            authors: vec![Person {
                name: xml_text(&site.config.title),
                uri: Some(base.absolute.clone()),
                ..Default::default()
            }],
            generator: Some(Generator {
                value: "kette".into(),
                uri: None,
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            links: vec![
                link(base.permalink(&self.path), "self", MEDIA_TYPE),
                link(base.permalink(&self.page_url), "alternate", "text/html"),
            ],
            subtitle: (!site.config.description.is_empty())
                .then(|| Text::plain(xml_text(&site.config.description))),
            // The language's tag as site.yaml gives it (`de-x-ls`, a
            // site's own `tag:`), as in the pages' `lang`.
            lang: Some(site.config.site_language().tag.clone()),
            ..Default::default()
        };
        // The entries are the feed's last elements: they go before its end.
        let head = feed.to_string();
        let end = head.rfind("</feed>").unwrap_or(head.len());
        let mut xml = String::with_capacity(head.len() + MAX_ENTRIES * 8192);
        xml.push_str(&head[..end]);
        for (i, a) in self.entries_with_index(site) {
            xml.push_str(entries[i].get_or_init(|| entry_xml(site, a)));
        }
        xml.push_str(&head[end..]);
        OutputFile::bytes(self.path.clone(), xml.into_bytes())
    }

    /// [`FeedSpec::entries`] with each article's index.
    fn entries_with_index<'s>(
        &self,
        site: &'s Site,
    ) -> impl Iterator<Item = (usize, &'s Article)> + use<'s, '_> {
        self.articles
            .iter()
            .map(|&i| (i, &site.articles[i]))
            .filter(|(_, a)| !a.draft)
            .take(MAX_ENTRIES)
    }
}

/// An article's `<entry>` element, as it stands inside a feed.
fn entry_xml(site: &Site, a: &Article) -> String {
    let config = WriteConfig {
        write_document_declaration: false,
        indent_size: None,
    };
    let bytes = entry(site, a)
        .write_with_config(Vec::new(), config)
        .unwrap_or_default();
    let mut xml = String::from_utf8(bytes).unwrap_or_default();
    // Written alone, the entry declares the Atom namespace its feed declares.
    if xml.starts_with(ENTRY_WITH_NAMESPACE) {
        xml.replace_range(..ENTRY_WITH_NAMESPACE.len(), "<entry>");
    }
    // An article shown untranslated in a further language's feed is in the
    // default language: its entry says so, as its page's element does.
    if a.untranslated && xml.starts_with("<entry>") {
        let mut open = String::from("<entry xml:lang=\"");
        crate::escape::push_escaped_xml(&site.config.languages[0].tag, &mut open);
        open.push_str("\">");
        xml.replace_range(.."<entry>".len(), &open);
    }
    // The content, the entry's last element, as the crate would write it
    // (`quick_xml` escapes byte by byte: the full text of 10,000 articles
    // took a third of the time of all feeds).
    if let Some(end) = xml.rfind("</entry>") {
        xml.truncate(end);
        xml.push_str("<content xml:base=\"");
        crate::escape::push_escaped_xml(&site.config.base_url.permalink(&a.url), &mut xml);
        xml.push_str("\" type=\"html\">");
        crate::escape::push_escaped_xml(&a.content_html, &mut xml);
        xml.push_str("</content></entry>");
    }
    xml
}

/// How an entry written alone begins.
const ENTRY_WITH_NAMESPACE: &str = "<entry xmlns=\"http://www.w3.org/2005/Atom\">";

/// One article as an entry: absolute links, full content, summary, topics.
fn entry(site: &Site, a: &Article) -> Entry {
    let base = &site.config.base_url;
    let permalink = base.permalink(&a.url);
    let published = a.date.at.fixed_offset();
    let categories = a
        .topics
        .iter()
        .take(MAX_CARD_TOPICS)
        .map(|&t| {
            let topic = &site.topics[t];
            Category {
                term: xml_text(&topic.slug),
                scheme: Some(base.permalink(&site.urls.topics_list())),
                label: Some(xml_text(&topic.name)),
            }
        })
        .collect();
    Entry {
        title: Text::plain(xml_text(&a.title)),
        id: tag_uri(site, a),
        updated: a.updated.map_or(published, |u| u.at.fixed_offset()),
        published: Some(published),
        authors: a
            .author
            .iter()
            .map(|name| Person {
                name: xml_text(name),
                ..Default::default()
            })
            .collect(),
        categories,
        links: vec![link(permalink, "alternate", "text/html")],
        summary: (!a.summary_text.is_empty()).then(|| Text::plain(xml_text(&a.summary_text))),
        // The full text as HTML, with `xml:base` set to the permalink so
        // that root-relative links and images inside resolve: added by
        // `entry_xml`.
        content: None,
        ..Default::default()
    }
}

/// A `tag:` URI that stays the same as long as host, date and path do:
/// `tag:example.org,2017-03-08:/praevention/news/start/`.
fn tag_uri(site: &Site, a: &Article) -> String {
    let base = &site.config.base_url;
    let host = host_of(&base.absolute);
    format!(
        "tag:{host},{}:{}",
        crate::content::dates::iso_date(a.date.date()),
        base.link(&a.url)
    )
}

/// The host name of an absolute URL, without scheme, port or path.
fn host_of(absolute: &str) -> &str {
    let rest = absolute.split_once("://").map_or(absolute, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host)
}

/// Text for the feed writer (which escapes markup, but passes characters
/// XML forbids): see [`crate::escape::xml_safe`].
fn xml_text(text: &str) -> String {
    crate::escape::xml_safe(text).into_owned()
}

fn link(href: String, rel: &str, media_type: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(media_type.into()),
        ..Default::default()
    }
}

/// The newest publication or update of any published article.
fn newest_update(site: &Site) -> Option<FixedDateTime> {
    site.articles
        .iter()
        .filter(|a| !a.draft)
        .map(|a| a.updated.unwrap_or(a.date).at.fixed_offset())
        .max()
}

/// 1970-01-01T00:00:00Z, for a site without any article.
fn epoch() -> FixedDateTime {
    DateTime::UNIX_EPOCH.fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_lose_scheme_port_and_path() {
        assert_eq!(host_of("https://example.org/praevention/"), "example.org");
        assert_eq!(host_of("http://localhost:8080/"), "localhost");
    }

    #[test]
    fn feeds_live_beside_their_pages() {
        assert_eq!(
            feed_path("municipalities/ahlen/"),
            "municipalities/ahlen/atom.xml"
        );
    }
}
