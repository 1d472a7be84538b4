//! Rounds in the store, on SQLite and PostgreSQL: one per series, region and year; each change a
//! record of the audit chain; one application per person per round, whatever became of the first;
//! the demo's rounds seeded once.

use super::applications::{draft, set_status, setup};
use super::*;
use crate::domain::workflow::{Actor, Role, Status};
use crate::store::audit::AuditCheck;

fn admin() -> Actor {
    Actor::new("adm", Role::Admin, Some("org-r".into()))
}

fn round_2026<'a>(id: &'a str) -> RoundSave<'a> {
    RoundSave {
        id,
        series_id: "series-hem",
        region_id: "org-r",
        year: 2026,
        opens_on: date!(2026 - 11 - 01),
        submit_by: date!(2027 - 03 - 31),
        reference_date: date!(2026 - 12 - 31),
        conditions: &NOTICE,
    }
}

static NOTICE: std::sync::LazyLock<crate::domain::conditions::Conditions> = std::sync::LazyLock::new(Default::default);

store_tests! {
    a_round_per_series_region_and_year_each_change_audited(store) {
        setup(&store).await;
        let a = admin();
        let by = ByAdmin { actor: &a, client_ip: "127.0.0.1", now: 10 };
        let id = store.save_round(&round_2026(""), &by).await.unwrap();
        let again = store.save_round(&round_2026(""), &by).await;
        assert!(matches!(again, Err(StoreError::Unique(_))), "{again:?}");
        let stricter = crate::domain::conditions::Conditions { professional_hours: 120, ..Default::default() };
        store.save_round(&RoundSave { submit_by: date!(2027 - 04 - 30), conditions: &stricter, ..round_2026(&id) }, &by).await.unwrap();
        let missing = store.save_round(&round_2026("round-nobody"), &by).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        let all = store.rounds().await.unwrap();
        assert_eq!(all.len(), 1);
        let r = &all[0];
        assert_eq!((r.round.series.as_str(), r.region_name.as_str(), r.round.year), ("高等学校教育管理研究", "org-r", 2026));
        assert_eq!((r.round.submit_by, r.round.reference_date), (date!(2027 - 04 - 30), date!(2026 - 12 - 31)));
        assert_eq!(r.round.conditions, stricter, "the conditions are the round's own");
        assert_eq!(store.round(&id).await.unwrap().as_ref(), Some(r));
        assert_eq!(store.round("").await.unwrap(), None);
        let actions: Vec<String> = store.audit_of(&format!("round:{id}")).await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(actions, ["create_round", "change_round"]);
        assert!(matches!(store.verify_audit().await.unwrap(), AuditCheck::Intact { .. }));
    }

    one_application_per_person_per_round_whatever_became_of_it(store) {
        setup(&store).await;
        let a = admin();
        let by = ByAdmin { actor: &a, client_ip: "127.0.0.1", now: 10 };
        let round = store.save_round(&round_2026(""), &by).await.unwrap();
        store.insert_application(&NewApplication { round_id: &round, ..draft("a1") }).await.unwrap();
        // withdrawn (视为放弃申报): the open-per-year rule would let a second one in; the round does not
        set_status(&store, "a1", Status::Withdrawn).await;
        assert_eq!(store.statuses_in_round("app-u1", &round, "").await.unwrap(), [Status::Withdrawn]);
        assert_eq!(store.statuses_in_round("app-u1", &round, "a1").await.unwrap(), []);
        let second = store.insert_application(&NewApplication { round_id: &round, ..draft("a2") }).await;
        assert!(matches!(second, Err(StoreError::Unique("applications_one_per_round" | "round_id"))), "{second:?}");
        // without a round (made before rounds existed) only the open-per-year rule holds
        store.insert_application(&draft("a3")).await.unwrap();
    }

    the_demo_rounds_are_seeded_once(store) {
        let now = 1_796_601_600_000; // 2026-12-07 in Beijing
        seed_demo(&store, now).await.unwrap();
        seed_demo(&store, now + 86_400_000 * 90).await.unwrap();
        let all = store.rounds().await.unwrap();
        let windows: Vec<(String, time::Date, time::Date)> = all.iter().map(|r| (r.round.series.clone(), r.round.opens_on, r.round.submit_by)).collect();
        assert_eq!(windows.len(), 2, "{windows:?}");
        assert!(windows.contains(&("高等学校教育管理研究".into(), date!(2026 - 11 - 01), date!(2027 - 04 - 30))), "{windows:?}");
        assert!(windows.contains(&("高等学校实验技术".into(), date!(2027 - 03 - 01), date!(2027 - 08 - 31))), "{windows:?}");
    }
}
