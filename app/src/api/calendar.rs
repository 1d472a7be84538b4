//! The working-day calendar as data the administrator keeps (SPEC rule 8): a day becomes a
//! holiday, a make-up working day (调休上班), or follows the weekday rule again. (The page for it
//! comes with the administration screens; the function is what they and the tests call.)

use leptos::prelude::*;

use super::error::AppError;

/// Sets one day: `kind` is `holiday`, `workday` or `weekday` (back to the weekday rule).
#[server(prefix = "/api", endpoint = "save_calendar_day")]
pub async fn save_calendar_day(day: String, kind: String, #[server(default)] note: String) -> Result<(), AppError> {
    use crate::api::context::{app_state, internal, require_session};
    use crate::domain::calendar::DayKind;
    use crate::domain::instant::parse_iso_date;
    use crate::domain::workflow::may_administer;
    use crate::i18n::{Msg, Text};

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    may_administer(&actor).map_err(|_| AppError::Forbidden)?;
    let date = parse_iso_date(day.trim()).ok_or_else(|| AppError::field("day", Msg::BadDate))?;
    let kind = match kind.as_str() {
        "weekday" => None,
        other => Some(DayKind::parse(other).ok_or_else(|| AppError::field("kind", Msg::Required))?),
    };
    let note: String = note.trim().chars().take(50).collect();
    if note.is_empty() && kind.is_some() {
        return Err(AppError::field("note", Text::new(Msg::Required)));
    }
    let day = crate::domain::instant::iso_date(date);
    state.store.set_calendar_day(&day, kind, &note).await.map_err(|e| internal("calendar day", e))
}
