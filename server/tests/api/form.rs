//! The application form over HTTP, without a browser (issue 3): every rule the page checks live
//! is enforced again by the server functions — unreadable values, vague words, dates before the
//! post, the pledge scribble, submitting incomplete, and submitting twice.

use crate::support::*;
use app::files::fixtures::pdf;

#[tokio::test]
async fn values_are_checked_by_the_server_and_nothing_readable_is_lost() {
    let s = start().await;
    let (c, app) = applicant_with_application(&s, "shenbao").await;
    let v = version(&c, &s, &app).await;

    // an unreadable date is refused at its field; the other value of the same save is kept
    let (status, body) =
        save(&c, &s, &app, "qualification", v, &[("obtained_on", "2024-02-30"), ("current_title", "助理研究员")], None).await;
    assert_ne!(status, 200);
    assert!(body.contains("obtained_on") && body.contains("BadDate"), "{body}");
    let form = form_of(&c, &s, &app).await;
    assert_eq!(form["materials"]["qualification"]["current_title"], "助理研究员");

    // a vague word is kept (nothing typed is lost) and named by the completeness check
    let v = version(&c, &s, &app).await;
    let (status, body) = save(&c, &s, &app, "basic", v, &[("political_conduct", "表现基本上良好")], None).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"word\":\"基本上\""), "{body}");

    // a date before the post: kept, flagged with the date and the limit
    let v = version(&c, &s, &app).await;
    save(&c, &s, &app, "qualification", v, &[("obtained_on", "2024-03-01")], None).await;
    let v = version(&c, &s, &app).await;
    save(&c, &s, &app, "work", v, &[], Some("achievements:add")).await;
    let v = version(&c, &s, &app).await;
    let (_, body) = save(&c, &s, &app, "work", v, &[("achieved_on-0", "2023-12-31")], None).await;
    assert!(body.contains("BeforeCurrentPost") && body.contains("2023") && body.contains("2024"), "{body}");

    // a field of another section, an item that does not exist, a list op on a stale page
    let v = version(&c, &s, &app).await;
    let (_, body) = save(&c, &s, &app, "basic", v, &[("current_title", "x")], None).await;
    assert!(body.contains("BadNoSuchField"), "{body}");
    let (_, body) = save(&c, &s, &app, "education", v, &[("school-7", "x")], None).await;
    assert!(body.contains("BadNoSuchField"), "{body}");
    let (_, body) = save(&c, &s, &app, "work", v - 1, &[], Some("achievements:remove:0")).await;
    assert!(body.contains("StaleVersion"), "{body}");
    assert_eq!(form_of(&c, &s, &app).await["materials"]["work"]["achievements"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_pledge_must_be_written_out_and_submission_waits_for_everything() {
    let s = start().await;
    let (c, app) = applicant_with_application(&s, "shenbao").await;
    for (strokes, reason) in
        [("[]", "SignatureEmpty"), ("[[[10,10],[20,20]],[[30,30],[40,40]]]", "SignatureTooFewStrokes"), ("not json", "SignatureMalformed")]
    {
        let (status, body) = call(&c, &s, "sign_pledge", &[("id", &app), ("strokes", strokes)]).await;
        assert!((400..500).contains(&status) && body.contains(reason), "{strokes}: {status} {body}");
    }
    let key = "k".repeat(32);
    let (status, body) = call(&c, &s, "submit_application", &[("id", &app), ("key", &key)]).await;
    assert!((400..500).contains(&status) && body.contains("SubmitIncomplete"), "{body}");
    assert_eq!(form_of(&c, &s, &app).await["status"], "Draft");
}

#[tokio::test]
async fn a_complete_application_submits_once_per_key_and_is_then_read_only() {
    let s = start().await;
    let (c, app) = applicant_with_application(&s, "shenbao").await;
    fill_complete(&c, &s, &app).await;
    let form = form_of(&c, &s, &app).await;
    assert_eq!(missing_count(&form), 0, "{}", form["missing"]);
    assert_eq!(form["submissions_left"], 3);

    let key = "a".repeat(32);
    let args = [("id", app.as_str()), ("key", key.as_str())];
    let (first, second) = tokio::join!(call(&c, &s, "submit_application", &args), call(&c, &s, "submit_application", &args));
    assert_eq!((first.0, first.1.as_str()), (200, "1"));
    assert_eq!((second.0, second.1.as_str()), (200, "1"), "the same key spends nothing more");
    // a second tab has its own key: the application is no longer a draft
    let (status, body) = call(&c, &s, "submit_application", &[("id", &app), ("key", &"b".repeat(32))]).await;
    assert!((400..500).contains(&status) && body.contains("DeniedState"), "{body}");
    let form = form_of(&c, &s, &app).await;
    assert_eq!(
        (form["status"].as_str(), form["submissions_left"].as_u64(), form["editable"].as_bool()),
        (Some("UnitReview"), Some(2), Some(false))
    );

    let v = form["version"].as_i64().unwrap();
    let (_, body) = save(&c, &s, &app, "basic", v, &[("unit", "别的单位")], None).await;
    assert!(body.contains("NotEditable"), "{body}");
    let (status, _) = upload(&c, &s, &app, "notice_result", "x.pdf", pdf(1)).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn nobody_reads_or_writes_another_persons_application() {
    let s = start().await;
    let (_, app) = applicant_with_application(&s, "shenbao").await;
    let other = register_applicant(&s, "65010219910303222").await;
    let stranger = client();
    call(&stranger, &s, "login", &[("account", &other), ("password", "Zhiping@2026")]).await;
    let (status, body) = call(&stranger, &s, "application_form", &[("id", &app)]).await;
    assert!((400..500).contains(&status) && body.contains("ApplicationNotFound"), "{body}");
    let (_, body) = save(&stranger, &s, &app, "basic", 0, &[("unit", "x")], None).await;
    assert!(body.contains("ApplicationNotFound"), "{body}");
    let (_, body) = call(&stranger, &s, "sign_pledge", &[("id", &app), ("strokes", &written_strokes(12))]).await;
    assert!(body.contains("ApplicationNotFound"), "{body}");
    let (status, body) = call(&client(), &s, "application_form", &[("id", &app)]).await;
    assert!((400..500).contains(&status) && body.contains("Unauthenticated"), "{body}");
}

#[tokio::test]
async fn a_plain_form_upload_comes_back_to_its_field_with_the_reason() {
    let s = start().await;
    let (c, app) = applicant_with_application(&s, "shenbao").await;
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(b"not a pdf".to_vec()).file_name("x.pdf"));
    let res = c.post(format!("{}/upload/{app}/id_card_scan", s.base)).header("Accept", "text/html").multipart(form).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], format!("/applications/{app}/basic#id_card_scan"));
    assert!(res.headers()["set-cookie"].to_str().unwrap().starts_with("zp_upload="));
}

