//! The last model kept by `serve`, and an edit of Markdown bodies patched
//! into it: when an editor changes only the body of articles, events or
//! pages, their slugs, dates, URLs, topics, municipalities and the table of
//! `@/` links stay as they were, so the model is the last one with the new
//! bodies (and the summaries made of them) in place. Making the model again
//! from ten thousand sources takes longer than rendering the pages the
//! edit changed.
//!
//! A patch is refused, and the model made again, whenever it could differ
//! from a whole build: a multilingual site, a body with a problem, or a
//! body whose pictures differ from before (the site's pictures are planned
//! for the whole model at once).

use std::collections::HashMap;

use super::identify::LinkTarget;
use super::pictures::LeadOf;
use super::text::bundle_relative;
use super::texts::{Body, SourceText, TextRenderer};
use super::{Site, TextMemo};
use crate::catalog::Catalog;
use crate::content::markdown::Rendered;
use crate::content::plain::first_words;
use crate::content::{BodyEdit, Document, Edited};

/// The `@/` links of a model: where each source file is published.
pub(super) type LinkTable = HashMap<String, LinkTarget>;

/// What `serve` keeps of the model from one rebuild to the next.
#[derive(Debug, Default)]
pub(crate) struct ModelMemo {
    /// Rendered Markdown, recalled while a text's inputs are unchanged.
    pub(crate) texts: TextMemo,
    /// The last model that was built and rendered, with its links.
    last: Option<(Site, LinkTable)>,
    /// The links of the model just made, until its site is handed back.
    made: Option<LinkTable>,
}

impl ModelMemo {
    /// Notes the links of a model just made; the model kept before is
    /// outdated now.
    pub(super) fn made(&mut self, links: LinkTable) {
        drop_later(self.last.take());
        self.made = Some(links);
    }

    /// Keeps `site`, the model just made or patched, once it was rendered
    /// without problems: the next edit may patch it (never on a site in
    /// several languages, whose other models are made beside it).
    pub(crate) fn keep(&mut self, site: Site) {
        match self.made.take() {
            Some(links) if !site.config.is_multilingual() => {
                drop_later(self.last.replace((site, links)))
            }
            _ => drop_later(Some(site)),
        }
    }

    /// The kept model with the bodies of `edits` in place, if nothing but
    /// the bodies changes (see the module's doc). The model is no longer
    /// kept then; hand it back with [`ModelMemo::keep`] once rendered.
    pub(crate) fn patched(&mut self, edits: &[Edited]) -> Option<Site> {
        let (mut site, links) = self.last.take()?;
        let patches: Option<Vec<Patch>> = edits.iter().map(|e| patch(&site, &links, e)).collect();
        let Some(patches) = patches else {
            self.last = Some((site, links));
            return None;
        };
        for p in patches {
            p.apply(&mut site);
        }
        self.made = Some(links);
        Some(site)
    }
}

/// Frees a big model on another thread: nobody needs to wait for it.
fn drop_later<T: Send + 'static>(value: Option<T>) {
    if let Some(value) = value {
        std::thread::spawn(move || drop(value));
    }
}

/// The new body of one item, ready to put in place.
enum Patch {
    Article(usize, NewBody),
    Event(usize, NewBody),
    Page(usize, NewBody),
}

/// What a body gives its item.
struct NewBody {
    fingerprint: u64,
    rendered: Rendered,
    summary: (std::sync::Arc<str>, std::sync::Arc<str>),
}

impl Patch {
    fn apply(self, site: &mut Site) {
        match self {
            Patch::Article(i, b) => {
                let a = &mut site.articles[i];
                a.fingerprint = b.fingerprint;
                (a.summary_html, a.summary_text) = b.summary;
                a.content_html = b.rendered.html;
                a.plain_text = b.rendered.plain;
            }
            Patch::Event(i, b) => {
                let e = &mut site.events[i];
                e.fingerprint = b.fingerprint;
                (e.summary_html, e.summary_text) = b.summary;
                e.content_html = b.rendered.html;
                e.plain_text = b.rendered.plain;
            }
            Patch::Page(i, b) => {
                let p = &mut site.pages[i];
                p.fingerprint = b.fingerprint;
                p.summary_text = first_words(&b.rendered.plain, 30);
                p.content_html = b.rendered.html;
            }
        }
    }
}

