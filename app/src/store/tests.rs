//! The store's tests, each run on SQLite and on PostgreSQL. PostgreSQL is used when
//! `TEST_DATABASE_URL` is set (each test gets a fresh database, dropped afterwards); when it is not
//! set the PostgreSQL variants say so and pass, unless `ZP_REQUIRE_POSTGRES=1` (as in `.ci/run`),
//! where they fail.

use super::*;
use crate::domain::admin::OrgKind;
use crate::domain::calendar::DayKind;
use crate::domain::penalties::Subject;
use time::macros::date;

/// A fresh SQLite database in a temporary file.
async fn sqlite_store() -> Store {
    let dir = std::env::temp_dir().join(format!("zhiping-store-test-{}", new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    Store::open(&format!("sqlite://{}/t.db?mode=rwc", dir.display())).await.unwrap()
}

/// A fresh PostgreSQL database, or `None` when none is configured.
async fn postgres_store() -> Option<Store> {
    Some(Store::open(&super::fresh_postgres_database().await?).await.unwrap())
}

macro_rules! store_tests {
    ($($name:ident($store:ident) $body:block)*) => {
        mod sqlite {
            use super::*;
            $(#[tokio::test] async fn $name() { let $store = sqlite_store().await; $body })*
        }
        mod postgres {
            use super::*;
            $(#[tokio::test] async fn $name() {
                let Some($store) = postgres_store().await else { return };
                $body
            })*
        }
    };
}

/// A one-time code to keep for `user_id`, sent by SMS.
fn reset_code<'a>(user_id: &'a str, code_hash: &'a str, now: i64, expires_at: i64) -> NewResetCode<'a> {
    NewResetCode { user_id, code_hash, channel: "sms", now, expires_at }
}

/// A message to `recipient` as a change stores it with itself.
fn message(recipient: &str, template: outbox::Template) -> outbox::Message {
    outbox::Message {
        channel: outbox::Channel::Sms,
        recipient: recipient.into(),
        subject: "s".into(),
        body: "b".into(),
        template,
        params: vec![],
        user_id: None,
        now: 1,
    }
}

/// How many messages the outbox holds.
async fn outbox_count(store: &Store) -> usize {
    store.outbox(1_000).await.unwrap().len()
}

fn user<'a>(id: &'a str, username: &'a str, id_number: Option<&'a str>) -> NewUser<'a> {
    NewUser {
        id,
        username,
        id_number,
        name: "张三",
        phone: "13991001234",
        email: "a@b.cn",
        password_hash: "x",
        role: "applicant",
        org_id: None,
        created_at: 1,
    }
}

