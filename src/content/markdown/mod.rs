//! Markdown to HTML (pulldown-cmark): CommonMark with tables, footnotes,
//! strikethrough, task lists, heading attributes and smart punctuation.
//!
//! Everything kette adds is done on pulldown-cmark's events, never on the
//! HTML it renders: `@/` links between source files resolved to their URLs
//! and every other link and image checked against [`crate::url_policy`]
//! (`links`), heading ids unique on the page (`headings`), images written as
//! responsive `<img>` when the caller knows their sizes, `tabindex` on code
//! blocks and tables (`html`), and plain text for summaries and search
//! from the text events alone (`crate::content::plain`). Raw HTML is
//! passed through as written or, with `raw_html: false`, shown as text.
//! docs/markdown.md lists where the output differs from pulldown-cmark's.

mod headings;
mod html;
mod links;

use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::plain::{first_words, plain_text, PlainOf};
use crate::config::Language;
use crate::escape::escape_html;
use crate::url_policy::UrlRefusal;
use links::Links;

pub(crate) use headings::PageIds;

/// The marker that ends a hand-written summary.
pub(crate) const MORE_MARKER: &str = "<!-- more -->";

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Pass raw HTML through (else escape it).
    pub raw_html: bool,
    /// The site's language: „…“ for smart quotes and umlauts spelled out in
    /// heading ids in German, the word for a heading without text.
    pub language: Language,
    /// Load the first image of the text at once; the others only when they
    /// scroll into view (`loading="lazy"`). Set it for texts that start a
    /// page without a lead image above them.
    pub eager_first_image: bool,
}

/// An image of a Markdown text, as the image hook of [`render`] sees it.
#[derive(Debug, Clone, Copy)]
pub struct ImageRef<'a> {
    /// The URL as written (`foto.jpg`).
    pub written: &'a str,
    /// The URL made absolute against the page (`/base/news/x/foto.jpg`).
    pub url: &'a str,
    /// Byte offset of the image (`![`) in the text.
    pub offset: usize,
    /// The alt text.
    pub alt: &'a str,
}

/// What the image hook of [`render`] says about an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageLookup {
    /// Write the image as it is.
    AsIs,
    /// A processed image: write an `<img>` with these attributes.
    Responsive(ResponsiveImage),
}

/// The attributes of a responsive `<img>` (all URLs ready to use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponsiveImage {
    /// The fallback URL.
    pub src: String,
    /// Every width: `url 480w, url 960w`.
    pub srcset: String,
    /// How wide the image is shown, for choosing from `srcset`.
    pub sizes: String,
    /// Width of the fallback, in pixels.
    pub width: u32,
    /// Height of the fallback, in pixels.
    pub height: u32,
}

/// An image found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUse {
    /// Byte offset of the image in the text.
    pub offset: usize,
    /// The URL as written.
    pub written: String,
    /// The alt text.
    pub alt: String,
}

/// A link or image whose URL the [URL policy](crate::url_policy) refuses:
/// it is not published, and the build reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedUrl {
    /// Byte offset of the link or image (`[` or `![`) in the text.
    pub offset: usize,
    /// The URL as written.
    pub url: String,
    /// An image (`![…](…)`), not a link.
    pub image: bool,
    /// Why it is refused.
    pub refusal: UrlRefusal,
}

/// Plain-text summaries are cut to this many words.
pub(crate) const SUMMARY_WORDS: usize = 60;

/// A rendered Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The whole text as HTML.
    pub html: Arc<str>,
    /// The text before `<!-- more -->`, or else the first paragraph, as HTML.
    pub summary_html: Arc<str>,
    /// The same as plain text, cut to `SUMMARY_WORDS` words.
    pub summary_text: Arc<str>,
    /// The whole text without markup, for search and descriptions.
    pub plain: Arc<str>,
    /// `@/` links whose target does not exist: byte offset in the text and target.
    pub broken_links: Vec<(usize, String)>,
    /// Links and images with a URL outside the URL policy.
    pub refused_urls: Vec<RefusedUrl>,
    /// Every image of the text, in order.
    pub images: Vec<ImageUse>,
    /// Every id the text gives an element (headings and footnotes), for
    /// `PageIds::add_text`.
    pub ids: Vec<String>,
}

/// An image hook that leaves every image as it is.
pub fn images_as_is(_: &ImageRef<'_>) -> ImageLookup {
    ImageLookup::AsIs
}

