//! Administration over HTTP, against the real binary (issue 5 part 7): an invited colleague sets a
//! password with the code the invitation sent and works in the role given; a role change and a
//! disabling end the person's sessions at once; an administrator cannot lock themself out; the
//! series catalogue decides what an applicant may choose; the organisation tree takes only the
//! right kind of parent; calendar days; and who may call each function.

use crate::support::*;

/// The code (eight digits) after 验证码 in the newest message to `recipient`.
async fn code_sent_to(s: &Server, recipient: &str) -> String {
    let store = s.store().await;
    let body: String = sqlx::query_scalar("SELECT body FROM outbox WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1")
        .bind(recipient)
        .fetch_one(store.pool())
        .await
        .unwrap();
    let after = body.split("验证码").nth(1).unwrap_or_else(|| panic!("no code in {body}"));
    after.chars().filter(char::is_ascii_digit).take(8).collect()
}

async fn me(c: &reqwest::Client, s: &Server) -> String {
    call(c, s, "me", &[]).await.1
}

#[tokio::test]
async fn an_invited_colleague_sets_a_password_and_loses_the_session_when_changed_or_disabled() {
    let s = start().await;
    let admin = login(&s, "admin").await;

    // every field is checked at once, each at its field
    let bad =
        [("username", "1x"), ("name", ""), ("phone", "123"), ("email", "x"), ("role", "office_reviewer"), ("org_id", "org-unit-xjnu")];
    let (status, body) = call(&admin, &s, "invite_user", &bad).await;
    assert!((400..500).contains(&status), "{body}");
    for key in
        ["\"username\"", "AdminUsernameFormat", "\"name\"", "\"phone\"", "PhoneInvalid", "\"email\"", "\"org_id\"", "AdminRoleOrgKind"]
    {
        assert!(body.contains(key), "{key} missing in {body}");
    }
    let invite = [
        ("username", "WangLei"),
        ("name", "王磊"),
        ("phone", "139 1234 5678"),
        ("email", "wl@example.cn"),
        ("role", "unit_reviewer"),
        ("org_id", "org-unit-xjnu"),
    ];
    let (status, body) = call(&admin, &s, "invite_user", &invite).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, "\"wanglei\"");
    let (status, body) = call(&admin, &s, "invite_user", &invite).await;
    assert!(refused(status, &body, "AdminUsernameTaken"), "{body}");

    // nobody knows the password the account was made with; the code sets one
    let c = client();
    let (status, _) = call(&c, &s, "login", &[("account", "wanglei"), ("password", "")]).await;
    assert!((400..500).contains(&status), "{status}");
    let code = code_sent_to(&s, "13912345678").await;
    assert_eq!(code, code_sent_to(&s, "wl@example.cn").await, "one code, both channels");
    let reset = [("account", "wanglei"), ("code", code.as_str()), ("password", "天山南北2027春"), ("password2", "天山南北2027春")];
    let (status, body) = call(&c, &s, "reset_password", &reset).await;
    assert_eq!(status, 200, "{body}");
    let colleague = login_with(&s, "wanglei", "天山南北2027春").await;
    let who = me(&colleague, &s).await;
    assert!(who.contains("UnitReviewer") || who.contains("unit_reviewer"), "{who}");
    assert!(who.contains("新疆师范大学"), "{who}");
    // the unit's queue is theirs now
    assert_eq!(call(&colleague, &s, "review_queue", &[]).await.0, 200);

    // a role that does not fit the organisation is refused at the organisation
    let users = call(&admin, &s, "list_users", &[("q", "wanglei")]).await.1;
    let data: serde_json::Value = serde_json::from_str(&users).unwrap();
    let id = data["users"][0]["id"].as_str().unwrap().to_string();
    let (status, body) =
        call(&admin, &s, "assign_user", &[("user_id", &id), ("role", "authority_reviewer"), ("org_id", "org-unit-xjnu")]).await;
    assert!(refused(status, &body, "AdminRoleOrgKind") && body.contains("org_id"), "{body}");
    assert!(me(&colleague, &s).await.contains("wanglei"), "a refused change ends nothing");
    let (status, body) =
        call(&admin, &s, "assign_user", &[("user_id", &id), ("role", "authority_reviewer"), ("org_id", "org-authority-edu")]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(me(&colleague, &s).await, "null", "the session ended with the change");
    let colleague = login_with(&s, "wanglei", "天山南北2027春").await;
    assert!(me(&colleague, &s).await.contains("自治区教育厅（主管部门）"));

    // disabling ends the session at once and refuses the next login
    let (status, body) = call(&admin, &s, "set_user_disabled", &[("user_id", &id), ("disabled", "1")]).await;
    assert_eq!((status, body.as_str()), (200, "true"));
    assert_eq!(me(&colleague, &s).await, "null");
    let (status, body) = call(&client(), &s, "login", &[("account", "wanglei"), ("password", "天山南北2027春")]).await;
    assert!(refused(status, &body, "LoginFailed"), "{body}");
    assert_eq!(call(&admin, &s, "set_user_disabled", &[("user_id", &id), ("disabled", "0")]).await.0, 200);
    login_with(&s, "wanglei", "天山南北2027春").await;

    // an administrator does not lock themself out
    let (status, body) = call(&admin, &s, "set_user_disabled", &[("user_id", "user-demo-admin"), ("disabled", "1")]).await;
    assert!(refused(status, &body, "AdminNotOnSelf"), "{body}");
    let (status, body) =
        call(&admin, &s, "assign_user", &[("user_id", "user-demo-admin"), ("role", "issuer"), ("org_id", "org-issuer")]).await;
    assert!(refused(status, &body, "AdminNotOnSelf"), "{body}");
    assert!(me(&admin, &s).await.contains("admin"));

    // every change is in the audit chain, which is intact
    let store = s.store().await;
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE application_id = $1 ORDER BY seq")
        .bind(format!("user:{id}"))
        .fetch_all(store.pool())
        .await
        .unwrap();
    // (with the account's own security events: the password set with the invitation's code, its
    // logins and the login refused while it was disabled)
    assert_eq!(
        actions,
        ["invite_user", "password_reset", "login", "assign_user", "login", "disable_user", "login_failed", "enable_user", "login"]
    );
    assert!(matches!(store.verify_audit().await.unwrap(), app::store::audit::AuditCheck::Intact { .. }));
}

