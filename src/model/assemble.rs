//! Second step of the model: render every Markdown text (in parallel, with
//! [`super::texts`]), resolve references between items — municipalities named by articles and
//! events, parents and members, topics, stages of offers — and report every
//! reference that leads nowhere, with a "did you mean".

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::identify::{front_location, LinkTarget, Sources};
use super::items::*;
use super::text_memo::TextMemo;
use super::texts::{Body, SourceText, TextRenderer};
use super::topics::TopicIndex;
use super::Site;
use crate::catalog::{self, Catalog, FileKind};
use crate::config::{Config, Language};
use crate::content::markdown::Rendered;
use crate::content::plain::first_words;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::yaml;

use super::pictures::LeadOf;
use super::text::{bundle_relative, object_or_empty, shorten, stage_ids, WithHelpIfNone};

pub fn assemble(
    config: Config,
    sources: Sources,
    memo: Option<&TextMemo>,
    problems: &mut Diagnostics,
) -> Site {
    let links = &sources.links;
    // Files of article folders by the site path they are published at, so
    // that images can be found from any text that names them.
    let image_catalog = Catalog::new(
        &config,
        sources.articles.iter().flat_map(|a| {
            let doc = &a.item.source;
            doc.assets.iter().map(move |source| {
                (
                    format!("{}{}", a.item.url, bundle_relative(source, &doc.file)),
                    source.clone(),
                )
            })
        }),
    );
    let texts = TextRenderer::new(&config, links, &image_catalog, memo);

    // Markdown of all kinds, summaries and lead images, in parallel.
    let event_html: Vec<Body> = sources
        .events
        .par_iter()
        .map(|e| {
            let doc = &e.item.source;
            let front = &doc.front;
            texts.with_lead_image(
                SourceText::of(doc),
                &e.item.url,
                front.image.as_deref(),
                front.summary.as_deref(),
                LeadOf::Event,
            )
        })
        .collect();
    let page_html: Vec<(Rendered, Vec<Diagnostic>)> = sources
        .pages
        .par_iter()
        .map(|p| texts.body(SourceText::of(&p.source), &p.url, true))
        .collect();
    type RecordHtml = (
        Option<(Rendered, Vec<Diagnostic>)>,
        Vec<Option<(Rendered, Vec<Diagnostic>)>>,
    );
    let record_html: Vec<RecordHtml> = sources
        .municipalities
        .par_iter()
        .map(|m| {
            let r = &m.source;
            let description = r.record.description.as_deref().map(|d| {
                texts.text(d, (r.fingerprint, 0), &m.url, &r.file, false, &|o| {
                    let base = yaml::locate_key(&r.text, "description").map_or(0, |l| l.line);
                    Location::of_offset(d, o).shifted(base)
                })
            });
            let offers = r
                .record
                .offers
                .iter()
                .enumerate()
                .map(|(i, offer)| {
                    offer.description.as_deref().map(|d| {
                        texts.text(d, (r.fingerprint, i + 1), &m.url, &r.file, false, &|_| {
                            yaml::locate_value(&r.text, "offers", &offer.name, 0)
                        })
                    })
                })
                .collect();
            (description, offers)
        })
        .collect();

    let scheme = sources.scheme.clone();
    let mut topics = TopicIndex::new(config.language);
    let slugs: HashMap<String, MunicipalityId> = sources
        .municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| (m.slug.clone(), i))
        .collect();
    let unparsed_stems: Vec<String> = sources
        .links
        .iter()
        .filter(|(path, target)| {
            matches!(target, LinkTarget::Unparsed) && path.starts_with("municipalities/")
        })
        .map(|(path, _)| {
            crate::slug::slugify_for(
                path.trim_start_matches("municipalities/")
                    .rsplit_once('.')
                    .map_or(path.as_str(), |(s, _)| s),
                config.language,
            )
        })
        .collect();
    let all_slugs: Vec<&str> = {
        let mut v: Vec<&str> = slugs.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    };
    // The location is found only for an error: finding it means scanning
    // the YAML text, too slow to do for every reference of every article.
    let lookup = |slug: &str,
                  file: &Path,
                  at: &dyn Fn() -> Location,
                  problems: &mut Diagnostics|
     -> Option<MunicipalityId> {
        if let Some(&id) = slugs.get(slug) {
            return Some(id);
        }
        if !unparsed_stems.iter().any(|s| s == slug) {
            problems.push(
                Diagnostic::at(file, at(), format!("unknown municipality `{slug}`"))
                    .with_suggestion(did_you_mean(slug, all_slugs.iter().copied()))
                    .with_help_if_none(format!("known municipalities: {}", shorten(&all_slugs))),
            );
        }
        None
    };

    // Municipalities, their parents, focus topics and offers.
    let mut municipalities: Vec<Municipality> = Vec::with_capacity(sources.municipalities.len());
    let mut parent_locations: Vec<Location> = Vec::with_capacity(sources.municipalities.len());
    for (index, (m, (description, offers_html))) in sources
        .municipalities
        .into_iter()
        .zip(record_html)
        .enumerate()
    {
        let r = m.source;
        let record = r.record;
        parent_locations.push(yaml::locate_key(&r.text, "parent").unwrap_or(Location::new(1, 1)));
        let parent = record.parent.as_deref().and_then(|p| {
            let at = yaml::locate_value(&r.text, "parent", p, 0);
            let id = lookup(p, &r.file, &|| at, problems)?;
            if id == index {
                problems.push(Diagnostic::at(
                    &r.file,
                    at,
                    "a municipality cannot be its own parent",
                ));
                return None;
            }
            Some(id)
        });
        let focus = topics.intern_all(&record.focus, &scheme);
        let (description_html, description_text) = take_rendered(description, problems);
        let mut offers = Vec::with_capacity(record.offers.len());
        let mut search_from = yaml::locate_key_offset(&r.text, "offers").unwrap_or(0);
        for (offer, html) in record.offers.into_iter().zip(offers_html) {
            let offer_at = crate::yaml::find_token(&r.text[search_from..], &offer.name)
                .map_or(search_from, |i| search_from + i);
            search_from = offer_at;
            let mut stages = Vec::new();
            if offer.stages.is_empty() {
                problems.push(
                    Diagnostic::at(
                        &r.file,
                        Location::of_offset(&r.text, offer_at),
                        format!("offer `{}` names no stage", offer.name),
                    )
                    .with_help(format!(
                        "add `stages: [...]` with ids from: {}",
                        stage_ids(&config)
                    )),
                );
            }
            for stage in &offer.stages {
                match config.stages.iter().position(|s| &s.id == stage) {
                    Some(i) if !stages.contains(&i) => stages.push(i),
                    Some(_) => {}
                    None => {
                        let at = yaml::locate_value(&r.text, "stages", stage, offer_at);
                        problems.push(
                            Diagnostic::at(
                                &r.file,
                                at,
                                format!("unknown stage `{stage}` in offer `{}`", offer.name),
                            )
                            .with_suggestion(did_you_mean(
                                stage,
                                config.stages.iter().map(|s| s.id.as_str()),
                            ))
                            .with_help_if_none(format!("stages are: {}", stage_ids(&config))),
                        );
                    }
                }
            }
            stages.sort_unstable();
            let (description_html, description_text) = take_rendered(html, problems);
            let base = crate::slug::slugify_for(&offer.name, config.language);
            let prefix = match config.language {
                Language::De => "angebot",
                Language::En => "offer",
            };
            let mut anchor = format!("{prefix}-{base}");
            let mut n = 2;
            while offers.iter().any(|o: &Offer| o.anchor == anchor) {
                anchor = format!("{prefix}-{base}-{n}");
                n += 1;
            }
            offers.push(Offer {
                name: offer.name,
                anchor,
                municipality: index,
                stages,
                provider: offer.provider,
                topics: topics.intern_all(&offer.topics, &scheme),
                url: offer.url,
                contact: offer.contact,
                description_html,
                description_text,
            });
        }
        municipalities.push(Municipality {
            fingerprint: r.fingerprint,
            file: r.file,
            slug: m.slug,
            url: m.url,
            name: record.name,
            kind: record.kind,
            parent,
            members: Vec::new(),
            joined: record.joined,
            cohort: record.cohort,
            leadership: record.leadership,
            contacts: record.contacts,
            focus,
            partners: record.partners,
            website: record.website,
            location: record.location,
            population: record.population,
            description_html,
            description_text,
            offers,
            articles: Vec::new(),
            events: Vec::new(),
            extra: object_or_empty(record.extra),
        });
    }
    check_parent_cycles(&mut municipalities, &parent_locations, problems);
    for i in 0..municipalities.len() {
        if let Some(p) = municipalities[i].parent {
            municipalities[p].members.push(i);
        }
    }

    let references = |names: &[String],
                      file: &Path,
                      front_text: &str,
                      problems: &mut Diagnostics|
     -> Vec<MunicipalityId> {
        let mut ids = Vec::new();
        for name in names {
            let at = || front_location(front_text, "municipalities", name);
            if let Some(id) = lookup(name, file, &at, problems) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    };

    // Articles are many: each is made whole in parallel, its Markdown
    // included; only its topics are named in order afterwards (the first
    // spelling of a topic names it).
    let made: Vec<(Article, Vec<String>, Diagnostics)> = sources
        .articles
        .into_par_iter()
        .map(|a| {
            let mut problems = Diagnostics::new();
            let doc = &a.item.source;
            let front = &doc.front;
            let Body {
                rendered,
                problems: broken,
                summary: (summary_html, summary_text),
                image,
            } = texts.with_lead_image(
                SourceText::of(doc),
                &a.item.url,
                front.image.as_deref(),
                front.summary.as_deref(),
                LeadOf::Article,
            );
            problems.extend(broken);
            let doc = a.item.source;
            let front = doc.front;
            let municipality_ids = references(
                &front.municipalities,
                &doc.file,
                &doc.front_text,
                &mut problems,
            );
            let updated = front.updated.map(|u| When {
                at: u.in_zone(config.timezone),
                all_day: u.is_all_day(),
            });
            // Photos are published processed, never as they are (unless asked).
            let assets: Vec<Asset> = doc
                .assets
                .iter()
                .filter(|source| {
                    config.images.publish_originals
                        || !matches!(
                            catalog::file_kind(source),
                            FileKind::Photo | FileKind::Unsupported
                        )
                })
                .map(|source| Asset {
                    output: format!("{}{}", a.item.url, bundle_relative(source, &doc.file)),
                    source: source.clone(),
                })
                .collect();
            let image = image.and_then(|i| i.map_err(|d| problems.push(d)).ok());
            let article = Article {
                fingerprint: doc.fingerprint,
                file: doc.file,
                slug: a.item.slug,
                url: a.item.url,
                title: front.title,
                date: a.when,
                updated,
                place: front.place,
                municipalities: municipality_ids,
                topics: Vec::new(),
                summary_html,
                summary_text,
                content_html: rendered.html,
                plain_text: rendered.plain,
                author: front.author,
                image,
                draft: front.draft,
                aliases: a.item.aliases,
                assets,
                extra: object_or_empty(front.extra),
            };
            (article, front.topics, problems)
        })
        .collect();
    let mut articles = Vec::with_capacity(made.len());
    for (mut article, topic_names, article_problems) in made {
        problems.extend(article_problems);
        article.topics = topics.intern_all(&topic_names, &scheme);
        articles.push(article);
    }

    let mut events = Vec::with_capacity(sources.events.len());
    for (e, body) in sources.events.into_iter().zip(event_html) {
        let Body {
            rendered,
            problems: broken,
            summary: (summary_html, summary_text),
            image,
        } = body;
        problems.extend(broken);
        let image = image.and_then(|i| i.map_err(|d| problems.push(d)).ok());
        let doc = e.item.source;
        let front = doc.front;
        let municipality_ids =
            references(&front.municipalities, &doc.file, &doc.front_text, problems);
        let end = front.end.map(|v| When {
            at: v.in_zone(config.timezone),
            all_day: v.is_all_day(),
        });
        if let Some(end) = end {
            let before = if end.all_day || e.when.all_day {
                end.date() < e.when.date()
            } else {
                end.at < e.when.at
            };
            if before {
                let written = yaml::locate_key(&doc.front_text, "end")
                    .map_or(Location::new(2, 1), |l| l.shifted(1));
                problems.push(
                    Diagnostic::at(&doc.file, written, "the event ends before it starts")
                        .with_help("`end` must not be before `start`"),
                );
            }
        }
        events.push(Event {
            fingerprint: doc.fingerprint,
            file: doc.file,
            slug: e.item.slug,
            url: e.item.url,
            title: front.title,
            start: e.when,
            end,
            location: front.location,
            municipalities: municipality_ids,
            topics: topics.intern_all(&front.topics, &scheme),
            summary_html,
            summary_text,
            content_html: rendered.html,
            plain_text: rendered.plain,
            external_url: front.url,
            image,
            draft: front.draft,
            aliases: e.item.aliases,
            extra: object_or_empty(front.extra),
        });
    }

    let mut pages = Vec::with_capacity(sources.pages.len());
    for (p, (rendered, broken)) in sources.pages.into_iter().zip(page_html) {
        problems.extend(broken);
        let doc = p.source;
        let summary_text = first_words(&rendered.plain, 30);
        pages.push(Page {
            fingerprint: doc.fingerprint,
            file: doc.file,
            slug: p.slug,
            url: p.url,
            title: doc.front.title,
            menu: doc.front.menu,
            template: doc.front.template,
            content_html: rendered.html,
            summary_text,
            draft: doc.front.draft,
            extra: object_or_empty(doc.front.extra),
        });
    }

    // Cross-links, all in display order because the lists above are.
    let mut topics = topics.into_topics();
    for (i, a) in articles.iter().enumerate() {
        for &m in &a.municipalities {
            municipalities[m].articles.push(i);
        }
        for &t in &a.topics {
            topics[t].articles.push(i);
        }
    }
    for (i, e) in events.iter().enumerate() {
        for &m in &e.municipalities {
            municipalities[m].events.push(i);
        }
        for &t in &e.topics {
            topics[t].events.push(i);
        }
    }
    for (i, m) in municipalities.iter().enumerate() {
        for &t in &m.focus {
            topics[t].municipalities.push(i);
        }
        for (o, offer) in m.offers.iter().enumerate() {
            for &t in &offer.topics {
                topics[t].offers.push((i, o));
            }
        }
    }

    let missing_alt = texts.into_missing_alt();
    Site {
        config,
        urls: scheme,
        articles,
        events,
        municipalities,
        topics,
        pages,
        images: image_catalog.finish(missing_alt),
    }
}

pub(super) fn take_rendered(
    rendered: Option<(Rendered, Vec<Diagnostic>)>,
    problems: &mut Diagnostics,
) -> (String, String) {
    match rendered {
        Some((r, broken)) => {
            problems.extend(broken);
            (r.html.to_string(), r.plain.to_string())
        }
        None => (String::new(), String::new()),
    }
}

/// A parent chain that comes back to where it started is reported once and
/// broken, so that later steps can walk parents safely.
pub(super) fn check_parent_cycles(
    municipalities: &mut [Municipality],
    locations: &[Location],
    problems: &mut Diagnostics,
) {
    for start in 0..municipalities.len() {
        let mut seen = vec![start];
        let mut current = municipalities[start].parent;
        while let Some(p) = current {
            if p == start {
                let m = &municipalities[start];
                problems.push(Diagnostic::at(
                    &m.file,
                    locations[start],
                    format!("`parent` of {} leads back to itself", m.name),
                ));
                municipalities[start].parent = None;
                break;
            }
            if seen.contains(&p) {
                break;
            }
            seen.push(p);
            current = municipalities[p].parent;
        }
    }
}
