//! An issuer's seal (公章) as the certificates print it: a PNG with a transparent background (it
//! is printed over the issuer's name and date), roughly square, big enough to print sharply at
//! 40 mm and small enough to keep each certificate small.

use serde::{Deserialize, Serialize};

/// The largest seal file accepted.
pub const SEAL_MAX_BYTES: usize = 512 * 1024;
/// Sides in pixels: at least this (≈ 250 dpi at 40 mm)…
pub const SEAL_MIN_SIDE: u32 = 400;
/// …and at most this.
pub const SEAL_MAX_SIDE: u32 = 2000;

/// What was found in an uploaded seal image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealImage {
    pub is_png: bool,
    pub width: u32,
    pub height: u32,
    pub has_alpha: bool,
    pub bytes: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SealProblem {
    NotPng,
    TooLarge,
    /// Without transparency the seal would hide the text under it.
    Opaque,
    /// Too small to print sharply, or not roughly square (a seal is round).
    Shape,
}

pub fn check_seal(s: &SealImage) -> Result<(), SealProblem> {
    if !s.is_png {
        return Err(SealProblem::NotPng);
    }
    if s.bytes > SEAL_MAX_BYTES {
        return Err(SealProblem::TooLarge);
    }
    if !s.has_alpha {
        return Err(SealProblem::Opaque);
    }
    let (short, long) = (s.width.min(s.height), s.width.max(s.height));
    // at most 10 % longer one way than the other
    if short < SEAL_MIN_SIDE || long > SEAL_MAX_SIDE || long * 10 > short * 11 {
        return Err(SealProblem::Shape);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> SealImage {
        SealImage { is_png: true, width, height, has_alpha: true, bytes: 100_000 }
    }

    #[test]
    fn a_seal_is_a_transparent_roughly_square_png_of_printable_size() {
        assert_eq!(check_seal(&png(600, 600)), Ok(()));
        assert_eq!(check_seal(&png(600, 660)), Ok(()));
        assert_eq!(check_seal(&png(600, 661)), Err(SealProblem::Shape));
        assert_eq!(check_seal(&png(399, 399)), Err(SealProblem::Shape));
        assert_eq!(check_seal(&png(2001, 2001)), Err(SealProblem::Shape));
        assert_eq!(check_seal(&SealImage { has_alpha: false, ..png(600, 600) }), Err(SealProblem::Opaque));
        assert_eq!(check_seal(&SealImage { is_png: false, ..png(600, 600) }), Err(SealProblem::NotPng));
        assert_eq!(check_seal(&SealImage { bytes: SEAL_MAX_BYTES + 1, ..png(600, 600) }), Err(SealProblem::TooLarge));
    }
}
