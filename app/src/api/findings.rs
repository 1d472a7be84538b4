//! Fraud findings (seed §(十一), §五; SPEC "Penalties"): the unit or the authority during its
//! review, or the office at its steps and after certification, records one on an application, against the applicant (3 years, sessions end), the unit (2 years, credit record),
//! or both; the region-wide notice (通报) lists those in force for anyone, the credit record
//! (诚信档案) all of them for those they concern.

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
    /// The period has not ended (the public notice lists only these; the credit record all).
    pub in_force: bool,
}

/// Records a finding on application `id` (`service::findings::record`); the office lands on its
/// queue.
#[server(prefix = "/api", endpoint = "record_finding")]
pub async fn record_finding(
    id: String,
    #[server(default)] evidence: String,
    #[server(default)] applicant: String,
    #[server(default)] unit: String,
) -> Result<(), AppError> {
    use crate::api::context::{app_state, redirect_form_post, request_ip};
    use crate::service::findings::{record, FindingForm};

    let state = app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    let form = || FindingForm::parse(&evidence, !applicant.is_empty(), !unit.is_empty(), actor.role);
    record(&state, &actor, &id, form, &request_ip(&state)?).await?;
    // the application has left the office's step: back to the queue, which says what was done
    redirect_form_post(FINDING_DONE_URL);
    Ok(())
}

/// The region-wide notice of findings (public).
#[server(prefix = "/api", endpoint = "public_findings", input = server_fn::codec::GetUrl)]
pub async fn public_findings() -> Result<Vec<FindingView>, AppError> {
    crate::service::findings::public_list(&crate::api::context::app_state()?).await
}

/// The credit record (诚信档案) the signed-in person may read: the office the findings on
/// applications it handled, the administrator all, a unit's reviewers their unit's, an applicant
/// their own (`domain::penalties::credit_scope`); 403 for anyone else.
#[server(prefix = "/api", endpoint = "credit_record")]
pub async fn credit_record() -> Result<Vec<FindingView>, AppError> {
    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    crate::service::findings::credit_record(&state, &actor).await
}
