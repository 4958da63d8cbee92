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
use std::sync::Mutex;

use crate::content::markdown::{RenderOptions, Rendered};

/// The texts rendered by the last build, by key.
#[derive(Debug, Default)]
pub struct TextMemo {
    last: Mutex<HashMap<u64, Remembered>>,
    next: Mutex<HashMap<u64, Remembered>>,
}

#[derive(Debug)]
struct Remembered {
    rendered: Rendered,
    /// Every `@/` link path the text resolved, and what it resolved to.
    links: Vec<(String, Option<String>)>,
}

impl TextMemo {
    /// An empty memo: the next build renders every text.
    pub fn new() -> Self {
        TextMemo::default()
    }

    /// The text rendered last time with `key`, if its links still resolve
    /// as they did (`resolve` as in [`crate::content::markdown::render`]).
    pub(super) fn recall(
        &self,
        key: u64,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Option<Rendered> {
        let remembered = locked(&self.last).remove(&key)?;
        if !remembered
            .links
            .iter()
            .all(|(path, url)| resolve(path) == *url)
        {
            return None;
        }
        let rendered = remembered.rendered.clone();
        locked(&self.next).insert(key, remembered);
        Some(rendered)
    }

    /// Remembers a text just rendered, unless it has images or problems.
    pub(super) fn remember(
        &self,
        key: u64,
        rendered: &Rendered,
        links: Vec<(String, Option<String>)>,
    ) {
        if rendered.images.is_empty() && rendered.broken_links.is_empty() {
            let rendered = rendered.clone();
            locked(&self.next).insert(key, Remembered { rendered, links });
        }
    }

    /// Ends a build: what it rendered or recalled is what the next build
    /// can recall; the rest is forgotten.
    pub(super) fn finish(&mut self) {
        let next = std::mem::take(inner(&mut self.next));
        *inner(&mut self.last) = next;
    }
}

/// The key of a text: part `part` of the source file with `fingerprint`,
/// shown on the page at `page_base` and rendered with `options`.
pub(super) fn text_key(
    fingerprint: u64,
    part: usize,
    page_base: &str,
    options: RenderOptions,
) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (fingerprint, part, page_base).hash(&mut h);
    (options.raw_html, options.german, options.eager_first_image).hash(&mut h);
    h.finish()
}

// A panic in one render thread must not hide what the others recorded.
fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn inner<T>(mutex: &mut Mutex<T>) -> &mut T {
    mutex.get_mut().unwrap_or_else(|e| e.into_inner())
}
