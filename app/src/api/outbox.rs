//! The outbox page's data (demo mode, administrators only).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub at: String,
    pub channel: String,
    pub recipient: String,
    pub body: String,
}

#[server(prefix = "/api", endpoint = "outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    use super::context::{app_state, internal, require_session};
    use crate::domain::instant::Instant;
    use crate::domain::workflow::Role;

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    if actor.role != Role::Admin || !state.config.demo {
        return Err(AppError::Forbidden);
    }
    let rows = state.store.outbox(200).await.map_err(|e| internal("outbox", e))?;
    Ok(rows
        .into_iter()
        .map(|r| OutboxEntry {
            at: Instant(r.created_at).beijing_display(),
            channel: r.channel,
            recipient: r.recipient,
            body: r.body,
        })
        .collect())
}
