//! The municipalities pass: each record with its description and offers
//! rendered (in parallel), its parent resolved, its focus topics and
//! offers' topics numbered, offers checked against the chain's stages.

use rayon::prelude::*;

use super::super::identify::Identified;
use super::super::items::*;
use super::super::text::{object_or_empty, stage_ids, WithHelpIfNone};
use super::super::texts::{municipality_page_ids, offer_anchors};
use super::{take_rendered, Context, Partial};
use crate::content::markdown::Rendered;
use crate::content::records::OfferRecord;
use crate::content::RecordFile;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::messages;
use crate::yaml;

/// A rendered text of a record and its problems.
type Html = Option<(Rendered, Vec<Diagnostic>)>;

/// Adds the municipalities, in display order (their index).
pub(super) fn run(
    mut model: Partial,
    records: Vec<Identified<RecordFile>>,
    cx: &Context<'_>,
    problems: &mut Diagnostics,
) -> Partial {
    let html: Vec<(Html, Vec<Html>)> = records.par_iter().map(|m| texts_of(m, cx)).collect();
    model.municipalities.reserve(records.len());
    for (index, (m, (description, offers_html))) in records.into_iter().zip(html).enumerate() {
        let r = &m.source;
        model
            .parent_locations
            .push(yaml::locate_key(&r.text, "parent").unwrap_or(Location::new(1, 1)));
        let parent = r.record.parent.as_deref().and_then(|p| {
            let at = yaml::locate_value(&r.text, "parent", p, 0);
            let id = cx.known.lookup(p, &r.file, &|| at, problems)?;
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
        let focus = model.topics.intern_all(&r.record.focus, cx.scheme);
        let (description_html, description_text) = take_rendered(description, problems);
        let offers = offers(&mut model, index, &m.source, offers_html, cx, problems);
        let r = m.source;
        let record = r.record;
        model.municipalities.push(Municipality {
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
            untranslated: record.untranslated,
            offers,
            articles: Vec::new(),
            events: Vec::new(),
            extra: object_or_empty(record.extra),
        });
    }
    model
}

/// The description and the offers' descriptions of a record, rendered.
fn texts_of(m: &Identified<RecordFile>, cx: &Context<'_>) -> (Html, Vec<Html>) {
    let r = &m.source;
    let ids = &mut municipality_page_ids(cx.config, r.record.offers.iter().map(|o| &*o.name));
    let description = r.record.description.as_deref().map(|d| {
        cx.texts
            .text(d, (r.fingerprint, 0), (&m.url, ids), &r.file, false, &|o| {
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
                cx.texts.text(
                    d,
                    (r.fingerprint, i + 1),
                    (&m.url, ids),
                    &r.file,
                    false,
                    &|_| yaml::locate_value(&r.text, "offers", &offer.name, 0),
                )
            })
        })
        .collect();
    (description, offers)
}

/// The offers of municipality `index`, from its record `r`.
fn offers(
    model: &mut Partial,
    index: MunicipalityId,
    r: &RecordFile,
    html: Vec<Html>,
    cx: &Context<'_>,
    problems: &mut Diagnostics,
) -> Vec<Offer> {
    let mut offers: Vec<Offer> = Vec::with_capacity(r.record.offers.len());
    let mut search_from = yaml::locate_key_offset(&r.text, "offers").unwrap_or(0);
    let anchors = offer_anchors(
        r.record.offers.iter().map(|o| &*o.name),
        cx.config.default_language,
    );
    for ((offer, html), anchor) in r.record.offers.iter().zip(html).zip(anchors) {
        let offer_at = crate::yaml::find_token(&r.text[search_from..], &offer.name)
            .map_or(search_from, |i| search_from + i);
        search_from = offer_at;
        let stages = stages(offer, r, offer_at, cx, problems);
        let (description_html, description_text) = take_rendered(html, problems);
        offers.push(Offer {
            name: offer.name.clone(),
            anchor,
            municipality: index,
            stages,
            provider: offer.provider.clone(),
            topics: model.topics.intern_all(&offer.topics, cx.scheme),
            url: offer.url.clone(),
            contact: offer.contact.clone(),
            description_html,
            description_text,
            description_untranslated: offer.description_untranslated,
        });
    }
    offers
}

/// The stages of an offer written at byte `offer_at` of `r`, as indices
/// into the chain, in chain order; unknown and missing ones are problems.
fn stages(
    offer: &OfferRecord,
    r: &RecordFile,
    offer_at: usize,
    cx: &Context<'_>,
    problems: &mut Diagnostics,
) -> Vec<usize> {
    let config = cx.config;
    let mut stages = Vec::new();
    if offer.stages.is_empty() {
        let (message, help) = messages::offer_without_stage(&offer.name, &stage_ids(config));
        problems.push(
            Diagnostic::at(&r.file, Location::of_offset(&r.text, offer_at), message)
                .with_help(help),
        );
    }
    for stage in &offer.stages {
        match config.stages.iter().position(|s| &s.id == stage) {
            Some(i) if !stages.contains(&i) => stages.push(i),
            Some(_) => {}
            None => {
                let at = yaml::locate_value(&r.text, "stages", stage, offer_at);
                let (message, help) =
                    messages::unknown_stage(stage, &offer.name, &stage_ids(config));
                // An editor who copies the stage's name from the page
                // (`0 bis 3 Jahre`) is told its id, not a near miss.
                let by_label = config
                    .stages
                    .iter()
                    .find(|s| s.name.trim().eq_ignore_ascii_case(stage.trim()));
                let problem = Diagnostic::at(&r.file, at, message);
                problems.push(match by_label {
                    Some(s) => problem.with_help(messages::stage_label_not_id(stage, &s.id)),
                    None => problem
                        .with_suggestion(did_you_mean(
                            stage,
                            config.stages.iter().map(|s| s.id.as_str()),
                        ))
                        .with_help_if_none(help),
                });
            }
        }
    }
    stages.sort_unstable();
    stages
}
