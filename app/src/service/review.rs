//! The review chain (seed §五–§七, routes `/review` and `/review/<id>`): a reviewer's queue, the
//! review page's data, and decisions (public notice, recommend, decline, pass, return with one
//! complete list). Each operation authorises through the domain (`queue_of`, `may_view`, `may`)
//! and checks the rule of its step before it touches the store.

use std::collections::HashMap;

use crate::api::error::{AppError, OrInternal};
use crate::api::review::{HistoryEntry, ObjectionView, QueueItem, QueueView, ReviewView, UNIT_FILE_FIELDS};
use crate::domain::deadline::CORRECTION_WINDOW_MS;
use crate::domain::disclosure::sees_objectors;
use crate::domain::instant::{iso_date, Instant};
use crate::domain::materials::{Level, Section};
use crate::domain::penalties::Subject;
use crate::domain::review::{
    check_objection_handling, check_opinion, check_return_list, check_unit_recommendation, notice_may_close, objections_settled, queue_of,
    unit_pledge, OpinionProblem, QueueOrg, ReturnItem, MAX_OPINION_CHARS,
};
use crate::domain::workflow::{may, may_view, Action, Actor, Denied, Role, Status, REVIEW_ACTIONS};
use crate::forms::FieldText;
use crate::i18n::{return_place, status_name, Lang, Msg, Text};
use crate::state::AppState;
use crate::store::outbox::{Channel, Message, Template};
use crate::store::{ApplicationRow, Decided, Decision, Handled, Handling, QueueFilter, QueueRow, QueueSort};

fn item(r: QueueRow) -> QueueItem {
    QueueItem {
        level: Level::parse(&r.level),
        status: r.status,
        id: r.id,
        applicant_name: r.applicant_name,
        unit_name: r.unit_name,
        series: r.series,
        specialty: r.specialty,
        submissions_used: r.submissions_used,
        version: r.version,
        updated_at: r.updated_at,
        due_at: r.due_at,
        notice_closes_at: r.notice_closes_at,
        objections: r.objections,
        duplicates: r.duplicates,
    }
}

/// A page of the reviewers' queue: enough to scan on a phone, and each page as quick as the first.
pub const QUEUE_PAGE: i64 = 50;

/// One page (`filter.after`, `QUEUE_PAGE` rows) of `actor`'s organisation's queue at `actor`'s
/// step, with the counts per status and the filter's total; `Forbidden` for anyone without one.
/// Whose applications at which steps `actor` reviews: the domain's queue for the role, in the
/// actor's own organisation; anyone else is refused.
fn queue_scope(actor: &Actor) -> Result<(QueueOrg, &str, &'static [Status]), AppError> {
    let (org, statuses) = queue_of(actor.role).ok_or(AppError::Forbidden)?;
    let org_id = actor.org_id.as_deref().ok_or(AppError::Forbidden)?;
    Ok((org, org_id, statuses))
}

pub async fn queue_for(state: &AppState, actor: &Actor, filter: &QueueFilter) -> Result<QueueView, AppError> {
    let (org, org_id, statuses) = queue_scope(actor)?;
    // one row more than the page tells whether there is a next one
    let page = QueueFilter { limit: QUEUE_PAGE + 1, ..filter.clone() };
    let mut rows = state.store.queue(org, org_id, statuses, &page).await?;
    let next = (rows.len() as i64 > QUEUE_PAGE).then(|| {
        rows.truncate(QUEUE_PAGE as usize);
        rows.last().map(|r| r.id.clone()).unwrap_or_default()
    });
    let total = state.store.queue_total(org, org_id, statuses, filter).await?;
    let counted = state.store.queue_counts(org, org_id).await?;
    let counts = statuses.iter().map(|s| (*s, counted.iter().find(|(st, _)| st == s.as_str()).map(|(_, n)| *n).unwrap_or(0))).collect();
    Ok(QueueView {
        role: actor.role,
        counts,
        rows: rows.into_iter().map(item).collect(),
        total,
        next,
        server_now: state.clock.now().millis(),
    })
}

/// Every row of the filtered queue (the CSV export): the same filter and order as the page.
pub async fn whole_queue(state: &AppState, actor: &Actor, filter: &QueueFilter) -> Result<Vec<QueueItem>, AppError> {
    let (org, org_id, statuses) = queue_scope(actor)?;
    Ok(state.store.queue_all(org, org_id, statuses, filter).await?.into_iter().map(item).collect())
}

