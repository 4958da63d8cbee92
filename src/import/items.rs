//! One WordPress item made into kette's files: front matter (front.rs),
//! the body converted with its links rewritten, and its uploads copied
//! beside it or into `static/`.

mod front;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::assets::Assets;
use super::body::{self, Note};
use super::plan::{Kind, OldSite, Planned};
use super::shortcodes::Media;
use super::write::{Contents, Output};
use super::wxr::Item;
use crate::config::Config;
use crate::messages::{self, ByHand, Text};

/// What the conversion of all items shares.
pub(super) struct Context<'a> {
    /// The site's configuration.
    pub config: &'a Config,
    /// The WordPress site's address.
    pub old: &'a OldSite,
    /// Attachments by id.
    pub attachments: HashMap<u64, Item>,
    /// Venues of The Events Calendar by id.
    pub venues: HashMap<u64, Item>,
    /// Old addresses (see [`OldSite::key`]) → content path and draft flag.
    pub links: HashMap<String, (String, bool)>,
    /// The copy of `wp-content/uploads`, if given.
    pub uploads: Option<&'a Path>,
    /// The site's root.
    pub root: &'a Path,
}

/// An item's files and what the report says about it.
#[derive(Debug, Default)]
pub(super) struct Made {
    /// The Markdown file and the uploads to copy.
    pub outputs: Vec<Output>,
    /// `file:line: message` lines for the report.
    pub notes: Vec<Text>,
}

struct Gallery<'a> {
    ctx: &'a Context<'a>,
    parent: u64,
}

impl Media for Gallery<'_> {
    fn gallery(&self, ids: Option<&[u64]>) -> Vec<(String, String)> {
        let mut found: Vec<&Item> = match ids {
            Some(ids) => ids
                .iter()
                .filter_map(|id| self.ctx.attachments.get(id))
                .collect(),
            None => self
                .ctx
                .attachments
                .values()
                .filter(|a| a.parent == self.parent)
                .collect(),
        };
        if ids.is_none() {
            found.sort_by_key(|a| a.id);
        }
        found
            .into_iter()
            .map(|a| {
                let alt = a.meta("_wp_attachment_image_alt").unwrap_or(&a.title);
                (a.attachment_url.clone(), decode_entities(alt))
            })
            .collect()
    }
}

/// Makes the files of one planned item from its `content` (taken out of
/// `item`); `taken` holds the URLs aliases may not use, `statics` the
/// uploads already bound for `static/`.
pub(super) fn make(
    ctx: &Context,
    planned: &Planned,
    item: &Item,
    content: &str,
    taken: &mut HashSet<String>,
    statics: &mut HashSet<String>,
) -> Made {
    let folder = (planned.kind == Kind::Post && planned.path.ends_with("/index.md"))
        .then(|| PathBuf::from("content").join(planned.path.trim_end_matches("/index.md")));
    let mut making = Making {
        ctx,
        planned,
        item,
        assets: Assets::new(ctx, folder),
        notes: Vec::new(),
        statics,
    };
    let media = Gallery {
        ctx,
        parent: item.id,
    };
    let converted = body::convert(
        content,
        ctx.config.markdown.raw_html,
        &media,
        &mut |url, is_image| making.rewrite(url, is_image),
    );
    making.notes.extend(converted.notes);
    let front = making.front_matter(taken);
    let text = format!("---\n{front}---\n{}", converted.markdown);
    making.finish(&front, text)
}

/// One item on its way to files: the uploads placed and the notes for the
/// report so far, in the order the report lists them.
struct Making<'a, 'c> {
    ctx: &'a Context<'c>,
    planned: &'a Planned,
    item: &'a Item,
    assets: Assets<'a>,
    notes: Vec<Note>,
    statics: &'a mut HashSet<String>,
}

