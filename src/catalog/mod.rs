//! The catalogue of the pictures of the content: what the model needs of
//! them. While the model is built, [`Catalog`] finds the file behind each
//! image reference (the lead `image:` of articles and events, images in
//! Markdown texts), hashes it and reads its header (size and orientation, no
//! pixels): names, widths and heights of every file that will be made,
//! which is all pages need. Making those files is `crate::images`, after the
//! model (see the order in src/lib.rs).
//!
//! Files are named by a short hash of source and settings, beside where the
//! original would be: `news/<slug>/foto-960.1a2b3c4d.jpg`.

pub(crate) mod fingerprint;
pub(crate) mod header;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::config::{Config, ImageOptions, Language};
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::{self, Text};
use crate::sync::{into_inner, locked};

/// The folder in a site's root where kette keeps work between builds (it is
/// safe to delete; `.gitignore` it).
pub(crate) const CACHE_DIR: &str = ".kette-cache";

/// Width and height of the link preview (Open Graph) crop of lead images.
pub(crate) const OG_SIZE: (u32, u32) = (1200, 630);

/// The format kette writes a processed image in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// JPEG: photos.
    Jpeg,
    /// PNG: PNG sources (graphics, screenshots).
    Png,
    /// Lossless WebP: WebP sources with transparency.
    WebP,
}

impl OutputFormat {
    /// The file extension, without a dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "jpg",
            OutputFormat::Png => "png",
            OutputFormat::WebP => "webp",
        }
    }

    /// The media type, e.g. for `og:image:type`.
    pub fn media_type(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "image/jpeg",
            OutputFormat::Png => "image/png",
            OutputFormat::WebP => "image/webp",
        }
    }
}

/// What kette does with a file that content names as an image, or that
/// lies in an article's folder, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// JPEG, PNG, WebP: processed; the original is not published.
    Photo,
    /// A raster format kette cannot process (HEIC, TIFF, AVIF, BMP, …):
    /// an error when content uses it; never published unless originals are.
    Unsupported,
    /// SVG and GIF (drawings, animations): published as they are.
    AsIs,
    /// Not an image (PDF, …): published as it is.
    Other,
}

/// The kind of file `path` is, by its extension.
pub(crate) fn file_kind(path: &Path) -> FileKind {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "jpg" | "jpeg" | "jpe" | "jfif" | "png" | "webp" => FileKind::Photo,
        "heic" | "heif" | "avif" | "tif" | "tiff" | "bmp" | "jxl" | "dng" | "cr2" | "nef"
        | "arw" | "raw" | "psd" => FileKind::Unsupported,
        "svg" | "gif" => FileKind::AsIs,
        _ => FileKind::Other,
    }
}

/// One file made from a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Output path relative to the output root.
    pub path: String,
}

/// A source image and the files made of it.
#[derive(Debug)]
pub struct Picture {
    /// The source, relative to the site root.
    pub source: PathBuf,
    /// Where the original would be published (`news/x/foto.jpg`).
    pub site_path: String,
    /// Cache key: hash of the source's bytes and the settings.
    pub key: String,
    /// The format of the files made.
    pub format: OutputFormat,
    /// Upright width of the original.
    pub width: u32,
    /// Upright height of the original.
    pub height: u32,
    /// The widths made, narrowest first.
    pub variants: Vec<Variant>,
    /// The link preview crop (made only for lead images).
    pub og: Variant,
    lead: AtomicBool,
    references: Mutex<Vec<(PathBuf, Location)>>,
}

impl Picture {
    /// The variant for `src`, for browsers that ignore `srcset`: the widest
    /// one up to 1000 pixels.
    pub fn fallback(&self) -> &Variant {
        self.variants
            .iter()
            .rev()
            .find(|v| v.width <= 1000)
            .unwrap_or(&self.variants[0])
    }

    /// The narrowest variant, for thumbnails.
    pub fn thumbnail(&self) -> &Variant {
        &self.variants[0]
    }

    /// True when the picture is the lead image of an article or event (and
    /// so gets a link preview crop).
    pub fn is_lead(&self) -> bool {
        self.lead.load(Ordering::Relaxed)
    }

