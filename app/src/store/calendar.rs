use super::audit;
use super::{ByAdmin, Store, StoreResult};
use crate::domain::calendar::{DayKind, WorkCalendar};
use crate::domain::instant::parse_iso_date;

impl Store {
    /// The working-day calendar as the administrator keeps it. Rows that do not parse are skipped
    /// and logged rather than failing every deadline computation.
    pub async fn work_calendar(&self) -> StoreResult<WorkCalendar> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT day, kind FROM calendar_days").fetch_all(self.pool()).await?;
        let days = rows.into_iter().filter_map(|(day, kind)| {
            let parsed = parse_iso_date(&day).zip(DayKind::parse(&kind));
            if parsed.is_none() {
                tracing::warn!(%day, %kind, "calendar_days row ignored");
            }
            parsed
        });
        Ok(WorkCalendar::new(days))
    }
}

impl Store {
    /// The calendar's listed days of one year (holidays and make-up working days), in order.
    pub async fn calendar_days_of_year(&self, year: i32) -> StoreResult<Vec<(String, String, String)>> {
        Ok(sqlx::query_as("SELECT day, kind, note FROM calendar_days WHERE day >= $1 AND day < $2 ORDER BY day")
            .bind(format!("{year:04}-01-01"))
            .bind(format!("{:04}-01-01", year + 1))
            .fetch_all(self.pool())
            .await?)
    }

    /// Sets one calendar day as a holiday or a make-up working day, or (`kind` None) back to the weekday rule, with its audit record.
    pub async fn save_calendar_day(&self, day: &str, kind: Option<DayKind>, note: &str, by: &ByAdmin<'_>) -> StoreResult<()> {
        let mut conn = self.begin().await?;
        let result = async {
            let before: Option<String> =
                sqlx::query_scalar("SELECT kind FROM calendar_days WHERE day = $1").bind(day).fetch_optional(&mut *conn).await?;
            match kind {
                Some(kind) => {
                    sqlx::query(
                        "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) \
                         ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
                    )
                    .bind(day)
                    .bind(kind.as_str())
                    .bind(note)
                    .execute(&mut *conn)
                    .await?;
                }
                None => {
                    sqlx::query("DELETE FROM calendar_days WHERE day = $1").bind(day).execute(&mut *conn).await?;
                }
            }
            let subject = format!("calendar:{day}");
            let before = before.unwrap_or_else(|| "weekday".into());
            let after = kind.map(|k| k.as_str()).unwrap_or("weekday");
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, "calendar_day", &before, after, note)).await?;
            Ok(())
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }
}
