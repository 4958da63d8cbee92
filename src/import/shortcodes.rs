//! WordPress shortcodes (`[caption]…[/caption]`, `[gallery ids="1,2"]`,
//! `[embed]URL[/embed]`) turned into plain HTML before the HTML becomes
//! Markdown. Unknown shortcodes are removed (the text they enclose is kept)
//! and noted, so that the report can say what to redo by hand.
//!
//! Square brackets are common in prose (`[mit]`, `[1]`, `[sic]`), so
//! `[name]` counts as a shortcode only when WordPress would read it as one
//! and it looks like one: the name is lower-case letters, digits, `_` and
//! `-`, starting with a letter, and the shortcode is known, or is closed
//! (`[/name]`, later in the text), or has a `key=value` attribute or `/]`,
//! or its name has a `_` (never in prose). `[mit Freunden]` stays text.

use std::collections::BTreeMap;

use crate::escape::escape_html;

/// The unknown shortcodes of one body with one name, removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Removed {
    /// How many (an enclosing shortcode counts once).
    pub count: usize,
    /// The first one's opening tag as written (cut short).
    pub first: String,
    /// Whether one of them enclosed text (which was kept).
    pub enclosed: bool,
}

/// What the expansion needs from the rest of the import.
pub(crate) trait Media {
    /// The images of a gallery: the given attachment ids, or (without ids)
    /// the images attached to the item; each as (URL, alt text).
    fn gallery(&self, ids: Option<&[u64]>) -> Vec<(String, String)>;
}

/// Shortcodes whose meaning kette knows.
const KNOWN: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "audio",
    "video",
    "playlist",
];

/// `html` with the known shortcodes expanded and the unknown ones removed
/// (their enclosed text kept); the unknown ones go to `removed`, by name.
pub(super) fn expand(
    html: &str,
    media: &dyn Media,
    removed: &mut BTreeMap<String, Removed>,
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let from = &rest[open..];
        // `[[name]]` is WordPress's escape for a literal `[name]`.
        if let Some(inner) = from.strip_prefix("[[") {
            if let Some(end) = inner.find("]]") {
                if tag(&format!("[{}]", &inner[..end])).is_some() {
                    out.push('[');
                    out.push_str(&inner[..end]);
                    out.push(']');
                    rest = &inner[end + 2..];
                    continue;
                }
            }
        }
        let Some(parsed) = tag(from) else {
            out.push('[');
            rest = &from[1..];
            continue;
        };
        let after = &from[parsed.len..];
        let close = format!("[/{}]", parsed.name);
        let closed_at = if parsed.closing || parsed.self_closing {
            None
        } else {
            after.find(&close)
        };
        let known = KNOWN.contains(&parsed.name.as_str());
        if !(parsed.closing || known || closed_at.is_some() || parsed.looks_like_shortcode()) {
            // Prose in brackets.
            out.push('[');
            rest = &from[1..];
            continue;
        }
        let (content, next) = match closed_at {
            Some(end) => (&after[..end], &after[end + close.len()..]),
            None => ("", after),
        };
        if known && !parsed.closing {
            out.push_str(&replace(&parsed, content, media, removed));
        } else {
            let note = removed.entry(parsed.name.clone()).or_insert(Removed {
                count: 0,
                first: cut(&from[..parsed.len], 80),
                enclosed: false,
            });
            note.count += 1;
            if !content.trim().is_empty() {
                note.enclosed = true;
                // Enclosed texts side by side (columns, boxes) stay words
                // apart.
                let gap = |a: Option<char>, b: Option<char>| {
                    a.is_some_and(char::is_alphanumeric) && b.is_some_and(char::is_alphanumeric)
                };
                if gap(out.chars().last(), content.chars().next()) {
                    out.push(' ');
                }
                out.push_str(&expand(content, media, removed));
                if gap(content.chars().last(), next.chars().next()) {
                    out.push(' ');
                }
            }
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

/// `text` cut to `max` characters, `…` marking the cut.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// One shortcode tag as written.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    closing: bool,
    self_closing: bool,
    /// Its length in bytes, brackets included.
    len: usize,
}

impl Tag {
    /// Written as only a shortcode would be: with a `key=value` attribute,
    /// as `[name /]`, or with a `_` in its name.
    fn looks_like_shortcode(&self) -> bool {
        self.self_closing
            || self.attrs.iter().any(|(k, _)| !k.is_empty())
            || self.name.contains('_')
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The shortcode tag at the start of `text`, if it is one: `[name`,
/// `[/name` with a lowercase name, then attributes and `]`.
fn tag(text: &str) -> Option<Tag> {
    let body = text.strip_prefix('[')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let after_name = &body[name_len..];
    if !after_name.starts_with([' ', ']', '/', '\n', '\t']) {
        return None;
    }
    // The attributes end at the first `]` outside quotes, on the same
    // paragraph (a shortcode never spans a blank line).
    let mut quote: Option<char> = None;
    let mut end = None;
    for (i, c) in after_name.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, ']') => {
                end = Some(i);
                break;
            }
            (None, '[') => return None,
            _ => {}
        }
        if i > 4096 {
            return None;
        }
    }
    let end = end?;
    let raw = &after_name[..end];
    let self_closing = raw.trim_end().ends_with('/');
    let attrs = attributes(raw.trim_end().trim_end_matches('/'));
    Some(Tag {
        name: name.to_string(),
        attrs,
        closing,
        self_closing,
        len: 1 + usize::from(closing) + name_len + end + 1,
    })
}

