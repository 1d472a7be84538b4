//! Administration in the store, on SQLite and PostgreSQL: disabling ends every session of the
//! account in the same transaction; a role change ends them too; each change is one record of the
//! audit chain, which stays intact; the account list filters; series names are unique; a calendar
//! day set and reset leaves the weekday rule.

use super::*;
use crate::domain::series::Series;
use crate::domain::workflow::{Actor, Role};
use crate::store::audit::AuditCheck;

fn admin() -> Actor {
    Actor::new("adm", Role::Admin, Some("org-r".into()))
}

fn by(actor: &Actor) -> ByAdmin<'_> {
    ByAdmin { actor, client_ip: "127.0.0.1", now: 10 }
}

async fn records(store: &Store, subject: &str) -> Vec<String> {
    store.audit_of(subject).await.unwrap().into_iter().map(|r| format!("{} {}→{}", r.action, r.from_status, r.to_status)).collect()
}

mod accounts {
    use super::*;

    store_tests! {
        disabling_ends_every_session_and_is_audited_once(store) {
            let a = admin();
            store.insert_user(&user("u1", "n1", None)).await.unwrap();
            for t in ["t1", "t2", "t3"] {
                store.insert_session(t, "u1", 1).await.unwrap();
            }
            assert!(store.set_user_disabled("u1", true, &by(&a)).await.unwrap());
            // a second time changes nothing and writes nothing
            assert!(!store.set_user_disabled("u1", true, &by(&a)).await.unwrap());
            for t in ["t1", "t2", "t3"] {
                assert!(store.session(t).await.unwrap().is_none(), "{t} still there");
            }
            assert_eq!(store.user_by_id("u1").await.unwrap().unwrap().disabled, 1);
            assert_eq!(records(&store, "user:u1").await, vec!["disable_user enabled→disabled"]);
            assert!(store.set_user_disabled("u1", false, &by(&a)).await.unwrap());
            assert_eq!(store.user_by_id("u1").await.unwrap().unwrap().disabled, 0);
            assert!(matches!(store.set_user_disabled("nobody", true, &by(&a)).await, Err(StoreError::NotFound)));
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Intact { records: 2 });
        }

        a_new_role_ends_the_sessions_and_records_before_and_after(store) {
            let a = admin();
            for (id, kind, parent) in [("org-r", OrgKind::Region, None), ("org-a", OrgKind::Authority, Some("org-r"))] {
                let org = OrgRow { id: id.into(), kind, name: id.into(), parent_id: parent.map(Into::into) };
                store.ensure_org(&org, 0).await.unwrap();
            }
            let unit = store.insert_org(OrgKind::Unit, "新疆大学", Some("org-a"), &by(&a)).await.unwrap();
            store.insert_user(&user("u1", "n1", None)).await.unwrap();
            store.insert_session("t1", "u1", 1).await.unwrap();
            assert!(store.assign_user("u1", "unit_reviewer", Some(&unit), &by(&a)).await.unwrap());
            assert!(store.session("t1").await.unwrap().is_none());
            // the same again is no change
            assert!(!store.assign_user("u1", "unit_reviewer", Some(&unit), &by(&a)).await.unwrap());
            let u = store.user_by_id("u1").await.unwrap().unwrap();
            assert_eq!((u.role.as_str(), u.org_name.as_deref()), ("unit_reviewer", Some("新疆大学")));
            assert_eq!(records(&store, "user:u1").await, vec![format!("assign_user applicant@→unit_reviewer@{unit}")]);
            assert_eq!(records(&store, &format!("org:{unit}")).await, vec!["create_org →unit"]);
            store.rename_org(&unit, "新疆大学（本部）", &by(&a)).await.unwrap();
            assert_eq!(store.organisation(&unit).await.unwrap().unwrap().name, "新疆大学（本部）");
            assert!(matches!(store.rename_org("org-none", "x", &by(&a)).await, Err(StoreError::NotFound)));
            assert_eq!(store.people_per_org().await.unwrap(), vec![(unit.clone(), 1)]);
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Intact { records: 3 });
        }

        an_invitation_is_refused_for_a_taken_user_name_and_writes_nothing(store) {
            let a = admin();
            store.insert_user(&user("u1", "wang", None)).await.unwrap();
            let invitation = [message("13991001234", outbox::Template::Invitation)];
            let again = store.invite_user(&user("u2", "wang", None), &by(&a), &reset_code("u2", "hash-2", 1, 100), &invitation).await;
            assert!(matches!(again, Err(StoreError::Unique("username"))), "{again:?}");
            assert!(store.user_by_id("u2").await.unwrap().is_none());
            assert_eq!(store.verify_audit().await.unwrap(), AuditCheck::Intact { records: 0 });
            assert_eq!(outbox_count(&store).await, 0, "no invitation for an account not made");
            store.invite_user(&user("u3", "li", None), &by(&a), &reset_code("u3", "hash-3", 1, 100), &invitation).await.unwrap();
            assert_eq!(records(&store, "user:u3").await, vec!["invite_user →applicant"]);
            assert_eq!(store.live_reset_code("u3", 2).await.unwrap().map(|c| c.code_hash).as_deref(), Some("hash-3"));
            assert_eq!(outbox_count(&store).await, 1);
        }

        the_account_list_filters_by_role_organisation_and_text(store) {
            let mut u = user("u1", "wang.jg", None);
            u.name = "王建国";
            store.insert_user(&u).await.unwrap();
            let mut v = user("u2", "li.xl", None);
            v.name = "李秀兰";
            v.role = "unit_reviewer";
            store.insert_user(&v).await.unwrap();
            let ids = |rows: Vec<UserRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
            let all = UserFilter { limit: 50, ..Default::default() };
            assert_eq!(ids(store.users(&all).await.unwrap()), vec!["u1", "u2"]);
            let f = UserFilter { role: "unit_reviewer".into(), ..all.clone() };
            assert_eq!(ids(store.users(&f).await.unwrap()), vec!["u2"]);
            let f = UserFilter { text: "建国".into(), ..all.clone() };
            assert_eq!(ids(store.users(&f).await.unwrap()), vec!["u1"]);
            // LIKE's wildcards typed by a person are letters, not patterns
            let f = UserFilter { text: "%".into(), ..all.clone() };
            assert_eq!(ids(store.users(&f).await.unwrap()).len(), 2);
            let f = UserFilter { text: "li.".into(), ..all };
            assert_eq!(ids(store.users(&f).await.unwrap()), vec!["u2"]);
        }
    }
}

