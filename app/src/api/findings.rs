//! Fraud findings (seed §(十一), §五; SPEC "Penalties"): the office records one on an application
//! at its step, against the applicant (3 years, sessions end), the unit (2 years, credit record),
//! or both; the region-wide notice (通报) lists them for anyone.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;

/// Where the office lands after a finding (the queue, with a notice of what was done).
pub const FINDING_DONE_URL: &str = "/review?done=find_fraud&status_now=closed";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingView {
    pub kind: crate::domain::penalties::Subject,
    pub name: String,
    pub unit_name: String,
    pub evidence: String,
    pub found_on: String,
    pub until: String,
}

#[server(prefix = "/api", endpoint = "record_finding")]
pub async fn record_finding(
    id: String,
    #[server(default)] evidence: String,
    #[server(default)] applicant: String,
    #[server(default)] unit: String,
) -> Result<(), AppError> {
    use crate::api::context::{app_state, client_ip, request_parts, require_session};
    use crate::domain::instant::Instant;
    use crate::domain::penalties::{free_again_on, APPLICANT_BAN_YEARS, UNIT_BAN_YEARS};
    use crate::domain::workflow::{may, Action};
    use crate::forms::FieldText;
    use crate::i18n::Msg;
    use crate::store::{Finding, Found};

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    let row = crate::api::form::visible(&state, &actor, &id).await?;
    let facts = row.facts();
    if may(&actor, Action::FindFraud, &facts).is_err() {
        return Err(AppError::Forbidden);
    }
    let evidence = evidence.trim().to_string();
    let (against_applicant, against_unit) = (!applicant.is_empty(), !unit.is_empty());
    let mut problems = vec![];
    let n = evidence.chars().count();
    if !(10..=5000).contains(&n) {
        problems.push(FieldText::new("evidence", Msg::FindingEvidenceRequired));
    }
    if !against_applicant && !against_unit {
        problems.push(FieldText::new("applicant", Msg::FindingSubjectRequired));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let now = state.clock.now();
    let today = now.beijing_date();
    let until = |years| Instant::beijing_midnight(free_again_on(today, years)).millis();
    let ip = client_ip(&request_parts()?, &state);
    let finding = Finding {
        application_id: &id,
        evidence: &evidence,
        against_applicant,
        against_unit,
        now: now.millis(),
        applicant_until: until(APPLICANT_BAN_YEARS),
        unit_until: until(UNIT_BAN_YEARS),
        client_ip: &ip,
    };
    match state.store.record_finding(&finding, &actor).await? {
        Found::Done { .. } => {
            if let Ok(Some(after)) = state.store.application(&id).await {
                state.events.publish(&after);
            }
            // the application has left the office's step: back to the queue, which says what was done
            crate::api::form::redirect_form_post(FINDING_DONE_URL);
            Ok(())
        }
        Found::Denied(_) => Err(AppError::Forbidden),
    }
}

/// The region-wide notice of findings (public).
#[server(prefix = "/api", endpoint = "public_findings", input = server_fn::codec::GetUrl)]
pub async fn public_findings() -> Result<Vec<FindingView>, AppError> {
    use crate::api::context::app_state;
    use crate::domain::instant::{iso_date, Instant};
    let state = app_state()?;
    Ok(state
        .store
        .findings()
        .await?
        .into_iter()
        .map(|f| FindingView {
            kind: f.subject_kind,
            name: f.subject_name,
            unit_name: f.unit_name,
            evidence: f.evidence,
            found_on: iso_date(Instant(f.found_at).beijing_date()),
            until: iso_date(Instant(f.until_at).beijing_date()),
        })
        .collect())
}
