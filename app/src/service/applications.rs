//! Applications (rule 3; routes `/applications` and `/applications/new`): starting one, the
//! applicant's list, and changing what was chosen at the start while it is still a draft. Where
//! an application goes (unit → competent authority → region → evaluation office) is worked out
//! from the unit chosen.

use crate::api::applications::ApplicationSummary;
use crate::api::context::internal;
use crate::api::error::{AppError, OrInternal};
use crate::domain::admin::OrgKind;
use crate::domain::conditions::check_start;
use crate::domain::instant::{iso_date, Instant};
use crate::domain::materials::{missing, AidXinjiang, Level, Materials, Problem};
use crate::domain::penalties::Subject;
use crate::domain::rounds::RoundRefusal;
use crate::domain::workflow::{submissions_left, Actor, Status};
use crate::forms::FieldText;
use crate::i18n::{Msg, Text};
use crate::service::form::{editable, materials_of};
use crate::state::AppState;
use crate::store::{NewApplication, Rerouted, StoreError};

/// What the applicant chose on the start form (or changes later), as typed.
pub struct Choice<'a> {
    pub level: &'a str,
    pub series: &'a str,
    pub specialty: &'a str,
    pub unit_id: &'a str,
    /// 援疆: the dispatching unit (原所在单位) that reviews instead of `unit_id`; empty for others.
    pub aid_unit_id: &'a str,
    /// The current title's level and the day it was obtained, as typed (the start form asks them
    /// to check the round's conditions; the change form does not).
    pub current_level: &'a str,
    pub obtained_on: &'a str,
}

/// Where an application made in a unit goes: the unit, its competent authority (the unit's
/// parent), the region (the authority's parent) and the region's evaluation office. For aid
/// staff (§(九)) the dispatching unit reviews in the unit's place; the rest of the chain is the
/// unit's.
pub struct Route {
    pub unit_id: String,
    pub authority_id: String,
    pub region_id: String,
    pub office_id: String,
    pub unit_name: String,
    /// 援疆: the dispatching unit (id, name).
    pub dispatching: Option<(String, String)>,
}

impl Route {
    /// The unit whose reviewers get the application: the dispatching unit for aid staff.
    pub fn reviewing_unit_id(&self) -> &str {
        self.dispatching.as_ref().map(|(id, _)| id.as_str()).unwrap_or(&self.unit_id)
    }

    /// What the store keeps as the applicant's own unit: empty when it is the reviewing one.
    pub fn home_unit_id(&self) -> &str {
        if self.dispatching.is_some() {
            &self.unit_id
        } else {
            ""
        }
    }

    /// The materials' 援疆 part for this route: kept as entered while the applicant stays aid
    /// staff (with the dispatching unit's name), gone when they no longer are.
    pub fn aid_materials(&self, before: Option<AidXinjiang>) -> Option<AidXinjiang> {
        let (_, name) = self.dispatching.as_ref()?;
        Some(AidXinjiang { dispatching_unit: name.clone(), ..before.unwrap_or_default() })
    }
}

/// Checks what the applicant chose (level, series, specialty, unit), each refusal at its field.
pub async fn route(state: &AppState, choice: &Choice<'_>) -> Result<(Level, Route), AppError> {
    let Choice { level, series, specialty, unit_id, aid_unit_id, .. } = *choice;
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
    // 援疆: a dispatching unit from the tree's place for them reviews instead (§(九))
    let dispatching = match aid_unit_id.trim() {
        "" => None,
        id => {
            let found = state.store.organisation(id).await?.filter(|o| o.kind == OrgKind::Dispatching);
            if found.is_none() {
                problems.push(FieldText::new("aid_unit_id", Msg::BadChoice));
            }
            found
        }
    };
    if let Some(d) = &dispatching {
        if let Some(free_on) = unit_barred_until(state, &d.id).await? {
            problems.push(FieldText::new("aid_unit_id", Text::with(Msg::StaffUnitBarred, [d.name.clone(), iso_date(free_on)])));
        }
    }
    let (Some(level), Some(unit)) = (level, unit) else { return Err(AppError::Invalid(problems)) };
    // a unit barred from recommending (§五) would leave the application stuck at its review:
    // its staff are told at the unit, before they fill anything, until when
    if let Some(free_on) = unit_barred_until(state, &unit.id).await? {
        problems.push(FieldText::new("unit_id", Text::with(Msg::StaffUnitBarred, [unit.name.clone(), iso_date(free_on)])));
    }
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
    let dispatching = dispatching.map(|d| (d.id, d.name));
    Ok((level, Route { unit_id: unit.id, authority_id: authority.id, region_id, office_id: office.id, unit_name: unit.name, dispatching }))
}