/// `key="value" key='v' key=v bare` as pairs (bare values with an empty key).
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = &rest[..key_end];
        let after = rest[key_end..].trim_start();
        if let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let (v, next) = match value.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &value[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = value.find(char::is_whitespace).unwrap_or(value.len());
                    (&value[..end], &value[end..])
                }
            };
            out.push((key.to_ascii_lowercase(), v.to_string()));
            rest = next.trim_start();
        } else {
            let (v, next) = match key.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &rest[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => (key, &rest[key_end..]),
            };
            out.push((String::new(), v.to_string()));
            rest = next.trim_start();
        }
    }
    out
}

/// The HTML a known shortcode stands for.
fn replace(
    tag: &Tag,
    content: &str,
    media: &dyn Media,
    removed: &mut BTreeMap<String, Removed>,
) -> String {
    match tag.name.as_str() {
        "caption" | "wp_caption" => {
            let content = expand(content, media, removed);
            let (image, text) = split_caption(&content);
            let caption = tag.attr("caption").map(str::to_string).unwrap_or(text);
            let caption = caption.trim();
            if caption.is_empty() {
                format!("\n\n<p>{image}</p>\n\n")
            } else {
                format!("\n\n<p>{image}<br><em>{caption}</em></p>\n\n")
            }
        }
        "gallery" => {
            let ids: Option<Vec<u64>> = tag.attr("ids").or(tag.attr("include")).map(|ids| {
                ids.split(',')
                    .filter_map(|id| id.trim().parse().ok())
                    .collect()
            });
            let mut html = String::from("\n\n");
            for (url, alt) in media.gallery(ids.as_deref()) {
                html.push_str(&format!(
                    "<p><img src=\"{}\" alt=\"{}\"></p>\n\n",
                    escape_html(&url),
                    escape_html(&alt)
                ));
            }
            html
        }
        _ => {
            // embed, audio, video, playlist: a plain link to the media.
            let url = tag
                .attr("src")
                .or(tag.attr("url"))
                .or_else(|| {
                    ["mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav", "m4a"]
                        .iter()
                        .find_map(|k| tag.attr(k))
                })
                .unwrap_or(content.trim())
                .trim()
                .to_string();
            if url.is_empty() {
                return String::new();
            }
            let url = escape_html(&url);
            format!("\n\n<p><a href=\"{url}\">{url}</a></p>\n\n")
        }
    }
}

