//! `kette import wordpress`: a WordPress export (WXR) made into a kette
//! site's content — posts into articles, pages into pages, events of The
//! Events Calendar into events, with their images, topics and old addresses
//! (as aliases, and as a redirect map for the server where a static host
//! cannot help) — and a report of what was brought, what was not and what
//! needs a look by hand.
//!
//! Steps: `wxr` reads the export as a stream; `plan` gives each item its
//! slug, file and URL (against what the site already holds, so a second run
//! adds nothing); `items` converts each one (`body` turns HTML into
//! Markdown); `write` writes all files at once, or none.

mod assets;
pub(crate) mod body;
mod items;
mod plain;
mod plan;
mod shortcodes;
mod write;
pub(crate) mod wxr;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::config::{Config, Language};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{self, NotImported, ReportList, Text};
use plan::{Kind, OldSite};
use write::{Contents, Output};

/// The name of the redirect map written for nginx (in the site's root).
pub(crate) const NGINX_MAP: &str = "wordpress-redirects.nginx.conf";
/// The name of the redirect rules written for Apache (in the site's root).
pub(crate) const APACHE_RULES: &str = "wordpress-redirects.htaccess";

/// What to import where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The WXR file.
    pub export: PathBuf,
    /// A copy of the WordPress site's `wp-content/uploads` folder.
    pub uploads: Option<PathBuf>,
    /// The kette site (with site.yaml).
    pub root: PathBuf,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Items imported, per kind (`posts`, `pages`, `events`).
    pub imported: BTreeMap<&'static str, usize>,
    /// Of those, how many became drafts.
    pub drafts: usize,
    /// Items an earlier import already brought (nothing written for them).
    pub already: usize,
    /// What was read but not imported, per kind, with a count.
    pub not_imported: BTreeMap<Text, usize>,
    /// Items skipped, each `export.xml:line: what: why`.
    pub skipped: Vec<Text>,
    /// What needs a look by hand, each `file:line: message`.
    pub by_hand: Vec<Text>,
    /// Every file written, relative to the site's root.
    pub written: Vec<PathBuf>,
}

impl ImportReport {
    /// The report as English text (for logs and tests).
    pub fn text(&self) -> String {
        self.text_in(Language::En)
    }

    /// The report as text for the terminal, in `language`.
    pub fn text_in(&self, language: Language) -> String {
        let mut out = String::new();
        let imported: Vec<(&str, usize)> = self.imported.iter().map(|(k, n)| (*k, *n)).collect();
        let _ = writeln!(
            out,
            "{}",
            messages::imported_line(
                language,
                &imported,
                self.drafts,
                self.already,
                self.written.len()
            )
        );
        let heading = |list, n| messages::report_heading(language, list, n);
        if !self.not_imported.is_empty() {
            let _ = writeln!(out, "{}", heading(ReportList::NotImported, 0));
            for (what, n) in &self.not_imported {
                let _ = writeln!(out, "  {n} {}", what.get(language));
            }
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(out, "{}", heading(ReportList::Skipped, self.skipped.len()));
            for s in &self.skipped {
                let _ = writeln!(out, "  {}", s.get(language));
            }
        }
        if !self.by_hand.is_empty() {
            let _ = writeln!(out, "{}", heading(ReportList::ByHand, self.by_hand.len()));
            for s in &self.by_hand {
                let _ = writeln!(out, "  {}", s.get(language));
            }
        }
        out
    }
}

