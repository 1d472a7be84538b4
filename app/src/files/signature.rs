//! Draws the pledge's strokes into a PNG (server only), so reviewers see the handwriting as the
//! applicant wrote it whatever device they use.

use image::{ImageBuffer, ImageFormat, Luma};

use crate::domain::signature::{Strokes, HEIGHT, WIDTH};

/// The pen's radius in the 1000×600 box.
const PEN: f32 = 2.5;

pub fn render(strokes: &Strokes) -> Result<Vec<u8>, image::ImageError> {
    let (w, h) = (WIDTH as u32, HEIGHT as u32);
    let mut img: ImageBuffer<Luma<u8>, Vec<u8>> = ImageBuffer::from_pixel(w, h, Luma([255]));
    let mut dot = |x: f32, y: f32| {
        let r = PEN.ceil() as i32;
        for dy in -r..=r {
            for dx in -r..=r {
                if ((dx * dx + dy * dy) as f32) <= PEN * PEN {
                    let (px, py) = (x as i32 + dx, y as i32 + dy);
                    if px >= 0 && py >= 0 && (px as u32) < w && (py as u32) < h {
                        img.put_pixel(px as u32, py as u32, Luma([20]));
                    }
                }
            }
        }
    };
    for stroke in &strokes.0 {
        if let [only] = stroke.as_slice() {
            dot(only.0, only.1);
        }
        for pair in stroke.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let steps = ((x1 - x0).abs().max((y1 - y0).abs()) / 1.0).ceil().max(1.0) as usize;
            for k in 0..=steps {
                let t = k as f32 / steps as f32;
                dot(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_png_with_ink_where_the_strokes_are() {
        let strokes = Strokes(vec![vec![(10.0, 10.0), (500.0, 200.0)]]);
        let png = render(&strokes).unwrap();
        let img = image::load_from_memory(&png).unwrap().to_luma8();
        assert_eq!((img.width(), img.height()), (1000, 600));
        assert!(img.get_pixel(255, 105)[0] < 100, "on the line");
        assert_eq!(img.get_pixel(900, 350)[0], 255, "off the line");
    }
}
