//! The page kinds of SPEC §7. Each function lists the pages of one kind as
//! jobs: an URL, a template and the data for it. Adding a page kind means
//! adding one function here, listing it in [`all_kinds`], and one template.

use rayon::prelude::*;
use serde_json::{json, Value};

use super::cards::{CardKind, CardLoans};
use super::memo::{Inputs, Shows};
use super::values::{first_sentence, iso, object, Values};
use crate::model::Site;

/// One page to render.
pub struct PageJob<'a> {
    /// Site-relative URL (`news/x/`).
    pub url: String,
    /// Template name.
    pub template: String,
    /// Page-specific data, merged over the global data.
    pub data: PageData<'a>,
    /// The source file that asked for this page (a page or an alias), for
    /// errors; `None` for pages kette makes on its own.
    pub source: Option<std::path::PathBuf>,
    /// What lazily made data is made from, so that `serve` can tell whether
    /// the page needs rendering again; `None`: always render it.
    pub inputs: Option<Inputs>,
}

/// The data of a page: made at once, or only when the page is rendered (for
/// kinds with many pages, so that memory holds the data of the pages being
/// rendered, not of all of them).
pub enum PageData<'a> {
    /// Data made already.
    Ready(Value),
    /// Data made on demand, with cards lent for the page.
    Lazy(Box<dyn Fn(&mut CardLoans<'_>) -> Value + Send + Sync + 'a>),
}

impl PageData<'_> {
    /// The data, made now if it was lazy.
    pub fn into_value(self, cards: &mut CardLoans<'_>) -> Value {
        match self {
            PageData::Ready(v) => v,
            PageData::Lazy(f) => f(cards),
        }
    }
}

impl<'a> PageJob<'a> {
    /// A job for `url` rendered with `template`.
    pub fn new(url: String, template: &str, data: Value) -> Self {
        PageJob {
            url,
            template: template.to_string(),
            data: PageData::Ready(data),
            source: None,
            inputs: None,
        }
    }

    /// A job whose data is made only when the page is rendered.
    pub fn lazy(
        url: String,
        template: &str,
        data: impl Fn(&mut CardLoans<'_>) -> Value + Send + Sync + 'a,
    ) -> Self {
        PageJob {
            url,
            template: template.to_string(),
            data: PageData::Lazy(Box::new(data)),
            source: None,
            inputs: None,
        }
    }

    /// The same job, with lazily made data made from `items` and printing
    /// `numbers` (see [`Inputs`]).
    pub fn made_from(mut self, items: impl IntoIterator<Item = Shows>, numbers: &[usize]) -> Self {
        self.inputs = Some(Inputs {
            items: items.into_iter().collect(),
            numbers: numbers.to_vec(),
        });
        self
    }

    /// The same job, naming the source file it comes from.
    pub fn from_source(mut self, source: &std::path::Path) -> Self {
        self.source = Some(source.to_path_buf());
        self
    }
}

/// A function that lists the pages of one kind.
pub type PageKind = for<'a> fn(&'a Site, &'a Values<'a>) -> Vec<PageJob<'a>>;

/// Every page kind, in a fixed order.
pub fn all_kinds() -> &'static [PageKind] {
    &[
        home,
        news_lists,
        articles,
        events_list,
        events,
        municipality_list,
        municipalities,
        topic_list,
        topics,
        super::archive::archive_pages,
        super::archive::calendar_pages,
        super::chain::chain_page,
        super::chain::offer_pages,
        super::search_index::search_page,
        standalone_pages,
        aliases,
    ]
}

fn home<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let today = v.today;
    let latest: Vec<Value> = (0..site.articles.len().min(site.config.paginate.min(6)))
        .map(|i| v.card(CardKind::Article, i))
        .collect();
    let upcoming: Vec<Value> = site
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.last_day() >= today)
        .take(5)
        .map(|(i, _)| v.card(CardKind::Event, i))
        .collect();
    let recent: Vec<Value> = site
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
        json!({
            "latest_articles": latest,
            "upcoming_events": upcoming,
            "recent_events": recent,
            "municipalities": v.all_municipality_cards(),
            "article_count": site.articles.len(),
        }),
    )]
}

