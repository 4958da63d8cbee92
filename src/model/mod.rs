//! The site model: every article, event, municipality, offer, topic and
//! page, with slugs, URLs, dates in the site's time zone, rendered Markdown
//! and the links between them, validated as a whole. Built from the loaded
//! [`Content`]; rendering reads only this.

mod assemble;
mod identify;
pub(crate) mod items;
mod links;
mod patch;
mod pictures;
mod text;
mod text_memo;
mod texts;
mod topics;
pub(crate) mod urls;

use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::Diagnostics;

pub(crate) use items::*;
pub(crate) use patch::ModelMemo;
pub(crate) use text_memo::TextMemo;
pub(crate) use urls::UrlScheme;

/// A whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// Where each kind of page lives.
    pub urls: UrlScheme,
    /// Articles, newest first.
    pub articles: Vec<Article>,
    /// Events, earliest first.
    pub events: Vec<Event>,
    /// Municipalities, by name.
    pub municipalities: Vec<Municipality>,
    /// Topics, in the order first named (see [`Site::topics_by_name`]).
    pub topics: Vec<Topic>,
    /// Standalone pages, by slug.
    pub pages: Vec<Page>,
    /// The photos the content uses, to publish processed.
    pub images: crate::catalog::SiteImages,
}

impl Site {
    /// Builds the model from loaded content. Problems are returned beside the
    /// site so that callers can report them together with others; a site
    /// with problems must not be published.
    pub fn build(config: Config, content: Content, include_drafts: bool) -> (Site, Diagnostics) {
        Site::build_with(config, content, include_drafts, None)
    }

    /// [`Site::build`], taking the Markdown texts whose inputs are unchanged
    /// from `memo` instead of rendering them again, and noting in it what a
    /// later edit needs to be patched in (for `serve`).
    pub(crate) fn build_with(
        config: Config,
        content: Content,
        include_drafts: bool,
        memo: Option<&mut ModelMemo>,
    ) -> (Site, Diagnostics) {
        let mut problems = Diagnostics::new();
        let identified = crate::timing::timed("  identify", || {
            identify::identify(&config, content, include_drafts, &mut problems)
        });
        let site = match memo {
            Some(memo) => {
                let (site, links) =
                    assemble::assemble(config, identified, Some(&memo.texts), &mut problems);
                memo.texts.finish();
                memo.made(links);
                site
            }
            None => assemble::assemble(config, identified, None, &mut problems).0,
        };
        (site, problems)
    }

    /// Topic indices sorted by name, for lists.
    pub fn topics_by_name(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.topics.len()).collect();
        ids.sort_by(|&a, &b| self.topics[a].slug.cmp(&self.topics[b].slug));
        ids
    }

    /// The number of offers of all municipalities.
    pub fn offer_count(&self) -> usize {
        self.municipalities.iter().map(|m| m.offers.len()).sum()
    }
}
