//! Applications (issue 3, first part): starting one. The form, saving and submitting follow.

#[cfg(feature = "ssr")]
use crate::api::context::internal;
#[cfg(feature = "ssr")]
use crate::api::error::OrInternal;
use leptos::prelude::*;

use super::error::AppError;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::context::internal;
    use crate::api::error::AppError;
    use crate::domain::admin::OrgKind;
    use crate::domain::materials::Level;
    use crate::forms::FieldText;
    use crate::i18n::Msg;
    use crate::state::AppState;

    /// Where an application made in a unit goes: the unit, its competent authority (the unit's
    /// parent), the region (the authority's parent) and the region's evaluation office.
    pub struct Route {
        pub unit_id: String,
        pub authority_id: String,
        pub region_id: String,
        pub office_id: String,
        pub unit_name: String,
    }

    /// Checks what the applicant chose (level, series, specialty, unit), each refusal at its field.
    pub async fn choice(state: &AppState, level: &str, series: &str, specialty: &str, unit_id: &str) -> Result<(Level, Route), AppError> {
        let mut problems = vec![];
        let level = Level::parse(level);
        if level.is_none() {
            problems.push(FieldText::new("level", Msg::Required));
        }
        // the series and specialty from the administrator's catalogue
        let catalogue = state.store.title_series().await?;
        if let Err(list) = crate::domain::series::check_choice(&catalogue, series, specialty) {
            problems.extend(list.into_iter().map(|(field, p)| FieldText::new(field, p)));
        }
        let unit = state.store.organisation(unit_id).await?.filter(|o| o.kind == OrgKind::Unit);
        if unit.is_none() {
            problems.push(FieldText::new("unit_id", Msg::Required));
        }
        let (Some(level), Some(unit)) = (level, unit) else { return Err(AppError::Invalid(problems)) };
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let authority = match &unit.parent_id {
            Some(id) => state.store.organisation(id).await?,
            None => None,
        };
        let region_id = authority.as_ref().and_then(|a| a.parent_id.clone());
        let office = match &region_id {
            Some(r) => state.store.office_of_region(r).await?,
            None => None,
        };
        let (Some(authority), Some(region_id), Some(office)) = (authority, region_id, office) else {
            return Err(internal("start application", format!("unit {} has no authority, region or office", unit.id)));
        };
        Ok((level, Route { unit_id: unit.id, authority_id: authority.id, region_id, office_id: office.id, unit_name: unit.name }))
    }
}

/// Starts a draft for the signed-in applicant in `unit_id` at `level` (初级…正高级) in a series and
/// specialty; returns its id. The unit's parent is the competent authority, the authority's parent
/// the region, and the region's evaluation office does the formal review.
#[server(prefix = "/api", endpoint = "start_application")]
pub async fn start_application(level: String, series: String, specialty: String, unit_id: String) -> Result<String, AppError> {
    use super::context::app_state;
    use crate::domain::materials::Materials;
    use crate::domain::workflow::Role;
    use crate::i18n::Msg;
    use crate::store::{NewApplication, StoreError};

    let state = app_state()?;
    let actor = crate::api::access::as_role(&state, Role::Applicant).await?;
    let now = state.clock.now();
    // a fraud finding bars its applicant for 3 years (§(十一)): refused with the day it ends
    if let Some(until) = state.store.banned_until(crate::domain::penalties::Subject::Applicant, &actor.user_id, now.millis()).await? {
        let free_on = crate::domain::instant::Instant(until).beijing_date();
        return Err(AppError::refused(crate::i18n::Text::with(Msg::ApplicantBarred, [crate::domain::instant::iso_date(free_on)])));
    }
    let (level, route) = server::choice(&state, &level, &series, &specialty, &unit_id).await?;
    let id = crate::store::new_id();
    // what the start form already asked is not asked again: the unit and specialty stand in 基本信息
    let mut fresh = Materials::new(level);
    fresh.basic.unit = route.unit_name.clone();
    fresh.basic.specialty = specialty.trim().to_string();
    let materials = serde_json::to_string(&fresh).or_internal("materials json")?;
    let new = NewApplication {
        id: &id,
        applicant_id: &actor.user_id,
        evaluation_year: now.beijing_date().year(),
        series: series.trim(),
        specialty: specialty.trim(),
        level: level.as_str(),
        region_id: &route.region_id,
        reviewing_unit_id: &route.unit_id,
        authority_id: &route.authority_id,
        office_id: &route.office_id,
        materials: &materials,
        now: now.millis(),
    };
    match state.store.insert_application(&new).await {
        Ok(()) => {
            leptos_axum::redirect("/applications");
            Ok(id)
        }
        Err(StoreError::Unique(_)) => Err(AppError::refused(Msg::OneOpenApplication)),
        Err(e) => Err(internal("insert application", e)),
    }
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
}

