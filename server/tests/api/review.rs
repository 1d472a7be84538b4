//! The review chain over HTTP, without a browser (issue 4): the whole chain from submission to a
//! withdrawal nobody clicked, the live stream, the authorisation matrix of every review server
//! function and route, and fifty simultaneous identical decisions.

use std::time::Duration;

use crate::support::*;
use app::files::fixtures::pdf;
use serde_json::Value;

const DAY_MS: i64 = 24 * 3600 * 1000;

async fn review(c: &reqwest::Client, s: &Server, app: &str) -> (u16, String) {
    call(c, s, "review_application", &[("id", app)]).await
}

async fn current_version(s: &Server, app: &str) -> i64 {
    s.store().await.application(app).await.unwrap().unwrap().version
}

async fn decide(
    c: &reqwest::Client,
    s: &Server,
    app: &str,
    version: i64,
    action: &str,
    opinion: &str,
    items: &[(&str, &str)],
) -> (u16, String) {
    let version = version.to_string();
    let keys: Vec<(String, String)> = items.iter().enumerate().map(|(i, _)| (format!("at[i{i}]"), format!("note[i{i}]"))).collect();
    let mut form: Vec<(&str, &str)> = vec![("id", app), ("version", &version), ("action", action), ("opinion", opinion)];
    for ((at, note), (place, text)) in keys.iter().zip(items) {
        form.push((at, place));
        form.push((note, text));
    }
    call(c, s, "decide", &form).await
}

async fn upload_unit_file(c: &reqwest::Client, s: &Server, app: &str, field: &str) -> u16 {
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(pdf(1)).file_name("公示.pdf"));
    c.post(format!("{}/review-upload/{app}/{field}", s.base)).multipart(form).send().await.unwrap().status().as_u16()
}

async fn submitted(s: &Server) -> (reqwest::Client, String) {
    let (applicant, app) = applicant_with_application(s, "shenbao").await;
    fill_complete(&applicant, s, &app).await;
    let (status, body) = call(&applicant, s, "submit_application", &[("id", &app), ("key", "first-submission-key-0001")]).await;
    assert_eq!(status, 200, "{body}");
    (applicant, app)
}

