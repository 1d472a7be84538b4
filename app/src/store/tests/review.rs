//! The review chain in the store: one decision out of many, stale versions, the sweeper, the
//! reminders, the queues' scoping and the audit chain — on SQLite and PostgreSQL.

use super::applications::{draft, setup};
use super::*;
use crate::domain::deadline::CORRECTION_WINDOW_MS;
use crate::domain::review::QueueOrg;
use crate::domain::workflow::{Action, Actor, Role, Status};
use crate::store::audit::AuditCheck;

fn reviewer(role: Role, org: &str) -> Actor {
    Actor::new(format!("{}-{org}", role.as_str()), role, Some(org.into()))
}

/// A submitted application `id` of `applicant`, moved by the office to `office_review`.
async fn at_office(store: &Store, applicant: &Actor, id: &str) {
    store.insert_application(&NewApplication { applicant_id: &applicant.user_id, ..draft(id) }).await.unwrap();
    store.submit(id, applicant, &format!("{id}-k1"), "ip", 10).await.unwrap().unwrap();
    for (action, actor) in [
        (Action::StartNotice, reviewer(Role::UnitReviewer, "org-u")),
        (Action::UnitRecommend, reviewer(Role::UnitReviewer, "org-u")),
        (Action::AuthorityRecommend, reviewer(Role::AuthorityReviewer, "org-a")),
    ] {
        let d = Decision::plain(action, "同意", "ip", 20);
        assert!(matches!(store.decide(id, &actor, &d).await.unwrap(), Decided::Done(_)));
    }
}

mod chain {
    use super::*;

    store_tests! {
        an_objection_is_handled_once_by_its_unit_and_kept_in_the_chain(store) {
            let applicant = setup(&store).await;
            store.insert_application(&NewApplication { applicant_id: &applicant.user_id, ..draft("a1") }).await.unwrap();
            store.submit("a1", &applicant, "a1-k1", "ip", 10).await.unwrap().unwrap();
            let unit = reviewer(Role::UnitReviewer, "org-u");
            assert!(matches!(store.decide("a1", &unit, &Decision::plain(Action::StartNotice, "", "ip", 20)).await.unwrap(), Decided::Done(_)));
            let objection = ObjectionRow {
                id: "ob1".into(),
                application_id: "a1".into(),
                name: "李四".into(),
                contact: "13800000000".into(),
                body: "论文发表时间有误".into(),
                client_ip: "ip".into(),
                lodged_at: 30,
                findings: String::new(),
                outcome: String::new(),
                handled_by: String::new(),
                handled_at: None,
            };
            store.insert_objection(&objection).await.unwrap();
            assert_eq!(store.unhandled_objections("a1").await.unwrap(), 1);
            let version = store.application("a1").await.unwrap().unwrap().version;
            let h = Handling { objection_id: "ob1", findings: "经核实，日期无误", outcome: "异议不成立", client_ip: "ip", now: 40 };

            let other_unit = reviewer(Role::UnitReviewer, "org-x");
            assert!(matches!(store.handle_objection("a1", &other_unit, &h).await.unwrap(), Handled::Denied(crate::domain::workflow::Denied::NotYours)));
            assert_eq!(store.unhandled_objections("a1").await.unwrap(), 1, "a refused handling leaves nothing behind");
            let elsewhere = Handling { objection_id: "no-such-objection", ..h };
            assert!(matches!(store.handle_objection("a1", &unit, &elsewhere).await.unwrap(), Handled::NotOpen));

            assert!(matches!(store.handle_objection("a1", &unit, &h).await.unwrap(), Handled::Done(_)));
            assert!(matches!(store.handle_objection("a1", &unit, &h).await.unwrap(), Handled::NotOpen), "once");
            assert_eq!(store.unhandled_objections("a1").await.unwrap(), 0);
            let row = store.application("a1").await.unwrap().unwrap();
            assert_eq!((row.status, row.version), (Status::UnitNotice, version + 1), "the notice goes on; open pages hear of it");
            let kept = &store.objections_of("a1").await.unwrap()[0];
            assert_eq!(
                (kept.findings.as_str(), kept.outcome.as_str(), kept.handled_by.as_str(), kept.handled_at),
                ("经核实，日期无误", "异议不成立", unit.user_id.as_str(), Some(40))
            );
            let last = store.audit_of("a1").await.unwrap().pop().unwrap();
            assert_eq!((last.action.as_str(), last.opinion.as_str()), ("handle_objection", "异议不成立"));
            assert!(last.detail.contains("ob1") && last.detail.contains("经核实，日期无误"), "{}", last.detail);
            assert!(matches!(store.verify_audit().await.unwrap(), AuditCheck::Intact { .. }));
        }

        of_fifty_identical_decisions_exactly_one_is_recorded(store) {
            let applicant = setup(&store).await;
            at_office(&store, &applicant, "a1").await;
            let version = store.application("a1").await.unwrap().unwrap().version;
            let office = reviewer(Role::OfficeReviewer, "org-o");
            let mut tasks = vec![];
            for _ in 0..50 {
                let (store, office) = (store.clone(), office.clone());
                tasks.push(tokio::spawn(async move {
                    let mut d = Decision::plain(Action::OfficePass, "符合形式要求", "ip", 30);
                    d.expected_version = Some(version);
                    store.decide("a1", &office, &d).await.unwrap()
                }));
            }
            let (mut done, mut stale) = (0, 0);
            for t in tasks {
                match t.await.unwrap() {
                    Decided::Done(_) => done += 1,
                    Decided::Stale(row) => { assert_eq!(row.status, Status::FormalPassed); stale += 1 }
                    Decided::Denied(d) => panic!("{d:?}"),
                }
            }
            assert_eq!((done, stale), (1, 49));
            let passes = store.audit_of("a1").await.unwrap().into_iter().filter(|r| r.action == "office_pass").count();
            assert_eq!(passes, 1);
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Intact { records: 5 });
        }

