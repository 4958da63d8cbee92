//! Every message kette prints about a site, in German and in English: the
//! one catalogue. A message is a [`Text`] carrying both languages; the
//! language is picked only when a report is formatted
//! (`diagnostics::format_report`), so problems found before
//! `site.yaml` is read still work, and runs in different languages share no
//! global state.
//!
//! Each message is one function of a submodule (grouped by what it is
//! about) that returns a [`Text`]. A message made elsewhere with a plain
//! `String` becomes [`Text::untranslated`]: still shown, but marked, so a
//! test can find the ones left to convert.

mod cli;
mod content;
mod files;
mod import;
mod languages;
mod model;
mod output;
mod render;
mod samples;
mod serve;
mod site;
mod syntax;
mod usage;

pub use cli::*;
pub use content::*;
pub use files::*;
pub use import::*;
pub use languages::*;
pub use model::*;
pub use output::*;
pub use render::*;
pub use samples::*;
pub use serve::*;
pub use site::*;
pub use syntax::*;
pub use usage::*;

use std::fmt;
use std::path::Path;

pub use crate::language::Language;

/// A message in both languages (boxed: diagnostics travel in `Result`s).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Box<Parts>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Parts {
    de: String,
    en: String,
    translated: bool,
}

/// `t!("deutsch {x}", "english {x}")`: a [`Text`] from two format strings
/// (arguments are captured from the surrounding scope).
macro_rules! t {
    ($de:literal, $en:literal) => {
        $crate::messages::Text::new(format!($de), format!($en))
    };
}
pub(crate) use t;

/// Markers around a [`Text`] sent through serde's string-only errors
/// (custom errors of deserializers) so `yaml.rs` can take it out again.
const START: char = '\u{F8F0}';
const MIDDLE: char = '\u{F8F1}';
const END: char = '\u{F8F2}';

impl Text {
    /// A message given in both languages.
    pub fn new(de: impl Into<String>, en: impl Into<String>) -> Self {
        Text(Box::new(Parts {
            de: de.into(),
            en: en.into(),
            translated: true,
        }))
    }

    /// A message that exists only in English (made outside the
    /// catalogue); shown as it is in both languages.
    pub fn untranslated(en: impl Into<String>) -> Self {
        let en = en.into();
        Text(Box::new(Parts {
            de: en.clone(),
            en,
            translated: false,
        }))
    }

    /// The message in `language`.
    pub fn get(&self, language: Language) -> &str {
        if language.is_german() {
            &self.0.de
        } else {
            &self.0.en
        }
    }

    /// The German text.
    pub fn de(&self) -> &str {
        &self.0.de
    }

    /// The English text.
    pub fn en(&self) -> &str {
        &self.0.en
    }

    /// False for messages made outside the catalogue ([`Text::untranslated`]).
    pub fn is_translated(&self) -> bool {
        self.0.translated
    }

    /// True when either language contains `needle` (for tests and filters).
    pub fn contains(&self, needle: &str) -> bool {
        self.0.de.contains(needle) || self.0.en.contains(needle)
    }

    /// This text, a separator and `other`, in each language.
    pub fn then(mut self, separator: &str, other: &Text) -> Text {
        self.0.de.push_str(separator);
        self.0.de.push_str(&other.0.de);
        self.0.en.push_str(separator);
        self.0.en.push_str(&other.0.en);
        self.0.translated &= other.0.translated;
        self
    }

    /// `prefix` (the same in both languages, e.g. a key path) in front.
    pub fn prefixed(mut self, prefix: &str) -> Text {
        self.0.de.insert_str(0, prefix);
        self.0.en.insert_str(0, prefix);
        self
    }

    /// The text packed into one string for a serde custom error; see
    /// [`Text::unpack`].
    pub fn pack(&self) -> String {
        format!("{START}{}{MIDDLE}{}{END}", self.0.de, self.0.en)
    }

    /// A packed text inside `message` (a serde error), with what came
    /// before and after it; `None` when there is none.
    pub fn unpack(message: &str) -> Option<(&str, Text, &str)> {
        let start = message.find(START)?;
        let middle = start + message[start..].find(MIDDLE)?;
        let end = middle + message[middle..].find(END)?;
        let text = Text::new(
            &message[start + START.len_utf8()..middle],
            &message[middle + MIDDLE.len_utf8()..end],
        );
        Some((&message[..start], text, &message[end + END.len_utf8()..]))
    }
}

impl From<String> for Text {
    fn from(en: String) -> Self {
        Text::untranslated(en)
    }
}

impl From<&str> for Text {
    fn from(en: &str) -> Self {
        Text::untranslated(en)
    }
}

