//! The URL scheme of a site (docs/urls.md) and the registry that makes sure no two
//! items end up at one URL. URLs here are relative to the base URL, without a
//! leading slash and with a trailing one: `news/start/`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Paths;
use crate::diagnostics::{Diagnostic, Location};

/// Where each kind of page lives.
#[derive(Debug, Clone)]
pub struct UrlScheme {
    paths: Paths,
}

#[allow(missing_docs)]
impl UrlScheme {
    /// The scheme for the configured section paths.
    pub fn new(paths: &Paths) -> Self {
        UrlScheme {
            paths: paths.clone(),
        }
    }
    pub fn home(&self) -> String {
        String::new()
    }
    pub fn news_list(&self, page: usize) -> String {
        paginated(&self.paths.news, page)
    }
    pub fn article(&self, slug: &str) -> String {
        [self.paths.news.as_str(), "/", slug, "/"].concat()
    }
    pub fn events_list(&self) -> String {
        [self.paths.events.as_str(), "/"].concat()
    }
    pub fn event(&self, slug: &str) -> String {
        [self.paths.events.as_str(), "/", slug, "/"].concat()
    }
    pub fn municipalities_list(&self) -> String {
        [self.paths.municipalities.as_str(), "/"].concat()
    }
    pub fn municipality(&self, slug: &str) -> String {
        [self.paths.municipalities.as_str(), "/", slug, "/"].concat()
    }
    pub fn topic_page(&self, slug: &str, page: usize) -> String {
        paginated(&[self.paths.topics.as_str(), "/", slug].concat(), page)
    }
    pub fn topics_list(&self) -> String {
        [self.paths.topics.as_str(), "/"].concat()
    }
    pub fn topic(&self, slug: &str) -> String {
        [self.paths.topics.as_str(), "/", slug, "/"].concat()
    }
    pub fn archive(&self) -> String {
        format!("{}/", self.paths.archive)
    }
    pub fn archive_year(&self, year: i32) -> String {
        format!("{}/{year:04}/", self.paths.archive)
    }
    pub fn archive_month(&self, year: i32, month: u32) -> String {
        format!("{}/{year:04}/{month:02}/", self.paths.archive)
    }
    pub fn calendar(&self) -> String {
        format!("{}/", self.paths.calendar)
    }
    pub fn calendar_month(&self, year: i32, month: u32) -> String {
        format!("{}/{year:04}/{month:02}/", self.paths.calendar)
    }
    pub fn search(&self) -> String {
        format!("{}/", self.paths.search)
    }
    pub fn offers(&self) -> String {
        format!("{}/", self.paths.offers)
    }
    pub fn offers_stage(&self, stage: &str) -> String {
        format!("{}/{stage}/", self.paths.offers)
    }
    pub fn chain(&self) -> String {
        format!("{}/", self.paths.chain)
    }
    pub fn page(&self, slug: &str) -> String {
        format!("{slug}/")
    }
    /// The section URLs that kette generates itself, with what they are.
    pub fn reserved(&self) -> Vec<(String, &'static str)> {
        vec![
            (self.home(), "the home page"),
            (self.news_list(1), "the news list"),
            (self.events_list(), "the events list"),
            (self.municipalities_list(), "the municipality list"),
            (self.topics_list(), "the topic list"),
            (self.archive(), "the archive"),
            (self.calendar(), "the calendar"),
            (self.search(), "the search page"),
            (self.offers(), "the offer directory"),
            (self.chain(), "the prevention chain overview"),
        ]
    }
}

// URLs are put together with `concat`, not `format!`: they are made for
// every card and page link, and the formatting machinery cost more than the
// copying.
fn paginated(section: &str, page: usize) -> String {
    if page <= 1 {
        [section, "/"].concat()
    } else {
        format!("{section}/page/{page}/")
    }
}

/// The file an URL is written to: `news/x/` → `news/x/index.html`.
pub(crate) fn output_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        [url, "index.html"].concat()
    } else {
        url.to_string()
    }
}

/// An alias as written (`/2017/03/08/start/`) turned into a relative URL, or
/// the reason it cannot be one.
pub(crate) fn alias_url(alias: &str) -> Result<String, String> {
    let trimmed = alias.trim().trim_start_matches('/');
    if trimmed.is_empty() {
        return Err(format!("alias `{alias}` is the home page"));
    }
    if alias.contains("://") || alias.contains('\\') || alias.contains(['?', '#', '%']) {
        return Err(format!(
            "alias `{alias}` must be a plain path such as /2017/03/start/"
        ));
    }
    let segments: Vec<&str> = trimmed.trim_end_matches('/').split('/').collect();
    if segments
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == ".." || s.chars().any(char::is_control))
    {
        return Err(format!(
            "alias `{alias}` may not contain empty, `.` or `..` segments"
        ));
    }
    let joined = segments.join("/");
    if joined.ends_with(".html") {
        Ok(joined)
    } else {
        Ok(format!("{joined}/"))
    }
}

/// `%XX` sequences of a URL path decoded; invalid ones are kept as they
/// are, invalid UTF-8 is replaced (for lenient checks, not for serving).
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Who owns which URL, to report two items at one URL with both files.
#[derive(Debug, Default)]
pub(crate) struct UrlRegistry {
    owners: HashMap<String, Owner>,
}

#[derive(Debug, Clone)]
enum Owner {
    File(PathBuf),
    Generated(&'static str),
}

impl UrlRegistry {
    /// Reserves the URLs kette generates itself.
    pub(crate) fn with_reserved(scheme: &UrlScheme) -> Self {
        let mut registry = UrlRegistry::default();
        for (url, what) in scheme.reserved() {
            registry.owners.insert(url, Owner::Generated(what));
        }
        registry
    }

    /// Claims `url` for `file`; an error at `location` when it is taken.
    pub(crate) fn claim(
        &mut self,
        url: &str,
        file: &Path,
        location: impl FnOnce() -> Location,
    ) -> Result<(), Diagnostic> {
        match self.owners.get(url) {
            None => {
                self.owners
                    .insert(url.to_string(), Owner::File(file.to_path_buf()));
                Ok(())
            }
            Some(Owner::File(other)) => {
                let (message, help) = crate::messages::url_taken(url, &other.display().to_string());
                Err(Diagnostic::at(file, location(), message).with_help(help))
            }
            Some(Owner::Generated(what)) => {
                let (message, help) = crate::messages::url_generated(url, what);
                Err(Diagnostic::at(file, location(), message).with_help(help))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_stay_inside_the_site() {
        assert_eq!(
            alias_url("/2017/03/08/start/").unwrap(),
            "2017/03/08/start/"
        );
        assert_eq!(alias_url("old/page.html").unwrap(), "old/page.html");
        assert!(alias_url("/../etc/").is_err());
        assert!(alias_url("https://evil.example/").is_err());
        assert!(alias_url("/").is_err());
    }

    #[test]
    fn two_owners_are_an_error_naming_both() {
        let scheme = UrlScheme::new(&Paths::default());
        let mut r = UrlRegistry::with_reserved(&scheme);
        r.claim("news/a/", Path::new("content/news/a.md"), || {
            Location::new(1, 1)
        })
        .unwrap();
        let e = r
            .claim("news/a/", Path::new("content/news/2017-01-01-a.md"), || {
                Location::new(1, 1)
            })
            .unwrap_err();
        assert!(e.message.contains("content/news/a.md"), "{}", e.message);
        assert!(r
            .claim("news/", Path::new("p.md"), || Location::new(1, 1))
            .is_err());
    }
}
