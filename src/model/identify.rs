//! First step of the model: give every source its slug, date and URL, drop
//! drafts, claim URLs (two items at one URL is an error naming both files),
//! and note which source file lives at which URL for `@/` links.

mod fits;

use std::collections::HashMap;

use rayon::prelude::*;
use std::path::Path;

use chrono_tz::Tz;

use super::items::When;
use super::urls::{alias_url, UrlRegistry, UrlScheme};
use crate::config::Config;
use crate::config::Language;
use crate::content::dates::{date_prefix, DateValue};
use crate::content::records::{ArticleFront, EventFront, PageFront};
use crate::content::{Content, Document, RecordFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::slug::slugify_for;
use crate::yaml;

/// A source with its identity settled.
#[derive(Debug)]
pub struct Identified<S> {
    pub source: S,
    pub slug: String,
    pub url: String,
    pub aliases: Vec<String>,
}

/// A dated source (article or event).
#[derive(Debug)]
pub struct Dated<S> {
    pub item: Identified<S>,
    pub when: When,
}

/// What `@/path` means: an URL, a draft that is not built, or a file already
/// reported as broken.
#[derive(Debug, Clone)]
pub enum LinkTarget {
    Url(String),
    Draft,
    Unparsed,
}

/// Everything identified, in display order.
pub struct Sources {
    pub scheme: UrlScheme,
    pub articles: Vec<Dated<Document<ArticleFront>>>,
    pub events: Vec<Dated<Document<EventFront>>>,
    pub municipalities: Vec<Identified<RecordFile>>,
    pub pages: Vec<Identified<Document<PageFront>>>,
    pub links: HashMap<String, LinkTarget>,
}

/// Where a front matter value is, as a file location (after the `---` line).
pub fn front_location(front_text: &str, key: &str, value: &str) -> Location {
    yaml::locate_value(front_text, key, value, 0).shifted(1)
}

pub fn identify(
    config: &Config,
    content: Content,
    include_drafts: bool,
    problems: &mut Diagnostics,
) -> Sources {
    let scheme = UrlScheme::new(&config.paths);
    let mut registry = UrlRegistry::with_reserved(&scheme);
    let mut links: HashMap<String, LinkTarget> = content
        .unparsed
        .iter()
        .map(|p| (p.clone(), LinkTarget::Unparsed))
        .collect();
    let zone = config.timezone;
    let language = config.language;
    fits::topics(&content, &scheme, language, problems);

    // Municipalities first, sorted by name, so their indices are display order.
    let mut municipalities: Vec<Identified<RecordFile>> = content
        .municipalities
        .into_iter()
        .filter_map(|r| {
            let slug = chosen_slug(
                language,
                r.record.slug.as_deref(),
                &r.stem,
                &r.record.name,
                &r.file,
                |v| yaml::locate_value(&r.text, "slug", v, 0),
                problems,
            )?;
            let url = scheme.municipality(&slug);
            let at = || {
                let (key, value) = match &r.record.slug {
                    Some(given) => ("slug", given),
                    None => ("name", &r.record.name),
                };
                yaml::locate_value(&r.text, key, value, 0)
            };
            if !fits::page(&url, &r.file, at, problems) {
                return None;
            }
            Some(Identified {
                source: r,
                slug,
                url,
                aliases: Vec::new(),
            })
        })
        .collect();
    municipalities
        .sort_by_cached_key(|m| (slugify_for(&m.source.record.name, language), m.slug.clone()));

    let mut dated = DatedContext {
        scheme: &scheme,
        language,
        zone,
        include_drafts,
        links: &mut links,
        problems,
    };
    let mut articles = dated.identify(content.articles, &ARTICLE_RULES);
    articles.sort_by(|a, b| {
        b.when
            .cmp(&a.when)
            .then_with(|| a.item.slug.cmp(&b.item.slug))
    });
    let mut events = dated.identify(content.events, &EVENT_RULES);
    events.sort_by(|a, b| {
        a.when
            .cmp(&b.when)
            .then_with(|| a.item.slug.cmp(&b.item.slug))
    });

    let mut pages: Vec<Identified<Document<PageFront>>> = Vec::new();
    for doc in content.pages {
        if doc.front.draft && !include_drafts {
            links.insert(doc.content_path.clone(), LinkTarget::Draft);
            continue;
        }
        let Some(slug) = chosen_slug(
            language,
            doc.front.slug.as_deref(),
            &doc.stem,
            &doc.front.title,
            &doc.file,
            |v| front_location(&doc.front_text, "slug", v),
            problems,
        ) else {
            continue;
        };
        let url = scheme.page(&slug);
        let at = || {
            let front = &doc.front;
            fits::slug_location(
                &doc.front_text,
                front.slug.as_deref(),
                &front.title,
                &slug,
                language,
            )
        };
        if !fits::page(&url, &doc.file, at, problems) {
            continue;
        }
        let aliases = aliases(&doc.front.aliases, &doc.file, &doc.front_text, problems);
        pages.push(Identified {
            source: doc,
            slug,
            url,
            aliases,
        });
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));

    // Claim URLs in a fixed order, so that the second of two files is the one
    // reported, whatever order the disk lists them in.
    let slug_at = |text: &str, shift: usize| {
        yaml::locate_key(text, "slug").map_or(Location::new(1, 1), |l| l.shifted(shift))
    };
    for m in &municipalities {
        claim(
            &mut registry,
            &m.url,
            &m.source.file,
            || slug_at(&m.source.text, 0),
            problems,
        );
        links.insert(
            m.source.content_path.clone(),
            LinkTarget::Url(m.url.clone()),
        );
    }
    let documents = articles
        .iter()
        .map(|a| {
            (
                &a.item.url,
                &a.item.aliases,
                &a.item.source.file,
                &a.item.source.front_text,
                &a.item.source.content_path,
            )
        })
        .chain(events.iter().map(|e| {
            (
                &e.item.url,
                &e.item.aliases,
                &e.item.source.file,
                &e.item.source.front_text,
                &e.item.source.content_path,
            )
        }))
        .chain(pages.iter().map(|p| {
            (
                &p.url,
                &p.aliases,
                &p.source.file,
                &p.source.front_text,
                &p.source.content_path,
            )
        }));
    for (url, aliases, file, front_text, content_path) in documents {
        claim(
            &mut registry,
            url,
            file,
            || slug_at(front_text, 1),
            problems,
        );
        for alias in aliases {
            claim(
                &mut registry,
                alias,
                file,
                || front_location(front_text, "aliases", alias.trim_end_matches('/')),
                problems,
            );
        }
        links.insert(content_path.clone(), LinkTarget::Url(url.clone()));
    }

    Sources {
        scheme,
        articles,
        events,
        municipalities,
        pages,
        links,
    }
}

