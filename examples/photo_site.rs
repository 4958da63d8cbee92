//! Writes a deterministic kette site of N articles (default 100), each an
//! article folder with one phone-sized photo: 4000 × 3000 pixels of smooth
//! colour and grain (so JPEG sizes are like a camera's, 3–4 MB at quality
//! 92), every other one lying on its side with EXIF Orientation = 6, all with
//! GPS coordinates. The photo is the article's lead image and appears in
//! its text. For the photo benchmark of `scripts/bench.sh photos`.
//!
//! Usage: `cargo run --release --example photo_site -- [N] DIR`

use std::fs;
use std::path::Path;

use rayon::prelude::*;

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, dir) = match args.as_slice() {
        [dir] => (100, dir.clone()),
        [n, dir] => (n.parse().expect("N must be a number"), dir.clone()),
        _ => {
            eprintln!("usage: photo_site [N] DIR");
            std::process::exit(2);
        }
    };
    let root = Path::new(&dir);
    fs::create_dir_all(root.join("content/news")).unwrap();
    fs::write(
        root.join("site.yaml"),
        "title: \"Fotos\"\nbase_url: \"https://example.org/fotos/\"\nlanguage: de\npaginate: 10\n",
    )
    .unwrap();
    let bytes: u64 = (0..n).into_par_iter().map(|i| write_article(root, i)).sum();
    println!(
        "{n} articles with {n} photos of {WIDTH} × {HEIGHT} pixels ({} MB) in {}",
        bytes / 1_000_000,
        root.display()
    );
}

/// Writes article `i` and its photo; returns the photo's size in bytes.
fn write_article(root: &Path, i: u32) -> u64 {
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let folder = root.join(format!("content/news/2024-{month:02}-{day:02}-fest-{i:03}"));
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("index.md"),
        format!(
            "---\ntitle: \"Fest Nummer {i}\"\nimage: foto.jpg\n---\nDie Familien haben gefeiert.\n\n![Kinder beim Fest Nummer {i}](foto.jpg)\n\nDanach gab es Kuchen.\n"
        ),
    )
    .unwrap();
    let photo = photo(i);
    fs::write(folder.join("foto.jpg"), &photo).unwrap();
    photo.len() as u64
}

/// A deterministic photo: colour gradients that differ per article, with
/// grain from a small pseudo-random generator.
fn photo(i: u32) -> Vec<u8> {
    let mut state = 0x9e37_79b9_u32.wrapping_mul(i + 1);
    let pixels = image::RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 24) as i32 - 12;
        let c = |v: u32| (v as i32 + grain).clamp(0, 255) as u8;
        image::Rgb([
            c((x * 255 / WIDTH + i * 37) % 256),
            c((y * 255 / HEIGHT + i * 11) % 256),
            c(((x + y) * 255 / (WIDTH + HEIGHT) + i * 5) % 256),
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&pixels)
        .unwrap();
    let orientation = if i % 2 == 0 { 6 } else { 1 };
    with_exif(&jpeg, &exif(orientation))
}

/// A big-endian TIFF block with Orientation and a GPS IFD (latitude,
/// longitude), as phones write into JPEG's APP1 segment.
fn exif(orientation: u16) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32) {
        out.extend_from_slice(&tag.to_be_bytes());
        out.extend_from_slice(&kind.to_be_bytes());
        out.extend_from_slice(&count.to_be_bytes());
        out.extend_from_slice(&value.to_be_bytes());
    }
    // Header (8), IFD0 with 2 entries (2 + 24 + 4 = 30), GPS IFD with 4
    // entries (2 + 48 + 4 = 54), two triples of rationals (24 each).
    let gps_at = 8 + 30;
    let latitude_at = gps_at + 54;
    let longitude_at = latitude_at + 24;
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&2u16.to_be_bytes());
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation) << 16);
    entry(&mut t, 0x8825, 4, 1, gps_at);
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(&4u16.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, latitude_at);
    entry(&mut t, 0x0003, 2, 2, u32::from_be_bytes(*b"E\0\0\0"));
    entry(&mut t, 0x0004, 5, 3, longitude_at);
    t.extend_from_slice(&0u32.to_be_bytes());
    for (n, d) in [
        (51u32, 1u32),
        (45, 1),
        (3612, 100),
        (7, 1),
        (53, 1),
        (2417, 100),
    ] {
        t.extend_from_slice(&n.to_be_bytes());
        t.extend_from_slice(&d.to_be_bytes());
    }
    t
}

fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut segment = b"\xff\xe1".to_vec();
    segment.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(tiff);
    [&jpeg[..2], &segment, &jpeg[2..]].concat()
}