/// Imports the export into the site; on any problem with the export or the
/// site, nothing is written and the problems are the error.
pub fn wordpress(options: &ImportOptions) -> Result<ImportReport, Diagnostics> {
    let root = options.root.as_path();
    let config = Config::load(root, None)?;
    if let Some(uploads) = &options.uploads {
        if !uploads.is_dir() {
            return Err(Diagnostics::from_iter([Diagnostic::file(
                uploads,
                messages::uploads_not_a_folder(),
            )]));
        }
    }
    let mut export = wxr::read(&options.export).map_err(|d| Diagnostics::from_iter([d]))?;
    let existing = write::scan(root, &config);
    let old = OldSite::new(&export.blog_url);
    let mut report = ImportReport::default();

    let importable = sort_items(&export, &options.export.display().to_string(), &mut report);
    let planned = plan::place(&importable, &config, &existing, options.uploads.is_some());
    let ctx = items::Context {
        config: &config,
        old: &old,
        attachments: by_id(&export, "attachment"),
        venues: by_id(&export, "tribe_venue"),
        links: links(&old, &export, &planned),
        uploads: options.uploads.as_deref(),
        root,
    };
    let mut taken: HashSet<String> = existing.urls.clone();
    taken.extend(planned.iter().map(|p| p.url.clone()));
    let mut statics = HashSet::new();
    let mut outputs: Vec<Output> = Vec::new();
    for p in &planned {
        if p.existing {
            report.already += 1;
            continue;
        }
        // The HTML goes as its Markdown comes, so the two are not held whole
        // at once.
        let content = std::mem::take(&mut export.items[p.index].content);
        let made = items::make(
            &ctx,
            p,
            &export.items[p.index],
            &content,
            &mut taken,
            &mut statics,
        );
        *report.imported.entry(p.kind.name()).or_default() += 1;
        report.drafts += usize::from(p.draft);
        report.by_hand.extend(made.notes);
        outputs.extend(made.outputs);
    }
    for (name, text) in redirect_files(&config, &old, &export, &planned) {
        outputs.extend(redirect_output(root, name, text));
    }
    report.written = write::commit(root, &outputs)?;
    Ok(report)
}

/// The items to import (index, item, kind, draft); the report counts what
/// is not imported and lists what is skipped, at its line of the export
/// named `export_name`.
fn sort_items<'e>(
    export: &'e wxr::Export,
    export_name: &str,
    report: &mut ImportReport,
) -> Vec<(usize, &'e wxr::Item, Kind, bool)> {
    let mut importable = Vec::new();
    let mut comments = 0;
    for (index, item) in export.items.iter().enumerate() {
        comments += item.comments;
        match plan::classify(item) {
            Ok(Some((kind, draft))) => importable.push((index, item, kind, draft)),
            Ok(None) => {
                let what = match item.post_type.as_str() {
                    "attachment" => NotImported::Attachments,
                    "nav_menu_item" => NotImported::MenuEntries,
                    "tribe_venue" => NotImported::Venues,
                    other => NotImported::Other(other),
                };
                *report
                    .not_imported
                    .entry(messages::not_imported(what))
                    .or_default() += 1;
            }
            Err(reason) => report.skipped.push(messages::skipped(
                &format!("{export_name}:{}", item.line),
                &item.post_type,
                item.id,
                &items::decode_entities(&item.title),
                &reason,
            )),
        }
    }
    if comments > 0 {
        report
            .not_imported
            .insert(messages::not_imported(NotImported::Comments), comments);
    }
    importable
}

/// The export's items of `post_type` by id: owned copies (they are small:
/// their texts were never kept), so that each post's text can be taken out
/// of the export once converted.
fn by_id(export: &wxr::Export, post_type: &str) -> HashMap<u64, wxr::Item> {
    export
        .items
        .iter()
        .filter(|item| item.post_type == post_type)
        .map(|item| (item.id, item.clone()))
        .collect()
}

/// Old addresses (link, guid and `?p=ID` of every planned item) → its
/// content path and draft flag, for rewriting links between items.
fn links(
    old: &OldSite,
    export: &wxr::Export,
    planned: &[plan::Planned],
) -> HashMap<String, (String, bool)> {
    let mut links = HashMap::new();
    for p in planned {
        let item = &export.items[p.index];
        let target = (p.path.clone(), p.draft);
        for url in [&item.link, &item.guid] {
            if let Some((key, _)) = old.key(url) {
                if !key.is_empty() {
                    links.entry(key).or_insert_with(|| target.clone());
                }
            }
        }
        links.insert(format!("?p={}", item.id), target);
    }
    links
}

