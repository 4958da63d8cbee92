//! Link and image destinations, by link type: `@/` links resolved to the
//! URL of their file, relative ones made absolute against the page, e-mail
//! autolinks left to the HTML writer (which puts `mailto:` before the
//! address), and every destination checked against the URL policy.

use pulldown_cmark::{CowStr, LinkType};

use super::{Found, ImageLookup, ImageRef, RefusedUrl};
use crate::url_policy::{self, UrlKind};

/// How link targets are resolved while rendering one text.
pub(super) struct Links<'r> {
    /// The in-site path of the page the text belongs to, ending in `/`.
    pub(super) page_base: &'r str,
    /// The URL of an `@/` link's file, `None` when there is none.
    pub(super) resolve: &'r dyn Fn(&str) -> Option<String>,
    /// The image hook of [`super::render`].
    pub(super) image: &'r dyn Fn(&ImageRef<'_>) -> ImageLookup,
}

impl Links<'_> {
    /// The destination to publish for a link or image (`at`: its offset,
    /// and whether it is an image), and
    /// whether it was refused. Broken `@/` links and refused URLs are noted
    /// in `found`; a refused URL is replaced by an empty one, so that it is
    /// not published even where the error is not looked at.
    pub(super) fn destination<'a>(
        &self,
        link_type: LinkType,
        dest: CowStr<'a>,
        at: (usize, bool),
        found: &mut Found,
    ) -> (CowStr<'a>, bool) {
        if link_type == LinkType::Email {
            // `<info@ahlen.de>`: the address alone; the HTML writer adds
            // `mailto:`.
            let with_scheme = format!("mailto:{dest}");
            return self.checked(dest, &with_scheme, at, found);
        }
        if let Some(target) = dest.strip_prefix("@/") {
            return (self.at_link(&dest, target, at.0, found), false);
        }
        // `[x]()`: a link to the page itself, as CommonMark has it.
        if dest.trim().is_empty() {
            return (dest, false);
        }
        match url_policy::check(&dest) {
            Ok(UrlKind::Relative) if !dest.starts_with(['/', '?', '\\']) => {
                (CowStr::from(format!("{}{}", self.page_base, dest)), false)
            }
            Ok(_) => (dest, false),
            Err(refusal) => refuse(dest, refusal, at, found),
        }
    }

    /// `dest` when `url` is allowed, else an empty URL, the refusal noted.
    fn checked<'a>(
        &self,
        dest: CowStr<'a>,
        url: &str,
        at: (usize, bool),
        found: &mut Found,
    ) -> (CowStr<'a>, bool) {
        match url_policy::check(url) {
            Ok(_) => (dest, false),
            Err(refusal) => refuse(dest, refusal, at, found),
        }
    }

    fn at_link<'a>(
        &self,
        dest: &CowStr<'a>,
        target: &str,
        offset: usize,
        found: &mut Found,
    ) -> CowStr<'a> {
        let (path, fragment) = match target.find('#') {
            Some(i) => (&target[..i], &target[i..]),
            None => (target, ""),
        };
        match (self.resolve)(path) {
            Some(url) => CowStr::from(format!("{url}{fragment}")),
            None => {
                found.broken_links.push((offset, dest.to_string()));
                dest.clone()
            }
        }
    }
}

/// Notes a refused URL; an empty one is published in its place.
fn refuse<'a>(
    dest: CowStr<'a>,
    refusal: url_policy::UrlRefusal,
    (offset, image): (usize, bool),
    found: &mut Found,
) -> (CowStr<'a>, bool) {
    found.refused_urls.push(RefusedUrl {
        offset,
        image,
        url: dest.to_string(),
        refusal,
    });
    (CowStr::Borrowed(""), true)
}
