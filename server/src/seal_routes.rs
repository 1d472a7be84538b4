//! Issuers' seals (issue 5 part 7): the administrator uploads each issuer's seal, checked by
//! `domain::seal` (a transparent, roughly square PNG of printable size); certificates print it.
//! Anyone may fetch a seal: it is on every certificate the issuer signs.

use axum::extract::{DefaultBodyLimit, Multipart, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use http::{header, StatusCode};
use leptos::config::LeptosOptions;

use app::api::context::{client_ip, is_plain_form_post, session_from_headers};
use app::api::error::{AppError, OrInternal};
use app::domain::seal::{check_seal, SEAL_MAX_BYTES};
use app::domain::workflow::may_administer;
use app::i18n::Text;
use app::state::AppState;

use crate::files::{fail, internal, read_file};

pub fn routes() -> Router<LeptosOptions> {
    Router::new()
        .route("/admin/orgs/{id}/seal", post(upload).layer(DefaultBodyLimit::max(SEAL_MAX_BYTES + 64 * 1024)))
        .route("/orgs/{id}/seal.png", get(seal))
}

async fn upload(
    Extension(state): Extension<AppState>,
    Path(id): Path<String>,
    parts: http::request::Parts,
    mut multipart: Multipart,
) -> Response {
    let result = receive(&state, &id, &parts, &mut multipart).await;
    match (is_plain_form_post(&parts.headers), result) {
        (true, Ok(())) => (StatusCode::SEE_OTHER, [(header::LOCATION, "/admin/orgs?saved=1")]).into_response(),
        (true, Err(e)) => {
            let text = e.at_field("file").cloned().or_else(|| e.form_text()).map(|t| t.render(app::i18n::Lang::Zh)).unwrap_or_default();
            (StatusCode::UNPROCESSABLE_ENTITY, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
        }
        (false, Ok(())) => Json(serde_json::json!({ "ok": true })).into_response(),
        (false, Err(e)) => fail(e),
    }
}

async fn receive(state: &AppState, id: &str, parts: &http::request::Parts, multipart: &mut Multipart) -> Result<(), AppError> {
    let (actor, _) = session_from_headers(state, &parts.headers).await?.ok_or(AppError::Unauthenticated)?;
    may_administer(&actor).map_err(|_| AppError::Forbidden)?;
    let org = state.store.organisation(id).await?;
    // only issuers sign certificates, so only they have a seal here
    if org.is_none_or(|o| o.kind != app::domain::admin::OrgKind::Issuer) {
        return Err(AppError::Forbidden);
    }
    let (_, bytes) = read_file(multipart, SEAL_MAX_BYTES as u64 + 1).await?;
    let found = tokio::task::spawn_blocking(move || (app::files::inspect::measure_seal(&bytes), bytes)).await.or_internal("seal decode")?;
    let (image, bytes) = found;
    check_seal(&image).map_err(|p| AppError::field("file", Text::from(p)))?;
    let sha256 = state.blobs.put(&bytes).await.or_internal("blob put")?;
    let ip = client_ip(parts, state);
    let by = app::store::ByAdmin { actor: &actor, client_ip: &ip, now: state.clock.now().millis() };
    Ok(state.store.set_org_seal(id, &sha256, &by).await?)
}

async fn seal(Extension(state): Extension<AppState>, Path(id): Path<String>) -> Response {
    let sha = match state.store.org_seal(&id).await {
        Ok(Some(sha)) => sha,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return fail(internal("seal", e)),
    };
    match state.blobs.get(&sha).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "public, max-age=300")], bytes).into_response(),
        Err(e) => fail(internal("seal blob", e)),
    }
}
