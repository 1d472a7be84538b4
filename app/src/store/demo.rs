//! Demo data for `make run`: a region, one competent authority, two units, one evaluation office,
//! the bodies of §八–§九, and one account for every role; and a second region (the 兵团) with its
//! own HR department and issuer, who see none of the first region's work (security review M1); and
//! a unit outside the region that dispatches aid staff (援疆), with its reviewer; the rounds (申报
//! 批次): the seed's series open now, and a second series whose round opens in a few months.
//! Idempotent: run it at every start.

use super::{NewUser, OrgRow, Store, StoreError, StoreResult};
use crate::domain::admin::OrgKind;
use crate::domain::instant::iso_date;
use crate::domain::workflow::Role;

/// The password of every demo account (printed by `make run`; never used outside demo mode).
pub const DEMO_PASSWORD: &str = "Zhiping@2026";

/// (user name, name, role, organisation id, ID number)
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, &str, Option<&str>)] = &[
    ("shenbao", "古丽米拉·艾买提", Role::Applicant, "org-unit-xju", Some("650102198506152024")),
    ("danwei", "王建国", Role::UnitReviewer, "org-unit-xju", None),
    ("danwei2", "李秀兰", Role::UnitReviewer, "org-unit-xjnu", None),
    ("zhuguan", "张志强", Role::AuthorityReviewer, "org-authority-edu", None),
    ("pingban", "马丽", Role::OfficeReviewer, "org-office", None),
    ("pingwei", "陈明", Role::CommitteeMember, "org-committee", None),
    ("pingwei2", "努尔兰·托合提", Role::CommitteeMember, "org-committee", None),
    ("pingwei3", "周静", Role::CommitteeMember, "org-committee", None),
    ("renshe", "赵磊", Role::HrOfficer, "org-hr", None),
    ("qianfa", "刘芳", Role::Issuer, "org-issuer", None),
    ("admin", "系统管理员", Role::Admin, "org-region", None),
    ("renshe2", "阿不都热合曼·买买提", Role::HrOfficer, "org-hr-2", None),
    ("qianfa2", "孙伟", Role::Issuer, "org-issuer-2", None),
    ("paichu", "杨帆", Role::UnitReviewer, "org-dispatch-bnu", None),
];

/// Where the demo committee members work (回避 is by this unit): one from each university and
/// one from outside both.
pub const DEMO_HOME_UNITS: &[(&str, Option<&str>)] =
    &[("pingwei", Some("org-unit-xjnu")), ("pingwei2", Some("org-unit-xju")), ("pingwei3", None)];

fn demo_orgs() -> Vec<OrgRow> {
    let org = |id: &str, kind: OrgKind, name: &str, parent: Option<&str>| OrgRow {
        id: id.into(),
        kind,
        name: name.into(),
        parent_id: parent.map(Into::into),
    };
    vec![
        org("org-region", OrgKind::Region, "新疆维吾尔自治区", None),
        org("org-authority-edu", OrgKind::Authority, "自治区教育厅（主管部门）", Some("org-region")),
        org("org-unit-xju", OrgKind::Unit, "新疆大学", Some("org-authority-edu")),
        org("org-unit-xjnu", OrgKind::Unit, "新疆师范大学", Some("org-authority-edu")),
        org("org-office", OrgKind::Office, "自治区高等学校教育管理研究人员职称评审办公室", Some("org-region")),
        org("org-committee", OrgKind::Committee, "高等学校教育管理研究人员职称评审委员会", Some("org-region")),
        org("org-hr", OrgKind::Hr, "自治区人力资源和社会保障厅", Some("org-region")),
        org("org-issuer", OrgKind::Issuer, "自治区教育厅（证书签发）", Some("org-region")),
        org("org-region-2", OrgKind::Region, "新疆生产建设兵团", None),
        org("org-hr-2", OrgKind::Hr, "兵团人力资源和社会保障局", Some("org-region-2")),
        org("org-issuer-2", OrgKind::Issuer, "兵团教育局（证书签发）", Some("org-region-2")),
        // 援疆: a unit outside the region that sends staff, and reviews their applications
        org("org-dispatch-bnu", OrgKind::Dispatching, "北京师范大学", None),
    ]
}

