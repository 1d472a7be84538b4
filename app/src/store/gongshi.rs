//! The public notice (公示, §五, route `/gongshi`): who is on notice now, and the objections
//! lodged against them.

use super::{Store, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ObjectionRow {
    pub id: String,
    pub application_id: String,
    pub name: String,
    pub contact: String,
    pub body: String,
    pub client_ip: String,
    pub lodged_at: i64,
}

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
        Ok(sqlx::query_as::<_, ObjectionRow>(
            "SELECT id, application_id, name, contact, body, client_ip, lodged_at FROM objections WHERE application_id = $1 ORDER BY lodged_at",
        )
        .bind(application_id)
        .fetch_all(self.pool())
        .await?)
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
