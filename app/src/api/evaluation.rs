//! Evaluation (seed §八) and filing (§九): the office's sessions (members, date, place, pass rule,
//! assigned applications, attendance, closing the vote, publishing), the committee members'
//! votes, the public results, and the HR department's filing. Each function authenticates,
//! authorises (role, organisation, session membership, `evaluation::may_vote`), checks its input
//! and only then touches the store.

#[cfg(feature = "ssr")]
use crate::api::context::internal;
use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::admin::OrgKind;
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
pub mod server {
    use super::*;
    use crate::api::context::{app_state, require_session};
    use crate::domain::workflow::{Actor, Role};
    use crate::state::AppState;
    use crate::store::evaluation::{SessionApplicationRow, SessionRow};

    pub fn summary(s: &SessionRow, applications: usize) -> SessionSummary {
        SessionSummary {
            id: s.id.clone(),
            name: s.name.clone(),
            held_at: s.held_at,
            place: s.place.clone(),
            rule: (s.rule_num as u32, s.rule_den as u32),
            state: s.state,
            applications,
            notice_closes_at: s.notice_closes_at,
        }
    }

    pub fn app_view(a: &SessionApplicationRow) -> SessionApp {
        SessionApp {
            id: a.id.clone(),
            applicant_name: a.applicant_name.clone(),
            unit_name: a.unit_name.clone(),
            series: a.series.clone(),
            specialty: a.specialty.clone(),
            level: Level::parse(&a.level),
            status: a.status,
            version: a.version,
            outcome: a.outcome.as_deref().and_then(Outcome::parse),
            pass_votes: 0,
            votes_cast: 0,
            my_vote: None,
        }
    }

    /// The signed-in office reviewer and their office.
    pub async fn office(state: &AppState) -> Result<(Actor, String), AppError> {
        let (actor, _) = require_session(state).await?;
        match (actor.role, actor.org_id.clone()) {
            (Role::OfficeReviewer, Some(org)) => Ok((actor, org)),
            _ => Err(AppError::Forbidden),
        }
    }

    /// A session of the actor's office; another office's session is "not found", like a missing one.
    pub async fn own_session(state: &AppState, office_id: &str, id: &str) -> Result<SessionRow, AppError> {
        match state.store.eval_session(id).await? {
            Some(s) if s.office_id == office_id => Ok(s),
            _ => Err(AppError::refused(crate::i18n::Msg::SessionNotFound)),
        }
    }

    pub fn state() -> Result<AppState, AppError> {
        app_state()
    }

    /// Tells the live pages about every application a batch step moved.
    pub fn announce(state: &AppState, batch: &crate::store::evaluation::Batch) {
        for row in &batch.moved {
            state.events.publish(row);
        }
    }
}

