//! Claiming URLs: every municipality, article, event and page (and alias)
//! takes its URL in a fixed order, so that of two files asking for one URL
//! the second is reported, whatever order the disk lists them in; and every
//! source file's content path (for `@/` links) is noted with its URL.

use std::collections::HashMap;
use std::path::Path;

use super::{front_location, Dated, Identified, LinkTarget};
use crate::content::records::{ArticleFront, EventFront, PageFront};
use crate::content::{Document, RecordFile};
use crate::diagnostics::{Diagnostics, Location};
use crate::model::urls::{UrlRegistry, UrlScheme};
use crate::yaml;

/// Claims the URLs of everything identified, in display order.
pub(super) fn claim_all(
    scheme: &UrlScheme,
    municipalities: &[Identified<RecordFile>],
    articles: &[Dated<Document<ArticleFront>>],
    events: &[Dated<Document<EventFront>>],
    pages: &[Identified<Document<PageFront>>],
    links: &mut HashMap<String, LinkTarget>,
    problems: &mut Diagnostics,
) {
    let mut registry = UrlRegistry::with_reserved(scheme);
    let slug_at = |text: &str, shift: usize| {
        yaml::locate_key(text, "slug").map_or(Location::new(1, 1), |l| l.shifted(shift))
    };
    for m in municipalities {
        claim(
            &mut registry,
            &m.url,
            &m.source.file,
            || slug_at(&m.source.text, 0),
            problems,
        );
        links.insert(
            m.source.content_path.clone(),
            LinkTarget::Url(m.url.clone()),
        );
    }
    let documents = articles
        .iter()
        .map(|a| {
            (
                &a.item.url,
                &a.item.aliases,
                &a.item.source.file,
                &a.item.source.front_text,
                &a.item.source.content_path,
            )
        })
        .chain(events.iter().map(|e| {
            (
                &e.item.url,
                &e.item.aliases,
                &e.item.source.file,
                &e.item.source.front_text,
                &e.item.source.content_path,
            )
        }))
        .chain(pages.iter().map(|p| {
            (
                &p.url,
                &p.aliases,
                &p.source.file,
                &p.source.front_text,
                &p.source.content_path,
            )
        }));
    for (url, aliases, file, front_text, content_path) in documents {
        claim(
            &mut registry,
            url,
            file,
            || slug_at(front_text, 1),
            problems,
        );
        for alias in aliases {
            claim(
                &mut registry,
                alias,
                file,
                || front_location(front_text, "aliases", alias.trim_end_matches('/')),
                problems,
            );
        }
        links.insert(content_path.clone(), LinkTarget::Url(url.clone()));
    }
}

/// Claims `url` for `file`; `at` is where the file asks for it, found only
/// when the URL is taken (finding it means scanning the front matter).
fn claim(
    registry: &mut UrlRegistry,
    url: &str,
    file: &Path,
    at: impl FnOnce() -> Location,
    problems: &mut Diagnostics,
) {
    if let Err(d) = registry.claim(url, file, at) {
        problems.push(d);
    }
}
