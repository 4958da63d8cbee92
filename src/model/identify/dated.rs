//! Identifying articles and events, the dated documents: drafts left out,
//! each one's date (given, or from a `YYYY-MM-DD-` file name), slug, URL
//! and aliases settled in parallel, problems and drafts noted in source
//! order.

use std::collections::HashMap;

use chrono_tz::Tz;
use rayon::prelude::*;

use super::{aliases, chosen_slug, fits, front_location, Dated, Identified, LinkTarget};
use crate::config::Language;
use crate::content::dates::{date_prefix, DateValue};
use crate::content::records::{ArticleFront, EventFront};
use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::items::When;
use crate::model::urls::UrlScheme;

fn split_date_prefix(stem: &str) -> (Option<chrono::NaiveDate>, &str) {
    match date_prefix(stem) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, stem),
    }
}

fn resolve_date(
    given: Option<DateValue>,
    from_name: Option<chrono::NaiveDate>,
    zone: Tz,
) -> Option<When> {
    let value = given.or(from_name.map(DateValue::Date))?;
    Some(When {
        at: value.in_zone(zone),
        all_day: value.is_all_day(),
    })
}

/// What identifying needs from the front matter of a dated document.
pub(super) trait DatedFront {
    fn draft(&self) -> bool;
    fn date(&self) -> Option<DateValue>;
    fn slug(&self) -> Option<&str>;
    fn title(&self) -> &str;
    fn aliases(&self) -> &[String];
}

impl DatedFront for ArticleFront {
    fn draft(&self) -> bool {
        self.draft
    }
    fn date(&self) -> Option<DateValue> {
        self.date
    }
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
}

impl DatedFront for EventFront {
    fn draft(&self) -> bool {
        self.draft
    }
    fn date(&self) -> Option<DateValue> {
        self.start
    }
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
}

/// How one kind of dated document is named and placed.
pub(super) struct DatedRules {
    date_key: &'static str,
    help: &'static str,
    url: fn(&UrlScheme, &str) -> String,
}

pub(super) const ARTICLE_RULES: DatedRules = DatedRules {
    date_key: "date",
    help: "add `date: YYYY-MM-DD`, or start the file name with the date",
    url: UrlScheme::article,
};

pub(super) const EVENT_RULES: DatedRules = DatedRules {
    date_key: "start",
    help: "add `start: YYYY-MM-DD` or `start: YYYY-MM-DDTHH:MM`",
    url: UrlScheme::event,
};

/// What identifying articles and events shares.
pub(super) struct DatedContext<'c> {
    pub(super) scheme: &'c UrlScheme,
    pub(super) language: Language,
    pub(super) zone: Tz,
    pub(super) include_drafts: bool,
    pub(super) links: &'c mut HashMap<String, LinkTarget>,
    pub(super) problems: &'c mut Diagnostics,
}

impl DatedContext<'_> {
    /// Drops drafts, settles date, slug, URL and aliases of every document
    /// (in parallel; problems and drafts are noted in source order).
    pub(super) fn identify<F: DatedFront + Send>(
        &mut self,
        docs: Vec<Document<F>>,
        rules: &DatedRules,
    ) -> Vec<Dated<Document<F>>> {
        let (scheme, language, zone) = (self.scheme, self.language, self.zone);
        let include_drafts = self.include_drafts;
        let settled: Vec<Settled<F>> = docs
            .into_par_iter()
            .map(|doc| {
                let mut problems = Diagnostics::new();
                if doc.front.draft() && !include_drafts {
                    return Settled::Draft(doc.content_path);
                }
                let (prefix_date, rest) = split_date_prefix(&doc.stem);
                let Some(when) = resolve_date(doc.front.date(), prefix_date, zone) else {
                    problems.push(
                        Diagnostic::at(
                            &doc.file,
                            Location::new(2, 1),
                            format!("missing field `{}`", rules.date_key),
                        )
                        .with_help(rules.help),
                    );
                    return Settled::Problems(problems);
                };
                let Some(slug) = chosen_slug(
                    language,
                    doc.front.slug(),
                    rest,
                    doc.front.title(),
                    &doc.file,
                    |v| front_location(&doc.front_text, "slug", v),
                    &mut problems,
                ) else {
                    return Settled::Problems(problems);
                };
                let url = (rules.url)(scheme, &slug);
                let at = || {
                    let front = &doc.front;
                    fits::slug_location(
                        &doc.front_text,
                        front.slug(),
                        front.title(),
                        &slug,
                        language,
                    )
                };
                if !fits::page(&url, &doc.file, at, &mut problems)
                    | !fits::assets(&url, &doc.file, &doc.assets, language, &mut problems)
                {
                    return Settled::Problems(problems);
                }
                let aliases = aliases(
                    doc.front.aliases(),
                    &doc.file,
                    &doc.front_text,
                    &mut problems,
                );
                let item = Identified {
                    source: doc,
                    slug,
                    url,
                    aliases,
                };
                Settled::Dated(Dated { item, when }, problems)
            })
            .collect();
        let mut out = Vec::with_capacity(settled.len());
        for s in settled {
            match s {
                Settled::Draft(content_path) => {
                    self.links.insert(content_path, LinkTarget::Draft);
                }
                Settled::Problems(problems) => self.problems.extend(problems),
                Settled::Dated(dated, problems) => {
                    self.problems.extend(problems);
                    out.push(dated);
                }
            }
        }
        out
    }
}

/// What became of one dated document.
// Short-lived, one per document: boxing the large variant would cost an
// allocation each.
#[allow(clippy::large_enum_variant)]
enum Settled<F> {
    /// A draft, left out: its content path.
    Draft(String),
    /// Left out for these problems.
    Problems(Diagnostics),
    /// Identified, perhaps with problems (of its aliases).
    Dated(Dated<Document<F>>, Diagnostics),
}
