//! The body of a WordPress post turned into kette's Markdown: Gutenberg block
//! comments removed (their content kept), classic-editor line breaks made
//! paragraphs (what WordPress's `wpautop` does when it shows a post),
//! shortcodes expanded or removed, then HTML → Markdown with `htmd`. Every link and
//! image URL passes through the caller's rewrite (old permalinks → `@/`
//! links, uploads → files beside the article).
//!
//! This module is the only user of the `htmd` crate.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use htmd::element_handler::Handlers;
use htmd::options::{BulletListMarker, HrStyle, Options};
use htmd::{Element, HtmlToMarkdown};

use super::shortcodes::{self, Media};
use crate::messages::{self, ByHand, Text};
use crate::url_policy;

/// Something in a converted body that needs a look by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    /// A piece of the Markdown to find the line by (may be empty).
    pub needle: String,
    /// What is the matter.
    pub message: Text,
}

/// A body converted.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    /// The Markdown text.
    pub markdown: String,
    /// What the report lists for this item.
    pub notes: Vec<Note>,
}

// Placeholders the HTML handlers write for URLs (rewritten afterwards, by a
// caller that is not `'static`) and for WordPress's `<!--more-->`. Private
// use characters: they never occur in real text.
const URL_OPEN: char = '\u{F8F0}';
const URL_CLOSE: char = '\u{F8F1}';
const MORE: &str = "\u{F8F2}more\u{F8F2}";

thread_local! {
    static CONVERTER: HtmlToMarkdown = converter();
    static URLS: RefCell<Vec<(String, bool)>> = const { RefCell::new(Vec::new()) };
    static NOTES: RefCell<Vec<Note>> = const { RefCell::new(Vec::new()) };
    static RAW_HTML: Cell<bool> = const { Cell::new(true) };
}

/// Converts `html` (a post's `content:encoded`). `rewrite` gets each link
/// (`false`) and image (`true`) URL and returns the one to write.
pub(crate) fn convert(
    html: &str,
    raw_html: bool,
    media: &dyn Media,
    rewrite: &mut dyn FnMut(&str, bool) -> String,
) -> Converted {
    let mut notes = Vec::new();
    let html = html.replace("\r\n", "\n");
    let (html, had_blocks) = strip_block_comments(&html);
    let html = html
        .replace("<!--more-->", &format!("\n\n<p>{MORE}</p>\n\n"))
        .replace("<!--nextpage-->", "\n\n<hr>\n\n");
    let mut removed = BTreeMap::new();
    let html = shortcodes::expand(&html, media, &mut removed);
    for (name, r) in removed {
        notes.push(Note {
            needle: String::new(),
            message: messages::by_hand(ByHand::Shortcode(&name, r.count, r.enclosed, &r.first)),
        });
    }
    let html = code_in_pre(&html);
    let html = link_bare_urls(&html);
    let html = if had_blocks { html } else { autop(&html) };
    for tag in ["script", "style", "form", "iframe", "object", "embed"] {
        if html.contains(&format!("<{tag}")) {
            let what = match tag {
                "iframe" | "object" | "embed" => ByHand::FrameLinked(tag),
                _ => ByHand::TagRemoved(tag),
            };
            notes.push(Note {
                needle: String::new(),
                message: messages::by_hand(what),
            });
        }
    }
    if html.contains("colspan") || html.contains("rowspan") {
        notes.push(Note {
            needle: "| ".into(),
            message: messages::by_hand(ByHand::MergedCells),
        });
    }
    URLS.with(|u| u.borrow_mut().clear());
    NOTES.with(|n| n.borrow_mut().clear());
    RAW_HTML.with(|r| r.set(raw_html));
    let markdown = CONVERTER
        .with(|c| c.convert(&html))
        .unwrap_or_else(|_| String::new());
    notes.extend(NOTES.with(|n| std::mem::take(&mut *n.borrow_mut())));
    let urls = URLS.with(|u| std::mem::take(&mut *u.borrow_mut()));
    let markdown = fill_urls(&markdown, &urls, rewrite);
    let more = if raw_html { "<!-- more -->" } else { "" };
    let markdown = markdown.replace(MORE, more);
    Converted {
        markdown: tidy(&markdown),
        notes,
    }
}