        a_return_opens_48_hours_and_the_sweeper_withdraws_once(store) {
            let applicant = setup(&store).await;
            at_office(&store, &applicant, "a1").await;
            let office = reviewer(Role::OfficeReviewer, "org-o");
            let mut d = Decision::plain(Action::OfficeReturn, "", "ip", 1_000);
            d.return_items = Some("[]");
            let Decided::Done(row) = store.decide("a1", &office, &d).await.unwrap() else { panic!() };
            assert_eq!((row.status.as_str(), row.due_at), ("returned", Some(1_000 + CORRECTION_WINDOW_MS)));
            assert!(store.expire_overdue(1_000 + CORRECTION_WINDOW_MS - 1, 10).await.unwrap().is_empty(), "not a millisecond early");
            // two servers sweeping at the same moment withdraw it once
            let (a, b) = tokio::join!(store.expire_overdue(1_000 + CORRECTION_WINDOW_MS, 10), store.expire_overdue(1_000 + CORRECTION_WINDOW_MS, 10));
            assert_eq!(a.unwrap().len() + b.unwrap().len(), 1);
            assert_eq!(store.application("a1").await.unwrap().unwrap().status, Status::Withdrawn);
            let last = store.audit_of("a1").await.unwrap().pop().unwrap();
            assert_eq!((last.action.as_str(), last.role.as_str(), last.to_status.as_str()), ("expire", "system", "withdrawn"));
        }

