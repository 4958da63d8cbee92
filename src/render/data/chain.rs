//! The data of the prevention chain across the network (`chain.html`) and
//! of the offer directory (`offers.html`).

#![allow(missing_docs)]

use serde::Serialize;

use super::{MunicipalityCard, Offer};

/// The chain's table: stages as columns, municipalities as rows.
#[derive(Serialize)]
pub(crate) struct Chain<'a> {
    pub stages: Vec<ChainColumn<'a>>,
    pub rows: Vec<ChainRow<'a>>,
    pub total: usize,
    pub gaps: usize,
}

/// A stage of the network's chain, with its offers and gaps.
#[derive(Serialize)]
pub(crate) struct ChainColumn<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub total: usize,
    pub gaps: usize,
    pub url: String,
}

/// A municipality's row of the chain.
#[derive(Serialize)]
pub(crate) struct ChainRow<'a> {
    pub municipality: MunicipalityCard<'a>,
    pub has_members: bool,
    pub cells: Vec<ChainCell<'a>>,
    pub total: usize,
    pub member_total: usize,
    pub gaps: usize,
}

/// One municipality at one stage.
#[derive(Serialize)]
pub(crate) struct ChainCell<'a> {
    pub stage: &'a str,
    pub stage_name: &'a str,
    pub count: usize,
    pub member_count: usize,
    pub gap: bool,
    pub url: String,
}

/// A stage of the offer directory with its offers.
#[derive(Serialize)]
pub(crate) struct OfferStage<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub offers: Vec<FilteredOffer<'a>>,
}

/// An offer with the space-separated keys the filter script matches on.
#[derive(Serialize)]
pub(crate) struct FilteredOffer<'a> {
    #[serde(flatten)]
    pub offer: Offer<'a>,
    pub filter_topics: String,
    pub filter_municipality: &'a str,
}

/// The choices of the offer directory's filter.
#[derive(Serialize)]
pub(crate) struct OfferFilters<'a> {
    pub topics: Vec<FilterChoice<'a>>,
    pub municipalities: Vec<FilterChoice<'a>>,
}

/// One choice of a filter: a topic or a municipality.
#[derive(Serialize)]
pub(crate) struct FilterChoice<'a> {
    pub slug: &'a str,
    pub name: &'a str,
}
