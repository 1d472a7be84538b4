//! Rounds (申报批次, issue 16) over HTTP: the demo's windows are public; a series whose round has
//! not opened refuses a start with the day it opens; a person applies once per round, and a
//! withdrawal spends it; after the window closes a draft cannot be submitted but a returned
//! application still can; the administrator's form checks each field and audits the change.

use crate::support::*;

const LAB: [(&str, &str); 6] = [
    ("level", "intermediate"),
    ("series", "高等学校实验技术"),
    ("specialty", "实验教学"),
    ("unit_id", "org-unit-xju"),
    ("current_level", "junior"),
    ("obtained_on", "2020-03-01"),
];

#[tokio::test]
async fn a_round_decides_when_and_how_often_a_person_applies() {
    let s = start().await;
    let (status, body) = call(&client(), &s, "rounds_overview", &[]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("高等学校实验技术") && body.contains("NotYet") && body.contains("\"Open\""), "{body}");

    // not open yet: refused at 评审系列, with the day it opens
    let c = login(&s, "shenbao").await;
    let (status, body) = call(&c, &s, "start_application", &LAB).await;
    assert!(refused(status, &body, "RoundNotOpenYet") && body.contains("\"series\""), "{body}");

    // the round's conditions, told at the start form before anything is filled: 副高级 asks for
    // 中级 five years by the reference date, and a current level is needed to judge that
    let too_soon = [
        ("level", "associate_senior"),
        ("series", "高等学校教育管理研究"),
        ("specialty", "高等教育管理"),
        ("unit_id", "org-unit-xju"),
        ("current_level", "intermediate"),
        ("obtained_on", "2024-03-01"),
    ];
    let (status, body) = call(&c, &s, "start_application", &too_soon).await;
    assert!(refused(status, &body, "UnmetTooFewYears") && body.contains("\"obtained_on\"") && body.contains("2029-03-01"), "{body}");
    let (status, body) = call(&c, &s, "start_application", &too_soon[..4]).await;
    assert!(refused(status, &body, "\"current_level\"") && body.contains("Required"), "{body}");

    // the open round: one application, in the round's year
    let (c, app) = applicant_with_application(&s, "shenbao").await;
    let store = s.store().await;
    let row = store.application(&app).await.unwrap().unwrap();
    let round = store.round(&row.round_id).await.unwrap().expect("the application is in the demo's round");
    assert_eq!(row.evaluation_year, i64::from(round.round.year));
    let form = form_of(&c, &s, &app).await;
    assert_eq!(
        form["basis"]["reference_date"],
        serde_json::json!(round.round.reference_date),
        "the form counts to the round's reference date"
    );
    assert_eq!(form["basis"]["conditions"], serde_json::json!(round.round.conditions), "and judges by its conditions");

    // withdrawn (视为放弃申报): no fresh application in the same round
    set_status(&s, &app, "withdrawn").await;
    let again = START;
    let (status, body) = call(&c, &s, "start_application", &again).await;
    assert!(refused(status, &body, "RoundAlreadyApplied") && body.contains("\"series\""), "{body}");

    // a title certified in an earlier year's round is no bar to this year's
    sqlx::query("UPDATE applications SET status = 'certified', evaluation_year = evaluation_year - 1, round_id = '' WHERE id = $1")
        .bind(&app)
        .execute(store.pool())
        .await
        .unwrap();
    let (status, body) = call(&c, &s, "start_application", &again).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn after_the_close_a_draft_waits_and_a_returned_application_goes_on() {
    let s = start().await;
    let (c, draft) = applicant_with_application(&s, "shenbao").await;
    fill_complete(&c, &s, &draft).await;
    let other = register_applicant(&s, "65010219920202123").await;
    let (c2, returned) = applicant_with_application(&s, &other).await;
    fill_complete(&c2, &s, &returned).await;
    set_status(&s, &returned, "returned").await;
    let store = s.store().await;
    sqlx::query("UPDATE applications SET due_at = $1 WHERE id = $2")
        .bind(i64::MAX / 2)
        .bind(&returned)
        .execute(store.pool())
        .await
        .unwrap();

    // the administrator closes the round yesterday
    let round = store.round(&store.application(&draft).await.unwrap().unwrap().round_id).await.unwrap().unwrap();
    let admin = login(&s, "admin").await;
    let yesterday = app::domain::instant::Instant(now_ms() - 86_400_000).beijing_date();
    let yesterday = app::domain::instant::iso_date(yesterday);
    let year = round.round.year.to_string();
    let reference = app::domain::instant::iso_date(round.round.reference_date);
    let mut form = vec![
        ("id", round.round.id.as_str()),
        ("series_id", round.series_id.as_str()),
        ("region_id", round.round.region_id.as_str()),
        ("year", year.as_str()),
        ("opens_on", "2026-11-01"),
        ("submit_by", "2026-10-01"),
        ("reference_date", reference.as_str()),
    ];
    let (status, body) = call(&admin, &s, "save_round", &form).await;
    assert!(refused(status, &body, "RoundSubmitBeforeOpen") && body.contains("\"submit_by\""), "{body}");
    let (status, body) = call(&c, &s, "save_round", &form).await;
    assert!((400..500).contains(&status), "an applicant may not change a round: {body}");
    form[4] = ("opens_on", "2000-01-01");
    form[5] = ("submit_by", yesterday.as_str());
    let (status, body) = call(&admin, &s, "save_round", &form).await;
    assert_eq!(status, 200, "{body}");

    let (status, body) = call(&c, &s, "submit_application", &[("id", &draft), ("key", "rounds-test-key-000000001")]).await;
    assert!(refused(status, &body, "RoundClosed"), "{body}");
    assert_eq!(status_of(&s, &draft).await, "draft", "nothing spent");
    let (status, body) = call(&c2, &s, "submit_application", &[("id", &returned), ("key", "rounds-test-key-000000002")]).await;
    assert_eq!(status, 200, "a returned application keeps its 48 hours after the close: {body}");
    let actions: Vec<String> = store.audit_of(&format!("round:{}", round.round.id)).await.unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["change_round"]);
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}
