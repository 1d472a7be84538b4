//! The public notice (公示, §五, route `/gongshi`): who is on notice now, and the objections
//! lodged against them.

use super::review::Decision;
use super::{Store, StoreError, StoreResult};
use crate::domain::workflow::{Action, Actor, Denied};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ObjectionRow {
    pub id: String,
    pub application_id: String,
    pub name: String,
    pub contact: String,
    pub body: String,
    pub client_ip: String,
    pub lodged_at: i64,
    /// The unit's handling (issue 16): what it found and what it did; empty until handled.
    pub findings: String,
    pub outcome: String,
    pub handled_by: String,
    pub handled_at: Option<i64>,
}

/// The unit's record of one objection's handling.
#[derive(Clone, Copy)]
pub struct Handling<'a> {
    pub objection_id: &'a str,
    pub findings: &'a str,
    pub outcome: &'a str,
    pub client_ip: &'a str,
    pub now: i64,
}

/// What recording a handling came to.
#[derive(Debug)]
pub enum Handled {
    /// Recorded; the application as it is now (its version stepped, for open pages).
    Done(Box<super::ApplicationRow>),
    /// The domain refused it (not the unit's, or the notice is over).
    Denied(Denied),
    /// No such objection on this application, or it was handled already.
    NotOpen,
}

const OBJECTION_COLUMNS: &str = "id, application_id, name, contact, body, client_ip, lodged_at, findings, outcome, handled_by, handled_at";

/// An application on public notice, as the public page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NoticeEntry {
    pub id: String,
    pub applicant_name: String,
    pub unit_name: String,
    pub series: String,
    pub specialty: String,
    pub level: String,
    pub materials: String,
    pub notice_started_at: i64,
    pub notice_closes_at: i64,
}

impl Store {
    pub async fn insert_objection(&self, o: &ObjectionRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO objections (id, application_id, name, contact, body, client_ip, lodged_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&o.id)
        .bind(&o.application_id)
        .bind(&o.name)
        .bind(&o.contact)
        .bind(&o.body)
        .bind(&o.client_ip)
        .bind(o.lodged_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn objections_of(&self, application_id: &str) -> StoreResult<Vec<ObjectionRow>> {
        Ok(sqlx::query_as::<_, ObjectionRow>(&format!(
            "SELECT {OBJECTION_COLUMNS} FROM objections WHERE application_id = $1 ORDER BY lodged_at, id"
        ))
        .bind(application_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// How many objections on the application have no recorded handling.
    pub async fn unhandled_objections(&self, application_id: &str) -> StoreResult<u32> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM objections WHERE application_id = $1 AND handled_at IS NULL")
            .bind(application_id)
            .fetch_one(self.pool())
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Records the unit's handling of one open objection, in one transaction with its audit
    /// record (`Action::HandleObjection`, through the same transition as every decision: the
    /// domain's check on the locked row, the version step that tells open pages).
    pub async fn handle_objection(&self, application_id: &str, actor: &Actor, h: &Handling<'_>) -> StoreResult<Handled> {
        let detail = serde_json::json!({ "objection": h.objection_id, "findings": h.findings }).to_string();
        let store = self.clone();
        let (app_id, actor, objection_id) = (application_id.to_string(), actor.clone(), h.objection_id.to_string());
        let (findings, outcome, ip, now) = (h.findings.to_string(), h.outcome.to_string(), h.client_ip.to_string(), h.now);
        // on its own task, as `decide`: a client that goes away cannot cut the transaction in half
        tokio::spawn(async move {
            let decision = Decision { detail: &detail, ..Decision::plain(Action::HandleObjection, &outcome, &ip, now) };
            let mut conn = store.begin().await?;
            let result = async {
                let Some(row) = store.lock_application(&mut conn, &app_id).await? else { return Err(StoreError::NotFound) };
                let marked = sqlx::query(
                    "UPDATE objections SET findings = $1, outcome = $2, handled_by = $3, handled_at = $4 \
                     WHERE id = $5 AND application_id = $6 AND handled_at IS NULL",
                )
                .bind(&findings)
                .bind(&outcome)
                .bind(&actor.user_id)
                .bind(now)
                .bind(&objection_id)
                .bind(&app_id)
                .execute(&mut *conn)
                .await?;
                if marked.rows_affected() != 1 {
                    return Ok(Handled::NotOpen);
                }
                Ok(match store.transition_locked(&mut conn, &row, &actor, &decision).await? {
                    Ok(after) => Handled::Done(Box::new(after)),
                    Err(denied) => Handled::Denied(denied),
                })
            }
            .await;
            store.finish(conn, matches!(result, Ok(Handled::Done(_)))).await?;
            result
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("handle_objection task: {e}")))?
    }

    /// Applications on public notice now, newest first; or the one with `id`.
    pub async fn on_notice(&self, id: Option<&str>) -> StoreResult<Vec<NoticeEntry>> {
        // One application asked for by id may also be on its results notice (§八): objections
        // can be lodged then too, and its dates are the session's.
        let results = if id.is_some() { " OR (ap.status = 'result_notice' AND s.notice_closes_at IS NOT NULL)" } else { "" };
        let mut sql = format!(
            "SELECT ap.id, u.name AS applicant_name, COALESCE(o.name, '') AS unit_name, ap.series, ap.specialty, ap.level, ap.materials, \
             CASE WHEN ap.status = 'result_notice' THEN s.published_at ELSE ap.notice_started_at END AS notice_started_at, \
             CASE WHEN ap.status = 'result_notice' THEN s.notice_closes_at ELSE ap.notice_closes_at END AS notice_closes_at \
             FROM applications ap JOIN users u ON u.id = ap.applicant_id \
             LEFT JOIN organisations o ON o.id = ap.reviewing_unit_id LEFT JOIN eval_sessions s ON s.id = ap.session_id \
             WHERE ((ap.status = 'unit_notice' AND ap.notice_started_at IS NOT NULL AND ap.notice_closes_at IS NOT NULL){results})"
        );
        if id.is_some() {
            sql.push_str(" AND ap.id = $1");
        }
        sql.push_str(" ORDER BY notice_started_at DESC LIMIT 500");
        let mut q = sqlx::query_as::<_, NoticeEntry>(&sql);
        if let Some(id) = id {
            q = q.bind(id);
        }
        Ok(q.fetch_all(self.pool()).await?)
    }
}
