//! From the fee to the certificate in the store, on SQLite and PostgreSQL: a payment confirmed
//! once however often and however concurrently the gateway repeats itself; a session's votes and
//! its outcome with a recused member; publication; a certificate recorded once and revoked once;
//! certificate numbers unique under concurrency; a fraud finding's bans.

use super::applications::{draft, set_status, setup};
use super::*;
use crate::domain::evaluation::PassRule;
use crate::domain::workflow::{Actor, Role, Status};
use crate::store::certificates::{CertificateRow, Issued};
use crate::store::evaluation::NewSession;
use crate::store::fees::{Confirmed, PaymentRow};

fn office() -> Actor {
    Actor::new("office-1", Role::OfficeReviewer, Some("org-o".into()))
}

/// A valid certificate of application `a1` (holder `app-u1`), as the issuer records it.
fn certificate(number: &str, seq: i64) -> CertificateRow {
    CertificateRow {
        number: number.into(),
        year: 2026,
        seq,
        application_id: "a1".into(),
        holder_id: "app-u1".into(),
        holder_name: "张三".into(),
        canonical: "{}".into(),
        signature: "sig".into(),
        key_id: "k".into(),
        pdf_sha256: "f".into(),
        issued_by: "iss".into(),
        issued_at: 50,
        status: crate::domain::certificate::CertificateStatus::Valid,
        revoked_at: None,
        revoked_by: None,
        revoked_reason: None,
    }
}

fn order(id: &str, app: &str) -> PaymentRow {
    PaymentRow {
        id: id.into(),
        application_id: app.into(),
        applicant_id: "app-u1".into(),
        amount_fen: 30000,
        status: crate::domain::fee::PaymentStatus::Pending,
        gateway: "test".into(),
        gateway_txn: None,
        created_at: 1,
        paid_at: None,
    }
}

async fn member(store: &Store, id: &str) {
    let mut u = user(id, id, None);
    u.role = "committee_member";
    store.insert_user(&u).await.unwrap();
}

mod money_and_votes {
    use super::*;

