//! The one place that talks to the YAML parser (serde_yaml): typed parsing
//! whose errors become located [`Diagnostic`]s, and the text search that finds
//! where a key or value sits when a problem is only found later, across files.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{did_you_mean, Diagnostic, Location};
use crate::messages::{self, Text};

mod syntax;

/// Where a YAML text sits in its file: the number of lines before it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Embedding {
    /// Lines of the file before the YAML text (front matter starts after `---`).
    pub lines_before: usize,
}

/// Parses `text` into `T`, turning parser and type errors into a diagnostic
/// at the right line of `file`.
pub(crate) fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    embedding: Embedding,
) -> Result<T, Diagnostic> {
    // An empty document is an empty map, so that missing fields are named.
    let source = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(source).map_err(|err| to_diagnostic(&err, text, file, embedding))
}

fn to_diagnostic(
    err: &serde_yaml::Error,
    text: &str,
    file: &Path,
    embedding: Embedding,
) -> Diagnostic {
    let raw = err.to_string();
    let mut location = err
        .location()
        .map(|l| Location::new(l.line(), l.column()))
        .unwrap_or(Location::new(1, 1));
    // serde_yaml appends " at line L column C" to the message; we say it in front.
    let mut message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    // The reader's errors (a control character, a byte it cannot read)
    // carry a byte offset instead of a line.
    if let Some((plain, offset)) = reader_offset(&message) {
        location = Location::of_offset(text, offset);
        message = plain.to_string();
    }
    let at = |location: Location| location.shifted(embedding.lines_before);

    if let Some((place, message, help)) =
        syntax::explain(&raw, location, text, embedding.lines_before)
    {
        return Diagnostic::at(file, at(place), message).with_help(help);
    }
    // A message of kette's own checks (`checked.rs`, dates), in both languages.
    if let Some((path, message, _)) = Text::unpack(&raw) {
        return Diagnostic::at(file, at(location), with_path(path, message));
    }
    let message = message.trim_end_matches('.');
    let (path, rest) = split_path(message);

    let (text_message, help) = if let Some(field) = backticked(rest, "unknown field `") {
        let expected = expected_names(rest);
        let help = did_you_mean(&field, expected.iter().map(String::as_str))
            .map(messages::did_you_mean)
            .or_else(|| {
                (!expected.is_empty()).then(|| messages::allowed_keys(&expected.join(", ")))
            });
        if let Some(found) = locate_key(text, &field) {
            location = found;
        }
        (messages::unknown_key(&field), help)
    } else if let Some(field) = backticked(rest, "missing field `") {
        let (message, help) = messages::missing_key(&field);
        (message, Some(help))
    } else if let Some(field) = backticked(rest, "duplicate field `") {
        if let Some(found) = locate_nth_key(text, &field, 2) {
            location = found;
        }
        let (message, help) = messages::duplicate_key(&field);
        (message, Some(help))
    } else if let Some(value) = backticked(rest, "unknown variant `") {
        let expected = expected_names(rest);
        let (message, help) = messages::unknown_variant(&value, &expected.join(", "));
        let help = did_you_mean(&value, expected.iter().map(String::as_str))
            .map(messages::did_you_mean)
            .unwrap_or(help);
        (message, Some(help))
    } else if let Some((message, help)) = rest.strip_prefix("invalid type: ").and_then(wrong_type) {
        (message, help)
    } else {
        (messages::value_refused(&tidy_message(rest)), None)
    };
    let diagnostic = Diagnostic::at(file, at(location), with_path(path, text_message));
    match help {
        Some(h) => diagnostic.with_help(h),
        None => diagnostic,
    }
}

/// serde_yaml starts a message about a value inside the document with its
/// path (`offers[0].url: …`), which names the field: (path, rest).
fn split_path(message: &str) -> (&str, &str) {
    let known = [
        "invalid type: ",
        "invalid value: ",
        "unknown field `",
        "missing field `",
        "duplicate field `",
        "unknown variant `",
        "invalid length",
    ];
    let first = known.iter().filter_map(|k| message.find(k)).min();
    match first {
        Some(i) if i >= 2 && message[..i].ends_with(": ") => (&message[..i - 2], &message[i..]),
        _ => ("", message),
    }
}

/// The message with the path of the value in front (`offers[0].url: …`).
fn with_path(path: &str, message: Text) -> Text {
    let path = path.trim().trim_end_matches(':').trim();
    if path.is_empty() || path == "." {
        message
    } else {
        message.prefixed(&format!("{path}: "))
    }
}

/// "map, expected a sequence" in plain words; the help for a whole file
/// that is no map.
fn wrong_type(types: &str) -> Option<(Text, Option<Text>)> {
    let (found, expected) = types.split_once(", expected ")?;
    let found = messages::kind(found)?;
    let expected = messages::kind(expected)?;
    Some((messages::wrong_type(&expected, &found), None))
}

/// `"control characters are not allowed at position 7"` →
/// (`"control characters are not allowed"`, 7).
fn reader_offset(message: &str) -> Option<(&str, usize)> {
    let (plain, offset) = message.rsplit_once(" at position ")?;
    Some((plain, offset.parse().ok()?))
}