/// The patch for `edit`, rendered as a whole build would render it; `None`
/// when the item is not in the model or the patch is refused.
fn patch(site: &Site, links: &LinkTable, edit: &Edited) -> Option<Patch> {
    match edit {
        Edited::Article(edit) => {
            let i = site.articles.iter().position(|a| a.file == edit.new.file)?;
            let front = &edit.new.front;
            let shown = Shown::Lead(
                front.image.as_deref(),
                front.summary.as_deref(),
                LeadOf::Article,
            );
            let body = new_body(site, links, edit, &site.articles[i].url, shown);
            body.map(|b| Patch::Article(i, b))
        }
        Edited::Event(edit) => {
            let i = site.events.iter().position(|e| e.file == edit.new.file)?;
            let front = &edit.new.front;
            let shown = Shown::Lead(
                front.image.as_deref(),
                front.summary.as_deref(),
                LeadOf::Event,
            );
            let body = new_body(site, links, edit, &site.events[i].url, shown);
            body.map(|b| Patch::Event(i, b))
        }
        Edited::Page(edit) => {
            let i = site.pages.iter().position(|p| p.file == edit.new.file)?;
            let body = new_body(site, links, edit, &site.pages[i].url, Shown::Page);
            body.map(|b| Patch::Page(i, b))
        }
    }
}

/// How a body is shown: below a lead image (`image:` and `summary:` of an
/// article or event, as given), or as a page.
#[derive(Clone, Copy)]
enum Shown<'a> {
    Lead(Option<&'a str>, Option<&'a str>, LeadOf),
    Page,
}

/// A body rendered as the model's passes render it.
fn render_body(texts: &TextRenderer, doc: SourceText, url: &str, shown: Shown) -> Body {
    match shown {
        Shown::Lead(image, summary, of) => texts.with_lead_image(doc, url, image, summary, of),
        Shown::Page => {
            let (rendered, problems) = texts.body(doc, url, true);
            let summary = (rendered.summary_html.clone(), rendered.summary_text.clone());
            Body {
                rendered,
                problems,
                summary,
                image: None,
            }
        }
    }
}

/// The new body of `edit` made by `body`, if it renders without problems
/// and shows the same pictures as the old one, each with its alt text.
fn new_body<F>(
    site: &Site,
    links: &LinkTable,
    edit: &BodyEdit<F>,
    url: &str,
    shown: Shown,
) -> Option<NewBody> {
    // The pictures of the item's own folder, as the whole model has them.
    let folder = |doc: &Document<F>| {
        let assets = doc.assets.iter().map(|source| {
            let published = format!("{url}{}", bundle_relative(source, &doc.file));
            (published, source.clone())
        });
        Catalog::new(&site.config, assets.collect::<Vec<_>>())
    };
    let render = |doc: &Document<F>| {
        let catalog = folder(doc);
        let texts = TextRenderer::new(&site.config, links, &catalog, None);
        let made = render_body(&texts, SourceText::of(doc), url, shown);
        let fine = made.problems.is_empty()
            && !matches!(made.image, Some(Err(_)))
            && texts.into_missing_alt().is_empty();
        fine.then_some(made)
    };
    let old = render(&edit.old)?;
    let new = render(&edit.new)?;
    let pictures = |r: &Rendered| {
        r.images
            .iter()
            .map(|i| (i.written.clone(), i.alt.clone()))
            .collect::<Vec<_>>()
    };
    if pictures(&old.rendered) != pictures(&new.rendered) {
        return None;
    }
    Some(NewBody {
        fingerprint: edit.new.fingerprint,
        summary: new.summary,
        rendered: new.rendered,
    })
}