    store_tests! {
        a_payment_is_recorded_once_whatever_the_gateway_repeats(store) {
            setup(&store).await;
            store.insert_application(&draft("a1")).await.unwrap();
            set_status(&store, "a1", Status::FormalPassed).await;
            store.insert_payment(&order("o1", "a1")).await.unwrap();
            store.insert_payment(&order("o2", "a1")).await.unwrap();
            assert!(matches!(store.confirm_payment("o1", 1, "T0", 5).await.unwrap(), Confirmed::AmountMismatch));
            assert!(matches!(store.confirm_payment("nope", 30000, "T0", 5).await.unwrap(), Confirmed::NoSuchOrder));
            let mut tasks = vec![];
            for i in 0..10 {
                let store = store.clone();
                // both orders of the application, confirmed five times each, at once
                let o = if i % 2 == 0 { "o1" } else { "o2" };
                tasks.push(tokio::spawn(async move { store.confirm_payment(o, 30000, &format!("T{i}"), 10).await.unwrap() }));
            }
            let (mut paid, mut again) = (0, 0);
            for t in tasks {
                match t.await.unwrap() {
                    Confirmed::Paid(_) => paid += 1,
                    Confirmed::AlreadyPaid(_) => again += 1,
                    other => panic!("{other:?}"),
                }
            }
            assert_eq!((paid, again), (1, 9));
            assert_eq!(store.application("a1").await.unwrap().unwrap().status, Status::UnderEvaluation);
            let pays = store.audit_of("a1").await.unwrap().into_iter().filter(|r| r.action == "pay_fee").count();
            assert_eq!(pays, 1);
            // the other order's money is owed back: on the office's accounts, refunded once, audited
            let due = store.office_payments("org-o", 0).await.unwrap();
            assert_eq!(due.iter().map(|p| p.order.status.as_str()).collect::<Vec<_>>(), ["refund_due"]);
            assert!(store.office_payments("org-other", 0).await.unwrap().is_empty(), "another office's accounts");
            assert_eq!(store.refunds_of("a1").await.unwrap().iter().map(|r| r.refunded_at).collect::<Vec<_>>(), [None]);
            let at = store.payment_and_office(&due[0].order.id).await.unwrap().unwrap();
            assert_eq!((at.order.status.as_str(), at.office_id.as_str(), at.application_closed), ("refund_due", "org-o", false));
            let by = ByAdmin { actor: &office(), client_ip: "ip", now: 20 };
            let paid = store.paid_payment_of("a1").await.unwrap().unwrap();
            assert!(!store.record_refund(&paid.id, "pR", &by).await.unwrap(), "the fee of a living application stays");
            assert!(store.record_refund(&due[0].order.id, "o9R", &by).await.unwrap());
            assert!(!store.record_refund(&due[0].order.id, "o9R", &by).await.unwrap(), "once");
            let refunded = store.office_payments("org-o", 0).await.unwrap();
            assert_eq!((refunded[0].order.status.as_str(), refunded[0].refund_no.as_deref(), refunded[0].refunded_at), ("refunded", Some("o9R"), Some(20)));
            assert_eq!(store.refunds_of("a1").await.unwrap().iter().map(|r| r.refunded_at).collect::<Vec<_>>(), [Some(20)]);
            // closed after it was paid (a fraud finding): its fee is on the office's accounts, and may go back
            set_status(&store, "a1", Status::Closed).await;
            let listed = store.office_payments("org-o", 0).await.unwrap();
            assert!(listed.iter().any(|p| p.order.id == paid.id && p.order.status.as_str() == "paid"), "{listed:?}");
            assert!(store.payment_and_office(&paid.id).await.unwrap().unwrap().application_closed);
            assert!(store.record_refund(&paid.id, "pR", &by).await.unwrap());
            assert_eq!(store.refunds_of("a1").await.unwrap().len(), 2);
            assert!(matches!(store.verify_audit().await.unwrap(), crate::store::audit::AuditCheck::Intact { .. }));
        }

        the_vote_decides_with_the_recused_member_outside(store) {
            setup(&store).await;
            for (id, unit) in [("m1", None), ("m2", Some("org-u")), ("m3", None)] {
                member(&store, id).await;
                store.set_home_unit(id, unit).await.unwrap();
            }
            // one open application per person and year: a2 is another applicant's
            store.insert_user(&user("app-u2", "app-n2", None)).await.unwrap();
            store.insert_application(&draft("a1")).await.unwrap();
            store.insert_application(&crate::store::NewApplication { applicant_id: "app-u2", ..draft("a2") }).await.unwrap();
            for a in ["a1", "a2"] {
                set_status(&store, a, Status::UnderEvaluation).await;
            }
            let members: Vec<(String, Option<String>)> = vec![("m1".into(), None), ("m2".into(), Some("org-u".into())), ("m3".into(), None)];
            let new = NewSession { id: "s1", office_id: "org-o", committee_id: "org-c", name: "评审会", held_at: 100, place: "301", rule: PassRule::default(), now: 1, members: &members };
            store.insert_eval_session(&new).await.unwrap();
            let s = store.eval_session("s1").await.unwrap().unwrap();
            let notify: Vec<(String, Vec<outbox::Message>)> =
                ["a1", "a2", "a9"].iter().map(|a| (a.to_string(), vec![message(a, outbox::Template::Evaluation)])).collect();
            assert_eq!(store.assign_to_session(&s, &["a1".into(), "a2".into(), "a2".into(), "a9".into()], &notify).await.unwrap(), 2, "each once");
            let told: Vec<String> = store.outbox(10).await.unwrap().into_iter().map(|m| m.recipient).collect();
            assert_eq!(told.len(), 2, "a notice for each application taken, none for the one not taken: {told:?}");
            // a1: m1 and m3 pass (m2 recused) → 2/2; a2: m1 passes, m3 fails → 1/2
            for (app, m, pass) in [("a1", "m1", true), ("a1", "m3", false), ("a1", "m3", true), ("a2", "m1", true), ("a2", "m3", false), ("a1", "m2", false)] {
                assert!(store.cast_vote("s1", app, m, pass, "意见", 5).await.unwrap());
            }
            let batch = store.close_session(&s, &office(), "ip", 20).await.unwrap();
            assert_eq!(batch.moved.len(), 2);
            let apps = store.session_applications("s1").await.unwrap();
            let outcome = |id: &str| apps.iter().find(|a| a.id == id).unwrap().outcome.clone();
            assert_eq!(outcome("a1").as_deref(), Some("pass"), "the recused member's fail vote does not count");
            assert_eq!(outcome("a2").as_deref(), Some("fail"));
            assert!(!store.cast_vote("s1", "a1", "m1", false, "", 30).await.unwrap(), "closed");
            assert!(matches!(store.close_session(&s, &office(), "ip", 21).await, Err(StoreError::Conflict)), "once");
            let s = store.eval_session("s1").await.unwrap().unwrap();
            store.publish_session(&s, &office(), "ip", 40, 1_000).await.unwrap();
            assert_eq!(store.application("a1").await.unwrap().unwrap().status, Status::ResultNotice);
            assert_eq!(store.published_sessions(None).await.unwrap().len(), 1);
            assert_eq!(store.on_notice(Some("a1")).await.unwrap().len(), 1, "objections can be lodged on the results");
            assert!(store.on_notice(None).await.unwrap().is_empty(), "the notice list is the units' notices only");
        }

        certificates_are_numbered_once_recorded_once_and_revoked_once(store) {
            setup(&store).await;
            let mut tasks = vec![];
            for _ in 0..20 {
                let store = store.clone();
                tasks.push(tokio::spawn(async move { store.next_certificate_seq(2026).await.unwrap() }));
            }
            let mut seqs = vec![];
            for t in tasks {
                seqs.push(t.await.unwrap());
            }
            seqs.sort();
            assert_eq!(seqs, (1..=20).collect::<Vec<i64>>());
            store.insert_application(&draft("a1")).await.unwrap();
            set_status(&store, "a1", Status::Filed).await;
            let issuer = Actor::new("iss", Role::Issuer, Some("org-i".into())).in_region(Some("org-r".into()));
            let cert = certificate("XJZC-2026-000021-0", 21);
            assert!(matches!(store.record_certificate(&cert, &issuer, "ip").await.unwrap(), Issued::NotPassed), "no pass, no certificate");
            sqlx::query("UPDATE applications SET outcome = 'pass' WHERE id = 'a1'").execute(store.pool()).await.unwrap();
            assert!(matches!(store.record_certificate(&cert, &issuer, "ip").await.unwrap(), Issued::Done(_)));
            let again = CertificateRow { number: "XJZC-2026-000022-9".into(), seq: 22, ..cert.clone() };
            assert!(matches!(store.record_certificate(&again, &issuer, "ip").await.unwrap(), Issued::Denied(_)), "once per application");
            assert_eq!(store.certificates_of_holder("app-u1").await.unwrap().len(), 1);
            assert!(store.revoke_certificate(&cert.number, &issuer, "理由充分的撤销", "ip", 60).await.unwrap());
            assert!(!store.revoke_certificate(&cert.number, &issuer, "再次撤销", "ip", 61).await.unwrap());
            assert_eq!(store.revoked_certificates().await.unwrap().len(), 1);
            assert!(matches!(store.verify_audit().await.unwrap(), crate::store::audit::AuditCheck::Intact { .. }));
        }

        a_finding_after_certification_revokes_the_certificate(store) {
            setup(&store).await;
            store.insert_application(&draft("a1")).await.unwrap();
            set_status(&store, "a1", Status::Filed).await;
            sqlx::query("UPDATE applications SET outcome = 'pass' WHERE id = 'a1'").execute(store.pool()).await.unwrap();
            let issuer = Actor::new("iss", Role::Issuer, Some("org-i".into())).in_region(Some("org-r".into()));
            let cert = certificate("XJZC-2026-000031-4", 31);
            assert!(matches!(store.record_certificate(&cert, &issuer, "ip").await.unwrap(), Issued::Done(_)));
            let f = Finding {
                application_id: "a1",
                evidence: "获奖证书系伪造，经发证机关函复无此证书",
                against_applicant: true,
                against_unit: false,
                now: 70,
                applicant_until: 1_000,
                unit_until: 0,
                client_ip: "ip",
            };
            assert!(matches!(store.record_finding(&f, &office()).await.unwrap(), Found::Done { .. }));
            assert_eq!(store.application("a1").await.unwrap().unwrap().status, Status::Closed);
            let held = store.certificates_of_holder("app-u1").await.unwrap();
            assert_eq!(held[0].status, crate::domain::certificate::CertificateStatus::Revoked);
            assert_eq!((held[0].revoked_at, held[0].revoked_reason.as_deref()), (Some(70), Some(f.evidence)));
            assert_eq!(store.revoked_certificates().await.unwrap().len(), 1);
            assert!(matches!(store.verify_audit().await.unwrap(), crate::store::audit::AuditCheck::Intact { .. }));
        }

        a_finding_closes_bars_and_signs_out(store) {
            let applicant = setup(&store).await;
            store.insert_session("tok", &applicant.user_id, 1).await.unwrap();
            store.insert_application(&draft("a1")).await.unwrap();
            set_status(&store, "a1", Status::OfficeReview).await;
            let f = Finding {
                application_id: "a1",
                evidence: "学历证书系伪造",
                against_applicant: true,
                against_unit: true,
                now: 100,
                applicant_until: 1_000,
                unit_until: 500,
                client_ip: "ip",
            };
            let other_office = Actor { org_id: Some("org-x".into()), ..office() };
            assert!(matches!(store.record_finding(&f, &other_office).await.unwrap(), Found::Denied(_)));
            assert!(store.banned_until(Subject::Applicant, "app-u1", 200).await.unwrap().is_none(), "nothing written when refused");
            assert!(matches!(store.record_finding(&f, &office()).await.unwrap(), Found::Done { ended_sessions: 1 }));
            assert_eq!(store.application("a1").await.unwrap().unwrap().status, Status::Closed);
            assert_eq!(store.banned_until(Subject::Applicant, "app-u1", 200).await.unwrap(), Some(1_000));
            assert_eq!(store.banned_until(Subject::Unit, "org-u", 200).await.unwrap(), Some(500));
            assert_eq!(store.credit_record("org-u").await.unwrap().len(), 1);
            assert_eq!(store.findings(None, 100).await.unwrap().len(), 2);
            // in force at 600: the applicant's bar (to 1,000), not the unit's (to 500); bounded
            assert_eq!(store.findings(Some(600), 100).await.unwrap().len(), 1);
            assert_eq!(store.findings(None, 1).await.unwrap().len(), 1);
            assert!(store.session("tok").await.unwrap().is_none());
            // the credit record, periods over included: the office that handled the application
            // and the administrator read both; the unit its own; the applicant theirs
            use crate::domain::penalties::CreditScope as C;
            let kinds = |rows: Vec<crate::store::FindingRow>| rows.into_iter().map(|f| f.subject_kind).collect::<Vec<_>>();
            assert_eq!(store.credit_entries(&C::All, 100).await.unwrap().len(), 2);
            assert_eq!(store.credit_entries(&C::Office("org-o".into()), 100).await.unwrap().len(), 2);
            assert_eq!(store.credit_entries(&C::Office("org-x".into()), 100).await.unwrap().len(), 0);
            assert_eq!(kinds(store.credit_entries(&C::Unit("org-u".into()), 100).await.unwrap()), vec![Subject::Unit]);
            assert_eq!(kinds(store.credit_entries(&C::Applicant("app-u1".into()), 100).await.unwrap()), vec![Subject::Applicant]);
            assert!(store.credit_entries(&C::Applicant("org-u".into()), 100).await.unwrap().is_empty(), "an id of the other kind");
            assert!(store.credit_entries(&C::Unit("app-u1".into()), 100).await.unwrap().is_empty(), "an id of the other kind");
        }
    }
}

#[test]
fn aid_staff_are_recused_from_the_dispatching_unit_and_the_unit_they_serve() {
    let aid = crate::store::evaluation::SessionApplicationRow {
        id: "a1".into(),
        applicant_id: "app-u1".into(),
        applicant_name: "阿依古丽".into(),
        applicant_unit_id: None,
        unit_name: "新疆大学".into(),
        reviewing_unit_id: "org-dispatch".into(),
        home_unit_id: "org-u".into(),
        region_id: "org-r".into(),
        series: String::new(),
        specialty: String::new(),
        level: "associate_senior".into(),
        status: Status::UnderEvaluation,
        version: 1,
        outcome: None,
    };
    assert_eq!(aid.units(), ["org-dispatch", "org-u"]);
    let plain = crate::store::evaluation::SessionApplicationRow {
        reviewing_unit_id: "org-u".into(),
        home_unit_id: String::new(),
        applicant_unit_id: Some("org-u".into()),
        ..aid
    };
    assert_eq!(plain.units(), ["org-u"]);
}
