//! The prevention chain across the network: `/chain/`, municipalities
//! against stages with the offers in each cell and the gaps marked, and the
//! offer directory `/offers/` and `/offers/<stage-id>/`.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tera::Value;

use super::data::chain::{
    Chain, ChainCell, ChainColumn, ChainRow, FilterChoice, FilteredOffer, OfferFilters, OfferStage,
};
use super::job::{PageJob, Shows};
use super::values::Values;
use crate::model::{Municipality, Site};

/// `/chain/`: one row per municipality, one column per stage.
pub(crate) fn chain_page<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let job = PageJob::lazy(site.urls.chain(), "chain.html", move || chain_data(site, v));
    vec![job.made_from(every_municipality(site), &[])]
}

/// Every municipality: the chain and the offer pages show them all.
fn every_municipality(site: &Site) -> impl Iterator<Item = Shows> {
    (0..site.municipalities.len()).map(Shows::Municipality)
}

fn chain_data<'a>(site: &'a Site, v: &Values<'a>) -> ChainPage<'a> {
    let stages = &site.config.stages;
    let count =
        |m: &Municipality, s: usize| m.offers.iter().filter(|o| o.stages.contains(&s)).count();

    let rows: Vec<ChainRow> = site
        .municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let cells: Vec<ChainCell> = stages
                .iter()
                .enumerate()
                .map(|(s, stage)| {
                    let own = count(m, s);
                    let in_members: usize = m
                        .members
                        .iter()
                        .map(|&c| count(&site.municipalities[c], s))
                        .sum();
                    ChainCell {
                        stage: &stage.id,
                        stage_name: &stage.name,
                        count: own,
                        member_count: in_members,
                        gap: own == 0,
                        url: format!("{}#stage-{}", v.link(&m.url), stage.id),
                    }
                })
                .collect();
            ChainRow {
                municipality: v.municipality_card(i),
                has_members: !m.members.is_empty(),
                gaps: cells.iter().filter(|c| c.gap).count(),
                cells,
                total: m.offers.len(),
                member_total: m
                    .members
                    .iter()
                    .map(|&c| site.municipalities[c].offers.len())
                    .sum(),
            }
        })
        .collect();

    let columns: Vec<ChainColumn> = stages
        .iter()
        .enumerate()
        .map(|(s, stage)| ChainColumn {
            id: &stage.id,
            name: &stage.name,
            total: site.municipalities.iter().map(|m| count(m, s)).sum(),
            gaps: site
                .municipalities
                .iter()
                .filter(|m| count(m, s) == 0)
                .count(),
            url: v.link(&site.urls.offers_stage(&stage.id)),
        })
        .collect();

    ChainPage {
        chain: Chain {
            stages: columns,
            rows,
            total: site.offer_count(),
            gaps: site
                .municipalities
                .iter()
                .map(|m| (0..stages.len()).filter(|&s| count(m, s) == 0).count())
                .sum(),
        },
    }
}

/// `chain.html`.
#[derive(Serialize)]
struct ChainPage<'a> {
    chain: Chain<'a>,
}

/// `offers.html`: the offer directory's groups and filters are made once
/// and shared by its pages as Tera values.
#[derive(Serialize)]
struct OffersPage {
    stages: Vec<Value>,
    filters: Value,
    total: usize,
    stage: Option<Value>,
}

/// `/offers/` with every offer by stage, and `/offers/<stage-id>/`.
pub(crate) fn offer_pages<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    // Made once, on first use, for all offer pages.
    let directory: Arc<OnceLock<(Vec<Value>, Value)>> = Arc::default();
    let mut jobs = Vec::with_capacity(site.config.stages.len() + 1);
    let offers = Arc::clone(&directory);
    jobs.push(PageJob::lazy(
        site.urls.offers(),
        "offers.html",
        move || {
            let (groups, filters) = offers.get_or_init(|| offer_directory(site, v));
            OffersPage {
                stages: groups.clone(),
                filters: filters.clone(),
                total: site.offer_count(),
                stage: None,
            }
        },
    ));
    for (s, stage) in site.config.stages.iter().enumerate() {
        let offers = Arc::clone(&directory);
        jobs.push(PageJob::lazy(
            site.urls.offers_stage(&stage.id),
            "offers.html",
            move || {
                let (groups, filters) = offers.get_or_init(|| offer_directory(site, v));
                OffersPage {
                    stages: vec![groups[s].clone()],
                    filters: filters.clone(),
                    total: site.offer_count(),
                    stage: Some(groups[s].clone()),
                }
            },
        ));
    }
    jobs.into_iter()
        .map(|job| job.made_from(every_municipality(site), &[]))
        .collect()
}

/// Every offer by stage, and the choices of the filter, as Tera values.
fn offer_directory(site: &Site, v: &Values<'_>) -> (Vec<Value>, Value) {
    let groups: Vec<Value> = site
        .config
        .stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let offers = site
                .municipalities
                .iter()
                .flat_map(|m| m.offers.iter())
                .filter(|o| o.stages.contains(&s))
                .map(|o| filtered(v, o))
                .collect();
            Value::from_serializable(&OfferStage {
                id: &stage.id,
                name: &stage.name,
                url: v.link(&site.urls.offers_stage(&stage.id)),
                offers,
            })
        })
        .collect();

    let mut topics: Vec<FilterChoice> = site
        .municipalities
        .iter()
        .flat_map(|m| m.offers.iter())
        .flat_map(|o| {
            o.topics.iter().map(|&t| FilterChoice {
                slug: &site.topics[t].slug,
                name: &site.topics[t].name,
            })
        })
        .collect();
    topics.sort_by(|a, b| (a.slug, a.name).cmp(&(b.slug, b.name)));
    topics.dedup_by(|a, b| (a.slug, a.name) == (b.slug, b.name));
    let filters = OfferFilters {
        topics,
        municipalities: site
            .municipalities
            .iter()
            .filter(|m| !m.offers.is_empty())
            .map(|m| FilterChoice {
                slug: &m.slug,
                name: &m.name,
            })
            .collect(),
    };

    (groups, Value::from_serializable(&filters))
}

/// An offer with the keys the filter script matches on: the slugs of the
/// topics it shows and of its municipality.
fn filtered<'a>(v: &Values<'a>, o: &'a crate::model::Offer) -> FilteredOffer<'a> {
    let offer = v.offer(o);
    let filter_topics = offer
        .topics
        .iter()
        .map(|t| t.slug)
        .collect::<Vec<_>>()
        .join(" ");
    FilteredOffer {
        filter_municipality: offer.municipality.slug,
        filter_topics,
        offer,
    }
}