/// A caption's content split into its image (an `<img>`, perhaps inside an
/// `<a>`) and the caption text after it.
fn split_caption(content: &str) -> (&str, String) {
    let trimmed = content.trim_start();
    let end = if trimmed.starts_with("<a") {
        trimmed.find("</a>").map(|i| i + 4)
    } else if trimmed.starts_with("<img") {
        trimmed.find('>').map(|i| i + 1)
    } else {
        None
    };
    match end {
        Some(end) => (&trimmed[..end], trimmed[end..].to_string()),
        None => ("", content.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoMedia;
    impl Media for NoMedia {
        fn gallery(&self, ids: Option<&[u64]>) -> Vec<(String, String)> {
            ids.unwrap_or_default()
                .iter()
                .map(|id| (format!("https://x/{id}.jpg"), format!("Bild {id}")))
                .collect()
        }
    }

    fn run(html: &str) -> (String, BTreeMap<String, Removed>) {
        let mut removed = BTreeMap::new();
        (expand(html, &NoMedia, &mut removed), removed)
    }

    #[test]
    fn known_shortcodes_become_html() {
        let (html, _) = run("[caption id=\"attachment_5\" width=\"300\"]<img src=\"a.jpg\" alt=\"A\"> Das Team[/caption]");
        assert_eq!(
            html.trim(),
            "<p><img src=\"a.jpg\" alt=\"A\"><br><em>Das Team</em></p>"
        );
        let (html, _) = run("[gallery ids=\"1, 2\"]");
        assert!(html.contains("<img src=\"https://x/1.jpg\" alt=\"Bild 1\">"));
        assert!(html.contains("https://x/2.jpg"));
        let (html, _) = run("[embed]https://youtu.be/x[/embed]");
        assert_eq!(
            html.trim(),
            "<p><a href=\"https://youtu.be/x\">https://youtu.be/x</a></p>"
        );
        let (html, _) = run("[video mp4=\"https://e/v.mp4\"][/video]");
        assert!(html.contains("href=\"https://e/v.mp4\""));
    }

    #[test]
    fn unknown_shortcodes_go_their_text_stays_and_they_are_named() {
        let (html, removed) = run(
            "a [contact-form-7 id=\"4\" title=\"K\"] b [column]x [box]y[/box][/column] [su_spacer] [/orphan] [[gallery]] [x /]",
        );
        assert_eq!(html, "a  b x y   [gallery] ");
        let (html, _) = run("[col]Links[/col][col]Rechts[/col]");
        assert_eq!(html, "Links Rechts");
        let names: Vec<(&str, usize, bool)> = removed
            .iter()
            .map(|(n, r)| (n.as_str(), r.count, r.enclosed))
            .collect();
        assert_eq!(
            names,
            [
                ("box", 1, true),
                ("column", 1, true),
                ("contact-form-7", 1, false),
                ("orphan", 1, false),
                ("su_spacer", 1, false),
                ("x", 1, false),
            ]
        );
        assert_eq!(
            removed["contact-form-7"].first,
            "[contact-form-7 id=\"4\" title=\"K\"]"
        );
    }

    #[test]
    fn brackets_in_prose_are_no_shortcodes() {
        let prose = "Wir [mit] euch [1] und [sic] [Anm. d. Red.] [mit Freunden] [e-mail] [a] [ ] [gallery-x]";
        let (html, removed) = run(prose);
        assert_eq!(html, prose);
        assert!(removed.is_empty(), "{removed:?}");
        // …and a shortcode right beside them still goes.
        let (html, removed) = run("[mit] [contact-form-7 id=\"5\"] [1]");
        assert_eq!(html, "[mit]  [1]");
        assert_eq!(removed.len(), 1);
    }
}
