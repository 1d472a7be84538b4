//! The handwritten pledge (§(十一)): strokes drawn with a finger or mouse, and the rule that an
//! empty canvas or a token scribble is not a signature. The canvas in the browser and the server
//! that stores the strokes both ask `check`.

use serde::{Deserialize, Serialize};

/// The drawing surface's coordinate space: the canvas scales what it records into this box, so
/// the rule does not depend on the size of the screen.
pub const WIDTH: f32 = 1000.0;
pub const HEIGHT: f32 = 600.0;

/// One stroke: the points a finger or pen passed through, in drawing order.
pub type Stroke = Vec<(f32, f32)>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Strokes(pub Vec<Stroke>);

/// A pledge of 本人承诺… written out needs many strokes; a signature at least a handful.
pub const MIN_STROKES: usize = 6;
/// Total ink, in units of the 1000-wide box: about two canvas widths of line.
pub const MIN_INK: f32 = 2000.0;
/// The writing must spread over at least this share of the width.
pub const MIN_SPAN: f32 = 0.3;
/// Bounds on what a client may send (a canvas does not produce more).
pub const MAX_STROKES: usize = 2000;
pub const MAX_POINTS: usize = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignatureProblem {
    Empty,
    TooFewStrokes {
        strokes: usize,
        min: usize,
    },
    TooLittleInk,
    TooNarrow,
    /// Points outside the box, not numbers, or more than a canvas produces.
    Malformed,
}

impl Strokes {
    pub fn point_count(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// The length of all lines drawn.
    pub fn ink(&self) -> f32 {
        self.0.iter().flat_map(|s| s.windows(2)).map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt()).sum()
    }

    /// Whether these strokes can stand as the applicant's handwritten pledge.
    pub fn check(&self) -> Result<(), SignatureProblem> {
        if self.0.len() > MAX_STROKES || self.point_count() > MAX_POINTS {
            return Err(SignatureProblem::Malformed);
        }
        let inside = |&(x, y): &(f32, f32)| x.is_finite() && y.is_finite() && (0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y);
        if !self.0.iter().flatten().all(inside) {
            return Err(SignatureProblem::Malformed);
        }
        let drawn: Vec<&Stroke> = self.0.iter().filter(|s| !s.is_empty()).collect();
        if drawn.is_empty() {
            return Err(SignatureProblem::Empty);
        }
        if drawn.len() < MIN_STROKES {
            return Err(SignatureProblem::TooFewStrokes { strokes: drawn.len(), min: MIN_STROKES });
        }
        if self.ink() < MIN_INK {
            return Err(SignatureProblem::TooLittleInk);
        }
        let xs = drawn.iter().flat_map(|s| s.iter().map(|p| p.0));
        let (lo, hi) = xs.fold((f32::MAX, f32::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
        if hi - lo < MIN_SPAN * WIDTH {
            return Err(SignatureProblem::TooNarrow);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zig-zag strokes side by side, like characters written in a row.
    pub fn written(strokes: usize) -> Strokes {
        Strokes(
            (0..strokes)
                .map(|i| {
                    let x0 = 20.0 + i as f32 * (900.0 / strokes as f32);
                    (0..20).map(|k| (x0 + (k % 2) as f32 * 30.0, 50.0 + k as f32 * 15.0)).collect()
                })
                .collect(),
        )
    }

    #[test]
    fn a_written_pledge_passes() {
        assert_eq!(written(12).check(), Ok(()));
    }

    #[test]
    fn empty_and_token_scribbles_are_refused() {
        assert_eq!(Strokes::default().check(), Err(SignatureProblem::Empty));
        assert_eq!(Strokes(vec![vec![], vec![]]).check(), Err(SignatureProblem::Empty));
        assert_eq!(written(2).check(), Err(SignatureProblem::TooFewStrokes { strokes: 2, min: MIN_STROKES }));
        let dots = Strokes((0..10).map(|i| vec![(100.0 + i as f32 * 80.0, 100.0), (101.0 + i as f32 * 80.0, 101.0)]).collect());
        assert_eq!(dots.check(), Err(SignatureProblem::TooLittleInk));
        let narrow = Strokes((0..10).map(|_| (0..40).map(|k| (100.0 + (k % 2) as f32 * 20.0, 10.0 + k as f32 * 9.0)).collect()).collect());
        assert_eq!(narrow.check(), Err(SignatureProblem::TooNarrow));
    }

    #[test]
    fn points_outside_the_box_or_not_numbers_are_malformed() {
        let mut s = written(12);
        s.0[0][0] = (f32::NAN, 1.0);
        assert_eq!(s.check(), Err(SignatureProblem::Malformed));
        s.0[0][0] = (WIDTH + 1.0, 1.0);
        assert_eq!(s.check(), Err(SignatureProblem::Malformed));
    }
}
