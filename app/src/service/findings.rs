//! Fraud findings (seed §(十一), §五; SPEC "Penalties"; route `/tongbao` for the public notice):
//! the office records one on an application at its step, against the applicant (3 years,
//! sessions end), the unit (2 years, credit record), or both.

use crate::api::error::AppError;
use crate::api::findings::FindingView;
use crate::domain::instant::{iso_date, Instant};
use crate::domain::penalties::{credit_scope, free_again_on, APPLICANT_BAN_YEARS, UNIT_BAN_YEARS};
use crate::domain::workflow::{may, may_find_against_unit, Action, Actor, Role};
use crate::forms::FieldText;
use crate::i18n::Msg;
use crate::service::form::visible;
use crate::state::AppState;
use crate::store::{Finding, FindingRow, Found};

/// What the office wrote: the evidence (10–5,000 characters) and whom the finding is against.
pub struct FindingForm {
    pub evidence: String,
    pub against_applicant: bool,
    pub against_unit: bool,
}

impl FindingForm {
    /// Each refusal at its field. `finder` is who records it: a unit does not find against itself
    /// (`may_find_against_unit`).
    pub fn parse(evidence: &str, applicant: bool, unit: bool, finder: Role) -> Result<Self, AppError> {
        let evidence = evidence.trim().to_string();
        let mut problems = vec![];
        if !(10..=5000).contains(&evidence.chars().count()) {
            problems.push(FieldText::new("evidence", Msg::FindingEvidenceRequired));
        }
        if unit && !may_find_against_unit(finder) {
            problems.push(FieldText::new("applicant", Msg::FindingUnitNotByUnit));
        } else if !applicant && !unit {
            problems.push(FieldText::new("applicant", Msg::FindingSubjectRequired));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        Ok(FindingForm { evidence, against_applicant: applicant, against_unit: unit })
    }
}

/// Records the finding if the actor may (`Action::FindFraud` at the finder's step: asked before
/// the form is read, so someone without the right learns nothing from its messages); the
/// application closes and its subjects are barred from tomorrow's date for their years.
pub async fn record(
    state: &AppState,
    actor: &Actor,
    id: &str,
    form: impl FnOnce() -> Result<FindingForm, AppError>,
    client_ip: &str,
) -> Result<(), AppError> {
    let facts = visible(state, actor, id).await?.facts();
    may(actor, Action::FindFraud, &facts).map_err(|_| AppError::Forbidden)?;
    let form = form()?;
    let now = state.clock.now();
    let today = now.beijing_date();
    let until = |years| Instant::beijing_midnight(free_again_on(today, years)).millis();
    let finding = Finding {
        application_id: id,
        evidence: &form.evidence,
        against_applicant: form.against_applicant,
        against_unit: form.against_unit,
        now: now.millis(),
        applicant_until: until(APPLICANT_BAN_YEARS),
        unit_until: until(UNIT_BAN_YEARS),
        client_ip,
    };
    match state.store.record_finding(&finding, actor).await? {
        Found::Done { .. } => {
            if let Ok(Some(after)) = state.store.application(id).await {
                state.events.publish(&after);
            }
            Ok(())
        }
        Found::Denied(_) => Err(AppError::Forbidden),
    }
}

/// The most findings the public notice lists (newest first).
pub const PUBLIC_FINDINGS_MAX: i64 = 500;

/// The region-wide notice of findings in force (public), newest first.
pub async fn public_list(state: &AppState) -> Result<Vec<FindingView>, AppError> {
    let now = state.clock.now().millis();
    Ok(state.store.findings(Some(now), PUBLIC_FINDINGS_MAX).await?.into_iter().map(|f| view(f, now)).collect())
}

/// The most entries the credit record lists (newest first).
pub const CREDIT_RECORD_MAX: i64 = 1_000;

/// The credit record (诚信档案) as `actor` may read it (`domain::penalties::credit_scope`):
/// every finding, also those whose period is over; 403 for the roles that have no part in it.
pub async fn credit_record(state: &AppState, actor: &Actor) -> Result<Vec<FindingView>, AppError> {
    let scope = credit_scope(actor).ok_or(AppError::Forbidden)?;
    let now = state.clock.now().millis();
    Ok(state.store.credit_entries(&scope, CREDIT_RECORD_MAX).await?.into_iter().map(|f| view(f, now)).collect())
}

fn view(f: FindingRow, now: i64) -> FindingView {
    FindingView {
        kind: f.subject_kind,
        name: f.subject_name,
        unit_name: f.unit_name,
        evidence: f.evidence,
        found_on: iso_date(Instant(f.found_at).beijing_date()),
        until: iso_date(Instant(f.until_at).beijing_date()),
        in_force: f.until_at > now,
    }
}
