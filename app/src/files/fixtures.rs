//! Test files made on the spot, so no test depends on a file checked in: a sharp colour
//! portrait of the 1-inch ratio, a scanned page, PDFs, and a PNG whose header claims a size no
//! scan has. Compiled for tests (`cfg(test)`) and for other crates' tests (feature `fixtures`).

use std::io::Cursor;

use image::{DynamicImage, ImageBuffer, Rgb, RgbImage};

pub fn encode(img: &DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A colour "portrait": a face-coloured oval on a blue background with crisp edges and detail.
pub fn portrait(width: u32, height: u32) -> DynamicImage {
    let img: RgbImage = ImageBuffer::from_fn(width, height, |x, y| {
        let (cx, cy) = (width as f64 / 2.0, height as f64 / 2.2);
        let (dx, dy) = ((x as f64 - cx) / (width as f64 / 3.0), (y as f64 - cy) / (height as f64 / 3.0));
        if dx * dx + dy * dy < 1.0 {
            // skin with fine texture (the detail a sharp photo has)
            let t = ((x * 7 + y * 13) % 5) as u8 * 6;
            Rgb([220 - t, 180 - t, 150 - t])
        } else {
            Rgb([40, 90, 200])
        }
    });
    DynamicImage::ImageRgb8(img)
}

/// A scanned page: black strokes of "text" on white.
pub fn page(width: u32, height: u32) -> DynamicImage {
    let img: RgbImage = ImageBuffer::from_fn(width, height, |x, y| {
        let line = (y / 24) % 2 == 0 && (y % 24) < 14;
        let glyph = (x / 9) % 3 != 0 && (x % 9) < 6;
        if line && glyph && x > 60 && x < width - 60 {
            Rgb([20, 20, 20])
        } else {
            Rgb([250, 250, 250])
        }
    });
    DynamicImage::ImageRgb8(img)
}

pub fn pdf(pages: usize) -> Vec<u8> {
    save(pdf_document(pages))
}

fn pdf_document(pages: usize) -> lopdf::Document {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids = vec![];
    for _ in 0..pages {
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::from(page));
    }
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn save(mut doc: lopdf::Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A one-page PDF that also holds a compressed object stream inflating to `inflated` bytes: with
/// a large size, a "decompression bomb" (a few hundred KB on the wire). Written by hand, because
/// lopdf's writer rebuilds object streams of its own.
pub fn pdf_with_object_stream(inflated: usize) -> Vec<u8> {
    let mut content = b"5 0 null ".to_vec();
    content.resize(inflated, b' ');
    let mut packed = lopdf::Stream::new(lopdf::dictionary! {}, content);
    packed.compress().unwrap();
    let packed = packed.content;
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        [
            format!("<< /Type /ObjStm /N 1 /First 9 /Filter /FlateDecode /Length {} >>\nstream\n", packed.len()).into_bytes(),
            packed,
            b"\nendstream".to_vec(),
        ]
        .concat(),
    ];
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = vec![];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

/// A PNG whose header claims `width × height` (its pixel data is that of a 1×1 image).
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = encode(&DynamicImage::ImageRgb8(RgbImage::new(1, 1)), image::ImageFormat::Png);
    // IHDR starts at byte 8: length(4) "IHDR"(4) width(4) height(4) … crc(4) at 29..33
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// The photo as an applicant would upload it: a 413×579 JPEG (25:35 at 300 dpi).
pub fn photo_jpeg() -> Vec<u8> {
    encode(&portrait(413, 579), image::ImageFormat::Jpeg)
}

/// A legible scan of a page as PNG.
pub fn page_png() -> Vec<u8> {
    encode(&page(1240, 1754), image::ImageFormat::Png)
}

/// The same page out of focus.
pub fn blurred_page_png() -> Vec<u8> {
    encode(&page(1240, 1754).blur(6.0), image::ImageFormat::Png)
}

/// A program renamed `.pdf`.
pub const EXECUTABLE: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00rest of a program";
