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
use crate::diagnostics::{Diagnostic, Location};

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
            format!("image `{written}` cannot be used: {why}"),
        )),
        Lookup::Missing if absolute => Err(Diagnostic::at(
            file,
            at,
            format!("image `{written}` not found: there is no static/{site_path}"),
        )
        .with_help("a path starting with `/` names a file in static/")),
        Lookup::Missing => Err(match of {
            LeadOf::Article => Diagnostic::at(
                file,
                at,
                format!("image `{written}` is not a file beside this article"),
            )
            .with_help("put the article in a folder with index.md and the image beside it"),
            LeadOf::Event => Diagnostic::at(
                file,
                at,
                format!("image `{written}` not found: events have no folder for images"),
            )
            .with_help(format!("put it in static/ and write `image: /{written}`")),
        }),
    }
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
    let Some((site_path, inside)) = site_path_of(image.url, &config.base_url.path) else {
        return ImageLookup::AsIs;
    };
    let written = image.written;
    match catalog.lookup(&site_path, file, at, false) {
        Lookup::Picture(p) => ImageLookup::Responsive(responsive(&p, config)),
        Lookup::AsIs => ImageLookup::AsIs,
        // A root path outside the base path may be another part of the host.
        Lookup::Missing if !inside => ImageLookup::AsIs,
        Lookup::Missing => {
            problems.borrow_mut().push(
                Diagnostic::at(
                    file,
                    at,
                    format!("image `{written}` not found: no file of the site is published at /{site_path}"),
                )
                .with_help("put images of an article beside its index.md in the article's folder, images used anywhere in static/"),
            );
            ImageLookup::AsIs
        }
        Lookup::Unusable(why) => {
            problems.borrow_mut().push(Diagnostic::at(
                file,
                at,
                format!("image `{written}` cannot be used: {why}"),
            ));
            ImageLookup::AsIs
        }
    }
}

/// The `<img>` attributes of a picture.
pub(super) fn responsive(picture: &Picture, config: &Config) -> ResponsiveImage {
    let link = |path: &str| config.base_url.link(&catalog::url_path(path));
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