/// One piece of a parsed text: pulldown-cmark's events, with the raw HTML
/// the author wrote kept apart from the HTML kette writes, so that the one
/// can be escaped (`raw_html: false`) and both left out of plain text.
#[derive(Debug, Clone)]
pub(crate) enum Piece<'a> {
    /// A Markdown event (never `Html` or `InlineHtml`).
    Md(Event<'a>),
    /// Raw HTML as the author wrote it, block or inline.
    Raw(CowStr<'a>),
    /// HTML written by kette: a responsive image.
    Made(String),
}

/// What is found while parsing one text.
#[derive(Default)]
struct Found {
    broken_links: Vec<(usize, String)>,
    refused_urls: Vec<RefusedUrl>,
    images: Vec<ImageUse>,
}

/// Renders `text` alone on its page; see `render_on_page`.
pub fn render(
    text: &str,
    options: RenderOptions,
    page_base: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    image: &dyn Fn(&ImageRef<'_>) -> ImageLookup,
) -> Rendered {
    render_on_page(
        text,
        options,
        page_base,
        resolve,
        image,
        &PageIds::default(),
    )
}

/// Renders `text`, shown on a page whose other parts use `page_ids`
/// (its headings and footnotes give way to them); `resolve` turns the path of an `@/` link (without `@/`
/// and fragment) into a URL, or `None` when there is no such file.
/// Relative links and images (`bild.png`) are made absolute against
/// `page_base`, the in-site path of the page the text belongs to, so that
/// summaries and feeds show them on other pages too. `image` is asked
/// about every image (for the whole text; again, without eager loading, for
/// the summary): a responsive image replaces the plain `<img>`.
pub(crate) fn render_on_page(
    text: &str,
    options: RenderOptions,
    page_base: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    image: &dyn Fn(&ImageRef<'_>) -> ImageLookup,
    page_ids: &PageIds,
) -> Rendered {
    let links = Links {
        page_base,
        resolve,
        image,
    };
    let mut found = Found::default();
    let (mut pieces, more_at) = parse(text, options, &links, &mut found);
    headings::assign_ids(&mut pieces, options.language);
    let ids = headings::give_way(&mut pieces, page_ids);
    let html = html::write(&pieces, options.raw_html);

    let (summary_html, summary_text) = match more_at {
        Some(at) => {
            let options = RenderOptions {
                eager_first_image: false,
                ..options
            };
            // Problems of the summary are those of the text, reported once.
            let (before, _) = parse(&text[..at], options, &links, &mut Found::default());
            (
                html::write(&before, options.raw_html),
                plain_text(&before, PlainOf::Summary),
            )
        }
        None => {
            let paragraph = first_paragraph(&pieces);
            (
                html::write(paragraph, options.raw_html),
                plain_text(paragraph, PlainOf::Summary),
            )
        }
    };

    Rendered {
        html: html.into(),
        summary_text: first_words(&summary_text, SUMMARY_WORDS).into(),
        summary_html: summary_html.into(),
        plain: plain_text(&pieces, PlainOf::Text).into(),
        broken_links: found.broken_links,
        refused_urls: found.refused_urls,
        images: found.images,
        ids,
    }
}

/// The pulldown-cmark options kette parses with (public for the
/// CommonMark conformance test, which renders with pulldown-cmark alone
/// under the same options).
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// An image whose description is being read.
struct OpenImage {
    /// Where its start is in the pieces.
    index: usize,
    offset: usize,
    written: String,
    url: String,
    title: String,
    alt: String,
    /// The first image of the text.
    first: bool,
    /// Its URL is outside the URL policy: the image hook is not asked.
    refused: bool,
}

/// The pieces of `text`, with links resolved and checked and images asked
/// about, and the offset of the first `<!-- more -->` marker.
fn parse<'a>(
    text: &'a str,
    options: RenderOptions,
    links: &Links<'_>,
    found: &mut Found,
) -> (Vec<Piece<'a>>, Option<usize>) {
    let german = options.language.is_german();
    let mut out: Vec<Piece<'a>> = Vec::new();
    let mut more_at = None;
    let mut open: Vec<OpenImage> = Vec::new();
    let mut images_seen = 0;
    for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
        let piece = match without_control_characters(event) {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (dest_url, _) =
                    links.destination(link_type, dest_url, (range.start, false), found);
                Piece::Md(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let written = dest_url.to_string();
                let (dest_url, refused) =
                    links.destination(link_type, dest_url, (range.start, true), found);
                open.push(OpenImage {
                    index: out.len(),
                    offset: range.start,
                    written,
                    url: dest_url.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                    first: images_seen == 0,
                    refused,
                });
                images_seen += 1;
                Piece::Md(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Image) => {
                if let Some(image) = open.pop() {
                    if let Some(alt) = open.last_mut() {
                        alt.alt.push_str(&image.alt);
                    }
                    let done = finish_image(image, options, links, &mut out, found);
                    if done {
                        continue;
                    }
                }
                Piece::Md(Event::End(TagEnd::Image))
            }
            // The summary marker is never shown: a comment block is left
            // out whatever the HTML setting, an inline one when it would
            // show as text.
            Event::Html(h) if h.trim() == MORE_MARKER => {
                more_at.get_or_insert(range.start);
                continue;
            }
            Event::InlineHtml(h) if h.trim() == MORE_MARKER => {
                more_at.get_or_insert(range.start);
                if !options.raw_html {
                    continue;
                }
                Piece::Raw(h)
            }
            Event::Html(h) | Event::InlineHtml(h) => Piece::Raw(h),
            // Only quotes that smart punctuation made from a typed `"`;
            // typed „…“ are the editor's and stay as they are.
            Event::Text(t) if german && &text[range.clone()] == "\"" => {
                let t = CowStr::from(t.replace('“', "„").replace('”', "“"));
                other_event(Event::Text(t), &mut open)
            }
            other => other_event(other, &mut open),
        };
        out.push(piece);
    }
    found.images.sort_by_key(|i| i.offset);
    (out, more_at)
}

/// Control characters other than tab and line breaks cannot come from the
/// source (it is checked when read), but character references make them
/// (`&#1;`): in text they are shown as U+FFFD, as HTML parsers and XML
/// writers would need anyway.
fn without_control_characters(event: Event<'_>) -> Event<'_> {
    let Event::Text(text) = &event else {
        return event;
    };
    // ASCII controls and DEL, or the lead byte of U+0080–U+009F.
    let suspect = text
        .bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2);
    if !suspect {
        return event;
    }
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect();
    Event::Text(CowStr::from(cleaned))
}

/// Any other event, its text noted as the alt text of open images.
fn other_event<'a>(event: Event<'a>, open: &mut [OpenImage]) -> Piece<'a> {
    if let Some(image) = open.last_mut() {
        match &event {
            Event::Text(t) | Event::Code(t) => image.alt.push_str(t),
            Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
            _ => {}
        }
    }
    Piece::Md(event)
}