/// The application's audit records as history lines, with organisation names.
pub async fn history_of(state: &AppState, id: &str) -> Result<Vec<HistoryEntry>, AppError> {
    let records = state.store.audit_of(id).await?;
    let orgs: HashMap<String, String> = state.store.organisations().await?.into_iter().map(|o| (o.id, o.name)).collect();
    Ok(records
        .into_iter()
        .map(|r| HistoryEntry {
            at: r.at,
            role: Role::parse(&r.role).unwrap_or(Role::System),
            org_name: orgs.get(&r.org_id).cloned().unwrap_or_default(),
            action: Action::parse(&r.action),
            from: Status::parse(&r.from_status),
            to: Status::parse(&r.to_status),
            items: serde_json::from_str::<Vec<ReturnItem>>(&r.detail).unwrap_or_default(),
            opinion: r.opinion,
        })
        .collect())
}

/// Parses a queue filter from the query's strings; unknown values are ignored, not errors.
pub fn filter_from(status: &str, level: &str, specialty: &str, name: &str, sort: &str, after: &str) -> QueueFilter {
    QueueFilter {
        status: Status::parse(status),
        level: Level::parse(level).map(|l| l.as_str().to_string()),
        specialty: Some(specialty.chars().take(50).collect()),
        name: Some(name.chars().take(50).collect()),
        sort: match sort {
            "deadline" => QueueSort::Deadline,
            "name" => QueueSort::Name,
            _ => QueueSort::Recent,
        },
        after: Some(after.chars().take(64).collect::<String>()).filter(|a| !a.is_empty()),
        limit: QUEUE_PAGE,
    }
}

/// The review page's data for a reviewer (or a committee member reading their session's
/// application, never their own unit's).
pub async fn review_view(state: &AppState, actor: &Actor, id: &str) -> Result<ReviewView, AppError> {
    let row = crate::service::form::readable(state, actor, id).await?;
    let facts = row.facts();
    let form = crate::service::form::view(state, actor, id).await?;
    let applicant_name = state.store.user_by_id(&row.applicant_id).await?.map(|u| u.name).unwrap_or_default();
    let objections = state
        .store
        .objections_of(id)
        .await?
        .into_iter()
        .map(|o| {
            let (name, contact) = if sees_objectors(actor.role) { (o.name, o.contact) } else { Default::default() };
            ObjectionView {
                id: o.id,
                at: o.lodged_at,
                name,
                contact,
                body: o.body,
                findings: o.findings,
                outcome: o.outcome,
                handled_at: o.handled_at,
            }
        })
        .collect();
    let unit_files = state
        .store
        .attachments_of(id)
        .await?
        .into_iter()
        .filter(|(a, _)| UNIT_FILE_FIELDS.contains(&a.field.as_str()))
        .map(|(a, _)| (a.field, a.id, a.file_name))
        .collect();
    Ok(ReviewView {
        actions: REVIEW_ACTIONS.into_iter().filter(|a| may(actor, *a, &facts).is_ok()).collect(),
        may_find_fraud: may(actor, Action::FindFraud, &facts).is_ok(),
        may_handle_objections: may(actor, Action::HandleObjection, &facts).is_ok(),
        may_find_against_unit: crate::domain::workflow::may_find_against_unit(actor.role),
        as_member: actor.role == Role::CommitteeMember,
        pledge: unit_pledge(&applicant_name),
        applicant_name,
        objections,
        notice_started_at: row.notice_started_at,
        notice_closes_at: row.notice_closes_at,
        unit_files,
        form,
    })
}

/// A decision as the reviewer's page sent it.
pub struct Asked<'a> {
    pub id: &'a str,
    /// The version the page showed: a decision on an older one is refused as stale.
    pub version: i64,
    /// One of `REVIEW_ACTIONS`.
    pub action: Action,
    pub opinion: &'a str,
    /// The rows of a return list, keyed `iN`: where (`section` or `section/field`) and what.
    pub at: &'a HashMap<String, String>,
    pub note: &'a HashMap<String, String>,
    pub ip: &'a str,
}

/// What a decision came to.
pub struct Done {
    pub status: Status,
    /// Whether the reviewer may still see the application (else the page goes to the queue).
    pub still_visible: bool,
}

fn stale(status: Status) -> AppError {
    AppError::refused(Text::with(Msg::DecisionStale, [status_name(status).text(Lang::Zh).to_string()]))
}

