//! The articles pass. Articles are many: each is made whole in parallel,
//! its Markdown, summary and lead image included; only its topics are
//! numbered in order afterwards (the first spelling of a topic names it).

use rayon::prelude::*;

use super::super::identify::Dated;
use super::super::items::*;
use super::super::pictures::LeadOf;
use super::super::text::{bundle_relative, object_or_empty};
use super::super::texts::{Body, SourceText};
use super::{Context, Partial};
use crate::catalog::{self, FileKind};
use crate::content::records::ArticleFront;
use crate::content::Document;
use crate::diagnostics::Diagnostics;

/// Adds the articles, newest first.
pub(super) fn run(
    mut model: Partial,
    sources: Vec<Dated<Document<ArticleFront>>>,
    cx: &Context<'_>,
    problems: &mut Diagnostics,
) -> Partial {
    let made: Vec<(Article, Vec<String>, Diagnostics)> =
        sources.into_par_iter().map(|a| article(a, cx)).collect();
    model.articles.reserve(made.len());
    for (mut article, topic_names, article_problems) in made {
        problems.extend(article_problems);
        article.topics = model.topics.intern_all(&topic_names, cx.scheme);
        model.articles.push(article);
    }
    model
}

/// One article without its topics, the names of its topics and its
/// problems.
fn article(
    a: Dated<Document<ArticleFront>>,
    cx: &Context<'_>,
) -> (Article, Vec<String>, Diagnostics) {
    let config = cx.config;
    let mut problems = Diagnostics::new();
    let doc = &a.item.source;
    let front = &doc.front;
    let Body {
        rendered,
        problems: broken,
        summary: (summary_html, summary_text),
        image,
    } = cx.texts.with_lead_image(
        SourceText::of(doc),
        &a.item.url,
        front.image.as_deref(),
        front.summary.as_deref(),
        LeadOf::Article,
    );
    problems.extend(broken);
    let doc = a.item.source;
    let front = doc.front;
    let municipality_ids = cx.known.references(
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
        image_alt: front.image_alt,
        draft: front.draft,
        aliases: a.item.aliases,
        assets,
        extra: object_or_empty(front.extra),
        untranslated: false,
    };
    (article, front.topics, problems)
}
