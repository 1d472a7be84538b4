//! The review chain (issue 4, seed §五–§七): reviewers' queues, the review page's data, decisions
//! (public notice, recommend, decline, pass, return with one complete list), and the public
//! notice with its objections. Each function authenticates, parses its input and calls
//! `service::review` or `service::gongshi`, which authorise through the domain (`queue_of`,
//! `may_view`, `may`) and check the rule of the step before they touch the store.

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use super::form::FormView;
use crate::domain::materials::Level;
use crate::domain::review::ReturnItem;
use crate::domain::workflow::{Action, Role, Status};

/// What the live stream (`/events`) says about a change: which application, and where it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeNote {
    pub application_id: String,
    pub status: String,
    pub version: i64,
}

/// One line of a reviewer's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: String,
    pub applicant_name: String,
    pub unit_name: String,
    pub series: String,
    pub specialty: String,
    pub level: Option<Level>,
    pub status: Status,
    pub submissions_used: i64,
    pub version: i64,
    pub updated_at: i64,
    pub due_at: Option<i64>,
    pub notice_closes_at: Option<i64>,
    pub objections: i64,
    pub duplicates: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub role: Role,
    /// The statuses of this reviewer's step, with how many applications are at each.
    pub counts: Vec<(Status, i64)>,
    /// One page of the filtered queue.
    pub rows: Vec<QueueItem>,
    /// How many the filter selects on all pages.
    pub total: i64,
    /// The `after` of the next page, when there is one (the last row's id).
    pub next: Option<String>,
    /// The server's clock when the page was made: countdowns run from it, not the device's.
    pub server_now: i64,
}

/// One line of an application's history: who (role and organisation), when, what, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: i64,
    pub role: Role,
    pub org_name: String,
    pub action: Option<Action>,
    pub from: Option<Status>,
    pub to: Option<Status>,
    pub opinion: String,
    pub items: Vec<ReturnItem>,
}

/// An objection as its reader may see it: who lodged it only for the unit and the office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionView {
    pub id: String,
    pub at: i64,
    pub name: String,
    pub contact: String,
    pub body: String,
    /// The unit's handling (核实情况、处理结果), once recorded.
    pub findings: String,
    pub outcome: String,
    pub handled_at: Option<i64>,
}

/// Everything the review page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub form: FormView,
    pub applicant_name: String,
    pub objections: Vec<ObjectionView>,
    pub notice_started_at: Option<i64>,
    pub notice_closes_at: Option<i64>,
    /// The decisions this reviewer may take now (the buttons the page shows).
    pub actions: Vec<Action>,
    /// The unit's pledge with this applicant's name, as the recommendation must contain it.
    pub pledge: String,
    /// The unit's stamped notice files: (field, attachment id, file name).
    pub unit_files: Vec<(String, String, String)>,
    /// The reader may record a fraud finding on it now (§(十一)).
    pub may_find_fraud: bool,
    /// The reader is the unit whose notice runs: it records how each objection was handled.
    pub may_handle_objections: bool,
    /// ... and name the recommending unit in it (not the unit itself).
    pub may_find_against_unit: bool,
    /// A committee member reads it from their session (the way back is `/committee`, not a queue).
    pub as_member: bool,
}

/// The fields of the unit's stamped notice files (uploaded on the review page, §五).
pub const UNIT_FILE_FIELDS: [&str; 2] = ["unit_notice_materials", "unit_notice_result"];

/// The public notice of one applicant (§五): basic information — never the ID number —,
/// 思想政治条件, specialty, level and achievements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicNoticeView {
    pub id: String,
    pub applicant_name: String,
    pub unit_name: String,
    pub series: String,
    pub specialty: String,
    pub level: Option<Level>,
    pub current_title: String,
    pub political_conduct: String,
    /// (title, date) of each achievement.
    pub achievements: Vec<(String, String)>,
    /// (title, date) of each work.
    pub works: Vec<(String, String)>,
    pub started_at: i64,
    pub closes_at: i64,
}

#[cfg(feature = "ssr")]
use crate::{
    api::access,
    api::context::redirect_form_post,
    api::context::{app_state, remember_form, request_ip},
    service::{gongshi, review as service},
};

/// The signed-in reviewer's queue, filtered: `status`, `level`, part of the `specialty` or of
/// the applicant's `name`, sorted by `sort` (recent | deadline | name).
#[server(prefix = "/api", endpoint = "review_queue")]
pub async fn review_queue(
    #[server(default)] status: String,
    #[server(default)] level: String,
    #[server(default)] specialty: String,
    #[server(default)] name: String,
    #[server(default)] sort: String,
    #[server(default)] after: String,
) -> Result<QueueView, AppError> {
    let state = app_state()?;
    let actor = access::signed_in(&state).await?;
    service::queue_for(&state, &actor, &service::filter_from(&status, &level, &specialty, &name, &sort, &after)).await
}

