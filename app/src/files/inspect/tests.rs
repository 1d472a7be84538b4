//! The inspection of uploads, on files made by `files::fixtures`.

use super::*;
use crate::files::fixtures::{encode, page, pdf, pdf_with_object_stream, png_claiming, portrait, EXECUTABLE};
use image::DynamicImage;

#[test]
fn a_sharp_colour_photo_of_the_right_ratio_is_accepted() {
    let jpeg = encode(&portrait(413, 579), image::ImageFormat::Jpeg);
    let got = inspect(SlotKind::Photo, &jpeg).unwrap();
    let m = got.measure.unwrap();
    assert!(m.colour && m.sharpness > 40.0, "{m:?}");
}

#[test]
fn a_blurred_scan_is_refused_as_blurred() {
    let sharp = page(1240, 1754);
    let sharp_png = encode(&sharp, image::ImageFormat::Png);
    assert!(inspect(SlotKind::Document, &sharp_png).is_ok());
    let blurred = encode(&sharp.blur(6.0), image::ImageFormat::Png);
    assert!(matches!(inspect(SlotKind::Document, &blurred), Err(Refusal::Blurred { .. })));
}

#[test]
fn grey_photos_small_scans_and_wrong_ratios_are_refused() {
    let grey = encode(&DynamicImage::ImageLuma8(portrait(413, 579).to_luma8()), image::ImageFormat::Png);
    assert_eq!(inspect(SlotKind::Photo, &grey), Err(Refusal::NotColour));
    let square = encode(&portrait(500, 500), image::ImageFormat::Png);
    assert_eq!(inspect(SlotKind::Photo, &square), Err(Refusal::WrongRatio { width: 500, height: 500 }));
    let tiny = encode(&page(200, 280), image::ImageFormat::Png);
    assert!(matches!(inspect(SlotKind::Document, &tiny), Err(Refusal::TooSmall { .. })));
}

#[test]
fn pdfs_must_parse_and_have_pages() {
    let good = pdf(2);
    assert_eq!(inspect(SlotKind::Document, &good).unwrap().pages, Some(2));
    let truncated = &good[..good.len() / 2];
    assert_eq!(inspect(SlotKind::Document, truncated), Err(Refusal::PdfUnreadable));
    // cut just before the end marker: the parser could recover the pages, the file is still cut off
    let end = good.windows(5).rposition(|w| w == b"%%EOF").unwrap();
    assert_eq!(inspect(SlotKind::Document, &good[..end]), Err(Refusal::PdfUnreadable));
    assert_eq!(inspect(SlotKind::Document, &pdf(0)), Err(Refusal::PdfUnreadable));
}

#[test]
fn an_executable_renamed_pdf_is_not_accepted() {
    assert_eq!(inspect(SlotKind::Document, EXECUTABLE), Err(Refusal::NotAccepted));
}

#[test]
fn a_30000_square_png_is_refused_before_decoding() {
    let bomb = png_claiming(30_000, 30_000);
    assert_eq!(inspect(SlotKind::Document, &bomb), Err(Refusal::TooManyPixels { width: 30_000, height: 30_000 }));
}

#[test]
fn a_pdf_whose_stream_inflates_past_the_cap_is_refused_not_read() {
    let small = pdf_with_object_stream(1024);
    assert!(inspect(SlotKind::Document, &small).is_ok(), "an ordinary object stream reads");
    let bomb = pdf_with_object_stream(MAX_PDF_STREAM_BYTES + 1024 * 1024);
    assert!(bomb.len() < 1024 * 1024, "{} bytes on the wire", bomb.len());
    assert_eq!(inspect(SlotKind::Document, &bomb), Err(Refusal::PdfUnreadable));
}
