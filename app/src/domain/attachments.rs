//! Attachments must open and be legible (SPEC rule 5, §3 "附件材料无法打开、内容不清晰"): what
//! a file is, judged by its content and never by its name; the limits of each kind of slot; and
//! the verdict on the measurements the server takes when it decodes the file.

use serde::{Deserialize, Serialize};

/// The kinds accepted, recognised by their first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
}

impl FileKind {
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
        }
    }

    pub fn is_image(self) -> bool {
        !matches!(self, FileKind::Pdf)
    }
}

/// What the content says the file is, whatever its name claims.
pub fn sniff(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(FileKind::Png)
    } else {
        None
    }
}

/// What a slot accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// Certificates, reports, forms: a PDF or a scan.
    Document,
    /// The recent bareheaded colour 1-inch photo (25 × 35 mm).
    Photo,
    /// The handwritten pledge: the signature image, or a photo of it written on paper.
    Signature,
}

pub const MB: u64 = 1024 * 1024;

/// The limits of a slot, stated at the field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlotRules {
    pub max_bytes: u64,
    pub kinds: &'static [FileKind],
    /// The shorter side of an image must have at least this many pixels to be read.
    pub min_short_side: u32,
    /// Images must reach this sharpness (variance of the Laplacian on the grey image).
    pub min_sharpness: f64,
    /// Colour and the 25:35 ratio are required (the photo).
    pub photo: bool,
    /// Decoded images larger than this many pixels are refused before decoding (bombs).
    pub max_pixels: u64,
}

pub const fn rules(slot: SlotKind) -> SlotRules {
    match slot {
        SlotKind::Document => SlotRules {
            max_bytes: 10 * MB,
            kinds: &[FileKind::Pdf, FileKind::Jpeg, FileKind::Png],
            min_short_side: 600,
            min_sharpness: 60.0,
            photo: false,
            max_pixels: 40_000_000,
        },
        SlotKind::Photo => SlotRules {
            max_bytes: 2 * MB,
            kinds: &[FileKind::Jpeg, FileKind::Png],
            min_short_side: 295, // 25 mm at 300 dpi
            min_sharpness: 40.0,
            photo: true,
            max_pixels: 20_000_000,
        },
        SlotKind::Signature => SlotRules {
            max_bytes: 5 * MB,
            kinds: &[FileKind::Jpeg, FileKind::Png],
            min_short_side: 200,
            min_sharpness: 20.0,
            photo: false,
            max_pixels: 20_000_000,
        },
    }
}

/// The 1-inch photo's 25:35 proportion, with a tolerance of ±4 % (crops by hand rarely hit it exactly).
pub const PHOTO_RATIO: f64 = 25.0 / 35.0;
pub const PHOTO_RATIO_TOLERANCE: f64 = 0.04;

/// What the server measured on a decoded image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageMeasure {
    pub width: u32,
    pub height: u32,
    /// Whether any pixel's channels differ noticeably (a colour image, not grey).
    pub colour: bool,
    /// Variance of the Laplacian of the grey image: low means blurred.
    pub sharpness: f64,
}

/// Why a file was refused; each says what to do instead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Refusal {
    Empty,
    TooLarge {
        max_bytes: u64,
    },
    NotAccepted,
    /// The content is PDF/JPEG/PNG by its first bytes, but the slot takes other kinds.
    WrongKind {
        found: FileKind,
    },
    /// A PDF that does not parse or has no pages.
    PdfUnreadable,
    /// An image that does not decode.
    ImageUnreadable,
    /// More pixels than any scan needs (a decompression bomb, or a camera raw).
    TooManyPixels {
        width: u32,
        height: u32,
    },
    TooSmall {
        width: u32,
        height: u32,
        min_short_side: u32,
    },
    Blurred {
        sharpness: u32,
        min: u32,
    },
    NotColour,
    WrongRatio {
        width: u32,
        height: u32,
    },
    /// The application already keeps as many files, or as many bytes, as one may (M7).
    QuotaReached {
        max_files: u64,
        max_bytes: u64,
    },
}

/// What one application may keep in all, counting files it replaced or removed until they are
/// collected (an hour after they left the form; `server::jobs`). A complete dossier with long lists
/// holds well under a hundred files; the bounds stop a script filling the disk through one draft.
pub const APPLICATION_MAX_FILES: u64 = 300;
pub const APPLICATION_MAX_BYTES: u64 = 500 * MB;

/// Whether an application keeping `files` files of `bytes` bytes in all may take one more of
/// `incoming` bytes (0 when not yet known: the check before reading the body).
pub fn check_quota(files: u64, bytes: u64, incoming: u64) -> Result<(), Refusal> {
    if files + 1 > APPLICATION_MAX_FILES || bytes + incoming > APPLICATION_MAX_BYTES {
        return Err(Refusal::QuotaReached { max_files: APPLICATION_MAX_FILES, max_bytes: APPLICATION_MAX_BYTES });
    }
    Ok(())
}

/// The checks possible before decoding: size and kind.
pub fn check_head(slot: SlotKind, size: u64, head: &[u8]) -> Result<FileKind, Refusal> {
    let r = rules(slot);
    if size == 0 {
        return Err(Refusal::Empty);
    }
    if size > r.max_bytes {
        return Err(Refusal::TooLarge { max_bytes: r.max_bytes });
    }
    let kind = sniff(head).ok_or(Refusal::NotAccepted)?;
    if !r.kinds.contains(&kind) {
        return Err(Refusal::WrongKind { found: kind });
    }
    Ok(kind)
}

