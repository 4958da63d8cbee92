//! The cross-links pass: each municipality's members, articles and events,
//! each topic's articles, events, municipalities and offers. All lists are
//! in display order because the passes before made the items in it.

use super::super::items::*;
use super::Partial;

/// The model with its links both ways: every list of the site.
pub(super) struct Linked {
    pub municipalities: Vec<Municipality>,
    pub articles: Vec<Article>,
    pub events: Vec<Event>,
    pub pages: Vec<Page>,
    pub topics: Vec<Topic>,
}

/// Links the items of `model` to each other.
pub(super) fn run(model: Partial) -> Linked {
    let Partial {
        mut municipalities,
        articles,
        events,
        pages,
        topics,
        ..
    } = model;
    for i in 0..municipalities.len() {
        if let Some(p) = municipalities[i].parent {
            municipalities[p].members.push(i);
        }
    }
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
    Linked {
        municipalities,
        articles,
        events,
        pages,
        topics,
    }
}
