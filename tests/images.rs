//! Photos as editors add them (issue 11): 4000 × 3000 pixels from a phone,
//! turned by an EXIF orientation flag, with GPS coordinates. The build must
//! publish them upright, in a few widths, without any metadata, and use them
//! well in the HTML; broken and missing images are errors at their line.

mod common;

use std::sync::OnceLock;

use common::{attrs, broken_internal_links, files, Fixture};
use image::{GenericImageView, ImageDecoder};

/// Text hidden in the EXIF block of the test photo: the GPS map datum and
/// the camera make. None of it may reach the output.
const GPS_MARKER: &[u8] = b"KETTE-GPS-MARKER";
const CAMERA_MARKER: &[u8] = b"KetteCam";

/// A photo as a phone stores it: 4000 × 3000 pixels lying on its side, a
/// red square in the stored top-left corner, green growing to the right and
/// blue growing downwards (so resizing and turning are visible), and an EXIF
/// block with Orientation = 6 ("turn 90° clockwise to show") and GPS tags.
fn camera_photo() -> &'static [u8] {
    static PHOTO: OnceLock<Vec<u8>> = OnceLock::new();
    PHOTO.get_or_init(|| phone_photo(4000, 3000))
}

/// The same kind of photo, 2000 × 1500, for tests about other things
/// (processing is slow in unoptimised test builds).
fn small_camera_photo() -> &'static [u8] {
    static PHOTO: OnceLock<Vec<u8>> = OnceLock::new();
    PHOTO.get_or_init(|| phone_photo(2000, 1500))
}

fn phone_photo(w: u32, h: u32) -> Vec<u8> {
    turned_photo(w, h, 6)
}

fn turned_photo(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let corner = w / 10;
    let pixels = image::RgbImage::from_fn(w, h, |x, y| {
        if x < corner && y < corner {
            image::Rgb([255, 0, 0])
        } else {
            image::Rgb([0, (x * 255 / w) as u8, (y * 255 / h) as u8])
        }
    });
    with_exif(&jpeg(&pixels, 90), &exif_block(orientation))
}

fn jpeg(pixels: &image::RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(pixels)
        .unwrap();
    out
}

/// A plain JPEG without metadata.
fn plain_jpeg(width: u32, height: u32) -> Vec<u8> {
    jpeg(
        &image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 100])
        }),
        85,
    )
}

/// A TIFF structure (big-endian) as cameras write it into JPEG's APP1
/// segment: IFD0 with Make, Orientation and a pointer to the GPS IFD, which
/// holds latitude, longitude and a map datum.
fn exif_block(orientation: u16) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32) {
        out.extend_from_slice(&tag.to_be_bytes());
        out.extend_from_slice(&kind.to_be_bytes());
        out.extend_from_slice(&count.to_be_bytes());
        out.extend_from_slice(&value.to_be_bytes());
    }
    const ASCII: u16 = 2;
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    let make = [CAMERA_MARKER, b"\0"].concat();
    let datum = [GPS_MARKER, b"\0"].concat();
    // Layout: header (8), IFD0 (2 + 3·12 + 4 = 42), Make, GPS IFD
    // (2 + 5·12 + 4 = 66), latitude (24), longitude (24), datum.
    let ifd0 = 8u32;
    let make_at = ifd0 + 42;
    let gps_at = make_at + make.len() as u32;
    let latitude_at = gps_at + 66;
    let longitude_at = latitude_at + 24;
    let datum_at = longitude_at + 24;

    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&3u16.to_be_bytes());
    entry(&mut t, 0x010f, ASCII, make.len() as u32, make_at);
    entry(
        &mut t,
        0x0112,
        SHORT,
        1,
        u32::from(orientation) << 16, // a SHORT sits left in the field
    );
    entry(&mut t, 0x8825, LONG, 1, gps_at);
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(&make);
    assert_eq!(t.len() as u32, gps_at);
    t.extend_from_slice(&5u16.to_be_bytes());
    entry(&mut t, 0x0001, ASCII, 2, u32::from_be_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, RATIONAL, 3, latitude_at);
    entry(&mut t, 0x0003, ASCII, 2, u32::from_be_bytes(*b"E\0\0\0"));
    entry(&mut t, 0x0004, RATIONAL, 3, longitude_at);
    entry(&mut t, 0x0012, ASCII, datum.len() as u32, datum_at);
    t.extend_from_slice(&0u32.to_be_bytes());
    for (n, d) in [(51, 1), (45, 1), (3612, 100), (7, 1), (53, 1), (2417, 100)] {
        t.extend_from_slice(&(n as u32).to_be_bytes());
        t.extend_from_slice(&(d as u32).to_be_bytes());
    }
    assert_eq!(t.len() as u32, datum_at);
    t.extend_from_slice(&datum);
    t
}

