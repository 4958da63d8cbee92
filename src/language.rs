//! The languages kette knows, a leaf: the configuration reads them, and
//! slugs, Markdown, dates, search and the theme's strings follow them.
//! kette's own messages to editors come in German or English only; every
//! other language reads them in English ([`Language::is_german`]).

use serde::Deserialize;

/// A language of a site: month and day names, UI strings, slug and
/// stemming rules, writing direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Default)]
pub enum Language {
    /// German (the default).
    #[default]
    #[serde(rename = "de")]
    De,
    /// Leichte Sprache: German in short sentences and common words, for
    /// readers who find standard German hard.
    #[serde(rename = "ls")]
    Ls,
    /// English.
    #[serde(rename = "en")]
    En,
    /// Turkish.
    #[serde(rename = "tr")]
    Tr,
    /// Arabic, written right to left.
    #[serde(rename = "ar")]
    Ar,
    /// Ukrainian.
    #[serde(rename = "uk")]
    Uk,
}

/// Which way a language's lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic).
    Rtl,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn attribute(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

impl Language {
    /// Every language, in the order of this list.
    pub const ALL: [Language; 6] = [
        Language::De,
        Language::Ls,
        Language::En,
        Language::Tr,
        Language::Ar,
        Language::Uk,
    ];

    /// The default BCP 47 tag, as used in `<html lang>` and `hreflang`
    /// (a site may choose another one for a language it adds). Leichte
    /// Sprache is German to a screen reader; its private-use subtag keeps
    /// it apart from standard German in `hreflang`.
    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::Ls => "de-x-ls",
            Language::En => "en",
            Language::Tr => "tr",
            Language::Ar => "ar",
            Language::Uk => "uk",
        }
    }

    /// The key that names the language in `site.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::Ls => "ls",
            Language::En => "en",
            Language::Tr => "tr",
            Language::Ar => "ar",
            Language::Uk => "uk",
        }
    }

    /// The language's name in itself, for a language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::De => "Deutsch",
            Language::Ls => "Leichte Sprache",
            Language::En => "English",
            Language::Tr => "Türkçe",
            Language::Ar => "العربية",
            Language::Uk => "Українська",
        }
    }

    /// The Open Graph locale (`og:locale`, language and region with an
    /// underscore) of pages in the language; Leichte Sprache is German.
    pub fn open_graph_locale(self) -> &'static str {
        match self {
            Language::De | Language::Ls => "de_DE",
            Language::En => "en_GB",
            Language::Tr => "tr_TR",
            Language::Ar => "ar_AR",
            Language::Uk => "uk_UA",
        }
    }

    /// The direction of its script.
    pub fn direction(self) -> Direction {
        match self {
            Language::Ar => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }

    /// True for German and Leichte Sprache: German spelling rules apply,
    /// and kette speaks German to the editors of such a site.
    pub fn is_german(self) -> bool {
        matches!(self, Language::De | Language::Ls)
    }
}
