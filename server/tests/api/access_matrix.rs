//! Every server function of the fee, session, vote, filing, certificate and finding steps
//! (issue 5) against every kind of account, over HTTP: who reaches the function's own checks and
//! who is refused before them, written from SPEC.

use crate::support::*;

/// Another evaluation office with its reviewer `pingban2` (the demo has one office; its second
/// region's HR department and issuer, `renshe2` and `qianfa2`, are the demo's own).
async fn add_second_office(s: &Server) {
    add_org(s, "org-office-2", app::domain::admin::OrgKind::Office, Some("org-region")).await;
    add_staff(s, "pingban2", "office_reviewer", "org-office-2").await;
}

/// Who reached the function's own checks (the answer is not a refusal of the person).
fn reached(status: u16, body: &str) -> bool {
    status == 200 || !["Forbidden", "Unauthenticated", "SessionNotFound", "ApplicationNotFound"].iter().any(|k| body.contains(k))
}

/// Every server function of issue 5 × every kind of account: the expectation is written from SPEC
/// (the applicant pays their own; the office runs its own sessions and finds fraud at its step;
/// members vote in their sessions except on their own unit's; HR files; the issuer issues and
/// revokes), not derived from the code. Calls that would change something are made so that the
/// function's own input check stops an allowed person (an empty form), and a refused one must be
/// refused before that.
#[tokio::test]
async fn every_new_function_allows_exactly_what_spec_allows() {
    let s = start().await;
    add_second_office(&s).await;
    let (_, app) = formally_passed(&s).await;
    let office = login(&s, "pingban").await;
    let form = [
        ("name", "矩阵测试评审会"),
        ("date", "2026-12-20"),
        ("time", "09:30"),
        ("place", "301"),
        ("member[m0]", "user-demo-pingwei"),
        ("member[m1]", "user-demo-pingwei2"),
    ];
    let (_, body) = call(&office, &s, "create_session", &form).await;
    let session: String = serde_json::from_str(&body).unwrap();
    // paid and in the session (pingwei2 works at the applicant's unit)
    set_status(&s, &app, "under_evaluation").await;
    let (status, body) = call(&office, &s, "assign_to_session", &[("id", &session), ("app[a0]", &app)]).await;
    assert_eq!(status, 200, "{body}");
    let other_id = register_applicant(&s, "65010219920202123").await;

    let accounts = [
        "shenbao", "other", "danwei", "danwei2", "zhuguan", "pingban", "pingban2", "pingwei", "pingwei2", "pingwei3", "renshe", "qianfa",
        "admin", "renshe2", "qianfa2",
    ];
    let mut clients = vec![];
    for a in accounts {
        let account = if a == "other" { other_id.as_str() } else { a };
        clients.push((a, login(&s, account).await));
    }
    // (function, arguments, accounts that reach it)
    #[allow(clippy::type_complexity)] // a table written out, read row by row below
    let table: Vec<(&str, Vec<(&str, &str)>, &[&str])> = vec![
        ("fee_view", vec![("id", &app)], &["shenbao", "pingban"]),
        ("start_payment", vec![("id", "no-such-application")], &[]),
        // 收费对账: the evaluation offices' reviewers, each their own office's
        ("fee_accounts", vec![], &["pingban", "pingban2"]),
        ("reconcile_fees", vec![], &["pingban", "pingban2"]),
        ("refund_payment", vec![("id", "no-such-order")], &["pingban", "pingban2"]),
        ("evaluation_overview", vec![], &["pingban", "pingban2"]),
        ("create_session", vec![], &["pingban", "pingban2"]),
        ("evaluation_session", vec![("id", &session)], &["pingban"]),
        ("assign_to_session", vec![("id", &session)], &["pingban"]),
        ("set_attendance", vec![("id", &session), ("user_id", "nobody"), ("present", "false")], &["pingban"]),
        ("my_sessions", vec![], &["pingwei", "pingwei2", "pingwei3"]),
        ("committee_session", vec![("id", &session)], &["pingwei", "pingwei2"]),
        ("cast_vote", vec![("session", &session), ("application", &app), ("vote", "")], &["pingwei"]),
        // a second region's HR department and issuer reach their lists (empty: nothing of theirs)
        ("filing_overview", vec![], &["renshe", "renshe2"]),
        ("file_results", vec![("session", &session)], &[]),
        ("issuing_overview", vec![], &["qianfa", "qianfa2"]),
        ("issue_certificates", vec![], &["qianfa", "qianfa2"]),
        ("revoke_certificate", vec![("number", "XJZC-2026-000001-9")], &["qianfa", "qianfa2"]),
        (
            "my_certificates",
            vec![],
            &[
                "shenbao", "other", "danwei", "danwei2", "zhuguan", "pingban", "pingban2", "pingwei", "pingwei2", "pingwei3", "renshe",
                "qianfa", "admin", "renshe2", "qianfa2",
            ],
        ),
        ("record_finding", vec![("id", &app)], &["pingban"]),
        // the credit record: each reads the part that concerns them (what is in it: certificates.rs)
        ("credit_record", vec![], &["shenbao", "other", "danwei", "danwei2", "pingban", "pingban2", "admin"]),
        // the materials: the owner, the office at its step, and the session's members except the
        // one from the applicant's unit (pingwei2) — pingwei3 is not in this session
        ("application_form", vec![("id", &app)], &["shenbao", "pingban", "pingwei"]),
        ("review_application", vec![("id", &app)], &["pingban", "pingwei"]),
    ];
    for (name, args, allowed) in &table {
        for (account, c) in &clients {
            let (status, body) = call(c, &s, name, args).await;
            assert_eq!(reached(status, &body), allowed.contains(account), "{name} by {account}: {status} {body}");
        }
    }
    // the files go with the materials: the same people download them, everyone else gets 404
    let store = s.store().await;
    let file: String = sqlx::query_scalar("SELECT id FROM attachments WHERE application_id = $1 LIMIT 1")
        .bind(&app)
        .fetch_one(store.pool())
        .await
        .unwrap();
    for (account, c) in &clients {
        let status = c.get(format!("{}/files/{file}", s.base)).send().await.unwrap().status().as_u16();
        let expected = if ["shenbao", "pingban", "pingwei"].contains(account) { 200 } else { 404 };
        assert_eq!(status, expected, "file by {account}");
    }
    // nothing above moved anything
    assert_eq!(status_of(&s, &app).await, "under_evaluation");
    // the HR officer reaches file_results once a session is published (here: refused for the notice)
    // and anyone else is refused the same way; a session of another office is "not found"
    let (_, body) = call(&login(&s, "pingban2").await, &s, "close_session", &[("id", &session)]).await;
    assert!(body.contains("SessionNotFound"), "{body}");
    // the public functions answer anyone, signed in or not
    for path in ["/api/public_results", "/api/public_findings", "/certificates/public-key", "/certificates/status.json"] {
        assert_eq!(reqwest::get(format!("{}{path}", s.base)).await.unwrap().status(), 200, "{path}");
    }
}
