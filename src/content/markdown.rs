//! Markdown to HTML (pulldown-cmark): CommonMark with tables, footnotes,
//! strikethrough, task lists, heading ids and smart punctuation, plus `@/`
//! links between source files resolved to their URLs, and images written as
//! responsive `<img>` (`srcset`, `sizes`, `width`, `height`, lazy loading)
//! when the caller knows their sizes.

use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::plain::{first_words, strip_tags};
use crate::escape::escape_html;

/// The marker that ends a hand-written summary.
pub const MORE_MARKER: &str = "<!-- more -->";

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Pass raw HTML through (else escape it).
    pub raw_html: bool,
    /// German typography and slug rules: „…“ for smart quotes, umlauts
    /// spelled out in heading ids.
    pub german: bool,
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

/// Plain-text summaries are cut to this many words.
pub const SUMMARY_WORDS: usize = 60;

/// A rendered Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The whole text as HTML.
    pub html: Arc<str>,
    /// The text before `<!-- more -->`, or else the first paragraph, as HTML.
    pub summary_html: Arc<str>,
    /// The same as plain text, cut to [`SUMMARY_WORDS`] words.
    pub summary_text: Arc<str>,
    /// The whole text without markup, for search and descriptions.
    pub plain: Arc<str>,
    /// `@/` links whose target does not exist: byte offset in the text and target.
    pub broken_links: Vec<(usize, String)>,
    /// Every image of the text, in order.
    pub images: Vec<ImageUse>,
}

/// An image hook that leaves every image as it is.
pub fn images_as_is(_: &ImageRef<'_>) -> ImageLookup {
    ImageLookup::AsIs
}

/// Renders `text`; `resolve` turns the path of an `@/` link (without `@/`
/// and fragment) into a URL, or `None` when there is no such file.
/// Relative links and images (`bild.png`) are made absolute against
/// `page_base`, the in-site path of the page the text belongs to, so that
/// summaries and feeds show them on other pages too. `image` is asked
/// about every image (for the whole text; again, without eager loading, for
/// the summary): a responsive image replaces the plain `<img>`.
pub fn render(
    text: &str,
    options: RenderOptions,
    page_base: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    image: &dyn Fn(&ImageRef<'_>) -> ImageLookup,
) -> Rendered {
    let mut broken_links = Vec::new();
    let resolve = &|dest: &str| -> Option<String> { resolve(dest) };
    let links = Links {
        page_base,
        resolve,
        image,
    };
    let mut images = Vec::new();
    let events = events(text, options, &links, &mut broken_links, &mut images);

    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    let html = keyboard_scrollable(html);

    let summary_html = match text.find(MORE_MARKER) {
        Some(i) => {
            let (mut ignored, mut also_ignored) = (Vec::new(), Vec::new());
            let options = RenderOptions {
                eager_first_image: false,
                ..options
            };
            let before = events_of(&text[..i], options, &links, &mut ignored, &mut also_ignored);
            let mut s = String::new();
            pulldown_cmark::html::push_html(&mut s, before.into_iter());
            s
        }
        None => first_paragraph(&events),
    };

    Rendered {
        html: html.into(),
        summary_text: first_words(&strip_tags(&summary_html), SUMMARY_WORDS).into(),
        summary_html: summary_html.into(),
        plain: plain_text(&events).into(),
        broken_links,
        images,
    }
}

/// Code blocks and tables may scroll sideways on a phone; keyboard users
/// can only scroll what takes focus (WCAG 2.1.1), so they get `tabindex`.
fn keyboard_scrollable(html: String) -> String {
    const TAGS: [(&str, &str); 2] = [
        ("<pre>", "<pre tabindex=\"0\">"),
        ("<table>", "<table tabindex=\"0\">"),
    ];
    // Where each tag is (searched with `memchr`'s vector search: looking
    // at every `<` of every text was 1 % of a build), in order.
    let mut found: Vec<(usize, usize)> = TAGS
        .iter()
        .enumerate()
        .flat_map(|(t, (tag, _))| {
            memchr::memmem::find_iter(html.as_bytes(), tag).map(move |at| (at, t))
        })
        .collect();
    if found.is_empty() {
        return html;
    }
    found.sort_unstable();
    let mut out = String::with_capacity(html.len() + 16 * found.len());
    let mut copied = 0;
    for (at, t) in found {
        let (tag, with_tabindex) = TAGS[t];
        out.push_str(&html[copied..at]);
        out.push_str(with_tabindex);
        copied = at + tag.len();
    }
    out.push_str(&html[copied..]);
    out
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// How link targets are resolved while rendering one text.
struct Links<'r> {
    page_base: &'r str,
    resolve: &'r dyn Fn(&str) -> Option<String>,
    image: &'r dyn Fn(&ImageRef<'_>) -> ImageLookup,
}

