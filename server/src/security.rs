//! Request-level protections: the Origin check on every state-changing request (Leptos has no
//! CSRF protection of its own) and the headers every response carries.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use http::header::{
    CACHE_CONTROL, HOST, ORIGIN, REFERRER_POLICY, SET_COOKIE, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::{HeaderValue, Method, StatusCode};

use app::api::error::AppError;
use app::i18n::Msg;

#[derive(Clone)]
pub struct OriginPolicy {
    /// The configured public origin, or None to accept the request's own Host.
    pub public_origin: Option<String>,
}

/// Refuses a POST/PUT/PATCH/DELETE whose `Origin` is another site's, or that a browser marks
/// `Sec-Fetch-Site: cross-site`. Requests without either header come from non-browser clients,
/// which carry no victim's cookie, and pass.
pub async fn check_origin(State(policy): State<OriginPolicy>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let cross_site = headers.get("sec-fetch-site").is_some_and(|v| v == "cross-site");
    let origin_ok = match headers.get(ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => match &policy.public_origin {
            Some(expected) => origin.eq_ignore_ascii_case(expected),
            None => {
                let host = headers.get(HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
                origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host)
            }
        },
    };
    if cross_site || !origin_ok {
        tracing::warn!(origin = ?headers.get(ORIGIN), path = %req.uri().path(), "cross-site request refused");
        let body = serde_json::to_string(&AppError::refused(Msg::CrossSite)).unwrap_or_default();
        return (StatusCode::FORBIDDEN, [(http::header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    next.run(req).await
}

/// The most a server function's request may carry. server_fn's axum adapter reads a body whole
/// before it decodes it, so without this cap one client could make the server hold gigabytes.
/// The largest ordinary request, a section of the form with every entry filled, is under 100 KB.
pub const API_BODY_CAP: usize = 1024 * 1024;
/// `sign_pledge` carries the drawn strokes: at most 4 MiB once decoded (checked there), which
/// URL-encoding makes at most about 1.5 times longer.
pub const PLEDGE_BODY_CAP: usize = 8 * 1024 * 1024;
/// Past this the body is not even read to its end: the connection is cut. Below it a refused body
/// is read and dropped, so that the sender, still writing, gets the answer and not a reset.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

fn cap_for(path: &str) -> Option<usize> {
    match path {
        "/api/sign_pledge" => Some(PLEDGE_BODY_CAP),
        p if p.starts_with("/api/") => Some(API_BODY_CAP),
        _ => None,
    }
}

/// Reads a server function's body up to its cap before the function sees it; a longer one is
/// answered 413 with the reason as the page shows it (提交的内容过大), whether it declared its
/// length or came in chunks.
pub async fn cap_api_body(req: Request, next: Next) -> Response {
    let Some(cap) = cap_for(req.uri().path()) else { return next.run(req).await };
    let declared = req.headers().get(http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > DRAIN_LIMIT) {
        return too_large(req.uri().path());
    }
    let (parts, body) = req.into_parts();
    let mut chunks = body.into_data_stream();
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = chunks.next().await {
        // the sender went away mid-body: nobody is left to answer
        let Ok(chunk) = chunk else { return StatusCode::BAD_REQUEST.into_response() };
        seen += chunk.len();
        if seen > DRAIN_LIMIT {
            break;
        }
        if seen <= cap {
            kept.extend_from_slice(&chunk);
        }
    }
    if seen > cap {
        return too_large(parts.uri.path());
    }
    next.run(Request::from_parts(parts, Body::from(kept))).await
}

fn too_large(path: &str) -> Response {
    tracing::warn!(path, "request body over its cap refused");
    let e = AppError::refused(Msg::RequestTooLarge);
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::PAYLOAD_TOO_LARGE);
    let body = serde_json::to_string(&e).unwrap_or_default();
    (status, [(http::header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[derive(Clone, Copy)]
pub struct HeaderPolicy {
    /// The site is served over HTTPS (`ZP_SECURE_COOKIES`, on by default off loopback).
    pub https: bool,
}

/// Headers for every response. The Content-Security-Policy is set per page by the shell, because
/// it carries that page's script nonce. Over HTTPS every cookie is `Secure` and browsers are told
/// to keep to HTTPS; an answer to a signed-in request is never stored by a browser or proxy, since
/// it may carry personal data (review L1).
pub async fn security_headers(State(policy): State<HeaderPolicy>, req: Request<Body>, next: Next) -> Response {
    let signed_in = app::api::context::cookie_in(req.headers(), app::api::context::SESSION_COOKIE).is_some();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // same-origin keeps the Referer that no-JS form posts need to come back to their page.
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(self), geolocation=(), microphone=()"));
    if signed_in && !h.contains_key(CACHE_CONTROL) {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if policy.https {
        h.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
        let cookies: Vec<HeaderValue> = h.get_all(SET_COOKIE).iter().map(secure_cookie).collect();
        h.remove(SET_COOKIE);
        for c in cookies {
            h.append(SET_COOKIE, c);
        }
    }
    res
}

fn secure_cookie(cookie: &HeaderValue) -> HeaderValue {
    match cookie.to_str() {
        Ok(c) if !c.to_ascii_lowercase().contains("; secure") => {
            HeaderValue::from_str(&format!("{c}; Secure")).unwrap_or_else(|_| cookie.clone())
        }
        _ => cookie.clone(),
    }
}
