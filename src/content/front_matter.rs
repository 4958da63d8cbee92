//! Splitting a Markdown file into its YAML front matter and its body.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages;
use crate::yaml::{self, Embedding};

/// A Markdown file split at its front matter fences.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub front: &'a str,
    /// The Markdown after the closing `---` line.
    pub body: &'a str,
    /// Lines of the file before the body (for locating body positions).
    pub body_lines_before: usize,
}

/// Splits `text` (already `\n`-normalised) into front matter and body.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text == "---").then_some(""))
    else {
        let (message, help) = if text.trim().is_empty() {
            messages::front_matter_empty()
        } else {
            messages::front_matter_missing()
        };
        return Err(Diagnostic::at(file, Location::new(1, 1), message).with_help(help));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_lines_before = 2 + front.matches('\n').count();
            return Ok(Split {
                front,
                body,
                body_lines_before,
            });
        }
        offset += line.len();
    }
    // A fence almost written (`--`, `----`, `–––`) is the likely cause.
    for (line_number, line) in (2..).zip(rest.lines()) {
        let fence = line.trim();
        if fence.len() >= 2 && fence.chars().all(|c| matches!(c, '-' | '–' | '—')) {
            let (message, help) = messages::front_matter_bad_fence(fence);
            return Err(
                Diagnostic::at(file, Location::new(line_number, 1), message).with_help(help)
            );
        }
    }
    let (message, help) = messages::front_matter_unclosed();
    Err(Diagnostic::at(file, Location::new(1, 1), message).with_help(help))
}

/// Parses the front matter of `split` into `T`.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>, file: &Path) -> Result<T, Diagnostic> {
    yaml::parse(split.front, file, Embedding { lines_before: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let s = split("---\ntitle: a\n---\nbody\n", Path::new("x")).unwrap();
        assert_eq!(s.front, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_lines_before, 3);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = split("---\ntitle: a\nbody\n", Path::new("x")).unwrap_err();
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn a_fence_with_too_few_hyphens_is_named() {
        let e = split("---\ntitle: a\n--\nbody\n", Path::new("x")).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.de().contains("`--` statt `---`"),
            "{}",
            e.message.de()
        );
    }

    #[test]
    fn closing_fence_at_end_of_file() {
        let s = split("---\ntitle: a\n---", Path::new("x")).unwrap();
        assert_eq!(s.body, "");
    }
}
