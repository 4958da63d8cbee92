//! The languages of a site (`languages:` and `fallback:` in `site.yaml`,
//! docs/configuration.md): the default language at the site's root, every
//! other one under its own URL prefix, each with its tag for `lang` and
//! `hreflang` and its own title and description.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use super::{BaseUrl, Paths, CONFIG_FILE};
use crate::checked;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::language::Language;
use crate::messages;
use crate::yaml;

/// One entry of `languages:` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LanguageEntry {
    #[serde(default, deserialize_with = "checked::optional_text")]
    prefix: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    tag: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "checked::optional_text")]
    description: Option<String>,
}

/// `languages:` as written: keyed by language (an unknown key is an error
/// of the YAML reader, at its line).
pub(super) type LanguageEntries = BTreeMap<Language, Option<LanguageEntry>>;

/// What a language without a translation of an item shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    /// The original, in the default language, marked with its `lang` and a
    /// note.
    #[default]
    Show,
    /// Nothing: the item is left out of that language.
    Hide,
}

/// One language of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLanguage {
    /// Which language.
    pub language: Language,
    /// The URL segment its pages live under; empty for the default language.
    pub prefix: String,
    /// Its BCP 47 tag, for `lang` and `hreflang`.
    pub tag: String,
    /// The site's title in it, if not the default language's.
    pub title: Option<String>,
    /// The site's description in it, if not the default language's.
    pub description: Option<String>,
}

impl SiteLanguage {
    /// The site-relative path of its home page: `en/`, or `` for the default.
    pub fn home(&self) -> String {
        if self.prefix.is_empty() {
            String::new()
        } else {
            [self.prefix.as_str(), "/"].concat()
        }
    }
}

/// The site's languages, default first, checked: the default is not listed
/// again, each prefix is one URL segment, no two share one, none is a
/// section's path.
pub(super) fn site_languages(
    text: &str,
    default: Language,
    entries: &LanguageEntries,
    paths: &Paths,
    problems: &mut Diagnostics,
) -> Vec<SiteLanguage> {
    let file = PathBuf::from(CONFIG_FILE);
    let section = yaml::locate_key_offset(text, "languages").unwrap_or(0);
    let at_key = |key: &str| yaml::locate_value(text, "languages", key, 0);
    let mut languages = vec![SiteLanguage {
        language: default,
        prefix: String::new(),
        tag: default.code().to_string(),
        title: None,
        description: None,
    }];
    for (&language, entry) in entries {
        let entry = entry.clone().unwrap_or_default();
        let key = language.key();
        if language == default {
            problems.push(Diagnostic::at(
                &file,
                at_key(key),
                messages::language_is_default(key),
            ));
            continue;
        }
        let prefix = entry.prefix.unwrap_or_else(|| key.to_string());
        // The language's own entry, where its `prefix:` is.
        let entry_at = section + yaml::find_token(&text[section..], key).unwrap_or(0);
        let at_prefix = || yaml::locate_value(text, "prefix", &prefix, entry_at);
        let valid = !prefix.is_empty()
            && prefix
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            problems.push(Diagnostic::at(
                &file,
                at_prefix(),
                messages::prefix_characters(&prefix),
            ));
        } else if let Some((name, _)) = paths.entries().into_iter().find(|(_, p)| *p == prefix) {
            problems.push(Diagnostic::at(
                &file,
                at_prefix(),
                messages::prefix_is_section(&prefix, name),
            ));
        } else if languages.iter().any(|l| l.prefix == prefix) {
            problems.push(Diagnostic::at(
                &file,
                at_prefix(),
                messages::prefix_twice(&prefix),
            ));
        }
        let tag = entry.tag.unwrap_or_else(|| language.code().to_string());
        let tag_valid = !tag.is_empty()
            && tag.split('-').all(|part| {
                !part.is_empty()
                    && part.len() <= 8
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !tag_valid {
            problems.push(Diagnostic::at(
                &file,
                yaml::locate_value(text, "tag", &tag, entry_at),
                messages::tag_characters(&tag),
            ));
        }
        languages.push(SiteLanguage {
            language,
            prefix,
            tag,
            title: entry.title,
            description: entry.description,
        });
    }
    languages
}

/// The base URL of the language with `prefix` (`https://e.org/x/en/`).
pub(super) fn prefixed(root: &BaseUrl, prefix: &str) -> BaseUrl {
    if prefix.is_empty() {
        return root.clone();
    }
    BaseUrl {
        absolute: [root.absolute.as_str(), prefix, "/"].concat(),
        path: [root.path.as_str(), prefix, "/"].concat(),
    }
}
