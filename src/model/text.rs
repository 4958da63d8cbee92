//! Small text helpers of the model: summaries, plain text from HTML,
//! shortened lists for messages.

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::content::markdown::Rendered;
use crate::diagnostics::Diagnostic;
use crate::escape::escape_html;
use crate::messages::Text;

pub(super) trait WithHelpIfNone {
    fn with_help_if_none(self, help: impl Into<Text>) -> Self;
}

impl WithHelpIfNone for Diagnostic {
    fn with_help_if_none(self, help: impl Into<Text>) -> Self {
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

pub(super) fn summary(given: Option<&str>, rendered: &Rendered) -> (Arc<str>, Arc<str>) {
    match given {
        Some(text) => (format!("<p>{}</p>", escape_html(text)).into(), text.into()),
        None => (rendered.summary_html.clone(), rendered.summary_text.clone()),
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
