//! The model as template data: fills in the typed structs of
//! [`super::data`] from the site, and keeps each card (what lists show of
//! an article, event or municipality) as one shared Tera value, made on
//! first use: a card is on a dozen pages, and a Tera value is shared by
//! reference, so each page's data holds the card without copying it.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use tera::Value;

use super::data;
use super::i18n;
use crate::catalog::Picture;
use crate::content::dates::iso_date;
use crate::model::{Image, Site, When, MAX_CARD_TOPICS};

/// The kinds of cards.
#[derive(Clone, Copy, Debug)]
pub(crate) enum CardKind {
    /// An article's card.
    Article,
    /// An event's card.
    Event,
    /// A municipality's card.
    Municipality,
}

/// Builds template values for one site.
pub(crate) struct Values<'a> {
    site: &'a Site,
    /// The build date: events on or after it are upcoming.
    pub today: NaiveDate,
    /// Every card, made when first asked for.
    cards: [Vec<OnceLock<Value>>; 3],
}

impl<'a> Values<'a> {
    /// Values for `site`; cards are made when first asked for.
    pub(crate) fn new(site: &'a Site, today: NaiveDate) -> Self {
        let slots = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        Values {
            site,
            today,
            cards: [
                slots(site.articles.len()),
                slots(site.events.len()),
                slots(site.municipalities.len()),
            ],
        }
    }

    /// The card of item `index` of `kind`, shared.
    pub(crate) fn card(&self, kind: CardKind, index: usize) -> Value {
        self.cards[kind as usize][index]
            .get_or_init(|| match kind {
                CardKind::Article => Value::from_serializable(&self.article_card(index, true)),
                CardKind::Event => Value::from_serializable(&self.event_card(index, true)),
                CardKind::Municipality => Value::from_serializable(&self.municipality_card(index)),
            })
            .clone()
    }

    /// The card of article `index`.
    pub(crate) fn article(&self, index: usize) -> Value {
        self.card(CardKind::Article, index)
    }

    /// The card of event `index`.
    pub(crate) fn event(&self, index: usize) -> Value {
        self.card(CardKind::Event, index)
    }

    /// The card of municipality `index`.
    pub(crate) fn municipality(&self, index: usize) -> Value {
        self.card(CardKind::Municipality, index)
    }

    /// The cards of every municipality, by name.
    pub(crate) fn all_municipality_cards(&self) -> Vec<Value> {
        (0..self.site.municipalities.len())
            .map(|i| self.municipality(i))
            .collect()
    }

    /// A site-relative URL as an in-site link (with the base path).
    pub(crate) fn link(&self, url: &str) -> String {
        self.site.config.base_url.link(url)
    }

    /// A site-relative URL as an absolute URL.
    pub(crate) fn permalink(&self, url: &str) -> String {
        self.site.config.base_url.permalink(url)
    }

    /// A date value: ISO form, display form and parts.
    pub(crate) fn when(&self, when: &When) -> data::When {
        let language = self.site.config.language;
        let date = when.date();
        data::When {
            iso: iso(when),
            date_iso: iso_date(date),
            display: i18n::display_when(language, when),
            date_display: i18n::long_date(language, date),
            time: (!when.all_day).then(|| i18n::time_of_day(when)),
            all_day: when.all_day,
            year: date.year(),
            month: date.month(),
            month_name: i18n::month_name(language, date.month()),
            day: date.day(),
        }
    }