/// Shortens serde's "unknown field `x`, expected one of `a`, `b`" to its first part.
fn tidy_message(message: &str) -> String {
    let mut message = message.replace("invalid type: ", "wrong type: ");
    // Say what an editor would, not what Rust calls it.
    for (rust, plain) in [
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list"),
        ("expected a boolean", "expected true or false"),
        ("expected struct ", "expected a map of "),
        ("integer `", "number `"),
        ("floating point `", "number `"),
    ] {
        message = message.replace(rust, plain);
    }
    message
}

fn backticked(message: &str, prefix: &str) -> Option<String> {
    let start = message.find(prefix)? + prefix.len();
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_string())
}

fn expected_names(message: &str) -> Vec<String> {
    let Some(i) = message.find("expected") else {
        return Vec::new();
    };
    message[i..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The location of the first `key:` in a YAML text (any indentation).
pub(crate) fn locate_key(text: &str, key: &str) -> Option<Location> {
    locate_nth_key(text, key, 1)
}

fn locate_nth_key(text: &str, key: &str, n: usize) -> Option<Location> {
    let mut seen = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t', '-']).trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed
            .strip_prefix(key)
            .filter(|rest| rest.trim_start().starts_with(':'));
        let quoted = trimmed
            .strip_prefix('"')
            .and_then(|t| t.strip_prefix(key))
            .and_then(|t| t.strip_prefix('"'))
            .filter(|rest| rest.trim_start().starts_with(':'));
        if bare.is_some() || quoted.is_some() {
            seen += 1;
            if seen == n {
                return Some(Location::of_offset(text, offset + indent));
            }
        }
        offset += line.len();
    }
    None
}

/// The location of `value` written after the first `key:` (on its line or
/// in the list below it), for errors about values found by later checks.
/// `after` skips that many bytes of the text first (to search inside one item
/// of a list). Falls back to the key, then to the start of the text.
pub(crate) fn locate_value(text: &str, key: &str, value: &str, after: usize) -> Location {
    let tail = &text[after.min(text.len())..];
    let key_offset = locate_key_offset(tail, key);
    if let Some(key_offset) = key_offset {
        let search_from = after + key_offset;
        if let Some(found) = find_token(&text[search_from..], value) {
            return Location::of_offset(text, search_from + found);
        }
        return Location::of_offset(text, search_from);
    }
    Location::of_offset(text, after.min(text.len()))
}

/// Byte offset of the first `key:` in `text`.
pub(crate) fn locate_key_offset(text: &str, key: &str) -> Option<usize> {
    let location = locate_key(text, key)?;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(location.line - 1)
        .map(str::len)
        .sum();
    let column_bytes: usize = text[line_start..]
        .chars()
        .take(location.column - 1)
        .map(char::len_utf8)
        .sum();
    Some(line_start + column_bytes)
}

/// Byte offset of `token` in `haystack` where it is not part of a longer word.
pub(crate) fn find_token(haystack: &str, token: &str) -> Option<usize> {
    if token.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut start = 0;
    while let Some(i) = haystack[start..].find(token) {
        let at = start + i;
        let before_ok = !haystack[..at].chars().next_back().is_some_and(is_word);
        let after_ok = !haystack[at + token.len()..]
            .chars()
            .next()
            .is_some_and(is_word);
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + token.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        topics: Vec<String>,
    }

    #[test]
    fn unknown_keys_are_located_and_suggested() {
        let text = "title: a\ntitel: b\n";
        let err =
            parse::<Front>(text, Path::new("x.md"), Embedding { lines_before: 1 }).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert_eq!(err.message, "unknown field `titel`");
        assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn a_refusal_kette_does_not_recognise_is_quoted_inside_a_german_sentence() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Small {
            n: u8,
        }
        let err = parse::<Small>("n: 300\n", Path::new("x.md"), Embedding::default()).unwrap_err();
        let german = err.message.get(crate::language::Language::De);
        assert!(
            german.starts_with("n: dieser Wert passt hier nicht (der Leser sagt: „"),
            "{german}"
        );
        assert!(
            err.message.en().contains("invalid value"),
            "{}",
            err.message.en()
        );
    }

    #[test]
    fn wrong_types_are_located() {
        let text = "title: a\ntopics: 5\n";
        let err = parse::<Front>(text, Path::new("x.md"), Embedding::default()).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("wrong type"), "{}", err.message);
    }

    #[test]
    fn characters_yaml_refuses_are_located() {
        let text = "title: ä\ntopics: [\u{FFFE}]\n";
        let err =
            parse::<Front>(text, Path::new("x.md"), Embedding { lines_before: 1 }).unwrap_err();
        assert_eq!((err.line, err.column), (3, 10), "{}", err.message);
        assert!(!err.message.contains("position"), "{}", err.message);
    }

    #[test]
    fn values_are_found_after_their_key() {
        let text = "name: a\nparent: kreis-x\nother: kreis-x-y\n";
        let at = locate_value(text, "parent", "kreis-x", 0);
        assert_eq!(at, Location::new(2, 9));
        let text = "municipalities:\n  - ahlen\n  - ahle\n";
        assert_eq!(
            locate_value(text, "municipalities", "ahle", 0),
            Location::new(3, 5)
        );
    }
}