async fn reset(s: &Server, account: &str, code: &str, password: &str) -> (u16, String) {
    call(&client(), s, "reset_password", &[("account", account), ("code", code), ("password", password), ("password2", password)]).await
}

/// L7, L8: an invitation's code lives 72 hours, a reset code 15 minutes; a new password may not
/// contain the account's ID number, which only the server knows at a reset (the code stays live).
#[tokio::test]
async fn an_invitation_lives_three_days_a_reset_code_a_quarter_of_an_hour() {
    const MINUTE: i64 = 60 * 1000;
    let s = start().await;
    let admin = login(&s, "admin").await;
    for (username, phone) in [("early", "13911110001"), ("late", "13911110002")] {
        let invite = [
            ("username", username),
            ("name", "王磊"),
            ("phone", phone),
            ("email", "wl@example.cn"),
            ("role", "unit_reviewer"),
            ("org_id", "org-unit-xjnu"),
        ];
        assert_eq!(call(&admin, &s, "invite_user", &invite).await.0, 200);
    }
    let (early, late) = (code_sent_to(&s, "13911110001").await, code_sent_to(&s, "13911110002").await);
    advance_clock(&s, 49 * 60 * MINUTE).await;
    assert_eq!(reset(&s, "early", &early, "天山南北2027春").await.0, 200, "two days on, the invitation still works");
    advance_clock(&s, 24 * 60 * MINUTE).await;
    let (status, body) = reset(&s, "late", &late, "天山南北2027春").await;
    assert!(refused(status, &body, "CodeInvalid"), "past 72 hours it is void: {body}");

    let c = client();
    assert_eq!(call(&c, &s, "request_reset_code", &[("account", "shenbao"), ("channel", "sms")]).await.0, 200);
    let stale = code_sent_to(&s, "13991000001").await;
    advance_clock(&s, 16 * MINUTE).await;
    let (status, body) = reset(&s, "shenbao", &stale, "昆仑山2027新密码").await;
    assert!(refused(status, &body, "CodeInvalid"), "a reset code lives 15 minutes: {body}");
    assert_eq!(call(&c, &s, "request_reset_code", &[("account", "shenbao"), ("channel", "sms")]).await.0, 200);
    let fresh = code_sent_to(&s, "13991000001").await;
    let (status, body) = reset(&s, "shenbao", &fresh, "x650102198506152024y").await;
    assert!(refused(status, &body, "PasswordContainsId") && body.contains("\"password\""), "{body}");
    let (status, body) = reset(&s, "shenbao", &fresh, "sunshine1").await;
    assert!(refused(status, &body, "PasswordTooCommon"), "a breached password: {body}");
    assert_eq!(reset(&s, "shenbao", &fresh, "昆仑山2027新密码").await.0, 200, "the same code, a good password");
    login_with(&s, "shenbao", "昆仑山2027新密码").await;
}

