//! Rendering: the site model through the theme's Tera templates into output
//! files, every page in parallel. Template errors become diagnostics that
//! name the template file.

pub mod archive;
pub mod chain;
pub mod feeds;
pub mod i18n;
pub mod ical;
pub mod pages;
pub mod search_index;
pub mod sitemap;
pub mod theme;
pub mod values;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::urls::output_file;
use crate::model::Site;
use crate::output::OutputFile;
pub use theme::Theme;
use values::Values;

/// Settings of one rendering run.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// The build date: events on or after it are "upcoming".
    pub today: NaiveDate,
}

/// Renders every page and lists every static file and asset to copy.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let values = Values::new(site, options.today);
    let global = global_data(site, &values);
    let jobs = pages::all_jobs(site, &values);

    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let mut context =
                tera::Context::from_value(global.clone()).expect("global data is an object");
            context.insert("page_url", &values.link(&job.url));
            context.insert("permalink", &values.permalink(&job.url));
            context.insert("url_path", &job.url);
            let has_description = job
                .data
                .get("description")
                .is_some_and(|d| d.as_str().is_some_and(|s| !s.is_empty()));
            if !has_description {
                context.insert("description", &site.config.description);
            }
            if let Value::Object(map) = &job.data {
                for (k, v) in map {
                    if k == "description" && !has_description {
                        continue;
                    }
                    context.insert(k.as_str(), v);
                }
            }
            theme
                .tera
                .render(&job.template, &context)
                .map(|html| OutputFile::bytes(output_file(&job.url), html.into_bytes()))
                .map_err(|e| theme::template_error(&e, &theme.sources))
        })
        .collect();

    let mut problems = Diagnostics::new();
    let mut files = Vec::with_capacity(results.len() + theme.statics.len());
    for result in results {
        match result {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    for s in &theme.statics {
        files.push(match s {
            theme::StaticFile::Embedded { path, bytes } => {
                OutputFile::bytes(path.clone(), bytes.to_vec())
            }
            theme::StaticFile::OnDisk { path, source } => {
                OutputFile::copy(path.clone(), source.clone())
            }
        });
    }
    // Feeds, calendars, search index, sitemap, robots.txt (SPEC §7); a
    // static file of the same name (the site's own robots.txt) wins.
    let statics: std::collections::HashSet<&str> = theme.statics.iter().map(|s| s.path()).collect();
    let generated = [
        feeds::atom_feeds(site),
        ical::calendars(site),
        search_index::search_index(site),
        sitemap::sitemap_files(site, jobs.iter().map(|j| j.url.as_str()), options.today),
    ];
    files.extend(
        generated
            .into_iter()
            .flatten()
            .filter(|f| !statics.contains(f.path.as_str())),
    );
    for a in &site.articles {
        for asset in &a.assets {
            files.push(OutputFile::copy(
                asset.output.clone(),
                site.config.root.join(&asset.source),
            ));
        }
    }
    Ok(files)
}

/// The data every template sees.
fn global_data(site: &Site, values: &Values<'_>) -> Value {
    let config = &site.config;
    let mut menu: Vec<&crate::model::Page> =
        site.pages.iter().filter(|p| p.menu.is_some()).collect();
    menu.sort_by_key(|p| (p.menu, p.slug.clone()));
    let urls = &site.urls;
    json!({
        "site": {
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url.absolute,
            "base_path": config.base_url.path,
            "language": config.language.code(),
            "extra": config.extra,
            "feeds": config.feeds,
            "search": config.search,
            "feed": feeds::site_feed(site),
            "calendar_feed": ical::site_calendar(site),
            "menu": menu.iter().map(|p| json!({ "title": p.title, "url": values.link(&p.url) })).collect::<Vec<_>>(),
            "stages": config.stages.iter().map(|s| json!({ "id": s.id, "name": s.name })).collect::<Vec<_>>(),
            "urls": {
                "home": values.link(&urls.home()),
                "news": values.link(&urls.news_list(1)),
                "events": values.link(&urls.events_list()),
                "municipalities": values.link(&urls.municipalities_list()),
                "topics": values.link(&urls.topics_list()),
                "archive": values.link(&urls.archive()),
                "calendar": values.link(&urls.calendar()),
                "search": values.link(&urls.search()),
                "offers": values.link(&urls.offers()),
                "chain": values.link(&urls.chain()),
                "static": config.base_url.path,
            },
        },
        "t": i18n::strings(config.language),
        "build_date": options_date(values.today),
    })
}

fn options_date(today: NaiveDate) -> String {
    today.format("%Y-%m-%d").to_string()
}
