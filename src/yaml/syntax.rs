//! YAML syntax errors said as their likely cause: the parser's words
//! ("mapping values are not allowed in this context") mean little to an
//! editor, so the line is looked at to name what is probably wrong — a tab,
//! a colon in an unquoted value, quotes inside quotes, an indentation, a key
//! without its colon, a quote or bracket never closed — with the place of
//! the fault (not the line after it) and what to change.

use crate::diagnostics::Location;
use crate::messages::{self, Text};

/// The cause of a syntax error `raw` (serde_yaml's message) reported at
/// `at` in `text`: where it is, what is wrong, how to fix it. `None` when
/// `raw` is no syntax error.
/// Line numbers in messages count from the start of the file, `lines_before`
/// lines before `text`.
pub(super) fn explain(
    raw: &str,
    at: Location,
    text: &str,
    lines_before: usize,
) -> Option<(Location, Text, Text)> {
    let context = context_location(raw);
    let file_line = |line: usize| line + lines_before;
    if let Some(found) = tab_near(text, at.line) {
        let (message, help) = messages::yaml_tab(file_line(found.line), found.column);
        return Some((found, message, help));
    }
    let line = line_text(text, at.line);
    if raw.contains("cannot start any token") {
        let c = line.chars().nth(at.column.saturating_sub(1)).unwrap_or(' ');
        let (message, help) = if matches!(c, '@' | '`' | '%') {
            messages::yaml_reserved_start(&key_of(line).unwrap_or_default(), c)
        } else {
            messages::yaml_bad_character()
        };
        return Some((at, message, help));
    }
    if raw.starts_with("mapping values are not allowed") {
        if let Some((key, value)) = split_key(line).filter(|(k, _)| {
            let key_end = line.find(k.as_str()).unwrap_or(0) + k.len();
            line[..key_end].chars().count() + 1 < at.column
        }) {
            let fixed = if value.contains('"') {
                format!("{key}: '{}'", value.replace('\'', "''"))
            } else {
                format!("{key}: \"{value}\"")
            };
            let (message, help) = messages::yaml_unquoted_colon(&key, &fixed);
            return Some((at, message, help));
        }
        let (message, help) = messages::yaml_indentation(file_line(at.line));
        return Some((Location::new(at.line, 1), message, help));
    }
    if raw.starts_with("did not find expected key") {
        if let Some((key, value)) = split_key(line) {
            if let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) {
                let (message, help) = if value[1..].matches(quote).count() >= 2 {
                    let (typographic, single) = quote_fixes(&key, &value, quote);
                    messages::yaml_quote_in_quotes(&key, &typographic, &single)
                } else {
                    messages::yaml_text_after_quote(&key)
                };
                return Some((at, message, help));
            }
        }
        let (message, help) = messages::yaml_indentation(file_line(at.line));
        return Some((Location::new(at.line, 1), message, help));
    }
    if raw.starts_with("did not find expected '-' indicator") {
        let (message, help) = messages::yaml_list_indentation(file_line(at.line));
        return Some((Location::new(at.line, 1), message, help));
    }
    if raw.starts_with("could not find expected ':'") {
        let start = context.unwrap_or(at);
        let words = line_text(text, start.line).trim().to_string();
        let (message, help) = messages::yaml_half_key(file_line(start.line), &words);
        return Some((start, message, help));
    }
    if raw.contains("while scanning a quoted scalar") {
        let start = context.unwrap_or(at);
        let quote = line_text(text, start.line)
            .chars()
            .nth(start.column.saturating_sub(1))
            .filter(|c| matches!(c, '"' | '\''))
            .unwrap_or('"');
        let (message, help) = messages::yaml_unclosed_quote(file_line(start.line), quote);
        return Some((start, message, help));
    }
    for (what, open, close) in [("flow sequence", '[', ']'), ("flow mapping", '{', '}')] {
        if raw.contains(&format!("while parsing a {what}")) {
            let start = context.unwrap_or(at);
            let (message, help) =
                messages::yaml_unclosed_bracket(file_line(start.line), open, close);
            return Some((start, message, help));
        }
    }
    let syntax = [
        "found ",
        "did not find",
        "could not find",
        "while scanning",
        "while parsing",
        "control characters",
        "invalid leading UTF-8",
        "invalid trailing UTF-8",
        "unexpected end",
    ];
    if syntax.iter().any(|s| raw.contains(s)) {
        let (message, help) = messages::yaml_other();
        return Some((at, message, help));
    }
    None
}

