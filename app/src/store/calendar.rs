use super::{Store, StoreResult};
use crate::domain::calendar::{DayKind, WorkCalendar};
use crate::domain::instant::parse_iso_date;

impl Store {
    /// The working-day calendar as the administrator keeps it. Rows that do not parse are skipped
    /// and logged rather than failing every deadline computation.
    pub async fn work_calendar(&self) -> StoreResult<WorkCalendar> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT day, kind FROM calendar_days")
            .fetch_all(self.pool())
            .await?;
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
    /// Marks a day as a holiday or a make-up working day, or (`kind` None) returns it to the
    /// weekday rule.
    pub async fn set_calendar_day(&self, day: &str, kind: Option<DayKind>, note: &str) -> StoreResult<()> {
        match kind {
            Some(kind) => {
                sqlx::query(
                    "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) \
                     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
                )
                .bind(day)
                .bind(kind.as_str())
                .bind(note)
                .execute(self.pool())
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM calendar_days WHERE day = $1").bind(day).execute(self.pool()).await?;
            }
        }
        Ok(())
    }
}