fn events<'a>(
    text: &'a str,
    options: RenderOptions,
    links: &Links<'_>,
    broken: &mut Vec<(usize, String)>,
    images: &mut Vec<ImageUse>,
) -> Vec<Event<'a>> {
    let mut events = events_of(text, options, links, broken, images);
    add_heading_ids(&mut events, options.german);
    events
}

fn events_of<'a>(
    text: &'a str,
    options: RenderOptions,
    links: &Links<'_>,
    broken: &mut Vec<(usize, String)>,
    images: &mut Vec<ImageUse>,
) -> Vec<Event<'a>> {
    let parser = Parser::new_ext(text, parser_options()).into_offset_iter();
    let mut out = Vec::new();
    // Images found: index in `out`, byte offset, the URL as written.
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (event, range) in parser {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve_link(dest_url, links, range.start, broken);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                found.push((out.len(), range.start, dest_url.to_string()));
                let dest_url = resolve_link(dest_url, links, range.start, broken);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            // The summary marker is never shown, whatever the HTML setting.
            Event::Html(h) if h.trim() == MORE_MARKER => continue,
            Event::Html(h) | Event::InlineHtml(h) if !options.raw_html => Event::Text(h),
            // Only quotes that smart punctuation made from a typed `"`;
            // typed „…“ are the editor's and stay as they are.
            Event::Text(t) if options.german && &text[range.clone()] == "\"" => {
                Event::Text(CowStr::from(t.replace('“', "„").replace('”', "“")))
            }
            other => other,
        };
        out.push(event);
    }
    responsive_images(&mut out, &found, options, links, images);
    out
}

/// Asks the image hook about every image of `events` and replaces those it
/// knows by a responsive `<img>`; notes every image in `images`.
fn responsive_images(
    events: &mut Vec<Event<'_>>,
    found: &[(usize, usize, String)],
    options: RenderOptions,
    links: &Links<'_>,
    images: &mut Vec<ImageUse>,
) {
    let mut uses = Vec::with_capacity(found.len());
    // Last first, so that replacing one image keeps the indices before it.
    for (n, (index, offset, written)) in found.iter().enumerate().rev() {
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &events[*index]
        else {
            continue;
        };
        let (url, title) = (dest_url.to_string(), title.to_string());
        let mut depth = 0;
        let mut end = events.len() - 1;
        let mut alt = String::new();
        for (i, e) in events.iter().enumerate().skip(index + 1) {
            match e {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 0 => {
                    end = i;
                    break;
                }
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        let lookup = (links.image)(&ImageRef {
            written,
            url: &url,
            offset: *offset,
            alt: &alt,
        });
        if let ImageLookup::Responsive(r) = lookup {
            let eager = n == 0 && options.eager_first_image;
            let html = img_tag(&r, &alt, &title, eager);
            events.splice(*index..=end, [Event::InlineHtml(CowStr::from(html))]);
        }
        uses.push(ImageUse {
            offset: *offset,
            written: written.clone(),
            alt,
        });
    }
    uses.reverse();
    images.extend(uses);
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

fn resolve_link<'a>(
    dest: CowStr<'a>,
    links: &Links<'_>,
    offset: usize,
    broken: &mut Vec<(usize, String)>,
) -> CowStr<'a> {
    let Some(target) = dest.strip_prefix("@/") else {
        if is_relative(&dest) {
            return CowStr::from(format!("{}{}", links.page_base, dest));
        }
        return dest;
    };
    let (path, fragment) = match target.find('#') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    match (links.resolve)(path) {
        Some(url) => CowStr::from(format!("{url}{fragment}")),
        None => {
            broken.push((offset, dest.to_string()));
            dest
        }
    }
}

/// True for a link like `bild.png` or `../x/`: no scheme, not absolute, not
/// a fragment.
fn is_relative(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with(['/', '#', '?']) {
        return false;
    }
    let scheme_end = dest.find(':');
    let path_start = dest.find(['/', '?', '#']).unwrap_or(dest.len());
    !matches!(scheme_end, Some(i) if i < path_start)
}

/// Gives every heading without an explicit `{#id}` one from its text, unique
/// within the document, so sections can be linked.
fn add_heading_ids(events: &mut [Event<'_>], german: bool) {
    let mut used: Vec<String> = Vec::new();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { id, .. }) = &events[i] else {
            continue;
        };
        if let Some(id) = id {
            used.push(id.to_string());
            continue;
        }
        let mut text = String::new();
        for e in &events[i + 1..] {
            match e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
        }
        let language = if german {
            crate::config::Language::De
        } else {
            crate::config::Language::En
        };
        let base = match crate::slug::slugify_for(&text, language) {
            s if s.is_empty() => "abschnitt".to_string(),
            s => s,
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        used.push(candidate.clone());
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
            *id = Some(CowStr::from(candidate));
        }
    }
}