/// `jpeg` with an APP1 Exif segment right after its start marker.
fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], b"\xff\xd8");
    let mut segment = b"\xff\xe1".to_vec();
    segment.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(tiff);
    [&jpeg[..2], &segment, &jpeg[2..]].concat()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn is_image(path: &str) -> bool {
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// The output files of the article folder whose name starts with `stem-`.
fn made_of(site: &Fixture, dir: &str, stem: &str) -> Vec<String> {
    files(&site.output().join(dir))
        .into_keys()
        .filter(|n| n.starts_with(&format!("{stem}-")))
        .collect()
}

/// A site with one article of the photo as lead image and in its text.
fn photo_site() -> Fixture {
    photo_site_with(camera_photo())
}

fn photo_site_with(photo: &[u8]) -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/news/2024-06-15-sommerfest/index.md",
        "---\ntitle: \"Sommerfest im Familienzentrum\"\nimage: IMG_2041.JPG\nsummary: \"Ein Fest für alle.\"\n---\nViele Familien kamen.\n\n![Kinder spielen beim Sommerfest](IMG_2041.JPG)\n\nMehr Text.\n",
    );
    site.write_bytes("content/news/2024-06-15-sommerfest/IMG_2041.JPG", photo);
    site
}

#[test]
fn the_test_photo_is_what_a_phone_writes() {
    // The fixture itself: stored lying down, EXIF says turn it, GPS inside.
    let photo = camera_photo();
    let mut decoder = image::ImageReader::new(std::io::Cursor::new(photo))
        .with_guessed_format()
        .unwrap()
        .into_decoder()
        .unwrap();
    assert_eq!(decoder.dimensions(), (4000, 3000));
    assert_eq!(
        decoder.orientation().unwrap(),
        image::metadata::Orientation::Rotate90
    );
    let exif = decoder.exif_metadata().unwrap().expect("EXIF");
    assert!(contains(&exif, GPS_MARKER) && contains(&exif, CAMERA_MARKER));
}