impl Making<'_, '_> {
    /// A URL of the body as the new site writes it: an upload copied, a
    /// link to another item as `@/path`, anything else as it was.
    fn rewrite(&mut self, url: &str, is_image: bool) -> String {
        let ctx = self.ctx;
        if let Some(rel) = ctx.old.upload_path(url) {
            return self
                .assets
                .place(url, &rel, is_image, self.statics)
                .unwrap_or_else(|| url.to_string());
        }
        if is_image {
            // kette looks for a relative image beside the page and fails the
            // build when it is missing: point it at the old site instead.
            return match ctx.old.absolute(url) {
                Some(absolute) => {
                    self.note(&absolute, ByHand::ImageNotUpload(url, &absolute));
                    absolute
                }
                None => url.to_string(),
            };
        }
        let Some((key, fragment)) = ctx.old.key(url) else {
            return url.to_string();
        };
        match ctx.links.get(&key) {
            Some((_, true)) if !self.planned.draft => {
                self.note(url, ByHand::LinkToDraft(url));
                url.to_string()
            }
            Some((path, _)) if fragment.is_empty() => format!("@/{path}"),
            Some((path, _)) => format!("@/{path}#{fragment}"),
            None => {
                self.note(url, ByHand::LinkToOldSite(url));
                url.to_string()
            }
        }
    }

    /// A note for the report, placed at the line where `needle` is (at the
    /// body's start when empty).
    fn note(&mut self, needle: &str, note: ByHand<'_>) {
        self.notes.push(Note {
            needle: needle.to_string(),
            message: messages::by_hand(note),
        });
    }

    /// An image of the old site's uploads copied, its new URL; another
    /// URL as it is.
    fn image(&mut self, url: String) -> String {
        match self.ctx.old.upload_path(&url) {
            Some(rel) => self
                .assets
                .place(&url, &rel, true, self.statics)
                .unwrap_or(url),
            None => url,
        }
    }

    /// The Markdown file and the uploads, with each note placed at its
    /// line of `text` (whose front matter is `front`).
    fn finish(self, front: &str, text: String) -> Made {
        let (copies, asset_notes) = self.assets.finish();
        let file = PathBuf::from("content").join(&self.planned.path);
        let body_line = front.lines().count() + 3;
        let mut made = Made::default();
        for note in self.notes.into_iter().chain(asset_notes) {
            let line = if note.needle.is_empty() {
                None
            } else {
                text.find(&note.needle)
                    .map(|i| text[..i].matches('\n').count() + 1)
            };
            let at = format!("{}:{}: ", file.display(), line.unwrap_or(body_line));
            made.notes.push(note.message.prefixed(&at));
        }
        made.outputs.push(Output {
            path: file,
            contents: Contents::Text(text),
        });
        made.outputs.extend(copies);
        made
    }
}

/// HTML entities in titles and excerpts (WordPress writes `&#8211;`,
/// `&amp;` …) decoded: numeric ones and the common named ones.
pub(super) fn decode_entities(text: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", "\u{a0}"),
        ("ndash", "–"),
        ("mdash", "—"),
        ("hellip", "…"),
        ("bdquo", "„"),
        ("ldquo", "“"),
        ("rdquo", "”"),
        ("lsquo", "‘"),
        ("rsquo", "’"),
        ("sbquo", "‚"),
        ("laquo", "«"),
        ("raquo", "»"),
        ("auml", "ä"),
        ("ouml", "ö"),
        ("uuml", "ü"),
        ("Auml", "Ä"),
        ("Ouml", "Ö"),
        ("Uuml", "Ü"),
        ("szlig", "ß"),
        ("euro", "€"),
        ("copy", "©"),
        ("reg", "®"),
        ("shy", ""),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
                    .filter(|c| *c != '\0')
                    .map(String::from)
            } else {
                NAMED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        });
        match (decoded, end) {
            (Some(d), Some(e)) => {
                out.push_str(&d);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_sizes() {
        assert_eq!(
            decode_entities("Fachtag &#8211; &amp;Co &bdquo;x&ldquo; &#x263A; &bogus; &"),
            "Fachtag – &Co „x“ ☺ &bogus; &"
        );
    }
}