/// Whether an image's header dimensions may be decoded at all.
pub fn check_dimensions(slot: SlotKind, width: u32, height: u32) -> Result<(), Refusal> {
    if u64::from(width) * u64::from(height) > rules(slot).max_pixels {
        return Err(Refusal::TooManyPixels { width, height });
    }
    Ok(())
}

/// The verdict on a decoded image.
pub fn judge_image(slot: SlotKind, m: ImageMeasure) -> Result<(), Refusal> {
    let r = rules(slot);
    check_dimensions(slot, m.width, m.height)?;
    if m.width.min(m.height) < r.min_short_side {
        return Err(Refusal::TooSmall { width: m.width, height: m.height, min_short_side: r.min_short_side });
    }
    if r.photo {
        if !m.colour {
            return Err(Refusal::NotColour);
        }
        let ratio = f64::from(m.width) / f64::from(m.height);
        if (ratio - PHOTO_RATIO).abs() > PHOTO_RATIO * PHOTO_RATIO_TOLERANCE {
            return Err(Refusal::WrongRatio { width: m.width, height: m.height });
        }
    }
    if m.sharpness < r.min_sharpness {
        return Err(Refusal::Blurred { sharpness: m.sharpness as u32, min: r.min_sharpness as u32 });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_application_keeps_a_bounded_number_of_files_and_bytes() {
        let full = Err(Refusal::QuotaReached { max_files: APPLICATION_MAX_FILES, max_bytes: APPLICATION_MAX_BYTES });
        assert_eq!(check_quota(0, 0, 10 * MB), Ok(()));
        assert_eq!(check_quota(APPLICATION_MAX_FILES - 1, 0, MB), Ok(()));
        assert_eq!(check_quota(APPLICATION_MAX_FILES, 0, 1), full);
        assert_eq!(check_quota(1, APPLICATION_MAX_BYTES - MB, MB), Ok(()));
        assert_eq!(check_quota(1, APPLICATION_MAX_BYTES - MB, MB + 1), full);
        assert_eq!(check_quota(1, APPLICATION_MAX_BYTES, 0), Ok(()), "before the body is read, only the count can be full");
    }

    #[test]
    fn kinds_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileKind::Jpeg));
        assert_eq!(sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]), Some(FileKind::Png));
        // an executable renamed .pdf is still an executable
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None);
    }

    #[test]
    fn size_and_kind_are_checked_before_decoding() {
        assert_eq!(check_head(SlotKind::Document, 0, b""), Err(Refusal::Empty));
        assert_eq!(check_head(SlotKind::Document, 11 * MB, b"%PDF-"), Err(Refusal::TooLarge { max_bytes: 10 * MB }));
        assert_eq!(check_head(SlotKind::Document, 100, b"MZ\x90"), Err(Refusal::NotAccepted));
        assert_eq!(check_head(SlotKind::Photo, 100, b"%PDF-1.4"), Err(Refusal::WrongKind { found: FileKind::Pdf }));
        assert_eq!(check_head(SlotKind::Document, 100, b"%PDF-1.4"), Ok(FileKind::Pdf));
    }

    #[test]
    fn a_30000_pixel_square_is_refused_before_it_is_decoded() {
        assert_eq!(check_dimensions(SlotKind::Document, 30_000, 30_000), Err(Refusal::TooManyPixels { width: 30_000, height: 30_000 }));
        assert_eq!(check_dimensions(SlotKind::Document, 2480, 3508), Ok(())); // A4 at 300 dpi
    }

    fn photo(width: u32, height: u32, colour: bool, sharpness: f64) -> ImageMeasure {
        ImageMeasure { width, height, colour, sharpness }
    }

    #[test]
    fn the_photo_is_colour_25_by_35_sharp_and_large_enough() {
        assert_eq!(judge_image(SlotKind::Photo, photo(413, 579, true, 150.0)), Ok(()));
        assert_eq!(judge_image(SlotKind::Photo, photo(413, 579, false, 150.0)), Err(Refusal::NotColour));
        assert_eq!(judge_image(SlotKind::Photo, photo(500, 500, true, 150.0)), Err(Refusal::WrongRatio { width: 500, height: 500 }));
        assert!(matches!(judge_image(SlotKind::Photo, photo(100, 140, true, 150.0)), Err(Refusal::TooSmall { .. })));
        assert!(matches!(judge_image(SlotKind::Photo, photo(413, 579, true, 3.0)), Err(Refusal::Blurred { .. })));
        // within the tolerance: 420 × 579 is 0.725, 1.5 % off 0.714
        assert_eq!(judge_image(SlotKind::Photo, photo(420, 579, true, 150.0)), Ok(()));
    }

    #[test]
    fn a_blurred_scan_is_refused_with_its_measure() {
        assert_eq!(judge_image(SlotKind::Document, photo(2480, 3508, false, 12.4)), Err(Refusal::Blurred { sharpness: 12, min: 60 }));
        assert_eq!(judge_image(SlotKind::Document, photo(2480, 3508, false, 240.0)), Ok(()));
    }
}