    /// Links to the topics `ids`, sorted by slug.
    pub(crate) fn topic_refs(&self, ids: &[usize]) -> Vec<data::TopicRef<'a>> {
        self.topic_refs_of(ids, ids.len())
    }

    /// The first `limit` of `ids` (in the editor's order), as links sorted
    /// by slug.
    fn topic_refs_of(&self, ids: &[usize], limit: usize) -> Vec<data::TopicRef<'a>> {
        let site = self.site;
        let mut refs: Vec<&crate::model::Topic> =
            ids.iter().take(limit).map(|&t| &site.topics[t]).collect();
        refs.sort_by(|a, b| a.slug.cmp(&b.slug));
        refs.into_iter()
            .map(|t| data::TopicRef {
                name: &t.name,
                slug: &t.slug,
                url: self.link(&t.url),
            })
            .collect()
    }

    /// The topics a card shows (at most [`MAX_CARD_TOPICS`]; all for the
    /// item's own page) and how many it leaves out.
    fn topics_shown(&self, ids: &[usize], card: bool) -> (Vec<data::TopicRef<'a>>, usize) {
        if card {
            (self.topic_refs_of(ids, MAX_CARD_TOPICS), hidden_topics(ids))
        } else {
            (self.topic_refs(ids), 0)
        }
    }

    fn municipality_refs(&self, ids: &[usize]) -> Vec<data::MunicipalityRef<'a>> {
        let site = self.site;
        ids.iter()
            .map(|&m| {
                let m = &site.municipalities[m];
                data::MunicipalityRef {
                    name: &m.name,
                    slug: &m.slug,
                    url: self.link(&m.url),
                    kind: m.kind.as_deref(),
                }
            })
            .collect()
    }

    fn place_ref(&self, index: usize) -> data::PlaceRef<'a> {
        let m = &self.site.municipalities[index];
        data::PlaceRef {
            name: &m.name,
            slug: &m.slug,
            url: self.link(&m.url),
        }
    }

    /// The card data of article `index`; with `card` false, with every
    /// topic (for its own page).
    pub(crate) fn article_card(&self, index: usize, card: bool) -> data::ArticleCard<'a> {
        let a = &self.site.articles[index];
        let (topics, topics_more) = self.topics_shown(&a.topics, card);
        data::ArticleCard {
            title: &a.title,
            slug: &a.slug,
            url: self.link(&a.url),
            permalink: self.permalink(&a.url),
            date: self.when(&a.date),
            updated: a.updated.as_ref().map(|u| self.when(u)),
            place: a.place.as_deref(),
            summary_html: &a.summary_html,
            summary: &a.summary_text,
            municipalities: self.municipality_refs(&a.municipalities),
            topics,
            topics_more,
            image: self.image_link(a.image.as_ref()),
            image_permalink: self.image_permalink(a.image.as_ref()),
            image_alt: a.image_alt.as_deref().unwrap_or(""),
            picture: self.picture(a.image.as_ref()),
            author: a.author.as_deref(),
            draft: a.draft,
            lang: a.untranslated.then(|| self.default_tag()),
            dir: a.untranslated.then(|| self.default_dir()),
        }
    }

    /// Everything about one article, with its neighbours in time.
    pub(crate) fn article_page(&self, index: usize) -> data::Article<'a> {
        let a = &self.site.articles[index];
        data::Article {
            card: self.article_card(index, false),
            content_html: &a.content_html,
            extra: &a.extra,
            newer: index.checked_sub(1).map(|i| self.article(i)),
            older: (index + 1 < self.site.articles.len()).then(|| self.article(index + 1)),
        }
    }

    /// The card data of event `index`; with `card` false, with every topic.
    pub(crate) fn event_card(&self, index: usize, card: bool) -> data::EventCard<'a> {
        let e = &self.site.events[index];
        let (topics, topics_more) = self.topics_shown(&e.topics, card);
        data::EventCard {
            title: &e.title,
            slug: &e.slug,
            url: self.link(&e.url),
            permalink: self.permalink(&e.url),
            start: self.when(&e.start),
            end: e.end.as_ref().map(|w| self.when(w)),
            multi_day: e.last_day() != e.start.date(),
            location: e.location.as_deref(),
            summary_html: &e.summary_html,
            summary: &e.summary_text,
            municipalities: self.municipality_refs(&e.municipalities),
            topics,
            topics_more,
            external_url: e.external_url.as_deref(),
            image: self.image_link(e.image.as_ref()),
            image_permalink: self.image_permalink(e.image.as_ref()),
            image_alt: e.image_alt.as_deref().unwrap_or(""),
            picture: self.picture(e.image.as_ref()),
            draft: e.draft,
            lang: e.untranslated.then(|| self.default_tag()),
            dir: e.untranslated.then(|| self.default_dir()),
        }
    }

    /// The default language's tag, for items shown untranslated.
    fn default_tag(&self) -> &'a str {
        &self.site.config.languages[0].tag
    }

    /// The default language's direction, for items shown untranslated.
    fn default_dir(&self) -> &'static str {
        self.site.config.default_language.direction().attribute()
    }

    /// The default language's tag for prose of a record shown untranslated.
    fn lang_if(&self, untranslated: bool) -> Option<&'a str> {
        untranslated.then(|| self.default_tag())
    }

    /// The default language's direction for prose of a record shown
    /// untranslated, where it differs from the page's (German prose on an
    /// Arabic page: `ltr`); `None` where `lang` alone says enough.
    fn dir_if(&self, untranslated: bool) -> Option<&'static str> {
        let config = &self.site.config;
        let differs = config.default_language.direction() != config.language.direction();
        (untranslated && differs).then(|| self.default_dir())
    }

    /// Everything about one event.
    pub(crate) fn event_page(&self, index: usize) -> data::Event<'a> {
        let e = &self.site.events[index];
        data::Event {
            card: self.event_card(index, false),
            content_html: &e.content_html,
            extra: &e.extra,
        }
    }

    /// The in-site link of an output path of a picture (percent-encoded).
    fn picture_link(&self, path: &str) -> String {
        // Pictures are shared by every language, at the site's root.
        self.site
            .config
            .root_url
            .link(&crate::catalog::url_path(path))
    }

    /// The URL of a lead image for `src`: for a processed photo its
    /// fallback width.
    fn image_link(&self, image: Option<&Image>) -> Option<String> {
        Some(match image? {
            Image::Picture(p) => self.picture_link(&p.fallback().path),
            Image::File(path) => self.site.config.root_url.link(path),
            Image::External(url) => url.clone(),
        })
    }

    /// The absolute URL of a lead image for link previews: for a processed
    /// photo its 1200 × 630 crop.
    pub(crate) fn image_permalink(&self, image: Option<&Image>) -> Option<String> {
        Some(match image? {
            Image::Picture(p) => {
                let root = &self.site.config.root_url;
                root.permalink(&crate::catalog::url_path(&p.og.path))
            }
            Image::File(path) => self.site.config.root_url.permalink(path),
            Image::External(url) => url.clone(),
        })
    }

    /// Everything templates need to show a processed lead image well: `src`,
    /// `srcset`, `sizes`, `width` and `height` (no layout shift), a `thumb`
    /// for lists and the `og` crop for link previews. `None` for images that
    /// are not processed.
    fn picture(&self, image: Option<&Image>) -> Option<data::Picture<'a>> {
        let Some(Image::Picture(p)) = image else {
            return None;
        };
        let p: &Picture = p;
        let fallback = p.fallback();
        let thumb = p.thumbnail();
        let srcset = |variants: &[crate::catalog::Variant]| {
            variants
                .iter()
                .map(|v| format!("{} {}w", self.picture_link(&v.path), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(data::Picture {
            src: self.picture_link(&fallback.path),
            srcset: srcset(&p.variants),
            sizes: &self.site.config.images.sizes,
            width: fallback.width,
            height: fallback.height,
            thumb: data::Thumb {
                src: self.picture_link(&thumb.path),
                srcset: srcset(&p.variants[..p.variants.len().min(2)]),
                width: thumb.width,
                height: thumb.height,
            },
            og: data::OgImage {
                url: (self.site.config.root_url).permalink(&crate::catalog::url_path(&p.og.path)),
                width: p.og.width,
                height: p.og.height,
                media_type: p.format.media_type(),
            },
            variants: p
                .variants
                .iter()
                .map(|v| data::PictureVariant {
                    src: self.picture_link(&v.path),
                    width: v.width,
                    height: v.height,
                })
                .collect(),
        })
    }

    /// The card data of municipality `index`.
    pub(crate) fn municipality_card(&self, index: usize) -> data::MunicipalityCard<'a> {
        let m = &self.site.municipalities[index];
        data::MunicipalityCard {
            name: &m.name,
            slug: &m.slug,
            url: self.link(&m.url),
            permalink: self.permalink(&m.url),
            kind: m.kind.as_deref(),
            cohort: m.cohort.as_deref(),
            joined: m.joined,
            parent: m.parent.map(|p| self.place_ref(p)),
            member_count: m.members.len(),
            offer_count: m.offers.len(),
            summary: first_sentence(&m.description_text),
        }
    }

    /// A stage of the chain by index.
    pub(crate) fn stage(&self, index: usize) -> data::StageRef<'a> {
        let stage = &self.site.config.stages[index];
        data::StageRef {
            id: &stage.id,
            name: &stage.name,
        }
    }

    /// An offer with its municipality, stages and topics.
    pub(crate) fn offer(&self, offer: &'a crate::model::Offer) -> data::Offer<'a> {
        let m = &self.site.municipalities[offer.municipality];
        let (topics, topics_more) = self.topics_shown(&offer.topics, true);
        data::Offer {
            name: &offer.name,
            anchor: &offer.anchor,
            url: format!("{}#{}", self.link(&m.url), offer.anchor),
            municipality: self.place_ref(offer.municipality),
            stages: offer.stages.iter().map(|&s| self.stage(s)).collect(),
            provider: offer.provider.as_deref(),
            topics,
            topics_more,
            external_url: offer.url.as_deref(),
            contact: offer.contact.as_ref(),
            description_html: &offer.description_html,
            description_lang: self.lang_if(offer.description_untranslated),
            description_dir: self.dir_if(offer.description_untranslated),
        }
    }

    /// Everything about one municipality: record, chain, members, news, events.
    pub(crate) fn municipality_page(&self, index: usize) -> data::Municipality<'a> {
        let site = self.site;
        let m = &site.municipalities[index];
        let stages = &site.config.stages;
        let chain = (0..stages.len())
            .map(|s| {
                let offers: Vec<data::Offer<'a>> = m
                    .offers
                    .iter()
                    .filter(|o| o.stages.contains(&s))
                    .map(|o| self.offer(o))
                    .collect();
                data::ChainStage {
                    id: &stages[s].id,
                    name: &stages[s].name,
                    gap: offers.is_empty(),
                    offers,
                }
            })
            .collect();
        let covered = (0..stages.len())
            .filter(|s| m.offers.iter().any(|o| o.stages.contains(s)))
            .count();
        data::Municipality {
            card: self.municipality_card(index),
            leadership: m.leadership.as_deref(),
            leadership_lang: self.lang_if(m.untranslated.leadership),
            leadership_dir: self.dir_if(m.untranslated.leadership),
            contacts: &m.contacts,
            focus: self.topic_refs(&m.focus),
            partners: &m.partners,
            website: m.website.as_deref(),
            location: m.location.map(|g| data::Location {
                lat: data::Degrees(g.lat),
                lon: data::Degrees(g.lon),
            }),
            population: m.population,
            population_display: m.population.map(|p| i18n::number(site.config.language, p)),
            description_html: &m.description_html,
            description_lang: self.lang_if(m.untranslated.description),
            description_dir: self.dir_if(m.untranslated.description),
            offers: m.offers.iter().map(|o| self.offer(o)).collect(),
            chain,
            gap_count: stages.len() - covered,
            members: m.members.iter().map(|&i| self.municipality(i)).collect(),
            articles: m.articles.iter().map(|&i| self.article(i)).collect(),
            events: m.events.iter().map(|&i| self.event(i)).collect(),
            extra: &m.extra,
        }
    }
}

/// How many of `ids` a card leaves out.
fn hidden_topics(ids: &[usize]) -> usize {
    ids.len().saturating_sub(MAX_CARD_TOPICS)
}

/// The ISO 8601 form of a date (all day) or a moment.
pub(crate) fn iso(when: &When) -> String {
    if when.all_day {
        iso_date(when.date())
    } else {
        when.at.to_rfc3339()
    }
}

/// The first sentence of `text`, at most 200 characters.
pub(crate) fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    let sentence = &text[..end];
    if sentence.chars().count() > 200 {
        let cut: String = sentence.chars().take(197).collect();
        format!("{} …", cut.trim_end())
    } else {
        sentence.to_string()
    }
}
