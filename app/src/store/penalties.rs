//! Fraud findings and the bans they carry.

use super::{Store, StoreResult};
use crate::domain::penalties::{CreditScope, Subject};

pub struct NewPenalty<'a> {
    pub id: &'a str,
    pub subject: Subject,
    pub subject_id: &'a str,
    pub application_id: Option<&'a str>,
    pub evidence: &'a str,
    pub found_by: &'a str,
    pub found_at: i64,
    pub until_at: i64,
}

impl Store {
    pub async fn insert_penalty(&self, p: &NewPenalty<'_>) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO penalties (id, subject_kind, subject_id, application_id, evidence, found_by, found_at, until_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(p.id)
        .bind(p.subject.as_str())
        .bind(p.subject_id)
        .bind(p.application_id)
        .bind(p.evidence)
        .bind(p.found_by)
        .bind(p.found_at)
        .bind(p.until_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// When the latest ban on the subject ends, if one is in force at `now`.
    pub async fn banned_until(&self, subject: Subject, subject_id: &str, now: i64) -> StoreResult<Option<i64>> {
        Ok(sqlx::query_scalar("SELECT MAX(until_at) FROM penalties WHERE subject_kind = $1 AND subject_id = $2 AND until_at > $3")
            .bind(subject.as_str())
            .bind(subject_id)
            .bind(now)
            .fetch_one(self.pool())
            .await?)
    }
}

/// A finding's row with the names of whom it is against (`FindingRow`), before the filter.
const FINDING_COLUMNS: &str = "SELECT p.id, p.subject_kind, COALESCE(u.name, o.name, '') AS subject_name, \
     CASE WHEN p.subject_kind = 'applicant' THEN COALESCE(uo.name, '') ELSE '' END AS unit_name, \
     p.evidence, p.found_at, p.until_at \
     FROM penalties p \
     LEFT JOIN users u ON p.subject_kind = 'applicant' AND u.id = p.subject_id \
     LEFT JOIN organisations uo ON uo.id = u.org_id \
     LEFT JOIN organisations o ON p.subject_kind = 'unit' AND o.id = p.subject_id";

/// A finding as the public 通报 page and the credit record list it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FindingRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub subject_kind: Subject,
    /// The applicant's or the unit's name.
    pub subject_name: String,
    /// For an applicant, their unit; for a unit, empty.
    pub unit_name: String,
    pub evidence: String,
    pub found_at: i64,
    pub until_at: i64,
}

/// What the office found, and against whom.
pub struct Finding<'a> {
    pub application_id: &'a str,
    pub evidence: &'a str,
    pub against_applicant: bool,
    pub against_unit: bool,
    pub now: i64,
    /// When each ban ends (computed by the domain from the Beijing date of the finding).
    pub applicant_until: i64,
    pub unit_until: i64,
    pub client_ip: &'a str,
}

#[derive(Clone, Debug)]
pub enum Found {
    Done { ended_sessions: u64 },
    Denied(crate::domain::workflow::Denied),
}

