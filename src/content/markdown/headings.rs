//! Heading ids: every heading gets one, unique within the text, so that
//! sections can be linked. Ids written by the editor (`## Kontakt {#kontakt}`)
//! and footnote labels (which pulldown-cmark writes as ids) are reserved
//! first; automatic ids come from the heading's text and give way to them
//! (`kontakt-1`). A heading without text is named by the site's language.
//! Linear in the number of headings: used ids are kept in a set, and each
//! base remembers the last number it tried.
//!
//! Ids must be unique on the whole page, which may show several texts (a
//! municipality's description and its offers') and has ids of its own (the
//! theme's `main`): [`PageIds`] holds those, and each text gives way to
//! them ([`give_way`]) after its own ids are made, its `#fragment` links
//! following its renamed headings and footnotes.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Piece;
use crate::config::Language;

/// The ids already used on the page a text is shown on: the page's own
/// (reserved by the caller) and those of the texts shown on it before. A
/// text rendered with them gives way to every one of them.
///
/// The reserved ids are shared between clones: every article page reserves
/// the same theme ids, and a 10,000-article site would otherwise insert
/// them into 10,000 sets on every build and every `serve` rebuild.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageIds {
    reserved: Arc<HashSet<String>>,
    /// Ids used beside the reserved ones.
    used: HashSet<String>,
    /// Order-independent hash of all ids: rendering depends on it.
    fingerprint: u64,
}

impl PageIds {
    /// The ids of a page whose own elements use `reserved`.
    pub(crate) fn reserving<S: Into<String>>(reserved: impl IntoIterator<Item = S>) -> Self {
        let mut ids = PageIds::default();
        for id in reserved {
            ids.insert(id.into());
        }
        PageIds {
            reserved: Arc::new(ids.used),
            used: HashSet::new(),
            fingerprint: ids.fingerprint,
        }
    }

    /// Notes an id as used.
    pub(crate) fn insert(&mut self, id: String) {
        if self.reserved.contains(&id) {
            return;
        }
        let hash = {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            id.hash(&mut h);
            h.finish()
        };
        if self.used.insert(id) {
            self.fingerprint ^= hash;
        }
    }

    /// Notes the ids of a text shown on the page ([`super::Rendered::ids`]).
    pub(crate) fn add_text(&mut self, ids: &[String]) {
        for id in ids {
            self.insert(id.clone());
        }
    }

    /// Whether `id` is used.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.reserved.contains(id) || self.used.contains(id)
    }

    /// A hash of the ids used, equal for equal sets: part of what a
    /// remembered text is known by.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

