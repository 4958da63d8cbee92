//! Rendered Markdown remembered between the rebuilds of `kette serve`, so
//! that a rebuild renders only the texts that changed.
//!
//! A text is known by a hash of what it is rendered from: its source file's
//! [fingerprint](crate::content::fingerprint) and which text of the file it
//! is, the page it belongs to and the rendering settings. `@/` links are
//! resolved through the whole site, so a remembered text also notes the
//! links it resolved and is used again only while they resolve as before.
//! Texts with images or problems are never remembered: images depend on
//! the files beside them, and problems must be reported by every build.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::content::markdown::{RenderOptions, Rendered};
use crate::sync::{inner, locked};

/// The texts rendered by the last build, by key.
#[derive(Debug, Default)]
pub(crate) struct TextMemo {
    /// Read by all render threads at once: recalling takes no lock.
    last: HashMap<u64, Remembered>,
    /// Texts rendered by the build under way.
    fresh: Mutex<Vec<(u64, Remembered)>>,
}

#[derive(Debug)]
struct Remembered {
    rendered: Rendered,
    /// Every `@/` link path the text resolved, and what it resolved to.
    links: Vec<(String, Option<String>)>,
    /// Recalled by the build under way.
    used: AtomicBool,
}

impl TextMemo {
    /// The text rendered last time with `key`, if its links still resolve
    /// as they did (`resolve` as in [`crate::content::markdown::render`]).
    pub(super) fn recall(
        &self,
        key: u64,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Option<Rendered> {
        let remembered = self.last.get(&key)?;
        if !remembered
            .links
            .iter()
            .all(|(path, url)| resolve(path) == *url)
        {
            return None;
        }
        remembered.used.store(true, Ordering::Relaxed);
        Some(remembered.rendered.clone())
    }

    /// Remembers a text just rendered, unless it has images or problems.
    pub(super) fn remember(
        &self,
        key: u64,
        rendered: &Rendered,
        links: Vec<(String, Option<String>)>,
    ) {
        if rendered.images.is_empty() && rendered.broken_links.is_empty() {
            let remembered = Remembered {
                rendered: rendered.clone(),
                links,
                used: AtomicBool::new(false),
            };
            locked(&self.fresh).push((key, remembered));
        }
    }

    /// Ends a build: what it rendered or recalled is what the next build
    /// can recall; the rest is forgotten.
    pub(super) fn finish(&mut self) {
        self.last.retain(|_, r| std::mem::take(r.used.get_mut()));
        let fresh = std::mem::take(inner(&mut self.fresh));
        self.last.extend(fresh);
    }
}

/// The key of a text: part `part` of the source file with `fingerprint`,
/// shown on the page at `page_base` beside ids with `page_ids` (their
/// [fingerprint](crate::content::markdown::PageIds::fingerprint)) and
/// rendered with `options`.
pub(super) fn text_key(
    (fingerprint, part): (u64, usize),
    page_base: &str,
    page_ids: u64,
    options: RenderOptions,
) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (fingerprint, part, page_base, page_ids).hash(&mut h);
    (
        options.raw_html,
        options.language.code(),
        options.eager_first_image,
    )
        .hash(&mut h);
    h.finish()
}