/// The signed-in applicant's applications, newest first, each with its completeness overview.
#[server(prefix = "/api", endpoint = "my_applications")]
pub async fn my_applications() -> Result<Vec<ApplicationSummary>, AppError> {
    use super::context::app_state;
    use crate::domain::materials::{missing, Level, Materials};
    use crate::domain::workflow::{submissions_left, Role};

    let state = app_state()?;
    let actor = crate::api::access::as_role(&state, Role::Applicant).await?;
    let today = state.clock.now().beijing_date();
    let rows = state.store.applications_of(&actor.user_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let facts = row.facts();
        let materials: Materials = serde_json::from_str(&row.materials).or_internal("materials")?;
        let gaps = missing(&materials, today);
        let per_section = materials.sections().into_iter().map(|s| (s, gaps.iter().filter(|m| m.section == s).count())).collect();
        let unit_name = state.store.organisation(&row.reviewing_unit_id).await?.map(|o| o.name).unwrap_or_default();
        out.push(ApplicationSummary {
            id: row.id.clone(),
            evaluation_year: row.evaluation_year as i32,
            series: row.series.clone(),
            specialty: row.specialty.clone(),
            level: Level::parse(&row.level).unwrap_or(materials.level),
            status: facts.status,
            unit_name,
            submissions_left: submissions_left(&facts),
            missing: per_section,
        });
    }
    Ok(out)
}

/// The units an application can be made in (a choice list; public information).
#[server(prefix = "/api", endpoint = "unit_choices")]
pub async fn unit_choices() -> Result<Vec<(String, String)>, AppError> {
    use super::context::app_state;
    let state = app_state()?;
    let orgs = state.store.organisations().await?;
    Ok(orgs.into_iter().filter(|o| o.kind == crate::domain::admin::OrgKind::Unit).map(|o| (o.id, o.name)).collect())
}

/// Changes the level, series, specialty or unit of an unsubmitted application (rule 3). The unit
/// decides who reviews it, so the route is worked out again.
#[server(prefix = "/api", endpoint = "change_application")]
pub async fn change_application(
    id: String,
    version: i64,
    level: String,
    series: String,
    specialty: String,
    unit_id: String,
) -> Result<(), AppError> {
    use super::context::{app_state, require_session};
    use super::form::{editable, materials_of};
    use crate::i18n::Msg;
    use crate::store::{Rerouted, StoreError};

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    let row = editable(&state, &actor, &id).await?;
    let (level, route) = server::choice(&state, &level, &series, &specialty, &unit_id).await?;
    let mut materials = materials_of(&row)?;
    materials.level = level;
    let json = serde_json::to_string(&materials).or_internal("materials json")?;
    let change = Rerouted {
        level: level.as_str(),
        series: series.trim(),
        specialty: specialty.trim(),
        region_id: &route.region_id,
        reviewing_unit_id: &route.unit_id,
        authority_id: &route.authority_id,
        office_id: &route.office_id,
        materials: &json,
    };
    match state.store.reroute_application(&id, version, &change, state.clock.now().millis()).await {
        Ok(()) => {
            super::form::redirect_form_post(&format!("/applications/{id}"));
            Ok(())
        }
        Err(StoreError::Conflict) => Err(AppError::refused(Msg::StaleVersion)),
        Err(e) => Err(internal("reroute", e)),
    }
}
