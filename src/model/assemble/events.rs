//! The events pass: each event's Markdown, summary and lead image rendered
//! in parallel, then the events made in order (their topics numbered as
//! met), an end before the start reported.

use rayon::prelude::*;

use super::super::identify::Dated;
use super::super::items::*;
use super::super::pictures::LeadOf;
use super::super::text::object_or_empty;
use super::super::texts::{Body, SourceText};
use super::{Context, Partial};
use crate::content::records::EventFront;
use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages;
use crate::yaml;

/// Adds the events, by start.
pub(super) fn run(
    mut model: Partial,
    sources: Vec<Dated<Document<EventFront>>>,
    cx: &Context<'_>,
    problems: &mut Diagnostics,
) -> Partial {
    let config = cx.config;
    let bodies: Vec<Body> = sources
        .par_iter()
        .map(|e| {
            let doc = &e.item.source;
            let front = &doc.front;
            cx.texts.with_lead_image(
                SourceText::of(doc),
                &e.item.url,
                front.image.as_deref(),
                front.summary.as_deref(),
                LeadOf::Event,
            )
        })
        .collect();
    model.events.reserve(sources.len());
    for (e, body) in sources.into_iter().zip(bodies) {
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
            cx.known
                .references(&front.municipalities, &doc.file, &doc.front_text, problems);
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
                problems.push({
                    let (message, help) = messages::event_ends_before_start();
                    Diagnostic::at(&doc.file, written, message).with_help(help)
                });
            }
        }
        model.events.push(Event {
            fingerprint: doc.fingerprint,
            file: doc.file,
            slug: e.item.slug,
            url: e.item.url,
            title: front.title,
            start: e.when,
            end,
            location: front.location,
            municipalities: municipality_ids,
            topics: model.topics.intern_all(&front.topics, cx.scheme),
            summary_html,
            summary_text,
            content_html: rendered.html,
            plain_text: rendered.plain,
            external_url: front.url,
            image,
            image_alt: front.image_alt,
            draft: front.draft,
            aliases: e.item.aliases,
            extra: object_or_empty(front.extra),
            untranslated: false,
        });
    }
    model
}
