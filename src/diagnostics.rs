//! Problems found in a site, as values: each carries the file, line and
//! column it is about, so that a run can collect all of them and report them
//! at once (README.md, "Using kette").

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::language::Language;
use crate::messages::{self, Noun, Text};

/// One problem in the site's input, located as precisely as we know.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file the problem is in, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence, in both languages.
    pub message: Text,
    /// A likely fix, e.g. "did you mean `ahlen`?".
    pub help: Option<Text>,
}

impl Diagnostic {
    /// A problem with a file as a whole (it cannot be read, it is missing…).
    pub fn file(file: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
        }
    }

    /// A problem at a known place in a file.
    pub fn at(file: impl Into<PathBuf>, location: Location, message: impl Into<Text>) -> Self {
        Diagnostic {
            file: file.into(),
            line: location.line,
            column: location.column,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a suggestion.
    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a "did you mean" suggestion when one is given.
    pub fn with_suggestion(self, suggestion: Option<&str>) -> Self {
        match suggestion {
            Some(s) => self.with_help(messages::did_you_mean(s)),
            None => self,
        }
    }

    /// The `file:line:column` prefix of this problem, the file name made
    /// safe for a terminal ([`terminal_safe`]).
    pub fn position(&self) -> String {
        let file = terminal_safe_path(&self.file);
        match (self.line, self.column) {
            (0, _) => file,
            (line, 0) => format!("{file}:{line}"),
            (line, column) => format!("{file}:{line}:{column}"),
        }
    }
}

impl Diagnostic {
    /// `file:line:column: message (help)` in `language`, safe for a terminal.
    pub fn line_in(&self, language: Language) -> String {
        let mut line = format!(
            "{}: {}",
            self.position(),
            terminal_safe(self.message.get(language))
        );
        if let Some(help) = &self.help {
            let _ = write!(line, " ({})", terminal_safe(help.get(language)));
        }
        line
    }
}

/// The English line ([`Diagnostic::line_in`]), for logs and tests.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line_in(Language::En))
    }
}

/// `text` as it may be printed to a terminal or a log: control characters
/// (C0 with tab, CR and LF; DEL; C1) and the invisible characters that
/// reorder or break lines (bidirectional controls, U+2028, U+2029) are
/// written as escapes (`\e`, `\r`, `\n`, `\t`, `\0`, `\u{9b}`). File names,
/// keys and values from a site reach kette's messages; raw, an escape
/// sequence in one could recolour or clear the terminal, and a CR or LF
/// could forge a line of output or of a log. Borrowed when nothing needs
/// escaping (almost always).
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_terminal_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\x1b' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_terminal_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path as [`terminal_safe`] text (bytes that are not UTF-8 shown as
/// U+FFFD, as `Path::display` does).
pub fn terminal_safe_path(path: &Path) -> String {
    terminal_safe(&path.to_string_lossy()).into_owned()
}

/// Control characters (Unicode category Cc: C0, DEL, C1) and the format
/// characters that change the order or the lines of what is shown.
fn needs_terminal_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// A 1-based line and column in a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Location {
    /// A location from a line and column.
    pub(crate) fn new(line: usize, column: usize) -> Self {
        Location { line, column }
    }

    /// The location of a byte offset in `text`.
    pub(crate) fn of_offset(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }

    /// This location moved down by `lines` lines (for text embedded in a file).
    pub(crate) fn shifted(self, lines: usize) -> Self {
        Location {
            line: self.line + lines,
            column: self.column,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Every problem of a run, collected so that they can be reported together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records all problems of another collection.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The problems, sorted by file and position, without repeats.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    /// The problems in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// Problems as a person reads them in a terminal: grouped by file (a blank
/// line between files), each line still `file:line:column: message` so
/// editors can jump to it, and a closing count, all in `language`. `color`
/// adds ANSI colours.
pub fn format_report(
    problems: &[Diagnostic],
    consequence: &Text,
    color: bool,
    language: Language,
) -> String {
    let (bold, red, dim, reset) = if color {
        ("\x1b[1m", "\x1b[31m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut out = String::new();
    let mut last_file: Option<&Path> = None;
    for p in problems {
        if last_file.is_some_and(|f| f != p.file) {
            out.push('\n');
        }
        last_file = Some(&p.file);
        out.push_str(&format!(
            "{bold}{}{reset}: {}",
            p.position(),
            terminal_safe(p.message.get(language))
        ));
        if let Some(help) = &p.help {
            out.push_str(&format!(
                " {dim}({}){reset}",
                terminal_safe(help.get(language))
            ));
        }
        out.push('\n');
    }
    let error = messages::error_label().get(language).to_string();
    out.push_str(&format!(
        "{red}{bold}{error}{reset}: {}; {}\n",
        messages::count(language, problems.len(), Noun::Problem),
        consequence.get(language)
    ));
    out
}

/// The closest of `candidates` to `name`, if one is close enough to be a
/// likely typo.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let original = name;
    let name = name.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != original)
        .map(|c| {
            let c_lower = c.to_lowercase();
            // Both measures must agree: Jaro-Winkler alone rates long
            // common prefixes (dates in file names) too highly.
            let score = strsim::jaro_winkler(&name, &c_lower)
                .min(strsim::normalized_damerau_levenshtein(&name, &c_lower) + 0.15);
            (score, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// `path` relative to `root` when it lies below it, for shorter messages.
pub(crate) fn relative_to(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "a: 1\nüber: x\n";
        assert_eq!(Location::of_offset(text, 0), Location::new(1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(Location::of_offset(text, x), Location::new(2, 7));
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert!(matches!(
            terminal_safe("content/news/über.md"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            terminal_safe("a\x1b[2Jb\rc\nd\te\0f\x07g\x7fh\u{9b}i\u{202e}j\u{2028}k\\l"),
            "a\\e[2Jb\\rc\\nd\\te\\0f\\u{7}g\\u{7f}h\\u{9b}i\\u{202e}j\\u{2028}k\\l"
        );
        let problem = Diagnostic::at(
            "content/news/a\x1b[31m\nb.md",
            Location::new(2, 1),
            "unknown key `\x1b]0;title\x07`",
        )
        .with_help("did you mean `x\ry`?");
        let line = problem.to_string();
        assert_eq!(
            line,
            "content/news/a\\e[31m\\nb.md:2:1: unknown key `\\e]0;title\\u{7}` (did you mean `x\\ry`?)"
        );
        let report = format_report(
            &[problem],
            &Text::new("nichts", "nothing"),
            false,
            Language::De,
        );
        assert!(!report.chars().any(|c| c.is_control() && c != '\n'));
        assert_eq!(report.lines().count(), 2, "{report}");
    }

    #[test]
    fn suggestions_pick_the_nearest_name() {
        let names = ["title", "date", "summary"];
        assert_eq!(did_you_mean("titel", names), Some("title"));
        assert_eq!(did_you_mean("zzz", names), None);
    }
}
