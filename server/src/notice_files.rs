//! Files attached to notices: administrators upload them (checked like any attachment: a PDF
//! that parses, an image that decodes and can be read); anyone downloads those of a published
//! notice, always as a download, never shown on our origin.

use axum::extract::{DefaultBodyLimit, Multipart, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use http::{header, HeaderMap, StatusCode};
use leptos::config::LeptosOptions;

use app::api::context::{is_plain_form_post, session_from_headers};
use app::api::error::{AppError, OrInternal};
use app::domain::attachments::SlotKind;
use app::domain::workflow::may_administer;
use app::state::AppState;
use app::store::NoticeFileRow;

use crate::files::{drain, fail, internal, read_and_inspect, serve};

pub fn routes() -> Router<LeptosOptions> {
    Router::new()
        .route("/notice-files/{notice_id}", post(upload).layer(DefaultBodyLimit::max(crate::files::UPLOAD_BODY_CAP)))
        .route("/notice-file/{file_id}", get(download))
}

async fn upload(
    Extension(state): Extension<AppState>,
    Path(notice_id): Path<String>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let result = receive(&state, &notice_id, &headers, &mut multipart).await;
    if result.is_err() {
        drain(&mut multipart).await;
    }
    match (is_plain_form_post(&headers), result) {
        // the page without JavaScript comes back to the editor; a refusal shows there
        (true, Ok(_)) => (StatusCode::SEE_OTHER, [(header::LOCATION, format!("/admin/notices/{notice_id}"))]).into_response(),
        (true, Err(e)) => {
            let text = e.at_field("file").cloned().or_else(|| e.form_text()).map(|t| t.render(app::i18n::Lang::Zh)).unwrap_or_default();
            (StatusCode::UNPROCESSABLE_ENTITY, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
        }
        (false, Ok(row)) => Json(serde_json::json!({ "id": row.id, "file_name": row.file_name })).into_response(),
        (false, Err(e)) => fail(e),
    }
}

async fn receive(state: &AppState, notice_id: &str, headers: &HeaderMap, multipart: &mut Multipart) -> Result<NoticeFileRow, AppError> {
    let (actor, _) = session_from_headers(state, headers).await?.ok_or(AppError::Unauthenticated)?;
    may_administer(&actor).map_err(|_| AppError::Forbidden)?;
    state.store.notice(notice_id).await?.ok_or(AppError::Forbidden)?;
    let (file_name, bytes, inspected) = read_and_inspect(multipart, SlotKind::Document, "file").await?;
    let sha256 = state.blobs.put(&bytes).await.or_internal("blob put")?;
    let row = NoticeFileRow {
        id: app::store::new_id(),
        notice_id: notice_id.to_string(),
        sha256,
        kind: format!("{:?}", inspected.kind).to_lowercase(),
        file_name,
        size: bytes.len() as i64,
        uploaded_at: state.clock.now().millis(),
    };
    state.store.insert_notice_file(&row).await?;
    Ok(row)
}

async fn download(Extension(state): Extension<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let not_found = || StatusCode::NOT_FOUND.into_response();
    let Ok(Some(file)) = state.store.notice_file(&id).await else { return not_found() };
    let Ok(Some(notice)) = state.store.notice(&file.notice_id).await else { return not_found() };
    if notice.published_at.is_none() {
        let admin = matches!(session_from_headers(&state, &headers).await, Ok(Some((a, _))) if may_administer(&a).is_ok());
        if !admin {
            return not_found();
        }
    }
    let bytes = match state.blobs.get(&file.sha256).await {
        Ok(b) => b,
        Err(e) => return fail(internal("blob get", e)),
    };
    let mime = match file.kind.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        _ => "image/jpeg",
    };
    serve(bytes, mime, "attachment", &file.file_name)
}