mod catalogue {
    use super::*;

    fn series(id: &str, name: &str) -> Series {
        Series {
            id: id.into(),
            name: name.into(),
            specialties: vec!["机械".into(), "电气".into()],
            titles: ["技术员".into(), "工程师".into(), "高级工程师".into(), "正高级工程师".into()],
            open: true,
        }
    }

    store_tests! {
        series_are_kept_with_their_titles_and_names_are_unique(store) {
            let a = admin();
            // the seed's series comes with the migration
            let seeded = store.title_series().await.unwrap();
            assert_eq!(seeded.len(), 1);
            assert_eq!(seeded[0].titles[2], "副研究员");
            let id = store.save_series(&series("", "工程"), &by(&a)).await.unwrap();
            let again = store.save_series(&series("", "工程"), &by(&a)).await;
            assert!(matches!(again, Err(StoreError::Unique(_))), "{again:?}");
            let mut closed = series(&id, "工程");
            closed.open = false;
            closed.specialties = vec!["机械".into()];
            assert_eq!(store.save_series(&closed, &by(&a)).await.unwrap(), id);
            let found = store.title_series().await.unwrap().into_iter().find(|s| s.id == id).unwrap();
            assert_eq!(found, closed);
            assert!(matches!(store.save_series(&series("series-none", "x"), &by(&a)).await, Err(StoreError::NotFound)));
            assert_eq!(records(&store, &format!("series:{id}")).await, vec!["create_series →open", "change_series →closed"]);
        }

        a_calendar_day_is_set_and_reset_with_its_records(store) {
            let a = admin();
            store.save_calendar_day("2027-02-08", Some(DayKind::Holiday), "春节假期", &by(&a)).await.unwrap();
            let year = store.calendar_days_of_year(2027).await.unwrap();
            assert_eq!(year, vec![("2027-02-08".to_string(), "holiday".to_string(), "春节假期".to_string())]);
            assert!(!store.work_calendar().await.unwrap().is_working_day(time::macros::date!(2027 - 02 - 08)));
            store.save_calendar_day("2027-02-08", None, "", &by(&a)).await.unwrap();
            assert!(store.calendar_days_of_year(2027).await.unwrap().is_empty());
            assert!(store.work_calendar().await.unwrap().is_working_day(time::macros::date!(2027 - 02 - 08)));
            assert_eq!(records(&store, "calendar:2027-02-08").await, vec!["calendar_day weekday→holiday", "calendar_day holiday→weekday"]);
        }
    }
}
