//! The working-day calendar (SPEC rule 8): the administrator sets a day (`service::calendar`).

use leptos::prelude::*;

use super::error::AppError;

/// Sets one day: `kind` is `holiday`, `workday` or `weekday` (back to the weekday rule).
#[server(prefix = "/api", endpoint = "save_calendar_day")]
pub async fn save_calendar_day(day: String, kind: String, #[server(default)] note: String) -> Result<(), AppError> {
    use crate::api::{access::admin, context::request_ip};
    use crate::service::calendar::{save_day, DayForm};

    let state = crate::api::context::app_state()?;
    let actor = admin(&state).await?;
    let form = DayForm::parse(&day, &kind, &note)?;
    let day = save_day(&state, &actor, &form, &request_ip(&state)?).await?;
    crate::api::context::redirect_form_post(&format!("/admin/calendar?year={}&saved=1", &day[..4]));
    Ok(())
}