impl Store {
    /// Records a fraud finding: the application closes (`FindFraud`, audited), a certificate it
    /// had is revoked, the bans and the unit's credit-record entry are written, and the
    /// applicant's sessions end — all or nothing.
    pub async fn record_finding(&self, f: &Finding<'_>, actor: &crate::domain::workflow::Actor) -> StoreResult<Found> {
        use super::review::Decision;
        use crate::domain::workflow::Action;
        let mut conn = self.begin().await?;
        let result = async {
            let Some(app) = self.lock_application(&mut conn, f.application_id).await? else { return Err(super::StoreError::NotFound) };
            // found after certification: the certificate goes with the application (§(十一))
            let revokes = app.status == crate::domain::workflow::Status::Certified;
            let detail =
                serde_json::json!({ "applicant": f.against_applicant, "unit": f.against_unit, "certificate_revoked": revokes }).to_string();
            let mut d = Decision::plain(Action::FindFraud, f.evidence, f.client_ip, f.now);
            d.detail = &detail;
            if let Err(denied) = self.transition_locked(&mut conn, &app, actor, &d).await? {
                return Ok(Found::Denied(denied));
            }
            if revokes {
                sqlx::query(
                    "UPDATE certificates SET status = 'revoked', revoked_at = $1, revoked_by = $2, revoked_reason = $3 \
                     WHERE application_id = $4 AND status = 'valid'",
                )
                .bind(f.now)
                .bind(&actor.user_id)
                .bind(f.evidence)
                .bind(&app.id)
                .execute(&mut *conn)
                .await?;
            }
            let mut subjects = Vec::new();
            if f.against_applicant {
                subjects.push((Subject::Applicant, app.applicant_id.clone(), f.applicant_until));
            }
            if f.against_unit {
                subjects.push((Subject::Unit, app.reviewing_unit_id.clone(), f.unit_until));
            }
            for (kind, subject, until) in &subjects {
                let id = super::new_id();
                sqlx::query(
                    "INSERT INTO penalties (id, subject_kind, subject_id, application_id, evidence, found_by, found_at, until_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&id)
                .bind(kind.as_str())
                .bind(subject)
                .bind(&app.id)
                .bind(f.evidence)
                .bind(&actor.user_id)
                .bind(f.now)
                .bind(*until)
                .execute(&mut *conn)
                .await?;
                if *kind == Subject::Unit {
                    sqlx::query("INSERT INTO credit_records (id, org_id, penalty_id, entry, at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(super::new_id())
                        .bind(subject)
                        .bind(&id)
                        .bind(f.evidence)
                        .bind(f.now)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            let ended = if f.against_applicant {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(&app.applicant_id).execute(&mut *conn).await?.rows_affected()
            } else {
                0
            };
            Ok(Found::Done { ended_sessions: ended })
        }
        .await;
        self.finish(conn, matches!(result, Ok(Found::Done { .. }))).await?;
        result
    }

    /// Findings newest first, for the region-wide notice (通报); with `in_force_at`, only those
    /// whose bar still runs then (a finding whose period is over leaves the public notice — L6).
    /// At most `limit`.
    pub async fn findings(&self, in_force_at: Option<i64>, limit: i64) -> StoreResult<Vec<FindingRow>> {
        Ok(sqlx::query_as::<_, FindingRow>(&format!(
            "{FINDING_COLUMNS} WHERE $1 IS NULL OR p.until_at > $1 ORDER BY p.found_at DESC, p.id LIMIT $2"
        ))
        .bind(in_force_at)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// The credit record (诚信档案) as `scope` may read it, newest first, periods over included; at
    /// most `limit`.
    pub async fn credit_entries(&self, scope: &CreditScope, limit: i64) -> StoreResult<Vec<FindingRow>> {
        let (kind, id) = match scope {
            CreditScope::All => ("all", ""),
            CreditScope::Office(org) => ("office", org.as_str()),
            CreditScope::Unit(org) => ("unit", org.as_str()),
            CreditScope::Applicant(user) => ("applicant", user.as_str()),
        };
        Ok(sqlx::query_as::<_, FindingRow>(&format!(
            "{FINDING_COLUMNS} \
             WHERE $1 = 'all' \
                OR ($1 = 'office' AND EXISTS (SELECT 1 FROM applications a WHERE a.id = p.application_id AND a.office_id = $2)) \
                OR ($1 IN ('unit', 'applicant') AND p.subject_kind = $1 AND p.subject_id = $2) \
             ORDER BY p.found_at DESC, p.id LIMIT $3"
        ))
        .bind(kind)
        .bind(id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// A unit's credit record, newest first: (entry, at).
    pub async fn credit_record(&self, org_id: &str) -> StoreResult<Vec<(String, i64)>> {
        Ok(sqlx::query_as::<_, (String, i64)>("SELECT entry, at FROM credit_records WHERE org_id = $1 ORDER BY at DESC")
            .bind(org_id)
            .fetch_all(self.pool())
            .await?)
    }
}