/// At the end of an image: asks the image hook about it and, for a
/// responsive image, replaces its pieces by the `<img>` (true); notes the
/// image.
fn finish_image(
    image: OpenImage,
    options: RenderOptions,
    links: &Links<'_>,
    out: &mut Vec<Piece<'_>>,
    found: &mut Found,
) -> bool {
    let lookup = if image.refused {
        ImageLookup::AsIs
    } else {
        (links.image)(&ImageRef {
            written: &image.written,
            url: &image.url,
            offset: image.offset,
            alt: &image.alt,
        })
    };
    let replaced = match lookup {
        ImageLookup::Responsive(r) => {
            let eager = image.first && options.eager_first_image;
            out.truncate(image.index);
            out.push(Piece::Made(img_tag(&r, &image.alt, &image.title, eager)));
            true
        }
        ImageLookup::AsIs => false,
    };
    found.images.push(ImageUse {
        offset: image.offset,
        written: image.written,
        alt: image.alt,
    });
    replaced
}

fn img_tag(image: &ResponsiveImage, alt: &str, title: &str, eager: bool) -> String {
    let mut html = format!(
        r#"<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}""#,
        escape_html(&image.src),
        escape_html(&image.srcset),
        escape_html(&image.sizes),
        image.width,
        image.height,
        escape_html(alt),
    );
    if !title.is_empty() {
        html.push_str(&format!(r#" title="{}""#, escape_html(title)));
    }
    if !eager {
        html.push_str(r#" loading="lazy""#);
    }
    html.push_str(r#" decoding="async">"#);
    html
}

/// The first paragraph of a text, empty when it has none.
fn first_paragraph<'p, 'a>(pieces: &'p [Piece<'a>]) -> &'p [Piece<'a>] {
    let Some(start) = pieces
        .iter()
        .position(|p| matches!(p, Piece::Md(Event::Start(Tag::Paragraph))))
    else {
        return &[];
    };
    let end = pieces[start..]
        .iter()
        .position(|p| matches!(p, Piece::Md(Event::End(TagEnd::Paragraph))))
        .map_or(pieces.len(), |i| start + i + 1);
    &pieces[start..end]
}

#[cfg(test)]
mod tests;
