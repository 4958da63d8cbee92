//! The Markdown texts of the model rendered: bodies of articles, events and
//! pages, descriptions of municipalities and offers, with lead images,
//! summaries and every problem found on the way (broken `@/` links, missing
//! images, images without alt text, links and images outside the URL
//! policy). With a [`TextMemo`], texts whose
//! inputs are unchanged are recalled instead of rendered (for `serve`).
//!
//! Heading and footnote ids are unique on each page: every text gives way
//! to the ids the theme uses ([`THEME_IDS`]; on a municipality page also
//! its stages and offer anchors, [`municipality_page_ids`]) and to those
//! of the texts shown above it on the same page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::identify::LinkTarget;
use super::items::Image;
use super::links::{broken_link, resolve_link};
use super::pictures::{body_image, lead_image, LeadOf};
use super::text::summary;
use super::text_memo::{text_key, TextMemo};
use crate::catalog::Catalog;
use crate::config::{Config, Language};
use crate::content::markdown::{self, PageIds, RefusedUrl, RenderOptions, Rendered};
use crate::content::Document;
use crate::diagnostics::{Diagnostic, Location};
use crate::messages;
use crate::sync::{into_inner, locked};

/// The ids the built-in theme gives elements outside the texts, reserved
/// on every page (`tests` below checks the list against the templates).
pub(super) const THEME_IDS: &[&str] = &[
    "main",
    "chain",
    "chain-caption",
    "offers",
    "upcoming",
    "past",
    "latest-news",
    "upcoming-events",
    "home-municipalities",
    "calendar-caption",
    "filter-topic",
    "filter-municipality",
    "search",
    "search-form",
    "search-input",
    "search-filters",
    "search-kind",
    "search-municipality",
    "search-topic",
    "search-year",
    "search-more",
    "search-hint",
    "search-status",
    "search-results",
    "topic-municipalities",
    "topic-offers",
    "topic-events",
    "topic-news",
];

/// The ids of a page before its texts: the theme's. Made once; a clone
/// shares them.
fn theme_page_ids() -> PageIds {
    static THEME: std::sync::LazyLock<PageIds> =
        std::sync::LazyLock::new(|| PageIds::reserving(THEME_IDS.iter().copied()));
    THEME.clone()
}

/// The ids of a municipality page before its texts: the theme's, one per
/// stage of the chain (`stage-0-3`) and the anchors of its offers.
pub(super) fn municipality_page_ids<'n>(
    config: &Config,
    offer_names: impl IntoIterator<Item = &'n str>,
) -> PageIds {
    let mut ids = theme_page_ids();
    for stage in &config.stages {
        ids.insert(format!("stage-{}", stage.id));
    }
    for anchor in offer_anchors(offer_names, config.default_language) {
        ids.insert(anchor);
    }
    ids
}

/// The anchors of a municipality's offers on its page, in order: the slug
/// of the name after `angebot-` (`offer-` in English, `hizmet-`, `khidma-`,
/// `posluha-` in Turkish, Arabic, Ukrainian), numbered from 2 when
/// names give the same slug.
pub(super) fn offer_anchors<'n>(
    names: impl IntoIterator<Item = &'n str>,
    language: Language,
) -> Vec<String> {
    // The word for "offer", in ASCII like every id kette makes.
    let prefix = match language {
        Language::De | Language::Ls => "angebot",
        Language::En => "offer",
        Language::Tr => "hizmet",
        Language::Ar => "khidma",
        Language::Uk => "posluha",
    };
    let mut anchors: Vec<String> = Vec::new();
    for name in names {
        let base = crate::slug::slugify_for(name, language);
        let mut anchor = format!("{prefix}-{base}");
        let mut n = 2;
        while anchors.contains(&anchor) {
            anchor = format!("{prefix}-{base}-{n}");
            n += 1;
        }
        anchors.push(anchor);
    }
    anchors
}

