//! Markdown to HTML (pulldown-cmark): CommonMark with tables, footnotes,
//! strikethrough, task lists, heading ids and smart punctuation, plus `@/`
//! links between source files resolved to their URLs.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

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
}

/// A rendered Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The whole text as HTML.
    pub html: String,
    /// The text before `<!-- more -->`, or else the first paragraph, as HTML.
    pub summary_html: String,
    /// The whole text without markup, for search and descriptions.
    pub plain: String,
    /// `@/` links whose target does not exist: byte offset in the text and target.
    pub broken_links: Vec<(usize, String)>,
}

/// Renders `text`; `resolve` turns the path of an `@/` link (without `@/`
/// and fragment) into a URL, or `None` when there is no such file.
/// Relative links and images (`bild.png`) are made absolute against
/// `page_base`, the in-site path of the page the text belongs to, so that
/// summaries and feeds show them on other pages too.
pub fn render(
    text: &str,
    options: RenderOptions,
    page_base: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    let mut broken_links = Vec::new();
    let resolve = &|dest: &str| -> Option<String> { resolve(dest) };
    let links = Links { page_base, resolve };
    let events = events(text, options, &links, &mut broken_links);

    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());

    let summary_html = match text.find(MORE_MARKER) {
        Some(i) => {
            let mut ignored = Vec::new();
            let before = events_of(&text[..i], options, &links, &mut ignored);
            let mut s = String::new();
            pulldown_cmark::html::push_html(&mut s, before.into_iter());
            s
        }
        None => first_paragraph(&events),
    };

    Rendered {
        html,
        summary_html,
        plain: plain_text(&events),
        broken_links,
    }
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
}

fn events<'a>(
    text: &'a str,
    options: RenderOptions,
    links: &Links<'_>,
    broken: &mut Vec<(usize, String)>,
) -> Vec<Event<'a>> {
    let mut events = events_of(text, options, links, broken);
    add_heading_ids(&mut events, options.german);
    events
}

fn events_of<'a>(
    text: &'a str,
    options: RenderOptions,
    links: &Links<'_>,
    broken: &mut Vec<(usize, String)>,
) -> Vec<Event<'a>> {
    let parser = Parser::new_ext(text, parser_options()).into_offset_iter();
    let mut out = Vec::new();
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
    out
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
    let mut plain = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => plain.push_str(t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => plain.push(' '),
            _ => {}
        }
    }
    let mut collapsed = String::with_capacity(plain.len());
    for word in plain.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> RenderOptions {
        RenderOptions {
            raw_html: true,
            german: true,
        }
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
        assert_eq!(r.summary_html, "<p>One.</p>\n");
        let r = render(
            "One.\n\nTwo.\n\n<!-- more -->\n\nThree.",
            opts(),
            "",
            &|_| None,
        );
        assert!(r.summary_html.contains("Two."));
        assert!(!r.summary_html.contains("Three."));
        assert_eq!(r.plain, "One. Two. Three.");
    }

    #[test]
    fn raw_html_can_be_escaped() {
        let r = render(
            "<script>x</script>",
            RenderOptions {
                raw_html: false,
                german: false,
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
}
