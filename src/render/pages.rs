//! The page kinds of the site's own items and lists: home, news, articles,
//! events, municipalities, topics, standalone pages and aliases. Each
//! function lists the pages of one kind as jobs: an URL, a template and the
//! data for it, a `Serialize` struct of this module per kind.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use tera::Value;

use super::data::{self, Pagination};
use super::job::{PageData, PageJob, Shows};
use super::values::{first_sentence, iso, CardKind, Values};
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
pub fn pagination(
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
            PageJob::lazy(a.url.clone(), "article.html", move || {
                let published = iso(&a.date);
                let modified = a.updated.as_ref().map_or_else(|| published.clone(), iso);
                let json_ld = json_ld(json!({
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": a.title,
                    "datePublished": published,
                    "dateModified": modified,
                    "description": a.summary_text,
                    "url": v.permalink(&a.url),
                    "author": a.author.as_ref().map(|name| json!({ "@type": "Person", "name": name })),
                    "image": v.image_permalink(a.image.as_ref()),
                    "publisher": { "@type": "Organization", "name": site.config.title },
                    "inLanguage": site.config.language.code(),
                }));
                ArticlePage {
                    article: v.article_page(i),
                    description: &a.summary_text,
                    article_json_ld: json_ld,
                }
            })
            .made_from((i.saturating_sub(1)..(i + 2).min(site.articles.len())).map(Shows::Article), &[])
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
            PageJob::lazy(e.url.clone(), "event.html", move || {
                let json_ld = json_ld(json!({
                    "@context": "https://schema.org",
                    "@type": "Event",
                    "name": e.title,
                    "startDate": iso(&e.start),
                    "endDate": e.end.as_ref().map(iso),
                    "description": e.summary_text,
                    "url": v.permalink(&e.url),
                    "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                    "location": e.location.as_ref().map(|l| json!({ "@type": "Place", "name": l, "address": l })),
                    "image": v.image_permalink(e.image.as_ref()),
                    "organizer": { "@type": "Organization", "name": site.config.title, "url": site.config.base_url.absolute },
                    "inLanguage": site.config.language.code(),
                }));
                EventPage {
                    event: v.event_page(i),
                    description: &e.summary_text,
                    event_json_ld: json_ld,
                }
            })
            .made_from([Shows::Event(i)], &[])
        })
        .collect()
}

/// `municipalities.html`.
#[derive(Serialize)]
struct MunicipalitiesPage {
    municipalities: Vec<Value>,
    by_kind: Vec<MunicipalityGroup>,
    by_cohort: Vec<MunicipalityGroup>,
}

/// Municipalities of one kind or cohort.
#[derive(Serialize)]
struct MunicipalityGroup {
    name: String,
    municipalities: Vec<Value>,
}

pub(super) fn municipality_list<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let job = PageJob::lazy(
        site.urls.municipalities_list(),
        "municipalities.html",
        move || municipality_list_data(site, v),
    );
    vec![job.made_from((0..site.municipalities.len()).map(Shows::Municipality), &[])]
}

fn municipality_list_data(site: &Site, v: &Values<'_>) -> MunicipalitiesPage {
    // Grouped by kind (cohort), groups sorted by name, members in the
    // order of the municipalities (by name).
    let group_by = |key: &dyn Fn(&crate::model::Municipality) -> Option<&String>| {
        let mut groups: Vec<MunicipalityGroup> = Vec::new();
        for (i, m) in site.municipalities.iter().enumerate() {
            let name = key(m).cloned().unwrap_or_default();
            match groups.iter_mut().find(|g| g.name == name) {
                Some(g) => g.municipalities.push(v.municipality(i)),
                None => groups.push(MunicipalityGroup {
                    name,
                    municipalities: vec![v.municipality(i)],
                }),
            }
        }
        groups.sort_by(|a, b| a.name.cmp(&b.name));
        groups
    };
    MunicipalitiesPage {
        municipalities: v.all_municipality_cards(),
        by_kind: group_by(&|m| m.kind.as_ref()),
        by_cohort: group_by(&|m| m.cohort.as_ref()),
    }
}

/// `municipality.html`.
#[derive(Serialize)]
struct MunicipalityPage<'a> {
    municipality: data::Municipality<'a>,
    description: String,
    feed: serde_json::Value,
    calendar_feed: serde_json::Value,
}