    /// Where the picture is first used, for messages.
    pub fn first_reference(&self) -> Option<(PathBuf, Location)> {
        let references = locked(&self.references);
        references
            .iter()
            .min_by_key(|(f, l)| (f.clone(), l.line, l.column))
            .cloned()
    }

    /// Every output file, the crop included for lead images.
    pub fn outputs(&self) -> Vec<&Variant> {
        let mut all: Vec<&Variant> = self.variants.iter().collect();
        if self.is_lead() {
            all.push(&self.og);
        }
        all
    }
}

/// The images of a built model, ready to publish.
#[derive(Debug, Clone, Default)]
pub struct SiteImages {
    /// Every picture used, by source path.
    pub pictures: Vec<Arc<Picture>>,
    /// Site paths of static files that are used as pictures: their originals
    /// are not copied (unless originals are published).
    pub withheld: HashSet<String>,
    /// Images without alt text, reported by `kette check`.
    pub missing_alt: Vec<Diagnostic>,
    root: PathBuf,
    cache: PathBuf,
    quality: u8,
}

impl SiteImages {
    /// The site's root folder, which picture sources are relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of the cache (`.kette-cache` in the root).
    pub fn cache(&self) -> &Path {
        &self.cache
    }

    /// JPEG quality, 1 to 100.
    pub fn quality(&self) -> u8 {
        self.quality
    }
}

/// What [`Catalog::lookup`] found for a site path.
#[derive(Debug, Clone)]
pub(crate) enum Lookup {
    /// A photo: these are its files.
    Picture(Arc<Picture>),
    /// A file published as it is (SVG, GIF, or any other file).
    AsIs,
    /// No file of the site is published at this path.
    Missing,
    /// The file exists but cannot be used as an image: why.
    Unusable(Text),
}

type Planned = Arc<OnceLock<Result<Arc<Picture>, Text>>>;

/// Finds and plans the pictures of a site while its model is built; safe
/// to use from many threads.
pub(crate) struct Catalog {
    root: PathBuf,
    options: ImageOptions,
    settings: String,
    language: Language,
    /// Site paths of the files in article folders, and their sources.
    assets: HashMap<String, PathBuf>,
    /// Folders whose files are published at the site root, relative to the
    /// root, first match wins: `static/`, the theme's `static/`.
    static_dirs: Vec<PathBuf>,
    planned: Mutex<HashMap<String, Planned>>,
    withheld: Mutex<HashSet<String>>,
}

impl Catalog {
    /// A catalog for the site of `config`, whose article folders publish
    /// `assets` (site path, source relative to the root).
    pub(crate) fn new(
        config: &Config,
        assets: impl IntoIterator<Item = (String, PathBuf)>,
    ) -> Catalog {
        let options = config.images.clone();
        let widths: Vec<String> = options.widths.iter().map(u32::to_string).collect();
        let settings = format!(
            "widths={} quality={} og={}x{}",
            widths.join(","),
            options.quality,
            OG_SIZE.0,
            OG_SIZE.1
        );
        let mut static_dirs = vec![PathBuf::from("static")];
        let theme = Path::new("themes").join(&config.theme).join("static");
        if config.root.join(&theme).is_dir() {
            static_dirs.push(theme);
        }
        Catalog {
            root: config.root.clone(),
            options,
            settings,
            language: config.default_language,
            assets: assets.into_iter().collect(),
            static_dirs,
            planned: Mutex::default(),
            withheld: Mutex::default(),
        }
    }