/// The review page's data: the application as its form shows it, the objections, the notice's
/// dates and the decisions this reviewer may take now.
#[server(prefix = "/api", endpoint = "review_application")]
pub async fn review_application(id: String) -> Result<ReviewView, AppError> {
    let state = app_state()?;
    let actor = access::signed_in(&state).await?;
    if actor.role == Role::Applicant {
        return Err(AppError::Forbidden);
    }
    service::review_view(&state, &actor, &id).await
}

/// A reviewer's decision on the version of the application their page showed. `at[iN]` and
/// `note[iN]` are the rows of a return list: where (`section` or `section/field`) and what.
/// Exactly one of several simultaneous decisions is taken; the others are told who acted.
#[server(prefix = "/api", endpoint = "decide")]
pub async fn decide(
    id: String,
    version: i64,
    action: String,
    #[server(default)] opinion: String,
    #[server(default)] at: HashMap<String, String>,
    #[server(default)] note: HashMap<String, String>,
) -> Result<Status, AppError> {
    let state = app_state()?;
    let actor = access::signed_in(&state).await?;
    let action = Action::parse(&action).filter(|a| crate::domain::workflow::REVIEW_ACTIONS.contains(a)).ok_or(AppError::Forbidden)?;
    let ip = request_ip(&state)?;
    let asked = service::Asked { id: &id, version, action, opinion: opinion.trim(), at: &at, note: &note, ip: &ip };
    let done = service::decide(&state, &actor, asked).await?;
    // without JavaScript: back to the application while it is still this reviewer's to see,
    // else to the queue, which says what was done
    if done.still_visible {
        redirect_form_post(&format!("/review/{id}"));
    } else {
        redirect_form_post(&format!("/review?done={}&status_now={}", action.as_str(), done.status.as_str()));
    }
    Ok(done.status)
}

/// The unit records how it handled one objection lodged during its notice: `findings` (核实情况)
/// and `outcome` (处理结果). Problems come back at `findings-<objection>` and `outcome-<objection>`:
/// the page holds a form for each objection.
#[server(prefix = "/api", endpoint = "handle_objection")]
pub async fn handle_objection(id: String, objection: String, findings: String, outcome: String) -> Result<(), AppError> {
    use crate::domain::review::ObjectionField;
    let state = app_state()?;
    let actor = access::signed_in(&state).await?;
    let ip = request_ip(&state)?;
    let answer = service::ObjectionAnswer { objection_id: &objection, findings: findings.trim(), outcome: outcome.trim(), ip: &ip };
    if let Err(e) = service::handle_objection(&state, &actor, &id, answer).await {
        let (f, o) = (ObjectionField::Findings.form_name(&objection), ObjectionField::Outcome.form_name(&objection));
        remember_form(&[(&f, &findings), (&o, &outcome)]);
        return Err(e);
    }
    redirect_form_post(&format!("/review/{id}"));
    Ok(())
}

/// Applications on public notice now (§五), for anyone.
#[server(prefix = "/api", endpoint = "public_notices", input = server_fn::codec::GetUrl)]
pub async fn public_notices() -> Result<Vec<PublicNoticeView>, AppError> {
    gongshi::on_notice(&app_state()?).await
}

/// One applicant's public notice, while it runs.
#[server(prefix = "/api", endpoint = "public_notice", input = server_fn::codec::GetUrl)]
pub async fn public_notice(id: String) -> Result<PublicNoticeView, AppError> {
    gongshi::one_on_notice(&app_state()?, &id).await
}

/// Lodges an objection on a running public notice (§五). Anyone may; a real name and a way to
/// reach them are required (实名), and one address may lodge 20 an hour.
#[server(prefix = "/api", endpoint = "lodge_objection")]
pub async fn lodge_objection(id: String, name: String, contact: String, body: String) -> Result<(), AppError> {
    let state = app_state()?;
    let ip = request_ip(&state)?;
    let objection = gongshi::Objection::parse(&name, &contact, &body).map_err(|problems| {
        remember_form(&[("name", &name), ("contact", &contact), ("body", &body)]);
        AppError::Invalid(problems)
    })?;
    gongshi::lodge(&state, &id, objection, &ip).await?;
    redirect_form_post(&format!("/gongshi/{id}?lodged=1"));
    Ok(())
}
