//! The prevention chain across the network: `/chain/`, municipalities
//! against stages with the offers in each cell and the gaps marked, and the
//! offer directory `/offers/` and `/offers/<stage-id>/`.

use std::sync::{Arc, OnceLock};

use serde_json::{json, Value};

use super::job::{PageJob, Shows};
use super::values::Values;
use crate::model::{Municipality, Site};

/// `/chain/`: one row per municipality, one column per stage.
pub fn chain_page<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    let job = PageJob::lazy(site.urls.chain(), "chain.html", move || chain_data(site, v));
    vec![job.made_from(every_municipality(site), &[])]
}

/// Every municipality: the chain and the offer pages show them all.
fn every_municipality(site: &Site) -> impl Iterator<Item = Shows> {
    (0..site.municipalities.len()).map(Shows::Municipality)
}

fn chain_data(site: &Site, v: &Values<'_>) -> Value {
    let stages = &site.config.stages;
    let count =
        |m: &Municipality, s: usize| m.offers.iter().filter(|o| o.stages.contains(&s)).count();

    let rows: Vec<Value> = site
        .municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let cells: Vec<Value> = stages
                .iter()
                .enumerate()
                .map(|(s, stage)| {
                    let own = count(m, s);
                    let in_members: usize = m.members.iter().map(|&c| count(&site.municipalities[c], s)).sum();
                    json!({
                        "stage": stage.id,
                        "stage_name": stage.name,
                        "count": own,
                        "member_count": in_members,
                        "gap": own == 0,
                        "url": format!("{}#stage-{}", v.link(&m.url), stage.id),
                    })
                })
                .collect();
            let gaps = cells.iter().filter(|c| c["gap"] == true).count();
            json!({
                "municipality": v.municipality_card(i),
                "has_members": !m.members.is_empty(),
                "cells": cells,
                "total": m.offers.len(),
                "member_total": m.members.iter().map(|&c| site.municipalities[c].offers.len()).sum::<usize>(),
                "gaps": gaps,
            })
        })
        .collect();

    let columns: Vec<Value> = stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let total: usize = site.municipalities.iter().map(|m| count(m, s)).sum();
            let gaps = site
                .municipalities
                .iter()
                .filter(|m| count(m, s) == 0)
                .count();
            json!({
                "id": stage.id, "name": stage.name, "total": total, "gaps": gaps,
                "url": v.link(&site.urls.offers_stage(&stage.id)),
            })
        })
        .collect();

    json!({
        "chain": {
            "stages": columns,
            "rows": rows,
            "total": site.offer_count(),
            "gaps": site.municipalities.iter().map(|m| (0..stages.len()).filter(|&s| count(m, s) == 0).count()).sum::<usize>(),
        }
    })
}

/// `/offers/` with every offer by stage, and `/offers/<stage-id>/`.
pub fn offer_pages<'a>(site: &'a Site, v: &'a Values<'a>) -> Vec<PageJob<'a>> {
    // Made once, on first use, for all offer pages.
    let directory: Arc<OnceLock<(Vec<Value>, Value)>> = Arc::default();
    let mut jobs = Vec::with_capacity(site.config.stages.len() + 1);
    let offers = Arc::clone(&directory);
    jobs.push(PageJob::lazy(site.urls.offers(), "offers.html", move || {
        let (groups, filters) = offers.get_or_init(|| offer_directory(site, v));
        json!({ "stages": groups, "filters": filters, "total": site.offer_count(), "stage": Value::Null })
    }));
    for (s, stage) in site.config.stages.iter().enumerate() {
        let offers = Arc::clone(&directory);
        jobs.push(PageJob::lazy(site.urls.offers_stage(&stage.id), "offers.html", move || {
            let (groups, filters) = offers.get_or_init(|| offer_directory(site, v));
            json!({ "stages": [groups[s]], "filters": filters, "total": site.offer_count(), "stage": groups[s] })
        }));
    }
    jobs.into_iter()
        .map(|job| job.made_from(every_municipality(site), &[]))
        .collect()
}

/// Every offer by stage, and the choices of the filter.
fn offer_directory(site: &Site, v: &Values<'_>) -> (Vec<Value>, Value) {
    let stages = &site.config.stages;
    let groups: Vec<Value> = stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let offers: Vec<Value> = site
                .municipalities
                .iter()
                .flat_map(|m| m.offers.iter())
                .filter(|o| o.stages.contains(&s))
                .map(|o| with_filter_keys(json!(v.offer(o))))
                .collect();
            json!({
                "id": stage.id, "name": stage.name,
                "url": v.link(&site.urls.offers_stage(&stage.id)),
                "offers": offers,
            })
        })
        .collect();

    let mut topic_names: Vec<(String, String)> = site
        .municipalities
        .iter()
        .flat_map(|m| m.offers.iter())
        .flat_map(|o| {
            o.topics
                .iter()
                .map(|&t| (site.topics[t].slug.clone(), site.topics[t].name.clone()))
        })
        .collect();
    topic_names.sort();
    topic_names.dedup();
    let filters = json!({
        "topics": topic_names.iter().map(|(slug, name)| json!({ "slug": slug, "name": name })).collect::<Vec<_>>(),
        "municipalities": site.municipalities.iter().filter(|m| !m.offers.is_empty())
            .map(|m| json!({ "slug": m.slug, "name": m.name })).collect::<Vec<_>>(),
    });

    (groups, filters)
}

/// Adds the space-separated keys the filter script matches on.
fn with_filter_keys(mut offer: Value) -> Value {
    let topics: Vec<String> = offer["topics"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .filter_map(|t| t["slug"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let municipality = offer["municipality"]["slug"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    if let Value::Object(map) = &mut offer {
        map.insert("filter_topics".into(), json!(topics.join(" ")));
        map.insert("filter_municipality".into(), json!(municipality));
    }
    offer
}
