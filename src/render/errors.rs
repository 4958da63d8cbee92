//! Template errors as kette diagnostics: the template file that holds the
//! error (a parent, a child or the file of a component), its line and
//! column, Tera's message (with its "available fields" hint) and, as help,
//! the line of the template it is in. The same diagnostics go to the
//! terminal, `kette check` and `serve`'s overlay.

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::{self, Tera1};

/// Where a template's text came from, for error messages.
#[derive(Debug, Clone)]
pub(crate) struct TemplateSource {
    /// The template's name, e.g. `article.html`.
    pub name: String,
    /// The file it was read from (relative to the site, or in the built-in theme).
    pub file: PathBuf,
    /// Its text, to turn Tera's byte offsets into lines and columns.
    pub text: String,
}

/// Where the change list for Tera 1 themes is.
pub(crate) const MIGRATION_DOC: &str = "docs/templates.md, \"Moving a theme from Tera 1\"";

/// The diagnostics of a Tera error (loading can report several at once).
pub(crate) fn template_error(error: &tera::Error, sources: &[TemplateSource]) -> Vec<Diagnostic> {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            vec![report_diagnostic(report, sources)]
        }
        tera::ErrorKind::MissingParent { current, parent } => vec![Diagnostic::file(
            file_of(current, sources),
            messages::missing_parent(current, parent),
        )],
        tera::ErrorKind::CircularExtend { tpl, .. } => vec![Diagnostic::file(
            file_of(tpl, sources),
            messages::template_error(&error.to_string()),
        )],
        tera::ErrorKind::TemplateNotFound(name) => vec![Diagnostic::file(
            file_of(name, sources),
            messages::template_not_found(name),
        )],
        _ => {
            // Several reports in one message (checks across templates, such
            // as an unknown filter or function), each `error: …` followed
            // by `--> name:line:column`.
            let text = error.to_string();
            let reports = parse_reports(&text, sources);
            if reports.is_empty() {
                vec![Diagnostic::file(
                    PathBuf::from("templates"),
                    messages::template_error(&one_line(&text)),
                )]
            } else {
                reports
            }
        }
    }
}

/// The diagnostic of an error while rendering a page: for a component
/// rendered through `fragment`, the component's own error.
pub(crate) fn render_error(error: &tera::Error, sources: &[TemplateSource]) -> Diagnostic {
    let inner = super::fragments::inner_error::take();
    let error = inner.as_ref().unwrap_or(error);
    template_error(error, sources)
        .into_iter()
        .next()
        .unwrap_or_else(|| {
            Diagnostic::file("templates", messages::template_error(&error.to_string()))
        })
}

fn report_diagnostic(report: &tera::ReportError, sources: &[TemplateSource]) -> Diagnostic {
    let span = report.span();
    let source = sources.iter().find(|s| s.name == report.filename());
    let file = source.map_or_else(|| PathBuf::from(report.filename()), |s| s.file.clone());
    let text = source.map(|s| s.text.as_str());
    let location = match text {
        Some(text) if span.range.start <= text.len() => Location::of_offset(text, span.range.start),
        _ => Location::new(span.start_line, span.start_col + 1),
    };
    let mut diagnostic = Diagnostic::at(
        file,
        location,
        messages::template_error(&one_line(report.message())),
    );
    if let Some(line) = text.and_then(|t| t.lines().nth(location.line.saturating_sub(1))) {
        let end = span.range.end.min(span.range.start + 80);
        let marked = text
            .and_then(|t| t.get(span.range.start..end))
            .filter(|m| !m.is_empty() && !m.contains('\n'));
        let line = shorten(line, location.column);
        let marked = marked.map(str::trim).filter(|m| *m != line);
        diagnostic = diagnostic.with_help(messages::template_line(marked, &line));
    }
    diagnostic
}

/// The reports in a message of Tera's that holds several.
fn parse_reports(text: &str, sources: &[TemplateSource]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(at)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = at.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let line_no = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
            let name = parts.next().unwrap_or_default();
            out.push(Diagnostic::at(
                file_of(name, sources),
                Location::new(line_no, column),
                messages::template_error(m),
            ));
            message = None;
        }
    }
    out
}

fn file_of(name: &str, sources: &[TemplateSource]) -> PathBuf {
    sources
        .iter()
        .find(|s| s.name == name)
        .map_or_else(|| PathBuf::from(name), |s| s.file.clone())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line of an error, trimmed, and cut to about 120 characters around
/// `column` when it is longer.
fn shorten(line: &str, column: usize) -> String {
    let lead = line.chars().take_while(|c| c.is_whitespace()).count();
    let chars: Vec<char> = line.trim().chars().collect();
    if chars.len() <= 120 {
        return chars.into_iter().collect();
    }
    // A window around the error's column, so that the faulty part of a
    // long line is what the editor sees.
    let at = column.saturating_sub(1 + lead).min(chars.len());
    let start = at.saturating_sub(40).min(chars.len() - 117);
    let end = (start + 117).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Tera 1 constructs that Tera 2 no longer has, each with what replaces it.
const TERA1: [(&str, Tera1); 6] = [
    ("{% macro", Tera1::Macro),
    ("{%- macro", Tera1::Macro),
    ("{% import", Tera1::Import),
    ("{%- import", Tera1::Import),
    ("{% cache", Tera1::Cache),
    ("::", Tera1::MacroCall),
];

/// The places where a site's or theme's template still uses Tera 1 syntax.
pub(crate) fn tera1_syntax(source: &TemplateSource) -> Vec<Diagnostic> {
    let text = &source.text;
    let mut found = Vec::new();
    for (pattern, advice) in TERA1 {
        let mut from = 0;
        while let Some(i) = text[from..].find(pattern) {
            let at = from + i;
            from = at + pattern.len();
            // `::` only inside `{{ … }}` after a name (`m::card(`).
            if pattern == "::" && !is_macro_call(text, at) {
                continue;
            }
            found.push((at, advice));
        }
    }
    found.sort();
    found.dedup_by_key(|(at, _)| *at);
    found
        .into_iter()
        .map(|(at, construct)| {
            let (message, help) = messages::tera1_syntax(construct, MIGRATION_DOC);
            Diagnostic::at(source.file.clone(), Location::of_offset(text, at), message)
                .with_help(help)
        })
        .collect()
}

/// `::` at `at` is a Tera 1 macro call: a name before it, inside `{{ }}`.
fn is_macro_call(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let open = before.rfind("{{");
    let close = before.rfind("}}");
    let inside = match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    };
    inside
        && before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> TemplateSource {
        TemplateSource {
            name: "article.html".into(),
            file: PathBuf::from("templates/article.html"),
            text: text.into(),
        }
    }

    #[test]
    fn tera1_macros_imports_and_calls_are_named_with_their_place() {
        let found = tera1_syntax(&source(
            "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n{{ m::card(a=1) }}\n{{ x }}",
        ));
        let places: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, vec![(2, 1), (3, 5)]);
        assert!(
            found[0].message.contains("no `import`"),
            "{}",
            found[0].message
        );
        assert!(found[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("Moving a theme from Tera 1"));
    }

    #[test]
    fn tera2_templates_are_not_flagged() {
        assert!(tera1_syntax(&source(
            "{% component card(a) %}{{ a }}{% endcomponent card %}{{ <card a={1} /> }} a::b"
        ))
        .is_empty());
    }
}
