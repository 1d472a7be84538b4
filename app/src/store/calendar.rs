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