#[tokio::test]
async fn level_series_and_unit_change_only_while_unsubmitted() {
    let s = start().await;
    let (c, app) = applicant_with_application(&s, "shenbao").await;
    let v = version(&c, &s, &app).await.to_string();
    let change = |level: &'static str, v: String| {
        let app = app.clone();
        let c = c.clone();
        let base = s.base.clone();
        async move {
            let form = [
                ("id", app.as_str()),
                ("version", v.as_str()),
                ("level", level),
                ("series", "高等学校教育管理研究"),
                ("specialty", "教育管理"),
                ("unit_id", "org-unit-xju"),
            ];
            let res =
                c.post(format!("{base}/api/change_application")).header("Accept", "application/json").form(&form).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (status, body) = change("intermediate", v.clone()).await;
    assert_eq!(status, 200, "{body}");
    let form = form_of(&c, &s, &app).await;
    assert_eq!(
        (form["level"].as_str(), form["materials"]["level"].as_str(), form["specialty"].as_str()),
        (Some("Intermediate"), Some("Intermediate"), Some("教育管理"))
    );
    let (_, body) = change("senior", v).await;
    assert!(body.contains("StaleVersion"), "a stale page changes nothing: {body}");
    let (_, body) = change("nonsense", form["version"].as_i64().unwrap().to_string()).await;
    assert!(body.contains("\"level\""), "{body}");
}

#[tokio::test]
async fn a_barred_applicant_cannot_start_and_is_told_until_when() {
    let s = start().await;
    let store = s.store().await;
    let user = store.user_by_account("shenbao").await.unwrap().unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let ban = app::store::NewPenalty {
        id: "p1",
        subject: app::domain::penalties::Subject::Applicant,
        subject_id: &user.id,
        application_id: None,
        evidence: "伪造学历证书",
        found_by: "office",
        found_at: now,
        until_at: now + 3 * 365 * 86_400_000,
    };
    store.insert_penalty(&ban).await.unwrap();
    let c = client();
    call(&c, &s, "login", &[("account", "shenbao"), ("password", "Zhiping@2026")]).await;
    let form = [
        ("level", "intermediate"),
        ("series", "高等学校教育管理研究"),
        ("specialty", "高等教育管理"),
        ("unit_id", "org-unit-xju"),
        ("current_level", "junior"),
        ("obtained_on", "2020-03-01"),
    ];
    let (status, body) = call(&c, &s, "start_application", &form).await;
    let free_on = app::domain::instant::iso_date(app::domain::instant::Instant(ban.until_at).beijing_date());
    assert!((400..500).contains(&status) && body.contains("ApplicantBarred") && body.contains(&free_on), "{body}");
}
