//! Identifying standalone pages: drafts left out (and noted, so that links
//! to them are explained), each page's slug and URL, sorted by slug.

use std::collections::HashMap;

use super::{aliases, chosen_slug, fits, front_location, Identified, LinkTarget};
use crate::config::Language;
use crate::content::records::PageFront;
use crate::content::Document;
use crate::diagnostics::Diagnostics;
use crate::model::urls::UrlScheme;

/// The pages of `docs` with their identity, by slug.
pub(super) fn identify(
    docs: Vec<Document<PageFront>>,
    scheme: &UrlScheme,
    language: Language,
    include_drafts: bool,
    links: &mut HashMap<String, LinkTarget>,
    problems: &mut Diagnostics,
) -> Vec<Identified<Document<PageFront>>> {
    let mut pages: Vec<Identified<Document<PageFront>>> = Vec::new();
    for doc in docs {
        if doc.front.draft && !include_drafts {
            links.insert(doc.content_path.clone(), LinkTarget::Draft);
            continue;
        }
        let Some(slug) = chosen_slug(
            language,
            doc.front.slug.as_deref(),
            &doc.stem,
            &doc.front.title,
            &doc.file,
            |v| front_location(&doc.front_text, "slug", v),
            problems,
        ) else {
            continue;
        };
        let url = scheme.page(&slug);
        let at = || {
            let front = &doc.front;
            fits::slug_location(
                &doc.front_text,
                front.slug.as_deref(),
                &front.title,
                &slug,
                language,
            )
        };
        if !fits::page(&url, &doc.file, at, problems) {
            continue;
        }
        let aliases = aliases(&doc.front.aliases, &doc.file, &doc.front_text, problems);
        pages.push(Identified {
            source: doc,
            slug,
            url,
            aliases,
        });
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));

    pages
}