/// Renders the texts of one site, from any number of threads.
pub(super) struct TextRenderer<'a> {
    config: &'a Config,
    links: &'a HashMap<String, LinkTarget>,
    catalog: &'a Catalog,
    memo: Option<&'a TextMemo>,
    options: RenderOptions,
    missing_alt: Mutex<Vec<Diagnostic>>,
}

/// What rendering needs of a document, whatever its front matter.
#[derive(Clone, Copy)]
pub(super) struct SourceText<'a> {
    body: &'a str,
    fingerprint: u64,
    lines_before: usize,
    file: &'a Path,
    front_text: &'a str,
}

impl<'a> SourceText<'a> {
    pub(super) fn of<F>(doc: &'a Document<F>) -> Self {
        SourceText {
            body: &doc.body,
            fingerprint: doc.fingerprint,
            lines_before: doc.body_lines_before,
            file: &doc.file,
            front_text: &doc.front_text,
        }
    }
}

/// The body of an article or event: rendered, with its problems, its
/// summary (HTML and text) and its lead image.
pub(super) struct Body {
    pub(super) rendered: Rendered,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) summary: (Arc<str>, Arc<str>),
    pub(super) image: Option<Result<Image, Diagnostic>>,
}

impl<'a> TextRenderer<'a> {
    pub(super) fn new(
        config: &'a Config,
        links: &'a HashMap<String, LinkTarget>,
        catalog: &'a Catalog,
        memo: Option<&'a TextMemo>,
    ) -> Self {
        TextRenderer {
            config,
            links,
            catalog,
            memo,
            options: RenderOptions {
                raw_html: config.markdown.raw_html,
                language: config.language,
                eager_first_image: false,
            },
            missing_alt: Mutex::default(),
        }
    }

    /// One text of a page; `source` is its source file's
    /// fingerprint and which of the file's texts it is, `page` the page's
    /// URL and the ids used on it so far (the text's are added), `locate`
    /// turns a byte offset in the text into a place in the file.
    pub(super) fn text(
        &self,
        text: &str,
        source: (u64, usize),
        (page_url, page_ids): (&str, &mut PageIds),
        file: &Path,
        eager_first_image: bool,
        locate: &(dyn Fn(usize) -> Location + Sync),
    ) -> (Rendered, Vec<Diagnostic>) {
        let config = self.config;
        let page_base = config.base_url.link(page_url);
        let options = RenderOptions {
            eager_first_image,
            ..self.options
        };
        let resolve =
            |path: &str| resolve_link(self.links, path).map(|url| config.base_url.link(&url));
        let key = self
            .memo
            .map(|_| text_key(source, &page_base, page_ids.fingerprint(), options));
        if let Some((memo, key)) = self.memo.zip(key) {
            if let Some(rendered) = memo.recall(key, &resolve) {
                page_ids.add_text(&rendered.ids);
                return (rendered, Vec::new());
            }
        }
        let image_problems = RefCell::new(Vec::new());
        let resolved = RefCell::new(Vec::new());
        let rendered = markdown::render_on_page(
            text,
            options,
            &page_base,
            &|path| {
                let url = resolve(path);
                resolved.borrow_mut().push((path.to_string(), url.clone()));
                url
            },
            &|image| {
                let at = locate(image.offset);
                body_image(self.catalog, config, image, file, at, &image_problems)
            },
            page_ids,
        );
        page_ids.add_text(&rendered.ids);
        let mut problems: Vec<Diagnostic> = rendered
            .broken_links
            .iter()
            .map(|(offset, target)| broken_link(self.links, file, locate(*offset), target))
            .chain(
                rendered
                    .refused_urls
                    .iter()
                    .map(|r| refused_url(file, locate(r.offset), r)),
            )
            .collect();
        // The summary is rendered too: the same image may be reported twice.
        let mut image_problems = image_problems.into_inner();
        image_problems.sort();
        image_problems.dedup();
        problems.extend(image_problems);
        let no_alt = rendered
            .images
            .iter()
            .filter(|i| i.alt.trim().is_empty())
            .map(|i| {
                let (message, help) = messages::image_without_alt(i.written.as_ref());
                Diagnostic::at(file, locate(i.offset), message).with_help(help)
            });
        locked(&self.missing_alt).extend(no_alt);
        if let Some((memo, key)) = self.memo.zip(key).filter(|_| problems.is_empty()) {
            memo.remember(key, &rendered, resolved.into_inner());
        }
        (rendered, problems)
    }

