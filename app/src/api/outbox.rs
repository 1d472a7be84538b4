//! The outbox page's data (administrators only; outside the demo the codes are masked).

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

/// The messages sent, for administrators (`service::outbox`).
#[server(prefix = "/api", endpoint = "outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    let state = super::context::app_state()?;
    crate::api::access::as_role(&state, crate::domain::workflow::Role::Admin).await?;
    crate::service::outbox::recent(&state).await
}
