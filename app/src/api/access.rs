//! Who may call a server function (server only): the signed-in person, and the role or office the
//! function serves. Decisions about one application (may this reviewer act on it now?) stay in
//! `domain::workflow`; this module answers only "is this the kind of person the function is for".

use super::context::require_session;
use super::error::AppError;
use crate::domain::workflow::{Actor, Role};
use crate::state::AppState;

/// The signed-in person, or 401.
pub async fn signed_in(state: &AppState) -> Result<Actor, AppError> {
    Ok(require_session(state).await?.0)
}

/// The signed-in person if they hold `role`; 403 for anyone else signed in.
pub async fn as_role(state: &AppState, role: Role) -> Result<Actor, AppError> {
    let actor = signed_in(state).await?;
    if actor.role != role {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

/// An evaluation office's reviewer, with the office they work for.
pub async fn office_reviewer(state: &AppState) -> Result<(Actor, String), AppError> {
    let actor = as_role(state, Role::OfficeReviewer).await?;
    let office = actor.org_id.clone().ok_or(AppError::Forbidden)?;
    Ok((actor, office))
}

/// An administrator (`may_administer`).
pub async fn admin(state: &AppState) -> Result<Actor, AppError> {
    let actor = signed_in(state).await?;
    crate::domain::workflow::may_administer(&actor).map_err(|_| AppError::Forbidden)?;
    Ok(actor)
}
