//! The outbox page's data and its one action (administrators only; outside the demo the codes in
//! a message are masked).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    pub at: String,
    pub channel: String,
    pub recipient: String,
    pub body: String,
    /// `pending`, `sent` or `failed`.
    pub state: String,
    pub attempts: i64,
    /// The last failure in words (codes masked), empty when none.
    pub last_error: String,
    /// When it was delivered, Beijing time.
    pub sent_at: Option<String>,
    /// Whether a transport is configured for its channel (if not, it stays here: the demo).
    pub delivered_by: Option<String>,
}

/// The messages stored, newest first, with where each one is (`service::outbox`).
#[server(prefix = "/api", endpoint = "outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    let state = super::context::app_state()?;
    crate::api::access::as_role(&state, crate::domain::workflow::Role::Admin).await?;
    crate::service::outbox::recent(&state).await
}

/// 重新发送: queues a message again, with a new day to deliver it.
#[server(prefix = "/api", endpoint = "resend_message")]
pub async fn resend_message(id: String) -> Result<(), AppError> {
    let state = super::context::app_state()?;
    let actor = crate::api::access::as_role(&state, crate::domain::workflow::Role::Admin).await?;
    crate::service::outbox::resend(&state, &actor, &id).await?;
    crate::api::context::redirect_form_post("/outbox?resent=1");
    Ok(())
}
