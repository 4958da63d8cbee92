//! Building the site model from the identified sources, in passes, one file
//! a pass, run in this order by [`assemble`] (after `content::load` and
//! [`super::identify`], the passes before these):
//!
//! 1. [`municipalities`]: records, their offers, parents and focus topics;
//! 2. [`articles`], 3. [`events`], 4. [`pages`]: each kind with its
//!    Markdown, summary and lead image, linked to the municipalities it
//!    names;
//! 5. [`validate`]: what needs every municipality at once (parent chains);
//! 6. [`crosslinks`]: members, each municipality's and topic's articles,
//!    events and offers.
//!
//! Like mdBook's preprocessors, a pass takes the model so far ([`Partial`])
//! and returns it, grown; what it finds wrong goes to the problems, and
//! later passes run anyway, so that one build reports every problem. Topics
//! are numbered in the order the passes meet them (the first spelling names
//! a topic), so the order of the passes is part of the output.

mod articles;
mod crosslinks;
mod events;
mod municipalities;
mod pages;
mod references;
mod validate;

use super::identify::Sources;
use super::items::*;
use super::patch::LinkTable;
use super::text::bundle_relative;
use super::text_memo::TextMemo;
use super::texts::TextRenderer;
use super::topics::TopicIndex;
use super::urls::UrlScheme;
use super::Site;
use crate::catalog::Catalog;
use crate::config::Config;
use crate::content::markdown::Rendered;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use references::Known;

/// The model so far: what the passes before have made.
pub(super) struct Partial {
    pub municipalities: Vec<Municipality>,
    /// Where each municipality's `parent` is written (for [`validate`]).
    pub parent_locations: Vec<Location>,
    pub articles: Vec<Article>,
    pub events: Vec<Event>,
    pub pages: Vec<Page>,
    /// Topics by first spelling, in the order the passes met them.
    pub topics: TopicIndex,
}

/// What every pass reads and none changes.
pub(super) struct Context<'a> {
    pub config: &'a Config,
    pub scheme: &'a UrlScheme,
    /// Markdown, summaries and images of every text.
    pub texts: &'a TextRenderer<'a>,
    /// The municipalities' slugs, for references to them.
    pub known: &'a Known,
}

/// The site model of `sources`, every pass run in order, and the table of
/// `@/` links it was made with.
pub(super) fn assemble(
    config: Config,
    sources: Sources,
    memo: Option<&TextMemo>,
    problems: &mut Diagnostics,
) -> (Site, LinkTable) {
    let Sources {
        scheme,
        articles,
        events,
        municipalities,
        pages,
        links,
    } = sources;
    // Files of article folders by the site path they are published at, so
    // that images can be found from any text that names them.
    let image_catalog = Catalog::new(
        &config,
        articles.iter().flat_map(|a| {
            let doc = &a.item.source;
            doc.assets.iter().map(move |source| {
                (
                    format!("{}{}", a.item.url, bundle_relative(source, &doc.file)),
                    source.clone(),
                )
            })
        }),
    );
    let texts = TextRenderer::new(&config, &links, &image_catalog, memo);
    let known = Known::new(&municipalities, &links, config.default_language);
    let cx = Context {
        config: &config,
        scheme: &scheme,
        texts: &texts,
        known: &known,
    };
    let model = Partial {
        municipalities: Vec::new(),
        parent_locations: Vec::new(),
        articles: Vec::new(),
        events: Vec::new(),
        pages: Vec::new(),
        topics: TopicIndex::new(config.default_language),
    };
    let model = municipalities::run(model, municipalities, &cx, problems);
    let model = articles::run(model, articles, &cx, problems);
    let model = events::run(model, events, &cx, problems);
    let model = pages::run(model, pages, &cx, problems);
    let model = validate::run(model, problems);
    let linked = crosslinks::run(model);

    let missing_alt = texts.into_missing_alt();
    let mut topics = linked.topics;
    // A topic's name in the language being built (`topic_names:`); its
    // slug and URL stay those of the default language.
    for topic in &mut topics {
        if let Some(name) = config.topic_name(&topic.slug) {
            topic.name = name.to_string();
        }
    }
    let site = Site {
        config,
        urls: scheme,
        articles: linked.articles,
        events: linked.events,
        municipalities: linked.municipalities,
        topics,
        pages: linked.pages,
        images: image_catalog.finish(missing_alt),
    };
    (site, links)
}

/// The HTML and text of a rendered text, its problems added to `problems`;
/// empty for no text.
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
