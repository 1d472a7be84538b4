//! The working-day calendar as data the administrator keeps (SPEC rule 8; route
//! `/admin/calendar`): a day becomes a holiday, a make-up working day (调休上班), or follows the
//! weekday rule again. Every change is audited.

use time::Date;

use crate::api::admin::{CalendarData, CalendarEntry};
use crate::api::error::AppError;
use crate::domain::calendar::DayKind;
use crate::domain::instant::{iso_date, parse_written_date};
use crate::domain::workflow::Actor;
use crate::i18n::Msg;
use crate::state::AppState;
use crate::store::ByAdmin;

/// One day as the form set it: `kind` None is the weekday rule again; a holiday or a make-up
/// day needs a note (up to 50 characters) saying which.
pub struct DayForm {
    pub day: Date,
    pub kind: Option<DayKind>,
    pub note: String,
}

impl DayForm {
    /// `kind` is `holiday`, `workday` or `weekday`; each refusal at its field.
    pub fn parse(day: &str, kind: &str, note: &str) -> Result<Self, AppError> {
        let day = parse_written_date(day).ok_or_else(|| AppError::field("day", Msg::BadDate))?;
        let kind = match kind {
            "weekday" => None,
            other => Some(DayKind::parse(other).ok_or_else(|| AppError::field("kind", Msg::Required))?),
        };
        let note: String = note.trim().chars().take(50).collect();
        if note.is_empty() && kind.is_some() {
            return Err(AppError::field("note", Msg::Required));
        }
        Ok(DayForm { day, kind, note })
    }
}

/// Saves the day (audited as the administrator's); returns it as `YYYY-MM-DD`.
pub async fn save_day(state: &AppState, actor: &Actor, form: &DayForm, client_ip: &str) -> Result<String, AppError> {
    let day = iso_date(form.day);
    let by = ByAdmin { actor, client_ip, now: state.clock.now().millis() };
    state.store.save_calendar_day(&day, form.kind, &form.note, &by).await?;
    Ok(day)
}

/// The holidays and make-up working days of `year` (this year in Beijing when none is asked for;
/// kept within 2000–2100).
pub async fn year(state: &AppState, year: Option<i32>) -> Result<CalendarData, AppError> {
    let year = year.unwrap_or_else(|| state.clock.now().beijing_date().year()).clamp(2000, 2100);
    let rows = state.store.calendar_days_of_year(year).await?;
    Ok(CalendarData { year, days: rows.into_iter().map(|(day, kind, note)| CalendarEntry { day, kind, note }).collect() })
}