    /// The picture published at `site_path` (`news/x/foto.jpg`, relative to
    /// the output root), used by `file` at `at`; `lead` for the `image:` of
    /// an article or event.
    pub(crate) fn lookup(&self, site_path: &str, file: &Path, at: Location, lead: bool) -> Lookup {
        let Some(site_path) = normalize(site_path) else {
            return Lookup::Missing;
        };
        let (source, is_static) = match self.assets.get(&site_path) {
            Some(source) => (source.clone(), false),
            None => {
                let found = self
                    .static_dirs
                    .iter()
                    .map(|dir| dir.join(&site_path))
                    .find(|candidate| self.root.join(candidate).is_file());
                match found {
                    Some(source) => (source, true),
                    None => return Lookup::Missing,
                }
            }
        };
        match file_kind(&source) {
            FileKind::AsIs | FileKind::Other => return Lookup::AsIs,
            FileKind::Unsupported => {
                let extension = source
                    .extension()
                    .map(|e| e.to_string_lossy().to_uppercase())
                    .unwrap_or_default();
                return Lookup::Unusable(messages::image_format_unsupported(&extension));
            }
            FileKind::Photo => {}
        }
        let cell = {
            let mut planned = locked(&self.planned);
            planned.entry(site_path.clone()).or_default().clone()
        };
        let picture = cell.get_or_init(|| self.plan(&site_path, &source).map(Arc::new));
        match picture {
            Ok(picture) => {
                if lead {
                    picture.lead.store(true, Ordering::Relaxed);
                }
                locked(&picture.references).push((file.to_path_buf(), at));
                if is_static && !self.options.publish_originals {
                    locked(&self.withheld).insert(site_path);
                }
                Lookup::Picture(picture.clone())
            }
            Err(why) => Lookup::Unusable(why.clone()),
        }
    }

    /// Hashes the source, reads its header and names what will be made.
    fn plan(&self, site_path: &str, source: &Path) -> Result<Picture, Text> {
        let shown = || source.display().to_string();
        let fingerprint = fingerprint::fingerprint(&self.root.join(source))
            .map_err(|e| messages::image_file_unreadable(&shown(), &e.to_string()))?;
        let header = fingerprint
            .header
            .map_err(|e| messages::image_not_an_image(&shown(), &e))?;
        let key = fingerprint::key(&fingerprint.hash, &self.settings);
        let format = match header.format {
            header::SourceFormat::Jpeg => OutputFormat::Jpeg,
            header::SourceFormat::Png => OutputFormat::Png,
            header::SourceFormat::WebP if header.alpha => OutputFormat::WebP,
            header::SourceFormat::WebP => OutputFormat::Jpeg,
        };
        let (width, height) = header.upright();
        let (dir, name) = match site_path.rfind('/') {
            Some(i) => (&site_path[..=i], &site_path[i + 1..]),
            None => ("", site_path),
        };
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let stem = match crate::slug::slugify_for(stem, self.language) {
            s if s.is_empty() => "bild".to_string(),
            s => s,
        };
        let short = key[..8].to_string();
        let extension = format.extension();
        let variants = widths_for(width, &self.options.widths)
            .into_iter()
            .map(|w| Variant {
                width: w,
                height: header::scaled(height, width, w),
                path: format!("{dir}{stem}-{w}.{short}.{extension}"),
            })
            .collect();
        let (og_width, og_height) = og_size(width, height);
        Ok(Picture {
            source: source.to_path_buf(),
            site_path: site_path.to_string(),
            key,
            format,
            width,
            height,
            variants,
            og: Variant {
                width: og_width,
                height: og_height,
                path: format!("{dir}{stem}-og.{short}.{extension}"),
            },
            lead: AtomicBool::new(false),
            references: Mutex::default(),
        })
    }

    /// Everything found, for publishing; `missing_alt` are the images
    /// without alt text the model found.
    pub(crate) fn finish(self, mut missing_alt: Vec<Diagnostic>) -> SiteImages {
        let planned = into_inner(self.planned);
        let mut pictures: Vec<Arc<Picture>> = planned
            .into_values()
            .filter_map(|cell| cell.get().and_then(|p| p.as_ref().ok()).cloned())
            .collect();
        pictures.sort_by(|a, b| a.site_path.cmp(&b.site_path));
        missing_alt.sort();
        missing_alt.dedup();
        SiteImages {
            pictures,
            withheld: into_inner(self.withheld),
            missing_alt,
            cache: self.root.join(CACHE_DIR),
            root: self.root,
            quality: self.options.quality,
        }
    }
}

/// The widths to make of an image `width` pixels wide: every configured
/// width below it, and the image's own width when a configured width is not
/// below it (so the widest file is as sharp as the original allows).
pub(crate) fn widths_for(width: u32, configured: &[u32]) -> Vec<u32> {
    let mut widths: Vec<u32> = configured.iter().copied().filter(|&w| w < width).collect();
    if configured.iter().any(|&w| w >= width) {
        widths.push(width);
    }
    widths.sort_unstable();
    widths.dedup();
    widths
}