/// The converter with kette's style (`-` lists, `##` headings) and handlers
/// for links, images and embeds that leave URL placeholders.
fn converter() -> HtmlToMarkdown {
    HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            hr_style: HrStyle::Dashes,
            ..Options::default()
        })
        .skip_tags(vec![
            "script", "style", "noscript", "form", "input", "button", "select", "textarea",
        ])
        .add_handler(vec!["a"], anchor)
        .add_handler(vec!["img"], image)
        .add_handler(
            vec!["iframe", "video", "audio", "embed", "object", "source"],
            embed,
        )
        .add_handler(vec!["sup", "sub", "u", "mark", "small"], inline_html)
        .build()
}

fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element
        .attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

/// A placeholder for `url`, or the reason the URL cannot be used.
fn placeholder(url: &str, is_image: bool) -> Result<String, Text> {
    url_policy::check(url).map_err(|why| why.text())?;
    Ok(URLS.with(|u| {
        let mut u = u.borrow_mut();
        u.push((url.trim().to_string(), is_image));
        format!("{URL_OPEN}{}{URL_CLOSE}", u.len() - 1)
    }))
}

fn note(needle: &str, message: Text) {
    NOTES.with(|n| {
        n.borrow_mut().push(Note {
            needle: needle.to_string(),
            message,
        })
    });
}

fn anchor(
    handlers: &dyn Handlers,
    element: Element,
) -> Option<htmd::element_handler::HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    let text = content.trim();
    let Some(href) = attr(&element, "href").filter(|h| !h.trim().is_empty()) else {
        return Some(content.into());
    };
    if text.is_empty() {
        return Some(String::new().into());
    }
    // WordPress links an image to its own file; the image alone is enough.
    if text.starts_with("![") && text.ends_with(')') && is_image_url(href) {
        return Some(text.to_string().into());
    }
    match placeholder(href, false) {
        Ok(p) => Some(format!("[{text}]({p})").into()),
        Err(why) => {
            note(text, messages::by_hand(ByHand::LinkRemoved(href, why)));
            Some(text.to_string().into())
        }
    }
}

fn image(_: &dyn Handlers, element: Element) -> Option<htmd::element_handler::HandlerResult> {
    let src = attr(&element, "src")?;
    let alt = escape_text(attr(&element, "alt").unwrap_or_default());
    if alt.is_empty() {
        note(src, messages::by_hand(ByHand::ImageWithoutAlt(src)));
    }
    match placeholder(src, true) {
        Ok(p) => Some(format!("![{alt}]({p})").into()),
        Err(why) => {
            note(&alt, messages::by_hand(ByHand::ImageRemoved(src, why)));
            Some(String::new().into())
        }
    }
}

fn embed(
    handlers: &dyn Handlers,
    element: Element,
) -> Option<htmd::element_handler::HandlerResult> {
    let Some(src) = attr(&element, "src").or(attr(&element, "data")) else {
        return Some(handlers.walk_children(element.node));
    };
    match placeholder(src, false) {
        Ok(p) => Some(format!("\n\n[{}]({p})\n\n", escape_text(src)).into()),
        Err(why) => {
            note("", messages::by_hand(ByHand::EmbedRemoved(src, why)));
            Some(String::new().into())
        }
    }
}

fn inline_html(
    handlers: &dyn Handlers,
    element: Element,
) -> Option<htmd::element_handler::HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    if RAW_HTML.with(Cell::get) {
        let tag = element.tag;
        Some(format!("<{tag}>{content}</{tag}>").into())
    } else {
        note(
            content.trim(),
            messages::by_hand(ByHand::InlineHtml(element.tag)),
        );
        Some(content.into())
    }
}

