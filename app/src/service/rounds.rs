//! Rounds (申报年度 / 批次, issue 16; route `/admin/rounds`, and the windows on `/` and
//! `/applications`): which round a choice falls in, whether it may be started or submitted now,
//! the day an application's conditions count to, and the administrator's changes.

use crate::api::error::AppError;
use crate::api::rounds::RoundEntry;
use time::Date;

use crate::domain::admin::AdminProblem;
use crate::domain::conditions::parse_conditions;
use crate::domain::materials::Basis;
use crate::domain::rounds::{check_round_dates, current_round, may_start, may_submit, Round, RoundRefusal};
use crate::domain::workflow::Status;
use crate::forms::FieldText;
use crate::i18n::Text;
use crate::state::AppState;
use crate::store::{ApplicationRow, ByAdmin, RoundSave, StoreError};

/// Every round with where today stands against it, the latest year first.
pub async fn overview(state: &AppState) -> Result<Vec<RoundEntry>, AppError> {
    let today = state.clock.now().beijing_date();
    Ok(state.store.rounds().await?.into_iter().map(|r| RoundEntry::new(r, today)).collect())
}

/// The round a fresh choice of `series` in `region_id` falls in today, for `applicant_id`
/// (leaving out the application `except` being changed): refused at 评审系列 when no round is
/// open, or when the person already has an application in it (`domain::rounds`).
pub async fn open_round_for(state: &AppState, applicant_id: &str, series: &str, region_id: &str, except: &str) -> Result<Round, AppError> {
    let round = open_round(state, series, region_id).await?;
    first_in_round(state, applicant_id, &round, except).await?;
    Ok(round)
}

/// The round of `series` in `region_id` open today, refused at 评审系列 when there is none.
pub async fn open_round(state: &AppState, series: &str, region_id: &str) -> Result<Round, AppError> {
    let today = state.clock.now().beijing_date();
    let rounds: Vec<Round> = state.store.rounds().await?.into_iter().map(|r| r.round).collect();
    Ok(current_round(&rounds, series.trim(), region_id, today).map_err(at_series)?.clone())
}

/// Refused at 评审系列 when `applicant_id` already has an application in `round` (leaving out
/// `except`, the one being changed).
pub async fn first_in_round(state: &AppState, applicant_id: &str, round: &Round, except: &str) -> Result<(), AppError> {
    let earlier = state.store.statuses_in_round(applicant_id, &round.id, except).await?;
    may_start(round, state.clock.now().beijing_date(), &earlier).map_err(at_series)
}

fn at_series(r: RoundRefusal) -> AppError {
    AppError::Invalid(vec![FieldText::new("series", Text::from(r))])
}

/// Whether `row` may be submitted today: a draft inside its round's window; a returned one while
/// its 48 hours run, also after the window closed. One made before rounds existed is not held.
pub async fn check_submit(state: &AppState, row: &ApplicationRow, status: Status) -> Result<(), AppError> {
    let Some(r) = state.store.round(&row.round_id).await? else { return Ok(()) };
    may_submit(&r.round, state.clock.now().beijing_date(), status).map_err(|refusal| AppError::refused(Text::from(refusal)))
}

/// What `row`'s completeness is judged against: its round's conditions, counted to its round's
/// reference date (years since the post, the training and assessment years, the 援疆 year), so
/// nothing changes on New Year's Day; the notice's conditions counted to today for an application
/// made before rounds existed.
pub async fn basis(state: &AppState, row: &ApplicationRow) -> Result<Basis, AppError> {
    Ok(basis_of(state.store.round(&row.round_id).await?.map(|r| r.round).as_ref(), state.clock.now().beijing_date()))
}

/// `basis` for a round already read (none: made before rounds existed, judged to `today`).
pub fn basis_of(round: Option<&Round>, today: Date) -> Basis {
    match round {
        Some(r) => Basis { reference_date: r.reference_date, conditions: r.conditions.clone() },
        None => Basis::notice(today),
    }
}

/// A round as the administrator's form sends it, as typed: `id` empty for a new one.
pub struct RoundForm<'a> {
    pub id: &'a str,
    pub series_id: &'a str,
    pub region_id: &'a str,
    pub year: &'a str,
    pub opens_on: &'a str,
    pub submit_by: &'a str,
    pub reference_date: &'a str,
    /// The conditions' fields (`domain::conditions::parse_conditions`); none: kept as they are
    /// (the notice's for a new round).
    pub conditions: &'a std::collections::HashMap<String, String>,
}

/// Adds or changes a round, each refusal at its field; returns its id.
pub async fn save(state: &AppState, by: &ByAdmin<'_>, form: &RoundForm<'_>) -> Result<String, AppError> {
    let mut problems: Vec<FieldText> = vec![];
    let dates = check_round_dates(form.year, form.opens_on, form.submit_by, form.reference_date)
        .map_err(|list| problems.extend(list.into_iter().map(|(f, p)| FieldText::new(f, Text::from(p)))))
        .ok();
    let conditions = if form.conditions.is_empty() {
        let kept = state.store.round(form.id.trim()).await?.map(|r| r.round.conditions);
        Some(kept.unwrap_or_default())
    } else {
        parse_conditions(form.conditions)
            .map_err(|list| problems.extend(list.into_iter().map(|(f, p)| FieldText::new(&f, Text::from(p)))))
            .ok()
    };
    let series = state.store.title_series().await?;
    if !series.iter().any(|s| s.id == form.series_id) {
        problems.push(FieldText::new("series_id", AdminProblem::Required));
    }
    let region = state.store.organisation(form.region_id).await?;
    if region.is_none_or(|o| o.kind != crate::domain::admin::OrgKind::Region) {
        problems.push(FieldText::new("region_id", AdminProblem::Required));
    }
    let (Some((year, opens_on, submit_by, reference_date)), Some(conditions), true) = (dates, conditions, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let save = RoundSave {
        id: form.id.trim(),
        series_id: form.series_id,
        region_id: form.region_id,
        year,
        opens_on,
        submit_by,
        reference_date,
        conditions: &conditions,
    };
    match state.store.save_round(&save, by).await {
        Ok(id) => Ok(id),
        Err(StoreError::Unique(_)) => Err(AppError::Invalid(vec![FieldText::new("year", AdminProblem::RoundTaken)])),
        Err(StoreError::NotFound) => Err(AppError::Forbidden),
        Err(e) => Err(e.into()),
    }
}