/// Takes a reviewer's decision: exactly one of several simultaneous decisions on the same version
/// is taken; the others are told where the application went.
pub async fn decide(state: &AppState, actor: &Actor, asked: Asked<'_>) -> Result<Done, AppError> {
    let Asked { id, version, action, opinion, ip, .. } = asked;
    let row = crate::service::form::visible(state, actor, id).await?;
    let facts = row.facts();
    if let Err(denied) = may(actor, action, &facts) {
        return Err(match denied {
            // the page was made before someone else moved it on: say so
            Denied::State(s) if row.version != version => stale(s),
            Denied::State(_) => AppError::refused(Text::from(denied)),
            _ => AppError::Forbidden,
        });
    }
    if row.version != version {
        return Err(stale(facts.status));
    }
    let now = state.clock.now();
    // a unit found to have helped fraud may not recommend for 2 years (§五): refused with the end
    if matches!(action, Action::StartNotice | Action::UnitRecommend) {
        if let Some(until) = state.store.banned_until(Subject::Unit, &row.reviewing_unit_id, now.millis()).await? {
            return Err(AppError::refused(Text::with(Msg::UnitBarred, [iso_date(Instant(until).beijing_date())])));
        }
    }
    let mut decision = Decision::plain(action, opinion, ip, now.millis());
    decision.expected_version = Some(version);
    let items_json;
    let notices;
    match action {
        Action::StartNotice => {
            decision.notice_closes_at = Some(state.store.work_calendar().await?.notice_earliest_close(now).0);
        }
        Action::UnitRecommend => check_recommendation(state, &row, opinion, now).await?,
        Action::OfficeReturn => {
            let list = return_list(asked.at, asked.note)?;
            items_json = serde_json::to_string(&list).or_internal("items")?;
            decision.return_items = Some(&items_json);
            decision.detail = &items_json;
            notices = return_notices(state, &row, &list, now.millis()).await?;
            decision.notify = &notices;
        }
        Action::UnitDecline | Action::AuthorityDecline | Action::AuthorityRecommend => {
            check_opinion(opinion).map_err(|p| AppError::field("opinion", Text::from(p)))?;
        }
        _ => {}
    }
    if opinion.chars().count() > MAX_OPINION_CHARS {
        return Err(AppError::field("opinion", Text::from(OpinionProblem::TooLong)));
    }
    match state.store.decide(id, actor, &decision).await? {
        Decided::Done(after) => {
            state.events.publish(&after);
            if !decision.notify.is_empty() {
                state.deliveries.wake().notify_one();
            }
            Ok(Done { status: after.status, still_visible: may_view(actor, &after.facts()).is_ok() })
        }
        Decided::Stale(current) => Err(stale(current.status)),
        Decided::Denied(Denied::State(s)) => Err(stale(s)),
        Decided::Denied(_) => Err(AppError::Forbidden),
    }
}

