//! Certificates' plain routes: the signed PDF for its holder (and the issuer), the published
//! public key and revocation list, the query API for other channels (12333, HR websites), and an
//! upload check of a downloaded file (the same check as `zhiping verify-certificate`).

use axum::extract::{Extension, Multipart, Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{extract::DefaultBodyLimit, Json, Router};
use leptos::config::LeptosOptions;
use serde::Deserialize;
use serde_json::json;

use app::api::context::{client_ip, session_from_headers};
use app::api::error::AppError;
use app::api::limits;
use app::certificates::signing::{check_file, parse_public_key};
use app::domain::certificate::{name_matches, normalise_number, CertificateData};
use app::domain::instant::Instant;
use app::i18n::Msg;
use app::service::certificates::verify_view;
use app::state::AppState;

use crate::files::{fail, internal, serve};

pub fn routes() -> Router<LeptosOptions> {
    Router::new()
        .route("/certificates/{number}/pdf", get(download))
        .route("/certificates/public-key", get(public_key))
        .route("/certificates/status.json", get(status_list))
        .route("/certificates/query", get(query))
        .route("/verify-file", post(check_upload).layer(DefaultBodyLimit::max(5 * 1024 * 1024)))
}

async fn download(Extension(state): Extension<AppState>, Path(number): Path<String>, headers: HeaderMap) -> Response {
    let actor = match session_from_headers(&state, &headers).await {
        Ok(Some((actor, _))) => actor,
        Ok(None) => return fail(AppError::Unauthenticated),
        Err(e) => return fail(e),
    };
    let not_found = || fail(AppError::refused(Msg::CertificateNotFound));
    let Some(number) = normalise_number(&number) else { return not_found() };
    let cert = match state.store.certificate(&number).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(),
        Err(e) => return fail(internal("certificate", e)),
    };
    // the holder, or the issuer of its region; anyone else gets the same answer as for a number
    // that does not exist
    match app::service::certificates::may_download(&state, &actor, &cert).await {
        Ok(true) => {}
        Ok(false) => return not_found(),
        Err(e) => return fail(e),
    }
    match state.blobs.get(&cert.pdf_sha256).await {
        Ok(bytes) => serve(bytes, "application/pdf", "attachment", &format!("{number}.pdf")),
        Err(e) => fail(internal("certificate file", e)),
    }
}

async fn public_key(Extension(state): Extension<AppState>) -> Response {
    let key = &state.issuer_key;
    Json(json!({
        "algorithm": "Ed25519",
        "public_key": key.public_key_b64(),
        "key_id": key.key_id(),
        "how_to_check": "zhiping verify-certificate <certificate.pdf> --public-key <public_key>",
    }))
    .into_response()
}

/// The signed revocation list last made, and the revocation mark it was made at.
type SignedList = ((i64, Option<i64>), serde_json::Value);
static STATUS_LIST: tokio::sync::Mutex<Option<SignedList>> = tokio::sync::Mutex::const_new(None);

/// The revocation list, signed by the issuer so that a mirror of it can be trusted as well. It is
/// read and signed again only after a revocation (security review L6), not on every request.
async fn status_list(Extension(state): Extension<AppState>) -> Response {
    let mark = match state.store.revocation_mark().await {
        Ok(m) => m,
        Err(e) => return fail(internal("revocation mark", e)),
    };
    let mut kept = STATUS_LIST.lock().await;
    if let Some((_, signed)) = kept.as_ref().filter(|(at, _)| *at == mark) {
        return Json(signed.clone()).into_response();
    }
    let revoked = match state.store.revoked_certificates().await {
        Ok(r) => r,
        Err(e) => return fail(internal("revoked", e)),
    };
    let list: Vec<serde_json::Value> = revoked
        .iter()
        .map(
            |c| json!({ "number": c.number, "revoked_at": c.revoked_at.map(|t| Instant(t).beijing_display()), "reason": c.revoked_reason }),
        )
        .collect();
    let body = json!({ "key_id": state.issuer_key.key_id(), "generated_at": state.clock.now().beijing_display(), "revoked": list });
    let text = body.to_string();
    let signature = state.issuer_key.sign_b64(text.as_bytes());
    let signed = json!({ "list": text, "signature": signature });
    *kept = Some((mark, signed.clone()));
    Json(signed).into_response()
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct QueryParams {
    number: String,
    name: String,
}

/// `GET /certificates/query?number=…&name=…`: the certificate's public view when both match;
/// a wrong name gets the same answer as a missing number, so names cannot be guessed by number.
async fn query(Extension(state): Extension<AppState>, Query(q): Query<QueryParams>, parts: http::request::Parts) -> Response {
    let bucket = format!("cert-query:{}", client_ip(&parts, &state));
    match limits::take(&state, &bucket, limits::CERTIFICATE_LOOKUPS_PER_IP, Msg::QueryThrottled).await {
        Ok(t) => t.keep(),
        Err(e @ AppError::Refused(_)) => return (StatusCode::TOO_MANY_REQUESTS, Json(e)).into_response(),
        Err(e) => return fail(e),
    }
    let Some(number) = normalise_number(&q.number) else {
        return fail(AppError::field("number", Msg::CertificateNumberInvalid));
    };
    let not_found = || (StatusCode::NOT_FOUND, Json(AppError::refused(Msg::CertificateNotFound))).into_response();
    let cert = match state.store.certificate(&number).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(),
        Err(e) => return fail(internal("certificate", e)),
    };
    if !name_matches(&q.name, &cert.holder_name) {
        return not_found();
    }
    match verify_view(&state, &cert) {
        Some(v) => Json(v).into_response(),
        None => fail(internal("certificate data", &number)),
    }
}

/// Upload a downloaded certificate file: is it signed by this issuer, unchanged, and still valid?
async fn check_upload(Extension(state): Extension<AppState>, mut multipart: Multipart) -> Response {
    let mut bytes = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            match field.bytes().await {
                Ok(b) => bytes = Some(b.to_vec()),
                Err(_) => return fail(AppError::field("file", Msg::UploadRequired)),
            }
        }
    }
    let Some(bytes) = bytes else { return fail(AppError::field("file", Msg::UploadRequired)) };
    let key = match parse_public_key(&state.issuer_key.public_key_b64()) {
        Ok(k) => k,
        Err(e) => return fail(internal("public key", e)),
    };
    match check_file(&bytes, &key) {
        Ok(data) => {
            let status = match state.store.certificate(&data.number).await {
                Ok(Some(c)) => c.status.as_str(),
                Ok(None) => "unknown",
                Err(e) => return fail(internal("certificate", e)),
            };
            Json(json!({ "signature": "valid", "number": data.number, "status": status, "data": masked(&data) })).into_response()
        }
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "signature": "invalid", "reason": e.to_string() }))).into_response(),
    }
}

fn masked(d: &CertificateData) -> serde_json::Value {
    use app::domain::certificate::{mask_id_number, mask_name};
    json!({
        "holder_name": mask_name(&d.holder_name),
        "holder_id_number": mask_id_number(&d.holder_id_number),
        "title": d.title,
        "series": d.series,
        "specialty": d.specialty,
        "issuer": d.issuer,
        "issued_on": d.issued_on,
    })
}
