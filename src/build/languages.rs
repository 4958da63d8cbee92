//! Building a multilingual site: the model of each further language from
//! its view of the content, then every language rendered below its prefix
//! (the default at the root), with the photos, static files and the
//! sitemap shared (docs/configuration.md, "Languages").

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::images;
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::render::languages::{LanguageLinks, LanguagePages};
use crate::render::memo::PageMemos;
use crate::render::{self, RenderOptions, RenderReport, Theme};
use crate::timing::timed;
use crate::translations::LanguageView;

/// The model of one further language, with what its view said.
pub(super) struct LanguageSite {
    site: Site,
    untranslated: HashSet<PathBuf>,
    originals: HashMap<PathBuf, PathBuf>,
}

impl LanguageSite {
    /// The URL prefix of its pages (`en/`).
    pub(super) fn prefix(&self) -> String {
        self.site.config.site_language().home()
    }
}

/// The models of `views` (the further languages), their problems added
/// to `problems` unless the default language's model reported them
/// already (a problem of an original shown untranslated is one problem).
pub(super) fn language_sites(
    config: &Config,
    views: Vec<LanguageView>,
    drafts: bool,
    problems: &mut Diagnostics,
) -> Vec<LanguageSite> {
    let mut seen: BTreeSet<Diagnostic> = problems.iter().cloned().collect();
    let mut sites = Vec::with_capacity(views.len());
    for view in views {
        let config = config.for_language(&view.language);
        let (mut site, found) = Site::build_with(config, view.content, drafts, None);
        for a in &mut site.articles {
            a.untranslated = view.untranslated.contains(&a.file);
        }
        for e in &mut site.events {
            e.untranslated = view.untranslated.contains(&e.file);
        }
        for d in found {
            if seen.insert(d.clone()) {
                problems.push(d);
            }
        }
        sites.push(LanguageSite {
            site,
            untranslated: view.untranslated,
            originals: view.originals,
        });
    }
    sites
}

/// A sink that puts every file below a language's prefix.
struct Prefixed<'a> {
    sink: &'a dyn Sink,
    prefix: String,
}

impl Sink for Prefixed<'_> {
    fn put(&self, mut file: OutputFile) -> Result<(), Diagnostic> {
        file.path.insert_str(0, &self.prefix);
        self.sink.put(file)
    }
}

/// Renders the default language's `site` and every further language's,
/// each below its prefix, with the photos of all of them, and the sitemap
/// of all; returns what was made in all.
pub(super) fn render_all(
    site: &Site,
    others: &[LanguageSite],
    theme: &Theme,
    today: NaiveDate,
    image_mode: images::Mode,
    sink: &dyn Sink,
    memo: Option<&PageMemos>,
) -> Result<RenderReport, Diagnostics> {
    let none = (HashSet::new(), HashMap::new());
    let all: Vec<(&Site, &HashSet<PathBuf>, &HashMap<PathBuf, PathBuf>)> =
        std::iter::once((site, &none.0, &none.1))
            .chain(
                others
                    .iter()
                    .map(|o| (&o.site, &o.untranslated, &o.originals)),
            )
            .collect();
    let links = timed("languages", || LanguageLinks {
        languages: all
            .iter()
            .map(|(s, untranslated, originals)| {
                LanguagePages::new(s, theme, today, originals, untranslated)
            })
            .collect(),
    });
    // The photos of every language, each made once.
    let mut pictures = site.images.clone();
    for o in others {
        pictures
            .pictures
            .extend(o.site.images.pictures.iter().cloned());
    }
    let published = timed("images", || images::publish(&pictures, image_mode, sink))?;
    let mut report = RenderReport {
        html_pages: 0,
        files: published.files,
    };
    for (index, (s, _, _)) in all.iter().enumerate() {
        let prefix = s.config.site_language().home();
        // Each language's pages are kept in its own memo, by their paths
        // below its prefix.
        let memo = memo.and_then(|m| {
            if index == 0 {
                Some(m.default_language())
            } else {
                m.language(&prefix)
            }
        });
        let prefixed = Prefixed { sink, prefix };
        let options = RenderOptions {
            today,
            languages: Some((&links, index)),
        };
        let made = timed("render", || {
            render::render_site(s, theme, options, &prefixed, memo)
        })?;
        report.html_pages += made.html_pages;
        report.files += made.files;
    }
    let mut problems = Diagnostics::new();
    for file in crate::render::languages::sitemap_files(&links, &site.config.root_url) {
        report.files += 1;
        if let Err(d) = sink.put(file) {
            problems.push(d);
        }
    }
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(problems)
    }
}