#[server(prefix = "/api", endpoint = "evaluation_overview")]
pub async fn evaluation_overview() -> Result<EvaluationData, AppError> {
    let state = server::state()?;
    let (_, office) = server::office(&state).await?;
    let store = &state.store;
    let mut sessions = vec![];
    for s in store.sessions_of_office(&office).await? {
        let n = store.session_applications(&s.id).await?.len();
        sessions.push(server::summary(&s, n));
    }
    let unassigned = store.unassigned_paid(&office).await?.iter().map(server::app_view).collect();
    let unpaid = store
        .queue(
            crate::domain::review::QueueOrg::Office,
            &office,
            &[Status::FormalPassed],
            &crate::store::QueueFilter { limit: 500, ..Default::default() },
        )
        .await?
        .into_iter()
        .map(|r| SessionApp {
            id: r.id,
            applicant_name: r.applicant_name,
            unit_name: r.unit_name,
            series: r.series,
            specialty: r.specialty,
            level: Level::parse(&r.level),
            status: Status::FormalPassed,
            version: r.version,
            outcome: None,
            pass_votes: 0,
            votes_cast: 0,
            my_vote: None,
        })
        .collect();
    let mut committee = vec![];
    for org in store.organisations().await?.into_iter().filter(|o| o.kind == OrgKind::Committee) {
        for (id, name, unit) in store.committee_members(&org.id).await? {
            let unit_name = match unit {
                Some(u) => store.organisation(&u).await?.map(|o| o.name).unwrap_or(u),
                None => String::new(),
            };
            committee.push((id, name, unit_name));
        }
    }
    Ok(EvaluationData { sessions, unassigned, unpaid, committee })
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
    use crate::domain::evaluation::PassRule;
    use crate::domain::instant::{parse_written_date, Instant, HOUR_MS, MINUTE_MS};
    use crate::forms::FieldText;
    use crate::i18n::Msg;
    let state = server::state()?;
    let (_, office) = server::office(&state).await?;
    let mut problems = vec![];
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 {
        problems.push(FieldText::new("name", Msg::SessionNameRequired));
    }
    let day = parse_written_date(&date);
    if day.is_none() {
        problems.push(FieldText::new("date", Msg::SessionDateRequired));
    }
    let minutes = time.trim().split_once(':').and_then(|(h, m)| Some((h.parse::<i64>().ok()?, m.parse::<i64>().ok()?)));
    let minutes = minutes.filter(|(h, m)| (0..24).contains(h) && (0..60).contains(m));
    if minutes.is_none() {
        problems.push(FieldText::new("time", Msg::SessionTimeRequired));
    }
    let place = place.trim().to_string();
    if place.is_empty() || place.chars().count() > 200 {
        problems.push(FieldText::new("place", Msg::SessionPlaceRequired));
    }
    let rule = match (rule_num.trim(), rule_den.trim()) {
        ("", "") => Some(PassRule::default()),
        (n, d) => n.parse().ok().zip(d.parse().ok()).and_then(|(n, d)| PassRule::new(n, d).ok()),
    };
    if rule.is_none() {
        problems.push(FieldText::new("rule_num", Msg::SessionRuleInvalid));
    }
    // only members of a committee, each once
    let committee_orgs: Vec<String> =
        state.store.organisations().await?.into_iter().filter(|o| o.kind == OrgKind::Committee).map(|o| o.id).collect();
    let mut eligible = vec![];
    for org in &committee_orgs {
        eligible.extend(state.store.committee_members(org).await?.into_iter().map(|(id, _, unit)| (id, unit, org.clone())));
    }
    let mut chosen: Vec<&(String, Option<String>, String)> = vec![];
    for id in member.values() {
        match eligible.iter().find(|(e, _, _)| e == id) {
            Some(m) if !chosen.iter().any(|c| c.0 == m.0) => chosen.push(m),
            Some(_) => {}
            None => return Err(AppError::Forbidden),
        }
    }
    if chosen.is_empty() {
        problems.push(FieldText::new("member", Msg::SessionMembersRequired));
    }
    if !problems.is_empty() {
        crate::api::context::remember_form(&[("name", &name), ("date", &date), ("time", &time), ("place", &place)]);
        return Err(AppError::Invalid(problems));
    }
    let (Some(day), Some((h, m)), Some(rule)) = (day, minutes, rule) else { return Err(AppError::Internal) };
    let held_at = Instant::beijing_midnight(day).millis() + h * HOUR_MS + m * MINUTE_MS;
    let committee_id = chosen[0].2.clone();
    let members: Vec<(String, Option<String>)> = chosen.iter().map(|(id, unit, _)| (id.clone(), unit.clone())).collect();
    let id = crate::store::new_id();
    let new = crate::store::evaluation::NewSession {
        id: &id,
        office_id: &office,
        committee_id: &committee_id,
        name: &name,
        held_at,
        place: &place,
        rule,
        now: state.clock.now().millis(),
        members: &members,
    };
    state.store.insert_eval_session(&new).await?;
    crate::api::form::redirect_form_post(&format!("/evaluation/{id}"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "evaluation_session")]
pub async fn evaluation_session(id: String) -> Result<SessionView, AppError> {
    let state = server::state()?;
    let (_, office) = server::office(&state).await?;
    let s = server::own_session(&state, &office, &id).await?;
    let apps = state.store.session_applications(&id).await?;
    let votes = state.store.votes_of_session(&id).await?;
    let members = state.store.session_members(&id).await?;
    let applications = apps
        .iter()
        .map(|a| {
            let mut v = server::app_view(a);
            v.votes_cast = votes.iter().filter(|x| x.application_id == a.id).count();
            v.pass_votes = votes.iter().filter(|x| x.application_id == a.id && x.pass != 0).count();
            v
        })
        .collect();
    let withheld =
        apps.iter().map(|a| members.iter().filter(|m| crate::domain::evaluation::conflicted(&m.member(), &a.units())).count()).sum();
    Ok(SessionView {
        session: server::summary(&s, apps.len()),
        members: members
            .into_iter()
            .map(|m| MemberView {
                user_id: m.user_id,
                name: m.name,
                home_unit: m.home_unit_name.unwrap_or_default(),
                present: m.present != 0,
            })
            .collect(),
        applications,
        withheld,
    })
}

/// Assigns paid applications (`app[...]` checkbox values) to an open session and tells each
/// applicant the time and place.
#[server(prefix = "/api", endpoint = "assign_to_session")]
pub async fn assign_to_session(id: String, #[server(default)] app: HashMap<String, String>) -> Result<u64, AppError> {
    use crate::domain::instant::Instant;
    use crate::i18n::{Lang, Msg, Text};
    let state = server::state()?;
    let (_, office) = server::office(&state).await?;
    let s = server::own_session(&state, &office, &id).await?;
    if s.state != SessionState::Open {
        return Err(AppError::refused(Msg::SessionNotOpen));
    }
    let ids: Vec<String> = app.into_values().take(1000).collect();
    if ids.is_empty() {
        return Err(AppError::field("app", Msg::SessionPickApplications));
    }
    let n = state.store.assign_to_session(&s, &ids).await?;
    // notify each applicant now in the session (§八 申报人按时、按要求参加评审)
    let when = Instant(s.held_at).beijing_display();
    for a in state.store.session_applications(&s.id).await?.iter().filter(|a| ids.contains(&a.id)) {
        if let Some(user) = state.store.user_by_id(&a.applicant_id).await? {
            let body = Text::with(Msg::SessionNotifyMessage, [when.clone(), s.place.clone()]).render(Lang::Zh);
            let msg = crate::store::outbox::Message {
                channel: crate::store::outbox::Channel::Sms,
                recipient: &user.phone,
                subject: Msg::SessionNotifySubject.text(Lang::Zh),
                body: &body,
                user_id: Some(&user.id),
                now: state.clock.now().millis(),
            };
            // the assignment stands even when a message fails; the applicant also sees it on the page
            if let Err(e) = state.messenger.send(msg).await {
                tracing::error!(error = %e, "session notice not sent");
            }
        }
    }
    crate::api::form::redirect_form_post(&format!("/evaluation/{id}"));
    Ok(n)
}

/// Records a member present or absent (only while the session is open).
#[server(prefix = "/api", endpoint = "set_attendance")]
pub async fn set_attendance(id: String, user_id: String, present: bool) -> Result<(), AppError> {
    let state = server::state()?;
    let (_, office) = server::office(&state).await?;
    let s = server::own_session(&state, &office, &id).await?;
    if !state.store.set_member_present(&s.id, &user_id, present).await? {
        return Err(AppError::refused(crate::i18n::Msg::SessionNotOpen));
    }
    crate::api::form::redirect_form_post(&format!("/evaluation/{id}"));
    Ok(())
}

/// Closes the voting: the outcomes are fixed by the session's rule.
#[server(prefix = "/api", endpoint = "close_session")]
pub async fn close_session(id: String) -> Result<usize, AppError> {
    use crate::api::context::{client_ip, request_parts};
    let state = server::state()?;
    let (actor, office) = server::office(&state).await?;
    let s = server::own_session(&state, &office, &id).await?;
    if s.state != SessionState::Open {
        return Err(AppError::refused(crate::i18n::Msg::SessionNotOpen));
    }
    if !crate::domain::evaluation::may_close(s.held_at, state.clock.now().millis()) {
        let when = crate::domain::instant::Instant(s.held_at).beijing_display();
        return Err(AppError::refused(crate::i18n::Text::with(crate::i18n::Msg::SessionNotYetHeld, [when])));
    }
    let ip = client_ip(&request_parts()?, &state);
    let batch = match state.store.close_session(&s, &actor, &ip, state.clock.now().millis()).await {
        Ok(b) => b,
        Err(crate::store::StoreError::Conflict) => return Err(AppError::refused(crate::i18n::Msg::SessionNotOpen)),
        Err(e) => return Err(internal("close", e)),
    };
    server::announce(&state, &batch);
    crate::api::form::redirect_form_post(&format!("/evaluation/{id}"));
    Ok(batch.moved.len())
}

/// Publishes a closed session's results for at least 5 working days.
#[server(prefix = "/api", endpoint = "publish_results")]
pub async fn publish_results(id: String) -> Result<usize, AppError> {
    use crate::api::context::{client_ip, request_parts};
    let state = server::state()?;
    let (actor, office) = server::office(&state).await?;
    let s = server::own_session(&state, &office, &id).await?;
    if s.state != SessionState::Closed {
        return Err(AppError::refused(crate::i18n::Msg::SessionNotClosed));
    }
    let now = state.clock.now();
    let calendar = state.store.work_calendar().await?;
    let closes = calendar.notice_earliest_close(now).0;
    let ip = client_ip(&request_parts()?, &state);
    let batch = match state.store.publish_session(&s, &actor, &ip, now.millis(), closes).await {
        Ok(b) => b,
        Err(crate::store::StoreError::Conflict) => return Err(AppError::refused(crate::i18n::Msg::SessionNotClosed)),
        Err(e) => return Err(internal("publish", e)),
    };
    server::announce(&state, &batch);
    crate::api::form::redirect_form_post(&format!("/evaluation/{id}"));
    Ok(batch.moved.len())
}

/// The committee member's sessions.
#[server(prefix = "/api", endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<SessionSummary>, AppError> {
    use crate::api::context::require_session;
    let state = server::state()?;
    let (actor, _) = require_session(&state).await?;
    if actor.role != crate::domain::workflow::Role::CommitteeMember {
        return Err(AppError::Forbidden);
    }
    let mut out = vec![];
    for s in state.store.sessions_of_member(&actor.user_id).await? {
        let n = state.store.session_applications(&s.id).await?.len();
        out.push(server::summary(&s, n));
    }
    Ok(out)
}

