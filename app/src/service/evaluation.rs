//! The office's evaluation sessions (seed §八, route `/evaluation`): creating one, assigning paid
//! applications, attendance, closing the vote, publishing. Callers have authorised an office
//! reviewer; each operation checks what belongs to the session itself (its office, its state).
//! The members' side is `service::committee`; the published results and their filing are
//! `service::results`.

use std::collections::HashMap;

use crate::api::error::AppError;
use crate::api::evaluation::{EvaluationData, MemberView, SessionApp, SessionSummary, SessionView};
use crate::domain::admin::OrgKind;
use crate::domain::evaluation::{conflicted, Outcome, PassRule, SessionState};
use crate::domain::instant::{parse_written_date, Instant, HOUR_MS, MINUTE_MS};
use crate::domain::materials::Level;
use crate::domain::review::QueueOrg;
use crate::domain::workflow::{Actor, Status};
use crate::forms::FieldText;
use crate::i18n::{Msg, Text};
use crate::state::AppState;
use crate::store::evaluation::{Batch, MemberRow, NewSession, SessionApplicationRow, SessionRow};
use crate::store::outbox::{Notice, Template};
use crate::store::{QueueFilter, StoreError};

/// A new session as the office typed it, each value checked.
pub struct SessionForm {
    pub name: String,
    pub held_at: i64,
    pub place: String,
    pub rule: PassRule,
    /// The chosen committee members' user ids (checkbox values), not yet checked against the committee.
    pub members: Vec<String>,
}

impl SessionForm {
    /// Every problem at its field, or the form. The date is read as people write it
    /// (`parse_written_date`), the time as HH:MM Beijing time; an empty rule is the default 2/3.
    pub fn parse(
        name: &str,
        date: &str,
        time: &str,
        place: &str,
        rule_num: &str,
        rule_den: &str,
        members: HashMap<String, String>,
    ) -> Result<Self, Vec<FieldText>> {
        let mut problems = vec![];
        let name = name.trim().to_string();
        if name.is_empty() || name.chars().count() > 100 {
            problems.push(FieldText::new("name", Msg::SessionNameRequired));
        }
        let day = parse_written_date(date);
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
        let mut chosen: Vec<String> = vec![];
        for id in members.into_values() {
            if !chosen.contains(&id) {
                chosen.push(id);
            }
        }
        if chosen.is_empty() {
            problems.push(FieldText::new("member", Msg::SessionMembersRequired));
        }
        match (day, minutes, rule) {
            (Some(day), Some((h, m)), Some(rule)) if problems.is_empty() => {
                let held_at = Instant::beijing_midnight(day).millis() + h * HOUR_MS + m * MINUTE_MS;
                Ok(SessionForm { name, held_at, place, rule, members: chosen })
            }
            _ => Err(problems),
        }
    }
}