/// The size of the link preview crop of an upright `width` × `height`
/// image: [`OG_SIZE`], or smaller in the same proportions for small images.
pub(crate) fn og_size(width: u32, height: u32) -> (u32, u32) {
    header::crop_size(width, height, OG_SIZE.0, OG_SIZE.1)
}

/// A site path without `.` and `..` segments, or `None` when it leaves the
/// site.
fn normalize(site_path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in site_path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `path` for use in a URL: every byte but unreserved characters and `/`
/// percent-encoded, so file names with spaces work in `srcset`.
pub(crate) fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_image() {
        let configured = [480, 960, 1600];
        assert_eq!(widths_for(3000, &configured), [480, 960, 1600]);
        assert_eq!(widths_for(1600, &configured), [480, 960, 1600]);
        assert_eq!(widths_for(1200, &configured), [480, 960, 1200]);
        assert_eq!(widths_for(480, &configured), [480]);
        assert_eq!(widths_for(100, &configured), [100]);
    }

    #[test]
    fn link_previews_are_cropped_not_stretched() {
        assert_eq!(og_size(4000, 3000), (1200, 630));
        assert_eq!(og_size(3000, 4000), (1200, 630));
        assert_eq!(og_size(800, 600), (800, 420));
    }

    #[test]
    fn site_paths_stay_inside_the_site() {
        assert_eq!(
            normalize("news/x/../y/./a.jpg").as_deref(),
            Some("news/y/a.jpg")
        );
        assert_eq!(normalize("../a.jpg"), None);
        assert_eq!(normalize("/a.jpg").as_deref(), Some("a.jpg"));
    }

    /// A site with `static/bild.jpg` holding `bytes`, and its catalog.
    fn catalog_with(bytes: &[u8]) -> (tempfile::TempDir, Catalog) {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("static")).expect("static");
        std::fs::write(dir.path().join("static/bild.jpg"), bytes).expect("write");
        let config = Config::from_text(
            dir.path(),
            "title: T\nbase_url: \"https://example.org/\"\nlanguage: de\n",
            None,
        )
        .expect("config");
        let catalog = Catalog::new(&config, []);
        (dir, catalog)
    }

    #[test]
    fn an_unreadable_photo_is_said_in_both_languages() {
        let (dir, catalog) = catalog_with(b"");
        std::fs::remove_file(dir.path().join("static/bild.jpg")).expect("remove");
        let why = catalog
            .plan("bild.jpg", Path::new("static/bild.jpg"))
            .expect_err("gone");
        assert!(
            why.de()
                .starts_with("static/bild.jpg kann nicht gelesen werden: "),
            "{}",
            why.de()
        );
        assert!(
            why.en().starts_with("cannot read static/bild.jpg: "),
            "{}",
            why.en()
        );
    }

    #[test]
    fn a_photo_that_is_none_or_of_another_format_is_said_in_both_languages() {
        let (_dir, catalog) = catalog_with(b"kein Bild");
        let at = Location::new(2, 1);
        let Lookup::Unusable(why) = catalog.lookup("bild.jpg", Path::new("a.md"), at, false) else {
            panic!("not unusable");
        };
        assert!(
            why.de()
                .starts_with("static/bild.jpg lässt sich nicht als Bild lesen: "),
            "{}",
            why.de()
        );
        assert!(
            why.en().contains("cannot be read as an image"),
            "{}",
            why.en()
        );
        let heic = messages::image_format_unsupported("HEIC");
        assert!(heic
            .de()
            .starts_with("kette kann keine HEIC-Bilder verarbeiten"));
    }

    #[test]
    fn kinds_go_by_extension() {
        assert_eq!(file_kind(Path::new("a/B.JPG")), FileKind::Photo);
        assert_eq!(file_kind(Path::new("a.heic")), FileKind::Unsupported);
        assert_eq!(file_kind(Path::new("a.svg")), FileKind::AsIs);
        assert_eq!(file_kind(Path::new("a.pdf")), FileKind::Other);
        assert_eq!(url_path("news/ein bild-480.jpg"), "news/ein%20bild-480.jpg");
    }
}
