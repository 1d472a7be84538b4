//! Evaluation (seed §八) and filing (§九): the office's sessions (members, date, place, pass rule,
//! assigned applications, attendance, closing the vote, publishing), the committee members'
//! votes, the public results, and the HR department's filing. Each function authenticates and
//! authorises by role (`api::access`), parses its input, and calls `service::evaluation`, which
//! checks the session itself (its office, its state, membership, `evaluation::may_vote`).

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::evaluation::{Outcome, SessionState};
use crate::domain::materials::Level;
use crate::domain::workflow::Status;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    pub name: String,
    pub held_at: i64,
    pub place: String,
    pub rule: (u32, u32),
    pub state: SessionState,
    pub applications: usize,
    pub notice_closes_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionApp {
    pub id: String,
    pub applicant_name: String,
    pub unit_name: String,
    pub series: String,
    pub specialty: String,
    pub level: Option<Level>,
    pub status: Status,
    pub version: i64,
    pub outcome: Option<Outcome>,
    /// Pass votes / votes cast (office view); the member's own vote (committee view).
    pub pass_votes: usize,
    pub votes_cast: usize,
    pub my_vote: Option<(bool, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: String,
    pub name: String,
    pub home_unit: String,
    pub present: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub session: SessionSummary,
    pub members: Vec<MemberView>,
    pub applications: Vec<SessionApp>,
    /// Office view only: how many of the session's applications a member may not see (回避).
    pub withheld: usize,
}

/// The office's evaluation page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationData {
    pub sessions: Vec<SessionSummary>,
    /// Paid, not yet in a session.
    pub unassigned: Vec<SessionApp>,
    /// 通过形式 but not paid yet.
    pub unpaid: Vec<SessionApp>,
    /// The committee's members to choose from: (id, name, home unit name).
    pub committee: Vec<(String, String, String)>,
}

/// A published session as the public results page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicResult {
    pub session: SessionSummary,
    pub committee_name: String,
    /// (application id, name, unit, series · specialty, level, outcome)
    pub rows: Vec<(String, String, String, String, Option<Level>, Outcome)>,
}

#[cfg(feature = "ssr")]
use crate::{
    api::access,
    api::context::redirect_form_post,
    api::context::{app_state, remember_form, request_ip},
    domain::workflow::Role,
    service::{committee, evaluation as service, results},
};

#[server(prefix = "/api", endpoint = "evaluation_overview")]
pub async fn evaluation_overview() -> Result<EvaluationData, AppError> {
    let state = app_state()?;
    let (_, office) = access::office_reviewer(&state).await?;
    service::overview(&state, &office).await
}

