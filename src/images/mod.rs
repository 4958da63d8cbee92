//! Photos and other raster images of the content: the lead `image:` of
//! articles and events and the images of Markdown texts (articles, events,
//! pages, municipality descriptions and offers).
//!
//! Editors add photos straight from a camera or phone: thousands of pixels
//! wide, megabytes large, turned by an EXIF flag, with the GPS position of
//! where they were taken. kette never publishes such a file as it is. Each
//! JPEG, PNG and WebP image that content names is
//!
//! - turned upright by its EXIF orientation,
//! - made in a few widths (`images.widths`, by default 480, 960 and 1600
//!   pixels, never wider than the image), plus a 1200 × 630 crop for link
//!   previews (Open Graph) when it is a lead image,
//! - encoded anew (JPEG at `images.quality`, PNG stays PNG, WebP with
//!   transparency stays lossless WebP, other WebP becomes JPEG), which leaves
//!   every piece of metadata behind: EXIF, GPS, XMP, IPTC, comments. Only the
//!   colour profile is kept.
//!
//! The original is published only when `images.publish_originals` is set.
//! Files are named by a short hash of source and settings, beside where
//! the original would be: `news/<slug>/foto-960.1a2b3c4d.jpg`.
//!
//! Work happens in two steps. While the model is built, the catalogue
//! (`crate::catalog`) finds the file behind each image reference, hashes it
//! and reads its header, which is all pages need: names, widths and
//! heights. Then, after the model and before pages are rendered, [`publish`]
//! makes the files in parallel (rayon) — or copies them from the cache
//! (`<site>/.kette-cache/images/`, see `cache`) — and hands them to the
//! output.
//!
//! This module and the catalogue are the only users of the `image`,
//! `fast_image_resize` and `sha2` crates.

mod cache;
mod process;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalog::{Picture, SiteImages, OG_SIZE};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{self, Text};
use crate::output::{OutputFile, Sink};

// What the importer and older callers name here; the catalogue has them.
pub(crate) use crate::catalog::{file_kind, FileKind};

/// How [`publish`] treats files that are not in the cache yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Make them, keep them in the cache and hand them to the output.
    Publish,
    /// Only decode the sources to find broken ones (for `kette check`):
    /// nothing is made or written, the output gets empty placeholders.
    Validate,
}

/// What [`publish`] did.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PublishReport {
    /// Files handed to the output.
    pub files: usize,
    /// Source images processed (not found in the cache).
    pub processed: usize,
}

