//! The public notice of applicants (公示, seed §五, route `/gongshi`): who is on notice now, and
//! objections lodged by anyone, with a real name and a way to reach them (实名).

use crate::api::error::AppError;
use crate::api::limits::{take, Limit};
use crate::api::review::PublicNoticeView;
use crate::domain::instant::HOUR_MS;
use crate::domain::materials::fields::format_date;
use crate::domain::materials::{Level, Materials};
use crate::forms::FieldText;
use crate::i18n::{Msg, Text};
use crate::state::AppState;
use crate::store::{NoticeEntry, ObjectionRow};

/// One address may lodge 20 objections an hour.
const OBJECTIONS_PER_IP: Limit = Limit { max: 20, window_ms: HOUR_MS };

/// What the notice shows of an applicant: basic information — never the ID number —, 思想政治条件,
/// specialty, level, achievements and works.
fn view_of(r: NoticeEntry) -> PublicNoticeView {
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

/// Every application on public notice now.
pub async fn on_notice(state: &AppState) -> Result<Vec<PublicNoticeView>, AppError> {
    Ok(state.store.on_notice(None).await?.into_iter().map(view_of).collect())
}

/// One applicant's notice, while it runs.
pub async fn one_on_notice(state: &AppState, id: &str) -> Result<PublicNoticeView, AppError> {
    state.store.on_notice(Some(id)).await?.into_iter().next().map(view_of).ok_or_else(|| AppError::refused(Msg::PublicNoticeNotFound))
}

/// An objection as typed, each value trimmed and within its length.
pub struct Objection {
    pub name: String,
    pub contact: String,
    pub body: String,
}

impl Objection {
    pub fn parse(name: &str, contact: &str, body: &str) -> Result<Self, Vec<FieldText>> {
        let mut problems = vec![];
        for (field, value, max) in [("name", name, 50), ("contact", contact, 100), ("body", body, 2000)] {
            let v = value.trim();
            if v.is_empty() {
                problems.push(FieldText::new(field, Msg::Required));
            } else if v.chars().count() > max {
                problems.push(FieldText::new(field, Text::with(Msg::BadTooLong, [max.to_string()])));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Objection { name: name.trim().into(), contact: contact.trim().into(), body: body.trim().into() })
    }
}

/// Lodges an objection on a running notice; the reviewers' open pages hear of it.
pub async fn lodge(state: &AppState, id: &str, objection: Objection, ip: &str) -> Result<(), AppError> {
    let bucket = format!("objection:{ip}");
    let objection_turn = take(state, &bucket, OBJECTIONS_PER_IP, Msg::ObjectionThrottled).await?;
    if state.store.on_notice(Some(id)).await?.is_empty() {
        objection_turn.give_back(state).await?;
        return Err(AppError::refused(Msg::PublicNoticeNotFound));
    }
    objection_turn.keep();
    let row = ObjectionRow {
        id: crate::store::new_id(),
        application_id: id.to_string(),
        name: objection.name,
        contact: objection.contact,
        body: objection.body,
        client_ip: ip.to_string(),
        lodged_at: state.clock.now().millis(),
        findings: String::new(),
        outcome: String::new(),
        handled_by: String::new(),
        handled_at: None,
    };
    state.store.insert_objection(&row).await?;
    if let Ok(Some(app)) = state.store.application(id).await {
        state.events.publish(&app);
    }
    Ok(())
}