/// Creates a session. `member[...]` are the chosen committee members (checkbox values).
#[server(prefix = "/api", endpoint = "create_session")]
pub async fn create_session(
    #[server(default)] name: String,
    #[server(default)] date: String,
    #[server(default)] time: String,
    #[server(default)] place: String,
    #[server(default)] rule_num: String,
    #[server(default)] rule_den: String,
    #[server(default)] member: HashMap<String, String>,
) -> Result<String, AppError> {
    let state = app_state()?;
    let (_, office) = access::office_reviewer(&state).await?;
    let form = service::SessionForm::parse(&name, &date, &time, &place, &rule_num, &rule_den, member).map_err(|problems| {
        remember_form(&[("name", &name), ("date", &date), ("time", &time), ("place", &place)]);
        AppError::Invalid(problems)
    })?;
    let id = service::create_session(&state, &office, form).await?;
    redirect_form_post(&format!("/evaluation/{id}"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "evaluation_session")]
pub async fn evaluation_session(id: String) -> Result<SessionView, AppError> {
    let state = app_state()?;
    let (_, office) = access::office_reviewer(&state).await?;
    service::office_view(&state, &office, &id).await
}

/// Assigns paid applications (`app[...]` checkbox values) to an open session and tells each
/// applicant the time and place.
#[server(prefix = "/api", endpoint = "assign_to_session")]
pub async fn assign_to_session(id: String, #[server(default)] app: HashMap<String, String>) -> Result<u64, AppError> {
    let state = app_state()?;
    let (_, office) = access::office_reviewer(&state).await?;
    let ids: Vec<String> = app.into_values().take(1000).collect();
    let n = service::assign(&state, &office, &id, ids).await?;
    redirect_form_post(&format!("/evaluation/{id}"));
    Ok(n)
}

/// Records a member present or absent (only while the session is open).
#[server(prefix = "/api", endpoint = "set_attendance")]
pub async fn set_attendance(id: String, user_id: String, present: bool) -> Result<(), AppError> {
    let state = app_state()?;
    let (_, office) = access::office_reviewer(&state).await?;
    service::set_attendance(&state, &office, &id, &user_id, present).await?;
    redirect_form_post(&format!("/evaluation/{id}"));
    Ok(())
}

/// Closes the voting: the outcomes are fixed by the session's rule.
#[server(prefix = "/api", endpoint = "close_session")]
pub async fn close_session(id: String) -> Result<usize, AppError> {
    let state = app_state()?;
    let (actor, office) = access::office_reviewer(&state).await?;
    let ip = request_ip(&state)?;
    let n = service::close(&state, &actor, &office, &id, &ip).await?;
    redirect_form_post(&format!("/evaluation/{id}"));
    Ok(n)
}

/// Publishes a closed session's results for at least 5 working days.
#[server(prefix = "/api", endpoint = "publish_results")]
pub async fn publish_results(id: String) -> Result<usize, AppError> {
    let state = app_state()?;
    let (actor, office) = access::office_reviewer(&state).await?;
    let ip = request_ip(&state)?;
    let n = service::publish(&state, &actor, &office, &id, &ip).await?;
    redirect_form_post(&format!("/evaluation/{id}"));
    Ok(n)
}

/// The committee member's sessions.
#[server(prefix = "/api", endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<SessionSummary>, AppError> {
    let state = app_state()?;
    let actor = access::as_role(&state, Role::CommitteeMember).await?;
    committee::member_sessions(&state, &actor).await
}

/// A session as one member sees it: only the applications they may see (not their own unit's).
#[server(prefix = "/api", endpoint = "committee_session")]
pub async fn committee_session(id: String) -> Result<SessionView, AppError> {
    let state = app_state()?;
    let actor = access::as_role(&state, Role::CommitteeMember).await?;
    committee::member_view(&state, &actor, &id).await
}

/// A member's vote on one application of their session.
#[server(prefix = "/api", endpoint = "cast_vote")]
pub async fn cast_vote(session: String, application: String, vote: String, #[server(default)] comment: String) -> Result<(), AppError> {
    let state = app_state()?;
    let actor = access::as_role(&state, Role::CommitteeMember).await?;
    committee::vote(&state, &actor, &session, &application, &vote, &comment).await?;
    redirect_form_post(&format!("/committee/{session}"));
    Ok(())
}

/// Every published session's results (public, no sign-in).
#[server(prefix = "/api", endpoint = "public_results", input = server_fn::codec::GetUrl)]
pub async fn public_results() -> Result<Vec<PublicResult>, AppError> {
    results::public_results(&app_state()?).await
}

/// The HR department's filing list: published sessions and their applications awaiting 备案.
#[server(prefix = "/api", endpoint = "filing_overview")]
pub async fn filing_overview() -> Result<Vec<PublicResult>, AppError> {
    let state = app_state()?;
    let actor = access::as_role(&state, Role::HrOfficer).await?;
    results::filing_overview(&state, &actor).await
}

/// Files (备案) a session's results: the chosen applications (`app[...]`), or all when `all` is set.
/// Not before the results' public notice has run its 5 working days.
#[server(prefix = "/api", endpoint = "file_results")]
pub async fn file_results(
    session: String,
    #[server(default)] all: String,
    #[server(default)] app: HashMap<String, String>,
) -> Result<usize, AppError> {
    let state = app_state()?;
    let actor = access::as_role(&state, Role::HrOfficer).await?;
    let which = if all == "1" || all == "true" { results::FileWhich::All } else { results::FileWhich::Chosen(app.into_values().collect()) };
    let ip = request_ip(&state)?;
    let n = results::file_results(&state, &actor, &session, which, &ip).await?;
    redirect_form_post("/filing?filed=1");
    Ok(n)
}
