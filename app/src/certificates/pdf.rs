//! The certificate and the fee receipt as PDF (server only): Chinese text in the packaged Droid
//! Sans Fallback font, subset into each file by krilla (only the glyphs used are embedded, so a
//! certificate is tens of kilobytes, not four megabytes), the issuer's seal image and a QR code.

use std::sync::OnceLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

/// Droid Sans Fallback (Apache-2.0, from Debian's fonts-droid-fallback; see assets/fonts): the
/// Chinese characters. It has no Latin letters or digits: those come from DejaVu Sans (free
/// licence, from Debian's fonts-dejavu-core).
static CJK_BYTES: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/fonts/DroidSansFallbackFull.ttf"));
static LATIN_BYTES: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/fonts/DejaVuSans.ttf"));
/// The seal used when the issuer has not uploaded its own (drawn by scripts/make-demo-seal.py).
pub static DEMO_SEAL_PNG: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/seal-demo.png"));

#[derive(Clone)]
struct Fonts {
    cjk: Font,
    latin: Font,
}

fn fonts() -> Result<Fonts, String> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| Some(Fonts { cjk: Font::new(CJK_BYTES.to_vec().into(), 0)?, latin: Font::new(LATIN_BYTES.to_vec().into(), 0)? }))
        .clone()
        .ok_or_else(|| "the packaged fonts do not load".into())
}

/// Characters below the CJK blocks (Latin, digits, ·, —) are set in the Latin font.
fn is_latin(c: char) -> bool {
    (c as u32) < 0x2E80
}

const INK: (u8, u8, u8) = (33, 33, 33);
const MUTED: (u8, u8, u8) = (96, 96, 96);
const RED: (u8, u8, u8) = (170, 24, 36);
const GOLD: (u8, u8, u8) = (176, 132, 48);

fn fill(c: (u8, u8, u8)) -> Fill {
    Fill { paint: rgb::Color::new(c.0, c.1, c.2).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

fn stroke(c: (u8, u8, u8), width: f32) -> Stroke {
    Stroke { paint: rgb::Color::new(c.0, c.1, c.2).into(), width, ..Default::default() }
}

/// The width of `text` at `size`: Droid's CJK glyphs are one em, Latin letters and digits about
/// half (enough to centre a line; nothing is justified).
fn width(text: &str, size: f32) -> f32 {
    text.chars().map(char_width).sum::<f32>() * size
}

/// DejaVu's letters and digits average about 0.6 em; a space is 0.32.
fn char_width(c: char) -> f32 {
    match c {
        ' ' => 0.32,
        c if is_latin(c) => 0.6,
        _ => 1.0,
    }
}

struct Pen<'a, 'b> {
    s: &'a mut Surface<'b>,
    fonts: Fonts,
}

impl Pen<'_, '_> {
    /// Sets `text` in runs, each in the font that has its characters.
    fn text(&mut self, x: f32, y: f32, size: f32, color: (u8, u8, u8), text: &str) {
        self.s.set_fill(Some(fill(color)));
        let mut x = x;
        let mut run = String::new();
        let mut run_latin = None;
        for c in text.chars().chain(std::iter::once('\0')) {
            let latin = is_latin(c);
            if c == '\0' || run_latin.is_some_and(|l| l != latin) {
                if let Some(l) = run_latin {
                    let font = if l { self.fonts.latin.clone() } else { self.fonts.cjk.clone() };
                    self.s.draw_text(Point::from_xy(x, y), font, size, &run, false, TextDirection::LeftToRight);
                    x += width(&run, size);
                }
                run.clear();
            }
            run.push(c);
            run_latin = Some(latin);
        }
    }

    fn centred(&mut self, cx: f32, y: f32, size: f32, color: (u8, u8, u8), text: &str) {
        self.text(cx - width(text, size) / 2.0, y, size, color, text);
    }

    fn rect(&mut self, r: Rect, color: (u8, u8, u8), line: f32) {
        let mut pb = PathBuilder::new();
        pb.push_rect(r);
        if let Some(path) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(stroke(color, line)));
            self.s.draw_path(&path);
            self.s.set_stroke(None);
        }
    }

    fn image(&mut self, png: &[u8], x: f32, y: f32, w: f32, h: f32) -> Result<(), String> {
        let image = Image::from_png(png.to_vec().into(), true)?;
        let size = Size::from_wh(w, h).ok_or("image size")?;
        self.s.push_transform(&Transform::from_translate(x, y));
        self.s.draw_image(image, size);
        self.s.pop();
        Ok(())
    }

    /// A QR code of `url` as filled squares, `side` points wide, top-left at (x, y).
    fn qr(&mut self, url: &str, x: f32, y: f32, side: f32) -> Result<(), String> {
        let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).map_err(|e| e.to_string())?;
        let n = code.width();
        let quiet = 2.0;
        let cell = side / (n as f32 + 2.0 * quiet);
        let mut pb = PathBuilder::new();
        for (i, c) in code.to_colors().into_iter().enumerate() {
            if c == qrcode::Color::Dark {
                let (col, row) = ((i % n) as f32, (i / n) as f32);
                if let Some(r) = Rect::from_xywh(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell) {
                    pb.push_rect(r);
                }
            }
        }
        self.s.set_stroke(None);
        self.s.set_fill(Some(fill((0, 0, 0))));
        if let Some(path) = pb.finish() {
            self.s.draw_path(&path);
        }
        Ok(())
    }
}

