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
async fn the_same_file_in_two_peoples_applications_is_flagged_to_reviewers_only() {
    let s = start().await;
    let (first, app1) = applicant_with_application(&s, "shenbao").await;
    let (_, body) = upload(&first, &s, &app1, "notice_result", "公示结果.pdf", pdf()).await;
    assert!(!body.contains("elsewhere"), "{body}");

    let id = register_applicant(&s, "65010219920404333").await;
    let (second, app2) = applicant_with_application(&s, &id).await;
    let (status, body) = upload(&second, &s, &app2, "notice_result", "公示结果.pdf", pdf()).await;
    assert_eq!(status, 200, "{body}");
    // the uploader cannot test whether someone else holds a document (L9)
    assert!(!body.contains("elsewhere"), "{body}");
    let form = form_of(&second, &s, &app2).await;
    assert!(form["files"].as_object().unwrap().values().all(|f| f["elsewhere"] == 0), "{form}");
    // the unit's reviewer of a submitted application sees it
    set_status(&s, &app2, "unit_notice").await;
    let unit = login(&s, "danwei").await;
    let form = form_of(&unit, &s, &app2).await;
    assert!(form["files"].as_object().unwrap().values().any(|f| f["elsewhere"] == 1), "{form}");
}

#[tokio::test]
async fn an_application_keeps_a_bounded_number_of_files_and_replaced_ones_are_collected() {
    use app::domain::attachments::APPLICATION_MAX_FILES;
    let s = start().await;
    let (c, app) = applicant_with_application(&s, "shenbao").await;
    // the application already keeps as many files as it may (rows written directly: uploading
    // three hundred through HTTP proves nothing more)
    let store = s.store().await;
    for i in 0..APPLICATION_MAX_FILES - 1 {
        let row = app::store::AttachmentRow {
            id: app::store::new_id(),
            application_id: app.clone(),
            owner_id: "user-demo-shenbao".into(),
            field: "id_card_scan".into(),
            item: None,
            sha256: format!("{i:064x}"),
            kind: "pdf".into(),
            size: 1000,
            file_name: "old.pdf".into(),
            pages: Some(1),
            width: None,
            height: None,
            uploaded_at: 0,
        };
        store.insert_attachment(&row).await.unwrap();
    }
    let (status, body) = upload(&c, &s, &app, "id_card_scan", "身份证.pdf", pdf()).await;
    assert_eq!(status, 200, "the last one fits: {body}");
    let (status, body) = upload(&c, &s, &app, "id_card_scan", "身份证.pdf", pdf()).await;
    assert!(status == 422 && body.contains("UploadRefusedQuota") && body.contains("id_card_scan"), "{status} {body}");
    let (status, body) = call(&c, &s, "sign_pledge", &[("id", &app), ("strokes", "[]")]).await;
    assert!(refused(status, &body, "UploadRefusedQuota"), "signatures count too: {body}");

    // an hour on, the replaced files are collected and the one in its slot stays
    let res = reqwest::Client::new().post(format!("{}/__test/clock?ms={}", s.base, 2 * 3600 * 1000)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let mut usage = (0, 0);
    for _ in 0..50 {
        usage = store.attachment_usage(&app).await.unwrap();
        if usage.0 == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(usage.0, 1, "only the file in its slot is kept");
    let c = login(&s, "shenbao").await;
    let (status, body) = upload(&c, &s, &app, "photo", "证件照.jpg", portrait()).await;
    assert_eq!(status, 200, "room again: {body}");
    let scan = form_of(&c, &s, &app).await["materials"]["basic"]["id_card_scan"]["id"].as_str().unwrap().to_string();
    assert_eq!(c.get(format!("{}/files/{scan}", s.base)).send().await.unwrap().status().as_u16(), 200);
}