/// A session as one member sees it: only the applications they may see (not their own unit's).
#[server(prefix = "/api", endpoint = "committee_session")]
pub async fn committee_session(id: String) -> Result<SessionView, AppError> {
    use crate::api::context::require_session;
    use crate::domain::evaluation::conflicted;
    let state = server::state()?;
    let (actor, _) = require_session(&state).await?;
    if actor.role != crate::domain::workflow::Role::CommitteeMember {
        return Err(AppError::Forbidden);
    }
    let members = state.store.session_members(&id).await?;
    let Some(me) = members.iter().find(|m| m.user_id == actor.user_id).map(|m| m.member()) else {
        return Err(AppError::refused(crate::i18n::Msg::SessionNotFound));
    };
    let s = state.store.eval_session(&id).await?.ok_or(AppError::Internal)?;
    let votes = state.store.votes_of_session(&id).await?;
    let apps = state.store.session_applications(&id).await?;
    let applications = apps
        .iter()
        .filter(|a| !conflicted(&me, &a.units()))
        .map(|a| {
            let mut v = server::app_view(a);
            v.my_vote =
                votes.iter().find(|x| x.application_id == a.id && x.member_id == actor.user_id).map(|x| (x.pass != 0, x.comment.clone()));
            v
        })
        .collect();
    Ok(SessionView {
        session: server::summary(&s, apps.len()),
        members: members
            .into_iter()
            .map(|m| MemberView {
                user_id: m.user_id,
                name: m.name,
                home_unit: m.home_unit_name.unwrap_or_default(),
                present: m.present != 0,
            })
            .collect(),
        applications,
        withheld: 0,
    })
}