/// Issue 16: someone who lost both phone and e-mail gets a code at the counter, only when the ID
/// card typed is the account's; the code resets once, ends every session, and the issuing is audited.
#[tokio::test]
async fn a_code_handed_over_in_person_after_the_id_card_is_checked() {
    let s = start().await;
    let admin = login(&s, "admin").await;
    let applicant = login(&s, "shenbao").await;
    let ask = |id_number: &'static str| {
        let admin = admin.clone();
        let s = &s;
        async move { call(&admin, s, "reset_in_person", &[("user_id", "user-demo-shenbao"), ("id_number", id_number)]).await }
    };
    let (status, body) = ask("650102198506152025").await;
    assert!(refused(status, &body, "IdentityMismatch") && body.contains("id_number"), "{body}");
    let (status, body) = ask("").await;
    assert!(refused(status, &body, "Required"), "{body}");
    let (status, body) = call(&admin, &s, "reset_in_person", &[("user_id", "user-demo-admin"), ("id_number", "x")]).await;
    assert!(refused(status, &body, "AdminNotOnSelf"), "not on themself: {body}");
    let (status, body) = call(&admin, &s, "reset_in_person", &[("user_id", "user-demo-danwei"), ("id_number", "650102198506152024")]).await;
    assert!(refused(status, &body, "IdentityNoneOnFile"), "a staff account has no card to check against: {body}");

    let (status, body) = ask(" 650102 198506152024 ").await;
    assert_eq!(status, 200, "{body}");
    let issued: serde_json::Value = serde_json::from_str(&body).unwrap();
    let code = issued["code"].as_str().unwrap().to_string();
    assert!(s.store().await.outbox(50).await.unwrap().iter().all(|m| !m.body.contains(&code)), "handed over, never sent");
    assert_eq!(reset(&s, "650102198506152024", &code, "昆仑山2027新密码").await.0, 200);
    let (status, body) = reset(&s, "650102198506152024", &code, "昆仑山2027再来").await;
    assert!(refused(status, &body, "CodeInvalid"), "once: {body}");
    let (status, body) = call(&applicant, &s, "my_applications", &[]).await;
    assert!(refused(status, &body, "Unauthenticated"), "every session of the account ended: {status} {body}");
    login_with(&s, "shenbao", "昆仑山2027新密码").await;
    let store = s.store().await;
    let by: Vec<(String, String)> = sqlx::query_as("SELECT actor_id, application_id FROM audit_log WHERE action = 'reset_in_person'")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(by, [("user-demo-admin".to_string(), "user:user-demo-shenbao".to_string())]);
}