pub(super) fn summary(s: &SessionRow, applications: usize) -> SessionSummary {
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

pub(super) fn app_view(a: &SessionApplicationRow) -> SessionApp {
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

pub(super) fn member_views(members: Vec<MemberRow>) -> Vec<MemberView> {
    members
        .into_iter()
        .map(|m| MemberView { user_id: m.user_id, name: m.name, home_unit: m.home_unit_name.unwrap_or_default(), present: m.present != 0 })
        .collect()
}

/// A session of `office`; another office's session is "not found", like a missing one.
async fn own_session(state: &AppState, office: &str, id: &str) -> Result<SessionRow, AppError> {
    match state.store.eval_session(id).await? {
        Some(s) if s.office_id == office => Ok(s),
        _ => Err(AppError::refused(Msg::SessionNotFound)),
    }
}

/// Tells the live pages about every application a batch step moved.
pub(super) fn announce(state: &AppState, batch: &Batch) {
    for row in &batch.moved {
        state.events.publish(row);
    }
}

/// Every committee member the office may choose: (user id, name, home unit's name).
async fn committee_members(state: &AppState) -> Result<Vec<(String, String, Option<String>, String)>, AppError> {
    let mut out = vec![];
    for org in state.store.organisations().await?.into_iter().filter(|o| o.kind == OrgKind::Committee) {
        for (id, name, unit) in state.store.committee_members(&org.id).await? {
            out.push((id, name, unit, org.id.clone()));
        }
    }
    Ok(out)
}

/// The office's evaluation page: its sessions, the paid applications not yet in one, the
/// applications that passed the form check but are unpaid, and the members to choose from.
pub async fn overview(state: &AppState, office: &str) -> Result<EvaluationData, AppError> {
    let store = &state.store;
    let mut sessions = vec![];
    for s in store.sessions_of_office(office).await? {
        let n = store.session_applications(&s.id).await?.len();
        sessions.push(summary(&s, n));
    }
    let unassigned = store.unassigned_paid(office).await?.iter().map(app_view).collect();
    let unpaid = store
        .queue_all(QueueOrg::Office, office, &[Status::FormalPassed], &QueueFilter::default())
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
    for (id, name, unit, _) in committee_members(state).await? {
        let unit_name = match unit {
            Some(u) => store.organisation(&u).await?.map(|o| o.name).unwrap_or(u),
            None => String::new(),
        };
        committee.push((id, name, unit_name));
    }
    Ok(EvaluationData { sessions, unassigned, unpaid, committee })
}

/// Creates a session of `office` with members of one committee. A member id that is not a
/// committee member is someone crafting the request: 403.
pub async fn create_session(state: &AppState, office: &str, form: SessionForm) -> Result<String, AppError> {
    let eligible = committee_members(state).await?;
    let mut members: Vec<(String, Option<String>)> = vec![];
    let mut committee_id = None;
    for id in &form.members {
        let (_, _, unit, committee) = eligible.iter().find(|(e, ..)| e == id).ok_or(AppError::Forbidden)?;
        committee_id.get_or_insert_with(|| committee.clone());
        members.push((id.clone(), unit.clone()));
    }
    let committee_id = committee_id.ok_or(AppError::field("member", Msg::SessionMembersRequired))?;
    let id = crate::store::new_id();
    let new = NewSession {
        id: &id,
        office_id: office,
        committee_id: &committee_id,
        name: &form.name,
        held_at: form.held_at,
        place: &form.place,
        rule: form.rule,
        now: state.clock.now().millis(),
        members: &members,
    };
    state.store.insert_eval_session(&new).await?;
    Ok(id)
}

/// A session as its office sees it: every application with its tally, and how many
/// application–member pairs are withheld for 回避.
pub async fn office_view(state: &AppState, office: &str, id: &str) -> Result<SessionView, AppError> {
    let s = own_session(state, office, id).await?;
    let apps = state.store.session_applications(id).await?;
    let votes = state.store.votes_of_session(id).await?;
    let members = state.store.session_members(id).await?;
    let applications = apps
        .iter()
        .map(|a| {
            let mut v = app_view(a);
            v.votes_cast = votes.iter().filter(|x| x.application_id == a.id).count();
            v.pass_votes = votes.iter().filter(|x| x.application_id == a.id && x.pass != 0).count();
            v
        })
        .collect();
    let withheld = apps.iter().map(|a| members.iter().filter(|m| conflicted(&m.member(), &a.units())).count()).sum();
    Ok(SessionView { session: summary(&s, apps.len()), members: member_views(members), applications, withheld })
}

/// Puts paid applications into an open session and tells each applicant the time and place
/// (§八 申报人按时、按要求参加评审): the notices are stored with the assignment, in its
/// transaction; the applicant also sees it on the page.
pub async fn assign(state: &AppState, office: &str, id: &str, ids: Vec<String>) -> Result<u64, AppError> {
    let s = own_session(state, office, id).await?;
    if s.state != SessionState::Open {
        return Err(AppError::refused(Msg::SessionNotOpen));
    }
    if ids.is_empty() {
        return Err(AppError::field("app", Msg::SessionPickApplications));
    }
    let when = Instant(s.held_at).beijing_display();
    let words = vec![when, s.place.clone()];
    let now = state.clock.now().millis();
    // by text message and by e-mail: the time and place must reach the applicant
    let mut notify = vec![];
    for a in state.store.unassigned_paid(&s.office_id).await?.into_iter().filter(|a| ids.contains(&a.id)) {
        let Some(user) = state.store.user_by_id(&a.applicant_id).await? else { continue };
        let notice = Notice {
            template: Template::Evaluation,
            subject: Msg::SessionNotifySubject,
            body: Msg::SessionNotifyMessage,
            params: words.clone(),
            user_id: &user.id,
            now,
        };
        notify.push((a.id, notice.to_both(&user.phone, &user.email).to_vec()));
    }
    let n = state.store.assign_to_session(&s, &ids, &notify).await?;
    state.deliveries.wake().notify_one();
    Ok(n)
}

/// Records a member present or absent (only while the session is open).
pub async fn set_attendance(state: &AppState, office: &str, id: &str, user_id: &str, present: bool) -> Result<(), AppError> {
    let s = own_session(state, office, id).await?;
    if !state.store.set_member_present(&s.id, user_id, present).await? {
        return Err(AppError::refused(Msg::SessionNotOpen));
    }
    Ok(())
}

/// Closes the voting once the session has been held: the outcomes follow the session's rule.
pub async fn close(state: &AppState, actor: &Actor, office: &str, id: &str, ip: &str) -> Result<usize, AppError> {
    let s = own_session(state, office, id).await?;
    if s.state != SessionState::Open {
        return Err(AppError::refused(Msg::SessionNotOpen));
    }
    let now = state.clock.now().millis();
    if !crate::domain::evaluation::may_close(s.held_at, now) {
        return Err(AppError::refused(Text::with(Msg::SessionNotYetHeld, [Instant(s.held_at).beijing_display()])));
    }
    let batch = match state.store.close_session(&s, actor, ip, now).await {
        Err(StoreError::Conflict) => return Err(AppError::refused(Msg::SessionNotOpen)),
        other => other?,
    };
    announce(state, &batch);
    Ok(batch.moved.len())
}

/// Publishes a closed session's results for at least 5 working days.
pub async fn publish(state: &AppState, actor: &Actor, office: &str, id: &str, ip: &str) -> Result<usize, AppError> {
    let s = own_session(state, office, id).await?;
    if s.state != SessionState::Closed {
        return Err(AppError::refused(Msg::SessionNotClosed));
    }
    let now = state.clock.now();
    let closes = state.store.work_calendar().await?.notice_earliest_close(now).0;
    let batch = match state.store.publish_session(&s, actor, ip, now.millis(), closes).await {
        Err(StoreError::Conflict) => return Err(AppError::refused(Msg::SessionNotClosed)),
        other => other?,
    };
    announce(state, &batch);
    Ok(batch.moved.len())
}
