//! The model as template data: every item turned into the JSON-like values
//! that templates see. `docs/templates.md` lists these fields; keep the two
//! in step.

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

use super::cards::{CardKind, CardLoans, CardPool};
use super::i18n;
use crate::content::dates::iso_date;
use crate::images::Picture;
use crate::model::{Article, Event, Image, Municipality, Offer, Site, When, MAX_CARD_TOPICS};

/// Builds template values for one site; cheap to clone per page.
pub struct Values<'a> {
    site: &'a Site,
    /// The build date: events on or after it are upcoming.
    pub today: NaiveDate,
    // Cards, each made on first use and then lent to every page that shows
    // it (a rebuild in `serve` needs only a few).
    cards: CardPool,
}

impl<'a> Values<'a> {
    /// Values for `site`; cards are made when first asked for.
    pub fn new(site: &'a Site, today: NaiveDate) -> Self {
        Values {
            site,
            today,
            cards: CardPool::new(
                site.articles.len(),
                site.events.len(),
                site.municipalities.len(),
            ),
        }
    }

    /// The cards made so far, for [`CardLoans`].
    pub fn card_pool(&self) -> &CardPool {
        &self.cards
    }

    /// A new card of item `index` of `kind`: what lists show of it.
    pub fn make_card(&self, kind: CardKind, index: usize) -> Value {
        let site = self.site;
        let card = match kind {
            CardKind::Article => self.make_article_card(&site.articles[index]),
            CardKind::Event => self.make_event_card(&site.events[index]),
            CardKind::Municipality => self.make_municipality_card(&site.municipalities[index]),
        };
        self.cards.note_keys(kind, &card);
        card
    }

    /// A card of one's own (for data made once, not per page; pages borrow
    /// theirs through [`CardLoans`]).
    pub fn card(&self, kind: CardKind, index: usize) -> Value {
        self.cards
            .copy(kind, index)
            .unwrap_or_else(|| self.make_card(kind, index))
    }

    /// The slug of item `index` of `kind`.
    pub fn slug(&self, kind: CardKind, index: usize) -> &str {
        match kind {
            CardKind::Article => &self.site.articles[index].slug,
            CardKind::Event => &self.site.events[index].slug,
            CardKind::Municipality => &self.site.municipalities[index].slug,
        }
    }

    /// The cards of every municipality, by name.
    pub fn all_municipality_cards(&self) -> Vec<Value> {
        (0..self.site.municipalities.len())
            .map(|i| self.card(CardKind::Municipality, i))
            .collect()
    }

    /// A site-relative URL as an in-site link (with the base path).
    pub fn link(&self, url: &str) -> String {
        self.site.config.base_url.link(url)
    }

    /// A site-relative URL as an absolute URL.
    pub fn permalink(&self, url: &str) -> String {
        self.site.config.base_url.permalink(url)
    }

    /// A date value: ISO form, display form and parts.
    pub fn when(&self, when: &When) -> Value {
        let language = self.site.config.language;
        let date = when.date();
        json!({
            "iso": iso(when),
            "date_iso": iso_date(date),
            "display": i18n::display_when(language, when),
            "date_display": i18n::long_date(language, date),
            "time": if when.all_day { Value::Null } else { Value::String(i18n::time_of_day(when)) },
            "all_day": when.all_day,
            "year": date.year(),
            "month": date.month(),
            "month_name": i18n::month_name(language, date.month()),
            "day": date.day(),
        })
    }

    fn topic_refs(&self, ids: &[usize]) -> Value {
        self.topic_refs_of(ids, ids.len())
    }

    /// The first `limit` of `ids` (in the editor's order), as links sorted
    /// by slug.
    fn topic_refs_of(&self, ids: &[usize], limit: usize) -> Value {
        let mut refs: Vec<&crate::model::Topic> = ids
            .iter()
            .take(limit)
            .map(|&t| &self.site.topics[t])
            .collect();
        refs.sort_by(|a, b| a.slug.cmp(&b.slug));
        Value::Array(
            refs.into_iter()
                .map(|t| json!({ "name": t.name, "slug": t.slug, "url": self.link(&t.url) }))
                .collect(),
        )
    }

    /// The topics a card shows: at most [`MAX_CARD_TOPICS`].
    fn card_topic_refs(&self, ids: &[usize]) -> Value {
        self.topic_refs_of(ids, MAX_CARD_TOPICS)
    }

    /// An item's own page lists every topic its card leaves out.
    fn show_all_topics(&self, ids: &[usize], value: &mut serde_json::Map<String, Value>) {
        if ids.len() > MAX_CARD_TOPICS {
            value.insert("topics".into(), self.topic_refs(ids));
            value.insert("topics_more".into(), json!(0));
        }
    }

    fn municipality_refs(&self, ids: &[usize]) -> Value {
        Value::Array(
            ids.iter()
                .map(|&m| {
                    let m = &self.site.municipalities[m];
                    json!({ "name": m.name, "slug": m.slug, "url": self.link(&m.url), "kind": m.kind })
                })
                .collect(),
        )
    }

