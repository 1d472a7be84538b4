//! Uploads and downloads over HTTP (SPEC rule 5): every bad file refused with its reason, good
//! ones stored and served back safely, and nobody reading another person's files by guessing ids.

use crate::support::*;
use app::files::fixtures::{blurred_page_png, encode, pdf as pdf_pages, photo_jpeg as portrait, png_claiming, EXECUTABLE};
use image::DynamicImage;

fn pdf() -> Vec<u8> {
    pdf_pages(1)
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
        ("id_card_scan", blurred_page_png(), "UploadRefusedBlurred"),
        ("id_card_scan", EXECUTABLE.to_vec(), "UploadRefusedKind"),
        ("id_card_scan", pdf()[..200].to_vec(), "UploadRefusedPdf"),
        ("id_card_scan", png_claiming(30_000, 30_000), "UploadRefusedPixels"),
        (
            "photo",
            encode(&DynamicImage::ImageLuma8(image::load_from_memory(&photo).unwrap().to_luma8()), image::ImageFormat::Png),
            "UploadRefusedColour",
        ),
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
