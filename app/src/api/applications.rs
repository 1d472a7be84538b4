//! Applications (rule 3): starting one, the applicant's list, and changing what was chosen at the
//! start (`service::applications`).

use leptos::prelude::*;

use super::error::AppError;

/// Starts a draft for the signed-in applicant in `unit_id` at `level` (初级…正高级) in a series and
/// specialty; returns its id.
#[server(prefix = "/api", endpoint = "start_application")]
pub async fn start_application(
    level: String,
    series: String,
    specialty: String,
    unit_id: String,
    #[server(default)] aid_unit_id: String,
    #[server(default)] current_level: String,
    #[server(default)] obtained_on: String,
) -> Result<String, AppError> {
    use crate::domain::workflow::Role;
    use crate::service::applications::{start, Choice};

    let state = super::context::app_state()?;
    let actor = crate::api::access::as_role(&state, Role::Applicant).await?;
    let choice = Choice {
        level: &level,
        series: &series,
        specialty: &specialty,
        unit_id: &unit_id,
        aid_unit_id: &aid_unit_id,
        current_level: &current_level,
        obtained_on: &obtained_on,
    };
    // without JavaScript the refused form comes back with what was chosen and typed
    let remember = || {
        crate::api::context::remember_form(&[
            ("level", &level),
            ("series", &series),
            ("specialty", &specialty),
            ("unit_id", &unit_id),
            ("aid_unit_id", &aid_unit_id),
            ("current_level", &current_level),
            ("obtained_on", &obtained_on),
        ])
    };
    let id = start(&state, &actor, &choice).await.inspect_err(|_| remember())?;
    leptos_axum::redirect("/applications");
    Ok(id)
}

/// One of the applicant's applications, as the 我的申报 page shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApplicationSummary {
    pub id: String,
    pub evaluation_year: i32,
    pub series: String,
    pub specialty: String,
    pub level: crate::domain::materials::Level,
    pub status: crate::domain::workflow::Status,
    pub unit_name: String,
    pub submissions_left: u8,
    /// Per section in form order: how many items are still missing or wrong.
    pub missing: Vec<(crate::domain::materials::Section, usize)>,
    /// The round's conditions it does not meet, in words (评审条件: the level of the current title,
    /// the years in it), shown above the overview.
    pub unmet: Vec<crate::i18n::Text>,
    /// Its round and where today stands against it (none for one made before rounds existed).
    pub round: Option<crate::api::rounds::RoundEntry>,
}

/// The signed-in applicant's applications, newest first, each with its completeness overview.
#[server(prefix = "/api", endpoint = "my_applications")]
pub async fn my_applications() -> Result<Vec<ApplicationSummary>, AppError> {
    let state = super::context::app_state()?;
    let actor = crate::api::access::as_role(&state, crate::domain::workflow::Role::Applicant).await?;
    crate::service::applications::mine(&state, &actor).await
}

/// The units an application can be made in (a choice list; public information).
#[server(prefix = "/api", endpoint = "unit_choices")]
pub async fn unit_choices() -> Result<Vec<(String, String)>, AppError> {
    crate::service::applications::units(&super::context::app_state()?).await
}

/// The dispatching units aid staff may name (援疆, §(九); a choice list; public information).
#[server(prefix = "/api", endpoint = "dispatching_choices")]
pub async fn dispatching_choices() -> Result<Vec<(String, String)>, AppError> {
    crate::service::applications::dispatching_units(&super::context::app_state()?).await
}

/// Changes the level, series, specialty or unit of an unsubmitted application (rule 3).
#[server(prefix = "/api", endpoint = "change_application")]
pub async fn change_application(
    id: String,
    version: i64,
    level: String,
    series: String,
    specialty: String,
    unit_id: String,
    #[server(default)] aid_unit_id: String,
) -> Result<(), AppError> {
    use crate::service::applications::{change, Choice};

    let state = super::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    let choice = Choice {
        level: &level,
        series: &series,
        specialty: &specialty,
        unit_id: &unit_id,
        aid_unit_id: &aid_unit_id,
        current_level: "",
        obtained_on: "",
    };
    change(&state, &actor, &id, version, &choice).await?;
    crate::api::context::redirect_form_post(&format!("/applications/{id}"));
    Ok(())
}
