//! The links between the languages of a multilingual site: which pages
//! each language has, and for each page its versions in the others
//! (`<link rel="alternate" hreflang>`, the language switcher, the
//! sitemap's `xhtml:link`s). An item's versions are found through its
//! original's file (a translation may have another slug); every other page
//! is the same page when its path below the language's prefix is the same.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::data::languages::{LanguageLink, Untranslated};
use super::sitemap::{push_entry, MAX_URLS, NAMESPACE, ROBOTS, SITEMAP, XML_HEADER};
use super::Theme;
use crate::config::{BaseUrl, SiteLanguage};
use crate::content::dates::iso_date;
use crate::escape::escape_html;
use crate::model::Site;
use crate::output::OutputFile;

/// The XHTML namespace of the sitemap's `xhtml:link` alternates.
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// The pages of one language.
#[derive(Debug)]
pub(crate) struct LanguagePages {
    /// The language.
    pub language: SiteLanguage,
    /// Its base URL (the site's, with its prefix).
    pub base: BaseUrl,
    /// Every page's site-relative URL (below the prefix).
    urls: HashSet<String>,
    /// The original's file of the item at a URL.
    item_at: HashMap<String, PathBuf>,
    /// The URL of the item with an original's file.
    url_of: HashMap<PathBuf, String>,
    /// URLs of items shown in the default language.
    untranslated: HashSet<String>,
    /// The sitemap's entries: URL (below the prefix) and date.
    pub(super) sitemap: Vec<(String, Option<NaiveDate>)>,
}

impl LanguagePages {
    /// The pages `site` (built for one language) has. `originals` maps its
    /// translation files to their originals; `untranslated` lists the
    /// files it shows in the default language.
    pub(crate) fn new(
        site: &Site,
        theme: &Theme,
        today: NaiveDate,
        originals: &HashMap<PathBuf, PathBuf>,
        untranslated: &HashSet<PathBuf>,
    ) -> LanguagePages {
        let urls = super::page_urls(site, theme, today);
        let sitemap = super::sitemap::entries(site, urls.iter().map(String::as_str), today);
        let items = site
            .articles
            .iter()
            .map(|a| (&a.file, &a.url))
            .chain(site.events.iter().map(|e| (&e.file, &e.url)))
            .chain(site.pages.iter().map(|p| (&p.file, &p.url)));
        let (mut item_at, mut url_of, mut shown) = (HashMap::new(), HashMap::new(), HashSet::new());
        for (file, url) in items {
            let original = originals.get(file).unwrap_or(file).clone();
            if untranslated.contains(file) {
                shown.insert(url.clone());
            }
            item_at.insert(url.clone(), original.clone());
            url_of.insert(original, url.clone());
        }
        LanguagePages {
            language: site.config.site_language().clone(),
            base: site.config.base_url.clone(),
            urls: urls.into_iter().collect(),
            item_at,
            url_of,
            untranslated: shown,
            sitemap,
        }
    }

    /// This language's URL of the page at `url` of `from`, if it has it.
    fn version_of(&self, from: &LanguagePages, url: &str) -> Option<String> {
        match from.item_at.get(url) {
            Some(original) => self.url_of.get(original).cloned(),
            None => self.urls.contains(url).then(|| url.to_string()),
        }
    }

    fn link(&self, url: &str, exists: bool, current: bool) -> LanguageLink {
        let language = self.language.language;
        LanguageLink {
            key: language.key(),
            tag: self.language.tag.clone(),
            name: language.native_name(),
            dir: language.direction().attribute(),
            url: self.base.link(url),
            permalink: self.base.permalink(url),
            exists,
            current,
        }
    }
}

/// Every language's pages, the default language first.
#[derive(Debug)]
pub(crate) struct LanguageLinks {
    /// The languages' pages.
    pub languages: Vec<LanguagePages>,
}

/// What a page of one language gets from [`LanguageLinks`].
pub(crate) struct PageLanguages {
    /// Its versions, itself included, in the order of `site.yaml`.
    pub alternates: Vec<LanguageLink>,
    /// The default language's version's absolute URL, for `x-default`.
    pub x_default: Option<String>,
    /// Every language: the page's version, or the language's home.
    pub switcher: Vec<LanguageLink>,
    /// Set when the page shows an item in the default language.
    pub untranslated: Option<Untranslated>,
}

