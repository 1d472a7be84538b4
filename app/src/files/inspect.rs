//! Opens an uploaded file the way a reviewer would have to: a PDF must parse and have pages, an
//! image must decode; then measures what the domain's rules judge (size, colour, sharpness).
//! Image dimensions are read from the header and checked before any pixel is decoded, and the
//! decoder has a memory limit, so a decompression bomb costs nothing.

use std::io::Cursor;

use image::{ImageReader, Limits};

use crate::domain::attachments::{check_dimensions, check_head, judge_image, FileKind, ImageMeasure, Refusal, SlotKind};

/// What an accepted file is.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspected {
    pub kind: FileKind,
    /// Pages of a PDF.
    pub pages: Option<usize>,
    /// Measurements of an image.
    pub measure: Option<ImageMeasure>,
}

/// The largest side, in pixels, at which sharpness is measured: scans of any resolution are
/// brought to one scale first, so one threshold fits a phone photo and a 600-dpi scan alike.
const MEASURE_SIDE: u32 = 1200;
/// The most one compressed stream of a PDF may inflate to while the file is read: a real scan's
/// object streams are a few hundred KB; a "decompression bomb" of 10 MB inflating to gigabytes
/// is refused as unreadable instead (security review M6).
const MAX_PDF_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// The decoder's allocation ceiling.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

pub fn inspect(slot: SlotKind, bytes: &[u8]) -> Result<Inspected, Refusal> {
    let head = &bytes[..bytes.len().min(16)];
    let kind = check_head(slot, bytes.len() as u64, head)?;
    match kind {
        FileKind::Pdf => {
            // A complete PDF ends with %%EOF (perhaps followed by a little whitespace); without
            // it the file was cut off, even when the parser could recover some pages from it.
            let tail = &bytes[bytes.len().saturating_sub(1024)..];
            if !tail.windows(5).any(|w| w == b"%%EOF") {
                return Err(Refusal::PdfUnreadable);
            }
            let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_PDF_STREAM_BYTES), ..Default::default() };
            let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|_| Refusal::PdfUnreadable)?;
            let pages = doc.get_pages().len();
            if pages == 0 {
                return Err(Refusal::PdfUnreadable);
            }
            Ok(Inspected { kind, pages: Some(pages), measure: None })
        }
        FileKind::Jpeg | FileKind::Png => {
            let format = if kind == FileKind::Png { image::ImageFormat::Png } else { image::ImageFormat::Jpeg };
            let (width, height) =
                ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(|_| Refusal::ImageUnreadable)?;
            check_dimensions(slot, width, height)?;
            let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
            let mut limits = Limits::default();
            limits.max_alloc = Some(MAX_DECODE_BYTES);
            reader.limits(limits);
            let img = reader.decode().map_err(|_| Refusal::ImageUnreadable)?;
            let measure = measure(&img);
            judge_image(slot, measure)?;
            Ok(Inspected { kind, pages: None, measure: Some(measure) })
        }
    }
}

/// Width, height, colour and sharpness of a decoded image.
pub fn measure(img: &image::DynamicImage) -> ImageMeasure {
    let (width, height) = (img.width(), img.height());
    let small = if width.max(height) > MEASURE_SIDE { img.thumbnail(MEASURE_SIDE, MEASURE_SIDE) } else { img.clone() };
    ImageMeasure { width, height, colour: is_colour(&small), sharpness: laplacian_variance(&small.to_luma8()) }
}

/// Colour when at least 2 % of pixels have channels more than 24 apart: grey scans and JPEG
/// noise stay grey, a colour portrait does not.
fn is_colour(img: &image::DynamicImage) -> bool {
    let rgb = img.to_rgb8();
    let total = u64::from(rgb.width()) * u64::from(rgb.height());
    let coloured = rgb
        .pixels()
        .filter(|p| {
            let [r, g, b] = p.0.map(i16::from);
            (r - g).abs().max((g - b).abs()).max((r - b).abs()) > 24
        })
        .count() as u64;
    total > 0 && coloured * 50 >= total
}

/// Variance of the 4-neighbour Laplacian: the classic measure of focus. Edges of text and
/// features give high values; a blurred scan gives low ones.
fn laplacian_variance(grey: &image::GrayImage) -> f64 {
    let (w, h) = grey.dimensions();
    if w < 3 || h < 3 {
        return 0.0;
    }
    let px = |x: u32, y: u32| f64::from(grey.get_pixel(x, y).0[0]);
    let (mut sum, mut sum_sq, mut n) = (0.0, 0.0, 0.0);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let l = px(x - 1, y) + px(x + 1, y) + px(x, y - 1) + px(x, y + 1) - 4.0 * px(x, y);
            sum += l;
            sum_sq += l * l;
            n += 1.0;
        }
    }
    let mean = sum / n;
    sum_sq / n - mean * mean
}

#[cfg(test)]
mod tests;

/// What `domain::seal` needs to know of an uploaded seal: a PNG that decodes, its size and
/// whether it has transparency.
pub fn measure_seal(bytes: &[u8]) -> crate::domain::seal::SealImage {
    use crate::domain::seal::SealImage;
    let is_png = image::guess_format(bytes).ok() == Some(image::ImageFormat::Png);
    let decoded = if is_png { image::load_from_memory_with_format(bytes, image::ImageFormat::Png).ok() } else { None };
    match decoded {
        Some(img) => {
            SealImage { is_png: true, width: img.width(), height: img.height(), has_alpha: img.color().has_alpha(), bytes: bytes.len() }
        }
        None => SealImage { is_png: false, width: 0, height: 0, has_alpha: false, bytes: bytes.len() },
    }
}