/// The redirect map file `name` to write, if any: an identical map there
/// already (a second run) is not written again; a different one (another
/// export) is kept, and this one gets a number.
fn redirect_output(root: &std::path::Path, name: &str, text: String) -> Option<Output> {
    let contents = Contents::Text(text);
    for n in 1.. {
        let path = match n {
            1 => PathBuf::from(name),
            n => {
                let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
                PathBuf::from(format!("{stem}-{n}.{ext}"))
            }
        };
        let target = root.join(&path);
        if !target.exists() {
            return Some(Output { path, contents });
        }
        if write::same_file(&target, &contents) {
            return None;
        }
    }
    None
}

/// The redirect map for the server: every item's `?p=ID` (and `?page_id=ID`)
/// and every old address no alias can keep (addresses with a query),
/// each to the new URL. A static host cannot redirect by query string, so
/// these need the server. Written only when there is anything to redirect;
/// a map that differs from one already there gets a number.
fn redirect_files(
    config: &Config,
    old: &OldSite,
    export: &wxr::Export,
    planned: &[plan::Planned],
) -> Vec<(&'static str, String)> {
    let base = config.base_url.path.as_str();
    let mut pairs: Vec<(String, String)> = Vec::new();
    // Drafts are not published: nothing to redirect to.
    for p in planned.iter().filter(|p| !p.draft) {
        let item = &export.items[p.index];
        let new = format!("{base}{}", p.url);
        pairs.push((format!("{}/?p={}", old.base_path, item.id), new.clone()));
        if p.kind == Kind::Page {
            pairs.push((
                format!("{}/?page_id={}", old.base_path, item.id),
                new.clone(),
            ));
        }
        if plan::alias_for(old, &item.link).is_err() {
            if let Some(path) = path_of(&item.link) {
                if path != new {
                    pairs.push((path, new.clone()));
                }
            }
        }
    }
    if pairs.is_empty() {
        return Vec::new();
    }
    pairs.sort();
    pairs.dedup();
    let mut nginx = String::from(
        "# Redirects from the old WordPress addresses, written by `kette import wordpress`.\n\
         # A static host cannot redirect by query string (?p=123): nginx can. Put the map\n\
         # in the http { } block and the `if` in the site's server { } block:\n\
         #   if ($kette_wordpress_redirect) { return 301 $kette_wordpress_redirect; }\n\
         map $request_uri $kette_wordpress_redirect {\n",
    );
    let mut apache = String::from(
        "# Redirects from the old WordPress addresses, written by `kette import wordpress`.\n\
         # A static host cannot redirect by query string (?p=123): Apache can with these\n\
         # rules in the .htaccess of the site's folder (mod_rewrite).\nRewriteEngine On\n",
    );
    for (from, to) in &pairs {
        let _ = writeln!(
            nginx,
            "    \"{}\" {};",
            from.replace('"', "\\\""),
            to.replace(';', "%3B")
        );
        match from.split_once('?') {
            Some((path, query)) => {
                let _ = writeln!(
                    apache,
                    "RewriteCond %{{QUERY_STRING}} ^{}$",
                    regex_escape(query)
                );
                let _ = writeln!(
                    apache,
                    "RewriteRule ^{}$ {}? [R=301,L]",
                    regex_escape(path.trim_start_matches('/')),
                    to
                );
            }
            None => {
                let _ = writeln!(
                    apache,
                    "RewriteRule ^{}/?$ {} [R=301,L]",
                    regex_escape(from.trim_start_matches('/').trim_end_matches('/')),
                    to
                );
            }
        }
    }
    nginx.push_str("}\n");
    vec![(NGINX_MAP, nginx), (APACHE_RULES, apache)]
}

/// The path and query of an absolute URL.
fn path_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let start = rest.find(['/', '?'])?;
    let path = &rest[start..];
    Some(if path.starts_with('?') {
        format!("/{path}")
    } else {
        path.to_string()
    })
}

fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.^$|?*+()[]{} ".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