#[test]
fn a_camera_photo_is_published_upright_in_three_widths_without_metadata() {
    let site = photo_site();
    site.build();
    let out = site.output();

    // The widths made: 480, 960 and 1600 of the upright 3000 × 4000 image,
    // and the 1200 × 630 link preview crop; never the original.
    let made = made_of(&site, "news/sommerfest", "img-2041");
    assert_eq!(made.len(), 4, "{made:?}");
    let hash = made[0].split('.').nth(1).unwrap().to_string();
    assert_eq!(hash.len(), 8);
    let name = |w: &str| format!("news/sommerfest/img-2041-{w}.{hash}.jpg");
    for w in ["480", "960", "1600", "og"] {
        assert!(out.join(name(w)).is_file(), "{} missing: {made:?}", name(w));
    }
    assert!(!out.join("news/sommerfest/IMG_2041.JPG").exists());

    let decoded = |path: &str| image::open(out.join(path)).unwrap();
    for (w, size) in [
        ("480", (480, 640)),
        ("960", (960, 1280)),
        ("1600", (1600, 2133)),
        ("og", (1200, 630)),
    ] {
        assert_eq!(decoded(&name(w)).dimensions(), size, "{w}");
    }

    // Upright: the red corner that was stored top-left is now top-right;
    // green (stored: growing rightwards) grows downwards, blue (stored:
    // growing downwards) grows leftwards.
    for w in ["480", "960", "1600"] {
        let img = decoded(&name(w)).to_rgb8();
        let (width, height) = img.dimensions();
        let at = |x: u32, y: u32| img.get_pixel(x, y).0;
        let top_right = at(width - width / 30, width / 30);
        assert!(
            top_right[0] > 200 && top_right[1] < 60 && top_right[2] < 60,
            "{w}: top right is {top_right:?}"
        );
        let top_left = at(width / 30, width / 30);
        assert!(top_left[0] < 60, "{w}: top left is {top_left:?}");
        assert!(at(width / 2, height - 10)[1] > at(width / 2, height / 4)[1] + 100);
        assert!(at(10, height / 2)[2] > at(width - 10, height / 2)[2] + 100);
    }

    // No metadata anywhere in the output: no EXIF, no GPS, no camera.
    for (path, file) in files(&out) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!contains(&bytes, GPS_MARKER), "GPS data in {path}");
        assert!(!contains(&bytes, CAMERA_MARKER), "camera data in {path}");
        if is_image(&path) {
            assert!(!contains(&bytes, b"Exif"), "EXIF in {path}");
            let mut decoder = image::ImageReader::new(std::io::Cursor::new(&bytes))
                .with_guessed_format()
                .unwrap()
                .into_decoder()
                .unwrap();
            assert_eq!(decoder.exif_metadata().unwrap(), None, "{path}");
            assert!(decoder.dimensions().0 <= 1600, "{path} is too wide");
        }
    }

    // The article page: a lead image and the image of the text, both with
    // srcset, sizes, width and height; the text's image loads lazily.
    let page = site.page("news/sommerfest/index.html");
    let base = "/sub/news/sommerfest/";
    let srcset = format!(
        "{base}img-2041-480.{hash}.jpg 480w, {base}img-2041-960.{hash}.jpg 960w, {base}img-2041-1600.{hash}.jpg 1600w"
    );
    for selector in [".lead-image", ".prose img"] {
        assert_eq!(
            attrs(&page, selector, "src"),
            [format!("{base}img-2041-960.{hash}.jpg")],
            "{selector}"
        );
        assert_eq!(
            attrs(&page, selector, "srcset"),
            std::slice::from_ref(&srcset)
        );
        assert_eq!(attrs(&page, selector, "width"), ["960"]);
        assert_eq!(attrs(&page, selector, "height"), ["1280"]);
        assert_eq!(attrs(&page, selector, "sizes").len(), 1);
    }
    assert_eq!(
        attrs(&page, ".prose img", "alt"),
        ["Kinder spielen beim Sommerfest"]
    );
    assert_eq!(attrs(&page, ".prose img", "loading"), ["lazy"]);
    assert!(attrs(&page, ".lead-image", "loading").is_empty());
    assert_eq!(
        attrs(&page, "meta[property='og:image']", "content"),
        [format!(
            "https://example.org/sub/news/sommerfest/img-2041-og.{hash}.jpg"
        )]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:image:width']", "content"),
        ["1200"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:image:height']", "content"),
        ["630"]
    );

    // Lists and the home page show a thumbnail with its size.
    for list in ["news/index.html", "index.html"] {
        let page = site.page(list);
        assert_eq!(
            attrs(&page, "img.card-image", "src"),
            [format!("{base}img-2041-480.{hash}.jpg")],
            "{list}"
        );
        assert_eq!(attrs(&page, "img.card-image", "width"), ["480"]);
        assert_eq!(attrs(&page, "img.card-image", "height"), ["640"]);
        assert_eq!(attrs(&page, "img.card-image", "loading"), ["lazy"]);
    }

    // Every URL of every srcset is a file of the site.
    for (path, file) in files(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = scraper::Html::parse_document(&std::fs::read_to_string(file).unwrap());
        for set in attrs(&html, "img[srcset]", "srcset") {
            for candidate in set.split(", ") {
                let url = candidate.split(' ').next().unwrap();
                let local = url.strip_prefix("/sub/").unwrap();
                assert!(out.join(local).is_file(), "{path}: {url} does not exist");
            }
        }
    }
    assert_eq!(broken_internal_links(&out, "/sub/"), Vec::new());
}

