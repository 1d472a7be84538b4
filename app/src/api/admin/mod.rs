//! Administration (issue 5 part 7): the organisation tree, accounts and roles, title series and
//! the working-day calendar. Administrators only; every change is audited in the store.

// `save_series` takes a form of eight fields; the browser-side function the #[server] macro
// generates from it carries no attribute of ours, so the allowance is the module's.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::admin::OrgKind;
use crate::domain::series::Series;
use crate::domain::workflow::Role;

mod users;
pub use users::*;

#[cfg(feature = "ssr")]
use crate::{
    api::access,
    api::context::{app_state, redirect_form_post, remember_form, request_ip},
    service::admin as service,
    store::ByAdmin,
};

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

/// A one-time reset code made at the counter, shown once to the administrator who checked the
/// person's ID card (`service::users::reset_in_person`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InPersonCode {
    pub user_id: String,
    pub code: String,
    pub valid_until: i64,
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
    let state = app_state()?;
    access::admin(&state).await?;
    service::tree(&state).await
}

/// Adds an organisation under `parent_id` (none for a region).
#[server(prefix = "/api", endpoint = "create_org")]
pub async fn create_org(
    #[server(default)] kind: String,
    #[server(default)] name: String,
    #[server(default)] parent_id: String,
) -> Result<String, AppError> {
    let state = app_state()?;
    let actor = access::admin(&state).await?;
    let org = service::NewOrg::check(&state, &kind, &name, &parent_id).await.inspect_err(|_| remember_form(&[("name", &name)]))?;
    let by = ByAdmin { actor: &actor, client_ip: &request_ip(&state)?, now: state.clock.now().millis() };
    let id = service::create_org(&state, &by, &org).await?;
    redirect_form_post("/admin/orgs?saved=1");
    Ok(id)
}

#[server(prefix = "/api", endpoint = "rename_org")]
pub async fn rename_org(id: String, #[server(default)] name: String) -> Result<(), AppError> {
    let state = app_state()?;
    let actor = access::admin(&state).await?;
    let by = ByAdmin { actor: &actor, client_ip: &request_ip(&state)?, now: state.clock.now().millis() };
    service::rename_org(&state, &by, &id, &name).await?;
    redirect_form_post("/admin/orgs?saved=1");
    Ok(())
}

/// The title series with their specialties and titles: anyone may read them (the start form
/// offers them to applicants).
#[server(prefix = "/api", endpoint = "series_catalogue")]
pub async fn series_catalogue() -> Result<Vec<Series>, AppError> {
    Ok(app_state()?.store.title_series().await?)
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
    let state = app_state()?;
    let actor = access::admin(&state).await?;
    let form = service::SeriesForm {
        id: &id,
        name: &name,
        specialties: &specialties,
        titles: [&title_junior, &title_intermediate, &title_associate_senior, &title_senior],
        open: open.is_some_and(|o| !o.is_empty() && o != "0"),
    };
    let by = ByAdmin { actor: &actor, client_ip: &request_ip(&state)?, now: state.clock.now().millis() };
    let id = service::save_series(&state, &by, &form).await?;
    redirect_form_post("/admin/series?saved=1");
    Ok(id)
}

/// The holidays and make-up working days of a year (this year in Beijing when none is asked for).
#[server(prefix = "/api", endpoint = "calendar_year")]
pub async fn calendar_year(year: Option<i32>) -> Result<CalendarData, AppError> {
    let state = app_state()?;
    access::admin(&state).await?;
    crate::service::calendar::year(&state, year).await
}
