//! Administration (issue 5 part 7): the organisation tree, accounts and roles, title series and
//! the working-day calendar. Administrators only; every change is audited in the store.

// `save_series` takes a form of eight fields; the browser-side function the #[server] macro
// generates from it carries no attribute of ours, so the allowance is the module's.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::api::context::internal;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::admin::OrgKind;
use crate::domain::series::Series;
use crate::domain::workflow::Role;

mod users;
pub use users::*;

#[cfg(feature = "ssr")]
use crate::service::admin as service;

/// One organisation in tree order: `depth` 0 is a region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgEntry {
    pub id: String,
    pub kind: OrgKind,
    pub name: String,
    pub parent_id: Option<String>,
    pub depth: usize,
    /// Accounts that work there (enabled or not).
    pub people: i64,
    /// An issuer's uploaded seal (its SHA-256, which also busts the image cache).
    pub seal: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEntry {
    pub id: String,
    pub username: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub role: Role,
    pub org_id: Option<String>,
    pub org_name: String,
    pub disabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersData {
    pub users: Vec<UserEntry>,
    pub orgs: Vec<OrgEntry>,
    /// The administrator's own id (the page offers no disable button there).
    pub me: String,
    /// More accounts match than are shown.
    pub more: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub day: String,
    /// `holiday` or `workday`.
    pub kind: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarData {
    pub year: i32,
    pub days: Vec<CalendarEntry>,
}

/// How many accounts the user list shows at once (a filter narrows it).
pub const USERS_PAGE: usize = 200;
/// An invitation's code is valid this long: a new colleague may not read mail the same day.
pub const INVITE_VALID_HOURS: i64 = 72;

#[server(prefix = "/api", endpoint = "org_tree")]
pub async fn org_tree() -> Result<Vec<OrgEntry>, AppError> {
    let state = crate::api::context::app_state()?;
    service::admin(&state).await?;
    service::tree(&state).await
}

/// Adds an organisation under `parent_id` (none for a region).
#[server(prefix = "/api", endpoint = "create_org")]
pub async fn create_org(
    #[server(default)] kind: String,
    #[server(default)] name: String,
    #[server(default)] parent_id: String,
) -> Result<String, AppError> {
    use crate::domain::admin::{check_org_name, check_parent, AdminProblem};
    use crate::forms::FieldText;
    let state = crate::api::context::app_state()?;
    let actor = service::admin(&state).await?;
    let mut problems = vec![];
    let kind = OrgKind::parse(&kind);
    if kind.is_none() {
        problems.push(FieldText::new("kind", AdminProblem::Required));
    }
    let checked_name = check_org_name(&name).map_err(|p| problems.push(FieldText::new("name", p))).ok();
    let parent = service::org_kind(&state, &parent_id, "parent_id").await.map_err(|e| {
        if let AppError::Invalid(mut list) = e {
            problems.append(&mut list)
        }
    });
    if let (Some(kind), Ok(parent)) = (kind, &parent) {
        if let Err(p) = check_parent(kind, *parent) {
            problems.push(FieldText::new("parent_id", p));
        }
    }
    let (Some(kind), Some(checked_name), true) = (kind, checked_name, problems.is_empty()) else {
        crate::api::context::remember_form(&[("name", &name)]);
        return Err(AppError::Invalid(problems));
    };
    let parent_id = Some(parent_id.trim()).filter(|p| !p.is_empty());
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &service::ip(&state)?, now: state.clock.now().millis() };
    let id = state.store.insert_org(kind, &checked_name, parent_id, &by).await?;
    crate::api::form::redirect_form_post("/admin/orgs?saved=1");
    Ok(id)
}

#[server(prefix = "/api", endpoint = "rename_org")]
pub async fn rename_org(id: String, #[server(default)] name: String) -> Result<(), AppError> {
    use crate::domain::admin::check_org_name;
    use crate::store::StoreError;
    let state = crate::api::context::app_state()?;
    let actor = service::admin(&state).await?;
    let name = check_org_name(&name).map_err(|p| service::problem("name", p))?;
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &service::ip(&state)?, now: state.clock.now().millis() };
    match state.store.rename_org(&id, &name, &by).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(AppError::Forbidden),
        Err(e) => return Err(internal("rename org", e)),
    }
    crate::api::form::redirect_form_post("/admin/orgs?saved=1");
    Ok(())
}

/// The title series with their specialties and titles: anyone may read them (the start form
/// offers them to applicants).
#[server(prefix = "/api", endpoint = "series_catalogue")]
pub async fn series_catalogue() -> Result<Vec<Series>, AppError> {
    let state = crate::api::context::app_state()?;
    state.store.title_series().await.map_err(|e| crate::api::context::internal("series", e))
}

/// Adds (`id` empty) or changes a title series.
#[server(prefix = "/api", endpoint = "save_series")]
pub async fn save_series(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] specialties: String,
    #[server(default)] title_junior: String,
    #[server(default)] title_intermediate: String,
    #[server(default)] title_associate_senior: String,
    #[server(default)] title_senior: String,
    #[server(default)] open: Option<String>,
) -> Result<String, AppError> {
    use crate::domain::admin::AdminProblem;
    use crate::domain::series::check_series;
    use crate::forms::FieldText;
    use crate::store::StoreError;
    let state = crate::api::context::app_state()?;
    let actor = service::admin(&state).await?;
    let titles = [title_junior.as_str(), title_intermediate.as_str(), title_associate_senior.as_str(), title_senior.as_str()];
    let (name, specialties, titles) = check_series(&name, &specialties, titles)
        .map_err(|list| AppError::Invalid(list.into_iter().map(|(f, p)| FieldText::new(&f, p)).collect()))?;
    let series = Series { id: id.trim().to_string(), name, specialties, titles, open: open.is_some_and(|o| !o.is_empty() && o != "0") };
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &service::ip(&state)?, now: state.clock.now().millis() };
    let id = match state.store.save_series(&series, &by).await {
        Ok(id) => id,
        Err(StoreError::Unique(_)) => return Err(AppError::Invalid(vec![FieldText::new("name", AdminProblem::SeriesTaken)])),
        Err(StoreError::NotFound) => return Err(AppError::Forbidden),
        Err(e) => return Err(internal("series", e)),
    };
    crate::api::form::redirect_form_post("/admin/series?saved=1");
    Ok(id)
}

/// The holidays and make-up working days of a year (this year in Beijing when none is asked for).
#[server(prefix = "/api", endpoint = "calendar_year")]
pub async fn calendar_year(year: Option<i32>) -> Result<CalendarData, AppError> {
    let state = crate::api::context::app_state()?;
    service::admin(&state).await?;
    let year = year.unwrap_or_else(|| time::Date::year(state.clock.now().beijing_date())).clamp(2000, 2100);
    let rows = state.store.calendar_days_of_year(year).await.map_err(|e| crate::api::context::internal("calendar", e))?;
    Ok(CalendarData { year, days: rows.into_iter().map(|(day, kind, note)| CalendarEntry { day, kind, note }).collect() })
}