fn is_image_url(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// Alt and link texts: brackets and backslashes escaped, on one line.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Replaces each URL placeholder with the rewritten URL, in a form Markdown
/// reads as one destination.
fn fill_urls(
    markdown: &str,
    urls: &[(String, bool)],
    rewrite: &mut dyn FnMut(&str, bool) -> String,
) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find(URL_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + URL_OPEN.len_utf8()..];
        let Some(close) = after.find(URL_CLOSE) else {
            break;
        };
        let index: usize = after[..close].parse().unwrap_or(usize::MAX);
        if let Some((url, is_image)) = urls.get(index) {
            let url = rewrite(url, *is_image);
            let url = url.replace('<', "%3C").replace('>', "%3E");
            if url.contains([' ', '(', ')']) {
                out.push('<');
                out.push_str(&url);
                out.push('>');
            } else {
                out.push_str(&url);
            }
        }
        rest = &after[close + URL_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Removes `<!-- wp:… -->` and `<!-- /wp:… -->`; true when there were any
/// (the post was written in the block editor).
fn strip_block_comments(html: &str) -> (String, bool) {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut found = false;
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let inner = after.trim_start();
        if !(inner.starts_with("wp:") || inner.starts_with("/wp:")) {
            out.push_str(&rest[..start + 4]);
            rest = after;
            continue;
        }
        let Some(end) = after.find("-->") else { break };
        found = true;
        out.push_str(&rest[..start]);
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    (out, found)
}

/// `<pre>` without `<code>` (the classic editor's and the block editor's
/// “preformatted”) as `<pre><code>`, its text as it shows (`<br>` a line
/// break, other tags left out), so that it becomes a code block with every
/// space and line kept rather than prose.
fn code_in_pre(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_tag(rest, "<pre") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = find_tag(&rest[open_end..], "</pre").map(|i| open_end + i) else {
            break;
        };
        let inner = &rest[open_end..close];
        out.push_str(&rest[..start]);
        if starts_with_tag(inner.trim_start(), "<code") {
            out.push_str(&rest[start..close]);
        } else {
            out.push_str("<pre><code>");
            out.push_str(&crate::escape::escape_html(
                &super::plain::preformatted_text(inner),
            ));
            out.push_str("</code>");
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Where the tag `name` (`<pre`, `</pre`; any case) starts in `html`.
fn find_tag(html: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find('<').map(|i| from + i) {
        if starts_with_tag(&html[i..], name) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Whether `html` starts with the tag `name` (not a longer name).
fn starts_with_tag(html: &str, name: &str) -> bool {
    html.get(..name.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(name))
        && html[name.len()..].starts_with(['>', ' ', '\n', '\t', '/'])
}

/// A line that is nothing but a URL becomes a link, as WordPress shows a
/// video address on its own line as the embedded video; not inside `<pre>`.
fn link_bare_urls(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_pre = false;
    for line in html.split_inclusive('\n') {
        let t = line.trim();
        let opens = line.matches("<pre").count();
        let closes = line.matches("</pre>").count();
        let was_in_pre = in_pre;
        if opens != closes {
            in_pre = opens > closes;
        }
        let bare = !was_in_pre
            && (t.starts_with("https://") || t.starts_with("http://"))
            && !t.contains(char::is_whitespace)
            && !t.contains(['<', '>', '"', '[', ']']);
        if bare {
            let url = crate::escape::escape_html(t);
            out.push_str(&format!("<p><a href=\"{url}\">{url}</a></p>\n"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Block-level tags: a chunk starting with one is not wrapped in `<p>`.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "div",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "address",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "form",
    "fieldset",
    "iframe",
    "script",
    "style",
    "noscript",
    "object",
    "video",
    "audio",
    "details",
    "summary",
    "math",
    "!--",
];

/// What WordPress's `wpautop` does for classic-editor posts: a blank line
/// between texts makes paragraphs, a single line break a `<br>`. Chunks that
/// are already block elements stay; `<pre>` is left untouched.
fn autop(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut chunks: Vec<String> = Vec::new();
    let mut open_pre = false;
    for chunk in html.split("\n\n") {
        if open_pre {
            if let Some(last) = chunks.last_mut() {
                last.push_str("\n\n");
                last.push_str(chunk);
            }
        } else {
            chunks.push(chunk.to_string());
        }
        let last = chunks.last().map(String::as_str).unwrap_or_default();
        open_pre = last.matches("<pre").count() > last.matches("</pre>").count();
    }
    for chunk in chunks {
        let t = chunk.trim();
        if t.is_empty() {
            continue;
        }
        let is_block = t.strip_prefix('<').is_some_and(|rest| {
            BLOCKS.iter().any(|b| {
                rest.get(..b.len())
                    .is_some_and(|name| name.eq_ignore_ascii_case(b))
                    && rest[b.len()..].starts_with([' ', '>', '/', '\n', '-'])
            })
        });
        if is_block {
            out.push_str(t);
        } else {
            out.push_str("<p>");
            push_with_breaks(&mut out, t);
            out.push_str("</p>");
        }
        out.push_str("\n\n");
    }
    out
}

/// `text` with each line break a `<br>`, except inside `<pre>` (a text
/// chunk may end in one), whose lines are kept as they are.
fn push_with_breaks(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(start) = find_tag(rest, "<pre") {
        let end = find_tag(&rest[start..], "</pre").map_or(rest.len(), |i| start + i);
        out.push_str(&rest[..start].replace('\n', "<br>"));
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    out.push_str(&rest.replace('\n', "<br>"));
}

/// Trailing spaces of hard breaks kept, other trailing spaces and runs of
/// blank lines removed; one final newline.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 1);
    let mut blank = 0;
    for line in markdown.lines() {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        let keep_break = line.ends_with("  ") && !line.trim().is_empty();
        out.push_str(line.trim_end());
        if keep_break {
            out.push_str("  ");
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoMedia;
    impl Media for NoMedia {
        fn gallery(&self, _: Option<&[u64]>) -> Vec<(String, String)> {
            Vec::new()
        }
    }

    fn md(html: &str) -> Converted {
        convert(html, true, &NoMedia, &mut |u, _| u.to_string())
    }

    #[test]
    fn classic_editor_line_breaks_become_paragraphs() {
        let c = md("Erster Absatz\nmit Umbruch.\n\nZweiter <strong>Absatz</strong>.\n\n<ul>\n<li>eins</li>\n</ul>");
        assert_eq!(
            c.markdown,
            "Erster Absatz  \nmit Umbruch.\n\nZweiter **Absatz**.\n\n- eins\n"
        );
    }

    #[test]
    fn paragraphs_starting_with_a_tag_and_non_latin_letters() {
        // From WordPress's theme unit test export: a tag name shorter than
        // a block name, then a letter of two bytes.
        let c = md("<strong>Συντομογραφία</strong> und mehr");
        assert_eq!(c.markdown, "**Συντομογραφία** und mehr\n");
    }

    #[test]
    fn block_comments_go_and_their_content_stays() {
        let c = md("<!-- wp:heading -->\n<h2>Titel</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph {\"align\":\"center\"} -->\n<p>Text mit <a href=\"https://e.org/x\">Link</a>.</p>\n<!-- /wp:paragraph -->\n<!--more-->\n<p>Rest</p>");
        assert_eq!(
            c.markdown,
            "## Titel\n\nText mit [Link](https://e.org/x).\n\n<!-- more -->\n\nRest\n"
        );
    }

    #[test]
    fn pre_without_code_becomes_a_code_block() {
        let c = md(
            "Text\n\n<pre>line 1\n  line *2* &lt;b&gt;\nhttps://e.org/x\n\nline 5</pre>\n\nAfter",
        );
        assert_eq!(
            c.markdown,
            "Text\n\n```\nline 1\n  line *2* <b>\nhttps://e.org/x\n\nline 5\n```\n\nAfter\n"
        );
        // After text in the same chunk, as WordPress's test export has it.
        let c = md("Text\n<h2>Titel</h2>\n<pre>\n <cite>A</cite>\n\n  b\n  c</pre>");
        assert_eq!(
            c.markdown,
            "Text  \n\n## Titel\n\n```\n A\n\n  b\n  c\n```\n"
        );
        let c = md("<!-- wp:preformatted -->\n<pre class=\"wp-block-preformatted\">a\n   b<br>c <strong>d</strong> ```</pre>\n<!-- /wp:preformatted -->");
        assert_eq!(c.markdown, "````\na\n   b\nc d ```\n````\n");
        // `<pre><code>` stays as htmd converts it.
        let c = md("<pre class=\"x\"><code>x\n y</code></pre>");
        assert_eq!(c.markdown, "```\nx\n y\n```\n");
    }

    #[test]
    fn tables_quotes_and_urls() {
        let c = md("<blockquote><p>Zitat</p></blockquote><table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>\n\nhttps://www.youtube.com/watch?v=abc\n\n<a href=\"javascript:alert(1)\">böse</a>");
        assert!(c.markdown.contains("> Zitat"), "{}", c.markdown);
        assert!(c.markdown.contains("| A | B |"), "{}", c.markdown);
        assert!(
            c.markdown.contains(
                "[https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc)"
            ),
            "{}",
            c.markdown
        );
        assert!(
            c.markdown.contains("böse") && !c.markdown.contains("javascript"),
            "{}",
            c.markdown
        );
        assert!(c.notes.iter().any(|n| n.message.contains("javascript")));
        let c = md("<table><tr><td colspan=\"2\">A</td></tr><tr><td>1</td><td>2</td></tr></table>");
        assert!(
            c.notes.iter().any(|n| n.message.contains("merged cells")),
            "{:?}",
            c.notes
        );
    }
}
