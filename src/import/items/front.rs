//! The front matter of an imported item: the fields every kind shares,
//! then an article's, an event's or a page's, serialised by serde_yaml from
//! the structs below, so quoting is always right.

use std::collections::HashSet;

use serde::Serialize;

use super::{decode_entities, Context, Making};
use crate::import::plain::plain_text;
use crate::import::plan::{self, Kind};
use crate::import::wxr::Item;
use crate::messages::ByHand;

/// Where the item came from, kept under `extra` for a later re-import.
#[derive(Serialize)]
struct Extra {
    wordpress_guid: String,
    wordpress_id: u64,
}

/// serde's test for leaving `draft: false` out.
fn is_false(b: &bool) -> bool {
    !*b
}

/// An article's front matter (content/news/).
#[derive(Serialize)]
struct ArticleOut {
    title: String,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    topics: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    extra: Extra,
}

/// An event's front matter (content/events/).
#[derive(Serialize)]
struct EventOut {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    topics: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    extra: Extra,
}

/// A page's front matter (content/pages/).
#[derive(Serialize)]
struct PageOut {
    title: String,
    #[serde(skip_serializing_if = "is_false")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    extra: Extra,
}

/// What the front matter of every kind of item holds.
struct Common {
    title: String,
    summary: Option<String>,
    topics: Vec<String>,
    /// The featured image's URL on the old site.
    thumbnail: Option<String>,
    aliases: Vec<String>,
    extra: Extra,
}

impl Making<'_, '_> {
    /// The front matter of the item's kind, as YAML.
    pub(super) fn front_matter(&mut self, taken: &mut HashSet<String>) -> String {
        let common = self.common(taken);
        let front = match self.planned.kind {
            Kind::Post => self.article(common),
            Kind::Event => self.event(common),
            Kind::Page => self.page(common),
        };
        front.unwrap_or_default()
    }

    /// The fields every kind has; `taken` as for [`make`].
    fn common(&mut self, taken: &mut HashSet<String>) -> Common {
        let (ctx, item) = (self.ctx, self.item);
        let mut title = plain_text(&item.title);
        if title.is_empty() {
            title = format!("Ohne Titel ({})", item.id);
            self.note("", ByHand::NoTitle);
        }
        let summary = Some(plain_text(&item.excerpt)).filter(|s| !s.is_empty());
        let thumbnail = item
            .meta("_thumbnail_id")
            .and_then(|id| id.trim().parse::<u64>().ok())
            .and_then(|id| ctx.attachments.get(&id))
            .map(|a| a.attachment_url.clone())
            .filter(|u| !u.is_empty());
        Common {
            title,
            summary,
            topics: topics(item),
            thumbnail,
            aliases: self.aliases(taken),
            extra: Extra {
                wordpress_guid: item.guid.clone(),
                wordpress_id: item.id,
            },
        }
    }

    /// The item's old address as an alias, unless another item's URL or
    /// alias has it.
    fn aliases(&mut self, taken: &mut HashSet<String>) -> Vec<String> {
        let mut aliases = Vec::new();
        match plan::alias_for(self.ctx.old, &self.item.link) {
            Ok(Some(alias)) => match crate::model::urls::alias_url(&alias) {
                Ok(url) if url == self.planned.url => {}
                Ok(url) if !taken.contains(&url) => {
                    taken.insert(url);
                    aliases.push(alias);
                }
                _ => self.note("", ByHand::AliasTaken(&alias)),
            },
            Ok(None) => {}
            // A draft was never public at its old address (`?p=ID`).
            Err(_) if self.planned.draft => {}
            Err(why) => self.note("", ByHand::AliasNotKept(why)),
        }
        aliases
    }

    /// A post's front matter: its date and featured image.
    fn article(&mut self, common: Common) -> Result<String, serde_yaml::Error> {
        let date = plan::post_date(self.item, self.ctx.config)
            .map(|(d, _)| d)
            .unwrap_or_default();
        serde_yaml::to_string(&ArticleOut {
            title: common.title,
            date,
            summary: common.summary,
            topics: common.topics,
            image: common.thumbnail.map(|url| self.image(url)),
            draft: self.planned.draft,
            aliases: common.aliases,
            extra: common.extra,
        })
    }

    /// An event's: start and end (an end before the start dropped),
    /// venue, link and featured image.
    fn event(&mut self, common: Common) -> Result<String, serde_yaml::Error> {
        let item = self.item;
        let start = plan::event_start(item)
            .map(|(s, _)| s)
            .or_else(|| plan::post_date(item, self.ctx.config).map(|(d, _)| d));
        let mut end = plan::event_end(item).map(|(e, _)| e);
        if let (Some(s), Some(e)) = (&start, &end) {
            // Both in one of two forms; compared as text they order right
            // unless the forms differ, so compare the days then.
            if e.get(..10) < s.get(..10) || (e.len() == s.len() && e < s) {
                self.note("", ByHand::EndBeforeStart(e, s));
                end = None;
            }
        }
        let url = item
            .meta("_EventURL")
            .map(str::trim)
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .map(str::to_string);
        serde_yaml::to_string(&EventOut {
            title: common.title,
            start,
            end,
            location: venue(self.ctx, item),
            summary: common.summary,
            topics: common.topics,
            url,
            image: common.thumbnail.map(|url| self.image(url)),
            draft: self.planned.draft,
            aliases: common.aliases,
            extra: common.extra,
        })
    }

    /// A page's: no date, no image.
    fn page(&mut self, common: Common) -> Result<String, serde_yaml::Error> {
        if common.thumbnail.is_some() {
            self.note("", ByHand::PageImage);
        }
        serde_yaml::to_string(&PageOut {
            title: common.title,
            draft: self.planned.draft,
            aliases: common.aliases,
            extra: common.extra,
        })
    }
}

/// Categories and tags by nicename, merged where both name the same; the
/// text shown is the WordPress name. WordPress's default “Uncategorized”
/// is left out.
fn topics(item: &Item) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (domain, nicename, name) in &item.terms {
        if !matches!(
            domain.as_str(),
            "category" | "post_tag" | "tribe_events_cat"
        ) || nicename == "uncategorized"
        {
            continue;
        }
        let name = decode_entities(name);
        let key = if nicename.is_empty() {
            name.to_lowercase()
        } else {
            nicename.clone()
        };
        // A topic needs a slug for its page: `!!!` cannot be one.
        if !crate::slug::slugify(&name).is_empty() && seen.insert(key) {
            out.push(name.trim().to_string());
        }
    }
    out
}

/// An event's venue: its name, street, postcode and town.
fn venue(ctx: &Context, item: &Item) -> Option<String> {
    let id: u64 = item.meta("_EventVenueID")?.trim().parse().ok()?;
    let venue = ctx.venues.get(&id)?;
    let town = [venue.meta("_VenueZip"), venue.meta("_VenueCity")]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let parts: Vec<String> = [
        decode_entities(&venue.title),
        venue.meta("_VenueAddress").unwrap_or("").trim().to_string(),
        town,
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
