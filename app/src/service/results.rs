//! The published results (route `/results`, public) and their filing by the HR department
//! (§九, route `/filing`).

use super::evaluation::{announce, summary};
use crate::api::error::AppError;
use crate::api::evaluation::PublicResult;
use crate::domain::evaluation::{Outcome, SessionState};
use crate::domain::instant::Instant;
use crate::domain::materials::Level;
use crate::domain::workflow::{Actor, Status};
use crate::i18n::{Msg, Text};
use crate::state::AppState;
use crate::store::evaluation::{SessionApplicationRow, SessionRow};

fn public_result(s: &SessionRow, committee_name: String, apps: &[SessionApplicationRow]) -> PublicResult {
    PublicResult {
        session: summary(s, apps.len()),
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

/// Published sessions with their applications that `keep` retains; a session left with none is
/// skipped when `skip_empty`.
async fn published(
    state: &AppState,
    notice_running_at: Option<i64>,
    keep: impl Fn(&SessionApplicationRow) -> bool,
    skip_empty: bool,
) -> Result<Vec<PublicResult>, AppError> {
    let mut out = vec![];
    for s in state.store.published_sessions(notice_running_at).await? {
        let apps: Vec<_> = state.store.session_applications(&s.id).await?.into_iter().filter(|a| keep(a)).collect();
        if skip_empty && apps.is_empty() {
            continue;
        }
        let committee = state.store.organisation(&s.committee_id).await?.map(|o| o.name).unwrap_or_default();
        out.push(public_result(&s, committee, &apps));
    }
    Ok(out)
}

/// The results whose public notice runs now (public): 5 working days each, then they leave the page.
pub async fn public_results(state: &AppState) -> Result<Vec<PublicResult>, AppError> {
    published(state, Some(state.clock.now().millis()), |_| true, false).await
}

/// The HR department's filing list: published sessions with applications of its region awaiting 备案.
pub async fn filing_overview(state: &AppState, actor: &Actor) -> Result<Vec<PublicResult>, AppError> {
    published(state, None, |a| a.status == Status::ResultNotice && actor.serves_region(&a.region_id), true).await
}

/// Which of a session's applications to file: all of them, or the chosen ones that are in it.
pub enum FileWhich {
    All,
    Chosen(Vec<String>),
}

/// Files (备案) a published session's results, not before their public notice has run its
/// 5 working days.
pub async fn file_results(state: &AppState, actor: &Actor, session: &str, which: FileWhich, ip: &str) -> Result<usize, AppError> {
    let Some(s) = state.store.eval_session(session).await?.filter(|s| s.state == SessionState::Published) else {
        return Err(AppError::refused(Msg::SessionNotFound));
    };
    let now = state.clock.now();
    let closes = Instant(s.notice_closes_at.unwrap_or(i64::MAX));
    if !crate::domain::review::notice_may_close(closes, now) {
        return Err(AppError::refused(Text::with(Msg::ResultNoticeNotOver, [closes.beijing_display()])));
    }
    // the session's applications of the actor's region (each is checked again by `decide`)
    let in_session: Vec<String> =
        state.store.session_applications(&s.id).await?.into_iter().filter(|a| actor.serves_region(&a.region_id)).map(|a| a.id).collect();
    if in_session.is_empty() {
        return Err(AppError::refused(Msg::SessionNotFound));
    }
    let ids: Vec<String> = match which {
        FileWhich::All => in_session,
        FileWhich::Chosen(chosen) => chosen.into_iter().filter(|id| in_session.contains(id)).collect(),
    };
    if ids.is_empty() {
        return Err(AppError::field("app", Msg::SessionPickApplications));
    }
    let batch = state.store.file_applications(&ids, actor, ip, now.millis()).await?;
    announce(state, &batch);
    Ok(batch.moved.len())
}