/// What the certificate page shows, in words (the caller turns levels and dates into Chinese).
pub struct CertificatePage<'a> {
    pub number: &'a str,
    pub holder_name: &'a str,
    pub holder_id_number: &'a str,
    pub title: &'a str,
    pub series_specialty: &'a str,
    pub level: &'a str,
    pub work_unit: &'a str,
    pub committee: &'a str,
    pub evaluated_on: &'a str,
    pub issuer: &'a str,
    pub issued_on: &'a str,
    pub verify_url: &'a str,
    pub seal_png: &'a [u8],
    pub key_id: &'a str,
}

/// A4 landscape, in points.
const W: f32 = 842.0;
const H: f32 = 595.0;

pub fn certificate_pdf(c: &CertificatePage<'_>) -> Result<Vec<u8>, String> {
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new().title(format!("专业技术职务任职资格证书 {}", c.number)).creator("职评 zhiping".into()).language("zh-CN".into()),
    );
    let mut page = doc.start_page_with(PageSettings::from_wh(W, H).ok_or("page size")?);
    {
        let mut s = page.surface();
        let mut pen = Pen { s: &mut s, fonts: fonts()? };
        pen.rect(Rect::from_xywh(18.0, 18.0, W - 36.0, H - 36.0).ok_or("frame")?, GOLD, 3.0);
        pen.rect(Rect::from_xywh(26.0, 26.0, W - 52.0, H - 52.0).ok_or("frame")?, GOLD, 0.8);

        pen.centred(W / 2.0, 88.0, 30.0, RED, "专业技术职务任职资格证书");
        pen.centred(W / 2.0, 112.0, 12.0, MUTED, "电子证书 · Electronic Certificate of Professional Title");

        let rows: [(&str, &str); 9] = [
            ("姓　　名", c.holder_name),
            ("身份证号", c.holder_id_number),
            ("工作单位", c.work_unit),
            ("资格名称", c.title),
            ("系列专业", c.series_specialty),
            ("资格级别", c.level),
            ("评审机构", c.committee),
            ("评审通过", c.evaluated_on),
            ("证书编号", c.number),
        ];
        let (label_x, value_x, mut y) = (92.0, 186.0, 160.0);
        for (label, value) in rows {
            pen.text(label_x, y, 14.0, MUTED, label);
            pen.text(value_x, y, 15.0, INK, value);
            y += 30.0;
        }

        // The issuer and date, the seal over them as on a paper certificate.
        let (ix, iy) = (590.0, 452.0);
        pen.centred(ix + 70.0, iy, 15.0, INK, c.issuer);
        pen.centred(ix + 70.0, iy + 26.0, 14.0, INK, c.issued_on);
        pen.image(c.seal_png, ix + 10.0, iy - 100.0, 120.0, 120.0)?;

        // The QR code to the verify page, with the address written out for those without a camera.
        let (qx, qy, side) = (640.0, 140.0, 112.0);
        pen.qr(c.verify_url, qx, qy, side)?;
        pen.centred(qx + side / 2.0, qy + side + 14.0, 10.0, MUTED, "扫码核验证书真伪");

        pen.text(92.0, H - 62.0, 9.0, MUTED, &format!("核验地址：{}", c.verify_url));
        pen.text(
            92.0,
            H - 48.0,
            9.0,
            MUTED,
            &format!("本证书由签发机关以 Ed25519 电子签名签发（密钥 {}），下载的文件可离线核验，任何改动都会使核验失败。", c.key_id),
        );
    }
    page.finish();
    doc.finish().map_err(|e| format!("pdf: {e:?}"))
}

