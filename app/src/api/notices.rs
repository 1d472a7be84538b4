//! 评审工作通知 and 评审条件: public reading, administrators writing (`service::notices`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::notices::{Block, NoticeKind};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub id: String,
    pub kind: NoticeKind,
    pub title: String,
    /// As typed (for the editor).
    pub body: String,
    /// As shown: paragraphs, lists and links.
    pub blocks: Vec<Block>,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    /// Attached files: (id, name, size in bytes).
    pub files: Vec<(String, String, i64)>,
}

/// The published notices and conditions, newest first; administrators also get drafts.
#[server(prefix = "/api", endpoint = "notices")]
pub async fn notices() -> Result<Vec<NoticeView>, AppError> {
    let state = super::context::app_state()?;
    let viewer = super::context::current_session(&state).await?.map(|(a, _)| a);
    crate::service::notices::list(&state, viewer.as_ref()).await
}

/// One notice: published ones to anyone, drafts to administrators only.
#[server(prefix = "/api", endpoint = "notice")]
pub async fn notice(id: String) -> Result<NoticeView, AppError> {
    let state = super::context::app_state()?;
    let viewer = super::context::current_session(&state).await?.map(|(a, _)| a);
    crate::service::notices::one(&state, viewer.as_ref(), &id).await
}

/// Creates (empty `id`) or edits a notice; `publish` publishes it (a draft otherwise). Returns its id.
#[server(prefix = "/api", endpoint = "save_notice")]
pub async fn save_notice(
    id: String,
    kind: String,
    title: String,
    body: String,
    #[server(default)] publish: Option<String>,
) -> Result<String, AppError> {
    use crate::domain::workflow::Role;
    use crate::service::notices::{save, NoticeForm};

    let state = super::context::app_state()?;
    let actor = crate::api::access::as_role(&state, Role::Admin).await?;
    let form = NoticeForm::parse(&id, &kind, &title, body.clone(), publish.is_some()).inspect_err(|_| {
        super::context::remember_form(&[("title", &title), ("body", &body)]);
    })?;
    let ip = super::context::request_ip(&state)?;
    let id = save(&state, &actor, form, &ip).await?;
    super::context::redirect_form_post("/admin/notices");
    Ok(id)
}
