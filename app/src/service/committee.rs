//! A committee member's sessions and votes (seed §八, route `/committee`). Callers have
//! authorised a committee member; membership, attendance and 回避 are checked here through
//! `domain::evaluation::may_vote`.

use super::evaluation::{app_view, member_views, summary};
use crate::api::error::AppError;
use crate::api::evaluation::{SessionSummary, SessionView};
use crate::domain::evaluation::{check_vote_comment, conflicted, may_vote, CommentError, SessionState, VoteBar};
use crate::domain::workflow::Actor;
use crate::i18n::Msg;
use crate::state::AppState;

/// The sessions a committee member sits in.
pub async fn member_sessions(state: &AppState, member: &Actor) -> Result<Vec<SessionSummary>, AppError> {
    let mut out = vec![];
    for s in state.store.sessions_of_member(&member.user_id).await? {
        let n = state.store.session_applications(&s.id).await?.len();
        out.push(summary(&s, n));
    }
    Ok(out)
}

/// A session as one member sees it: only the applications they may see (not their own unit's),
/// each with their own vote.
pub async fn member_view(state: &AppState, member: &Actor, id: &str) -> Result<SessionView, AppError> {
    let members = state.store.session_members(id).await?;
    let Some(me) = members.iter().find(|m| m.user_id == member.user_id).map(|m| m.member()) else {
        return Err(AppError::refused(Msg::SessionNotFound));
    };
    let s = state.store.eval_session(id).await?.ok_or(AppError::Internal)?;
    let votes = state.store.votes_of_session(id).await?;
    let apps = state.store.session_applications(id).await?;
    let applications = apps
        .iter()
        .filter(|a| !conflicted(&me, &a.units()))
        .map(|a| {
            let mut v = app_view(a);
            v.my_vote =
                votes.iter().find(|x| x.application_id == a.id && x.member_id == member.user_id).map(|x| (x.pass != 0, x.comment.clone()));
            v
        })
        .collect();
    Ok(SessionView { session: summary(&s, apps.len()), members: member_views(members), applications, withheld: 0 })
}

/// A member's vote on one application of their session. What the member typed is looked at
/// only once they may vote here at all; an application outside the session and one of the
/// member's own unit are "not found" alike.
pub async fn vote(state: &AppState, member: &Actor, session: &str, application: &str, vote: &str, comment: &str) -> Result<(), AppError> {
    let members = state.store.session_members(session).await?;
    let me = members.iter().find(|m| m.user_id == member.user_id).map(|m| m.member());
    let s = state.store.eval_session(session).await?;
    let apps = state.store.session_applications(session).await?;
    let Some(app) = apps.iter().find(|a| a.id == application) else { return Err(AppError::refused(Msg::ApplicationNotFound)) };
    match may_vote(me.as_ref(), &app.units(), s.as_ref().is_some_and(|s| s.state == SessionState::Open)) {
        Ok(()) => {}
        Err(VoteBar::NotMember) | Err(VoteBar::OwnUnit) => return Err(AppError::refused(Msg::ApplicationNotFound)),
        Err(VoteBar::Absent) => return Err(AppError::refused(Msg::VoteAbsent)),
        Err(VoteBar::Closed) => return Err(AppError::refused(Msg::SessionNotOpen)),
    }
    let pass = match vote {
        "pass" => true,
        "fail" => false,
        _ => return Err(AppError::field("vote", Msg::VoteChoose)),
    };
    let comment = comment.trim();
    match check_vote_comment(pass, comment) {
        Ok(()) => {}
        Err(CommentError::NeededForFail) => return Err(AppError::field("comment", Msg::VoteReasonRequired)),
        Err(CommentError::TooLong) => return Err(AppError::field("comment", Msg::VoteCommentTooLong)),
    }
    if !state.store.cast_vote(session, application, &member.user_id, pass, comment, state.clock.now().millis()).await? {
        return Err(AppError::refused(Msg::SessionNotOpen));
    }
    Ok(())
}
