//! Images named by content: the `image:` of articles and events and the
//! images in Markdown texts, found in article folders or `static/` and
//! planned as responsive pictures (the processing is in `crate::images`).

use std::cell::RefCell;
use std::path::Path;

use super::identify::front_location;
use super::items::*;
use crate::catalog::{self, Catalog, Lookup, Picture};
use crate::config::Config;
use crate::content::markdown::{ImageLookup, ImageRef, ResponsiveImage};
use crate::diagnostics::{did_you_mean, Diagnostic, Location};
use crate::messages;

/// Whose `image:` a lead image is, for messages.
#[derive(Clone, Copy)]
pub(super) enum LeadOf {
    Article,
    Event,
}

/// The `image:` of an article or event: an URL, a path in `static/`
/// (`/bilder/x.jpg`) or a path relative to the item's page (an article
/// folder's file).
pub(super) fn lead_image(
    catalog: &Catalog,
    root: &Path,
    written: &str,
    page_url: &str,
    file: &Path,
    front_text: &str,
    of: LeadOf,
) -> Result<Image, Diagnostic> {
    let at = front_location(front_text, "image", written);
    if written.contains("://") || written.starts_with("//") {
        return Ok(Image::External(written.to_string()));
    }
    let (site_path, absolute) = match written.strip_prefix('/') {
        Some(path) => (path.to_string(), true),
        None => (format!("{page_url}{written}"), false),
    };
    match catalog.lookup(&site_path, file, at, true) {
        Lookup::Picture(p) => Ok(Image::Picture(p)),
        Lookup::AsIs => Ok(Image::File(site_path)),
        Lookup::Unusable(why) => Err(Diagnostic::at(
            file,
            at,
            messages::image_unusable(written, &why),
        )),
        Lookup::Missing => {
            let (message, help) = if absolute {
                messages::image_not_in_static(written, &site_path)
            } else {
                match of {
                    LeadOf::Article if in_own_folder(file) => {
                        let folder = file.parent().unwrap_or(file).to_string_lossy();
                        messages::image_not_in_folder(written, &format!("{folder}/"))
                    }
                    LeadOf::Article => messages::image_article_without_folder(written),
                    LeadOf::Event => messages::image_event_without_folder(written),
                }
            };
            let near = nearest_file(root, file, written);
            let problem = Diagnostic::at(file, at, message);
            Err(match near {
                Some(name) => problem.with_help(messages::did_you_mean(&name)),
                None => problem.with_help(help),
            })
        }
    }
}

/// True for `index.md` (an article kept in a folder with its images).
fn in_own_folder(file: &Path) -> bool {
    file.file_name().is_some_and(|n| n == "index.md")
}

/// The file the editor probably meant by `written` (a path as written in
/// `file`): a name in the same folder that differs by case (`.JPG`) or by
/// a typo, as it would be written. Looked up in the article's folder for
/// relative paths, in `static/` for paths starting with `/`.
pub(super) fn nearest_file(root: &Path, file: &Path, written: &str) -> Option<String> {
    if written.contains("://") {
        return None;
    }
    let (base, path) = match written.strip_prefix('/') {
        Some(path) => (root.join("static"), path),
        None => (root.join(file.parent()?), written),
    };
    let (folder, name) = match path.rsplit_once('/') {
        Some((folder, name)) => (base.join(folder), name),
        None => (base, path),
    };
    let names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let best = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(name) && *n != name)
        .map(String::as_str)
        .or_else(|| did_you_mean(name, names.iter().map(String::as_str)))?;
    Some(format!("{}{best}", &written[..written.len() - name.len()]))
}

/// Asks the catalog about an image of a Markdown text: a photo of the site
/// becomes a responsive image; a missing or unusable file is a problem.
pub(super) fn body_image(
    catalog: &Catalog,
    config: &Config,
    image: &ImageRef<'_>,
    file: &Path,
    at: Location,
    problems: &RefCell<Vec<Diagnostic>>,
) -> ImageLookup {
    // Below the page's language (an article folder's picture, written
    // relative to its page), else below the site's root (`static/`).
    let found = site_path_of(image.url, &config.base_url.path)
        .filter(|(_, inside)| *inside)
        .or_else(|| site_path_of(image.url, &config.root_url.path));
    let Some((site_path, inside)) = found else {
        return ImageLookup::AsIs;
    };
    let written = image.written;
    match catalog.lookup(&site_path, file, at, false) {
        Lookup::Picture(p) => ImageLookup::Responsive(responsive(&p, config)),
        Lookup::AsIs => ImageLookup::AsIs,
        // A root path outside the base path may be another part of the host.
        Lookup::Missing if !inside => ImageLookup::AsIs,
        Lookup::Missing => {
            let (message, help) = messages::image_not_published(written, &site_path);
            let help = nearest_file(&config.root, file, written)
                .map(|name| messages::did_you_mean(&name))
                .unwrap_or(help);
            problems
                .borrow_mut()
                .push(Diagnostic::at(file, at, message).with_help(help));
            ImageLookup::AsIs
        }
        Lookup::Unusable(why) => {
            problems.borrow_mut().push(Diagnostic::at(
                file,
                at,
                messages::image_unusable(written, &why),
            ));
            ImageLookup::AsIs
        }
    }
}

/// The `<img>` attributes of a picture.
pub(super) fn responsive(picture: &Picture, config: &Config) -> ResponsiveImage {
    let link = |path: &str| config.root_url.link(&catalog::url_path(path));
    let fallback = picture.fallback();
    ResponsiveImage {
        src: link(&fallback.path),
        srcset: picture
            .variants
            .iter()
            .map(|v| format!("{} {}w", link(&v.path), v.width))
            .collect::<Vec<_>>()
            .join(", "),
        sizes: config.images.sizes.clone(),
        width: fallback.width,
        height: fallback.height,
    }
}

/// The site path an image URL of a text points to, and whether it is below
/// the base path; `None` for URLs of other sites.
pub(super) fn site_path_of(url: &str, base_path: &str) -> Option<(String, bool)> {
    let url = url.split(['#', '?']).next().unwrap_or("");
    if url.is_empty() || url.starts_with("//") {
        return None;
    }
    let path_start = url.find('/').unwrap_or(url.len());
    if url[..path_start].contains(':') {
        return None;
    }
    let decoded = super::urls::percent_decode(url);
    if let Some(rest) = decoded.strip_prefix(base_path) {
        return Some((rest.to_string(), true));
    }
    decoded
        .strip_prefix('/')
        .map(|rest| (rest.to_string(), false))
}
