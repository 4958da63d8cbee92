//! The page kinds of the network: the municipalities and their pages, the
//! topics and their (paginated) pages.

use serde::Serialize;
use tera::Value;

use super::data::{self, Pagination};
use super::job::{PageJob, Shows};
use super::pages::pagination;
use super::values::{first_sentence, Values};
use crate::model::Site;

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
    feed: Option<data::FeedLink>,
    calendar_feed: Option<data::FeedLink>,
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
    feed: Option<data::FeedLink>,
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
