//! First step of the model: give every source its slug, date and URL, drop
//! drafts, claim URLs (two items at one URL is an error naming both files),
//! and note which source file lives at which URL for `@/` links.

mod claims;
mod dated;
mod fits;
mod municipalities;
mod pages;

use std::collections::HashMap;
use std::path::Path;

use super::items::When;
use super::urls::{alias_url, UrlScheme};
use crate::config::Config;
use crate::config::Language;
use crate::content::records::{ArticleFront, EventFront, PageFront};
use crate::content::{Content, Document, RecordFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages;
use crate::slug::slugify_for;
use crate::yaml;
use dated::{DatedContext, ARTICLE_RULES, EVENT_RULES};

/// A source with its identity settled.
#[derive(Debug)]
pub(super) struct Identified<S> {
    pub source: S,
    pub slug: String,
    pub url: String,
    pub aliases: Vec<String>,
}

/// A dated source (article or event).
#[derive(Debug)]
pub(super) struct Dated<S> {
    pub item: Identified<S>,
    pub when: When,
}

/// What `@/path` means: an URL, a draft that is not built, or a file already
/// reported as broken.
#[derive(Debug, Clone)]
pub(super) enum LinkTarget {
    Url(String),
    Draft,
    Unparsed,
}

/// Everything identified, in display order.
pub(super) struct Sources {
    pub scheme: UrlScheme,
    pub articles: Vec<Dated<Document<ArticleFront>>>,
    pub events: Vec<Dated<Document<EventFront>>>,
    pub municipalities: Vec<Identified<RecordFile>>,
    pub pages: Vec<Identified<Document<PageFront>>>,
    pub links: HashMap<String, LinkTarget>,
}

/// Where a front matter value is, as a file location (after the `---` line).
pub(super) fn front_location(front_text: &str, key: &str, value: &str) -> Location {
    yaml::locate_value(front_text, key, value, 0).shifted(1)
}

/// Settles the identity of every source of `content`: slugs, URLs, dates,
/// aliases; drafts left out unless `include_drafts`. Sub-passes in order:
/// municipalities, articles, events, pages, then the claims of their URLs.
pub(super) fn identify(
    config: &Config,
    content: Content,
    include_drafts: bool,
    problems: &mut Diagnostics,
) -> Sources {
    let scheme = UrlScheme::new(&config.paths);
    let mut links: HashMap<String, LinkTarget> = content
        .unparsed
        .iter()
        .map(|p| (p.clone(), LinkTarget::Unparsed))
        .collect();
    let language = config.default_language;
    fits::topics(&content, &scheme, language, problems);
    let municipalities =
        municipalities::identify(content.municipalities, &scheme, language, problems);
    let mut dated = DatedContext {
        scheme: &scheme,
        language,
        zone: config.timezone,
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
    let pages = pages::identify(
        content.pages,
        &scheme,
        language,
        include_drafts,
        &mut links,
        problems,
    );
    claims::claim_all(
        &scheme,
        &municipalities,
        &articles,
        &events,
        &pages,
        &mut links,
        problems,
    );
    Sources {
        scheme,
        articles,
        events,
        municipalities,
        pages,
        links,
    }
}

/// The slug: the one given (it must be a slug already), else from the file
/// name, else from the title.
pub(super) fn chosen_slug(
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
        let mut d = Diagnostic::at(file, locate(given), messages::slug_characters(given));
        if !suggestion.is_empty() {
            d = d.with_help(messages::did_you_mean(&suggestion));
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
            Diagnostic::at(file, Location::new(1, 1), messages::no_slug())
                .with_help(messages::add_slug()),
        );
        return None;
    }
    Some(from_title)
}

/// The URLs of a document's `aliases:`, each checked to fit the file
/// system; unusable ones are problems.
pub(super) fn aliases(
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
