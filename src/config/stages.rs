//! The stages' names in each language of a site: a stage of `site.yaml`
//! may give `translations: {en: "…", ar: "…"}`; the default stages carry
//! kette's own names in every language. A stage's id (its URL segment and
//! the key records name it by) is one value for all languages.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use super::{default_stages, SiteLanguage, Stage, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::language::Language;
use crate::messages;
use crate::yaml;

/// The names of a stage in further languages, by language.
pub(super) type StageNames = BTreeMap<Language, String>;

/// Reads a stage's `translations:`, each name checked like every text of
/// `site.yaml` (no control characters, at the name's place).
pub(super) fn names<'de, D: serde::Deserializer<'de>>(d: D) -> Result<StageNames, D::Error> {
    #[derive(Deserialize)]
    #[serde(transparent)]
    struct Name(#[serde(deserialize_with = "crate::checked::text")] String);
    let names = BTreeMap::<Language, Name>::deserialize(d)?;
    Ok(names.into_iter().map(|(l, n)| (l, n.0)).collect())
}

/// The default stages named in `default`, each with kette's names in every
/// other language as its translations.
pub(super) fn default_stages_everywhere(default: Language) -> Vec<Stage> {
    let mut stages = default_stages(default);
    for language in Language::ALL {
        if language == default {
            continue;
        }
        for (stage, other) in stages.iter_mut().zip(default_stages(language)) {
            stage.translations.insert(language, other.name);
        }
    }
    stages
}

/// `stages` as a language's pages name them: each stage's translation into
/// `language` where it has one, else its name as written.
pub(super) fn stages_in(stages: &[Stage], language: Language) -> Vec<Stage> {
    stages
        .iter()
        .map(|stage| Stage {
            name: stage
                .translations
                .get(&language)
                .map_or_else(|| stage.name.clone(), Clone::clone),
            ..stage.clone()
        })
        .collect()
}

/// Stage names translated into a language that `languages:` does not list
/// (or into the default language, whose name is `name`), at the
/// translation's key in `text`.
pub(super) fn check_stage_languages(
    text: &str,
    stages: &[Stage],
    languages: &[SiteLanguage],
    problems: &mut Diagnostics,
) {
    let further = languages.get(1..).unwrap_or_default();
    let listed: Vec<&str> = further.iter().map(|l| l.language.key()).collect();
    let section = yaml::locate_key_offset(text, "stages").unwrap_or(0);
    for stage in stages {
        let stage_at =
            yaml::find_token(&text[section..], &stage.id).map_or(section, |i| section + i);
        for language in stage.translations.keys() {
            if further.iter().any(|l| l.language == *language) {
                continue;
            }
            let at = yaml::locate_value(text, "translations", language.key(), stage_at);
            let (message, help) =
                messages::language_not_configured(language.key(), &listed.join(", "));
            problems.push(Diagnostic::at(PathBuf::from(CONFIG_FILE), at, message).with_help(help));
        }
    }
}
