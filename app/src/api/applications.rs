//! Applications (issue 3, first part): starting one. The form, saving and submitting follow.

use leptos::prelude::*;

use super::error::AppError;

/// Starts a draft for the signed-in applicant in `unit_id` at `level` (初级…正高级) in a series and
/// specialty; returns its id. The unit's parent is the competent authority, the authority's parent
/// the region, and the region's evaluation office does the formal review.
#[server(prefix = "/api", endpoint = "start_application")]
pub async fn start_application(level: String, series: String, specialty: String, unit_id: String) -> Result<String, AppError> {
    use super::context::{app_state, internal, require_session};
    use crate::domain::materials::{Level, Materials};
    use crate::domain::workflow::Role;
    use crate::forms::FieldText;
    use crate::i18n::Msg;
    use crate::store::{NewApplication, StoreError};

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    if actor.role != Role::Applicant {
        return Err(AppError::Forbidden);
    }
    let mut problems = vec![];
    let level = Level::parse(&level);
    if level.is_none() {
        problems.push(FieldText::new("level", Msg::Required));
    }
    for (field, value) in [("series", &series), ("specialty", &specialty)] {
        if value.trim().is_empty() {
            problems.push(FieldText::new(field, Msg::Required));
        }
    }
    let unit = state.store.organisation(&unit_id).await.map_err(|e| internal("unit", e))?.filter(|o| o.kind == "unit");
    if unit.is_none() {
        problems.push(FieldText::new("unit_id", Msg::Required));
    }
    let (Some(level), Some(unit)) = (level, unit) else { return Err(AppError::Invalid(problems)) };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let authority = match &unit.parent_id {
        Some(id) => state.store.organisation(id).await.map_err(|e| internal("authority", e))?,
        None => None,
    };
    let region_id = authority.as_ref().and_then(|a| a.parent_id.clone());
    let office = match &region_id {
        Some(r) => state.store.office_of_region(r).await.map_err(|e| internal("office", e))?,
        None => None,
    };
    let (Some(authority), Some(region_id), Some(office)) = (authority, region_id, office) else {
        return Err(internal("start application", format!("unit {} has no authority, region or office", unit.id)));
    };
    let now = state.clock.now();
    let id = crate::store::new_id();
    let materials = serde_json::to_string(&Materials::new(level)).map_err(|e| internal("materials json", e))?;
    let new = NewApplication {
        id: &id,
        applicant_id: &actor.user_id,
        evaluation_year: now.beijing_date().year(),
        series: series.trim(),
        specialty: specialty.trim(),
        level: level.as_str(),
        region_id: &region_id,
        reviewing_unit_id: &unit.id,
        authority_id: &authority.id,
        office_id: &office.id,
        materials: &materials,
        now: now.millis(),
    };
    match state.store.insert_application(&new).await {
        Ok(()) => Ok(id),
        Err(StoreError::Unique(_)) => Err(AppError::refused(Msg::OneOpenApplication)),
        Err(e) => Err(internal("insert application", e)),
    }
}