/// Reads the event stream until a `change` for `app` arrives (or `within` passes).
async fn next_change(res: &mut reqwest::Response, app: &str, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    let mut seen = String::new();
    while tokio::time::Instant::now() < deadline {
        match tokio::time::timeout_at(deadline, res.chunk()).await {
            Ok(Ok(Some(bytes))) => {
                seen.push_str(&String::from_utf8_lossy(&bytes));
                if seen.contains("event: change") && seen.contains(app) {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

#[tokio::test]
async fn the_chain_from_submission_to_a_withdrawal_nobody_clicked() {
    let s = start().await;
    let unit = login(&s, "danwei").await;
    // the unit reviewer's live stream hears the submission
    let mut stream = unit.get(format!("{}/events", s.base)).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    let (_, app) = submitted(&s).await;
    assert!(next_change(&mut stream, &app, Duration::from_secs(2)).await, "no live event within 2 s");
    assert_eq!(client().get(format!("{}/events", s.base)).send().await.unwrap().status(), 401);

    // the public notice: started by the unit, readable by anyone, no ID number, objections recorded
    let (status, body) = decide(&unit, &s, &app, current_version(&s, &app).await, "start_notice", "", &[]).await;
    assert_eq!((status, body.as_str()), (200, "\"UnitNotice\""));
    let anyone = client();
    let res = anyone.get(format!("{}/api/public_notice?id={app}", s.base)).send().await.unwrap();
    let (status, body) = (res.status().as_u16(), res.text().await.unwrap());
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("古丽米拉") && !body.contains("650102198506152024") && body.contains("拥护党的路线方针政策"), "{body}");
    let (status, body) =
        call(&anyone, &s, "lodge_objection", &[("id", &app), ("name", "李四"), ("contact", "13800000000"), ("body", "")]).await;
    assert!(status >= 400 && body.contains("body") && body.contains("Required"), "{body}");
    let objection = [("id", app.as_str()), ("name", "李四"), ("contact", "13800000000"), ("body", "论文发表时间有误")];
    assert_eq!(call(&anyone, &s, "lodge_objection", &objection).await.0, 200);
    let (_, body) = review(&unit, &s, &app).await;
    let seen: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(seen["objections"][0]["body"], "论文发表时间有误");
    assert_eq!((seen["objections"][0]["contact"].as_str(), seen["may_handle_objections"].as_bool()), (Some("13800000000"), Some(true)));
    let objection = seen["objections"][0]["id"].as_str().unwrap().to_string();

    // not before the end of the 5th working day; a wrong pledge and missing stamped files refused
    let right = "经审核，本单位已对古丽米拉·艾买提提供的申报材料逐一审核，真实准确，同意推荐。";
    let (_, body) = decide(&unit, &s, &app, current_version(&s, &app).await, "unit_recommend", right, &[]).await;
    assert!(body.contains("NoticeNotOver"), "{body}");
    advance_clock(&s, 10 * DAY_MS).await;
    // ten days on every session has ended: people sign in again
    let (applicant, unit) = (login(&s, "shenbao").await, login(&s, "danwei").await);
    // an objection without a recorded handling holds the recommendation back (issue 16)
    let (_, body) = decide(&unit, &s, &app, current_version(&s, &app).await, "unit_recommend", right, &[]).await;
    assert!(body.contains("ObjectionsUnhandled"), "{body}");
    let handle = |c: &reqwest::Client, findings: &'static str, outcome: &'static str| {
        let fields = [("id", app.clone()), ("objection", objection.clone()), ("findings", findings.into()), ("outcome", outcome.into())];
        let (c, s) = (c.clone(), &s);
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(&c, s, "handle_objection", &fields).await
        }
    };
    let (status, _) = handle(&login(&s, "zhuguan").await, "核实", "不成立").await;
    assert!(status >= 400, "only the unit whose notice it is handles it: {status}");
    let (status, body) = handle(&unit, " ", "异议不成立").await;
    assert!(status >= 400 && body.contains(&format!("findings-{objection}")) && body.contains("Required"), "{body}");
    let found = "经核实，论文录用日期早于检索证明日期，材料真实";
    let (status, body) = handle(&unit, found, "异议不成立，已电话告知异议人").await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = handle(&unit, found, "再次处理").await;
    assert!(body.contains("ObjectionAlreadyHandled"), "each objection is handled once: {body}");
    let (_, body) = review(&unit, &s, &app).await;
    let seen: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (seen["objections"][0]["findings"].as_str(), seen["objections"][0]["outcome"].as_str()),
        (Some(found), Some("异议不成立，已电话告知异议人"))
    );
    let (_, body) = decide(&unit, &s, &app, current_version(&s, &app).await, "unit_recommend", "同意推荐", &[]).await;
    assert!(body.contains("PledgeMissing") && body.contains("unit_notice_materials") && body.contains("unit_notice_result"), "{body}");
    assert_eq!(upload_unit_file(&applicant, &s, &app, "unit_notice_materials").await, 403, "only the unit uploads them");
    for field in ["unit_notice_materials", "unit_notice_result"] {
        assert_eq!(upload_unit_file(&unit, &s, &app, field).await, 200);
    }
    let (status, body) = decide(&unit, &s, &app, current_version(&s, &app).await, "unit_recommend", right, &[]).await;
    assert_eq!((status, body.as_str()), (200, "\"AuthorityReview\""));

    // the authority must give an opinion
    let authority = login(&s, "zhuguan").await;
    let (_, body) = review(&authority, &s, &app).await;
    let seen: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(seen["objections"][0]["outcome"], "异议不成立，已电话告知异议人", "the authority reads how it was handled");
    assert!(seen["objections"][0]["contact"] == "" && !body.contains("13800000000"), "but not who objected: {body}");
    let (_, body) = decide(&authority, &s, &app, current_version(&s, &app).await, "authority_recommend", " ", &[]).await;
    assert!(body.contains("OpinionEmpty"), "{body}");
    let (status, _) = decide(&authority, &s, &app, current_version(&s, &app).await, "authority_recommend", "同意推荐", &[]).await;
    assert_eq!(status, 200);

    // the office returns with one complete list; a place outside its section is refused
    let office = login(&s, "pingban").await;
    let bad = [("basic/chsi_report-0", "学信网报告")];
    let (_, body) = decide(&office, &s, &app, current_version(&s, &app).await, "office_return", "", &bad).await;
    assert!(body.contains("ReturnFieldNotInSection"), "{body}");
    let items = [("basic/photo", "请上传近期免冠彩色一寸照片"), ("publications/similarity_report-0", "相似性检测报告不清晰")];
    let (status, body) = decide(&office, &s, &app, current_version(&s, &app).await, "office_return", "请按要求修改", &items).await;
    assert_eq!((status, body.as_str()), (200, "\"Returned\""));
    let form = form_of(&applicant, &s, &app).await;
    assert_eq!((form["return_items"].as_array().unwrap().len(), form["submissions_left"].as_i64()), (2, Some(2)));
    assert!(form["due_at"].as_i64().unwrap() - form["server_now"].as_i64().unwrap() > 47 * 3600 * 1000);
    let outbox = s.store().await.outbox(50).await.unwrap();
    assert!(outbox.iter().any(|m| m.body.contains("退回修改") && m.recipient == "13991000001"), "{outbox:?}");

    // resubmitted in time: back at the office, one submission left; returned again and left alone
    let (status, _) = call(&applicant, &s, "submit_application", &[("id", &app), ("key", "second-submission-key-002")]).await;
    assert_eq!(status, 200);
    assert_eq!(form_of(&applicant, &s, &app).await["submissions_left"], 1);
    let (status, _) = decide(&office, &s, &app, current_version(&s, &app).await, "office_return", "", &items[..1]).await;
    assert_eq!(status, 200);
    advance_clock(&s, 47 * 3600 * 1000).await;
    assert_eq!(status_of(&s, &app).await, "returned");
    let outbox = s.store().await.outbox(50).await.unwrap();
    assert!(outbox.iter().any(|m| m.body.contains("剩余约2小时")), "the 2-hour reminder went out");
    advance_clock(&s, 3600 * 1000).await;
    let mut status = "";
    for _ in 0..50 {
        status = status_of(&s, &app).await;
        if status == "withdrawn" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, "withdrawn", "the sweeper withdraws it with nobody acting");
    let applicant = login(&s, "shenbao").await;
    let history = form_of(&applicant, &s, &app).await["history"].as_array().unwrap().clone();
    assert_eq!(history.last().unwrap()["role"], "System");

    // the chain verifies, from the command line
    let (verified, said) = s.verify_audit();
    // the application's 8 transitions, the objection's handling and the logins along the way, all in one chain
    let store = s.store().await;
    let logins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'login'").fetch_one(store.pool()).await.unwrap();
    assert_eq!(store.audit_of(&app).await.unwrap().len(), 9);
    assert!(verified && said.contains(&format!("intact: {} records", 9 + logins)), "{said}");
}

/// Issue 16, §(九): aid staff name their dispatching unit (原所在单位) at the start; its reviewers
/// get the application, the applicant's own unit does not, and the rest of the chain is the unit's.
#[tokio::test]
async fn an_aid_applicant_is_reviewed_by_the_dispatching_unit() {
    let s = start().await;
    let applicant = login(&s, "shenbao").await;
    let start_with = |aid: &'static str| {
        let (c, s) = (applicant.clone(), &s);
        async move {
            let form = [
                ("level", "associate_senior"),
                ("series", "高等学校教育管理研究"),
                ("specialty", "高等教育管理"),
                ("unit_id", "org-unit-xju"),
                ("aid_unit_id", aid),
                ("current_level", "intermediate"),
                ("obtained_on", "2020-03-01"),
            ];
            call(&c, s, "start_application", &form).await
        }
    };
    let (status, body) = start_with("org-unit-xjnu").await;
    assert!(refused(status, &body, "aid_unit_id") && body.contains("BadChoice"), "a unit of the region is not a dispatching unit: {body}");
    let (status, body) = start_with("org-dispatch-bnu").await;
    assert_eq!(status, 200, "{body}");
    let app: String = serde_json::from_str(&body).unwrap();
    let form = form_of(&applicant, &s, &app).await;
    assert_eq!((form["unit_id"].as_str(), form["aid_unit_id"].as_str()), (Some("org-unit-xju"), Some("org-dispatch-bnu")));
    assert_eq!(form["materials"]["aid"]["dispatching_unit"], "北京师范大学");
    let asked: Vec<&str> =
        form["missing"].as_array().unwrap().iter().filter(|m| m["section"] == "AidXinjiang").filter_map(|m| m["field"].as_str()).collect();
    assert_eq!(asked, ["aid_since", "aid_still_serving", "approval_proof"]);

    // while a draft, the applicant may stop being aid staff (their unit reviews, the 援疆 part
    // goes) and become it again
    for (aid, reviewer) in [("", "org-unit-xju"), ("org-dispatch-bnu", "org-dispatch-bnu")] {
        let v = version(&applicant, &s, &app).await.to_string();
        let form = [
            ("id", app.as_str()),
            ("version", &v),
            ("level", "associate_senior"),
            ("series", "高等学校教育管理研究"),
            ("specialty", "高等教育管理"),
            ("unit_id", "org-unit-xju"),
            ("aid_unit_id", aid),
        ];
        let (status, body) = call(&applicant, &s, "change_application", &form).await;
        assert_eq!(status, 200, "{body}");
        let row = s.store().await.application(&app).await.unwrap().unwrap();
        assert_eq!(row.reviewing_unit_id, reviewer);
        assert_eq!(form_of(&applicant, &s, &app).await["materials"]["aid"].is_null(), aid.is_empty());
    }

    set_status(&s, &app, "unit_review").await;
    let (dispatching, own) = (login(&s, "paichu").await, login(&s, "danwei").await);
    let (_, queue) = call(&dispatching, &s, "review_queue", &[]).await;
    assert!(queue.contains(&app), "the dispatching unit's queue holds it: {queue}");
    let (_, queue) = call(&own, &s, "review_queue", &[]).await;
    assert!(!queue.contains(&app), "the home unit's does not: {queue}");
    assert!(review(&own, &s, &app).await.0 >= 400, "nor may it read it");
    let (status, body) = decide(&dispatching, &s, &app, current_version(&s, &app).await, "start_notice", "", &[]).await;
    assert_eq!((status, body.as_str()), (200, "\"UnitNotice\""));
    // the rest of the chain is the unit's: its competent authority and region
    let row = s.store().await.application(&app).await.unwrap().unwrap();
    assert_eq!((row.authority_id.as_str(), row.home_unit()), ("org-authority-edu", "org-unit-xju"));
}

/// Who may do what at which step, written out from SPEC (not derived from the code under test).
#[tokio::test]
async fn every_review_function_and_route_allows_exactly_what_spec_allows() {
    let s = start().await;
    add_other_organisations(&s).await;
    let accounts = ["shenbao", "danwei", "danwei2", "zhuguan", "zhuguan2", "pingban", "pingban2", "pingwei", "renshe", "qianfa", "admin"];
    let mut clients = vec![];
    for a in accounts {
        clients.push((a, login(&s, a).await));
    }
    let (_applicant, app) = submitted(&s).await;
    #[allow(clippy::type_complexity)] // a table written out, read row by row below
    let steps: [(&str, &[(&str, &[&str])]); 3] = [
        // status → (account, actions it may take there)
        ("unit_review", &[("danwei", &["start_notice", "unit_decline"])]),
        ("authority_review", &[("zhuguan", &["authority_recommend", "authority_decline"])]),
        ("office_review", &[("pingban", &["office_pass", "office_return"])]),
    ];
    let actions = [
        "start_notice",
        "unit_recommend",
        "unit_decline",
        "authority_recommend",
        "authority_decline",
        "office_pass",
        "office_return",
        "submit",
    ];
    for (step, allowed) in steps {
        assert_eq!(status_of(&s, &app).await, step);
        let version = current_version(&s, &app).await;
        for (account, c) in &clients {
            let mine: &[&str] = allowed.iter().find(|(a, _)| a == account).map(|(_, acts)| *acts).unwrap_or(&[]);
            let sees = !mine.is_empty();
            let (status, body) = review(c, &s, &app).await;
            assert_eq!(status == 200, sees, "{step}: {account} reading: {body}");
            // the queue (page and CSV) holds it exactly for those who may act on it
            let (status, body) = call(c, &s, "review_queue", &[]).await;
            let is_reviewer = ["danwei", "danwei2", "zhuguan", "zhuguan2", "pingban", "pingban2"].contains(account);
            assert_eq!(status == 200, is_reviewer, "{account} queue: {body}");
            assert_eq!(body.contains(&app), sees, "{step}: {account} queue");
            let csv = c.get(format!("{}/review/export.csv", s.base)).send().await.unwrap();
            assert_eq!(csv.status() == 200, is_reviewer, "{account} csv");
            assert_eq!(csv.text().await.unwrap().contains("古丽米拉"), sees, "{step}: {account} csv");
            for action in actions {
                if mine.contains(&action) {
                    // allowed: proven without taking it, by presenting an older version
                    let (_, body) = decide(c, &s, &app, version - 1, action, "意见", &[("basic", "意见")]).await;
                    assert!(body.contains("DecisionStale"), "{step}: {account} {action}: {body}");
                } else {
                    let (status, body) = decide(c, &s, &app, version, action, "意见", &[("basic", "意见")]).await;
                    assert!(status >= 400, "{step}: {account} {action} was allowed: {body}");
                }
            }
            assert_eq!(upload_unit_file(c, &s, &app, "unit_notice_materials").await, 403, "{step}: {account} unit file");
        }
        assert_eq!(status_of(&s, &app).await, step, "nothing moved it");
        assert_eq!(current_version(&s, &app).await, version);
        // move it on, as its reviewer does
        let next: &[(&str, &str, &str)] = match step {
            "unit_review" => &[("danwei", "start_notice", "")],
            "authority_review" => &[("zhuguan", "authority_recommend", "同意推荐")],
            _ => &[],
        };
        for (account, action, opinion) in next {
            let c = &clients.iter().find(|(a, _)| a == account).unwrap().1;
            let (status, body) = decide(c, &s, &app, current_version(&s, &app).await, action, opinion, &[]).await;
            assert_eq!(status, 200, "{body}");
        }
        if step == "unit_review" {
            // during the notice only the unit may upload the stamped files and recommend
            let danwei = &clients[1].1;
            for (account, c) in &clients {
                let want = if *account == "danwei" { 200 } else { 403 };
                assert_eq!(upload_unit_file(c, &s, &app, "unit_notice_result").await, want, "{account}");
            }
            upload_unit_file(danwei, &s, &app, "unit_notice_materials").await;
            advance_clock(&s, 10 * DAY_MS).await;
            // ten days on every session has ended: everyone signs in again
            for (account, c) in clients.iter_mut() {
                *c = login(&s, account).await;
            }
            let danwei = &clients[1].1;
            let pledge = "本单位已对古丽米拉·艾买提提供的申报材料逐一审核，真实准确，同意推荐";
            let (status, body) = decide(danwei, &s, &app, current_version(&s, &app).await, "unit_recommend", pledge, &[]).await;
            assert_eq!(status, 200, "{body}");
        }
    }

    // fifty identical decisions at once: exactly one is recorded, the others are told
    let office = clients.iter().find(|(a, _)| *a == "pingban").unwrap().1.clone();
    let version = current_version(&s, &app).await;
    let mut tasks = vec![];
    for _ in 0..50 {
        let (c, base, app) = (office.clone(), s.base.clone(), app.clone());
        tasks.push(tokio::spawn(async move {
            let form = [("id", app.as_str()), ("version", &version.to_string()), ("action", "office_pass"), ("opinion", "")];
            let res = c.post(format!("{base}/api/decide")).header("Accept", "application/json").form(&form).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }));
    }
    let mut ok = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        if status == 200 {
            ok += 1;
        } else {
            assert!(body.contains("DecisionStale"), "{body}");
        }
    }
    assert_eq!(ok, 1);
    let passes = s.store().await.audit_of(&app).await.unwrap().into_iter().filter(|r| r.action == "office_pass").count();
    assert_eq!(passes, 1);
}

