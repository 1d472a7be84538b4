//! The review chain (issue 4, seed §五–§七): reviewers' queues, the review page's data, decisions
//! (public notice, recommend, decline, pass, return with one complete list), and the public
//! notice with its objections. Each function authenticates, authorises through the domain
//! (`queue_of`, `may_view`, `may`), checks the rule of its step, and only then touches the store.

#[cfg(feature = "ssr")]
use crate::api::error::OrInternal;
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
    pub rows: Vec<QueueItem>,
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionView {
    pub at: i64,
    pub name: String,
    pub contact: String,
    pub body: String,
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
    /// The office may record a fraud finding on it now (§(十一)).
    pub may_find_fraud: bool,
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
pub mod server {
    use super::*;
    use crate::domain::review::queue_of;
    use crate::domain::workflow::Actor;
    use crate::state::AppState;
    use crate::store::{QueueFilter, QueueRow};

    fn item(r: QueueRow) -> Option<QueueItem> {
        Some(QueueItem {
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
        })
    }

    /// The queue of `actor`'s organisation at `actor`'s step; `Forbidden` for anyone without one.
    /// Shared by the page and the CSV export, so both hold exactly the same rows.
    pub async fn queue_for(state: &AppState, actor: &Actor, filter: &QueueFilter) -> Result<QueueView, AppError> {
        let (org, statuses) = queue_of(actor.role).ok_or(AppError::Forbidden)?;
        let org_id = actor.org_id.as_deref().ok_or(AppError::Forbidden)?;
        let rows = state.store.queue(org, org_id, statuses, filter).await?;
        let counted = state.store.queue_counts(org, org_id).await?;
        let counts = statuses.iter().map(|s| (*s, counted.iter().find(|(st, _)| st == s.as_str()).map(|(_, n)| *n).unwrap_or(0))).collect();
        Ok(QueueView {
            role: actor.role,
            counts,
            rows: rows.into_iter().filter_map(item).collect(),
            server_now: state.clock.now().millis(),
        })
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
    pub fn filter_from(status: &str, level: &str, specialty: &str, name: &str, sort: &str) -> QueueFilter {
        use crate::store::QueueSort;
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
            limit: 1000,
        }
    }
}

/// The signed-in reviewer's queue, filtered: `status`, `level`, part of the `specialty` or of
/// the applicant's `name`, sorted by `sort` (recent | deadline | name).
#[server(prefix = "/api", endpoint = "review_queue")]
pub async fn review_queue(
    #[server(default)] status: String,
    #[server(default)] level: String,
    #[server(default)] specialty: String,
    #[server(default)] name: String,
    #[server(default)] sort: String,
) -> Result<QueueView, AppError> {
    use crate::api::context::{app_state, require_session};
    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    server::queue_for(&state, &actor, &server::filter_from(&status, &level, &specialty, &name, &sort)).await
}

/// The review page's data: the application as its form shows it, the objections, the notice's
/// dates and the decisions this reviewer may take now.
#[server(prefix = "/api", endpoint = "review_application")]
pub async fn review_application(id: String) -> Result<ReviewView, AppError> {
    use crate::api::context::{app_state, require_session};
    use crate::domain::review::unit_pledge;
    use crate::domain::workflow::{may, REVIEW_ACTIONS};

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    if actor.role == Role::Applicant {
        return Err(AppError::Forbidden);
    }
    // committee members read their session's applications here too (never their own unit's)
    let row = crate::api::form::readable(&state, &actor, &id).await?;
    let facts = row.facts();
    let form = crate::api::form::read_form(&id).await?;
    let applicant = state.store.user_by_id(&row.applicant_id).await?;
    let applicant_name = applicant.map(|u| u.name).unwrap_or_default();
    let objections = state
        .store
        .objections_of(&id)
        .await?
        .into_iter()
        .map(|o| ObjectionView { at: o.lodged_at, name: o.name, contact: o.contact, body: o.body })
        .collect();
    let unit_files = state
        .store
        .attachments_of(&id)
        .await?
        .into_iter()
        .filter(|(a, _)| UNIT_FILE_FIELDS.contains(&a.field.as_str()))
        .map(|(a, _)| (a.field, a.id, a.file_name))
        .collect();
    Ok(ReviewView {
        actions: REVIEW_ACTIONS.into_iter().filter(|a| may(&actor, *a, &facts).is_ok()).collect(),
        may_find_fraud: may(&actor, Action::FindFraud, &facts).is_ok(),
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
    use crate::api::context::{app_state, client_ip, request_parts, require_session};
    use crate::api::form::redirect_form_post;
    use crate::domain::instant::Instant;
    use crate::domain::review::{check_opinion, check_return_list, check_unit_recommendation, notice_may_close};
    use crate::domain::workflow::may;
    use crate::forms::FieldText;
    use crate::i18n::{status_name, Lang, Msg, Text};
    use crate::store::{Decided, Decision};

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    let action = Action::parse(&action).filter(|a| crate::domain::workflow::REVIEW_ACTIONS.contains(a)).ok_or(AppError::Forbidden)?;
    let row = crate::api::form::visible(&state, &actor, &id).await?;
    let facts = row.facts();
    let stale = |status: Status| AppError::refused(Text::with(Msg::DecisionStale, [status_name(status).text(Lang::Zh).to_string()]));
    if let Err(denied) = may(&actor, action, &facts) {
        use crate::domain::workflow::Denied;
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
        if let Some(until) = state.store.banned_until(crate::domain::penalties::Subject::Unit, &row.reviewing_unit_id, now.millis()).await?
        {
            let free_on = crate::domain::instant::iso_date(Instant(until).beijing_date());
            return Err(AppError::refused(Text::with(Msg::UnitBarred, [free_on])));
        }
    }
    let opinion = opinion.trim().to_string();
    let mut decision = Decision::plain(action, &opinion, "", now.millis());
    decision.expected_version = Some(version);
    let items_json;
    let closes_at;
    match action {
        Action::StartNotice => {
            let calendar = state.store.work_calendar().await?;
            closes_at = calendar.notice_earliest_close(now).0;
            decision.notice_closes_at = Some(closes_at);
        }
        Action::UnitRecommend => {
            let closes = Instant(row.notice_closes_at.unwrap_or(i64::MAX));
            if !notice_may_close(closes, now) {
                return Err(AppError::refused(Text::with(Msg::NoticeNotOver, [closes.beijing_display()])));
            }
            let applicant = state.store.user_by_id(&row.applicant_id).await?;
            let name = applicant.map(|u| u.name).unwrap_or_default();
            let mut problems = vec![];
            if let Err(p) = check_unit_recommendation(&opinion, &name) {
                problems.push(FieldText::new("opinion", Text::from(p)));
            }
            for field in UNIT_FILE_FIELDS {
                if !state.store.has_attachment(&id, field).await? {
                    problems.push(FieldText::new(field, Msg::UploadRequired));
                }
            }
            if !problems.is_empty() {
                return Err(AppError::Invalid(problems));
            }
        }
        Action::OfficeReturn => {
            // rows in the order the form numbered them (i2 before i10), each once
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
                    continue; // an unused row
                }
                let (section, field) = match place.split_once('/') {
                    Some((s, f)) => (s, Some(f.to_string())),
                    None => (place, None),
                };
                let Some(section) = crate::domain::materials::Section::from_slug(section) else {
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
            if !problems.is_empty() {
                return Err(AppError::Invalid(problems));
            }
            items_json = serde_json::to_string(&list).or_internal("items")?;
            decision.return_items = Some(&items_json);
            decision.detail = &items_json;
        }
        Action::UnitDecline | Action::AuthorityDecline | Action::AuthorityRecommend => {
            check_opinion(&opinion).map_err(|p| AppError::field("opinion", Text::from(p)))?;
        }
        _ => {}
    }
    if opinion.chars().count() > crate::domain::review::MAX_OPINION_CHARS {
        return Err(AppError::field("opinion", Text::from(crate::domain::review::OpinionProblem::TooLong)));
    }
    let ip = client_ip(&request_parts()?, &state);
    decision.client_ip = &ip;
    match state.store.decide(&id, &actor, &decision).await? {
        Decided::Done(after) => {
            state.events.publish(&after);
            if action == Action::OfficeReturn {
                notify_return(&state, &after).await;
            }
            let status = after.status;
            // without JavaScript: back to the application while it is still this reviewer's to
            // see, else to the queue, which says what was done
            let still_visible = crate::domain::workflow::may_view(&actor, &after.facts()).is_ok();
            if still_visible {
                redirect_form_post(&format!("/review/{id}"));
            } else {
                redirect_form_post(&format!("/review?done={}&status_now={}", action.as_str(), status.as_str()));
            }
            Ok(status)
        }
        Decided::Stale(current) => Err(stale(current.status)),
        Decided::Denied(crate::domain::workflow::Denied::State(s)) => Err(stale(s)),
        Decided::Denied(_) => Err(AppError::Forbidden),
    }
}

/// Tells the applicant, through the outbox, that the application came back and by when.
#[cfg(feature = "ssr")]
async fn notify_return(state: &crate::state::AppState, row: &crate::store::ApplicationRow) {
    use crate::domain::instant::Instant;
    use crate::i18n::{Lang, Msg, Text};
    use crate::store::outbox::{Channel, Message};
    let Ok(Some(user)) = state.store.user_by_id(&row.applicant_id).await else { return };
    let due = Instant(row.due_at.unwrap_or(0)).beijing_display();
    let body = Text::with(Msg::ReturnedMessage, [due]).render(Lang::Zh);
    let msg = Message {
        channel: Channel::Sms,
        recipient: &user.phone,
        subject: Msg::ReturnedSubject.text(Lang::Zh),
        body: &body,
        user_id: Some(&user.id),
        now: state.clock.now().millis(),
    };
    if let Err(e) = state.messenger.send(msg).await {
        tracing::error!(error = %e, "return message not sent");
    }
}

/// Applications on public notice now (§五), for anyone.
#[server(prefix = "/api", endpoint = "public_notices", input = server_fn::codec::GetUrl)]
pub async fn public_notices() -> Result<Vec<PublicNoticeView>, AppError> {
    use crate::api::context::app_state;
    let state = app_state()?;
    let rows = state.store.on_notice(None).await?;
    Ok(rows.into_iter().map(public_notice_of).collect())
}

/// One applicant's public notice, while it runs.
#[server(prefix = "/api", endpoint = "public_notice", input = server_fn::codec::GetUrl)]
pub async fn public_notice(id: String) -> Result<PublicNoticeView, AppError> {
    use crate::api::context::app_state;
    use crate::i18n::Msg;
    let state = app_state()?;
    let rows = state.store.on_notice(Some(&id)).await?;
    rows.into_iter().next().map(public_notice_of).ok_or_else(|| AppError::refused(Msg::PublicNoticeNotFound))
}

#[cfg(feature = "ssr")]
fn public_notice_of(r: crate::store::NoticeEntry) -> PublicNoticeView {
    use crate::domain::materials::fields::format_date;
    use crate::domain::materials::Materials;
    let m: Option<Materials> = serde_json::from_str(&r.materials).ok();
    let m = m.as_ref();
    PublicNoticeView {
        level: Level::parse(&r.level),
        current_title: m.map(|m| m.qualification.current_title.clone()).unwrap_or_default(),
        political_conduct: m.map(|m| m.basic.political_conduct.clone()).unwrap_or_default(),
        achievements: m
            .map(|m| m.work.achievements.iter().map(|a| (a.title.clone(), format_date(a.achieved_on))).collect())
            .unwrap_or_default(),
        works: m.map(|m| m.publications.iter().map(|p| (p.title.clone(), format_date(p.published_on))).collect()).unwrap_or_default(),
        id: r.id,
        applicant_name: r.applicant_name,
        unit_name: r.unit_name,
        series: r.series,
        specialty: r.specialty,
        started_at: r.notice_started_at,
        closes_at: r.notice_closes_at,
    }
}

/// Lodges an objection on a running public notice (§五). Anyone may; a real name and a way to
/// reach them are required (实名), and one address may lodge 20 an hour.
#[server(prefix = "/api", endpoint = "lodge_objection")]
pub async fn lodge_objection(id: String, name: String, contact: String, body: String) -> Result<(), AppError> {
    use crate::api::context::{app_state, client_ip, request_parts};
    use crate::api::form::redirect_form_post;
    use crate::api::limits::{check, record, Limit};
    use crate::domain::instant::HOUR_MS;
    use crate::forms::FieldText;
    use crate::i18n::{Msg, Text};
    use crate::store::ObjectionRow;

    const PER_IP: Limit = Limit { max: 20, window_ms: HOUR_MS };
    let state = app_state()?;
    let ip = client_ip(&request_parts()?, &state);
    let bucket = format!("objection:{ip}");
    check(&state, &bucket, PER_IP, Msg::ObjectionThrottled).await?;
    let mut problems = vec![];
    for (field, value, max) in [("name", &name, 50), ("contact", &contact, 100), ("body", &body, 2000)] {
        let v = value.trim();
        if v.is_empty() {
            problems.push(FieldText::new(field, Msg::Required));
        } else if v.chars().count() > max {
            problems.push(FieldText::new(field, Text::with(Msg::BadTooLong, [max.to_string()])));
        }
    }
    if !problems.is_empty() {
        crate::api::context::remember_form(&[("name", &name), ("contact", &contact), ("body", &body)]);
        return Err(AppError::Invalid(problems));
    }
    let on_notice = state.store.on_notice(Some(&id)).await?;
    if on_notice.is_empty() {
        return Err(AppError::refused(Msg::PublicNoticeNotFound));
    }
    record(&state, &bucket).await?;
    let row = ObjectionRow {
        id: crate::store::new_id(),
        application_id: id.clone(),
        name: name.trim().into(),
        contact: contact.trim().into(),
        body: body.trim().into(),
        client_ip: ip,
        lodged_at: state.clock.now().millis(),
    };
    state.store.insert_objection(&row).await?;
    if let Ok(Some(app)) = state.store.application(&id).await {
        state.events.publish(&app);
    }
    redirect_form_post(&format!("/gongshi/{id}?lodged=1"));
    Ok(())
}