/// What a fee receipt states.
pub struct ReceiptPage<'a> {
    pub order_id: &'a str,
    pub payer: &'a str,
    pub application: &'a str,
    pub amount: &'a str,
    pub paid_at: &'a str,
    pub gateway: &'a str,
    pub gateway_txn: &'a str,
    pub payee: &'a str,
}

/// A5 portrait receipt.
pub fn receipt_pdf(r: &ReceiptPage<'_>) -> Result<Vec<u8>, String> {
    let (w, h) = (420.0, 595.0);
    let mut doc = Document::new();
    doc.set_metadata(Metadata::new().title(format!("评审费收据 {}", r.order_id)).creator("职评 zhiping".into()).language("zh-CN".into()));
    let mut page = doc.start_page_with(PageSettings::from_wh(w, h).ok_or("page size")?);
    {
        let mut s = page.surface();
        let mut pen = Pen { s: &mut s, fonts: fonts()? };
        pen.rect(Rect::from_xywh(16.0, 16.0, w - 32.0, h - 32.0).ok_or("frame")?, MUTED, 0.8);
        pen.centred(w / 2.0, 66.0, 22.0, INK, "职称评审费收据");
        let rows: [(&str, &str); 8] = [
            ("订单号", r.order_id),
            ("缴费人", r.payer),
            ("申报", r.application),
            ("金额", r.amount),
            ("支付时间", r.paid_at),
            ("支付渠道", r.gateway),
            ("交易号", r.gateway_txn),
            ("收款单位", r.payee),
        ];
        let mut y = 118.0;
        for (label, value) in rows {
            pen.text(40.0, y, 12.0, MUTED, label);
            pen.text(120.0, y, 12.0, INK, value);
            y += 28.0;
        }
        pen.text(40.0, h - 48.0, 9.0, MUTED, "此收据由职评平台在收到支付渠道的签名回调后生成。");
    }
    page.finish();
    doc.finish().map_err(|e| format!("pdf: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_pdf_subsets_the_font_and_parses() {
        let page = CertificatePage {
            number: "XJZC-2026-000001-9",
            holder_name: "阿依古丽·测试",
            holder_id_number: "650102198506152024",
            title: "研究员",
            series_specialty: "高等教育管理研究 · 高等教育管理",
            level: "正高级",
            work_unit: "新疆大学",
            committee: "自治区高等教育管理研究高级职称评审委员会",
            evaluated_on: "2026年12月01日",
            issuer: "新疆维吾尔自治区教育厅",
            issued_on: "2026年12月20日",
            verify_url: "http://127.0.0.1:3000/verify/XJZC-2026-000001-9",
            seal_png: DEMO_SEAL_PNG,
            key_id: "0123456789abcdef",
        };
        let pdf = certificate_pdf(&page).unwrap();
        // ZP_PDF_OUT=/tmp/cert.pdf keeps the file, to look at it (pdftoppm -png -r 80 …)
        if let Ok(out) = std::env::var("ZP_PDF_OUT") {
            std::fs::write(out, &pdf).unwrap();
        }
        assert!(pdf.starts_with(b"%PDF-"));
        // the 4 MB font is subset: the whole file stays small
        assert!(pdf.len() < 400_000, "{} bytes", pdf.len());
        let doc = lopdf::Document::load_mem(&pdf).expect("parses");
        assert_eq!(doc.get_pages().len(), 1);
    }
}
