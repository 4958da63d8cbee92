//! Identifying municipalities: each record's slug (given, or from the file
//! name or the name) and URL, which must fit the file system; sorted by
//! name, so that their indices are the display order.

use super::{chosen_slug, fits, Identified};
use crate::config::Language;
use crate::content::RecordFile;
use crate::diagnostics::Diagnostics;
use crate::model::urls::UrlScheme;
use crate::slug::slugify_for;
use crate::yaml;

/// The municipalities of `records` with their identity, by name.
pub(super) fn identify(
    records: Vec<RecordFile>,
    scheme: &UrlScheme,
    language: Language,
    problems: &mut Diagnostics,
) -> Vec<Identified<RecordFile>> {
    // Municipalities first, sorted by name, so their indices are display order.
    let mut municipalities: Vec<Identified<RecordFile>> = records
        .into_iter()
        .filter_map(|r| {
            let slug = chosen_slug(
                language,
                r.record.slug.as_deref(),
                &r.stem,
                &r.record.name,
                &r.file,
                |v| yaml::locate_value(&r.text, "slug", v, 0),
                problems,
            )?;
            let url = scheme.municipality(&slug);
            let at = || {
                let (key, value) = match &r.record.slug {
                    Some(given) => ("slug", given),
                    None => ("name", &r.record.name),
                };
                yaml::locate_value(&r.text, key, value, 0)
            };
            if !fits::page(&url, &r.file, at, problems) {
                return None;
            }
            Some(Identified {
                source: r,
                slug,
                url,
                aliases: Vec::new(),
            })
        })
        .collect();
    municipalities
        .sort_by_cached_key(|m| (slugify_for(&m.source.record.name, language), m.slug.clone()));

    municipalities
}