#[test]
fn processed_images_are_cached_and_reused() {
    let site = photo_site_with(small_camera_photo());
    site.build();
    let cache = site.root().join(".kette-cache/images");
    let cached = files(&cache);
    let names: Vec<&str> = cached
        .keys()
        .map(|k| k.rsplit('/').next().unwrap())
        .collect();
    // Upright 1500 pixels wide: 480, 960 and its own width (not 1600).
    assert_eq!(names, ["1500.jpg", "480.jpg", "960.jpg", "og.jpg"]);
    let key_dir = cached
        .values()
        .next()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    assert_eq!(key_dir.file_name().unwrap().len(), 64, "named by SHA-256");
    let first_480 = std::fs::read(key_dir.join("480.jpg")).unwrap();
    let modified = std::fs::metadata(key_dir.join("1500.jpg"))
        .unwrap()
        .modified()
        .unwrap();

    // A second build takes the files from the cache: a file replaced there
    // is what gets published, and nothing is made again.
    let stand_in = plain_jpeg(480, 640);
    std::fs::write(key_dir.join("480.jpg"), &stand_in).unwrap();
    site.build();
    let out480: Vec<String> = made_of(&site, "news/sommerfest", "img-2041")
        .into_iter()
        .filter(|n| n.starts_with("img-2041-480."))
        .collect();
    assert_eq!(out480.len(), 1);
    let published = site.output().join("news/sommerfest").join(&out480[0]);
    assert_eq!(std::fs::read(&published).unwrap(), stand_in);
    assert_eq!(
        std::fs::metadata(key_dir.join("1500.jpg"))
            .unwrap()
            .modified()
            .unwrap(),
        modified,
        "cached files are not written again"
    );

    // The cache is safe to delete: the next build makes the same bytes.
    std::fs::remove_dir_all(site.root().join(".kette-cache")).unwrap();
    site.build();
    assert_eq!(std::fs::read(&published).unwrap(), first_480);
    assert!(key_dir.join("480.jpg").is_file());
}

#[test]
fn missing_and_broken_images_are_errors_at_their_line() {
    let site = Fixture::new();
    site.write(
        "content/news/2024-06-15-fest/index.md",
        "---\ntitle: \"Fest\"\nimage: titelbild.jpg\n---\nText.\n\n![Ein Foto](fehlt.jpg)\n\n![Kaputt](kaputt.jpg)\n\n![Ein iPhone-Foto](IMG_1.HEIC)\n",
    );
    site.write_bytes(
        "content/news/2024-06-15-fest/kaputt.jpg",
        b"this is no JPEG",
    );
    site.write_bytes("content/news/2024-06-15-fest/IMG_1.HEIC", b"....ftypheic");
    site.write(
        "content/events/2024-07-01-tag.md",
        "---\ntitle: \"Tag der offenen Tür\"\nstart: 2024-07-01\nimage: /bilder/tag.jpg\n---\nText.\n",
    );
    let problems = site.problems();
    let file = "content/news/2024-06-15-fest/index.md";
    let expected = [
        format!("{file}:3:8: image `titelbild.jpg` is not a file in this article's folder content/news/2024-06-15-fest/"),
        format!("{file}:7:1: image `fehlt.jpg` not found"),
        format!("{file}:9:1: image `kaputt.jpg` cannot be used: {file_dir}/kaputt.jpg cannot be read as an image", file_dir = "content/news/2024-06-15-fest"),
        format!("{file}:11:1: image `IMG_1.HEIC` cannot be used: kette cannot process HEIC images"),
        "content/events/2024-07-01-tag.md:4:8: image `/bilder/tag.jpg` not found: there is no static/bilder/tag.jpg".to_string(),
    ];
    for e in &expected {
        assert!(
            problems.iter().any(|p| p.starts_with(e.as_str())),
            "expected {e}\nin {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    assert!(!site.output().exists(), "nothing was written");
}

#[test]
fn a_photo_that_fails_to_decode_is_an_error_where_it_is_used() {
    // The header is fine (so pages could be planned), the pixels are not:
    // a PNG cut off in the middle of its image data.
    let noise = image::RgbImage::from_fn(1200, 900, |x, y| {
        image::Rgb([(x * 7 + y * 13) as u8, (x * y) as u8, (x ^ y) as u8])
    });
    let mut photo = Vec::new();
    image::DynamicImage::ImageRgb8(noise)
        .write_to(
            &mut std::io::Cursor::new(&mut photo),
            image::ImageFormat::Png,
        )
        .unwrap();
    let cut = photo.len() / 2;
    photo.truncate(cut);
    let site = Fixture::new();
    site.write(
        "content/pages/galerie.md",
        "---\ntitle: Galerie\n---\nBilder.\n\n![Halbes Bild](/fotos/halb.png)\n",
    );
    site.write_bytes("static/fotos/halb.png", &photo);
    let problems = site.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "content/pages/galerie.md:6:1: image static/fotos/halb.png cannot be processed:"
        ),
        "{problems:#?}"
    );
}

