//! Notices and conditions over HTTP: administrators write and publish, everyone reads what is
//! published, nobody else writes, and no link an author types can run script.

use crate::support::*;

#[tokio::test]
async fn only_administrators_write_and_only_published_notices_are_public() {
    let s = start().await;
    let admin = login(&s, "admin").await;
    let body = "各有关单位：\n\n- 申报时间：6月1日至30日\n- 详见[评审条件](/notices)";
    let (status, id) =
        call(&admin, &s, "save_notice", &[("id", ""), ("kind", "notice"), ("title", "关于开展职称评审工作的通知"), ("body", body)]).await;
    assert_eq!(status, 200, "{id}");
    let id: String = serde_json::from_str(&id).unwrap();

    let public = client();
    let (_, list) = call(&public, &s, "notices", &[]).await;
    assert_eq!(list, "[]", "a draft is not public");
    let (status, _) = call(&public, &s, "notice", &[("id", &id)]).await;
    assert_ne!(status, 200);

    let (status, _) = call(
        &admin,
        &s,
        "save_notice",
        &[("id", &id), ("kind", "notice"), ("title", "关于开展职称评审工作的通知"), ("body", body), ("publish", "1")],
    )
    .await;
    assert_eq!(status, 200);
    let (status, one) = call(&public, &s, "notice", &[("id", &id)]).await;
    assert_eq!(status, 200, "{one}");
    assert!(one.contains("\"Link\":{\"text\":\"评审条件\",\"url\":\"/notices\"}"), "{one}");

    let (_, refused) =
        call(&admin, &s, "save_notice", &[("id", ""), ("kind", "notice"), ("title", "x"), ("body", "[点我](javascript:alert(1))")]).await;
    assert!(refused.contains("NoticeBadLink"), "{refused}");

    let applicant = login(&s, "shenbao").await;
    let (status, body) = call(&applicant, &s, "save_notice", &[("id", &id), ("kind", "notice"), ("title", "改"), ("body", "改")]).await;
    assert!((400..500).contains(&status) && body.contains("Forbidden"), "{body}");
    let (status, body) = call(&public, &s, "save_notice", &[("id", ""), ("kind", "notice"), ("title", "t"), ("body", "b")]).await;
    assert!((400..500).contains(&status) && body.contains("Unauthenticated"), "{body}");
}

#[tokio::test]
async fn notice_files_are_checked_uploaded_by_administrators_and_downloaded_once_published() {
    use app::files::fixtures::{pdf, EXECUTABLE};
    let s = start().await;
    let admin = login(&s, "admin").await;
    let (_, id) = call(&admin, &s, "save_notice", &[("id", ""), ("kind", "conditions"), ("title", "评审条件"), ("body", "见附件")]).await;
    let id: String = serde_json::from_str(&id).unwrap();
    let send = |c: &reqwest::Client, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name("评审条件.pdf"));
        c.post(format!("{}/notice-files/{id}", s.base)).multipart(form).send()
    };
    let res = send(&admin, pdf(2)).await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let file: serde_json::Value = res.json().await.unwrap();
    let file_id = file["id"].as_str().unwrap().to_string();
    assert_eq!(send(&admin, EXECUTABLE.to_vec()).await.unwrap().status().as_u16(), 422, "checked like any attachment");

    let applicant = login(&s, "shenbao").await;
    assert_eq!(send(&applicant, pdf(1)).await.unwrap().status().as_u16(), 403);

    let public = client();
    let url = format!("{}/notice-file/{file_id}", s.base);
    assert_eq!(public.get(&url).send().await.unwrap().status().as_u16(), 404, "a draft's files are not public");
    call(&admin, &s, "save_notice", &[("id", &id), ("kind", "conditions"), ("title", "评审条件"), ("body", "见附件"), ("publish", "1")])
        .await;
    let res = public.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let (_, one) = call(&public, &s, "notice", &[("id", &id)]).await;
    assert!(one.contains(&file_id) && one.contains("评审条件.pdf"), "{one}");
}