#[tokio::test]
async fn the_catalogue_and_the_tree_decide_what_applicants_may_choose() {
    let s = start().await;
    let admin = login(&s, "admin").await;
    let applicant_id = register_applicant(&s, "65010219920202123").await;
    let applicant = login(&s, &applicant_id).await;
    let start_form = |series: &'static str, specialty: &'static str, unit: &'static str| {
        vec![
            ("level", "intermediate"),
            ("series", series),
            ("specialty", specialty),
            ("unit_id", unit),
            ("current_level", "junior"),
            ("obtained_on", "2020-03-01"),
        ]
    };
    let (status, body) = call(&applicant, &s, "start_application", &start_form("工程", "机械", "org-unit-xju")).await;
    assert!(refused(status, &body, "SeriesUnknown") && body.contains("\"series\""), "{body}");
    let (status, body) = call(&applicant, &s, "start_application", &start_form("高等学校教育管理研究", "化学", "org-unit-xju")).await;
    assert!(refused(status, &body, "SpecialtyUnknown") && body.contains("\"specialty\""), "{body}");

    // a new series, each title required
    let series = [
        ("name", "工程"),
        ("specialties", "机械\n电气"),
        ("title_junior", "技术员"),
        ("title_intermediate", ""),
        ("title_associate_senior", "高级工程师"),
        ("title_senior", "正高级工程师"),
        ("open", "1"),
    ];
    let (status, body) = call(&admin, &s, "save_series", &series).await;
    assert!(refused(status, &body, "title_intermediate"), "{body}");
    let mut series = series.to_vec();
    series[3] = ("title_intermediate", "工程师");
    let (status, body) = call(&admin, &s, "save_series", &series).await;
    assert_eq!(status, 200, "{body}");
    let series_id: String = serde_json::from_str(&body).unwrap();
    assert!(refused_again(&admin, &s, &series).await, "a second series of the same name");

    // a new unit under the authority: a unit under the region is refused at the parent
    let (status, body) = call(&admin, &s, "create_org", &[("kind", "unit"), ("name", "新疆工程学院"), ("parent_id", "org-region")]).await;
    assert!(refused(status, &body, "AdminParentKind") && body.contains("parent_id"), "{body}");
    let (status, body) =
        call(&admin, &s, "create_org", &[("kind", "unit"), ("name", "新疆工程学院"), ("parent_id", "org-authority-edu")]).await;
    assert_eq!(status, 200, "{body}");
    let unit: String = serde_json::from_str(&body).unwrap();
    let tree = call(&admin, &s, "org_tree", &[]).await.1;
    assert!(tree.contains("新疆工程学院"), "{tree}");
    assert!(call(&applicant, &s, "unit_choices", &[]).await.1.contains("新疆工程学院"));

    // the new series takes no application until a round is open for it in the unit's region
    let form = [
        ("level", "intermediate"),
        ("series", "工程"),
        ("specialty", "电气"),
        ("unit_id", unit.as_str()),
        ("current_level", "junior"),
        ("obtained_on", "2020-03-01"),
    ];
    let (status, body) = call(&applicant, &s, "start_application", &form).await;
    assert!(refused(status, &body, "RoundNone") && body.contains("\"series\""), "{body}");
    let round = [
        ("series_id", series_id.as_str()),
        ("region_id", "org-region"),
        ("year", "2026"),
        ("opens_on", "2000-01-01"),
        ("submit_by", "2100-12-31"),
        ("reference_date", "2026-12-31"),
    ];
    let (status, body) = call(&admin, &s, "save_round", &round).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = call(&admin, &s, "save_round", &round).await;
    assert!(refused(status, &body, "AdminRoundTaken") && body.contains("\"year\""), "one round per series, region and year: {body}");

    // the applicant starts in the new series at the new unit
    let (status, body) = call(&applicant, &s, "start_application", &form).await;
    assert_eq!(status, 200, "{body}");

    // closed: nobody else starts in it
    let mut closed = series.clone();
    closed.retain(|(k, _)| *k != "open");
    closed.push(("id", &series_id));
    assert_eq!(call(&admin, &s, "save_series", &closed).await.0, 200);
    let other = register_applicant(&s, "65010219930303123").await;
    let other = login(&s, &other).await;
    let (status, body) = call(&other, &s, "start_application", &form).await;
    assert!(refused(status, &body, "SeriesClosed"), "{body}");

    // calendar days of a year
    let (status, _) = call(&admin, &s, "save_calendar_day", &[("day", "2027-02-08"), ("kind", "holiday"), ("note", "春节假期")]).await;
    assert_eq!(status, 200);
    let year = call(&admin, &s, "calendar_year", &[("year", "2027")]).await.1;
    assert!(year.contains("2027-02-08") && year.contains("春节假期"), "{year}");
    let (status, body) = call(&admin, &s, "save_calendar_day", &[("day", "2027-02-09"), ("kind", "holiday"), ("note", "")]).await;
    assert!(refused(status, &body, "\"note\""), "{body}");
}

async fn refused_again(admin: &reqwest::Client, s: &Server, series: &[(&str, &str)]) -> bool {
    let (status, body) = call(admin, s, "save_series", series).await;
    refused(status, &body, "AdminSeriesTaken")
}

/// Who reached the function's own checks (the answer is not a refusal of the person).
fn reached(status: u16, body: &str) -> bool {
    status == 200 || !["Forbidden", "Unauthenticated"].iter().any(|k| body.contains(k))
}

