//! One WordPress item made into kette's files: front matter (serialised by
//! serde_yaml from the structs below, so quoting is always right), the body
//! converted, and its uploads copied beside it or into `static/`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::assets::Assets;
use super::body::{self, Note};
use super::plan::{self, Kind, OldSite, Planned};
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

#[derive(Serialize)]
struct Extra {
    wordpress_guid: String,
    wordpress_id: u64,
}

fn is_false(b: &bool) -> bool {
    !*b
}

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

#[derive(Serialize)]
struct PageOut {
    title: String,
    #[serde(skip_serializing_if = "is_false")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    extra: Extra,
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
    let mut assets = Assets::new(ctx, folder);
    let mut notes: Vec<Note> = Vec::new();
    let mut rewrite = |url: &str, is_image: bool| -> String {
        if let Some(rel) = ctx.old.upload_path(url) {
            return assets
                .place(url, &rel, is_image, statics)
                .unwrap_or_else(|| url.to_string());
        }
        if is_image {
            // kette looks for a relative image beside the page and fails the
            // build when it is missing: point it at the old site instead.
            return match ctx.old.absolute(url) {
                Some(absolute) => {
                    notes.push(Note {
                        needle: absolute.clone(),
                        message: messages::by_hand(ByHand::ImageNotUpload(url, &absolute)),
                    });
                    absolute
                }
                None => url.to_string(),
            };
        }
        let Some((key, fragment)) = ctx.old.key(url) else {
            return url.to_string();
        };
        match ctx.links.get(&key) {
            Some((_, true)) if !planned.draft => {
                notes.push(Note {
                    needle: url.to_string(),
                    message: messages::by_hand(ByHand::LinkToDraft(url)),
                });
                url.to_string()
            }
            Some((path, _)) if fragment.is_empty() => format!("@/{path}"),
            Some((path, _)) => format!("@/{path}#{fragment}"),
            None => {
                notes.push(Note {
                    needle: url.to_string(),
                    message: messages::by_hand(ByHand::LinkToOldSite(url)),
                });
                url.to_string()
            }
        }
    };
    let media = Gallery {
        ctx,
        parent: item.id,
    };
    let converted = body::convert(content, ctx.config.markdown.raw_html, &media, &mut rewrite);
    notes.extend(converted.notes);

    let mut title = super::plain::plain_text(&item.title);
    if title.is_empty() {
        title = format!("Ohne Titel ({})", item.id);
        notes.push(Note {
            needle: String::new(),
            message: messages::by_hand(ByHand::NoTitle),
        });
    }
    let summary = Some(super::plain::plain_text(&item.excerpt)).filter(|s| !s.is_empty());
    let topics = topics(item);
    let extra = Extra {
        wordpress_guid: item.guid.clone(),
        wordpress_id: item.id,
    };
    let thumbnail = item
        .meta("_thumbnail_id")
        .and_then(|id| id.trim().parse::<u64>().ok())
        .and_then(|id| ctx.attachments.get(&id))
        .map(|a| a.attachment_url.clone())
        .filter(|u| !u.is_empty());
    let mut image = |url: String| match ctx.old.upload_path(&url) {
        Some(rel) => assets.place(&url, &rel, true, statics).unwrap_or(url),
        None => url,
    };
    let mut aliases = Vec::new();
    match plan::alias_for(ctx.old, &item.link) {
        Ok(Some(alias)) => match crate::model::urls::alias_url(&alias) {
            Ok(url) if url == planned.url => {}
            Ok(url) if !taken.contains(&url) => {
                taken.insert(url);
                aliases.push(alias);
            }
            _ => notes.push(Note {
                needle: String::new(),
                message: messages::by_hand(ByHand::AliasTaken(&alias)),
            }),
        },
        Ok(None) => {}
        // A draft was never public at its old address (`?p=ID`).
        Err(_) if planned.draft => {}
        Err(why) => notes.push(Note {
            needle: String::new(),
            message: messages::by_hand(ByHand::AliasNotKept(why)),
        }),
    }
    let front = match planned.kind {
        Kind::Post => {
            let date = plan::post_date(item, ctx.config)
                .map(|(d, _)| d)
                .unwrap_or_default();
            serde_yaml::to_string(&ArticleOut {
                title,
                date,
                summary,
                topics,
                image: thumbnail.map(&mut image),
                draft: planned.draft,
                aliases,
                extra,
            })
        }
        Kind::Event => {
            let start = plan::event_start(item)
                .map(|(s, _)| s)
                .or_else(|| plan::post_date(item, ctx.config).map(|(d, _)| d));
            let mut end = plan::event_end(item).map(|(e, _)| e);
            if let (Some(s), Some(e)) = (&start, &end) {
                // Both in one of two forms; compared as text they order right
                // unless the forms differ, so compare the days then.
                if e.get(..10) < s.get(..10) || (e.len() == s.len() && e < s) {
                    notes.push(Note {
                        needle: String::new(),
                        message: messages::by_hand(ByHand::EndBeforeStart(e, s)),
                    });
                    end = None;
                }
            }
            let url = item
                .meta("_EventURL")
                .map(str::trim)
                .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
                .map(str::to_string);
            serde_yaml::to_string(&EventOut {
                title,
                start,
                end,
                location: venue(ctx, item),
                summary,
                topics,
                url,
                image: thumbnail.map(&mut image),
                draft: planned.draft,
                aliases,
                extra,
            })
        }
        Kind::Page => {
            if thumbnail.is_some() {
                notes.push(Note {
                    needle: String::new(),
                    message: messages::by_hand(ByHand::PageImage),
                });
            }
            serde_yaml::to_string(&PageOut {
                title,
                draft: planned.draft,
                aliases,
                extra,
            })
        }
    };
    let front = front.unwrap_or_default();
    let text = format!("---\n{front}---\n{}", converted.markdown);
    let (copies, asset_notes) = assets.finish();
    notes.extend(asset_notes);
    let file = PathBuf::from("content").join(&planned.path);
    let body_line = front.lines().count() + 3;
    let mut made = Made::default();
    for note in notes {
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
