//! Rendering the pages: each page's data laid over the global data and
//! rendered through the theme's templates, in parallel, each page handed to
//! the sink as soon as it is made.

use rayon::prelude::*;
use tera::Value;

use super::job::PageJob;
use super::values::Values;
use super::{errors, fragments, memo, Theme};
use crate::diagnostics::Diagnostic;
use crate::model::urls::output_file;
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::timing::TemplateTimes;

/// Renders `jobs` in parallel and hands each page to `sink` as soon as it is
/// made (page data is mostly made lazily, so memory holds the pages being
/// rendered, not all of them). With a memo, pages whose key is unchanged
/// are kept instead. Returns the problems.
pub(super) fn render_pages(
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

/// What every page is rendered with.
pub(super) struct PageRenderer<'a> {
    pub(super) site: &'a Site,
    pub(super) theme: &'a Theme,
    pub(super) values: &'a Values<'a>,
    /// The keys of the global data, which win over page data of the same name.
    pub(super) global_keys: Vec<String>,
    /// The sections of the main navigation and their URLs (see [`nav_sections`]).
    pub(super) sections: Vec<(&'static str, String)>,
    /// Render time per template (`KETTE_TIMINGS`).
    pub(super) times: TemplateTimes,
    /// The links between the languages, and this language's place among
    /// them (multilingual sites only).
    pub(super) languages: Option<(&'a super::languages::LanguageLinks, usize)>,
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
                crate::messages::no_template_in_theme(&job.template),
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
        if let Some((links, index)) = self.languages {
            let page = links.of_page(index, &job.url);
            context.insert("alternates", &page.alternates);
            context.insert("x_default", &page.x_default);
            context.insert("languages", &page.switcher);
            context.insert("untranslated", &page.untranslated);
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
        for key in added
            .iter()
            .map(String::as_str)
            .chain(PAGE_KEYS)
            .chain(LANGUAGE_KEYS)
        {
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
pub(super) fn nav_sections(site: &Site) -> Vec<(&'static str, String)> {
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

/// What [`PageRenderer::render`] adds to every page of a multilingual site.
const LANGUAGE_KEYS: [&str; 4] = ["alternates", "x_default", "languages", "untranslated"];

/// What [`PageRenderer::render`] adds to every page's data.
const PAGE_KEYS: [&str; 5] = [
    "page_url",
    "permalink",
    "url_path",
    "section",
    "description",
];
