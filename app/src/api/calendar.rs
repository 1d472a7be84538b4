//! The working-day calendar as data the administrator keeps (SPEC rule 8): a day becomes a
//! holiday, a make-up working day (调休上班), or follows the weekday rule again. The page is
//! `/admin/calendar`; every change is audited.

use leptos::prelude::*;

use super::error::AppError;

/// Sets one day: `kind` is `holiday`, `workday` or `weekday` (back to the weekday rule).
#[server(prefix = "/api", endpoint = "save_calendar_day")]
pub async fn save_calendar_day(day: String, kind: String, #[server(default)] note: String) -> Result<(), AppError> {
    use crate::api::context::app_state;
    use crate::domain::calendar::DayKind;
    use crate::domain::instant::parse_written_date;
    use crate::i18n::{Msg, Text};

    let state = app_state()?;
    let actor = crate::service::admin::admin(&state).await?;
    let date = parse_written_date(&day).ok_or_else(|| AppError::field("day", Msg::BadDate))?;
    let kind = match kind.as_str() {
        "weekday" => None,
        other => Some(DayKind::parse(other).ok_or_else(|| AppError::field("kind", Msg::Required))?),
    };
    let note: String = note.trim().chars().take(50).collect();
    if note.is_empty() && kind.is_some() {
        return Err(AppError::field("note", Text::new(Msg::Required)));
    }
    let day = crate::domain::instant::iso_date(date);
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &crate::service::admin::ip(&state)?, now: state.clock.now().millis() };
    state.store.save_calendar_day(&day, kind, &note, &by).await?;
    crate::api::form::redirect_form_post(&format!("/admin/calendar?year={}&saved=1", &day[..4]));
    Ok(())
}