/// Seeds the demo organisations and accounts that are missing; leaves existing ones alone.
/// Refuses (`StoreError::NotDemo`) a database that holds accounts but none of the demo's: the
/// demo's accounts share a published password and must never join real ones (security review M9).
pub async fn seed_demo(store: &Store, now: i64) -> StoreResult<()> {
    let (users, demo_users): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(CASE WHEN id LIKE 'user-demo-%' THEN 1 END) FROM users").fetch_one(store.pool()).await?;
    if users > 0 && demo_users == 0 {
        return Err(StoreError::NotDemo);
    }
    for org in demo_orgs() {
        store.ensure_org(&org, now).await?;
    }
    for (i, (username, name, role, org, id_number)) in DEMO_ACCOUNTS.iter().enumerate() {
        if store.username_taken(username).await? {
            continue;
        }
        let hash = crate::security::hash_password(DEMO_PASSWORD.into()).await.map_err(|e| StoreError::Db(sqlx::Error::Protocol(e)))?;
        let id = format!("user-demo-{username}");
        let phone = format!("1399100{:04}", i + 1);
        let email = format!("{username}@demo.zhiping.cn");
        let user = NewUser {
            id: &id,
            username,
            id_number: *id_number,
            name,
            phone: &phone,
            email: &email,
            password_hash: &hash,
            role: role.as_str(),
            org_id: Some(org),
            created_at: now,
        };
        match store.insert_user(&user).await {
            // another server seeding at the same moment got there first
            Ok(()) | Err(StoreError::Unique(_)) => {}
            Err(e) => return Err(e),
        }
    }
    for (username, unit) in DEMO_HOME_UNITS {
        store.set_home_unit(&format!("user-demo-{username}"), *unit).await?;
    }
    seed_rounds(store, now).await
}

/// The demo's rounds, dated from the day the demo is first seeded so that it always has one open:
/// the seed's series (高等学校教育管理研究) in the region, open from the first of last month for six
/// months, its conditions counted to the end of the year it opened in; and 高等学校实验技术,
/// whose round opens on the first of the month three months on (a window not yet open).
async fn seed_rounds(store: &Store, now: i64) -> StoreResult<()> {
    let today = crate::domain::instant::Instant(now).beijing_date();
    sqlx::query(
        "INSERT INTO title_series (id, name, specialties, title_junior, title_intermediate, title_associate_senior, title_senior, open, created_at) \
         VALUES ('series-demo-lab', '高等学校实验技术', $1, '助理实验师', '实验师', '高级实验师', '正高级实验师', 1, $2) ON CONFLICT (id) DO NOTHING",
    )
    .bind("实验教学\n实验室管理\n仪器设备管理")
    .bind(now)
    .execute(store.pool())
    .await?;
    for (id, series, from_month) in [("round-demo-hem", "series-hem", -1), ("round-demo-lab", "series-demo-lab", 3)] {
        let opens_on = month_start(today, from_month);
        let submit_by = month_start(opens_on, 6).previous_day().unwrap_or(opens_on);
        let reference = time::Date::from_calendar_date(opens_on.year(), time::Month::December, 31).unwrap_or(opens_on);
        sqlx::query(
            "INSERT INTO rounds (id, series_id, region_id, year, opens_on, submit_by, reference_date, created_at) \
             VALUES ($1, $2, 'org-region', $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(series)
        .bind(i64::from(opens_on.year()))
        .bind(iso_date(opens_on))
        .bind(iso_date(submit_by))
        .bind(iso_date(reference))
        .bind(now)
        .execute(store.pool())
        .await?;
    }
    Ok(())
}

/// The first day of the month `months` after (or before) `day`'s.
fn month_start(day: time::Date, months: i32) -> time::Date {
    let index = day.year() * 12 + i32::from(u8::from(day.month())) - 1 + months;
    let month = time::Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(time::Month::January);
    time::Date::from_calendar_date(index.div_euclid(12), month, 1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::month_start;
    use time::macros::date;

    #[test]
    fn month_start_steps_across_years() {
        assert_eq!(month_start(date!(2026 - 12 - 07), -1), date!(2026 - 11 - 01));
        assert_eq!(month_start(date!(2026 - 12 - 07), 3), date!(2027 - 03 - 01));
        assert_eq!(month_start(date!(2027 - 01 - 15), -1), date!(2026 - 12 - 01));
        assert_eq!(month_start(date!(2026 - 11 - 01), 6), date!(2027 - 05 - 01));
    }
}
