//! Fraud findings and the bans they carry.

use super::{Store, StoreResult};

pub struct NewPenalty<'a> {
    pub id: &'a str,
    pub subject_kind: &'a str,
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
        .bind(p.subject_kind)
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
    pub async fn banned_until(&self, subject_kind: &str, subject_id: &str, now: i64) -> StoreResult<Option<i64>> {
        Ok(sqlx::query_scalar("SELECT MAX(until_at) FROM penalties WHERE subject_kind = $1 AND subject_id = $2 AND until_at > $3")
            .bind(subject_kind)
            .bind(subject_id)
            .bind(now)
            .fetch_one(self.pool())
            .await?)
    }
}
