//! What the model needs to know of an image without decoding its pixels:
//! its header (size, orientation, alpha, format), read within limits, and
//! the sizes of what will be made of it (scaled widths, the link-preview
//! crop). The processing in `crate::images` decodes within the same limits.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::messages::{self, Text};

/// The largest width or height kette accepts, in pixels.
pub(crate) const MAX_SIDE: u32 = 20_000;
/// The most pixels kette accepts in one image (a 100-megapixel camera makes
/// about 100 million).
pub(crate) const MAX_PIXELS: u64 = 150_000_000;
/// The most memory one decoder may allocate.
const MAX_ALLOC: u64 = 1 << 30;

/// What the header of an image says, read without decoding the pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// Width of the stored pixels.
    pub width: u32,
    /// Height of the stored pixels.
    pub height: u32,
    /// True when the EXIF orientation turns the image by 90° or 270°, so
    /// that the upright image is `height` wide.
    pub swaps_axes: bool,
    /// True when the image has an alpha channel.
    pub alpha: bool,
    /// The file format.
    pub format: SourceFormat,
}

impl Header {
    /// Width and height as the image is meant to be seen.
    pub(crate) fn upright(&self) -> (u32, u32) {
        if self.swaps_axes {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// The formats kette decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceFormat {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    WebP,
}

/// The limits every decoder of kette runs within.
pub(crate) fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// A reader of the JPEG, PNG or WebP image in `bytes`, within [`limits`].
pub(crate) fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, Text> {
    let format = image::guess_format(bytes).map_err(|_| messages::image_not_a_photo())?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(messages::image_other_format(
            &format
                .extensions_str()
                .first()
                .map_or("other", |e| e)
                .to_uppercase(),
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    Ok(reader)
}

/// An error of the `image` crate in words for editors: its limits in
/// kette's, any other in the crate's own (English) words.
pub(crate) fn describe(error: image::ImageError) -> Text {
    match error {
        image::ImageError::Limits(_) => {
            messages::image_over_limits(MAX_SIDE, MAX_PIXELS / 1_000_000)
        }
        other => Text::untranslated(other.to_string()),
    }
}

/// Reads the header of an image: size, orientation, alpha. Cheap: the
/// pixels are not decoded.
pub(crate) fn read_header(bytes: &[u8]) -> Result<Header, Text> {
    let reader = reader(bytes)?;
    let format = match reader.format() {
        Some(ImageFormat::Png) => SourceFormat::Png,
        Some(ImageFormat::WebP) => SourceFormat::WebP,
        _ => SourceFormat::Jpeg,
    };
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    // A broken EXIF block is no reason to refuse a photo: it is shown as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok(Header {
        width,
        height,
        swaps_axes: swaps_axes(orientation),
        alpha: decoder.color_type().has_alpha(),
        format,
    })
}

/// Refuses images without pixels or beyond [`MAX_SIDE`] and [`MAX_PIXELS`].
pub(crate) fn check_size(width: u32, height: u32) -> Result<(), Text> {
    if width == 0 || height == 0 {
        return Err(messages::image_no_pixels());
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(messages::image_too_large(
            width,
            height,
            MAX_SIDE,
            MAX_PIXELS / 1_000_000,
        ));
    }
    Ok(())
}

/// Whether `orientation` turns the image by 90° or 270°.
pub(crate) fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// `height` scaled as `width` is scaled to `new_width`, rounded, at least 1.
pub(crate) fn scaled(height: u32, width: u32, new_width: u32) -> u32 {
    let h = (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

/// The part of an upright `width` × `height` image that a crop to the
/// proportions `cw`:`ch` keeps: (left, top, width, height). Horizontally
/// centred; vertically a third of the rest above, two thirds below, where
/// faces in portraits usually are.
pub(crate) fn crop_box(width: u32, height: u32, cw: u32, ch: u32) -> (u32, u32, u32, u32) {
    let (w, h, cw, ch) = (
        u64::from(width),
        u64::from(height),
        u64::from(cw),
        u64::from(ch),
    );
    let (bw, bh) = if w * ch > h * cw {
        ((h * cw + ch / 2) / ch, h)
    } else {
        (w, (w * ch + cw / 2) / cw)
    };
    let (bw, bh) = (bw.clamp(1, w), bh.clamp(1, h));
    let left = (w - bw) / 2;
    let top = (h - bh) / 3;
    // Values are at most the image's sides, which are u32.
    (left as u32, top as u32, bw as u32, bh as u32)
}

/// The size of a crop to `cw` × `ch` of an upright `width` × `height`
/// image: `cw` × `ch` when the image is large enough, else the largest part
/// of it in those proportions (never enlarged).
pub(crate) fn crop_size(width: u32, height: u32, cw: u32, ch: u32) -> (u32, u32) {
    let (_, _, w, h) = crop_box(width, height, cw, ch);
    if w >= cw {
        (cw, ch)
    } else {
        (w, h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_keep_proportions_inside_the_image() {
        assert_eq!(crop_box(4000, 3000, 1200, 630), (0, 300, 4000, 2100));
        assert_eq!(crop_box(3000, 4000, 1200, 630), (0, 808, 3000, 1575));
        assert_eq!(crop_box(6000, 1000, 1200, 630), (2047, 0, 1905, 1000));
        assert_eq!(crop_box(1, 1, 1200, 630), (0, 0, 1, 1));
    }
}
