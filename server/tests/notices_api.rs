//! Notices and conditions over HTTP: administrators write and publish, everyone reads what is
//! published, nobody else writes, and no link an author types can run script.

mod support;

use support::*;

#[tokio::test]
async fn only_administrators_write_and_only_published_notices_are_public() {
    let s = start().await;
    let admin = client();
    call(&admin, &s, "login", &[("account", "admin"), ("password", "Zhiping@2026")]).await;
    let body = "各有关单位：\n\n- 申报时间：6月1日至30日\n- 详见[评审条件](/notices)";
    let (status, id) = call(&admin, &s, "save_notice", &[("id", ""), ("kind", "notice"), ("title", "关于开展职称评审工作的通知"), ("body", body)]).await;
    assert_eq!(status, 200, "{id}");
    let id: String = serde_json::from_str(&id).unwrap();

    let public = client();
    let (_, list) = call(&public, &s, "notices", &[]).await;
    assert_eq!(list, "[]", "a draft is not public");
    let (status, _) = call(&public, &s, "notice", &[("id", &id)]).await;
    assert_ne!(status, 200);

    let (status, _) = call(&admin, &s, "save_notice", &[("id", &id), ("kind", "notice"), ("title", "关于开展职称评审工作的通知"), ("body", body), ("publish", "1")]).await;
    assert_eq!(status, 200);
    let (status, one) = call(&public, &s, "notice", &[("id", &id)]).await;
    assert_eq!(status, 200, "{one}");
    assert!(one.contains("\"Link\":{\"text\":\"评审条件\",\"url\":\"/notices\"}"), "{one}");

    let (_, refused) = call(&admin, &s, "save_notice", &[("id", ""), ("kind", "notice"), ("title", "x"), ("body", "[点我](javascript:alert(1))")]).await;
    assert!(refused.contains("NoticeBadLink"), "{refused}");

    let applicant = client();
    call(&applicant, &s, "login", &[("account", "shenbao"), ("password", "Zhiping@2026")]).await;
    let (status, body) = call(&applicant, &s, "save_notice", &[("id", &id), ("kind", "notice"), ("title", "改"), ("body", "改")]).await;
    assert!(status != 200 && body.contains("Forbidden"), "{body}");
    let (status, body) = call(&public, &s, "save_notice", &[("id", ""), ("kind", "notice"), ("title", "t"), ("body", "b")]).await;
    assert!(status != 200 && body.contains("Unauthenticated"), "{body}");
}