#[test]
fn check_reports_images_without_alt_text_and_makes_nothing() {
    let site = photo_site_with(small_camera_photo());
    site.write(
        "content/news/2024-06-15-sommerfest/index.md",
        "---\ntitle: \"Sommerfest\"\n---\nText.\n\n![](IMG_2041.JPG)\n",
    );
    site.write(
        "content/pages/logo.md",
        "---\ntitle: Logo\n---\n<img src=\"/sub/logo.svg\"> <img src=\"/sub/logo.svg\" alt=\"\">\n",
    );
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let problems: Vec<String> = match kette::check::check(&site.options()) {
        Ok(_) => panic!("check must report the missing alt text"),
        Err(p) => p.into_sorted().iter().map(|d| d.to_string()).collect(),
    };
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with(
        "content/news/2024-06-15-sommerfest/index.md:6:1: image `IMG_2041.JPG` has no alt text"
    ));
    // Raw HTML without any alt attribute is found in the rendered page.
    assert!(
        problems[1]
            .starts_with("content/pages/logo.md:4:11: image `/sub/logo.svg` has no alt attribute"),
        "{problems:#?}"
    );
    assert!(
        !site.root().join(".kette-cache").exists(),
        "check decodes images but makes and caches nothing"
    );
    // A build publishes the site all the same.
    site.build();
}

#[test]
fn static_photos_of_events_are_processed_and_originals_withheld() {
    let site = Fixture::new();
    site.write(
        "content/events/2024-07-01-tag.md",
        "---\ntitle: \"Tag der offenen Tür\"\nstart: 2024-07-01\nimage: /bilder/tag.jpg\n---\nText.\n",
    );
    site.write_bytes("static/bilder/tag.jpg", &plain_jpeg(2000, 1000));
    site.write_bytes("static/bilder/logo.jpg", &plain_jpeg(100, 100));
    site.build();
    let made = made_of(&site, "bilder", "tag");
    let widths: Vec<&str> = made
        .iter()
        .map(|n| n.split(['-', '.']).nth(1).unwrap())
        .collect();
    assert_eq!(widths, ["1600", "480", "960", "og"], "{made:?}");
    assert!(
        !site.output().join("bilder/tag.jpg").exists(),
        "the original from static/ is withheld"
    );
    assert!(
        site.output().join("bilder/logo.jpg").exists(),
        "static files content does not use stay as they are"
    );
    let page = site.page("events/tag/index.html");
    assert_eq!(attrs(&page, ".lead-image", "width"), ["960"]);
    assert_eq!(attrs(&page, ".lead-image", "height"), ["480"]);
    let events = site.page("events/index.html");
    assert_eq!(attrs(&events, "img.card-image", "width"), ["480"]);
}

#[test]
fn small_images_are_not_enlarged_and_png_stays_png_with_alpha() {
    let site = Fixture::new();
    site.write(
        "content/pages/logo.md",
        "---\ntitle: Logo\n---\n![Das Logo](logo.png)\n",
    );
    let logo =
        image::RgbaImage::from_fn(300, 200, |x, _| image::Rgba([0, 0, 200, (x % 256) as u8]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(logo)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    site.write_bytes("static/logo/logo.png", &png);
    site.build();
    let made = made_of(&site, "logo", "logo");
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].starts_with("logo-300.") && made[0].ends_with(".png"));
    let img = image::open(site.output().join("logo").join(&made[0])).unwrap();
    assert_eq!(img.dimensions(), (300, 200));
    assert!(img.color().has_alpha());
    let page = site.page("logo/index.html");
    assert_eq!(attrs(&page, ".prose img", "width"), ["300"]);
    // The only image of a page without a lead image loads at once.
    assert!(attrs(&page, ".prose img", "loading").is_empty());
}

#[test]
fn originals_are_published_only_when_the_site_asks() {
    let site = photo_site_with(small_camera_photo());
    site.write(
        "site.yaml",
        "title: \"Testnetz\"\nbase_url: \"https://example.org/sub/\"\nimages:\n  publish_originals: true\n  widths: [320, 640]\n  quality: 70\n",
    );
    site.build();
    assert_eq!(
        std::fs::read(site.output().join("news/sommerfest/IMG_2041.JPG")).unwrap(),
        small_camera_photo()
    );
    let made = made_of(&site, "news/sommerfest", "img-2041");
    let widths: Vec<&str> = made
        .iter()
        .map(|n| n.split(['-', '.']).nth(2).unwrap())
        .collect();
    assert_eq!(widths, ["320", "640", "og"], "{made:?}");
}