/// Every administration function × every kind of account (and nobody signed in): administrators
/// only, except the series catalogue, which the start form shows to everyone. Changing calls carry
/// an empty or invalid form, so an allowed caller stops at the input check.
#[tokio::test]
async fn only_administrators_administer() {
    let s = start().await;
    let accounts = ["anonymous", "shenbao", "danwei", "zhuguan", "pingban", "pingwei", "renshe", "qianfa", "admin"];
    let mut clients = vec![];
    for a in accounts {
        clients.push((a, if a == "anonymous" { client() } else { login(&s, a).await }));
    }
    let only_admin: &[&str] = &["admin"];
    #[allow(clippy::type_complexity)] // a table written out, read row by row below
    let table: Vec<(&str, Vec<(&str, &str)>, &[&str])> = vec![
        ("org_tree", vec![], only_admin),
        ("create_org", vec![], only_admin),
        ("rename_org", vec![("id", "org-unit-xju")], only_admin),
        ("list_users", vec![], only_admin),
        ("invite_user", vec![], only_admin),
        ("assign_user", vec![("user_id", "user-demo-danwei")], only_admin),
        ("set_user_disabled", vec![("user_id", "user-demo-admin"), ("disabled", "1")], only_admin),
        ("reset_in_person", vec![("user_id", "user-demo-shenbao"), ("id_number", "")], only_admin),
        ("save_series", vec![], only_admin),
        ("calendar_year", vec![], only_admin),
        ("save_calendar_day", vec![("day", ""), ("kind", "holiday")], only_admin),
        ("outbox", vec![], only_admin),
        ("save_round", vec![], only_admin),
        ("series_catalogue", vec![], &accounts),
        ("rounds_overview", vec![], &accounts),
    ];
    for (name, args, allowed) in &table {
        for (account, c) in &clients {
            let (status, body) = call(c, &s, name, args).await;
            assert_eq!(reached(status, &body), allowed.contains(account), "{name} by {account}: {status} {body}");
        }
    }
    // nothing above changed an account or the tree (the logins are recorded, and nothing else)
    let store = s.store().await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action <> 'login'").fetch_one(store.pool()).await.unwrap();
    assert_eq!(n, 0);
    let logins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'login'").fetch_one(store.pool()).await.unwrap();
    assert_eq!(logins, accounts.len() as i64 - 1, "everyone but the anonymous visitor logged in once");
}

async fn upload_seal(c: &reqwest::Client, s: &Server, org: &str, bytes: Vec<u8>) -> (u16, String) {
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name("seal.png"));
    let res = c.post(format!("{}/admin/orgs/{org}/seal", s.base)).multipart(form).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

fn png(width: u32, height: u32, transparent: bool) -> Vec<u8> {
    let mut out = std::io::Cursor::new(vec![]);
    if transparent {
        image::RgbaImage::from_pixel(width, height, image::Rgba([200, 16, 32, 0])).write_to(&mut out, image::ImageFormat::Png).unwrap();
    } else {
        image::RgbImage::from_pixel(width, height, image::Rgb([200, 16, 32])).write_to(&mut out, image::ImageFormat::Png).unwrap();
    }
    out.into_inner()
}

/// An issuer's seal: only administrators upload it, only for issuers, only a transparent, roughly
/// square PNG of printable size; anyone fetches the one uploaded.
#[tokio::test]
async fn an_issuer_s_seal_is_checked_kept_and_published() {
    let s = start().await;
    let admin = login(&s, "admin").await;
    let seal = png(600, 600, true);
    for (who, c) in [("anonymous", client()), ("qianfa", login(&s, "qianfa").await)] {
        let (status, body) = upload_seal(&c, &s, "org-issuer", seal.clone()).await;
        assert!(status >= 400 && (body.contains("Forbidden") || body.contains("Unauthenticated")), "{who}: {status} {body}");
    }
    let (status, body) = upload_seal(&admin, &s, "org-unit-xju", seal.clone()).await;
    assert!(status >= 400 && body.contains("Forbidden"), "a unit has no seal here: {status} {body}");
    for (bytes, key) in
        [(png(600, 600, false), "SealOpaque"), (png(600, 300, true), "SealShape"), (b"%PDF-1.4 not a png".to_vec(), "SealNotPng")]
    {
        let (status, body) = upload_seal(&admin, &s, "org-issuer", bytes).await;
        assert!(status >= 400 && body.contains(key), "{key}: {status} {body}");
    }
    assert_eq!(reqwest::get(format!("{}/orgs/org-issuer/seal.png", s.base)).await.unwrap().status(), 404, "none yet");
    let (status, body) = upload_seal(&admin, &s, "org-issuer", seal.clone()).await;
    assert_eq!(status, 200, "{body}");
    let res = reqwest::get(format!("{}/orgs/org-issuer/seal.png", s.base)).await.unwrap();
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.bytes().await.unwrap().to_vec(), seal);
    let tree = call(&admin, &s, "org_tree", &[]).await.1;
    assert!(tree.contains("\"seal\":\""), "{tree}");
    let store = s.store().await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE application_id = 'org:org-issuer' AND action = 'set_seal'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(n, 1);
}
