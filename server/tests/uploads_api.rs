//! Uploads and downloads over HTTP (SPEC rule 5): every bad file refused with its reason, good
//! ones stored and served back safely, and nobody reading another person's files by guessing ids.

mod support;

use std::io::Cursor;

use image::{DynamicImage, ImageBuffer, Rgb, RgbImage};
use support::*;

fn encode(img: &DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A sharp colour "portrait" of the 1-inch ratio.
fn portrait() -> Vec<u8> {
    let (w, h) = (413u32, 579u32);
    let img: RgbImage = ImageBuffer::from_fn(w, h, |x, y| {
        let (dx, dy) = ((x as f64 - 206.0) / 137.0, (y as f64 - 263.0) / 193.0);
        if dx * dx + dy * dy < 1.0 {
            let t = ((x * 7 + y * 13) % 5) as u8 * 6;
            Rgb([220 - t, 180 - t, 150 - t])
        } else {
            Rgb([40, 90, 200])
        }
    });
    encode(&DynamicImage::ImageRgb8(img), image::ImageFormat::Jpeg)
}

fn page() -> DynamicImage {
    let img: RgbImage = ImageBuffer::from_fn(1240, 1754, |x, y| {
        let ink = (y / 24) % 2 == 0 && (y % 24) < 14 && (x / 9) % 3 != 0 && (x % 9) < 6 && x > 60 && x < 1180;
        if ink { Rgb([20, 20, 20]) } else { Rgb([250, 250, 250]) }
    });
    DynamicImage::ImageRgb8(img)
}

fn pdf() -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![Object::from(page)], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = encode(&DynamicImage::ImageRgb8(RgbImage::new(1, 1)), image::ImageFormat::Png);
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let mut crc = 0xFFFF_FFFFu32;
    for &b in &bytes[12..29] {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    bytes[29..33].copy_from_slice(&(!crc).to_be_bytes());
    bytes
}

async fn upload(c: &reqwest::Client, s: &Server, app: &str, field: &str, name: &str, bytes: Vec<u8>) -> (u16, String) {
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    let res = c.post(format!("{}/upload/{app}/{field}", s.base)).multipart(form).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn applicant_with_application(s: &Server, account: &str) -> (reqwest::Client, String) {
    let c = client();
    let (status, body) = call(&c, s, "login", &[("account", account), ("password", "Zhiping@2026")]).await;
    assert_eq!(status, 200, "{body}");
    let form = [("level", "associate_senior"), ("series", "高等学校教育管理研究"), ("specialty", "高等教育管理"), ("unit_id", "org-unit-xju")];
    let (status, body) = call(&c, s, "start_application", &form).await;
    assert_eq!(status, 200, "{body}");
    (c, serde_json::from_str::<String>(&body).unwrap())
}

async fn register_applicant(s: &Server, first17: &str) -> String {
    let id = id_with_check(first17);
    let form = [
        ("name", "热依拉·测试"),
        ("id_number", id.as_str()),
        ("phone", "13991000777"),
        ("email", "r@example.cn"),
        ("password", "Zhiping@2026"),
        ("password2", "Zhiping@2026"),
    ];
    let (status, body) = call(&client(), s, "register", &form).await;
    assert_eq!(status, 200, "{body}");
    id
}

#[tokio::test]
async fn good_files_are_kept_and_bad_ones_refused_with_their_reason() {
    let s = start().await;
    let (c, app) = applicant_with_application(&s, "shenbao").await;

    let photo = portrait();
    let (status, body) = upload(&c, &s, &app, "photo", "证件照.jpg", photo.clone()).await;
    assert_eq!(status, 200, "{body}");
    let ok: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!((ok["width"].as_u64(), ok["height"].as_u64()), (Some(413), Some(579)));

    let (status, body) = upload(&c, &s, &app, "id_card_scan", "身份证.pdf", pdf()).await;
    assert_eq!(status, 200, "{body}");

    let refusals: Vec<(&str, Vec<u8>, &str)> = vec![
        ("id_card_scan", encode(&page().blur(6.0), image::ImageFormat::Png), "UploadRefusedBlurred"),
        ("id_card_scan", b"\x7fELF\x02\x01\x01\x00 a program renamed .pdf".to_vec(), "UploadRefusedKind"),
        ("id_card_scan", pdf()[..200].to_vec(), "UploadRefusedPdf"),
        ("id_card_scan", png_claiming(30_000, 30_000), "UploadRefusedPixels"),
        ("photo", encode(&DynamicImage::ImageLuma8(image::load_from_memory(&photo).unwrap().to_luma8()), image::ImageFormat::Png), "UploadRefusedColour"),
        ("photo", pdf(), "UploadRefusedWrongKind"),
        ("id_card_scan", vec![b'%'; 11 * 1024 * 1024], "UploadRefusedTooLarge"),
    ];
    for (field, bytes, reason) in refusals {
        let (status, body) = upload(&c, &s, &app, field, "x.pdf", bytes).await;
        assert!(status == 422 && body.contains(reason), "{field}: {status} {body}");
    }
    let (status, _) = upload(&c, &s, &app, "password", "x.pdf", pdf()).await;
    assert_eq!(status, 422, "only slots of the materials take files");
}

#[tokio::test]
async fn files_come_back_only_to_those_who_may_see_them_and_never_as_active_content() {
    let s = start().await;
    let (owner, app) = applicant_with_application(&s, "shenbao").await;
    let (_, body) = upload(&owner, &s, &app, "id_card_scan", "身份证 正反面.pdf", pdf()).await;
    let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["attachment_id"].as_str().unwrap().to_string();

    let res = owner.get(format!("{}/files/{id}", s.base)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert!(h["content-disposition"].to_str().unwrap().starts_with("attachment; filename*=UTF-8''"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf());

    // a stranger, another unit's reviewer, and nobody at all: nothing, and no hint it exists
    let stranger = client();
    register_applicant(&s, "65010219910303222").await;
    call(&stranger, &s, "login", &[("account", &id_with_check("65010219910303222")), ("password", "Zhiping@2026")]).await;
    assert_eq!(stranger.get(format!("{}/files/{id}", s.base)).send().await.unwrap().status().as_u16(), 404);
    let (status, _) = upload(&stranger, &s, &app, "photo", "p.jpg", portrait()).await;
    assert_eq!(status, 403, "nobody uploads into another person's application");
    let other_unit = client();
    call(&other_unit, &s, "login", &[("account", "danwei2"), ("password", "Zhiping@2026")]).await;
    assert_eq!(other_unit.get(format!("{}/files/{id}", s.base)).send().await.unwrap().status().as_u16(), 404);
    assert_eq!(client().get(format!("{}/files/{id}", s.base)).send().await.unwrap().status().as_u16(), 401);
}

#[tokio::test]
async fn the_same_file_in_two_peoples_applications_is_flagged_not_refused() {
    let s = start().await;
    let (first, app1) = applicant_with_application(&s, "shenbao").await;
    let (_, body) = upload(&first, &s, &app1, "notice_result", "公示结果.pdf", pdf()).await;
    assert!(body.contains("\"same_file_elsewhere\":0"), "{body}");

    let id = register_applicant(&s, "65010219920404333").await;
    let (second, app2) = applicant_with_application(&s, &id).await;
    let (status, body) = upload(&second, &s, &app2, "notice_result", "公示结果.pdf", pdf()).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"same_file_elsewhere\":1"), "{body}");
}
