//! Rendering: the site model through the theme's Tera templates into output
//! files, every page in parallel. Template errors become diagnostics that
//! name the template file.

pub mod archive;
pub mod chain;
pub mod data;
pub mod errors;
pub mod feeds;
pub mod fragments;
pub mod i18n;
pub mod ical;
pub mod job;
pub mod memo;
pub mod pages;
pub mod search_index;
pub mod sitemap;
pub mod theme;
pub mod values;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::urls::output_file;
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::timing::{timed, TemplateTimes};
use job::PageJob;
pub use theme::Theme;
use values::Values;

/// A function that lists the pages of one kind.
pub type PageKind = for<'a> fn(&'a Site, &'a Values<'a>) -> Vec<PageJob<'a>>;

/// Every page kind, in a fixed order. Adding a page kind means adding one
/// function that lists its pages, listing it here, and one template.
pub fn all_kinds() -> &'static [PageKind] {
    &[
        pages::home,
        pages::news_lists,
        pages::articles,
        pages::events_list,
        pages::events,
        pages::municipality_list,
        pages::municipalities,
        pages::topic_list,
        pages::topics,
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
pub struct RenderOptions {
    /// The build date: events on or after it are "upcoming".
    pub today: NaiveDate,
}

/// Renders every page and lists every static file and asset to copy.
/// With a memo, pages whose inputs are what they were at the memo's last
/// build are not rendered again but listed in it as kept (for `serve`).
pub fn render_site(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    sink: &dyn Sink,
    memo: Option<&memo::RenderMemo>,
) -> Result<RenderReport, Diagnostics> {
    let values = timed("values", || Values::new(site, options.today));
    let global = Value::from_serializable(&global_data(site, &values));
    let site_key = memo.map(|_| memo::site_key(site, &global, options.today));
    let global = tera::Context::from_serialize(&global).unwrap_or_default();
    let global_keys: Vec<String> = GLOBAL_KEYS.iter().map(|k| k.to_string()).collect();
    debug_assert!(GLOBAL_KEYS.iter().all(|k| global.contains_key(k)));
    theme.fragments.clear();
    let renderer = PageRenderer {
        site,
        theme,
        values: &values,
        global_keys,
        sections: nav_sections(site),
        times: TemplateTimes::default(),
    };
    let statics: std::collections::HashMap<&str, &theme::StaticFile> =
        theme.statics.iter().map(|s| (s.path(), s)).collect();
    let (jobs, mut problems) = timed("page list", || list_pages(site, &values, &statics));
    let urls: Vec<String> = jobs.iter().map(|j| j.url.clone()).collect();
    // Feeds, calendars, search index, sitemap, robots.txt (SPEC §7); a
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
        || site_wide_files(site, memo, site_key, &urls, options.today, &put_generated),
    );
    renderer.times.print();
    problems.extend(page_problems);
    if !problems.is_empty() {
        // One broken template fails every page that uses it: say it once.
        let mut unique: Vec<Diagnostic> = Vec::new();
        for p in problems {
            if !unique.contains(&p) {
                unique.push(p);
            }
        }
        return Err(unique.into_iter().collect());
    }

    let mut files = static_files(site, theme);
    for a in &site.articles {
        for asset in &a.assets {
            files.push(OutputFile::copy(
                asset.output.clone(),
                site.config.root.join(&asset.source),
            ));
        }
    }
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
                || timed("search", || search_index::search_index(site, memo)),
                || {
                    timed("sitemap", || {
                        sitemap::sitemap_files(site, urls.iter().map(String::as_str), today)
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

/// Renders `jobs` in parallel and hands each page to `sink` as soon as it is
/// made (page data is mostly made lazily, so memory holds the pages being
/// rendered, not all of them). With a memo, pages whose key is unchanged
/// are kept instead. Returns the problems.
fn render_pages(
    jobs: Vec<PageJob<'_>>,
    renderer: &PageRenderer<'_>,
    global: &tera::Context,
    memo: Option<(&memo::RenderMemo, u64)>,
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    // The list ends with the few pages that take longest (the chain, the
    // offer directory, calendars, archives) and begins with the home page
    // and the news: rendered last to first, the costly pages are started
    // early and both threads finish on small ones. Problems are put back in
    // the list's order.
    let mut problems: Vec<Diagnostic> = jobs
        .into_par_iter()
        .rev()
        .map_init(
            // Each worker copies the global data once and lays every page's
            // data over it in turn (copying it per page took a tenth of a
            // build); only when a page is rendered: `serve` keeps most.
            || None,
            |context: &mut Option<tera::Context>, job| {
                if let Some((memo, site_key)) = memo {
                    let key = memo::page_key(&job, renderer.site, site_key);
                    if memo.keep(&output_file(&job.url), key) {
                        return None;
                    }
                }
                let context = context.get_or_insert_with(|| global.clone());
                renderer
                    .render(job, context)
                    .and_then(|f| sink.put(f))
                    .err()
            },
        )
        .flatten()
        .collect();
    problems.reverse();
    problems
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
pub struct RenderReport {
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
            format!(
                "this static file would replace the page /{}, which kette generates",
                job.url
            ),
        )
        .with_help("rename or remove the static file"));
    }
    if !taken.insert(path) {
        return Err(Diagnostic::file(
            who(),
            format!(
                "/{} is already a page of the site; an alias or page cannot replace it",
                job.url
            ),
        ));
    }
    Ok(())
}

/// What every page is rendered with.
struct PageRenderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    values: &'a Values<'a>,
    /// The keys of the global data, which win over page data of the same name.
    global_keys: Vec<String>,
    /// The sections of the main navigation and their URLs (see [`nav_sections`]).
    sections: Vec<(&'static str, String)>,
    /// Render time per template (`KETTE_TIMINGS`).
    times: TemplateTimes,
}

impl PageRenderer<'_> {
    /// Renders one page: the job's data (moved, not copied) laid over
    /// `context`, which holds the global data and holds it again afterwards.
    fn render(
        &self,
        job: PageJob<'_>,
        context: &mut tera::Context,
    ) -> Result<OutputFile, Diagnostic> {
        let (site, theme, values) = (self.site, self.theme, self.values);
        if !theme.has(&job.template) {
            let file = job
                .source
                .clone()
                .unwrap_or_else(|| job.template.clone().into());
            let known: Vec<&str> = theme.sources.iter().map(|s| s.name.as_str()).collect();
            return Err(Diagnostic::file(
                file,
                format!("there is no template `{}` in the theme", job.template),
            )
            .with_suggestion(crate::diagnostics::did_you_mean(&job.template, known)));
        }
        let data = job.data.into_value();
        let page = data.as_map();
        let has_description = page
            .and_then(|m| m.get(&tera::value::Key::Str("description")))
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty());
        // The page's own keys over the global data, except global ones.
        let mut added: Vec<String> = Vec::new();
        for (key, value) in page.into_iter().flatten() {
            let Some(key) = key.as_str() else { continue };
            if !self.global_keys.iter().any(|g| g == key) {
                context.insert_value(key.to_string(), value.clone());
                added.push(key.to_string());
            }
        }
        context.insert("page_url", &values.link(&job.url));
        context.insert("permalink", &values.permalink(&job.url));
        context.insert("url_path", &job.url);
        context.insert("section", self.section_of(&job.url));
        if !has_description {
            context.insert("description", &site.config.description);
        }
        // A component error kept from an earlier page (one whose error a
        // template swallowed) must not be reported for this one.
        let _ = fragments::inner_error::take();
        // Rendered as bytes, which is what is written: no UTF-8 check of
        // the whole page, and room for most pages from the start.
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        let rendered = self.times.measure(&job.template, || {
            theme.tera.render_to(&job.template, context, &mut html)
        });
        // Back to the global data alone (none of these keys is global).
        for key in added.iter().map(String::as_str).chain(PAGE_KEYS) {
            context.remove(key);
        }
        rendered
            .map(|()| OutputFile::bytes(output_file(&job.url), html))
            .map_err(|e| errors::render_error(&e, &theme.sources))
    }

    /// The navigation section the page at `url` belongs to, or "".
    fn section_of(&self, url: &str) -> &'static str {
        self.sections
            .iter()
            .find(|(name, section_url)| {
                // The search page has no pages below it.
                if *name == "search" {
                    url == section_url
                } else {
                    url.starts_with(section_url.as_str())
                }
            })
            .map_or("", |(name, _)| name)
    }
}

