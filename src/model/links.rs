//! `@/` links between source files: resolving them to URLs and explaining
//! the ones that lead nowhere.

use std::collections::HashMap;
use std::path::Path;

use super::identify::LinkTarget;
use crate::diagnostics::{did_you_mean, Diagnostic, Location};
use crate::messages;

pub(super) fn resolve_link(links: &HashMap<String, LinkTarget>, path: &str) -> Option<String> {
    let path = path.trim_start_matches('/');
    let target = links
        .get(path)
        .or_else(|| links.get(&format!("{}/index.md", path.trim_end_matches('/'))))?;
    match target {
        LinkTarget::Url(url) => Some(url.clone()),
        LinkTarget::Unparsed => Some(String::new()),
        LinkTarget::Draft => None,
    }
}

pub(super) fn broken_link(
    links: &HashMap<String, LinkTarget>,
    file: &Path,
    at: Location,
    target: &str,
) -> Diagnostic {
    let path = target.trim_start_matches("@/");
    let path = path.split('#').next().unwrap_or(path);
    if matches!(links.get(path), Some(LinkTarget::Draft)) {
        let (message, help) = messages::link_to_draft(target);
        return Diagnostic::at(file, at, message).with_help(help);
    }
    let mut known: Vec<&str> = links.keys().map(String::as_str).collect();
    known.sort_unstable();
    Diagnostic::at(file, at, messages::link_to_missing_file(target))
        .with_suggestion(did_you_mean(path, known).map(|s| s.trim_end_matches('/')))
}
