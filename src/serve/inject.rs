//! What the preview server adds to HTML responses, and only to responses
//! (never to the built site): the live-reload script and, while the site has
//! problems, an overlay that lists them.

use crate::config::Language;
use crate::diagnostics::Diagnostic;
use crate::escape::escape_html;
use crate::messages;

/// The path of the Server-Sent Events stream the script listens to.
pub(crate) const EVENTS_PATH: &str = "/__kette/events";

/// The `id` of the overlay element.
pub(crate) const OVERLAY_ID: &str = "__kette_overlay";

/// The live-reload script for a page served from build `generation`.
///
/// It listens to [`EVENTS_PATH`]: `hello` tells the build the server has now
/// (the page reloads when it is not the one it was served from, so a change
/// between loading the page and connecting is not missed), `reload` reloads
/// the page, and `css` swaps the named stylesheets without a reload.
pub(crate) fn live_script(generation: u64) -> String {
    format!(
        r#"<script id="__kette_live">(function () {{
  var generation = {generation};
  if (!window.EventSource) return;
  var source = new EventSource("{EVENTS_PATH}");
  function first(data) {{ return parseInt(String(data).split("\n")[0], 10); }}
  source.addEventListener("hello", function (e) {{ if (first(e.data) !== generation) location.reload(); }});
  source.addEventListener("reload", function () {{ source.close(); location.reload(); }});
  source.addEventListener("css", function (e) {{
    var lines = String(e.data).split("\n");
    generation = first(e.data);
    var changed = lines.slice(1), swapped = false;
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {{
      var url = new URL(link.getAttribute("href"), location.href);
      if (url.origin !== location.origin || changed.indexOf(url.pathname) < 0) return;
      url.searchParams.set("__kette", String(Date.now()));
      link.href = url.href;
      swapped = true;
    }});
    if (!swapped) {{ source.close(); location.reload(); }}
  }});
  window.addEventListener("pagehide", function () {{ source.close(); }});
}})();</script>"#
    )
}

/// The overlay listing `problems` (each `file:line:column: message (help)`),
/// HTML-escaped, in `language` (the same words as in the terminal); empty
/// when there are none.
pub fn overlay(problems: &[Diagnostic], language: Language) -> String {
    overlay_with(
        problems,
        language,
        &messages::overlay_heading(language, problems.len()),
    )
}

/// The overlay for a build that succeeded but whose internal links lead
/// nowhere (what `kette check` reports).
pub(crate) fn links_overlay(problems: &[Diagnostic], language: Language) -> String {
    overlay_with(
        problems,
        language,
        &messages::serve_links(language, problems.len()),
    )
}

fn overlay_with(problems: &[Diagnostic], language: Language, heading: &str) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut items = String::new();
    for p in problems {
        items.push_str(
            "<li style=\"margin:0 0 .6em\"><code style=\"font:inherit;font-weight:bold\">",
        );
        items.push_str(&escape_html(&p.position()));
        items.push_str("</code>: ");
        items.push_str(&escape_html(p.message.get(language)));
        if let Some(help) = &p.help {
            items.push_str(" <em>(");
            items.push_str(&escape_html(help.get(language)));
            items.push_str(")</em>");
        }
        items.push_str("</li>");
    }
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;\
margin:0;padding:1em 1.5em;background:#fff5f5;color:#1a1a1a;border-top:4px solid #c00;box-shadow:0 -4px 16px rgba(0,0,0,.25);\
font:15px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
<button type=\"button\" onclick=\"this.parentNode.remove()\" aria-label=\"{hide}\" style=\"float:right;font:inherit;cursor:pointer\">&#215;</button>\
<p style=\"margin:0 0 .8em;font-weight:bold;color:#c00\">{heading}</p>\
<ol style=\"margin:0;padding-left:1.5em\">{items}</ol></div>",
        hide = escape_html(messages::overlay_hide().get(language)),
        heading = escape_html(heading),
    )
}

/// The notice shown in the preview for the address of a draft (`file`,
/// relative to the site root), in the overlay's place.
pub(crate) fn draft_notice(file: &std::path::Path, language: Language) -> String {
    let file = crate::diagnostics::terminal_safe_path(file);
    let (message, help) = messages::draft_page(&file);
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"status\" style=\"position:fixed;inset:auto 0 0 0;z-index:2147483647;\
margin:0;padding:1em 1.5em;background:#fffbea;color:#1a1a1a;border-top:4px solid #b80;box-shadow:0 -4px 16px rgba(0,0,0,.25);\
font:15px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
<p style=\"margin:0 0 .5em;font-weight:bold\">{}</p><p style=\"margin:0\">{}</p></div>",
        escape_html(message.get(language)),
        escape_html(help.get(language)),
    )
}

/// `html` with `addition` inserted before its last `</body>` (any case), or
/// appended when there is none.
pub(crate) fn inject(html: &[u8], addition: &str) -> Vec<u8> {
    let at = rfind_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page shown for every HTML request while no build has succeeded yet.
pub(crate) fn error_page(problems: &[Diagnostic], generation: u64, language: Language) -> String {
    let (title, heading, text) = messages::not_built_page();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
<body><h1>{}</h1><p>{}</p>{}{}</body></html>\n",
        escape_html(title.get(language)),
        escape_html(heading.get(language)),
        escape_html(text.get(language)),
        overlay(problems, language),
        live_script(generation),
        lang = language.code(),
    )
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, "<s></s>")).unwrap();
        assert_eq!(out, "<html><body><p>x</p><s></s></BODY></html>");
        let fragment = String::from_utf8(inject(b"<p>x</p>", "<s></s>")).unwrap();
        assert_eq!(fragment, "<p>x</p><s></s>");
    }

    #[test]
    fn the_overlay_escapes_every_problem() {
        let problems = vec![
            Diagnostic::at(
                "content/news/<a>.md",
                Location::new(3, 7),
                "unknown key `<script>`",
            )
            .with_help("did you mean \"title\"?"),
            Diagnostic::file("site.yaml", "cannot read & parse"),
        ];
        let html = overlay(&problems, Language::En);
        assert!(html.contains("content/news/&lt;a&gt;.md:3:7"));
        assert!(html.contains("unknown key `&lt;script&gt;`"));
        assert!(html.contains("did you mean &quot;title&quot;?"));
        assert!(html.contains("cannot read &amp; parse"));
        assert!(html.contains("2 problems"));
        assert!(!html.contains("<script"));
        assert_eq!(overlay(&[], Language::De), "");
        let german = overlay(&problems[1..], Language::De);
        assert!(german.contains("1 Problem;"), "{german}");
    }

    #[test]
    fn the_script_carries_its_generation() {
        let script = live_script(42);
        assert!(script.contains("var generation = 42;"));
        assert!(script.contains(EVENTS_PATH));
    }
}