store_tests! {
    one_account_per_id_number(store) {
        store.insert_user(&user("u1", "n1", Some("11010519491231002X"))).await.unwrap();
        let again = store.insert_user(&user("u2", "n2", Some("11010519491231002X"))).await;
        assert!(matches!(again, Err(StoreError::Unique("id_number"))), "{again:?}");
        let same_name = store.insert_user(&user("u3", "n1", Some("650102198506152024"))).await;
        assert!(matches!(same_name, Err(StoreError::Unique("username"))), "{same_name:?}");
        // found by user name and by ID number in either case of x
        assert_eq!(store.user_by_account("n1").await.unwrap().unwrap().id, "u1");
        assert_eq!(store.user_by_account("11010519491231002x").await.unwrap().unwrap().id, "u1");
    }

    concurrent_registrations_with_one_id_make_one_account(store) {
        let mut tasks = Vec::new();
        for i in 0..20 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let id = format!("c{i}");
                let name = format!("cn{i}");
                store.insert_user(&user(&id, &name, Some("650104198803211513"))).await
            }));
        }
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(StoreError::Unique("id_number")) => {}
                Err(e) => panic!("unexpected {e:?}"),
            }
        }
        assert_eq!(ok, 1);
    }

    sessions_live_and_die(store) {
        store.insert_user(&user("u1", "n1", None)).await.unwrap();
        store.insert_session("h1", "u1", 100).await.unwrap();
        store.insert_session("h2", "u1", 100).await.unwrap();
        store.touch_session("h1", 500).await.unwrap();
        assert_eq!(store.session("h1").await.unwrap().unwrap().last_seen_at, 500);
        assert_eq!(store.purge_sessions(200, 0).await.unwrap(), 1); // h2 idle since 100
        assert!(store.session("h2").await.unwrap().is_none());
        assert_eq!(store.delete_sessions_of("u1").await.unwrap(), 1);
    }

    reset_codes_are_single_use_and_only_the_latest_works(store) {
        store.insert_user(&user("u1", "n1", None)).await.unwrap();
        store.insert_reset_code(&reset_code("u1", "hash-a", 100, 1_000), &[]).await.unwrap();
        store.insert_reset_code(&reset_code("u1", "hash-b", 200, 1_100), &[message("13991001234", outbox::Template::ResetCode)]).await.unwrap();
        assert_eq!(outbox_count(&store).await, 1, "the code's message is kept with it");
        let live = store.live_reset_code("u1", 300).await.unwrap().unwrap();
        assert_eq!(live.code_hash, "hash-b");
        assert!(store.spend_reset_code(&live.id, 300).await.unwrap());
        assert!(!store.spend_reset_code(&live.id, 301).await.unwrap());
        assert!(store.live_reset_code("u1", 302).await.unwrap().is_none());
        store.insert_reset_code(&reset_code("u1", "hash-c", 400, 500), &[]).await.unwrap();
        assert!(store.live_reset_code("u1", 500).await.unwrap().is_none(), "expired at 500");
    }

    throttle_counts_each_use_with_the_ones_before_it_and_takes_uses_back(store) {
        for (at, token) in [(10, "t1"), (20, "t2")] {
            store.take_throttle("login:acct:x", token, at, 0).await.unwrap();
        }
        assert_eq!(store.take_throttle("login:acct:x", "t3", 30, 15).await.unwrap(), (2, Some(20)), "10 is outside the window");
        assert_eq!(store.take_throttle("login:acct:y", "t4", 30, 0).await.unwrap(), (1, Some(30)));
        store.release_throttle("t3").await.unwrap();
        assert_eq!(store.take_throttle("login:acct:x", "t5", 40, 15).await.unwrap(), (2, Some(20)), "t3 given back");
        store.clear_throttle("login:acct:x").await.unwrap();
        assert_eq!(store.take_throttle("login:acct:x", "t6", 50, 0).await.unwrap().0, 1);
    }

    a_reset_code_gives_its_hash_to_five_tries_only_even_at_once(store) {
        store.insert_user(&user("u1", "n1", None)).await.unwrap();
        store.insert_reset_code(&reset_code("u1", "hash-a", 100, 1_000), &[]).await.unwrap();
        let live = store.live_reset_code("u1", 200).await.unwrap().unwrap();
        let mut tries = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let (store, id) = (store.clone(), live.id.clone());
            tries.spawn(async move { store.try_reset_code(&id, 5).await.unwrap() });
        }
        let mut given = 0;
        while let Some(hash) = tries.join_next().await {
            given += usize::from(hash.unwrap().as_deref() == Some("hash-a"));
        }
        assert_eq!(given, 5, "twenty tries at once, five compared");
        assert!(store.try_reset_code(&live.id, 5).await.unwrap().is_none());
    }

    outbox_keeps_messages_newest_first(store) {
        for (i, body) in ["first", "second"].into_iter().enumerate() {
            let msg = outbox::Message {
                channel: outbox::Channel::Sms,
                recipient: "13991001234".into(),
                subject: "s".into(),
                body: body.into(),
                template: outbox::Template::ResetCode,
                params: vec!["12345678".into()],
                user_id: None,
                now: i as i64,
            };
            store.insert_outbox(&msg).await.unwrap();
        }
        let rows = store.outbox(10).await.unwrap();
        assert_eq!(rows.iter().map(|r| r.body.as_str()).collect::<Vec<_>>(), ["second", "first"]);
        assert_eq!((rows[0].template.as_str(), rows[0].params.as_str()), ("reset_code", r#"["12345678"]"#));
    }

    outbox_messages_are_claimed_once_retried_and_resent(store) {
        use outbox::{Channel, DeliveryState};
        for i in 0..6 {
            let msg = outbox::Message {
                channel: if i < 5 { Channel::Email } else { Channel::Sms },
                recipient: format!("p{i}@example.cn"),
                subject: "s".into(),
                body: "b".into(),
                template: outbox::Template::Username,
                params: vec![format!("user{i}")],
                user_id: None,
                now: 100,
            };
            store.insert_outbox(&msg).await.unwrap();
        }
        // two workers claiming at once share the five e-mails without overlap; the SMS is not theirs
        let (a, b) = tokio::join!(store.claim_outbox(&[Channel::Email], 200, 1_000, 3), store.claim_outbox(&[Channel::Email], 200, 1_000, 3));
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut ids: Vec<&str> = a.iter().chain(&b).map(|r| r.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!((a.len() + b.len(), ids.len()), (5, 5), "each message claimed by one worker");
        assert!(a.iter().chain(&b).all(|r| r.attempts == 1 && r.channel == "email"));
        // claimed: nobody else takes them until the claim runs out
        assert!(store.claim_outbox(&[Channel::Email], 999, 2_000, 10).await.unwrap().is_empty());
        let first = a[0].id.clone();
        store.delivery_done(&first, DeliveryState::Pending, 5_000, "connection refused", 300).await.unwrap();
        for r in a.iter().skip(1).chain(&b) {
            store.delivery_done(&r.id, DeliveryState::Sent, 0, "", 300).await.unwrap();
        }
        // the retried one comes back at its time, not before, with its attempts counted
        assert!(store.claim_outbox(&[Channel::Email], 4_999, 6_000, 10).await.unwrap().is_empty());
        let again = store.claim_outbox(&[Channel::Email], 5_000, 6_000, 10).await.unwrap();
        assert_eq!((again.len(), again[0].attempts, again[0].last_error.as_str()), (1, 2, "connection refused"));
        store.delivery_done(&first, DeliveryState::Failed, 0, "gave up", 5_100).await.unwrap();
        let row = store.outbox_message(&first).await.unwrap().unwrap();
        assert_eq!((row.state.as_str(), row.sent_at), ("failed", None));
        // resent: pending again, a fresh count, and claimed at once
        assert!(store.resend_outbox(&first, 7_000).await.unwrap());
        let resent = store.claim_outbox(&[Channel::Email], 7_000, 8_000, 10).await.unwrap();
        assert_eq!((resent.len(), resent[0].attempts, resent[0].queued_at), (1, 1, 7_000));
        // a message being delivered right now is not resent under the worker
        assert!(!store.resend_outbox(&first, 7_500).await.unwrap());
        let sent = store.outbox(10).await.unwrap().into_iter().filter(|r| r.state == "sent").count();
        assert_eq!(sent, 4);
    }

    the_calendar_migration_holds_the_official_arrangements(store) {
        let cal = store.work_calendar().await.unwrap();
        // Spring Festival 2021: 11–17 Feb off, Sunday 7 and Saturday 20 Feb worked.
        assert!(!cal.is_working_day(date!(2021 - 02 - 11)));
        assert!(cal.is_working_day(date!(2021 - 02 - 07)));
        assert!(cal.is_working_day(date!(2021 - 02 - 20)));
        // National Day 2025 (with Mid-Autumn): 1–8 Oct off, Sunday 28 Sep and Saturday 11 Oct worked.
        assert!(!cal.is_working_day(date!(2025 - 10 - 08)));
        assert!(cal.is_working_day(date!(2025 - 09 - 28)));
        assert!(cal.is_working_day(date!(2025 - 10 - 11)));
        // Spring Festival 2026: 15–23 Feb off, Saturdays 14 and 28 Feb worked.
        assert!(!cal.is_working_day(date!(2026 - 02 - 23)));
        assert!(cal.is_working_day(date!(2026 - 02 - 14)));
        assert!(cal.is_working_day(date!(2026 - 02 - 28)));
        assert!(cal != crate::domain::calendar::WorkCalendar::new([(date!(2021 - 01 - 01), DayKind::Holiday)]));
    }

    demo_seed_is_idempotent(store) {
        seed_demo(&store, 1).await.unwrap();
        seed_demo(&store, 2).await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(store.pool()).await.unwrap();
        assert_eq!(n, DEMO_ACCOUNTS.len() as i64);
        let applicant = store.user_by_account("shenbao").await.unwrap().unwrap();
        assert_eq!(applicant.org_name.as_deref(), Some("新疆大学"));
        assert!(crate::security::verify_password(DEMO_PASSWORD.into(), Some(applicant.password_hash)).await);
    }
}

mod applications {
    use super::*;
    use crate::domain::workflow::{Actor, Role, Status};

    pub(super) async fn setup(store: &Store) -> Actor {
        for (id, kind) in [("org-r", OrgKind::Region), ("org-a", OrgKind::Authority), ("org-u", OrgKind::Unit), ("org-o", OrgKind::Office)]
        {
            let org = OrgRow { id: id.into(), kind, name: id.into(), parent_id: None };
            store.ensure_org(&org, 0).await.unwrap();
        }
        store.insert_user(&user("app-u1", "app-n1", None)).await.unwrap();
        Actor::new("app-u1", Role::Applicant, None)
    }

    pub(super) fn draft(id: &str) -> NewApplication<'_> {
        NewApplication {
            id,
            applicant_id: "app-u1",
            evaluation_year: 2026,
            series: "高等学校教育管理研究",
            specialty: "高等教育管理",
            level: "associate_senior",
            region_id: "org-r",
            reviewing_unit_id: "org-u",
            home_unit_id: "",
            authority_id: "org-a",
            office_id: "org-o",
            materials: "{}",
            now: 1,
            round_id: "",
        }
    }

    pub(super) async fn set_status(store: &Store, id: &str, status: Status) {
        sqlx::query("UPDATE applications SET status = $1, version = version + 1 WHERE id = $2")
            .bind(status.as_str())
            .bind(id)
            .execute(store.pool())
            .await
            .unwrap();
    }

    pub(super) async fn used(store: &Store, id: &str) -> (Status, i64) {
        let row = store.application(id).await.unwrap().unwrap();
        (row.status, row.submissions_used)
    }

    pub(super) use crate::domain::workflow::Denied as D;
}

/// The applications' tests (their own module: the macro names its modules sqlite/postgres).
mod submissions {
    use super::*;

    store_tests! {
        one_open_application_per_person_per_year(store) {
            applications::setup(&store).await;
            store.insert_application(&applications::draft("a1")).await.unwrap();
            let second = store.insert_application(&applications::draft("a2")).await;
            assert!(matches!(second, Err(StoreError::Unique(_))), "{second:?}");
            // once withdrawn, a new one may start
            applications::set_status(&store, "a1", crate::domain::workflow::Status::Withdrawn).await;
            store.insert_application(&applications::draft("a2")).await.unwrap();
        }

        a_submission_key_spends_one_submission_however_often_it_arrives(store) {
            let actor = applications::setup(&store).await;
            store.insert_application(&applications::draft("a1")).await.unwrap();
            let mut tasks = Vec::new();
            for _ in 0..20 {
                let (store, actor) = (store.clone(), actor.clone());
                tasks.push(tokio::spawn(async move { store.submit("a1", &actor, "key-1", "127.0.0.1", 10).await }));
            }
            let mut now = 0;
            for t in tasks {
                match t.await.unwrap().unwrap() {
                    Ok(Submitted::Now { number }) => { assert_eq!(number, 1); now += 1; }
                    Ok(Submitted::Already { number }) => assert_eq!(number, 1),
                    Err(d) => panic!("refused: {d:?}"),
                }
            }
            assert_eq!(now, 1);
            assert_eq!(applications::used(&store, "a1").await, (crate::domain::workflow::Status::UnitReview, 1));
        }

        two_tabs_with_two_keys_still_submit_once(store) {
            let actor = applications::setup(&store).await;
            store.insert_application(&applications::draft("a1")).await.unwrap();
            let mut tasks = Vec::new();
            for i in 0..10 {
                let (store, actor) = (store.clone(), actor.clone());
                tasks.push(tokio::spawn(async move { store.submit("a1", &actor, &format!("tab-{i}"), "127.0.0.1", 10).await }));
            }
            let mut now = 0;
            for t in tasks {
                match t.await.unwrap().unwrap() {
                    Ok(Submitted::Now { .. }) => now += 1,
                    Ok(Submitted::Already { .. }) => panic!("different keys are not replays"),
                    Err(d) => assert_eq!(d, applications::D::State(crate::domain::workflow::Status::UnitReview)),
                }
            }
            assert_eq!(now, 1);
            assert_eq!(applications::used(&store, "a1").await.1, 1);
        }

        there_is_no_fourth_submission(store) {
            use crate::domain::workflow::Status;
            let actor = applications::setup(&store).await;
            store.insert_application(&applications::draft("a1")).await.unwrap();
            for (i, key) in ["k1", "k2", "k3"].into_iter().enumerate() {
                let got = store.submit("a1", &actor, key, "127.0.0.1", 10).await.unwrap();
                assert_eq!(got, Ok(Submitted::Now { number: i as i64 + 1 }));
                applications::set_status(&store, "a1", Status::Returned).await; // the office returns it
            }
            let fourth = store.submit("a1", &actor, "k4", "127.0.0.1", 10).await.unwrap();
            assert_eq!(fourth, Err(applications::D::SubmissionsExhausted));
            assert_eq!(applications::used(&store, "a1").await, (Status::Returned, 3));
        }

        materials_save_only_at_the_version_read_and_only_while_editable(store) {
            let actor = applications::setup(&store).await;
            store.insert_application(&applications::draft("a1")).await.unwrap();
            let v1 = store.save_materials("a1", 0, "{\"a\":1}", 5).await.unwrap();
            assert_eq!(v1, 1);
            assert!(matches!(store.save_materials("a1", 0, "{\"stale\":1}", 6).await, Err(StoreError::Conflict)));
            assert_eq!(store.application("a1").await.unwrap().unwrap().materials, "{\"a\":1}");
            store.submit("a1", &actor, "k", "127.0.0.1", 7).await.unwrap().unwrap();
            let v = store.application("a1").await.unwrap().unwrap().version;
            assert!(matches!(store.save_materials("a1", v, "{}", 8).await, Err(StoreError::Conflict)), "read-only after submission");
        }

        a_ban_holds_until_its_end(store) {
            let p = NewPenalty {
                id: "p1", subject: Subject::Applicant, subject_id: "u1", application_id: Some("a1"),
                evidence: "伪造论文检索证明", found_by: "office-1", found_at: 100, until_at: 1_000,
            };
            store.insert_penalty(&p).await.unwrap();
            assert_eq!(store.banned_until(Subject::Applicant, "u1", 500).await.unwrap(), Some(1_000));
            assert_eq!(store.banned_until(Subject::Applicant, "u1", 1_000).await.unwrap(), None, "free on the end day");
            assert_eq!(store.banned_until(Subject::Unit, "u1", 500).await.unwrap(), None);
            assert_eq!(store.banned_until(Subject::Applicant, "u2", 500).await.unwrap(), None);
        }

        notices_are_drafts_until_published_and_keep_their_first_publication_time(store) {
            let mut n = NoticeRow {
                id: "n1".into(), kind: "notice".into(), title: "关于开展2026年度职称评审工作的通知".into(),
                body: "各有关单位：".into(), published_at: None, created_by: "admin".into(), created_at: 0, updated_at: 0,
            };
            let admin = crate::domain::workflow::Actor::new("admin", crate::domain::workflow::Role::Admin, None);
            let at = |now| crate::store::ByAdmin { actor: &admin, client_ip: "ip", now };
            store.save_notice(&n, false, &at(10)).await.unwrap();
            assert!(store.notices(false).await.unwrap().is_empty(), "a draft is not public");
            assert_eq!(store.notices(true).await.unwrap().len(), 1);
            store.save_notice(&n, true, &at(20)).await.unwrap();
            n.body = "各有关单位：现将有关事项通知如下。".into();
            store.save_notice(&n, true, &at(30)).await.unwrap();
            let public = store.notices(false).await.unwrap();
            assert_eq!((public.len(), public[0].published_at, public[0].updated_at), (1, Some(20), 30));
            assert_eq!(public[0].body, n.body);
            // each save is in the audit chain, with the state before and after (security review M8)
            let saves: Vec<String> =
                store.audit_of("notice:n1").await.unwrap().iter().map(|r| format!("{}→{} {}", r.from_status, r.to_status, r.actor_id)).collect();
            assert_eq!(saves, ["→draft admin", "draft→published admin", "published→published admin"]);
            assert!(matches!(store.verify_audit().await.unwrap(), crate::store::audit::AuditCheck::Intact { records: 3 }));
        }
    }
}

mod admin;
mod evaluation;
mod review;
mod rounds;
