//! The page kinds of the site's own items and lists: home, news, articles,
//! events, standalone pages and aliases (municipalities and topics are in
//! [`super::network`]). Each
//! function lists the pages of one kind as jobs: an URL, a template and the
//! data for it, a `Serialize` struct of this module per kind.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::data::{self, Pagination};
use super::job::{PageData, PageJob, Shows};
use super::json_ld;
use super::values::{CardKind, Values};
use crate::model::Site;

/// `index.html`.
#[derive(Serialize)]
struct HomePage {
    latest_articles: Vec<Value>,
    upcoming_events: Vec<Value>,
    recent_events: Vec<Value>,
    municipalities: Vec<Value>,
    article_count: usize,
}

pub(super) fn home<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let today = v.today;
    let latest = (0..site.articles.len().min(site.config.paginate.min(6)))
        .map(|i| v.card(CardKind::Article, i))
        .collect();
    let upcoming = site
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.last_day() >= today)
        .take(5)
        .map(|(i, _)| v.card(CardKind::Event, i))
        .collect();
    let recent = site
        .events
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, e)| e.last_day() < today)
        .take(3)
        .map(|(i, _)| v.card(CardKind::Event, i))
        .collect();
    vec![PageJob::new(
        site.urls.home(),
        "index.html",
        &HomePage {
            latest_articles: latest,
            upcoming_events: upcoming,
            recent_events: recent,
            municipalities: v.all_municipality_cards(),
            article_count: site.articles.len(),
        },
    )]
}

/// `news_list.html`.
#[derive(Serialize)]
struct NewsListPage {
    articles: Vec<Value>,
    pagination: Pagination,
}

pub(super) fn news_lists<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let per_page = site.config.paginate;
    let total = site.articles.len();
    let pages = total.div_ceil(per_page).max(1);
    (1..=pages)
        .into_par_iter()
        .map(|n| {
            PageJob::lazy(site.urls.news_list(n), "news_list.html", move || {
                NewsListPage {
                    articles: news_page_items(n, per_page, total)
                        .map(|i| v.article(i))
                        .collect(),
                    pagination: pagination(n, pages, total, |p| v.link(&site.urls.news_list(p))),
                }
            })
            .made_from(
                news_page_items(n, per_page, total).map(Shows::Article),
                &[n, pages, total],
            )
        })
        .collect()
}

/// The article indices on news page `n`.
fn news_page_items(n: usize, per_page: usize, total: usize) -> std::ops::Range<usize> {
    ((n - 1) * per_page).min(total)..(n * per_page).min(total)
}

/// The pagination data of page `n` of `pages`: previous, next, first, last
/// and a window of page links around the current one (never all pages, so
/// that long lists stay linear in size).
pub(crate) fn pagination(
    n: usize,
    pages: usize,
    total: usize,
    url_of: impl Fn(usize) -> String,
) -> Pagination {
    let link = |p: usize| (1..=pages).contains(&p).then(|| url_of(p));
    let window = n.saturating_sub(2).max(1)..=(n + 2).min(pages);
    Pagination {
        current: n,
        total_pages: pages,
        total_items: total,
        previous: if n > 1 { link(n - 1) } else { None },
        next: link(n + 1),
        first: link(1),
        last: link(pages),
        pages: window
            .map(|p| data::PageLink {
                number: p,
                url: link(p),
                current: p == n,
            })
            .collect(),
    }
}

/// `article.html`.
#[derive(Serialize)]
struct ArticlePage<'a> {
    article: data::Article<'a>,
    description: &'a str,
    article_json_ld: String,
}

pub(super) fn articles<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    site.articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            PageJob::lazy(a.url.clone(), "article.html", move || ArticlePage {
                article: v.article_page(i),
                description: &a.summary_text,
                article_json_ld: json_ld::article(site, v, a),
            })
            .made_from(
                (i.saturating_sub(1)..(i + 2).min(site.articles.len())).map(Shows::Article),
                &[],
            )
        })
        .collect()
}

/// `events.html`.
#[derive(Serialize)]
struct EventsPage {
    upcoming: Vec<Value>,
    past: Vec<Value>,
}

pub(super) fn events_list<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let job = PageJob::lazy(site.urls.events_list(), "events.html", move || {
        let today = v.today;
        let events = site.events.iter().enumerate();
        EventsPage {
            upcoming: events
                .clone()
                .filter(|(_, e)| e.last_day() >= today)
                .map(|(i, _)| v.event(i))
                .collect(),
            past: events
                .rev()
                .filter(|(_, e)| e.last_day() < today)
                .map(|(i, _)| v.event(i))
                .collect(),
        }
    });
    vec![job.made_from((0..site.events.len()).map(Shows::Event), &[])]
}

/// `event.html`.
#[derive(Serialize)]
struct EventPage<'a> {
    event: data::Event<'a>,
    description: &'a str,
    event_json_ld: String,
}

pub(super) fn events<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    site.events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            PageJob::lazy(e.url.clone(), "event.html", move || EventPage {
                event: v.event_page(i),
                description: &e.summary_text,
                event_json_ld: json_ld::event(site, v, e),
            })
            .made_from([Shows::Event(i)], &[])
        })
        .collect()
}

/// `page.html` (or a page's own template).
#[derive(Serialize)]
struct StandalonePage<'a> {
    description: &'a str,
    page: PageItem<'a>,
}

/// A standalone page.
#[derive(Serialize)]
struct PageItem<'a> {
    title: &'a str,
    slug: &'a str,
    url: String,
    permalink: String,
    content_html: &'a str,
    summary: &'a str,
    extra: &'a serde_json::Value,
}

/// `404.html` has no data of its own.
#[derive(Serialize)]
struct NotFoundPage {}

pub(super) fn standalone_pages<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let mut jobs: Vec<PageJob> = site
        .pages
        .iter()
        .map(|p| {
            let template = p.template.clone().unwrap_or_else(|| "page.html".into());
            let data = StandalonePage {
                description: &p.summary_text,
                page: PageItem {
                    title: &p.title,
                    slug: &p.slug,
                    url: v.link(&p.url),
                    permalink: v.permalink(&p.url),
                    content_html: &p.content_html,
                    summary: &p.summary_text,
                    extra: &p.extra,
                },
            };
            PageJob {
                url: p.url.clone(),
                template,
                source: Some(p.file.clone()),
                inputs: None,
                data: PageData::Ready(Value::from_serializable(&data)),
            }
        })
        .collect();
    jobs.push(PageJob::new(
        "404.html".into(),
        "404.html",
        &NotFoundPage {},
    ));
    jobs
}

/// `alias.html`.
#[derive(Serialize)]
struct AliasPage {
    target: String,
    target_permalink: String,
}

pub(super) fn aliases<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let targets = site
        .articles
        .iter()
        .map(|a| (&a.aliases, &a.url, &a.file))
        .chain(site.events.iter().map(|e| (&e.aliases, &e.url, &e.file)))
        .chain(site.pages.iter().map(|p| (&p.aliases, &p.url, &p.file)));
    let mut jobs = Vec::new();
    for (aliases, url, file) in targets {
        for alias in aliases {
            let data = AliasPage {
                target: v.link(url),
                target_permalink: v.permalink(url),
            };
            jobs.push(PageJob::new(alias.clone(), "alias.html", &data).with_source(file));
        }
    }
    jobs
}