/// A member's vote on one application of their session.
#[server(prefix = "/api", endpoint = "cast_vote")]
pub async fn cast_vote(session: String, application: String, vote: String, #[server(default)] comment: String) -> Result<(), AppError> {
    use crate::api::context::require_session;
    use crate::domain::evaluation::{check_vote_comment, may_vote, CommentError, VoteBar};
    use crate::i18n::Msg;
    let state = server::state()?;
    let (actor, _) = require_session(&state).await?;
    if actor.role != crate::domain::workflow::Role::CommitteeMember {
        return Err(AppError::Forbidden);
    }
    let members = state.store.session_members(&session).await?;
    let me = members.iter().find(|m| m.user_id == actor.user_id).map(|m| m.member());
    let s = state.store.eval_session(&session).await?;
    let apps = state.store.session_applications(&session).await?;
    // an application outside the session, or the member's own unit's, is "not found" alike
    let Some(app) = apps.iter().find(|a| a.id == application) else { return Err(AppError::refused(Msg::ApplicationNotFound)) };
    match may_vote(me.as_ref(), &app.units(), s.as_ref().is_some_and(|s| s.state == SessionState::Open)) {
        Ok(()) => {}
        Err(VoteBar::NotMember) | Err(VoteBar::OwnUnit) => return Err(AppError::refused(Msg::ApplicationNotFound)),
        Err(VoteBar::Absent) => return Err(AppError::refused(Msg::VoteAbsent)),
        Err(VoteBar::Closed) => return Err(AppError::refused(Msg::SessionNotOpen)),
    }
    // the input is looked at only once the member may vote here at all
    let pass = match vote.as_str() {
        "pass" => true,
        "fail" => false,
        _ => return Err(AppError::field("vote", Msg::VoteChoose)),
    };
    let comment = comment.trim().to_string();
    match check_vote_comment(pass, &comment) {
        Ok(()) => {}
        Err(CommentError::NeededForFail) => return Err(AppError::field("comment", Msg::VoteReasonRequired)),
        Err(CommentError::TooLong) => return Err(AppError::field("comment", Msg::VoteCommentTooLong)),
    }
    if !state.store.cast_vote(&session, &application, &actor.user_id, pass, &comment, state.clock.now().millis()).await? {
        return Err(AppError::refused(Msg::SessionNotOpen));
    }
    crate::api::form::redirect_form_post(&format!("/committee/{session}"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn public_result(
    s: &crate::store::evaluation::SessionRow,
    committee_name: String,
    apps: &[crate::store::evaluation::SessionApplicationRow],
) -> PublicResult {
    PublicResult {
        session: SessionSummary {
            id: s.id.clone(),
            name: s.name.clone(),
            held_at: s.held_at,
            place: s.place.clone(),
            rule: (s.rule_num as u32, s.rule_den as u32),
            state: s.state,
            applications: apps.len(),
            notice_closes_at: s.notice_closes_at,
        },
        committee_name,
        rows: apps
            .iter()
            .filter_map(|a| {
                let outcome = a.outcome.as_deref().and_then(Outcome::parse)?;
                Some((
                    a.id.clone(),
                    a.applicant_name.clone(),
                    a.unit_name.clone(),
                    format!("{} · {}", a.series, a.specialty),
                    Level::parse(&a.level),
                    outcome,
                ))
            })
            .collect(),
    }
}

/// Every published session's results (public, no sign-in).
#[server(prefix = "/api", endpoint = "public_results", input = server_fn::codec::GetUrl)]
pub async fn public_results() -> Result<Vec<PublicResult>, AppError> {
    let state = server::state()?;
    let mut out = vec![];
    for s in state.store.published_sessions().await? {
        let apps = state.store.session_applications(&s.id).await?;
        let committee = state.store.organisation(&s.committee_id).await?.map(|o| o.name).unwrap_or_default();
        out.push(public_result(&s, committee, &apps));
    }
    Ok(out)
}

/// The HR department's filing list: published sessions and their applications awaiting 备案.
#[server(prefix = "/api", endpoint = "filing_overview")]
pub async fn filing_overview() -> Result<Vec<PublicResult>, AppError> {
    use crate::api::context::require_session;
    let state = server::state()?;
    let (actor, _) = require_session(&state).await?;
    if actor.role != crate::domain::workflow::Role::HrOfficer {
        return Err(AppError::Forbidden);
    }
    let mut out = vec![];
    for s in state.store.published_sessions().await? {
        let apps: Vec<_> =
            state.store.session_applications(&s.id).await?.into_iter().filter(|a| a.status == Status::ResultNotice).collect();
        if apps.is_empty() {
            continue;
        }
        let committee = state.store.organisation(&s.committee_id).await?.map(|o| o.name).unwrap_or_default();
        out.push(public_result(&s, committee, &apps));
    }
    Ok(out)
}

/// Files (备案) a session's results: the chosen applications (`app[...]`), or all when `all` is set.
/// Not before the results' public notice has run its 5 working days.
#[server(prefix = "/api", endpoint = "file_results")]
pub async fn file_results(
    session: String,
    #[server(default)] all: String,
    #[server(default)] app: HashMap<String, String>,
) -> Result<usize, AppError> {
    use crate::api::context::{client_ip, request_parts, require_session};
    use crate::domain::instant::Instant;
    use crate::i18n::{Msg, Text};
    let state = server::state()?;
    let (actor, _) = require_session(&state).await?;
    if actor.role != crate::domain::workflow::Role::HrOfficer {
        return Err(AppError::Forbidden);
    }
    let Some(s) = state.store.eval_session(&session).await?.filter(|s| s.state == SessionState::Published) else {
        return Err(AppError::refused(Msg::SessionNotFound));
    };
    let now = state.clock.now();
    let closes = Instant(s.notice_closes_at.unwrap_or(i64::MAX));
    if !crate::domain::review::notice_may_close(closes, now) {
        return Err(AppError::refused(Text::with(Msg::ResultNoticeNotOver, [closes.beijing_display()])));
    }
    let in_session: Vec<String> = state.store.session_applications(&s.id).await?.into_iter().map(|a| a.id).collect();
    let ids: Vec<String> =
        if all == "1" || all == "true" { in_session } else { app.into_values().filter(|id| in_session.contains(id)).collect() };
    if ids.is_empty() {
        return Err(AppError::field("app", Msg::SessionPickApplications));
    }
    let ip = client_ip(&request_parts()?, &state);
    let batch = state.store.file_applications(&ids, &actor, &ip, now.millis()).await?;
    server::announce(&state, &batch);
    crate::api::form::redirect_form_post("/filing?filed=1");
    Ok(batch.moved.len())
}
