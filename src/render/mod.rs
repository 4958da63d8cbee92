//! Rendering: the site model through the theme's Tera templates into output
//! files, every page in parallel. Template errors become diagnostics that
//! name the template file.

pub(crate) mod archive;
pub(crate) mod chain;
pub(crate) mod data;
pub(crate) mod errors;
pub(crate) mod feeds;
pub(crate) mod fragments;
mod global;
#[doc(hidden)]
pub mod i18n;
pub(crate) mod ical;
pub(crate) mod job;
mod json_ld;
pub(crate) mod languages;
pub(crate) mod memo;
pub(crate) mod network;
pub(crate) mod pages;
mod renderer;
pub mod search_index;
pub(crate) mod sitemap;
pub(crate) mod theme;
pub(crate) mod values;

use chrono::NaiveDate;
use rayon::prelude::*;
use tera::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::urls::output_file;
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::timing::{timed, TemplateTimes};
use global::{global_data, GLOBAL_KEYS};
use job::PageJob;
use renderer::{nav_sections, render_pages, PageRenderer};
pub(crate) use theme::Theme;
use values::Values;

/// A function that lists the pages of one kind.
pub(crate) type PageKind = for<'a> fn(&'a Site, &'a Values<'a>) -> Vec<PageJob<'a>>;

/// Every page kind, in a fixed order. Adding a page kind means adding one
/// function that lists its pages, listing it here, and one template.
pub(crate) fn all_kinds() -> &'static [PageKind] {
    &[
        pages::home,
        pages::news_lists,
        pages::articles,
        pages::events_list,
        pages::events,
        network::municipality_list,
        network::municipalities,
        network::topic_list,
        network::topics,
        archive::archive_pages,
        archive::calendar_pages,
        chain::chain_page,
        chain::offer_pages,
        search_index::search_page,
        pages::standalone_pages,
        pages::aliases,
    ]
}

/// Settings of one rendering run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RenderOptions<'a> {
    /// The build date: events on or after it are "upcoming".
    pub today: NaiveDate,
    /// For one language of a multilingual site: the links between the
    /// languages and this one's place among them. Only the default
    /// language (the first) writes the static files; the build writes the
    /// sitemap of all languages.
    pub languages: Option<(&'a languages::LanguageLinks, usize)>,
}

/// The site-relative URL of every page of `site` (for the links between
/// languages).
pub(crate) fn page_urls(site: &Site, theme: &Theme, today: NaiveDate) -> Vec<String> {
    let values = Values::new(site, today);
    let statics: std::collections::HashMap<&str, &theme::StaticFile> =
        theme.statics.iter().map(|s| (s.path(), s)).collect();
    let (jobs, _) = list_pages(site, &values, &statics);
    jobs.into_iter().map(|j| j.url).collect()
}

/// Renders every page and lists every static file and asset to copy.
/// With a memo, pages whose inputs are what they were at the memo's last
/// build are not rendered again but listed in it as kept (for `serve`).
pub(crate) fn render_site(
    site: &Site,
    theme: &Theme,
    options: RenderOptions<'_>,
    sink: &dyn Sink,
    memo: Option<&memo::RenderMemo>,
) -> Result<RenderReport, Diagnostics> {
    let values = timed("values", || Values::new(site, options.today));
    let global = timed("globals", || {
        Value::from_serializable(&global_data(site, &values))
    });
    let site_key = timed("site key", || {
        memo.map(|_| {
            let key = memo::site_key(site, &global, options.today);
            match options.languages {
                Some((links, index)) => memo::combined(key, (links.fingerprint(), index)),
                None => key,
            }
        })
    });
    let global = tera::Context::from_serialize(&global).unwrap_or_default();
    let global_keys: Vec<String> = GLOBAL_KEYS.iter().map(|k| k.to_string()).collect();
    debug_assert!(GLOBAL_KEYS.iter().all(|k| global.contains_key(k)));
    timed("fragments", || theme.fragments.clear());
    let renderer = PageRenderer {
        site,
        theme,
        values: &values,
        global_keys,
        sections: nav_sections(site),
        times: TemplateTimes::default(),
        languages: options.languages,
    };
    let statics: std::collections::HashMap<&str, &theme::StaticFile> =
        theme.statics.iter().map(|s| (s.path(), s)).collect();
    let (jobs, mut problems) = timed("page list", || list_pages(site, &values, &statics));
    let urls: Vec<String> = jobs.iter().map(|j| j.url.clone()).collect();
    // Feeds, calendars, search index, sitemap, robots.txt (docs/urls.md); a
    // static file of the same name (the site's own robots.txt) wins.
    let generated_count = std::sync::atomic::AtomicUsize::new(0);
    let put_generated = |file: OutputFile| {
        if statics.contains_key(file.path.as_str()) {
            return Ok(());
        }
        generated_count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        sink.put(file)
    };
    // Pages, feeds, calendars, the search index and the sitemap do not
    // depend on each other: all are made side by side, so that both cores
    // stay busy to the end.
    let (page_problems, (feed_problems, generated)) = rayon::join(
        || {
            timed("pages", || {
                render_pages(jobs, &renderer, &global, memo.zip(site_key), sink)
            })
        },
        || {
            let sitemap = options.languages.is_none();
            site_wide_files(
                site,
                memo,
                site_key,
                &urls,
                options.today,
                sitemap,
                &put_generated,
            )
        },
    );
    renderer.times.print();
    problems.extend(page_problems);
    if !problems.is_empty() {
        return Err(once_each(problems));
    }

    let files = files_to_copy(site, theme, options.languages.is_none_or(|(_, i)| i == 0));
    let copied = files.len();
    let mut problems = feed_problems;
    problems.extend(timed("write rest", || {
        let copies = files.into_par_iter().map(|f| sink.put(f));
        let made = generated.into_par_iter().map(put_generated);
        copies
            .chain(made)
            .filter_map(Result::err)
            .collect::<Vec<Diagnostic>>()
    }));
    let html_pages = urls.len();
    let count = copied + html_pages + generated_count.into_inner();
    if !problems.is_empty() {
        return Err(problems.into_iter().collect());
    }
    Ok(RenderReport {
        html_pages,
        files: count,
    })
}