/// The first day a unit found to have helped fraud may recommend again, while its ban runs.
pub async fn unit_barred_until(state: &AppState, unit_id: &str) -> Result<Option<time::Date>, AppError> {
    let now = state.clock.now().millis();
    Ok(state.store.banned_until(Subject::Unit, unit_id, now).await?.map(|until| Instant(until).beijing_date()))
}

/// Starts a draft for the applicant; returns its id. A fraud finding bars its applicant for 3
/// years (§(十一)): refused with the day it ends. One open application at a time.
pub async fn start(state: &AppState, actor: &Actor, choice: &Choice<'_>) -> Result<String, AppError> {
    let now = state.clock.now();
    if let Some(until) = state.store.banned_until(Subject::Applicant, &actor.user_id, now.millis()).await? {
        let free_on = Instant(until).beijing_date();
        return Err(AppError::refused(Text::with(Msg::ApplicantBarred, [iso_date(free_on)])));
    }
    let (level, route) = route(state, choice).await?;
    // the round open for this series in the unit's region (issue 16)
    let round = crate::service::rounds::open_round(state, choice.series, &route.region_id).await?;
    // one open application a year (what the store's index also holds), said as such before the
    // round's own once-per-round rule; one finished or certified in an earlier year is no bar
    let mine = state.store.applications_of(&actor.user_id).await?;
    if mine.iter().any(|a| a.evaluation_year == i64::from(round.year) && !a.status.is_terminal()) {
        return Err(AppError::refused(Msg::OneOpenApplication));
    }
    crate::service::rounds::first_in_round(state, &actor.user_id, &round, "").await?;
    // the round's conditions for this level, told before anything is filled
    let (held, obtained_on) = check_start(&round.conditions, level, choice.current_level, choice.obtained_on, round.reference_date)
        .map_err(|list| AppError::Invalid(list.into_iter().map(|(f, p)| FieldText::new(f, Text::from(p))).collect()))?;
    let id = crate::store::new_id();
    // what the start form already asked is not asked again: the unit and specialty stand in 基本信息
    let mut fresh = Materials::new(level);
    fresh.basic.unit = route.unit_name.clone();
    fresh.basic.specialty = choice.specialty.trim().to_string();
    fresh.aid = route.aid_materials(None);
    fresh.qualification.current_level = held;
    fresh.qualification.obtained_on = obtained_on;
    fresh.sync_years(round.reference_date);
    let materials = serde_json::to_string(&fresh).or_internal("materials json")?;
    let new = NewApplication {
        id: &id,
        applicant_id: &actor.user_id,
        evaluation_year: round.year,
        series: choice.series.trim(),
        specialty: choice.specialty.trim(),
        level: level.as_str(),
        region_id: &route.region_id,
        reviewing_unit_id: route.reviewing_unit_id(),
        home_unit_id: route.home_unit_id(),
        authority_id: &route.authority_id,
        office_id: &route.office_id,
        materials: &materials,
        now: now.millis(),
        round_id: &round.id,
    };
    match state.store.insert_application(&new).await {
        Ok(()) => Ok(id),
        // a second tab started one in the same round a moment before
        Err(StoreError::Unique("applications_one_per_round" | "round_id")) => {
            Err(AppError::Invalid(vec![FieldText::new("series", Text::from(RoundRefusal::AlreadyApplied(Status::Draft)))]))
        }
        Err(StoreError::Unique(_)) => Err(AppError::refused(Msg::OneOpenApplication)),
        Err(e) => Err(e.into()),
    }
}

