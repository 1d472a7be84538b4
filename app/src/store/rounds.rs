//! Rounds (申报年度 / 批次, issue 16): what the administrator opens, and the applications a person
//! has in one. The rules that decide with them are `domain::rounds`.

use super::audit;
use super::{new_id, unique_or, ByAdmin, Store, StoreError, StoreResult};
use crate::domain::conditions::Conditions;
use crate::domain::instant::{iso_date, parse_iso_date};
use crate::domain::rounds::Round;
use crate::domain::workflow::Status;

/// A round with the names its page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundRow {
    pub round: Round,
    pub series_id: String,
    pub region_name: String,
}

#[derive(sqlx::FromRow)]
struct Raw {
    id: String,
    series_id: String,
    series: String,
    region_id: String,
    region_name: String,
    year: i64,
    opens_on: String,
    submit_by: String,
    reference_date: String,
    conditions: String,
}

impl Raw {
    /// A row whose dates do not read (written by hand into the database) is left out rather than
    /// guessed at.
    fn into_row(self) -> Option<RoundRow> {
        let round = Round {
            id: self.id,
            series: self.series,
            region_id: self.region_id,
            year: i32::try_from(self.year).ok()?,
            opens_on: parse_iso_date(&self.opens_on)?,
            submit_by: parse_iso_date(&self.submit_by)?,
            reference_date: parse_iso_date(&self.reference_date)?,
            conditions: if self.conditions.is_empty() { Conditions::default() } else { serde_json::from_str(&self.conditions).ok()? },
        };
        Some(RoundRow { round, series_id: self.series_id, region_name: self.region_name })
    }
}

/// A round as the administrator saves it: `id` empty for a new one.
pub struct RoundSave<'a> {
    pub id: &'a str,
    pub series_id: &'a str,
    pub region_id: &'a str,
    pub year: i32,
    pub opens_on: time::Date,
    pub submit_by: time::Date,
    pub reference_date: time::Date,
    pub conditions: &'a Conditions,
}

const SELECT: &str = "SELECT r.id, r.series_id, s.name AS series, r.region_id, o.name AS region_name, r.year, r.opens_on, \
     r.submit_by, r.reference_date, r.conditions FROM rounds r JOIN title_series s ON s.id = r.series_id JOIN organisations o ON o.id = r.region_id";

impl Store {
    /// Every round, the latest year first.
    pub async fn rounds(&self) -> StoreResult<Vec<RoundRow>> {
        let sql = format!("{SELECT} ORDER BY r.year DESC, s.name, o.name");
        let raw = sqlx::query_as::<_, Raw>(&sql).fetch_all(self.pool()).await?;
        Ok(raw.into_iter().filter_map(Raw::into_row).collect())
    }

    pub async fn round(&self, id: &str) -> StoreResult<Option<RoundRow>> {
        let sql = format!("{SELECT} WHERE r.id = $1");
        let raw = sqlx::query_as::<_, Raw>(&sql).bind(id).fetch_optional(self.pool()).await?;
        Ok(raw.and_then(Raw::into_row))
    }

    /// The statuses of `applicant_id`'s applications in `round_id`, leaving out `except` (the one
    /// being changed).
    pub async fn statuses_in_round(&self, applicant_id: &str, round_id: &str, except: &str) -> StoreResult<Vec<Status>> {
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT status FROM applications WHERE applicant_id = $1 AND round_id = $2 AND id <> $3")
                .bind(applicant_id)
                .bind(round_id)
                .bind(except)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().filter_map(|s| Status::try_from(s).ok()).collect())
    }

    /// Adds or changes a round, with its audit record. `Unique("year")` when the series already
    /// has a round in that region that year; `NotFound` for an unknown id. Returns the id.
    pub async fn save_round(&self, r: &RoundSave<'_>, by: &ByAdmin<'_>) -> StoreResult<String> {
        let id = if r.id.is_empty() { format!("round-{}", &new_id()[..12]) } else { r.id.to_string() };
        let (opens, submit, reference) = (iso_date(r.opens_on), iso_date(r.submit_by), iso_date(r.reference_date));
        let conditions = serde_json::to_string(r.conditions).map_err(|e| StoreError::Db(sqlx::Error::Protocol(e.to_string())))?;
        let mut conn = self.begin().await?;
        let result = async {
            let sql = if r.id.is_empty() {
                "INSERT INTO rounds (series_id, region_id, year, opens_on, submit_by, reference_date, conditions, id, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            } else {
                "UPDATE rounds SET series_id = $1, region_id = $2, year = $3, opens_on = $4, submit_by = $5, reference_date = $6, \
                 conditions = $7 WHERE id = $8"
            };
            let query = sqlx::query(sql)
                .bind(r.series_id)
                .bind(r.region_id)
                .bind(i64::from(r.year))
                .bind(&opens)
                .bind(&submit)
                .bind(&reference)
                .bind(&conditions)
                .bind(&id);
            let query = if r.id.is_empty() { query.bind(by.now) } else { query };
            let done = query.execute(&mut *conn).await.map_err(|e| unique_or(e, &["year", "rounds_series_id_region_id_year_key"]))?;
            if done.rows_affected() != 1 {
                return Err(StoreError::NotFound);
            }
            let subject = format!("round:{id}");
            let detail = serde_json::json!({
                "series": r.series_id, "region": r.region_id, "year": r.year, "opens_on": opens, "submit_by": submit,
                "reference_date": reference, "conditions": r.conditions,
            })
            .to_string();
            let action = if r.id.is_empty() { "create_round" } else { "change_round" };
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, action, "", &format!("{opens}..{submit}"), &detail)).await?;
            Ok(())
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result.map(|()| id)
    }
}