    /// The body of a document, the one text of its page, its positions
    /// shifted past the front matter.
    pub(super) fn body(
        &self,
        doc: SourceText,
        url: &str,
        eager: bool,
    ) -> (Rendered, Vec<Diagnostic>) {
        let page = (url, &mut theme_page_ids());
        self.text(
            doc.body,
            (doc.fingerprint, 0),
            page,
            doc.file,
            eager,
            &|o| Location::of_offset(doc.body, o).shifted(doc.lines_before),
        )
    }

    /// An article or event: its `image:` and its body, whose first image
    /// loads eagerly only when there is no lead image above it.
    pub(super) fn with_lead_image(
        &self,
        doc: SourceText,
        url: &str,
        image: Option<&str>,
        summary_given: Option<&str>,
        of: LeadOf,
    ) -> Body {
        let image = image.map(|written| {
            lead_image(
                self.catalog,
                &self.config.root,
                written,
                url,
                doc.file,
                doc.front_text,
                of,
            )
        });
        let (rendered, problems) = self.body(doc, url, image.is_none());
        let summary = summary(summary_given, &rendered);
        Body {
            rendered,
            problems,
            summary,
            image,
        }
    }

    /// The images without alt text found in all texts rendered.
    pub(super) fn into_missing_alt(self) -> Vec<Diagnostic> {
        into_inner(self.missing_alt)
    }
}

/// A link or image of a text whose URL the URL policy refuses: an error at
/// the link, naming it (cut short: a `data:` URL can be long) and what is
/// allowed.
fn refused_url(file: &Path, at: Location, refused: &RefusedUrl) -> Diagnostic {
    let mut url: String = refused.url.chars().take(60).collect();
    if url.len() < refused.url.len() {
        url.push('…');
    }
    let (message, help) = messages::url_not_published(
        refused.image,
        &url,
        &refused.refusal.text(),
        &messages::allowed_forms(),
    );
    Diagnostic::at(file, at, message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id the built-in templates write outside the texts is reserved:
    /// a literal one by [`THEME_IDS`], a made one (`stage-{{ stage.id }}`,
    /// the offer anchors) by [`municipality_page_ids`] or on a page without
    /// Markdown (the years of the calendar, the groups of the municipality
    /// list).
    #[test]
    fn the_themes_ids_are_reserved() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut made = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for part in text.split(" id=\"").skip(1) {
                let id = &part[..part.find('"').unwrap()];
                if id.contains("{{") {
                    made.push(id.to_string());
                } else {
                    assert!(THEME_IDS.contains(&id), "`{id}` is not in THEME_IDS");
                }
            }
        }
        made.sort();
        made.dedup();
        assert_eq!(
            made,
            [
                "cohort-{{ loop.index }}",
                "kind-{{ loop.index }}",
                "stage-{{ group.id }}",
                "stage-{{ stage.id }}",
                "year-{{ year.year }}",
                "{{ offer.anchor }}",
            ]
        );
    }

    #[test]
    fn offer_anchors_are_numbered_when_names_repeat() {
        assert_eq!(
            offer_anchors(["Familienbüro", "Familienbüro", "Kita"], Language::De),
            [
                "angebot-familienbuero",
                "angebot-familienbuero-2",
                "angebot-kita"
            ]
        );
    }
}