    fn make_article_card(&self, a: &Article) -> Value {
        object([
            ("title", json!(a.title)),
            ("slug", json!(a.slug)),
            ("url", json!(self.link(&a.url))),
            ("permalink", json!(self.permalink(&a.url))),
            ("date", self.when(&a.date)),
            (
                "updated",
                a.updated.as_ref().map_or(Value::Null, |u| self.when(u)),
            ),
            ("place", json!(a.place)),
            ("summary_html", json!(a.summary_html)),
            ("summary", json!(a.summary_text)),
            ("municipalities", self.municipality_refs(&a.municipalities)),
            ("topics", self.card_topic_refs(&a.topics)),
            ("topics_more", json!(hidden_topics(&a.topics))),
            ("image", self.image_link(a.image.as_ref())),
            ("image_permalink", self.image_permalink(a.image.as_ref())),
            ("picture", self.picture(a.image.as_ref())),
            ("author", json!(a.author)),
            ("draft", json!(a.draft)),
        ])
    }

    /// Everything about one article, with its neighbours in time.
    pub fn article(&self, index: usize, cards: &mut CardLoans<'_>) -> Value {
        let a = &self.site.articles[index];
        let mut value = cards.article(index);
        let newer = index.checked_sub(1).map(|i| cards.article(i));
        let older = (index + 1 < self.site.articles.len()).then(|| cards.article(index + 1));
        if let Value::Object(map) = &mut value {
            self.show_all_topics(&a.topics, map);
            map.insert("content_html".into(), json!(a.content_html));
            map.insert("extra".into(), a.extra.clone());
            map.insert("newer".into(), newer.unwrap_or(Value::Null));
            map.insert("older".into(), older.unwrap_or(Value::Null));
        }
        value
    }

    fn make_event_card(&self, e: &Event) -> Value {
        json!({
            "title": e.title,
            "slug": e.slug,
            "url": self.link(&e.url),
            "permalink": self.permalink(&e.url),
            "start": self.when(&e.start),
            "end": e.end.as_ref().map(|w| self.when(w)),
            "multi_day": e.last_day() != e.start.date(),
            "location": e.location,
            "summary_html": e.summary_html,
            "summary": e.summary_text,
            "municipalities": self.municipality_refs(&e.municipalities),
            "topics": self.card_topic_refs(&e.topics),
            "topics_more": hidden_topics(&e.topics),
            "external_url": e.external_url,
            "image": self.image_link(e.image.as_ref()),
            "image_permalink": self.image_permalink(e.image.as_ref()),
            "picture": self.picture(e.image.as_ref()),
            "draft": e.draft,
        })
    }

    /// The in-site link of an output path of a picture (percent-encoded).
    fn picture_link(&self, path: &str) -> String {
        self.link(&crate::images::url_path(path))
    }

    /// The URL of a lead image for `src`: for a processed photo its
    /// fallback width.
    fn image_link(&self, image: Option<&Image>) -> Value {
        match image {
            None => Value::Null,
            Some(Image::Picture(p)) => json!(self.picture_link(&p.fallback().path)),
            Some(Image::File(path)) => json!(self.link(path)),
            Some(Image::External(url)) => json!(url),
        }
    }

    /// The absolute URL of a lead image for link previews: for a processed
    /// photo its 1200 × 630 crop.
    pub fn image_permalink(&self, image: Option<&Image>) -> Value {
        match image {
            None => Value::Null,
            Some(Image::Picture(p)) => json!(self.permalink(&crate::images::url_path(&p.og.path))),
            Some(Image::File(path)) => json!(self.permalink(path)),
            Some(Image::External(url)) => json!(url),
        }
    }