/// The sections of the main navigation (`section` in templates) with their
/// URLs relative to the base: a page belongs to the section whose URL its
/// own begins with (the search page: is).
fn nav_sections(site: &Site) -> Vec<(&'static str, String)> {
    let urls = &site.urls;
    vec![
        ("news", urls.news_list(1)),
        ("events", urls.events_list()),
        ("municipalities", urls.municipalities_list()),
        ("chain", urls.chain()),
        ("offers", urls.offers()),
        ("topics", urls.topics_list()),
        ("search", urls.search()),
    ]
}

/// Bytes reserved for a page before rendering it (on the synthetic
/// 10,000-article site half the pages are under 9 KB, 99 % under 74 KB).
const PAGE_CAPACITY: usize = 32 * 1024;

/// What [`PageRenderer::render`] adds to every page's data.
const PAGE_KEYS: [&str; 5] = [
    "page_url",
    "permalink",
    "url_path",
    "section",
    "description",
];

/// The keys of the data every template sees ([`GlobalData`]): they win
/// over page data of the same name.
const GLOBAL_KEYS: [&str; 3] = ["site", "t", "build_date"];

/// The data every template sees.
#[derive(Serialize)]
struct GlobalData<'a> {
    site: SiteData<'a>,
    /// The interface strings of the site's language.
    t: serde_json::Value,
    build_date: String,
}