/// A second authority and a second office with a reviewer each (the demo has one of each).
async fn add_other_organisations(s: &Server) {
    use app::domain::admin::OrgKind;
    add_org(s, "org-authority-health", OrgKind::Authority, Some("org-region")).await;
    add_staff(s, "zhuguan2", "authority_reviewer", "org-authority-health").await;
    add_org(s, "org-office-2", OrgKind::Office, Some("org-region")).await;
    add_staff(s, "pingban2", "office_reviewer", "org-office-2").await;
}

#[tokio::test]
async fn only_the_administrator_edits_the_working_day_calendar() {
    let s = start().await;
    let day = [("day", "2027-02-08"), ("kind", "holiday"), ("note", "春节假期")];
    for account in ["shenbao", "danwei", "pingban"] {
        let (status, body) = call(&login(&s, account).await, &s, "save_calendar_day", &day).await;
        assert!(status >= 400 && body.contains("Forbidden"), "{account}: {body}");
    }
    let admin = login(&s, "admin").await;
    let (_, body) = call(&admin, &s, "save_calendar_day", &[("day", "2027-02-30"), ("kind", "holiday"), ("note", "x")]).await;
    assert!(body.contains("\"day\"") && body.contains("BadDate"), "{body}");
    assert_eq!(call(&admin, &s, "save_calendar_day", &day).await.0, 200);
    let calendar = s.store().await.work_calendar().await.unwrap();
    assert!(!calendar.is_working_day(time::macros::date!(2027 - 02 - 08)));
    assert_eq!(call(&admin, &s, "save_calendar_day", &[("day", "2027-02-08"), ("kind", "weekday")]).await.0, 200);
    assert!(s.store().await.work_calendar().await.unwrap().is_working_day(time::macros::date!(2027 - 02 - 08)));
}
