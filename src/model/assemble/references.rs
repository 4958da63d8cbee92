//! References to municipalities by slug (`parent:`, `municipalities:`),
//! resolved to their index, with a message naming the known ones when a
//! slug is unknown.

use std::collections::HashMap;
use std::path::Path;

use super::super::identify::{front_location, Identified, LinkTarget};
use super::super::items::MunicipalityId;
use super::super::text::{shorten, WithHelpIfNone};
use crate::config::Language;
use crate::content::RecordFile;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::messages;

/// The municipalities' slugs, known before any municipality is built.
pub(in crate::model) struct Known {
    slugs: HashMap<String, MunicipalityId>,
    /// Slugs of municipality files that could not be read: references to
    /// them are not reported again.
    unparsed_stems: Vec<String>,
    /// Every slug, sorted, for messages.
    all_slugs: Vec<String>,
}

impl Known {
    /// The slugs of `municipalities` (in display order, which is their
    /// index) and of the unreadable files among `links`.
    pub(super) fn new(
        municipalities: &[Identified<RecordFile>],
        links: &HashMap<String, LinkTarget>,
        language: Language,
    ) -> Known {
        let slugs: HashMap<String, MunicipalityId> = municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| (m.slug.clone(), i))
            .collect();
        let unparsed_stems = links
            .iter()
            .filter(|(path, target)| {
                matches!(target, LinkTarget::Unparsed) && path.starts_with("municipalities/")
            })
            .map(|(path, _)| {
                crate::slug::slugify_for(
                    path.trim_start_matches("municipalities/")
                        .rsplit_once('.')
                        .map_or(path.as_str(), |(s, _)| s),
                    language,
                )
            })
            .collect();
        let mut all_slugs: Vec<String> = slugs.keys().cloned().collect();
        all_slugs.sort_unstable();
        Known {
            slugs,
            unparsed_stems,
            all_slugs,
        }
    }

    /// The municipality `slug` names, or a problem at `at` in `file`. The
    /// location is found only for an error: finding it means scanning the
    /// YAML text, too slow to do for every reference of every article.
    pub(super) fn lookup(
        &self,
        slug: &str,
        file: &Path,
        at: &dyn Fn() -> Location,
        problems: &mut Diagnostics,
    ) -> Option<MunicipalityId> {
        if let Some(&id) = self.slugs.get(slug) {
            return Some(id);
        }
        if !self.unparsed_stems.iter().any(|s| s == slug) {
            let all: Vec<&str> = self.all_slugs.iter().map(String::as_str).collect();
            problems.push({
                let (message, help) = messages::unknown_municipality(slug, &shorten(&all));
                Diagnostic::at(file, at(), message)
                    .with_suggestion(did_you_mean(slug, all.iter().copied()))
                    .with_help_if_none(help)
            });
        }
        None
    }

    /// The municipalities of a front matter's `municipalities:` list, each
    /// once, in the order written.
    pub(super) fn references(
        &self,
        names: &[String],
        file: &Path,
        front_text: &str,
        problems: &mut Diagnostics,
    ) -> Vec<MunicipalityId> {
        let mut ids = Vec::new();
        for name in names {
            let at = || front_location(front_text, "municipalities", name);
            if let Some(id) = self.lookup(name, file, &at, problems) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }
}
