//! Applications: creation, reading the facts `may` needs, saving materials, and submission that
//! never counts twice.

use super::review::Decision;
use super::{unique_or, Store, StoreError, StoreResult};
use crate::domain::workflow::{Action, Actor, ApplicationFacts, Denied, Status};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: String,
    pub applicant_id: String,
    pub evaluation_year: i64,
    pub series: String,
    pub specialty: String,
    pub level: String,
    pub region_id: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub submissions_used: i64,
    pub version: i64,
    pub reviewing_unit_id: String,
    pub authority_id: String,
    pub office_id: String,
    pub materials: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub notice_started_at: Option<i64>,
    pub notice_closes_at: Option<i64>,
    pub due_at: Option<i64>,
    pub return_items: Option<String>,
    pub reminders_sent: i64,
    /// The applicant's own unit when another one reviews (援疆); empty when it is the same.
    pub home_unit_id: String,
    /// The round it belongs to (issue 16); empty for one made before rounds existed.
    pub round_id: String,
}

impl ApplicationRow {
    /// The applicant's own unit: the one that reviews, unless a dispatching unit does (援疆).
    pub fn home_unit(&self) -> &str {
        if self.home_unit_id.is_empty() {
            &self.reviewing_unit_id
        } else {
            &self.home_unit_id
        }
    }

    /// The dispatching unit that reviews an aid applicant's application, if it is one.
    pub fn dispatching_unit(&self) -> Option<&str> {
        (!self.home_unit_id.is_empty() && self.home_unit_id != self.reviewing_unit_id).then_some(self.reviewing_unit_id.as_str())
    }

    /// What `workflow::may` decides on. (A status the domain does not know fails where the row is
    /// read: the column decodes into `Status`.)
    pub fn facts(&self) -> ApplicationFacts {
        ApplicationFacts {
            applicant_id: self.applicant_id.clone(),
            status: self.status,
            submissions_used: u8::try_from(self.submissions_used).unwrap_or(u8::MAX),
            reviewing_unit_id: self.reviewing_unit_id.clone(),
            authority_id: self.authority_id.clone(),
            office_id: self.office_id.clone(),
            region_id: self.region_id.clone(),
        }
    }
}

pub struct NewApplication<'a> {
    pub id: &'a str,
    pub applicant_id: &'a str,
    pub evaluation_year: i32,
    pub series: &'a str,
    pub specialty: &'a str,
    pub level: &'a str,
    pub region_id: &'a str,
    pub reviewing_unit_id: &'a str,
    /// Empty unless another unit reviews (援疆): see `ApplicationRow::home_unit_id`.
    pub home_unit_id: &'a str,
    pub authority_id: &'a str,
    pub office_id: &'a str,
    pub materials: &'a str,
    pub now: i64,
    /// The round it is made in (empty only in store tests that need none).
    pub round_id: &'a str,
}

/// A new level, series, specialty and route for an unsubmitted application.
pub struct Rerouted<'a> {
    /// A change of series or region may move it to another round (and so another year).
    pub round_id: &'a str,
    pub evaluation_year: i32,
    pub level: &'a str,
    pub series: &'a str,
    pub specialty: &'a str,
    pub region_id: &'a str,
    pub reviewing_unit_id: &'a str,
    pub home_unit_id: &'a str,
    pub authority_id: &'a str,
    pub office_id: &'a str,
    pub materials: &'a str,
}

/// What a submission came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submitted {
    /// This call spent submission number `number`.
    Now { number: i64 },
    /// The same key was already used: nothing was spent again.
    Already { number: i64 },
}

pub(super) const COLUMNS: &str = "id, applicant_id, evaluation_year, series, specialty, level, region_id, status, \
     submissions_used, version, reviewing_unit_id, authority_id, office_id, materials, created_at, updated_at, \
     notice_started_at, notice_closes_at, due_at, return_items, reminders_sent, home_unit_id, round_id";