/// Renames the ids of a text (after [`assign_ids`]) that the page already
/// uses to the first free `id-1`, `id-2`, …, in headings, footnotes and the
/// text's own `#id` links; returns every id the text gives an element.
pub(super) fn give_way(pieces: &mut [Piece<'_>], page: &PageIds) -> Vec<String> {
    let mut own: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for piece in pieces.iter() {
        if let Piece::Md(Event::Start(
            Tag::Heading { id: Some(id), .. } | Tag::FootnoteDefinition(id),
        )) = piece
        {
            if seen.insert(id) {
                own.push(id.to_string());
            }
        }
    }
    if !own.iter().any(|id| page.contains(id)) {
        return own;
    }
    let mut ids = Ids {
        used: page
            .reserved
            .iter()
            .chain(&page.used)
            .chain(&own)
            .cloned()
            .collect(),
        next: HashMap::new(),
    };
    let mut renamed: HashMap<String, String> = HashMap::new();
    for id in &mut own {
        if page.contains(id) {
            let new = ids.unique(id.clone());
            renamed.insert(std::mem::replace(id, new.clone()), new);
        }
    }
    let new_name = |old: &str| renamed.get(old).map(|new| CowStr::from(new.clone()));
    for piece in pieces.iter_mut() {
        let Piece::Md(event) = piece else { continue };
        match event {
            Event::Start(Tag::Heading { id: Some(id), .. })
            | Event::Start(Tag::FootnoteDefinition(id))
            | Event::FootnoteReference(id) => {
                if let Some(new) = new_name(id) {
                    *id = new;
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(new) = dest_url.strip_prefix('#').and_then(new_name) {
                    *dest_url = CowStr::from(format!("#{new}"));
                }
            }
            _ => {}
        }
    }
    own
}

/// Gives every heading of `pieces` a unique id.
pub(super) fn assign_ids(pieces: &mut [Piece<'_>], language: Language) {
    let mut ids = Ids::default();
    // Ids already on an element of the text: footnote definitions first,
    // then each explicit id at its first heading.
    let mut placed: HashSet<String> = HashSet::new();
    for piece in pieces.iter() {
        match piece {
            Piece::Md(Event::Start(Tag::Heading { id: Some(id), .. })) => {
                ids.used.insert(id.to_string());
            }
            Piece::Md(Event::Start(Tag::FootnoteDefinition(label))) => {
                ids.used.insert(label.to_string());
                placed.insert(label.to_string());
            }
            _ => {}
        }
    }
    for i in 0..pieces.len() {
        let Piece::Md(Event::Start(Tag::Heading { id, .. })) = &pieces[i] else {
            continue;
        };
        let new_id = match id {
            Some(explicit) if placed.insert(explicit.to_string()) => continue,
            Some(explicit) => ids.unique(explicit.to_string()),
            None => {
                let base = crate::slug::slugify_for(&heading_text(&pieces[i + 1..]), language);
                if base.is_empty() {
                    ids.unique(empty_heading(language).to_string())
                } else {
                    ids.unique(base)
                }
            }
        };
        if let Piece::Md(Event::Start(Tag::Heading { id, .. })) = &mut pieces[i] {
            *id = Some(CowStr::from(new_id));
        }
    }
}

/// The word an automatic id is made of when a heading has no text.
fn empty_heading(language: Language) -> &'static str {
    // In ASCII like every id kette makes.
    match language {
        Language::De | Language::Ls => "abschnitt",
        Language::En => "section",
        Language::Tr => "bolum",
        Language::Ar => "qism",
        Language::Uk => "rozdil",
    }
}

/// The text of a heading: its text and code, up to its end.
fn heading_text(after_start: &[Piece<'_>]) -> String {
    let mut text = String::new();
    for piece in after_start {
        match piece {
            Piece::Md(Event::End(TagEnd::Heading(_))) => break,
            Piece::Md(Event::Text(t) | Event::Code(t)) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// The ids used so far.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// For each base that was taken, the next number to try.
    next: HashMap<String, usize>,
}

impl Ids {
    /// `base`, or else the first of `base-1`, `base-2`, … not used yet.
    fn unique(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(markdown: &str, language: Language) -> Vec<String> {
        let options = pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES
            | pulldown_cmark::Options::ENABLE_FOOTNOTES;
        let mut pieces: Vec<Piece<'_>> = pulldown_cmark::Parser::new_ext(markdown, options)
            .map(Piece::Md)
            .collect();
        assign_ids(&mut pieces, language);
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Md(Event::Start(Tag::Heading { id, .. })) => {
                    Some(id.as_deref().unwrap_or("NONE").to_string())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn explicit_ids_are_reserved_before_automatic_ones() {
        assert_eq!(
            ids("## Kontakt\n\n## Zweites {#kontakt}\n", Language::De),
            ["kontakt-1", "kontakt"]
        );
    }

    #[test]
    fn every_mix_gives_unique_ids() {
        let got = ids(
            "# A\n\n# A {#a-1}\n\n# A\n\n# A {#a}\n\n# A {#a}\n\n# A-1\n\n# x[^n]\n\n# A\n\n[^n]: note\n",
            Language::En,
        );
        assert_eq!(got, ["a-2", "a-1", "a-3", "a", "a-4", "a-1-1", "x", "a-5"]);
    }

    #[test]
    fn footnote_labels_are_not_taken() {
        assert_eq!(
            ids("# Note\n\nx[^note]\n\n[^note]: a\n", Language::En),
            ["note-1"]
        );
    }

    #[test]
    fn a_text_gives_way_to_the_page_and_its_own_links_follow() {
        let markdown = "[a](#kontakt) [b](#main) [c](#weiter)\n\n## Kontakt\n\n## Kontakt\n\nx[^main]\n\n[^main]: n\n";
        let options = pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES
            | pulldown_cmark::Options::ENABLE_FOOTNOTES;
        let mut pieces: Vec<Piece<'_>> = pulldown_cmark::Parser::new_ext(markdown, options)
            .map(Piece::Md)
            .collect();
        assign_ids(&mut pieces, Language::De);
        let page = PageIds::reserving(["kontakt", "main", "weiter", "kontakt-2"]);
        let own = give_way(&mut pieces, &page);
        // The second `Kontakt` was `kontakt-1` and stays so: the first moves on.
        assert_eq!(own, ["kontakt-3", "kontakt-1", "main-1"]);
        let mut named = Vec::new();
        for piece in &pieces {
            match piece {
                Piece::Md(Event::Start(Tag::Link { dest_url, .. })) => {
                    named.push(dest_url.to_string());
                }
                Piece::Md(Event::FootnoteReference(label)) => named.push(format!("^{label}")),
                _ => {}
            }
        }
        // `#weiter` is no id of the text: it still names the page's.
        assert_eq!(named, ["#kontakt-3", "#main-1", "#weiter", "^main-1"]);
    }

    #[test]
    fn page_ids_fingerprint_the_set_not_the_order() {
        let a = PageIds::reserving(["a", "b", "a"]);
        let b = PageIds::reserving(["b", "a"]);
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), PageIds::reserving(["a"]).fingerprint());
    }

    #[test]
    fn empty_headings_are_named_in_the_site_language() {
        assert_eq!(ids("#\n\n# ***\n", Language::En), ["section", "section-1"]);
        assert_eq!(ids("#\n\n#\n", Language::De), ["abschnitt", "abschnitt-1"]);
        assert_eq!(ids("#\n", Language::Tr), ["bolum"]);
        assert_eq!(ids("#\n", Language::Ar), ["qism"]);
        assert_eq!(
            ids("#\n\n## Підтримка сімей\n", Language::Uk),
            ["rozdil", "pidtrymka-simei"]
        );
    }
}