fn first_paragraph(events: &[Event<'_>]) -> String {
    let Some(start) = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return String::new();
    };
    let end = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len(), |i| start + i + 1);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events[start..end].iter().cloned());
    html
}

fn plain_text(events: &[Event<'_>]) -> String {
    // Whitespace is collapsed as the text is put together: a gap is
    // written only before the next word.
    let mut plain = String::new();
    let mut gap = false;
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => {
                for (i, word) in t.split(char::is_whitespace).enumerate() {
                    gap |= i > 0;
                    if word.is_empty() {
                        continue;
                    }
                    if gap && !plain.is_empty() {
                        plain.push(' ');
                    }
                    gap = false;
                    plain.push_str(word);
                }
            }
            Event::SoftBreak | Event::HardBreak => gap = true,
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => gap = true,
            _ => {}
        }
    }
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> RenderOptions {
        RenderOptions {
            raw_html: true,
            german: true,
            eager_first_image: false,
        }
    }

    fn render(
        text: &str,
        options: RenderOptions,
        page_base: &str,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Rendered {
        super::render(text, options, page_base, resolve, &images_as_is)
    }

    #[test]
    fn at_links_resolve_or_are_reported() {
        let r = render(
            "See [a](@/news/a.md#x) and [b](@/news/missing.md).",
            opts(),
            "/sub/news/x/",
            &|p| (p == "news/a.md").then(|| "/news/a/".to_string()),
        );
        assert!(r.html.contains(r#"href="/news/a/#x""#), "{}", r.html);
        assert_eq!(r.broken_links, vec![(27, "@/news/missing.md".to_string())]);
    }

    #[test]
    fn relative_links_and_images_become_absolute() {
        let r = render(
            "![Bild](bild.png) [x](../y/) [m](mailto:a@b) [h](https://e.org/) [f](#top)",
            opts(),
            "/sub/news/x/",
            &|_| None,
        );
        assert!(
            r.html.contains(r#"src="/sub/news/x/bild.png""#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"href="/sub/news/x/../y/""#), "{}", r.html);
        assert!(
            r.html.contains(r#"href="mailto:a@b""#)
                && r.html.contains(r#"href="https://e.org/""#)
                && r.html.contains(r##"href="#top""##)
        );
    }

    #[test]
    fn headings_get_ids_and_quotes_are_german() {
        let r = render(
            "## Über uns\n\n## Über uns\n\n\"Hallo\" und „Tschüss!“",
            opts(),
            "",
            &|_| None,
        );
        assert!(r.html.contains(r#"<h2 id="ueber-uns">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="ueber-uns-1">"#));
        assert!(r.html.contains("„Hallo“ und „Tschüss!“"), "{}", r.html);
    }

    #[test]
    fn summary_is_before_more_or_first_paragraph() {
        let r = render("One.\n\nTwo.\n", opts(), "", &|_| None);
        assert_eq!(&*r.summary_html, "<p>One.</p>\n");
        let r = render(
            "One.\n\nTwo.\n\n<!-- more -->\n\nThree.",
            opts(),
            "",
            &|_| None,
        );
        assert!(r.summary_html.contains("Two."));
        assert!(!r.summary_html.contains("Three."));
        assert_eq!(&*r.plain, "One. Two. Three.");
    }

    #[test]
    fn plain_text_has_single_spaces_between_words() {
        let r = render(
            "# Ein  Titel\n\nText mit *Betonung*und `Code`  \nund\u{a0}Umbruch.\n\n- eins\n- zwei\n\n| a | b |\n|---|---|\n| c | d |\n",
            opts(),
            "/",
            &|_| None,
        );
        assert_eq!(
            &*r.plain,
            "Ein Titel Text mit Betonungund Code und Umbruch. eins zwei a b c d"
        );
    }

    #[test]
    fn pre_and_table_take_focus_and_nothing_else_changes() {
        for html in [
            "",
            "<p>x</p>",
            "<pre><code>a < b</code></pre><table><tr><td><pre>x</pre></td></tr></table>",
            "<pre>",
            "<<table>>",
            "a<pr<pre>",
        ] {
            let by_replacing = if html.contains("<pre>") || html.contains("<table>") {
                html.replace("<pre>", "<pre tabindex=\"0\">")
                    .replace("<table>", "<table tabindex=\"0\">")
            } else {
                html.to_string()
            };
            assert_eq!(
                keyboard_scrollable(html.to_string()),
                by_replacing,
                "{html}"
            );
        }
    }

    #[test]
    fn raw_html_can_be_escaped() {
        let r = render(
            "<script>x</script>",
            RenderOptions {
                raw_html: false,
                german: false,
                eager_first_image: false,
            },
            "",
            &|_| None,
        );
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        let r = render(
            "A\n\n<!-- more -->\n\nB",
            RenderOptions {
                raw_html: false,
                german: false,
                eager_first_image: false,
            },
            "",
            &|_| None,
        );
        assert!(
            !r.html.contains("more"),
            "the summary marker never shows: {}",
            r.html
        );
    }

    #[test]
    fn known_images_become_responsive_and_are_noted() {
        let hook = |image: &ImageRef<'_>| {
            if image.written == "foto.jpg" {
                ImageLookup::Responsive(ResponsiveImage {
                    src: format!("{}-960.jpg", image.url.trim_end_matches(".jpg")),
                    srcset: "a-480.jpg 480w, a-960.jpg 960w".into(),
                    sizes: "100vw".into(),
                    width: 960,
                    height: 1280,
                })
            } else {
                ImageLookup::AsIs
            }
        };
        let r = super::render(
            "Text\n\n![Ein \"Foto\"](foto.jpg \"Titel\") ![](x.svg) ![Noch eins](foto.jpg)",
            RenderOptions {
                eager_first_image: true,
                ..opts()
            },
            "/sub/news/x/",
            &|_| None,
            &hook,
        );
        assert!(
            r.html.contains(r#"<img src="/sub/news/x/foto-960.jpg" srcset="a-480.jpg 480w, a-960.jpg 960w" sizes="100vw" width="960" height="1280" alt="Ein „Foto“" title="Titel" decoding="async">"#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"<img src="/sub/news/x/x.svg" alt="" />"#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"alt="Noch eins" loading="lazy""#),
            "{}",
            r.html
        );
        let alts: Vec<(&str, &str)> = r
            .images
            .iter()
            .map(|i| (i.written.as_str(), i.alt.as_str()))
            .collect();
        assert_eq!(
            alts,
            [
                ("foto.jpg", "Ein „Foto“"),
                ("x.svg", ""),
                ("foto.jpg", "Noch eins")
            ]
        );
        assert_eq!(r.images[0].offset, 6);
    }
}
