//! From the formal pass to the certificate over HTTP, against the real binary (issue 5): the fee
//! with forged and repeated gateway callbacks, a session whose member from the applicant's unit
//! neither sees nor votes, the results, filing after the notice, issuance, the PDF checked offline
//! by `zhiping verify-certificate` (and failing after one changed byte), the public verify and
//! query API, revocation, and the fraud finding's bans.

use crate::support::*;
use serde_json::Value;

const DAY_MS: i64 = 24 * 3600 * 1000;

async fn audit_count(s: &Server, app: &str, action: &str) -> i64 {
    let store = s.store().await;
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE application_id = $1 AND action = $2")
        .bind(app)
        .bind(action)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// The public verify function is a GET (its page can be linked and cached).
async fn verify(s: &Server, number: &str) -> (u16, String) {
    let res = reqwest::Client::new()
        .get(format!("{}/api/verify_certificate?number={number}", s.base))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// L11: a committee member reads the materials and the objections' text, but neither the ID-card
/// scan nor who objected; the office sees both.
async fn committee_sees_the_work_not_the_person(
    s: &Server,
    applicant: &reqwest::Client,
    office: &reqwest::Client,
    member: &reqwest::Client,
    app: &str,
) {
    let objection = app::store::ObjectionRow {
        id: app::store::new_id(),
        application_id: app.into(),
        name: "李四".into(),
        contact: "13800000000".into(),
        body: "论文发表时间有误".into(),
        client_ip: "127.0.0.1".into(),
        lodged_at: 0,
        findings: String::new(),
        outcome: String::new(),
        handled_by: String::new(),
        handled_at: None,
    };
    s.store().await.insert_objection(&objection).await.unwrap();
    let scan = form_of(applicant, s, app).await["materials"]["basic"]["id_card_scan"]["id"].as_str().unwrap().to_string();

    let (status, body) = call(member, s, "review_application", &[("id", app)]).await;
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["objections"][0]["body"], "论文发表时间有误");
    assert!(!body.contains("李四") && !body.contains("13800000000"), "who objected stays with the reviewing bodies: {body}");
    assert!(!body.contains(&scan) && v["form"]["withheld"][0] == "id_card_scan", "{body}");
    assert_eq!(member.get(format!("{}/files/{scan}", s.base)).send().await.unwrap().status().as_u16(), 404);

    let (_, body) = call(office, s, "review_application", &[("id", app)]).await;
    assert!(body.contains("李四") && body.contains("13800000000") && body.contains(&scan), "{body}");
    assert_eq!(office.get(format!("{}/files/{scan}", s.base)).send().await.unwrap().status().as_u16(), 200);
}

#[tokio::test]
async fn from_fee_to_a_verified_and_revoked_certificate() {
    let s = start().await;
    // the demo's second region (兵团: renshe2, qianfa2) must reach none of this one's work (M1)
    let (applicant, app) = formally_passed(&s).await;

    // --- fee: only the owner starts it; forged callbacks change nothing ---
    let office = login(&s, "pingban").await;
    let (status, _) = call(&office, &s, "start_payment", &[("id", &app)]).await;
    assert_ne!(status, 200, "the office does not pay");
    let (status, body) = call(&applicant, &s, "fee_view", &[("id", &app)]).await;
    assert_eq!(status, 200, "{body}");
    let fee: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(fee["payable"], true);
    assert_eq!(fee["amount_fen"], 30000);
    let (status, body) = call(&applicant, &s, "start_payment", &[("id", &app)]).await;
    assert_eq!(status, 200, "{body}");
    let url: String = serde_json::from_str(&body).unwrap();
    let order = url.rsplit('/').next().unwrap().to_string();
    assert!(url.starts_with("/gateway/pay/ZP"), "{url}");

    let callback = |fields: Vec<(&'static str, String)>| {
        let base = s.base.clone();
        async move { reqwest::Client::new().post(format!("{base}/payments/callback")).form(&fields).send().await.unwrap().status().as_u16() }
    };
    let forged = vec![
        ("order_id", order.clone()),
        ("amount_fen", "30000".into()),
        ("txn", "FORGED".into()),
        ("status", "paid".into()),
        ("signature", "00".repeat(32)),
    ];
    assert_eq!(callback(forged).await, 400, "a callback without the gateway's signature is refused");
    let unsigned = vec![
        ("order_id", order.clone()),
        ("amount_fen", "30000".into()),
        ("txn", "X".into()),
        ("status", "paid".into()),
        ("signature", String::new()),
    ];
    assert_eq!(callback(unsigned).await, 400);
    assert_eq!(status_of(&s, &app).await, "formal_passed", "nothing moved");
    // signed by the gateway, but for another amount, or while the application takes no fee
    let gateway = app::payments::LocalGateway::load_or_create(&s.data_dir().join("gateway.secret")).unwrap();
    let signed = |order: &str, amount_fen: i64| {
        let c = gateway.signed_callback(order, amount_fen, "TXN-SIGNED");
        vec![
            ("order_id", c.order_id),
            ("amount_fen", amount_fen.to_string()),
            ("txn", c.txn),
            ("status", c.status),
            ("signature", c.signature),
        ]
    };
    assert_eq!(callback(signed(&order, 1)).await, 400, "a signed callback for one fen pays nothing");
    // a second order (another tab), paid while the application takes no fee: nothing moves, and
    // the money is recorded as owed back
    let (_, body) = call(&applicant, &s, "start_payment", &[("id", &app)]).await;
    let other_order = serde_json::from_str::<String>(&body).unwrap().rsplit('/').next().unwrap().to_string();
    set_status(&s, &app, "unit_notice").await;
    assert_eq!(callback(signed(&other_order, 30000)).await, 409, "nor one for an application that takes no fee now");
    assert_eq!(audit_count(&s, &app, "pay_fee").await, 0, "no record of either");
    assert_eq!(s.store().await.payment(&other_order).await.unwrap().unwrap().status.as_str(), "refund_due");
    let page = applicant.get(format!("{}/gateway/pay/{other_order}", s.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("该订单已支付") && !page.contains("确认支付"), "no second 确认支付 for one order: {page}");
    set_status(&s, &app, "formal_passed").await;
    assert_eq!(status_of(&s, &app).await, "formal_passed", "nothing moved");

    // the built-in gateway's page is its payer's: a visitor is sent to log in, anyone else finds nothing
    let anonymous = client().get(format!("{}{url}", s.base)).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 303);
    let to_login = anonymous.headers()["location"].to_str().unwrap().to_string();
    assert!(to_login.starts_with("/login?next=/gateway/pay/ZP"), "{to_login}");
    let res = client().post(format!("{}{url}", s.base)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303, "an anonymous confirmation pays nothing");
    for other in [&office, &login(&s, "danwei").await] {
        assert_eq!(other.get(format!("{}{url}", s.base)).send().await.unwrap().status().as_u16(), 404);
        assert_eq!(other.post(format!("{}{url}", s.base)).send().await.unwrap().status().as_u16(), 404);
    }
    assert_eq!(status_of(&s, &app).await, "formal_passed", "nothing moved");

    // the payer's page, and its confirmation (signed callback) — twice
    let page = applicant.get(format!("{}{url}", s.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("¥300.00"), "{page}");
    for _ in 0..2 {
        let res = applicant.post(format!("{}{url}", s.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 303);
    }
    assert_eq!(status_of(&s, &app).await, "under_evaluation");
    assert_eq!(audit_count(&s, &app, "pay_fee").await, 1, "a repeated confirmation changes nothing");
    let (status, body) = call(&applicant, &s, "start_payment", &[("id", &app)]).await;
    assert!(refused(status, &body, "FeeNotPayable"), "paid once: {body}");

    // the receipt: the payer and the office, nobody else
    let receipt = applicant.get(format!("{}/payments/{order}/receipt", s.base)).send().await.unwrap();
    assert_eq!(receipt.status(), 200);
    assert!(receipt.bytes().await.unwrap().starts_with(b"%PDF-"));
    let unit = login(&s, "danwei").await;
    assert_ne!(unit.get(format!("{}/payments/{order}/receipt", s.base)).send().await.unwrap().status(), 200);
    assert_eq!(office.get(format!("{}/payments/{order}/receipt", s.base)).send().await.unwrap().status(), 200);

    // --- a session: pingwei (新疆师范大学), pingwei2 (新疆大学 = the applicant's unit), pingwei3 ---
    // held twenty days from now (the server's clock starts at the real time)
    let now_s = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let held_on = (time::OffsetDateTime::from_unix_timestamp(now_s).unwrap() + time::Duration::days(20)).date().to_string();
    let form = [
        ("name", "2026年度高教管理研究副高评审会"),
        ("date", held_on.as_str()),
        ("time", "09:30"),
        ("place", "乌鲁木齐市 自治区人才大厦 301"),
        ("rule_num", "2"),
        ("rule_den", "3"),
        ("member[m0]", "user-demo-pingwei"),
        ("member[m1]", "user-demo-pingwei2"),
        ("member[m2]", "user-demo-pingwei3"),
    ];
    let (status, body) = call(&unit, &s, "create_session", &form).await;
    assert!(refused(status, &body, "Forbidden"), "only the office: {body}");
    let (status, body) =
        call(&office, &s, "create_session", &[("name", ""), ("date", "2026-13-01"), ("time", "25:00"), ("place", "")]).await;
    assert!(refused(status, &body, "Invalid"), "{body}");
    for field in ["name", "date", "time", "place", "member"] {
        assert!(body.contains(&format!("\"field\":\"{field}\"")), "{field} named: {body}");
    }
    let (status, body) = call(&office, &s, "create_session", &form).await;
    assert_eq!(status, 200, "{body}");
    let session: String = serde_json::from_str(&body).unwrap();
    let (status, body) = call(&office, &s, "assign_to_session", &[("id", &session), ("app[a0]", &app)]).await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = call(&applicant, &s, "fee_view", &[("id", &app)]).await;
    assert!(body.contains("自治区人才大厦"), "the applicant sees where: {body}");

    let own_unit_member = login(&s, "pingwei2").await;
    let (status, body) = call(&own_unit_member, &s, "committee_session", &[("id", &session)]).await;
    assert_eq!(status, 200, "{body}");
    assert!(!body.contains(&app), "the member from the applicant's unit does not see it: {body}");
    let (status, body) = call(&own_unit_member, &s, "cast_vote", &[("session", &session), ("application", &app), ("vote", "pass")]).await;
    assert!(refused(status, &body, "ApplicationNotFound"), "nor vote: {body}");
    let (m1, m3) = (login(&s, "pingwei").await, login(&s, "pingwei3").await);
    let (status, body) = call(&m1, &s, "committee_session", &[("id", &session)]).await;
    assert!(status == 200 && body.contains(&app), "{body}");
    committee_sees_the_work_not_the_person(&s, &applicant, &office, &m1, &app).await;
    let (status, body) = call(&m1, &s, "cast_vote", &[("session", &session), ("application", &app), ("vote", "fail")]).await;
    assert!(refused(status, &body, "VoteReasonRequired"), "a fail vote needs its reason: {body}");
    for m in [&m1, &m3] {
        let (status, body) =
            call(m, &s, "cast_vote", &[("session", &session), ("application", &app), ("vote", "pass"), ("comment", "业绩突出")]).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = call(&applicant, &s, "cast_vote", &[("session", &session), ("application", &app), ("vote", "pass")]).await;
    assert!(refused(status, &body, "Forbidden"), "{body}");

    // close (2 of the 2 eligible pass; pingwei2 is outside the electorate) and publish
    let (status, body) = call(&office, &s, "publish_results", &[("id", &session)]).await;
    assert!(refused(status, &body, "SessionNotClosed"), "not before the voting closed: {body}");
    let (status, body) = call(&office, &s, "close_session", &[("id", &session)]).await;
    assert!(refused(status, &body, "SessionNotYetHeld"), "not before the session has met: {body}");
    // the day comes (a clock moved by three weeks ends every login: sign in again)
    advance_clock(&s, 21 * DAY_MS).await;
    let (office, m1) = (login(&s, "pingban").await, login(&s, "pingwei").await);
    let (status, body) = call(&office, &s, "close_session", &[("id", &session)]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(status_of(&s, &app).await, "evaluated");
    let (status, body) = call(&m1, &s, "cast_vote", &[("session", &session), ("application", &app), ("vote", "pass")]).await;
    assert!(refused(status, &body, "SessionNotOpen"), "closed: {body}");
    let (status, body) = call(&office, &s, "publish_results", &[("id", &session)]).await;
    assert_eq!(status, 200, "{body}");
    let results = reqwest::get(format!("{}/api/public_results", s.base)).await.unwrap().text().await.unwrap();
    assert!(results.contains("古丽米拉") && results.contains("\"Pass\""), "{results}");

    // --- filing: not before 5 working days of public results ---
    let hr = login(&s, "renshe").await;
    let (status, body) = call(&hr, &s, "file_results", &[("session", &session), ("all", "1")]).await;
    assert!(refused(status, &body, "ResultNoticeNotOver"), "{body}");
    advance_clock(&s, 10 * DAY_MS).await;
    let results = reqwest::get(format!("{}/api/public_results", s.base)).await.unwrap().text().await.unwrap();
    assert!(!results.contains("古丽米拉"), "the notice over, the results leave the public page (L6): {results}");
    // another region's HR department neither sees nor files this region's results
    let hr2 = login(&s, "renshe2").await;
    let (status, body) = call(&hr2, &s, "filing_overview", &[]).await;
    assert_eq!((status, body.as_str()), (200, "[]"));
    let (status, body) = call(&hr2, &s, "file_results", &[("session", &session), ("all", "1")]).await;
    assert!(refused(status, &body, "SessionNotFound"), "{body}");
    assert_eq!(status_of(&s, &app).await, "result_notice");
    let hr = login(&s, "renshe").await;
    let (_, body) = call(&hr, &s, "filing_overview", &[]).await;
    assert!(body.contains(&app), "{body}");
    let (status, body) = call(&hr, &s, "file_results", &[("session", &session), ("all", "1")]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(status_of(&s, &app).await, "filed");

    // --- issuance ---
    // another region's issuer sees nothing waiting and issues nothing
    let issuer2 = login(&s, "qianfa2").await;
    let (_, body) = call(&issuer2, &s, "issuing_overview", &[]).await;
    assert!(!body.contains(&app), "{body}");
    let (_, body) = call(&issuer2, &s, "issue_certificates", &[("app[a0]", &app)]).await;
    assert_eq!(body, "[]");
    assert_eq!(status_of(&s, &app).await, "filed");
    let issuer = login(&s, "qianfa").await;
    let applicant = login(&s, "shenbao").await;
    let (status, body) = call(&applicant, &s, "issue_certificates", &[("all", "1")]).await;
    assert!(refused(status, &body, "Forbidden"), "{body}");
    let (status, body) = call(&issuer, &s, "issue_certificates", &[("all", "1")]).await;
    assert_eq!(status, 200, "{body}");
    let numbers: Vec<String> = serde_json::from_str(&body).unwrap();
    assert_eq!(numbers.len(), 1);
    let number = numbers[0].clone();
    assert_eq!(status_of(&s, &app).await, "certified");
    let (_, body) = call(&issuer, &s, "issue_certificates", &[("app[a0]", &app)]).await;
    assert_eq!(body, "[]", "a second issuance for the same application does nothing");

    let (_, mine) = call(&applicant, &s, "my_certificates", &[]).await;
    assert!(mine.contains(&number), "{mine}");
    let pdf = applicant.get(format!("{}/certificates/{number}/pdf", s.base)).send().await.unwrap();
    assert_eq!(pdf.status(), 200);
    let pdf = pdf.bytes().await.unwrap().to_vec();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_ne!(unit.get(format!("{}/certificates/{number}/pdf", s.base)).send().await.unwrap().status(), 200, "not another person's");
    assert_eq!(issuer.get(format!("{}/certificates/{number}/pdf", s.base)).send().await.unwrap().status(), 200, "its issuer's");
    assert_eq!(issuer2.get(format!("{}/certificates/{number}/pdf", s.base)).send().await.unwrap().status(), 404, "not another region's");
    let (_, body) = call(&issuer2, &s, "issuing_overview", &[]).await;
    assert!(!body.contains(&number), "another region's issuer does not list it: {body}");

    // offline: the published key and the command
    let key: Value = reqwest::get(format!("{}/certificates/public-key", s.base)).await.unwrap().json().await.unwrap();
    let key = key["public_key"].as_str().unwrap().to_string();
    let file = s.data_dir().join("downloaded.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let check = |path: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_zhiping"))
            .args(["verify-certificate", path.to_str().unwrap(), "--public-key", &key])
            .output()
            .unwrap()
    };
    let out = check(&file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&number));
    let mut changed = pdf.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x20;
    let bad = s.data_dir().join("changed.pdf");
    std::fs::write(&bad, &changed).unwrap();
    let out = check(&bad);
    assert!(!out.status.success(), "one changed byte must fail");
    assert!(String::from_utf8_lossy(&out.stderr).contains("INVALID"));

    // the public verify page's data, the query API, the upload check
    let (status, body) = verify(&s, &number).await;
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "Valid");
    assert_eq!(v["signature_ok"], true);
    assert_eq!(v["holder_id_masked"], "6501**********2024");
    assert_eq!(v["work_unit"], "新疆大学");
    assert!(!body.contains("650102198506152024") && !body.contains("古丽米拉·艾买提"), "masked: {body}");
    let (status, body) = verify(&s, "XJZC-2026-000001-0").await;
    assert!(refused(status, &body, "CertificateNumberInvalid") || refused(status, &body, "CertificateNotFound"), "{body}");
    let q = |name: &str| format!("{}/certificates/query?number={number}&name={name}", s.base);
    assert_eq!(reqwest::get(q("古丽米拉·艾买提")).await.unwrap().status(), 200);
    assert_eq!(reqwest::get(q("别人")).await.unwrap().status(), 404, "a wrong name is a missing certificate");
    let upload = |bytes: Vec<u8>| {
        let base = s.base.clone();
        async move {
            let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name("c.pdf"));
            reqwest::Client::new().post(format!("{base}/verify-file")).multipart(form).send().await.unwrap().status().as_u16()
        }
    };
    assert_eq!(upload(pdf.clone()).await, 200);
    assert_eq!(upload(changed).await, 422);

    // --- revocation: audited, published; never by another region's issuer ---
    let (status, body) =
        call(&issuer2, &s, "revoke_certificate", &[("number", &number), ("reason", "经核查，论文存在抄袭，评审结果撤销")]).await;
    assert!(refused(status, &body, "CertificateNotRevocable"), "{body}");
    let (status, body) = call(&issuer, &s, "revoke_certificate", &[("number", &number), ("reason", "错")]).await;
    assert!(refused(status, &body, "RevokeReasonRequired"), "{body}");
    let (status, body) =
        call(&issuer, &s, "revoke_certificate", &[("number", &number), ("reason", "经核查，论文存在抄袭，评审结果撤销")]).await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = verify(&s, &number).await;
    assert!(body.contains("\"Revoked\"") && body.contains("抄袭"), "{body}");
    let list = reqwest::get(format!("{}/certificates/status.json", s.base)).await.unwrap().text().await.unwrap();
    assert!(list.contains(&number), "{list}");
    assert_eq!(audit_count(&s, &app, "revoke_certificate").await, 1);
    let (status, body) = call(&issuer, &s, "revoke_certificate", &[("number", &number), ("reason", "再次撤销测试")]).await;
    assert!(refused(status, &body, "CertificateNotRevocable"), "once: {body}");
    let (verified, said) = s.verify_audit();
    assert!(verified, "{said}");
}

#[tokio::test]
async fn a_fraud_finding_bars_the_applicant_and_the_unit() {
    let s = start().await;
    let (applicant, app) = formally_passed(&s).await;
    set_status(&s, &app, "office_review").await;
    // a second applicant of the same unit, waiting for the unit's review
    let id = register_applicant(&s, "65010219900101123").await;
    let other = login(&s, &id).await;
    let form = START;
    let (status, body) = call(&other, &s, "start_application", &form).await;
    assert_eq!(status, 200, "{body}");
    let other_app: String = serde_json::from_str(&body).unwrap();
    set_status(&s, &other_app, "unit_review").await;
    // and a third with a draft not yet submitted
    let id = register_applicant(&s, "65010219900101140").await;
    let third = login(&s, &id).await;
    let (status, body) = call(&third, &s, "start_application", &form).await;
    assert_eq!(status, 200, "{body}");
    let third_app: String = serde_json::from_str(&body).unwrap();

    let office = login(&s, "pingban").await;
    let unit = login(&s, "danwei").await;
    let (status, body) =
        call(&unit, &s, "record_finding", &[("id", &app), ("evidence", "学历证书系伪造，经学信网核实无此学历"), ("applicant", "1")]).await;
    assert!(refused(status, &body, "ApplicationNotFound"), "not the unit's step: the unit cannot see it: {body}");
    let (status, body) = call(&office, &s, "record_finding", &[("id", &app), ("evidence", "短"), ("applicant", "")]).await;
    assert!(refused(status, &body, "FindingEvidenceRequired") && body.contains("FindingSubjectRequired"), "{body}");
    let (status, body) = call(
        &office,
        &s,
        "record_finding",
        &[("id", &app), ("evidence", "学历证书系伪造，经学信网核实无此学历"), ("applicant", "1"), ("unit", "1")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(status_of(&s, &app).await, "closed");

    // the applicant's session ended; signed in again, a new application is refused with the date
    let (status, _) = call(&applicant, &s, "fee_view", &[("id", &app)]).await;
    assert_ne!(status, 200, "signed out");
    let applicant = login(&s, "shenbao").await;
    let form = START;
    let (status, body) = call(&applicant, &s, "start_application", &form).await;
    assert!(refused(status, &body, "ApplicantBarred"), "{body}");

    // the unit may not start a notice or recommend for 2 years
    let version = s.store().await.application(&other_app).await.unwrap().unwrap().version.to_string();
    let (status, body) = call(&unit, &s, "decide", &[("id", &other_app), ("version", &version), ("action", "start_notice")]).await;
    assert!(refused(status, &body, "UnitBarred"), "{body}");
    // nor may its staff apply: the draft cannot be submitted, nor a new one started there
    let (status, body) = call(&third, &s, "submit_application", &[("id", &third_app), ("key", "third-applicant-submission-key")]).await;
    assert!(refused(status, &body, "StaffUnitBarred"), "{body}");
    let id = register_applicant(&s, "65010219900101159").await;
    let fourth = login(&s, &id).await;
    let (status, body) = call(&fourth, &s, "start_application", &form).await;
    assert!(refused(status, &body, "StaffUnitBarred") && body.contains("unit_id"), "at the unit field: {body}");
    let credit = s.store().await.credit_record("org-unit-xju").await.unwrap();
    assert_eq!(credit.len(), 1);
    // the credit record (诚信档案): the office reads both findings, the unit its own, the
    // applicant theirs, another unit and another applicant nothing
    let names = |body: &str| {
        let list: Vec<serde_json::Value> = serde_json::from_str(body).unwrap_or_else(|_| panic!("{body}"));
        list.iter().map(|f| f["name"].as_str().unwrap_or_default().to_string()).collect::<Vec<_>>()
    };
    let applicant_name = s.store().await.user_by_account("shenbao").await.unwrap().unwrap().name;
    for (who, expected) in [
        (&office, vec![applicant_name.clone(), "新疆大学".to_string()]),
        (&unit, vec!["新疆大学".to_string()]),
        (&applicant, vec![applicant_name.clone()]),
        (&login(&s, "danwei2").await, vec![]),
        (&other, vec![]),
    ] {
        let (status, body) = call(who, &s, "credit_record", &[]).await;
        assert_eq!(status, 200, "{body}");
        let mut got = names(&body);
        got.sort();
        let mut expected = expected;
        expected.sort();
        assert_eq!(got, expected, "{body}");
    }

    // the unit finds fraud itself during its review: against the applicant, never against itself
    let evidence = ("evidence", "论文系抄袭，经查重复制比为百分之六十二");
    let (status, body) = call(&unit, &s, "record_finding", &[("id", &other_app), evidence, ("applicant", "1"), ("unit", "1")]).await;
    assert!(refused(status, &body, "FindingUnitNotByUnit"), "{body}");
    assert_eq!(status_of(&s, &other_app).await, "unit_review", "nothing recorded");
    let (status, body) = call(&unit, &s, "record_finding", &[("id", &other_app), evidence, ("applicant", "1")]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(status_of(&s, &other_app).await, "closed");

    // the region-wide notice lists both
    let list = reqwest::get(format!("{}/api/public_findings", s.base)).await.unwrap().text().await.unwrap();
    assert!(list.contains("古丽米拉") && list.contains("新疆大学") && list.contains("学信网"), "{list}");
}