/// The 1-based line `line` of `text` (empty past its end).
fn line_text(text: &str, line: usize) -> &str {
    text.lines().nth(line.saturating_sub(1)).unwrap_or("")
}

/// The first tab in the indentation (or between a key and its value) of
/// line `line` or the line before it: the usual cause of a syntax error
/// near a tab, invisible in most editors.
fn tab_near(text: &str, line: usize) -> Option<Location> {
    for n in [line, line.saturating_sub(1)] {
        if n == 0 {
            continue;
        }
        let l = line_text(text, n);
        let lead = l.len() - l.trim_start_matches([' ', '\t', '-']).len();
        if let Some(i) = l[..lead].find('\t') {
            return Some(Location::new(n, l[..i].chars().count() + 1));
        }
    }
    None
}

/// `key` and the text after `key: ` on a line `key: value` (list dashes
/// and indentation skipped).
fn split_key(line: &str) -> Option<(String, String)> {
    let body = line.trim_start_matches([' ', '-']).trim_start();
    let colon = body.find(": ")?;
    let key = &body[..colon];
    if key.is_empty() || key.contains(['"', '\'', ' ']) {
        return None;
    }
    Some((key.to_string(), body[colon + 2..].trim().to_string()))
}

fn key_of(line: &str) -> Option<String> {
    split_key(line).map(|(k, _)| k)
}

/// The two ways to write a value with quotes inside: typographic quotes
/// inside the straight ones, or the other kind of straight quotes around.
fn quote_fixes(key: &str, value: &str, quote: char) -> (String, String) {
    let inner = value.strip_prefix(quote).unwrap_or(value);
    let inner = inner.strip_suffix(quote).unwrap_or(inner);
    let mut typographic = String::new();
    for (i, part) in inner.split(quote).enumerate() {
        if i > 0 {
            typographic.push(if i % 2 == 1 { '„' } else { '“' });
        }
        typographic.push_str(part);
    }
    let single = if quote == '"' {
        format!("{key}: '{}'", inner.replace('\'', "''"))
    } else {
        format!("{key}: \"{}\"", inner.replace('"', "\\\""))
    };
    (format!("{key}: {quote}{typographic}{quote}"), single)
}

/// The place in "…, while scanning a simple key at line 2 column 1".
fn context_location(raw: &str) -> Option<Location> {
    let (_, context) = raw.split_once(", while ")?;
    let (_, place) = context.rsplit_once(" at line ")?;
    let (line, column) = place.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    Some(Location::new(line.parse().ok()?, column.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(raw: &str, at: (usize, usize), text: &str) -> (Location, String, String) {
        let (l, m, h) = explain(raw, Location::new(at.0, at.1), text, 0).unwrap();
        (l, m.de().to_string(), h.de().to_string())
    }

    #[test]
    fn quotes_inside_quotes_get_both_fixes() {
        let text = "title: \"Fachtag \"Übergänge\" mit Eltern\"\n";
        let (at, message, help) = explained(
            "did not find expected key at line 1 column 18, while parsing a block mapping",
            (1, 18),
            text,
        );
        assert_eq!(at, Location::new(1, 18));
        assert!(
            message.contains("innerhalb von Anführungszeichen"),
            "{message}"
        );
        assert!(
            help.contains("title: \"Fachtag „Übergänge“ mit Eltern\""),
            "{help}"
        );
        assert!(
            help.contains("title: 'Fachtag \"Übergänge\" mit Eltern'"),
            "{help}"
        );
    }

    #[test]
    fn a_half_written_key_is_found_on_its_own_line() {
        let (at, message, _) = explained(
            "could not find expected ':' at line 3 column 1, while scanning a simple key at line 2 column 1",
            (3, 1),
            "title: a\nsumm\ndate: 2017\n",
        );
        assert_eq!(at, Location::new(2, 1));
        assert!(message.contains("`summ`"), "{message}");
    }

    #[test]
    fn a_colon_in_a_value_is_named() {
        let (_, message, help) = explained(
            "mapping values are not allowed in this context at line 1 column 15",
            (1, 15),
            "title: Treffen: Eltern\n",
        );
        assert!(message.contains("Doppelpunkt"), "{message}");
        assert!(help.contains("title: \"Treffen: Eltern\""), "{help}");
    }
}
