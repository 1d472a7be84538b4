//! 评审工作通知 and 评审条件 (routes `/notices` and `/admin/notices`): anyone reads the published
//! ones; administrators (`may_administer`) also see drafts, write and publish.

use crate::api::error::AppError;
use crate::api::notices::NoticeView;
use crate::domain::notices::{blocks, problems, NoticeKind};
use crate::domain::workflow::{may_administer, Actor};
use crate::forms::FieldText;
use crate::i18n::{Msg, Text};
use crate::state::AppState;
use crate::store::{NoticeFileRow, NoticeRow, StoreError};

fn view_of(row: NoticeRow, files: Vec<NoticeFileRow>) -> NoticeView {
    NoticeView {
        files: files.into_iter().map(|f| (f.id, f.file_name, f.size)).collect(),
        kind: NoticeKind::parse(&row.kind).unwrap_or(NoticeKind::Notice),
        blocks: blocks(&row.body),
        id: row.id,
        title: row.title,
        body: row.body,
        published_at: row.published_at,
        updated_at: row.updated_at,
    }
}

/// Whether whoever asks (signed in or not) sees drafts.
fn sees_drafts(viewer: Option<&Actor>) -> bool {
    viewer.is_some_and(|a| may_administer(a).is_ok())
}

/// The published notices and conditions, newest first, and the drafts for an administrator.
pub async fn list(state: &AppState, viewer: Option<&Actor>) -> Result<Vec<NoticeView>, AppError> {
    // the list shows no attachments: each notice's page does
    Ok(state.store.notices(sees_drafts(viewer)).await?.into_iter().map(|r| view_of(r, vec![])).collect())
}

/// One notice with its files: a published one to anyone, a draft to an administrator only.
pub async fn one(state: &AppState, viewer: Option<&Actor>, id: &str) -> Result<NoticeView, AppError> {
    match state.store.notice(id).await? {
        Some(row) if row.published_at.is_some() || sees_drafts(viewer) => {
            let files = state.store.notice_files(&row.id).await?;
            Ok(view_of(row, files))
        }
        _ => Err(AppError::refused(Msg::NoticeNotFound)),
    }
}

/// A notice as the editor posted it: a new one when `id` is empty.
pub struct NoticeForm {
    pub id: Option<String>,
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub publish: bool,
}

impl NoticeForm {
    /// Each refusal at its field (`domain::notices::problems`).
    pub fn parse(id: &str, kind: &str, title: &str, body: String, publish: bool) -> Result<Self, AppError> {
        let mut found: Vec<FieldText> = problems(title, &body).into_iter().map(|(f, p)| FieldText::new(f, Text::from(p))).collect();
        let kind = NoticeKind::parse(kind);
        if kind.is_none() {
            found.push(FieldText::new("kind", Msg::BadChoice));
        }
        let Some(kind) = kind.filter(|_| found.is_empty()) else { return Err(AppError::Invalid(found)) };
        let id = Some(id.trim().to_string()).filter(|i| !i.is_empty());
        Ok(NoticeForm { id, kind, title: title.trim().into(), body, publish })
    }
}

/// Saves (and, if asked, publishes) the notice as `actor`'s, from `client_ip`; returns its id.
pub async fn save(state: &AppState, actor: &Actor, form: NoticeForm, client_ip: &str) -> Result<String, AppError> {
    may_administer(actor).map_err(|_| AppError::Forbidden)?;
    let id = form.id.unwrap_or_else(crate::store::new_id);
    let row = NoticeRow {
        id: id.clone(),
        kind: form.kind.as_str().into(),
        title: form.title,
        body: form.body,
        published_at: None,
        created_by: actor.user_id.clone(),
        created_at: 0,
        updated_at: 0,
    };
    let by = crate::store::ByAdmin { actor, client_ip, now: state.clock.now().millis() };
    match state.store.save_notice(&row, form.publish, &by).await {
        Ok(()) => Ok(id),
        Err(StoreError::NotFound) => Err(AppError::refused(Msg::NoticeNotFound)),
        Err(e) => Err(e.into()),
    }
}