/// Claims `url` for `file`; `at` is where the file asks for it, found only
/// when the URL is taken (finding it means scanning the front matter).
fn claim(
    registry: &mut UrlRegistry,
    url: &str,
    file: &Path,
    at: impl FnOnce() -> Location,
    problems: &mut Diagnostics,
) {
    if let Err(d) = registry.claim(url, file, at) {
        problems.push(d);
    }
}

fn split_date_prefix(stem: &str) -> (Option<chrono::NaiveDate>, &str) {
    match date_prefix(stem) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, stem),
    }
}

fn resolve_date(
    given: Option<DateValue>,
    from_name: Option<chrono::NaiveDate>,
    zone: Tz,
) -> Option<When> {
    let value = given.or(from_name.map(DateValue::Date))?;
    Some(When {
        at: value.in_zone(zone),
        all_day: value.is_all_day(),
    })
}

/// The slug: the one given (it must be a slug already), else from the file
/// name, else from the title.
fn chosen_slug(
    language: Language,
    given: Option<&str>,
    name: &str,
    title: &str,
    file: &Path,
    locate: impl Fn(&str) -> Location,
    problems: &mut Diagnostics,
) -> Option<String> {
    if let Some(given) = given {
        if !given.is_empty() && slugify_for(given, language) == given {
            return Some(given.to_string());
        }
        let suggestion = slugify_for(given, language);
        let mut d = Diagnostic::at(
            file,
            locate(given),
            format!(
                "slug `{given}` may only contain lowercase letters a–z, digits and single dashes"
            ),
        );
        if !suggestion.is_empty() {
            d = d.with_help(format!("did you mean `{suggestion}`?"));
        }
        problems.push(d);
        return None;
    }
    let from_name = slugify_for(name, language);
    if !from_name.is_empty() && from_name != "index" {
        return Some(from_name);
    }
    let from_title = slugify_for(title, language);
    if from_title.is_empty() {
        problems.push(
            Diagnostic::at(
                file,
                Location::new(1, 1),
                "cannot make a slug from the file name or title",
            )
            .with_help("add `slug: …` to the front matter"),
        );
        return None;
    }
    Some(from_title)
}

fn aliases(
    given: &[String],
    file: &Path,
    front_text: &str,
    problems: &mut Diagnostics,
) -> Vec<String> {
    let mut out = Vec::new();
    for alias in given {
        match alias_url(alias) {
            Ok(url) => {
                let at = || front_location(front_text, "aliases", alias);
                if fits::page(&url, file, at, problems) {
                    out.push(url);
                }
            }
            Err(message) => problems.push(Diagnostic::at(
                file,
                front_location(front_text, "aliases", alias),
                message,
            )),
        }
    }
    out
}

