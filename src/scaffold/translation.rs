//! `kette new article "…" --lang en --translation-of NAME`: the translation
//! file beside its original (`NAME.en.md`, or `index.en.md` in an article
//! folder), with the translated title, the original's own texts to
//! translate below, and the fields it shares with the original as comments
//! (they always come from the original; docs/site-format.md,
//! "Translations").

use std::path::{Path, PathBuf};

use super::{write_new, yaml_quote, NewKind};
use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostic;
use crate::language::Language;
use crate::messages;

/// The fields a translation takes from its original, by kind.
fn shared_keys(kind: NewKind) -> &'static [&'static str] {
    match kind {
        NewKind::Article => &["date", "updated", "municipalities", "topics", "image"],
        NewKind::Event => &["start", "end", "municipalities", "topics", "image", "url"],
        NewKind::Page | NewKind::Municipality => &["menu", "template"],
    }
}

/// The original's file for `name` (a file name with or without `.md`, or
/// an article folder's name) in the kind's folder.
fn find_original(root: &Path, kind: NewKind, name: &str) -> Option<PathBuf> {
    let folder = match kind {
        NewKind::Article => "news",
        NewKind::Event => "events",
        NewKind::Page => "pages",
        NewKind::Municipality => return None,
    };
    let dir = root.join(CONTENT_DIR).join(folder);
    let name = name.trim().trim_end_matches('/');
    let name = name.strip_suffix(".md").unwrap_or(name);
    let name = name
        .strip_prefix(folder)
        .map_or(name, |n| n.trim_start_matches('/'));
    [
        dir.join(format!("{name}.md")),
        dir.join(name).join("index.md"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// Writes the `language` translation of the item `original` of `kind`
/// with `title`; returns its path. The language must be one of the site's
/// further languages, the original must exist; never overwrites.
pub fn new_translation(
    root: &Path,
    kind: NewKind,
    title: &str,
    original: &str,
    language: Language,
) -> Result<PathBuf, Diagnostic> {
    let config = Config::load(root, None).map_err(|problems| {
        problems
            .into_sorted()
            .into_iter()
            .next()
            .unwrap_or_else(|| {
                Diagnostic::file(
                    root.join(crate::config::CONFIG_FILE),
                    messages::not_a_site_here(),
                )
            })
    })?;
    if !config.languages[1..].iter().any(|l| l.language == language) {
        let listed: Vec<&str> = config.languages[1..]
            .iter()
            .map(|l| l.language.key())
            .collect();
        let (message, help) = messages::language_not_configured(language.key(), &listed.join(", "));
        return Err(Diagnostic::file("--lang", message).with_help(help));
    }
    let Some(source) = find_original(root, kind, original) else {
        let (message, help) = messages::translation_without_original(original);
        return Err(Diagnostic::file("--translation-of", message).with_help(help));
    };
    let text = std::fs::read_to_string(&source)
        .map_err(|e| Diagnostic::file(&source, messages::original_unreadable(&e.to_string())))?;
    let front = text
        .replace("\r\n", "\n")
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---").map(|(front, _)| front.to_string()))
        .unwrap_or_default();
    let shared: Vec<&str> = front
        .lines()
        .filter(|line| {
            shared_keys(kind).iter().any(|key| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
        })
        .collect();
    let own: Vec<&str> = front
        .lines()
        .filter(|line| {
            ["summary:", "place:", "location:", "image_alt:"]
                .iter()
                .any(|k| line.starts_with(k))
        })
        .collect();
    let mut out = format!("---\ntitle: {}\n", yaml_quote(title));
    for line in own {
        out.push_str(&format!("# {line}\n"));
    }
    if !shared.is_empty() {
        out.push_str(&format!(
            "# {}\n",
            messages::translation_shared_fields().get(config.default_language)
        ));
        for line in shared {
            out.push_str(&format!("# {line}\n"));
        }
    }
    out.push_str("---\n");
    out.push_str(&format!(
        "<!-- {} -->\n",
        messages::translation_body_hint().get(config.default_language)
    ));
    let file_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file_name.strip_suffix(".md").unwrap_or(&file_name);
    let target = source.with_file_name(format!("{stem}.{}.md", language.key()));
    write_new(&target, &out)?;
    Ok(target)
}
