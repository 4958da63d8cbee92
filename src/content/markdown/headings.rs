//! Heading ids: every heading gets one, unique within the text, so that
//! sections can be linked. Ids written by the editor (`## Kontakt {#kontakt}`)
//! and footnote labels (which pulldown-cmark writes as ids) are reserved
//! first; automatic ids come from the heading's text and give way to them
//! (`kontakt-1`). A heading without text is named by the site's language.
//! Linear in the number of headings: used ids are kept in a set, and each
//! base remembers the last number it tried.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Piece;
use crate::config::Language;

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
    match language {
        Language::De => "abschnitt",
        Language::En => "section",
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
    fn empty_headings_are_named_in_the_site_language() {
        assert_eq!(ids("#\n\n# ***\n", Language::En), ["section", "section-1"]);
        assert_eq!(ids("#\n\n#\n", Language::De), ["abschnitt", "abschnitt-1"]);
    }
}