/// English, for logs and for tests that compare whole lines.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.en)
    }
}

/// The English text, so that code comparing messages as `str` (tests,
/// logs) keeps working; what reaches editors goes through [`Text::get`].
impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0.en
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0.en == *other || self.0.de == *other
    }
}

/// `n` with the noun in the right number: "1 Artikel", "2 articles".
pub fn count(language: Language, n: usize, noun: Noun) -> String {
    let (one, many) = noun.forms(language);
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Things kette counts in its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Noun {
    Article,
    Municipality,
    Event,
    Page,
    HtmlPage,
    File,
    Problem,
    Item,
    Link,
    Offer,
}

impl Noun {
    /// Singular and plural in `language`.
    pub fn forms(self, language: Language) -> (&'static str, &'static str) {
        use Noun::*;
        match (language.is_german(), self) {
            (true, Article) => ("Artikel", "Artikel"),
            (true, Municipality) => ("Kommune", "Kommunen"),
            (true, Event) => ("Termin", "Termine"),
            (true, Page) => ("Seite", "Seiten"),
            (true, HtmlPage) => ("HTML-Seite", "HTML-Seiten"),
            (true, File) => ("Datei", "Dateien"),
            (true, Problem) => ("Problem", "Probleme"),
            (true, Item) => ("Eintrag", "Einträge"),
            (true, Link) => ("interner Link", "interne Links"),
            (true, Offer) => ("Angebot", "Angebote"),
            (false, Article) => ("article", "articles"),
            (false, Municipality) => ("municipality", "municipalities"),
            (false, Event) => ("event", "events"),
            (false, Page) => ("page", "pages"),
            (false, HtmlPage) => ("HTML page", "HTML pages"),
            (false, File) => ("file", "files"),
            (false, Problem) => ("problem", "problems"),
            (false, Item) => ("item", "items"),
            (false, Link) => ("internal link", "internal links"),
            (false, Offer) => ("offer", "offers"),
        }
    }
}

/// The language of kette's messages for the site in `root`: `--lang`
/// (`cli`), else `KETTE_LANG`, else `language:` in the site's `site.yaml`
/// (read leniently, so a broken file still gives its language), else German.
pub fn choose_language(cli: Option<Language>, root: &Path) -> Language {
    if let Some(language) = cli {
        return language;
    }
    if let Some(language) = std::env::var("KETTE_LANG")
        .ok()
        .as_deref()
        .and_then(parse_language)
    {
        return language;
    }
    // config's `CONFIG_FILE`, written out because config comes after this
    // module (src/lib.rs).
    std::fs::read_to_string(root.join("site.yaml"))
        .ok()
        .and_then(|text| site_language(&text))
        .unwrap_or_default()
}

/// `de`, `en`, `tr`, … (also `de_DE.UTF-8`, `en-GB`): the language, or `None`.
/// Messages are German for German and Leichte Sprache, English otherwise.
pub fn parse_language(text: &str) -> Option<Language> {
    let lower = text.trim().to_ascii_lowercase();
    match lower.get(..2)? {
        "de" => Some(Language::De),
        "ls" => Some(Language::Ls),
        "en" => Some(Language::En),
        "tr" => Some(Language::Tr),
        "ar" => Some(Language::Ar),
        "uk" => Some(Language::Uk),
        _ => None,
    }
}

/// The `language:` line of a `site.yaml` text, found without parsing it.
fn site_language(text: &str) -> Option<Language> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        parse_language(value.trim().trim_matches(['"', '\'']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(Language::De, 1, Noun::Offer), "1 Angebot");
        assert_eq!(count(Language::De, 2, Noun::Offer), "2 Angebote");
        assert_eq!(count(Language::En, 1, Noun::Article), "1 article");
        assert_eq!(count(Language::En, 0, Noun::Event), "0 events");
    }

    #[test]
    fn a_text_survives_a_serde_error() {
        let text = Text::new("auf Deutsch", "in English");
        let error = format!("offers[0].url: {} at line 3 column 4", text.pack());
        let (before, back, after) = Text::unpack(&error).unwrap();
        assert_eq!((before, after), ("offers[0].url: ", " at line 3 column 4"));
        assert_eq!(back, text);
    }

    #[test]
    fn the_language_is_found_in_a_broken_site_yaml() {
        assert_eq!(
            site_language("title: \"a\nlanguage: en\n"),
            Some(Language::En)
        );
        assert_eq!(parse_language("de_DE.UTF-8"), Some(Language::De));
        assert_eq!(parse_language("fr"), None);
    }
}