/// A unit recommends only after its public notice has run, with the opinion the notice asks for
/// (naming the applicant) and both stamped notice files uploaded.
async fn check_recommendation(state: &AppState, row: &ApplicationRow, opinion: &str, now: Instant) -> Result<(), AppError> {
    let closes = Instant(row.notice_closes_at.unwrap_or(i64::MAX));
    if !notice_may_close(closes, now) {
        return Err(AppError::refused(Text::with(Msg::NoticeNotOver, [closes.beijing_display()])));
    }
    objections_settled(state.store.unhandled_objections(&row.id).await?)
        .map_err(|left| AppError::refused(Text::with(Msg::ObjectionsUnhandled, [left.to_string()])))?;
    let name = state.store.user_by_id(&row.applicant_id).await?.map(|u| u.name).unwrap_or_default();
    let mut problems = vec![];
    if let Err(p) = check_unit_recommendation(opinion, &name) {
        problems.push(FieldText::new("opinion", Text::from(p)));
    }
    for field in UNIT_FILE_FIELDS {
        if !state.store.has_attachment(&row.id, field).await? {
            problems.push(FieldText::new(field, Msg::UploadRequired));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// The unit's answer to one objection, as its form sent it.
pub struct ObjectionAnswer<'a> {
    pub objection_id: &'a str,
    pub findings: &'a str,
    pub outcome: &'a str,
    pub ip: &'a str,
}

/// Records how the unit handled one objection lodged during its notice (核实情况、处理结果):
/// only the reviewing unit, only while its notice runs or waits for its recommendation, each
/// objection once. Problems come back at the objection's own fields (one page holds a form per
/// objection).
pub async fn handle_objection(state: &AppState, actor: &Actor, id: &str, answer: ObjectionAnswer<'_>) -> Result<(), AppError> {
    let row = crate::service::form::visible(state, actor, id).await?;
    let refusal = |denied: Denied| match denied {
        Denied::State(_) => AppError::refused(Text::from(denied)),
        _ => AppError::Forbidden,
    };
    may(actor, Action::HandleObjection, &row.facts()).map_err(refusal)?;
    let problems: Vec<FieldText> = check_objection_handling(answer.findings, answer.outcome)
        .into_iter()
        .map(|(field, p)| {
            let text = if p == OpinionProblem::Empty { Text::new(Msg::Required) } else { Text::from(p) };
            FieldText::new(&field.form_name(answer.objection_id), text)
        })
        .collect();
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let handling = Handling {
        objection_id: answer.objection_id,
        findings: answer.findings,
        outcome: answer.outcome,
        client_ip: answer.ip,
        now: state.clock.now().millis(),
    };
    match state.store.handle_objection(id, actor, &handling).await? {
        Handled::Done(after) => {
            state.events.publish(&after);
            Ok(())
        }
        Handled::NotOpen => Err(AppError::refused(Msg::ObjectionAlreadyHandled)),
        Handled::Denied(denied) => Err(refusal(denied)),
    }
}

/// The office's return list from the form's rows, in the order the form numbered them (i2 before
/// i10), each once; unused rows are skipped, and each problem is shown at its row.
fn return_list(at: &HashMap<String, String>, note: &HashMap<String, String>) -> Result<Vec<ReturnItem>, AppError> {
    let mut keys: Vec<(usize, &String)> =
        at.keys().chain(note.keys()).filter_map(|k| k.strip_prefix('i')?.parse().ok().map(|n| (n, k))).collect();
    keys.sort();
    keys.dedup_by_key(|(n, _)| *n);
    if keys.len() > 200 {
        return Err(AppError::Forbidden);
    }
    let mut items = vec![];
    let mut problems = vec![];
    for (_, key) in keys {
        let place = at.get(key).map(|s| s.trim()).unwrap_or("");
        let text = note.get(key).map(|s| s.trim()).unwrap_or("");
        if place.is_empty() && text.is_empty() {
            continue;
        }
        let (section, field) = match place.split_once('/') {
            Some((s, f)) => (s, Some(f.to_string())),
            None => (place, None),
        };
        let Some(section) = Section::from_slug(section) else {
            problems.push(FieldText::new(&format!("at-{key}"), Msg::ReturnPlaceRequired));
            continue;
        };
        items.push((key.clone(), ReturnItem { section, field, note: text.to_string() }));
    }
    let list: Vec<ReturnItem> = items.iter().map(|(_, i)| i.clone()).collect();
    for (index, problem) in check_return_list(&list) {
        let field = match index {
            Some(i) => format!("note-{}", items[i].0),
            None => "items".to_string(),
        };
        problems.push(FieldText::new(&field, Text::from(problem)));
    }
    if problems.is_empty() {
        Ok(list)
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// What tells the applicant that the application came back and by when: a text message with the
/// deadline, and an e-mail with the deadline and the whole list of what to change. Made before the
/// decision and stored in its transaction (`Decision::notify`).
async fn return_notices(state: &AppState, row: &ApplicationRow, list: &[ReturnItem], now: i64) -> Result<Vec<Message>, AppError> {
    let Some(user) = state.store.user_by_id(&row.applicant_id).await? else { return Ok(vec![]) };
    let due = Instant(now + CORRECTION_WINDOW_MS).beijing_display();
    let sms = Text::with(Msg::ReturnedMessage, [due.clone()]).render(Lang::Zh);
    let params = vec![due.clone()];
    let items: Vec<String> =
        list.iter().enumerate().map(|(i, item)| format!("{}. {}：{}", i + 1, return_place(item, Lang::Zh), item.note)).collect();
    let origin = state.config.public_origin.clone().unwrap_or_default();
    let words = [due, items.join("\n"), format!("{origin}/applications/{}", row.id)];
    let email = Text::with(Msg::ReturnedEmail, words).render(Lang::Zh);
    let subject = Msg::ReturnedSubject.text(Lang::Zh).to_string();
    let message = |channel, recipient: &str, body: String| Message {
        channel,
        recipient: recipient.to_string(),
        subject: subject.clone(),
        body,
        template: Template::Returned,
        params: params.clone(),
        user_id: Some(user.id.clone()),
        now,
    };
    Ok(vec![message(Channel::Sms, &user.phone, sms), message(Channel::Email, &user.email, email)])
}
