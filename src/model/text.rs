//! Small text helpers of the model: summaries, plain text from HTML,
//! shortened lists for messages.

use std::path::Path;

use crate::config::Config;
use crate::content::markdown::Rendered;
use crate::diagnostics::Diagnostic;
use crate::escape::escape_html;

pub(super) trait WithHelpIfNone {
    fn with_help_if_none(self, help: String) -> Self;
}

impl WithHelpIfNone for Diagnostic {
    fn with_help_if_none(self, help: String) -> Self {
        if self.help.is_some() {
            self
        } else {
            self.with_help(help)
        }
    }
}

pub(super) fn shorten(names: &[&str]) -> String {
    if names.len() <= 8 {
        names.join(", ")
    } else {
        format!("{}, … ({} in all)", names[..8].join(", "), names.len())
    }
}

pub(super) fn stage_ids(config: &Config) -> String {
    config
        .stages
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn summary(given: Option<&str>, rendered: &Rendered) -> (String, String) {
    match given {
        Some(text) => (format!("<p>{}</p>", escape_html(text)), text.to_string()),
        None => {
            let text = strip_tags(&rendered.summary_html);
            (rendered.summary_html.clone(), first_words(&text, 60))
        }
    }
}

/// The text of an HTML fragment: tags removed, block ends as spaces (inline
/// tags like `<em>` leave no gap), common entities decoded.
pub(super) fn strip_tags(html: &str) -> String {
    const BLOCKS: [&str; 16] = [
        "p",
        "br",
        "li",
        "ul",
        "ol",
        "div",
        "td",
        "th",
        "tr",
        "table",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCKS.contains(&name.as_str()) || name.starts_with('h') && name.len() == 2 {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

pub(super) fn bundle_relative(asset: &Path, index: &Path) -> String {
    let dir = index.parent().unwrap_or(Path::new(""));
    asset
        .strip_prefix(dir)
        .unwrap_or(asset)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

pub(super) fn object_or_empty(value: serde_json::Value) -> serde_json::Value {
    if value.is_null() {
        serde_json::Value::Object(Default::default())
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_leave_no_gap() {
        assert_eq!(
            strip_tags("<p>Alpha (<em>one</em> two)</p><p>B&amp;C</p>"),
            "Alpha (one two) B&C"
        );
    }
}
