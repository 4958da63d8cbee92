//! Topics' names in further languages (`topic_names:` in `site.yaml`):
//! keyed by a topic's name as content writes it, a name per further
//! language. A topic's slug and URL stay one value for every language: the
//! names are matched by the slug of the key, as content's spellings are.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Deserialize;

use super::{SiteLanguage, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::language::Language;
use crate::messages;
use crate::slug::slugify_for;
use crate::yaml;

/// `topic_names:` as written.
pub(super) type TopicEntries = BTreeMap<String, BTreeMap<Language, String>>;

/// Reads `topic_names:`, each text checked like every text of `site.yaml`.
pub(super) fn entries<'de, D: serde::Deserializer<'de>>(d: D) -> Result<TopicEntries, D::Error> {
    #[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord)]
    #[serde(transparent)]
    struct Text(#[serde(deserialize_with = "crate::checked::text")] String);
    let entries = BTreeMap::<Text, BTreeMap<Language, Text>>::deserialize(d)?;
    Ok(entries
        .into_iter()
        .map(|(topic, names)| (topic.0, names.into_iter().map(|(l, n)| (l, n.0)).collect()))
        .collect())
}

/// Topic names by the topic's slug (made as the default language makes
/// topic slugs), then by language.
pub(super) type TopicNames = HashMap<String, BTreeMap<Language, String>>;

/// The names of `entries` by slug; a language that `languages:` does not
/// list is a problem at its key.
pub(super) fn topic_names(
    text: &str,
    entries: TopicEntries,
    default: Language,
    languages: &[SiteLanguage],
    problems: &mut Diagnostics,
) -> TopicNames {
    let further = languages.get(1..).unwrap_or_default();
    let listed: Vec<&str> = further.iter().map(|l| l.language.key()).collect();
    let section = yaml::locate_key_offset(text, "topic_names").unwrap_or(0);
    let mut names = TopicNames::new();
    for (topic, by_language) in entries {
        for language in by_language.keys() {
            if !further.iter().any(|l| l.language == *language) {
                let at = yaml::locate_value(text, &topic, language.key(), section);
                let (message, help) =
                    messages::language_not_configured(language.key(), &listed.join(", "));
                problems
                    .push(Diagnostic::at(PathBuf::from(CONFIG_FILE), at, message).with_help(help));
            }
        }
        names
            .entry(slugify_for(&topic, default))
            .or_default()
            .extend(by_language);
    }
    names
}
