//! 评审工作通知 and 评审条件: public reading, administrators writing (`may_administer`).

#[cfg(feature = "ssr")]
use crate::api::context::internal;
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

#[cfg(feature = "ssr")]
fn view_of(row: crate::store::NoticeRow, files: Vec<crate::store::NoticeFileRow>) -> NoticeView {
    NoticeView {
        files: files.into_iter().map(|f| (f.id, f.file_name, f.size)).collect(),
        kind: NoticeKind::parse(&row.kind).unwrap_or(NoticeKind::Notice),
        blocks: crate::domain::notices::blocks(&row.body),
        id: row.id,
        title: row.title,
        body: row.body,
        published_at: row.published_at,
        updated_at: row.updated_at,
    }
}

/// Whether the request comes from an administrator (who also sees drafts).
#[cfg(feature = "ssr")]
async fn administrator(state: &crate::state::AppState) -> Result<Option<crate::domain::workflow::Actor>, AppError> {
    use crate::domain::workflow::may_administer;
    Ok(super::context::current_session(state).await?.map(|(a, _)| a).filter(|a| may_administer(a).is_ok()))
}

/// The published notices and conditions, newest first; administrators also get drafts.
#[server(prefix = "/api", endpoint = "notices")]
pub async fn notices() -> Result<Vec<NoticeView>, AppError> {
    use super::context::app_state;
    let state = app_state()?;
    let drafts = administrator(&state).await?.is_some();
    // the list shows no attachments: each notice's page does
    Ok(state.store.notices(drafts).await?.into_iter().map(|r| view_of(r, vec![])).collect())
}

/// One notice: published ones to anyone, drafts to administrators only.
#[server(prefix = "/api", endpoint = "notice")]
pub async fn notice(id: String) -> Result<NoticeView, AppError> {
    use super::context::app_state;
    use crate::i18n::Msg;
    let state = app_state()?;
    let admin = administrator(&state).await?.is_some();
    match state.store.notice(&id).await? {
        Some(row) if row.published_at.is_some() || admin => {
            let files = state.store.notice_files(&row.id).await?;
            Ok(view_of(row, files))
        }
        _ => Err(AppError::refused(Msg::NoticeNotFound)),
    }
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
    use super::context::{app_state, require_session};
    use crate::domain::notices::problems;
    use crate::domain::workflow::may_administer;
    use crate::forms::FieldText;
    use crate::i18n::Text;
    use crate::store::{NoticeRow, StoreError};

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    may_administer(&actor).map_err(|_| AppError::Forbidden)?;
    let mut found: Vec<FieldText> = problems(&title, &body).into_iter().map(|(f, p)| FieldText::new(f, Text::from(p))).collect();
    let kind = NoticeKind::parse(&kind);
    if kind.is_none() {
        found.push(FieldText::new("kind", crate::i18n::Msg::BadChoice));
    }
    let Some(kind) = kind.filter(|_| found.is_empty()) else {
        super::context::remember_form(&[("title", &title), ("body", &body)]);
        return Err(AppError::Invalid(found));
    };
    let id = if id.trim().is_empty() { crate::store::new_id() } else { id };
    let row = NoticeRow {
        id: id.clone(),
        kind: kind.as_str().into(),
        title: title.trim().into(),
        body,
        published_at: None,
        created_by: actor.user_id.clone(),
        created_at: 0,
        updated_at: 0,
    };
    match state.store.save_notice(&row, publish.is_some(), state.clock.now().millis()).await {
        Ok(()) => {
            super::form::redirect_form_post("/admin/notices");
            Ok(id)
        }
        Err(StoreError::NotFound) => Err(AppError::refused(crate::i18n::Msg::NoticeNotFound)),
        Err(e) => Err(internal("save notice", e)),
    }
}