fn news_lists<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let per_page = site.config.paginate;
    let total = site.articles.len();
    let pages = total.div_ceil(per_page).max(1);
    (1..=pages)
        .into_par_iter()
        .map(|n| {
            PageJob::lazy(site.urls.news_list(n), "news_list.html", move |cards| {
                let items: Vec<Value> = news_page_items(n, per_page, total)
                    .map(|i| cards.article(i))
                    .collect();
                object([
                    ("articles", Value::Array(items)),
                    (
                        "pagination",
                        pagination(n, pages, total, |p| v.link(&site.urls.news_list(p))),
                    ),
                ])
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
pub fn pagination(n: usize, pages: usize, total: usize, url_of: impl Fn(usize) -> String) -> Value {
    let link = |p: usize| (1..=pages).contains(&p).then(|| url_of(p));
    let window = n.saturating_sub(2).max(1)..=(n + 2).min(pages);
    json!({
        "current": n,
        "total_pages": pages,
        "total_items": total,
        "previous": if n > 1 { link(n - 1) } else { None },
        "next": link(n + 1),
        "first": link(1),
        "last": link(pages),
        "pages": window.map(|p| json!({ "number": p, "url": link(p), "current": p == n })).collect::<Vec<_>>(),
    })
}

fn articles<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    site.articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            PageJob::lazy(a.url.clone(), "article.html", move |cards| {
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
                object([
                    ("article", v.article(i, cards)),
                    ("description", json!(a.summary_text)),
                    ("article_json_ld", Value::String(json_ld)),
                ])
            })
            .made_from((i.saturating_sub(1)..(i + 2).min(site.articles.len())).map(Shows::Article), &[])
        })
        .collect()
}

fn events_list<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let job = PageJob::lazy(site.urls.events_list(), "events.html", move |cards| {
        events_list_data(site, v, cards)
    });
    vec![job.made_from((0..site.events.len()).map(Shows::Event), &[])]
}

fn events_list_data(site: &Site, v: &Values<'_>, cards: &mut CardLoans<'_>) -> Value {
    let today = v.today;
    let upcoming: Vec<Value> = site
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.last_day() >= today)
        .map(|(i, _)| cards.event(i))
        .collect();
    let past: Vec<Value> = site
        .events
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, e)| e.last_day() < today)
        .map(|(i, _)| cards.event(i))
        .collect();
    json!({ "upcoming": upcoming, "past": past })
}

fn events<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    site.events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            PageJob::lazy(e.url.clone(), "event.html", move |cards| {
                let json_ld = json_ld(json!({
                    "@context": "https://schema.org",
                    "@type": "Event",
                    "name": e.title,
                    "startDate": v.when(&e.start)["iso"],
                    "endDate": e.end.as_ref().map(|w| v.when(w)["iso"].clone()),
                    "description": e.summary_text,
                    "url": v.permalink(&e.url),
                    "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                    "location": e.location.as_ref().map(|l| json!({ "@type": "Place", "name": l, "address": l })),
                    "image": v.image_permalink(e.image.as_ref()),
                    "organizer": { "@type": "Organization", "name": site.config.title, "url": site.config.base_url.absolute },
                    "inLanguage": site.config.language.code(),
                }));
                object([
                    ("event", v.event(i, cards)),
                    ("description", json!(e.summary_text)),
                    ("event_json_ld", Value::String(json_ld)),
                ])
            })
            .made_from([Shows::Event(i)], &[])
        })
        .collect()
}

fn municipality_list<'a>(site: &'a Site, _: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let job = PageJob::lazy(
        site.urls.municipalities_list(),
        "municipalities.html",
        move |cards| municipality_list_data(site, cards),
    );
    vec![job.made_from((0..site.municipalities.len()).map(Shows::Municipality), &[])]
}