impl LanguageLinks {
    /// A hash of every language's pages and items, equal for equal links:
    /// part of every page's memo key, since each page links to its
    /// versions in the other languages (a translation added changes
    /// pages of every language).
    pub(crate) fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        fn hash_of(value: impl Hash) -> u64 {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            value.hash(&mut h);
            h.finish()
        }
        let mut total = 0u64;
        for (i, pages) in self.languages.iter().enumerate() {
            // Sums of the members' hashes: the same whatever the order the
            // sets are walked in.
            let mut sum = hash_of((i, &pages.language.tag, pages.base.link("")));
            for url in &pages.urls {
                sum = sum.wrapping_add(hash_of((0u8, url)));
            }
            for item in &pages.item_at {
                sum = sum.wrapping_add(hash_of((1u8, item)));
            }
            for url in &pages.untranslated {
                sum = sum.wrapping_add(hash_of((2u8, url)));
            }
            total = hash_of((total, sum));
        }
        total
    }

    /// The language links of the page at `url` of the `index`th language.
    pub(crate) fn of_page(&self, index: usize, url: &str) -> PageLanguages {
        let from = &self.languages[index];
        let mut alternates = Vec::new();
        let mut switcher = Vec::new();
        for (i, other) in self.languages.iter().enumerate() {
            match other.version_of(from, url) {
                Some(there) => {
                    let link = other.link(&there, true, i == index);
                    switcher.push(link.clone());
                    alternates.push(link);
                }
                None => switcher.push(other.link(&other.home_url(), false, false)),
            }
        }
        // One version alone has no alternates to name.
        if alternates.len() < 2 {
            alternates.clear();
        }
        let x_default = alternates
            .iter()
            .find(|a| a.key == self.languages[0].language.language.key())
            .map(|a| a.permalink.clone());
        let untranslated = from.untranslated.contains(url).then(|| {
            let default = &self.languages[0].language;
            Untranslated {
                tag: default.tag.clone(),
                dir: default.language.direction().attribute(),
            }
        });
        PageLanguages {
            alternates,
            x_default,
            switcher,
            untranslated,
        }
    }
}

impl LanguagePages {
    /// The home page below the prefix (always ``).
    fn home_url(&self) -> String {
        String::new()
    }
}

/// The sitemap of a multilingual site: every language's pages, each with
/// an `xhtml:link` to each of its language versions (itself included, as
/// search engines ask), and `robots.txt`.
pub(crate) fn sitemap_files(links: &LanguageLinks, root: &BaseUrl) -> Vec<OutputFile> {
    let mut entries: Vec<(String, Option<NaiveDate>, String)> = Vec::new();
    for (i, language) in links.languages.iter().enumerate() {
        for (url, date) in &language.sitemap {
            let mut alternates = String::new();
            let page = links.of_page(i, url);
            let x_default = page
                .x_default
                .iter()
                .map(|href| ("x-default", href.as_str()));
            let versions = page
                .alternates
                .iter()
                .map(|a| (a.tag.as_str(), a.permalink.as_str()));
            for (tag, href) in versions.chain(x_default) {
                let _ = writeln!(
                    alternates,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape_html(tag),
                    escape_html(href)
                );
            }
            entries.push((language.base.permalink(url), *date, alternates));
        }
    }
    entries.sort_unstable();
    let mut files = Vec::new();
    let set = |part: &[(String, Option<NaiveDate>, String)]| {
        let mut xml =
            format!("{XML_HEADER}<urlset xmlns=\"{NAMESPACE}\" xmlns:xhtml=\"{XHTML}\">\n");
        for (url, lastmod, alternates) in part {
            let _ = write!(xml, "  <url><loc>{}</loc>", escape_html(url));
            if let Some(date) = lastmod {
                let _ = write!(xml, "<lastmod>{}</lastmod>", iso_date(*date));
            }
            if alternates.is_empty() {
                xml.push_str("</url>\n");
            } else {
                let _ = write!(xml, "\n{alternates}  </url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if entries.len() <= MAX_URLS {
        files.push(OutputFile::bytes(
            SITEMAP.into(),
            set(&entries).into_bytes(),
        ));
    } else {
        let base = escape_html(&root.permalink(""));
        let mut index = format!("{XML_HEADER}<sitemapindex xmlns=\"{NAMESPACE}\">\n");
        for (n, part) in entries.chunks(MAX_URLS).enumerate() {
            let path = format!("sitemap-{}.xml", n + 1);
            let newest = part.iter().filter_map(|(_, d, _)| *d).max();
            push_entry(&mut index, "sitemap", &base, &path, newest);
            files.push(OutputFile::bytes(path, set(part).into_bytes()));
        }
        index.push_str("</sitemapindex>\n");
        files.push(OutputFile::bytes(SITEMAP.into(), index.into_bytes()));
    }
    files.push(OutputFile::bytes(
        ROBOTS.into(),
        format!(
            "User-agent: *\nDisallow:\n\nSitemap: {}\n",
            root.permalink(SITEMAP)
        )
        .into_bytes(),
    ));
    files
}