    /// Everything templates need to show a processed lead image well: `src`,
    /// `srcset`, `sizes`, `width` and `height` (no layout shift), a `thumb`
    /// for lists and the `og` crop for link previews. `null` for images that
    /// are not processed.
    fn picture(&self, image: Option<&Image>) -> Value {
        let Some(Image::Picture(p)) = image else {
            return Value::Null;
        };
        let p: &Picture = p;
        let fallback = p.fallback();
        let thumb = p.thumbnail();
        let srcset = |variants: &[crate::images::Variant]| {
            variants
                .iter()
                .map(|v| format!("{} {}w", self.picture_link(&v.path), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        json!({
            "src": self.picture_link(&fallback.path),
            "srcset": srcset(&p.variants),
            "sizes": self.site.config.images.sizes,
            "width": fallback.width,
            "height": fallback.height,
            "thumb": {
                "src": self.picture_link(&thumb.path),
                "srcset": srcset(&p.variants[..p.variants.len().min(2)]),
                "width": thumb.width,
                "height": thumb.height,
            },
            "og": {
                "url": self.permalink(&crate::images::url_path(&p.og.path)),
                "width": p.og.width,
                "height": p.og.height,
                "type": p.format.media_type(),
            },
            "variants": p.variants.iter().map(|v| json!({
                "src": self.picture_link(&v.path),
                "width": v.width,
                "height": v.height,
            })).collect::<Vec<_>>(),
        })
    }

    /// Everything about one event.
    pub fn event(&self, index: usize, cards: &mut CardLoans<'_>) -> Value {
        let e = &self.site.events[index];
        let mut value = cards.event(index);
        if let Value::Object(map) = &mut value {
            self.show_all_topics(&e.topics, map);
            map.insert("content_html".into(), json!(e.content_html));
            map.insert("extra".into(), e.extra.clone());
        }
        value
    }

    fn make_municipality_card(&self, m: &Municipality) -> Value {
        let parent = m.parent.map(|p| {
            let p = &self.site.municipalities[p];
            json!({ "name": p.name, "slug": p.slug, "url": self.link(&p.url) })
        });
        json!({
            "name": m.name,
            "slug": m.slug,
            "url": self.link(&m.url),
            "permalink": self.permalink(&m.url),
            "kind": m.kind,
            "cohort": m.cohort,
            "joined": m.joined,
            "parent": parent,
            "member_count": m.members.len(),
            "offer_count": m.offers.len(),
            "summary": first_sentence(&m.description_text),
        })
    }

    /// An offer with its municipality, stages and topics.
    pub fn offer(&self, offer: &Offer) -> Value {
        let m = &self.site.municipalities[offer.municipality];
        let stages: Vec<Value> = offer
            .stages
            .iter()
            .map(|&s| {
                let stage = &self.site.config.stages[s];
                json!({ "id": stage.id, "name": stage.name })
            })
            .collect();
        json!({
            "name": offer.name,
            "anchor": offer.anchor,
            "url": format!("{}#{}", self.link(&m.url), offer.anchor),
            "municipality": { "name": m.name, "slug": m.slug, "url": self.link(&m.url) },
            "stages": stages,
            "provider": offer.provider,
            "topics": self.card_topic_refs(&offer.topics),
            "topics_more": hidden_topics(&offer.topics),
            "external_url": offer.url,
            "contact": offer.contact,
            "description_html": offer.description_html,
        })
    }

    /// Everything about one municipality: record, chain, members, news, events.
    pub fn municipality(&self, index: usize, cards: &mut CardLoans<'_>) -> Value {
        let m = &self.site.municipalities[index];
        let mut value = cards.municipality(index);
        let chain: Vec<Value> = self
            .site
            .config
            .stages
            .iter()
            .enumerate()
            .map(|(s, stage)| {
                let offers: Vec<Value> = m.offers.iter().filter(|o| o.stages.contains(&s)).map(|o| self.offer(o)).collect();
                json!({ "id": stage.id, "name": stage.name, "gap": offers.is_empty(), "offers": offers })
            })
            .collect();
        let members: Vec<Value> = m.members.iter().map(|&i| cards.municipality(i)).collect();
        let articles: Vec<Value> = m.articles.iter().map(|&i| cards.article(i)).collect();
        let events: Vec<Value> = m.events.iter().map(|&i| cards.event(i)).collect();
        if let Value::Object(map) = &mut value {
            map.insert("leadership".into(), json!(m.leadership));
            map.insert("contacts".into(), json!(m.contacts));
            map.insert("focus".into(), self.topic_refs(&m.focus));
            map.insert("partners".into(), json!(m.partners));
            map.insert("website".into(), json!(m.website));
            map.insert("location".into(), json!(m.location));
            map.insert("population".into(), json!(m.population));
            map.insert(
                "population_display".into(),
                json!(m
                    .population
                    .map(|p| group_digits(p, self.site.config.language))),
            );
            map.insert("description_html".into(), json!(m.description_html));
            map.insert(
                "offers".into(),
                Value::Array(m.offers.iter().map(|o| self.offer(o)).collect()),
            );
            map.insert("chain".into(), Value::Array(chain));
            map.insert(
                "gap_count".into(),
                json!(
                    self.site.config.stages.len()
                        - (0..self.site.config.stages.len())
                            .filter(|s| m.offers.iter().any(|o| o.stages.contains(s)))
                            .count()
                ),
            );
            map.insert("members".into(), Value::Array(members));
            map.insert("articles".into(), Value::Array(articles));
            map.insert("events".into(), Value::Array(events));
            map.insert("extra".into(), m.extra.clone());
        }
        value
    }
}

/// A JSON object of `entries`, their values moved in. (`json!` copies every
/// value that is not a literal, by serializing it: for lists of cards on
/// thousands of pages that was a tenth of a build.)
pub fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

/// How many of `ids` a card leaves out.
fn hidden_topics(ids: &[usize]) -> usize {
    ids.len().saturating_sub(MAX_CARD_TOPICS)
}

/// The ISO 8601 form of a date (all day) or a moment.
pub fn iso(when: &When) -> String {
    if when.all_day {
        iso_date(when.date())
    } else {
        when.at.to_rfc3339()
    }
}

/// The first sentence of `text`, at most 200 characters.
pub fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    let sentence = &text[..end];
    if sentence.chars().count() > 200 {
        let cut: String = sentence.chars().take(197).collect();
        format!("{} …", cut.trim_end())
    } else {
        sentence.to_string()
    }
}

/// 52000 → "52.000" (German) or "52,000" (English).
pub fn group_digits(n: u64, language: crate::config::Language) -> String {
    let sep = match language {
        crate::config::Language::De => '.',
        crate::config::Language::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}