fn municipality_list_data(site: &Site, cards: &mut CardLoans<'_>) -> Value {
    // Grouped by kind, groups in order of first appearance by name.
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for (i, m) in site.municipalities.iter().enumerate() {
        let kind = m.kind.clone().unwrap_or_default();
        match groups.iter_mut().find(|g| g.0 == kind) {
            Some(g) => g.1.push(cards.municipality(i)),
            None => groups.push((kind, vec![cards.municipality(i)])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let mut cohorts: Vec<(String, Vec<Value>)> = Vec::new();
    for (i, m) in site.municipalities.iter().enumerate() {
        let cohort = m.cohort.clone().unwrap_or_default();
        match cohorts.iter_mut().find(|g| g.0 == cohort) {
            Some(g) => g.1.push(cards.municipality(i)),
            None => cohorts.push((cohort, vec![cards.municipality(i)])),
        }
    }
    cohorts.sort_by(|a, b| a.0.cmp(&b.0));
    let to_value = |groups: Vec<(String, Vec<Value>)>| -> Vec<Value> {
        groups
            .into_iter()
            .map(|(name, items)| json!({ "name": name, "municipalities": items }))
            .collect()
    };
    json!({
        "municipalities": (0..site.municipalities.len()).map(|i| cards.municipality(i)).collect::<Vec<_>>(),
        "by_kind": to_value(groups),
        "by_cohort": to_value(cohorts),
    })
}

fn municipalities<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    site.municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| {
            PageJob::lazy(m.url.clone(), "municipality.html", move |cards| {
                object([
                    ("municipality", v.municipality(i, cards)),
                    (
                        "description",
                        Value::String(first_sentence(&m.description_text)),
                    ),
                    ("feed", super::feeds::page_feed(site, &m.url, &m.name)),
                    (
                        "calendar_feed",
                        super::ical::page_calendar(site, &m.url, &m.name, &m.events),
                    ),
                ])
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

fn topic_list<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let topics: Vec<Value> = site
        .topics_by_name()
        .into_iter()
        .map(|t| {
            let t = &site.topics[t];
            json!({
                "name": t.name, "slug": t.slug, "url": v.link(&t.url),
                "article_count": t.articles.len(), "event_count": t.events.len(),
                "municipality_count": t.municipalities.len(), "offer_count": t.offers.len(),
            })
        })
        .collect();
    vec![PageJob::new(
        site.urls.topics_list(),
        "topics.html",
        json!({ "topics": topics }),
    )]
}

fn topics<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let per_page = site.config.paginate;
    site.topics
        .iter()
        .flat_map(|t| {
            let pages = t.articles.len().div_ceil(per_page).max(1);
            (1..=pages).map(move |n| {
                let first = n == 1;
                let shows = t
                    .articles
                    .iter()
                    .skip((n - 1) * per_page)
                    .take(per_page)
                    .map(|&i| Shows::Article(i))
                    .chain(t.events.iter().filter(|_| first).map(|&i| Shows::Event(i)))
                    .chain(
                        t.municipalities
                            .iter()
                            .chain(t.offers.iter().map(|(m, _)| m))
                            .filter(|_| first)
                            .map(|&i| Shows::Municipality(i)),
                    );
                PageJob::lazy(
                    site.urls.topic_page(&t.slug, n),
                    "topic.html",
                    move |cards| {
                        let articles: Vec<Value> = t
                            .articles
                            .iter()
                            .skip((n - 1) * per_page)
                            .take(per_page)
                            .map(|&i| cards.article(i))
                            .collect();
                        // Municipalities, offers and events are on the first page only.
                        let first = n == 1;
                        let events: Vec<Value> = if first {
                            t.events.iter().map(|&i| cards.event(i)).collect()
                        } else {
                            Vec::new()
                        };
                        let municipalities: Vec<Value> = if first {
                            t.municipalities
                                .iter()
                                .map(|&i| cards.municipality(i))
                                .collect()
                        } else {
                            Vec::new()
                        };
                        let offers: Vec<Value> = if first {
                            t.offers
                                .iter()
                                .map(|&(m, o)| v.offer(&site.municipalities[m].offers[o]))
                                .collect()
                        } else {
                            Vec::new()
                        };
                        let topic = object([
                            ("name", json!(t.name)),
                            ("slug", json!(t.slug)),
                            ("url", json!(v.link(&t.url))),
                            ("article_count", json!(t.articles.len())),
                            ("articles", Value::Array(articles)),
                            ("events", Value::Array(events)),
                            ("municipalities", Value::Array(municipalities)),
                            ("offers", Value::Array(offers)),
                        ]);
                        object([
                            ("topic", topic),
                            (
                                "pagination",
                                pagination(n, pages, t.articles.len(), |p| {
                                    v.link(&site.urls.topic_page(&t.slug, p))
                                }),
                            ),
                            ("feed", super::feeds::page_feed(site, &t.url, &t.name)),
                        ])
                    },
                )
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

fn standalone_pages<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let mut jobs: Vec<PageJob> = site
        .pages
        .iter()
        .map(|p| {
            let template = p.template.clone().unwrap_or_else(|| "page.html".into());
            PageJob {
                url: p.url.clone(),
                template,
                source: Some(p.file.clone()),
                inputs: None,
                data: PageData::Ready(json!({
                    "description": p.summary_text,
                    "page": {
                        "title": p.title, "slug": p.slug, "url": v.link(&p.url), "permalink": v.permalink(&p.url),
                        "content_html": p.content_html, "summary": p.summary_text, "extra": p.extra,
                    }
                })),
            }
        })
        .collect();
    jobs.push(PageJob::new("404.html".into(), "404.html", json!({})));
    jobs
}

fn aliases<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let targets = site
        .articles
        .iter()
        .map(|a| (&a.aliases, &a.url, &a.file))
        .chain(site.events.iter().map(|e| (&e.aliases, &e.url, &e.file)));
    let mut jobs = Vec::new();
    for (aliases, url, file) in targets {
        for alias in aliases {
            jobs.push(
                PageJob::new(
                    alias.clone(),
                    "alias.html",
                    json!({ "target": v.link(url), "target_permalink": v.permalink(url) }),
                )
                .from_source(file),
            );
        }
    }
    jobs
}

/// JSON-LD that is safe inside a `<script>` element.
fn json_ld(mut cleaned: Value) -> String {
    if let Value::Object(map) = &mut cleaned {
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
