//! The pages pass: standalone pages with their Markdown rendered in
//! parallel and their summary (the first 30 words).

use rayon::prelude::*;

use super::super::identify::Identified;
use super::super::items::*;
use super::super::text::object_or_empty;
use super::super::texts::SourceText;
use super::{Context, Partial};
use crate::content::plain::first_words;
use crate::content::records::PageFront;
use crate::content::Document;
use crate::diagnostics::Diagnostics;

/// Adds the pages, by slug.
pub(super) fn run(
    mut model: Partial,
    sources: Vec<Identified<Document<PageFront>>>,
    cx: &Context<'_>,
    problems: &mut Diagnostics,
) -> Partial {
    let rendered: Vec<_> = sources
        .par_iter()
        .map(|p| cx.texts.body(SourceText::of(&p.source), &p.url, true))
        .collect();
    model.pages.reserve(sources.len());
    for (p, (rendered, broken)) in sources.into_iter().zip(rendered) {
        problems.extend(broken);
        let doc = p.source;
        let summary_text = first_words(&rendered.plain, 30);
        model.pages.push(Page {
            fingerprint: doc.fingerprint,
            file: doc.file,
            slug: p.slug,
            url: p.url,
            title: doc.front.title,
            menu: doc.front.menu,
            template: doc.front.template,
            content_html: rendered.html,
            summary_text,
            draft: doc.front.draft,
            aliases: p.aliases,
            extra: object_or_empty(doc.front.extra),
        });
    }
    model
}
