//! The data every template sees beside its page's own: `site`, `t` and
//! `build_date` (the global variables of docs/templates.md).

use serde::Serialize;

use super::values::Values;
use super::{data, feeds, i18n, ical};
use crate::model::Site;

/// The keys of the data every template sees ([`GlobalData`]): they win
/// over page data of the same name.
pub(super) const GLOBAL_KEYS: [&str; 3] = ["site", "t", "build_date"];

/// The data every template sees.
#[derive(Serialize)]
pub(super) struct GlobalData<'a> {
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
    language: &'a str,
    /// The writing direction of the site's language, `ltr` or `rtl`: the
    /// theme sets `dir` on `<html>` for `rtl` only, so that left-to-right
    /// pages stay as they were.
    direction: &'static str,
    /// The Open Graph locale of the page's language (`og:locale`): `de_DE`,
    /// `en_GB`, `tr_TR`, `ar_AR`, `uk_UA`.
    locale: &'static str,
    extra: &'a serde_json::Value,
    feeds: bool,
    search: bool,
    feed: Option<data::FeedLink>,
    calendar_feed: Option<data::FeedLink>,
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

/// The global data of `site`.
pub(super) fn global_data<'a>(site: &'a Site, values: &Values<'a>) -> GlobalData<'a> {
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
            language: &config.site_language().tag,
            direction: config.language.direction().attribute(),
            locale: config.language.open_graph_locale(),
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
                static_files: &config.root_url.path,
            },
        },
        t: i18n::strings(config.language),
        build_date: crate::content::dates::iso_date(values.today),
    }
}