/// The problems, each once: one broken template fails every page that
/// uses it, and is said once.
fn once_each(problems: Vec<Diagnostic>) -> Diagnostics {
    let mut unique: Vec<Diagnostic> = Vec::new();
    for p in problems {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    unique.into_iter().collect()
}

/// The files copied as they are: the theme's and the site's static files
/// (when `shared`: they are shared by all languages, at the site's root,
/// so the first language's build writes them) and the articles' assets.
fn files_to_copy(site: &Site, theme: &Theme, shared: bool) -> Vec<OutputFile> {
    let mut files = if shared {
        static_files(site, theme)
    } else {
        Vec::new()
    };
    for a in &site.articles {
        for asset in &a.assets {
            files.push(OutputFile::copy(
                asset.output.clone(),
                site.config.root.join(&asset.source),
            ));
        }
    }
    files
}

/// The files made from the whole site rather than page by page, side by
/// side: Atom feeds (each handed to `put_feed` as soon as it is made; what
/// it refused is returned), iCalendar files, the search index, the sitemap
/// and robots.txt (the rest of the returned files).
fn site_wide_files(
    site: &Site,
    memo: Option<&memo::RenderMemo>,
    site_key: Option<u64>,
    urls: &[String],
    today: NaiveDate,
    with_sitemap: bool,
    put_feed: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
) -> (Vec<Diagnostic>, Vec<OutputFile>) {
    let ((feed_problems, calendars), (search, sitemap)) = rayon::join(
        || {
            rayon::join(
                || {
                    timed("feeds", || {
                        feeds::atom_feeds(site, memo.zip(site_key), put_feed)
                    })
                },
                || timed("icalendar", || ical::calendars(site, memo.zip(site_key))),
            )
        },
        || {
            rayon::join(
                || {
                    timed("search", || {
                        search_index::search_index(site, memo.map(|m| &m.search))
                    })
                },
                || {
                    timed("sitemap", || {
                        if with_sitemap {
                            sitemap::sitemap_files(site, urls.iter().map(String::as_str), today)
                        } else {
                            Vec::new()
                        }
                    })
                },
            )
        },
    );
    let files = [calendars, search, sitemap].into_iter().flatten().collect();
    (feed_problems, files)
}

/// Every page of every kind, in a fixed order, each with its own output
/// path; and why any page was left out.
fn list_pages<'a>(
    site: &'a Site,
    values: &'a Values<'a>,
    statics: &std::collections::HashMap<&str, &theme::StaticFile>,
) -> (Vec<PageJob<'a>>, Vec<Diagnostic>) {
    // Listed side by side (the kinds are independent), claimed in order.
    let kinds: Vec<Vec<PageJob<'a>>> = all_kinds()
        .par_iter()
        .map(|kind| kind(site, values))
        .collect();
    let mut jobs = Vec::with_capacity(kinds.iter().map(Vec::len).sum());
    let mut problems = Vec::new();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for kind in kinds {
        // Two pages at one output path would silently replace each other;
        // say so, naming the file that asked for the second.
        jobs.extend(kind.into_iter().filter(|job| {
            match claim_output(&site.config.root, &mut taken, statics, job) {
                Ok(()) => true,
                Err(d) => {
                    problems.push(d);
                    false
                }
            }
        }));
    }
    (jobs, problems)
}

/// The theme's and the site's static files, except photos that content
/// uses (those are published processed only).
fn static_files(site: &Site, theme: &Theme) -> Vec<OutputFile> {
    let withheld = &site.images.withheld;
    theme
        .statics
        .iter()
        .filter(|s| !matches!(s, theme::StaticFile::OnDisk { path, .. } if withheld.contains(path)))
        .map(|s| match s {
            theme::StaticFile::Embedded { path, bytes } => {
                OutputFile::bytes(path.clone(), bytes.to_vec())
            }
            theme::StaticFile::OnDisk { path, source } => {
                OutputFile::copy(path.clone(), source.clone())
            }
        })
        .collect()
}

/// What [`render_site`] made.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RenderReport {
    /// Pages rendered from templates.
    pub html_pages: usize,
    /// Files handed to the sink in all.
    pub files: usize,
}

/// Reserves the output file of `job`, or explains why it is taken.
fn claim_output(
    root: &std::path::Path,
    taken: &mut std::collections::HashSet<String>,
    statics: &std::collections::HashMap<&str, &theme::StaticFile>,
    job: &PageJob,
) -> Result<(), Diagnostic> {
    let path = output_file(&job.url);
    let who = || {
        job.source
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from(format!("(page /{})", job.url)))
    };
    if let Some(theme::StaticFile::OnDisk { source, .. }) = statics.get(path.as_str()) {
        return Err(Diagnostic::file(
            crate::diagnostics::relative_to(source, root),
            crate::messages::static_replaces_page(&job.url),
        )
        .with_help(crate::messages::rename_static()));
    }
    if !taken.insert(path) {
        return Err(Diagnostic::file(
            who(),
            crate::messages::address_taken(&job.url),
        ));
    }
    Ok(())
}
