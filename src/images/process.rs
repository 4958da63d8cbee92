//! Pixels: decoding an image within the limits of `crate::catalog::header`
//! (which reads headers), turning it upright by its EXIF orientation,
//! resizing it (fast_image_resize, Lanczos3) and encoding the results. This
//! file and the catalogue's header reading are the only users of the
//! `image` crate, this file the only one of `fast_image_resize`.
//!
//! Encoding goes through `image`'s encoders, which write no EXIF, XMP, IPTC
//! or comments: everything a camera or phone wrote into the file (GPS
//! position, camera serial number, date, thumbnail) is left behind. Only the
//! colour profile (ICC) is carried over, because without it photos from
//! phones that shoot in Display P3 look washed out; it describes colours, not
//! the photo.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder};

use crate::catalog::header::{
    check_size, crop_box, crop_size, describe, reader, scaled, swaps_axes,
};
use crate::catalog::OutputFormat;
use crate::messages::{self, Text};

/// One picture to make from a source image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// The whole image, this many pixels wide (upright).
    Width(u32),
    /// A crop for link previews (Open Graph), this size at most, from the
    /// middle of the image, a little above centre.
    Crop(u32, u32),
}

/// Settings of one processing run.
#[derive(Debug, Clone, Copy)]
pub(super) struct Encoding {
    /// The format to write.
    pub format: OutputFormat,
    /// JPEG quality, 1 to 100.
    pub quality: u8,
}

/// A decoded image, upright, with its colour profile.
struct Decoded {
    image: DynamicImage,
    orientation: Orientation,
    icc: Option<Vec<u8>>,
}

fn decode(bytes: &[u8]) -> Result<Decoded, Text> {
    let mut decoder = reader(bytes)?.into_decoder().map_err(describe)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    // 8 bits a channel: what the encoders and browsers take.
    let image = match image {
        DynamicImage::ImageLuma8(_)
        | DynamicImage::ImageLumaA8(_)
        | DynamicImage::ImageRgb8(_)
        | DynamicImage::ImageRgba8(_) => image,
        other if other.color().has_alpha() => DynamicImage::ImageRgba8(other.to_rgba8()),
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    };
    Ok(Decoded {
        image,
        orientation,
        icc,
    })
}

/// Decodes every pixel of an image without keeping anything, to find out
/// whether it can be processed (for `kette check`).
pub(super) fn validate(bytes: &[u8]) -> Result<(), Text> {
    decode(bytes).map(|_| ())
}

fn resize(
    resizer: &mut Resizer,
    source: &DynamicImage,
    width: u32,
    height: u32,
    crop: Option<(f64, f64, f64, f64)>,
) -> Result<DynamicImage, Text> {
    let mut target = DynamicImage::new(width.max(1), height.max(1), source.color());
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if let Some((left, top, w, h)) = crop {
        options = options.crop(left, top, w, h);
    }
    resizer
        .resize(source, &mut target, &options)
        .map_err(|e| messages::image_cannot_resize(&e.to_string()))?;
    Ok(target)
}

/// Makes every target from the image in `bytes`, in the order given; the
/// results are encoded files. Widths are upright widths and must not be
/// larger than the upright image.
pub(super) fn process(
    bytes: &[u8],
    targets: &[Target],
    encoding: Encoding,
) -> Result<Vec<Vec<u8>>, Text> {
    let Decoded {
        image,
        orientation,
        icc,
    } = decode(bytes)?;
    let swap = swaps_axes(orientation);
    let (width, height) = if swap {
        (image.height(), image.width())
    } else {
        (image.width(), image.height())
    };
    let mut resizer = Resizer::new();

    // One upright working copy, just large enough for every target: resizing
    // the stored pixels first makes turning them upright cheap.
    let mut needed = 1;
    for t in targets {
        let w = match *t {
            Target::Width(w) => w,
            Target::Crop(cw, ch) => {
                let (_, _, bw, _) = crop_box(width, height, cw, ch);
                // The working width at which the crop is `cw` wide.
                let w = (u64::from(width) * u64::from(cw)).div_ceil(u64::from(bw));
                u32::try_from(w).unwrap_or(u32::MAX)
            }
        };
        needed = needed.max(w);
    }
    let mut working = if needed < width {
        let (w, h) = (needed, scaled(height, width, needed));
        let (sw, sh) = if swap { (h, w) } else { (w, h) };
        resize(&mut resizer, &image, sw, sh, None)?
    } else {
        image
    };
    working.apply_orientation(orientation);
    let (ww, wh) = (working.width(), working.height());

    let mut files = Vec::with_capacity(targets.len());
    for target in targets {
        let made = match *target {
            Target::Width(w) if w >= ww => None,
            Target::Width(w) => Some(resize(&mut resizer, &working, w, scaled(wh, ww, w), None)?),
            Target::Crop(cw, ch) => {
                let (left, top, bw, bh) = crop_box(ww, wh, cw, ch);
                // The size planned from the original, whatever the rounding
                // of the working copy.
                let (tw, th) = crop_size(width, height, cw, ch);
                let crop = (
                    f64::from(left),
                    f64::from(top),
                    f64::from(bw),
                    f64::from(bh),
                );
                Some(resize(&mut resizer, &working, tw, th, Some(crop))?)
            }
        };
        files.push(encode(made.as_ref().unwrap_or(&working), encoding, &icc)?);
    }
    Ok(files)
}