/// Makes (or takes from the cache) every file of every picture and hands
/// them to `sink`, sources in parallel. A source that cannot be decoded is a
/// problem at the place that first uses it.
pub(crate) fn publish(
    images: &SiteImages,
    mode: Mode,
    sink: &dyn Sink,
) -> Result<PublishReport, Diagnostics> {
    // Two files with the same bytes are processed once.
    let mut groups: BTreeMap<&str, Vec<&Arc<Picture>>> = BTreeMap::new();
    for p in &images.pictures {
        groups.entry(p.key.as_str()).or_default().push(p);
    }
    let results: Vec<Result<(Vec<OutputFile>, bool), Diagnostic>> = groups
        .into_par_iter()
        .map(|(key, pictures)| publish_group(images, key, &pictures, mode))
        .collect();
    let mut problems = Diagnostics::new();
    let mut report = PublishReport::default();
    let mut seen = HashSet::new();
    for result in results {
        match result {
            Ok((files, processed)) => {
                report.processed += usize::from(processed);
                for file in files {
                    if !seen.insert(file.path.clone()) {
                        continue;
                    }
                    report.files += 1;
                    if let Err(d) = sink.put(file) {
                        problems.push(d);
                    }
                }
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(problems)
    }
}

/// The files of the pictures of one cache key, and whether they had to be
/// made.
fn publish_group(
    images: &SiteImages,
    key: &str,
    pictures: &[&Arc<Picture>],
    mode: Mode,
) -> Result<(Vec<OutputFile>, bool), Diagnostic> {
    let first = pictures[0];
    let extension = first.format.extension();
    let lead = pictures.iter().any(|p| p.is_lead());
    let mut targets: Vec<(process::Target, String)> = first
        .variants
        .iter()
        .map(|v| {
            (
                process::Target::Width(v.width),
                format!("{}.{extension}", v.width),
            )
        })
        .collect();
    if lead {
        targets.push((
            process::Target::Crop(OG_SIZE.0, OG_SIZE.1),
            format!("og.{extension}"),
        ));
    }
    let dir = cache::entry_dir(images.cache(), key);
    let missing: Vec<&(process::Target, String)> = targets
        .iter()
        .filter(|(_, name)| !dir.join(name).is_file())
        .collect();

    // Name in the cache → bytes, for files that could not be cached.
    let mut in_memory: HashMap<String, Arc<Vec<u8>>> = HashMap::new();
    let processed = !missing.is_empty();
    if processed {
        let shown = first.source.display().to_string();
        let failed = |why: Text| {
            let message = messages::image_cannot_process(&shown, &why);
            match first.first_reference() {
                Some((file, at)) => Diagnostic::at(file, at, message),
                None => Diagnostic::file(&first.source, message),
            }
        };
        let bytes = std::fs::read(images.root().join(&first.source))
            .map_err(|e| failed(messages::image_file_unreadable(&shown, &e.to_string())))?;
        match mode {
            Mode::Validate => process::validate(&bytes).map_err(failed)?,
            Mode::Publish => {
                let wanted: Vec<process::Target> = missing.iter().map(|(t, _)| *t).collect();
                let made = process::process(
                    &bytes,
                    &wanted,
                    process::Encoding {
                        format: first.format,
                        quality: images.quality(),
                    },
                )
                .map_err(failed)?;
                for ((_, name), file) in missing.iter().zip(made) {
                    // A cache that cannot be written (a read-only site)
                    // only costs time: the file goes out from memory.
                    if cache::write_atomically(&dir.join(name), &file).is_err() {
                        in_memory.insert(name.clone(), Arc::new(file));
                    }
                }
            }
        }
    }

    let mut files = Vec::new();
    for picture in pictures {
        for variant in picture.outputs() {
            let name = if std::ptr::eq(variant, &picture.og) {
                format!("og.{extension}")
            } else {
                format!("{}.{extension}", variant.width)
            };
            let contents = match (mode, in_memory.get(&name)) {
                (_, Some(bytes)) => OutputFile::bytes(variant.path.clone(), bytes.to_vec()),
                (Mode::Validate, None) if !dir.join(&name).is_file() => {
                    OutputFile::bytes(variant.path.clone(), Vec::new())
                }
                _ => OutputFile::copy(variant.path.clone(), dir.join(&name)),
            };
            files.push(contents);
        }
    }
    Ok((files, processed && mode == Mode::Publish))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, Lookup};
    use crate::config::Config;
    use crate::diagnostics::Location;
    use std::path::Path;

    #[test]
    fn a_source_gone_before_processing_is_said_in_both_languages() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("static")).expect("static");
        std::fs::write(
            root.join("static/bild.png"),
            include_bytes!(
                "../../tests/fixtures/every-kind/content/news/2023-05-10-photo-report/pixel.png"
            ),
        )
        .expect("png");
        let config = Config::from_text(
            root,
            "title: T\nbase_url: \"https://example.org/\"\nlanguage: de\n",
            None,
        )
        .expect("config");
        let catalog = Catalog::new(&config, []);
        let page = Path::new("content/pages/a.md");
        let Lookup::Picture(picture) = catalog.lookup("bild.png", page, Location::new(3, 1), false)
        else {
            panic!("not a picture");
        };
        let images = catalog.finish(Vec::new());
        // Deleted after the model was built, before its sizes are made.
        std::fs::remove_file(root.join("static/bild.png")).expect("remove");
        let problem = publish_group(&images, &picture.key, &[&picture], Mode::Validate)
            .expect_err("unreadable source");
        assert_eq!(problem.file, page);
        assert_eq!(problem.line, 3);
        let de = problem.message.de();
        assert!(
            de.starts_with(
                "das Bild static/bild.png kann nicht verarbeitet werden: static/bild.png kann nicht gelesen werden: "
            ),
            "{de}"
        );
        assert!(!de.contains("cannot"), "{de}");
        assert!(
            problem.message.en().starts_with(
                "image static/bild.png cannot be processed: cannot read static/bild.png: "
            ),
            "{}",
            problem.message.en()
        );
    }
}