pub(super) fn municipalities<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    site.municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| {
            PageJob::lazy(m.url.clone(), "municipality.html", move || {
                MunicipalityPage {
                    municipality: v.municipality_page(i),
                    description: first_sentence(&m.description_text),
                    feed: super::feeds::page_feed(site, &m.url, &m.name),
                    calendar_feed: super::ical::page_calendar(site, &m.url, &m.name, &m.events),
                }
            })
            .made_from(
                std::iter::once(Shows::Municipality(i))
                    .chain(m.members.iter().map(|&j| Shows::Municipality(j)))
                    .chain(m.articles.iter().map(|&j| Shows::Article(j)))
                    .chain(m.events.iter().map(|&j| Shows::Event(j))),
                &[],
            )
        })
        .collect()
}

/// `topics.html`.
#[derive(Serialize)]
struct TopicsPage<'a> {
    topics: Vec<TopicSummary<'a>>,
}

/// A topic in the list of topics.
#[derive(Serialize)]
struct TopicSummary<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    article_count: usize,
    event_count: usize,
    municipality_count: usize,
    offer_count: usize,
}

pub(super) fn topic_list<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let topics = site
        .topics_by_name()
        .into_iter()
        .map(|t| {
            let t = &site.topics[t];
            TopicSummary {
                name: &t.name,
                slug: &t.slug,
                url: v.link(&t.url),
                article_count: t.articles.len(),
                event_count: t.events.len(),
                municipality_count: t.municipalities.len(),
                offer_count: t.offers.len(),
            }
        })
        .collect();
    vec![PageJob::new(
        site.urls.topics_list(),
        "topics.html",
        &TopicsPage { topics },
    )]
}

/// `topic.html`.
#[derive(Serialize)]
struct TopicPage<'a> {
    topic: Topic<'a>,
    pagination: Pagination,
    feed: serde_json::Value,
}

/// One topic with what is on this page of it.
#[derive(Serialize)]
struct Topic<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    article_count: usize,
    articles: Vec<Value>,
    events: Vec<Value>,
    municipalities: Vec<Value>,
    offers: Vec<data::Offer<'a>>,
}

pub(super) fn topics<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let per_page = site.config.paginate;
    site.topics
        .iter()
        .flat_map(|t| {
            let pages = t.articles.len().div_ceil(per_page).max(1);
            (1..=pages).map(move |n| {
                let first = n == 1;
                let on_page = move || t.articles.iter().skip((n - 1) * per_page).take(per_page);
                let shows = on_page()
                    .map(|&i| Shows::Article(i))
                    .chain(t.events.iter().filter(|_| first).map(|&i| Shows::Event(i)))
                    .chain(
                        t.municipalities
                            .iter()
                            .chain(t.offers.iter().map(|(m, _)| m))
                            .filter(|_| first)
                            .map(|&i| Shows::Municipality(i)),
                    );
                PageJob::lazy(site.urls.topic_page(&t.slug, n), "topic.html", move || {
                    // Municipalities, offers and events are on the first page only.
                    let (events, municipalities, offers) = if first {
                        (
                            t.events.iter().map(|&i| v.event(i)).collect(),
                            t.municipalities
                                .iter()
                                .map(|&i| v.municipality(i))
                                .collect(),
                            t.offers
                                .iter()
                                .map(|&(m, o)| v.offer(&site.municipalities[m].offers[o]))
                                .collect(),
                        )
                    } else {
                        (Vec::new(), Vec::new(), Vec::new())
                    };
                    TopicPage {
                        topic: Topic {
                            name: &t.name,
                            slug: &t.slug,
                            url: v.link(&t.url),
                            article_count: t.articles.len(),
                            articles: on_page().map(|&i| v.article(i)).collect(),
                            events,
                            municipalities,
                            offers,
                        },
                        pagination: pagination(n, pages, t.articles.len(), |p| {
                            v.link(&site.urls.topic_page(&t.slug, p))
                        }),
                        feed: super::feeds::page_feed(site, &t.url, &t.name),
                    }
                })
                .made_from(
                    shows,
                    &[
                        n,
                        pages,
                        t.articles.len(),
                        t.events.len(),
                        t.municipalities.len(),
                        t.offers.len(),
                    ],
                )
            })
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
            jobs.push(PageJob::new(alias.clone(), "alias.html", &data).from_source(file));
        }
    }
    jobs
}

/// JSON-LD that is safe inside a `<script>` element.
fn json_ld(mut cleaned: serde_json::Value) -> String {
    if let serde_json::Value::Object(map) = &mut cleaned {
        map.retain(|_, v| !v.is_null());
    }
    // Escaped so that no `</script>` or `<!--` can end or confuse the element.
    let json = serde_json::to_string(&cleaned).unwrap_or_default();
    if !json.bytes().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return json;
    }
    let mut escaped = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            c => escaped.push(c),
        }
    }
    escaped
}