fn encode(
    image: &DynamicImage,
    encoding: Encoding,
    icc: &Option<Vec<u8>>,
) -> Result<Vec<u8>, Text> {
    let mut out = Vec::new();
    let failed = |e: image::ImageError| messages::image_cannot_encode(&e.to_string());
    let (w, h) = (image.width(), image.height());
    match encoding.format {
        OutputFormat::Jpeg => {
            // JPEG has no alpha: transparent parts become white.
            let flattened;
            let image = if image.color().has_alpha() {
                flattened = flatten(image);
                &flattened
            } else {
                image
            };
            let mut encoder = JpegEncoder::new_with_quality(&mut out, encoding.quality);
            if let Some(icc) = icc {
                let _ = encoder.set_icc_profile(icc.clone());
            }
            encoder
                .write_image(image.as_bytes(), w, h, image.color().into())
                .map_err(failed)?;
        }
        OutputFormat::Png => {
            let mut encoder = PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            );
            if let Some(icc) = icc {
                let _ = encoder.set_icc_profile(icc.clone());
            }
            encoder
                .write_image(image.as_bytes(), w, h, image.color().into())
                .map_err(failed)?;
        }
        OutputFormat::WebP => {
            let image = match image {
                DynamicImage::ImageRgba8(_) | DynamicImage::ImageRgb8(_) => image,
                other if other.color().has_alpha() => &DynamicImage::ImageRgba8(other.to_rgba8()),
                other => &DynamicImage::ImageRgb8(other.to_rgb8()),
            };
            let mut encoder = WebPEncoder::new_lossless(&mut out);
            if let Some(icc) = icc {
                let _ = encoder.set_icc_profile(icc.clone());
            }
            encoder
                .write_image(image.as_bytes(), w, h, image.color().into())
                .map_err(failed)?;
        }
    }
    Ok(out)
}

/// The image on a white background, without alpha.
fn flatten(image: &DynamicImage) -> DynamicImage {
    let mut rgb = image::RgbImage::new(image.width(), image.height());
    for (target, source) in rgb.pixels_mut().zip(image.to_rgba8().pixels()) {
        let a = u32::from(source[3]);
        for c in 0..3 {
            let v = (u32::from(source[c]) * a + 255 * (255 - a) + 127) / 255;
            target[c] = v as u8;
        }
    }
    DynamicImage::ImageRgb8(rgb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::header::read_header;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&image)
            .unwrap();
        out
    }

    #[test]
    fn widths_and_crops_are_made_and_never_larger_than_the_image() {
        let bytes = jpeg(800, 600);
        let header = read_header(&bytes).unwrap();
        assert_eq!(
            (header.width, header.height, header.swaps_axes),
            (800, 600, false)
        );
        let files = process(
            &bytes,
            &[
                Target::Width(480),
                Target::Width(800),
                Target::Crop(1200, 630),
            ],
            Encoding {
                format: OutputFormat::Jpeg,
                quality: 80,
            },
        )
        .unwrap();
        let sizes: Vec<(u32, u32)> = files
            .iter()
            .map(|f| {
                let h = read_header(f).unwrap();
                (h.width, h.height)
            })
            .collect();
        assert_eq!(sizes, [(480, 360), (800, 600), (800, 420)]);
    }

    #[test]
    fn broken_and_foreign_files_are_errors_not_panics() {
        assert!(read_header(b"\x89PNG fake").is_err());
        assert!(read_header(b"GIF89a....").unwrap_err().contains("GIF"));
        assert!(read_header(b"").is_err());
        let mut truncated = jpeg(64, 64);
        truncated.truncate(200);
        assert!(validate(&truncated).is_err());
        // A PNG header that claims 100000 × 100000 pixels (a decompression
        // bomb would): refused before anything is allocated.
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0d".to_vec();
        png.extend_from_slice(&ihdr);
        png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
        let error = read_header(&png).unwrap_err();
        assert!(error.contains("too large"), "{error}");
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