/// What identifying needs from the front matter of a dated document.
trait DatedFront {
    fn draft(&self) -> bool;
    fn date(&self) -> Option<DateValue>;
    fn slug(&self) -> Option<&str>;
    fn title(&self) -> &str;
    fn aliases(&self) -> &[String];
}

impl DatedFront for ArticleFront {
    fn draft(&self) -> bool {
        self.draft
    }
    fn date(&self) -> Option<DateValue> {
        self.date
    }
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
}

impl DatedFront for EventFront {
    fn draft(&self) -> bool {
        self.draft
    }
    fn date(&self) -> Option<DateValue> {
        self.start
    }
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
}

/// How one kind of dated document is named and placed.
struct DatedRules {
    date_key: &'static str,
    help: &'static str,
    url: fn(&UrlScheme, &str) -> String,
}

const ARTICLE_RULES: DatedRules = DatedRules {
    date_key: "date",
    help: "add `date: YYYY-MM-DD`, or start the file name with the date",
    url: UrlScheme::article,
};

const EVENT_RULES: DatedRules = DatedRules {
    date_key: "start",
    help: "add `start: YYYY-MM-DD` or `start: YYYY-MM-DDTHH:MM`",
    url: UrlScheme::event,
};

/// What identifying articles and events shares.
struct DatedContext<'c> {
    scheme: &'c UrlScheme,
    language: Language,
    zone: Tz,
    include_drafts: bool,
    links: &'c mut HashMap<String, LinkTarget>,
    problems: &'c mut Diagnostics,
}

impl DatedContext<'_> {
    /// Drops drafts, settles date, slug, URL and aliases of every document
    /// (in parallel; problems and drafts are noted in source order).
    fn identify<F: DatedFront + Send>(
        &mut self,
        docs: Vec<Document<F>>,
        rules: &DatedRules,
    ) -> Vec<Dated<Document<F>>> {
        let (scheme, language, zone) = (self.scheme, self.language, self.zone);
        let include_drafts = self.include_drafts;
        let settled: Vec<Settled<F>> = docs
            .into_par_iter()
            .map(|doc| {
                let mut problems = Diagnostics::new();
                if doc.front.draft() && !include_drafts {
                    return Settled::Draft(doc.content_path);
                }
                let (prefix_date, rest) = split_date_prefix(&doc.stem);
                let Some(when) = resolve_date(doc.front.date(), prefix_date, zone) else {
                    problems.push(
                        Diagnostic::at(
                            &doc.file,
                            Location::new(2, 1),
                            format!("missing field `{}`", rules.date_key),
                        )
                        .with_help(rules.help),
                    );
                    return Settled::Problems(problems);
                };
                let Some(slug) = chosen_slug(
                    language,
                    doc.front.slug(),
                    rest,
                    doc.front.title(),
                    &doc.file,
                    |v| front_location(&doc.front_text, "slug", v),
                    &mut problems,
                ) else {
                    return Settled::Problems(problems);
                };
                let url = (rules.url)(scheme, &slug);
                let at = || {
                    let front = &doc.front;
                    fits::slug_location(
                        &doc.front_text,
                        front.slug(),
                        front.title(),
                        &slug,
                        language,
                    )
                };
                if !fits::page(&url, &doc.file, at, &mut problems)
                    | !fits::assets(&url, &doc.file, &doc.assets, language, &mut problems)
                {
                    return Settled::Problems(problems);
                }
                let aliases = aliases(
                    doc.front.aliases(),
                    &doc.file,
                    &doc.front_text,
                    &mut problems,
                );
                let item = Identified {
                    source: doc,
                    slug,
                    url,
                    aliases,
                };
                Settled::Dated(Dated { item, when }, problems)
            })
            .collect();
        let mut out = Vec::with_capacity(settled.len());
        for s in settled {
            match s {
                Settled::Draft(content_path) => {
                    self.links.insert(content_path, LinkTarget::Draft);
                }
                Settled::Problems(problems) => self.problems.extend(problems),
                Settled::Dated(dated, problems) => {
                    self.problems.extend(problems);
                    out.push(dated);
                }
            }
        }
        out
    }
}

/// What became of one dated document.
// Short-lived, one per document: boxing the large variant would cost an
// allocation each.
#[allow(clippy::large_enum_variant)]
enum Settled<F> {
    /// A draft, left out: its content path.
    Draft(String),
    /// Left out for these problems.
    Problems(Diagnostics),
    /// Identified, perhaps with problems (of its aliases).
    Dated(Dated<Document<F>>, Diagnostics),
}