/// The applicant's applications, newest first, each with its completeness per section.
pub async fn mine(state: &AppState, actor: &Actor) -> Result<Vec<ApplicationSummary>, AppError> {
    let today = state.clock.now().beijing_date();
    let rows = state.store.applications_of(&actor.user_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let facts = row.facts();
        let materials = materials_of(&row)?;
        let round = state.store.round(&row.round_id).await?;
        let basis = crate::service::rounds::basis_of(round.as_ref().map(|r| &r.round), today);
        let gaps = missing(&materials, &basis);
        let per_section = materials.sections().into_iter().map(|s| (s, gaps.iter().filter(|m| m.section == s).count())).collect();
        let unit_name = state.store.organisation(row.home_unit()).await?.map(|o| o.name).unwrap_or_default();
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
            unmet: gaps.iter().filter_map(|g| if let Problem::Unmet(u) = g.problem { Some(Text::from(u)) } else { None }).collect(),
            round: round.map(|r| crate::api::rounds::RoundEntry::new(r, today)),
        });
    }
    Ok(out)
}

/// The units an application can be made in: (id, name).
pub async fn units(state: &AppState) -> Result<Vec<(String, String)>, AppError> {
    units_of_kind(state, OrgKind::Unit).await
}

/// The dispatching units an aid applicant may name (援疆): (id, name).
pub async fn dispatching_units(state: &AppState) -> Result<Vec<(String, String)>, AppError> {
    units_of_kind(state, OrgKind::Dispatching).await
}

async fn units_of_kind(state: &AppState, kind: OrgKind) -> Result<Vec<(String, String)>, AppError> {
    let orgs = state.store.organisations().await?;
    Ok(orgs.into_iter().filter(|o| o.kind == kind).map(|o| (o.id, o.name)).collect())
}

/// Changes the level, series, specialty or unit of an application still editable (rule 3), at
/// the version the page showed. The unit decides who reviews it, so the route is worked out again.
pub async fn change(state: &AppState, actor: &Actor, id: &str, version: i64, choice: &Choice<'_>) -> Result<(), AppError> {
    let row = editable(state, actor, id).await?;
    let (level, route) = route(state, choice).await?;
    // the same series in the same region stays in its round (also after the window closed, for a
    // returned application); another one must be open and not yet applied in
    let round = match state.store.round(&row.round_id).await? {
        Some(r) if r.round.series == choice.series.trim() && r.round.region_id == route.region_id => r.round,
        _ => crate::service::rounds::open_round_for(state, &row.applicant_id, choice.series, &route.region_id, id).await?,
    };
    let mut materials = materials_of(&row)?;
    materials.level = level;
    materials.aid = route.aid_materials(materials.aid.take());
    let json = serde_json::to_string(&materials).or_internal("materials json")?;
    let change = Rerouted {
        round_id: &round.id,
        evaluation_year: round.year,
        level: level.as_str(),
        series: choice.series.trim(),
        specialty: choice.specialty.trim(),
        region_id: &route.region_id,
        reviewing_unit_id: route.reviewing_unit_id(),
        home_unit_id: route.home_unit_id(),
        authority_id: &route.authority_id,
        office_id: &route.office_id,
        materials: &json,
    };
    match state.store.reroute_application(id, version, &change, state.clock.now().millis()).await {
        Ok(()) => Ok(()),
        Err(StoreError::Unique(_)) => {
            Err(AppError::Invalid(vec![FieldText::new("series", Text::from(RoundRefusal::AlreadyApplied(Status::Draft)))]))
        }
        Err(StoreError::Conflict) => Err(AppError::refused(Msg::StaleVersion)),
        Err(e) => Err(e.into()),
    }
}
