//! The site's language, a leaf: the configuration reads it, and slugs,
//! Markdown, dates and the theme's strings follow it.

use serde::Deserialize;

/// The site's language: month and day names, UI strings, slug rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// German (the default).
    #[default]
    De,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 code, as used in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }
}