#[test]
fn image_settings_are_checked() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        "title: T\nbase_url: \"https://example.org/\"\nimages:\n  widths: [480, 99999]\n  quality: 0\n",
    );
    let problems = site.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("site.yaml:4:")
                && p.contains("image width 99999 is out of range")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("site.yaml:5:") && p.contains("images.quality 0")),
        "{problems:#?}"
    );
    site.write(
        "site.yaml",
        "title: T\nbase_url: \"https://example.org/\"\nimages:\n  widht: [480]\n",
    );
    let problems = site.problems();
    assert!(
        problems[0].contains("unknown field `widht`") && problems[0].contains("widths"),
        "{problems:#?}"
    );
}

#[test]
fn every_turn_of_the_camera_comes_out_upright() {
    // The red square is stored top left; where it must be shown.
    let cases = [
        (1, "top left", (false, false), (800, 600)),
        (3, "bottom right", (true, true), (800, 600)),
        (6, "top right", (true, false), (600, 800)),
        (8, "bottom left", (false, true), (600, 800)),
    ];
    let site = Fixture::new();
    for (orientation, ..) in cases {
        site.write(
            &format!("content/news/2024-01-0{orientation}-bild-{orientation}/index.md"),
            &format!("---\ntitle: \"Bild {orientation}\"\n---\n![Bild](bild.jpg)\n"),
        );
        site.write_bytes(
            &format!("content/news/2024-01-0{orientation}-bild-{orientation}/bild.jpg"),
            &turned_photo(800, 600, orientation),
        );
    }
    site.build();
    for (orientation, place, (right, bottom), size) in cases {
        let dir = format!("news/bild-{orientation}");
        let made = made_of(&site, &dir, "bild");
        let widest = made
            .iter()
            .find(|n| n.starts_with(&format!("bild-{}.", size.0)));
        let img = image::open(site.output().join(&dir).join(widest.expect("widest file")))
            .unwrap()
            .to_rgb8();
        assert_eq!(img.dimensions(), size, "orientation {orientation}");
        let x = if right { size.0 - 20 } else { 20 };
        let y = if bottom { size.1 - 20 } else { 20 };
        let red = img.get_pixel(x, y).0;
        assert!(
            red[0] > 200 && red[1] < 60,
            "orientation {orientation}: red square not {place}: {red:?}"
        );
        let opposite = img.get_pixel(size.0 - 1 - x, size.1 - 1 - y).0;
        assert!(opposite[0] < 60, "orientation {orientation}: {opposite:?}");
    }
}

/// `image_alt:` becomes the lead image's `alt`, escaped, for a processed
/// photo of an article and an image from `static/` of an event; without it
/// the lead image stays decoration (`alt=""`).
#[test]
fn image_alt_describes_the_lead_image() {
    let site = Fixture::new();
    site.write(
        "content/news/2024-06-15-sommerfest/index.md",
        "---\ntitle: Sommerfest\nimage: foto.jpg\nimage_alt: \"Kinder & Eltern an der <Kuchentheke>\"\n---\nText.\n",
    );
    site.write_bytes(
        "content/news/2024-06-15-sommerfest/foto.jpg",
        &plain_jpeg(640, 480),
    );
    site.write(
        "content/news/2024-06-16-ohne/index.md",
        "---\ntitle: Ohne\nimage: foto.jpg\n---\nText.\n",
    );
    site.write_bytes(
        "content/news/2024-06-16-ohne/foto.jpg",
        &plain_jpeg(640, 480),
    );
    site.write(
        "content/events/2024-07-01-tag.md",
        "---\ntitle: Tag\nstart: 2024-07-01\nimage: /bilder/tag.svg\nimage_alt: Plakat des Tages\n---\nText.\n",
    );
    site.write(
        "static/bilder/tag.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    );
    site.build();
    let page = site.page("news/sommerfest/index.html");
    assert_eq!(
        attrs(&page, ".lead-image", "alt"),
        ["Kinder & Eltern an der <Kuchentheke>"]
    );
    let raw = std::fs::read_to_string(site.output().join("news/sommerfest/index.html")).unwrap();
    assert!(
        raw.contains("alt=\"Kinder &amp; Eltern an der &lt;Kuchentheke&gt;\""),
        "escaped once"
    );
    let page = site.page("news/ohne/index.html");
    assert_eq!(attrs(&page, ".lead-image", "alt"), [""]);
    let page = site.page("events/tag/index.html");
    assert_eq!(attrs(&page, ".lead-image", "alt"), ["Plakat des Tages"]);
}