impl Store {
    /// Creates a draft. A second open application of the person for the same year fails with
    /// `Unique("applications_one_open_per_year")` (or `"applicant_id"`), a second one in the same
    /// round with `Unique("applications_one_per_round")` (or `"round_id"`).
    pub async fn insert_application(&self, a: &NewApplication<'_>) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO applications (id, applicant_id, evaluation_year, series, specialty, level, region_id, status, \
             submissions_used, version, reviewing_unit_id, authority_id, office_id, materials, created_at, updated_at, home_unit_id, round_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', 0, 0, $8, $9, $10, $11, $12, $12, $13, $14)",
        )
        .bind(a.id)
        .bind(a.applicant_id)
        .bind(i64::from(a.evaluation_year))
        .bind(a.series)
        .bind(a.specialty)
        .bind(a.level)
        .bind(a.region_id)
        .bind(a.reviewing_unit_id)
        .bind(a.authority_id)
        .bind(a.office_id)
        .bind(a.materials)
        .bind(a.now)
        .bind(a.home_unit_id)
        .bind(a.round_id)
        .execute(self.pool())
        .await
        .map_err(|e| unique_or(e, &["applications_one_per_round", "round_id", "applications_one_open_per_year", "applicant_id"]))?;
        Ok(())
    }

    pub async fn application(&self, id: &str) -> StoreResult<Option<ApplicationRow>> {
        let sql = format!("SELECT {COLUMNS} FROM applications WHERE id = $1");
        Ok(sqlx::query_as::<_, ApplicationRow>(&sql).bind(id).fetch_optional(self.pool()).await?)
    }

    pub async fn applications_of(&self, applicant_id: &str) -> StoreResult<Vec<ApplicationRow>> {
        let sql = format!("SELECT {COLUMNS} FROM applications WHERE applicant_id = $1 ORDER BY created_at DESC");
        Ok(sqlx::query_as::<_, ApplicationRow>(&sql).bind(applicant_id).fetch_all(self.pool()).await?)
    }

    /// Changes what was applied for and where, if the application is still at `version` and
    /// editable; `Conflict` otherwise.
    pub async fn reroute_application(&self, id: &str, version: i64, r: &Rerouted<'_>, now: i64) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE applications SET level = $1, series = $2, specialty = $3, region_id = $4, reviewing_unit_id = $5, \
             authority_id = $6, office_id = $7, materials = $8, version = version + 1, updated_at = $9, home_unit_id = $12, \
             round_id = $13, evaluation_year = $14 \
             WHERE id = $10 AND version = $11 AND status IN ('draft', 'returned')",
        )
        .bind(r.level)
        .bind(r.series)
        .bind(r.specialty)
        .bind(r.region_id)
        .bind(r.reviewing_unit_id)
        .bind(r.authority_id)
        .bind(r.office_id)
        .bind(r.materials)
        .bind(now)
        .bind(id)
        .bind(version)
        .bind(r.home_unit_id)
        .bind(r.round_id)
        .bind(i64::from(r.evaluation_year))
        .execute(self.pool())
        .await
        .map_err(|e| unique_or(e, &["applications_one_per_round", "round_id", "applications_one_open_per_year", "applicant_id"]))?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Conflict)
        }
    }

    /// The submissions made so far: (number, time), oldest first.
    pub async fn submissions_of(&self, id: &str) -> StoreResult<Vec<(i64, i64)>> {
        Ok(sqlx::query_as("SELECT number, submitted_at FROM submissions WHERE application_id = $1 ORDER BY number")
            .bind(id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Saves materials if the application is still at `version` and editable; returns the new
    /// version. `Conflict` when someone (another tab, a reviewer's action) changed it first.
    pub async fn save_materials(&self, id: &str, version: i64, materials: &str, now: i64) -> StoreResult<i64> {
        let r = sqlx::query(
            "UPDATE applications SET materials = $1, version = version + 1, updated_at = $2 \
             WHERE id = $3 AND version = $4 AND status IN ('draft', 'returned')",
        )
        .bind(materials)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(self.pool())
        .await?;
        if r.rows_affected() == 1 {
            Ok(version + 1)
        } else {
            Err(StoreError::Conflict)
        }
    }

    /// Submits once per `key`: the check (`workflow::apply`), the status and counter change, the
    /// submission row and the audit record are one transaction. The same key again returns
    /// `Already` and spends nothing; a different key on an application someone already moved is
    /// refused by the domain.
    ///
    /// The transaction runs on its own task, so a client that disconnects half-way cannot leave a
    /// pooled connection inside an open transaction. Losing a version race (two requests with one
    /// key at the same instant) retries, and the retry finds the winner's row: `Already`.
    pub async fn submit(&self, id: &str, actor: &Actor, key: &str, client_ip: &str, now: i64) -> StoreResult<Result<Submitted, Denied>> {
        let (store, id, actor, key, ip) = (self.clone(), id.to_string(), actor.clone(), key.to_string(), client_ip.to_string());
        tokio::spawn(async move {
            for _ in 0..3 {
                match store.submit_once(&id, &actor, &key, &ip, now).await {
                    Err(StoreError::Conflict) => continue,
                    other => return other,
                }
            }
            Err(StoreError::Conflict)
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("submit task: {e}")))?
    }

    async fn submit_once(&self, id: &str, actor: &Actor, key: &str, client_ip: &str, now: i64) -> StoreResult<Result<Submitted, Denied>> {
        let mut conn = self.begin().await?;
        let result = async {
            // Lock the application first, then look for the key: a request that waited for
            // another with the same key then sees that one's submission. Checking the key first
            // would let it see the moved status but not the submission, and refuse a plain retry.
            let Some(row) = self.lock_application(&mut conn, id).await? else { return Err(StoreError::NotFound) };
            let earlier: Option<i64> =
                sqlx::query_scalar("SELECT number FROM submissions WHERE application_id = $1 AND idempotency_key = $2")
                    .bind(id)
                    .bind(key)
                    .fetch_optional(&mut *conn)
                    .await?;
            if let Some(number) = earlier {
                return Ok(Ok(Submitted::Already { number }));
            }
            let d = Decision::plain(Action::Submit, "", client_ip, now);
            let after = match self.transition_locked(&mut conn, &row, actor, &d).await? {
                Ok(after) => after,
                Err(denied) => return Ok(Err(denied)),
            };
            let number = after.submissions_used;
            sqlx::query("INSERT INTO submissions (application_id, idempotency_key, number, submitted_at) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(key)
                .bind(number)
                .bind(now)
                .execute(&mut *conn)
                .await
                .map_err(|e| unique_or(e, &["submissions"]))?;
            Ok(Ok(Submitted::Now { number }))
        }
        .await;
        self.finish(conn, matches!(result, Ok(Ok(Submitted::Now { .. })))).await?;
        result
    }
}