/// `site`: the configuration and the site-wide links.
#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'static str,
    extra: &'a serde_json::Value,
    feeds: bool,
    search: bool,
    feed: serde_json::Value,
    calendar_feed: serde_json::Value,
    menu: Vec<MenuItem<'a>>,
    stages: Vec<data::StageRef<'a>>,
    urls: SiteUrls<'a>,
}

/// An entry of the site's menu.
#[derive(Serialize)]
struct MenuItem<'a> {
    title: &'a str,
    url: String,
}

/// `site.urls`: the lists kette makes.
#[derive(Serialize)]
struct SiteUrls<'a> {
    home: String,
    news: String,
    events: String,
    municipalities: String,
    topics: String,
    archive: String,
    calendar: String,
    search: String,
    offers: String,
    chain: String,
    #[serde(rename = "static")]
    static_files: &'a str,
}

fn global_data<'a>(site: &'a Site, values: &Values<'a>) -> GlobalData<'a> {
    let config = &site.config;
    let mut menu: Vec<&crate::model::Page> =
        site.pages.iter().filter(|p| p.menu.is_some()).collect();
    menu.sort_by_key(|p| (p.menu, p.slug.clone()));
    let urls = &site.urls;
    GlobalData {
        site: SiteData {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url.absolute,
            base_path: &config.base_url.path,
            language: config.language.code(),
            extra: &config.extra,
            feeds: config.feeds,
            search: config.search,
            feed: feeds::site_feed(site),
            calendar_feed: ical::site_calendar(site),
            menu: menu
                .iter()
                .map(|p| MenuItem {
                    title: &p.title,
                    url: values.link(&p.url),
                })
                .collect(),
            stages: (0..config.stages.len()).map(|s| values.stage(s)).collect(),
            urls: SiteUrls {
                home: values.link(&urls.home()),
                news: values.link(&urls.news_list(1)),
                events: values.link(&urls.events_list()),
                municipalities: values.link(&urls.municipalities_list()),
                topics: values.link(&urls.topics_list()),
                archive: values.link(&urls.archive()),
                calendar: values.link(&urls.calendar()),
                search: values.link(&urls.search()),
                offers: values.link(&urls.offers()),
                chain: values.link(&urls.chain()),
                static_files: &config.base_url.path,
            },
        },
        t: i18n::strings(config.language),
        build_date: crate::content::dates::iso_date(values.today),
    }
}