        a_sweep_in_batches_withdraws_each_once_in_deadline_order_and_chains_every_record(store) {
            setup(&store).await;
            let office = reviewer(Role::OfficeReviewer, "org-o");
            for i in 0..7 {
                let (uid, name, id) = (format!("sw-u{i}"), format!("sw-n{i}"), format!("sw{i}"));
                store.insert_user(&user(&uid, &name, None)).await.unwrap();
                at_office(&store, &Actor::new(uid.clone(), Role::Applicant, None), &id).await;
                // returned a millisecond apart, the last one first: the deadlines run sw6 … sw0
                let mut d = Decision::plain(Action::OfficeReturn, "", "ip", 1_000 + (6 - i));
                d.return_items = Some("[]");
                assert!(matches!(store.decide(&id, &office, &d).await.unwrap(), Decided::Done(_)));
            }
            let AuditCheck::Intact { records: before } = store.verify_audit().await.unwrap() else { panic!() };
            let now = 1_006 + CORRECTION_WINDOW_MS;
            let ids = |rows: Vec<ApplicationRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
            assert_eq!(ids(store.expire_overdue(now - 4, 10).await.unwrap()), ["sw6", "sw5", "sw4"], "only those due, earliest first");
            assert_eq!(ids(store.expire_overdue(now, 3).await.unwrap()), ["sw3", "sw2", "sw1"], "at most the batch");
            let last = store.expire_overdue(now, 3).await.unwrap();
            assert_eq!((last[0].id.as_str(), last[0].status, last.len()), ("sw0", Status::Withdrawn, 1));
            assert!(store.expire_overdue(now, 3).await.unwrap().is_empty(), "a second sweep finds nothing");
            for i in 0..7 {
                let id = format!("sw{i}");
                let row = store.application(&id).await.unwrap().unwrap();
                let swept_at = if i >= 4 { now - 4 } else { now };
                assert_eq!((row.status, row.updated_at), (Status::Withdrawn, swept_at), "{id}");
                let expiries: Vec<_> = store.audit_of(&id).await.unwrap().into_iter().filter(|r| r.action == "expire").collect();
                assert_eq!(expiries.len(), 1, "{id}");
                assert_eq!((expiries[0].from_status.as_str(), expiries[0].to_status.as_str()), ("returned", "withdrawn"));
            }
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Intact { records: before + 7 });
        }

        a_resubmission_in_time_closes_the_window(store) {
            let applicant = setup(&store).await;
            at_office(&store, &applicant, "a1").await;
            let mut d = Decision::plain(Action::OfficeReturn, "", "ip", 1_000);
            d.return_items = Some("[]");
            store.decide("a1", &reviewer(Role::OfficeReviewer, "org-o"), &d).await.unwrap();
            let again = store.submit("a1", &applicant, "a1-k2", "ip", 2_000).await.unwrap();
            assert_eq!(again, Ok(Submitted::Now { number: 2 }));
            let row = store.application("a1").await.unwrap().unwrap();
            assert_eq!((row.status.as_str(), row.due_at), ("office_review", None));
            assert!(store.expire_overdue(i64::MAX / 2, 10).await.unwrap().is_empty());
        }

        reminders_are_marked_once(store) {
            let applicant = setup(&store).await;
            at_office(&store, &applicant, "a1").await;
            let mut d = Decision::plain(Action::OfficeReturn, "", "ip", 0);
            d.return_items = Some("[]");
            store.decide("a1", &reviewer(Role::OfficeReviewer, "org-o"), &d).await.unwrap();
            let day = 24 * crate::domain::instant::HOUR_MS;
            assert!(store.returns_due_within(0, day).await.unwrap().is_empty());
            assert_eq!(store.returns_due_within(CORRECTION_WINDOW_MS - day, day).await.unwrap().len(), 1);
            let reminder = [message("13991001234", outbox::Template::Reminder)];
            assert!(store.mark_reminder("a1", 0, 1, &reminder).await.unwrap());
            assert!(!store.mark_reminder("a1", 0, 1, &reminder).await.unwrap(), "a second server does not send it again");
            assert_eq!(outbox_count(&store).await, 1, "the reminder is stored once, with its mark");
        }

        queues_hold_only_their_organisation_at_their_step(store) {
            let applicant = setup(&store).await;
            store.ensure_org(&OrgRow { id: "org-u2".into(), kind: OrgKind::Unit, name: "other".into(), parent_id: None }, 0).await.unwrap();
            store.insert_application(&draft("a1")).await.unwrap();
            store.submit("a1", &applicant, "k", "ip", 10).await.unwrap().unwrap();
            let unit_steps = [Status::UnitReview, Status::UnitNotice];
            let f = QueueFilter { limit: 100, ..Default::default() };
            assert_eq!(store.queue(QueueOrg::ReviewingUnit, "org-u", &unit_steps, &f).await.unwrap().len(), 1);
            assert!(store.queue(QueueOrg::ReviewingUnit, "org-u2", &unit_steps, &f).await.unwrap().is_empty());
            assert!(store.queue(QueueOrg::Authority, "org-a", &[Status::AuthorityReview], &f).await.unwrap().is_empty());
            // a status filter outside the step finds nothing; a name search with % is literal
            let other = QueueFilter { status: Some(Status::Returned), limit: 100, ..Default::default() };
            assert!(store.queue(QueueOrg::ReviewingUnit, "org-u", &unit_steps, &other).await.unwrap().is_empty());
            let by_name = |n: &str| QueueFilter { name: Some(n.into()), limit: 100, ..Default::default() };
            assert_eq!(store.queue(QueueOrg::ReviewingUnit, "org-u", &unit_steps, &by_name("张")).await.unwrap().len(), 1);
            assert!(store.queue(QueueOrg::ReviewingUnit, "org-u", &unit_steps, &by_name("%")).await.unwrap().is_empty());
        }

        queue_pages_follow_each_other_with_nothing_lost_or_repeated_in_every_order(store) {
            setup(&store).await;
            let office = reviewer(Role::OfficeReviewer, "org-o");
            // two alike names, ties in every sort key (all moved at the same moment), and three
            // returns with deadlines in the reverse order of their ids
            for (i, name) in ["王五", "李四", "张三", "王五", "赵六", "钱七", "孙八"].into_iter().enumerate() {
                let (uid, id) = (format!("pg-u{i}"), format!("pg{i}"));
                store.insert_user(&NewUser { name, ..user(&uid, &uid, None) }).await.unwrap();
                at_office(&store, &Actor::new(uid.clone(), Role::Applicant, None), &id).await;
                if i % 2 == 0 {
                    let mut d = Decision::plain(Action::OfficeReturn, "", "ip", 1_000 - i as i64);
                    d.return_items = Some("[]");
                    assert!(matches!(store.decide(&id, &office, &d).await.unwrap(), Decided::Done(_)));
                }
            }
            let (org, steps) = crate::domain::review::queue_of(Role::OfficeReviewer).unwrap();
            let ids = |rows: Vec<QueueRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
            for sort in [QueueSort::Recent, QueueSort::Deadline, QueueSort::Name] {
                let whole = ids(store.queue(org, "org-o", steps, &QueueFilter { sort, limit: 100, ..Default::default() }).await.unwrap());
                assert_eq!(whole.len(), 7, "{sort:?}");
                let (mut paged, mut after) = (vec![], None);
                loop {
                    let f = QueueFilter { sort, limit: 3, after: after.clone(), ..Default::default() };
                    let page = ids(store.queue(org, "org-o", steps, &f).await.unwrap());
                    if page.is_empty() {
                        break;
                    }
                    after = page.last().cloned();
                    paged.extend(page);
                }
                assert_eq!(paged, whole, "{sort:?}: the pages one after the other are the whole list");
                let all = ids(store.queue_all(org, "org-o", steps, &QueueFilter { sort, ..Default::default() }).await.unwrap());
                assert_eq!(all, whole, "{sort:?}");
            }
            let deadline = ids(store.queue(org, "org-o", steps, &QueueFilter { sort: QueueSort::Deadline, limit: 3, ..Default::default() }).await.unwrap());
            assert_eq!(deadline, ["pg6", "pg4", "pg2"], "the nearest deadline first");
            let named = QueueFilter { name: Some("王五".into()), limit: 1, ..Default::default() };
            assert_eq!(store.queue_total(org, "org-o", steps, &named).await.unwrap(), 2, "the total counts every page");
            let gone = QueueFilter { after: Some("no-such-id".into()), limit: 100, ..Default::default() };
            assert_eq!(store.queue(org, "org-o", steps, &gone).await.unwrap().len(), 7, "an unknown cursor starts from the top");
        }

        the_audit_chain_names_the_first_changed_or_removed_record(store) {
            let applicant = setup(&store).await;
            at_office(&store, &applicant, "a1").await;
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Intact { records: 4 });
            sqlx::query("UPDATE audit_log SET opinion = '不同意' WHERE seq = 3").execute(store.pool()).await.unwrap();
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Broken { seq: 3, reason: "hash" });
            sqlx::query("UPDATE audit_log SET opinion = '同意' WHERE seq = 3").execute(store.pool()).await.unwrap();
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Intact { records: 4 });
            sqlx::query("DELETE FROM audit_log WHERE seq = 4").execute(store.pool()).await.unwrap();
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Broken { seq: 4, reason: "head" });
            sqlx::query("DELETE FROM audit_log WHERE seq = 2").execute(store.pool()).await.unwrap();
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Broken { seq: 2, reason: "missing" });
        }

        a_rewritten_tail_is_found_by_the_head_seal_that_needs_the_key(store) {
            use crate::store::audit::{chain_hash, AuditKey, AuditRow};
            let key = || AuditKey::new(b"a test key of thirty-two characters!".to_vec());
            let store = store.with_audit_key(key());
            let applicant = setup(&store).await;
            at_office(&store, &applicant, "a1").await;
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Intact { records: 4 });
            // someone with the database but not the key rewrites the last record and recomputes
            // its hash and the head's: the chain itself is consistent again…
            let mut last: AuditRow = sqlx::query_as("SELECT * FROM audit_log WHERE seq = 4").fetch_one(store.pool()).await.unwrap();
            last.opinion = "改写的意见".into();
            last.hash = chain_hash(&last);
            sqlx::query("UPDATE audit_log SET opinion = $1, hash = $2 WHERE seq = 4").bind(&last.opinion).bind(&last.hash).execute(store.pool()).await.unwrap();
            sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&last.hash).execute(store.pool()).await.unwrap();
            let unkeyed = store.clone().without_audit_key();
            assert_eq!(unkeyed.verify_audit().await.unwrap(), AuditCheck::Intact { records: 4 }, "without the key it looks intact");
            // …but the seal over the head does not match, and blanking it does not help
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Broken { seq: 4, reason: "head seal" });
            sqlx::query("UPDATE audit_head SET seal = '' WHERE id = 1").execute(store.pool()).await.unwrap();
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Broken { seq: 4, reason: "head seal" });
            // an install that predates the seal has its intact chain sealed once, with a new key
            let fresh = store.clone().without_audit_key().with_audit_key(AuditKey::new(b"another key of thirty-two characters".to_vec()));
            assert_eq!(fresh.seal_unsealed_head().await.unwrap(), AuditCheck::Intact { records: 4 });
            assert_eq!(fresh.verify_audit().await.unwrap(), AuditCheck::Intact { records: 4 });
        }
    }
}
