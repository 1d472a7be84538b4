//! Request-level protections: the Origin check on every state-changing request (Leptos has no
//! CSRF protection of its own) and the headers every response carries.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{HOST, ORIGIN, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
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

/// Headers for every response. The Content-Security-Policy is set per page by the shell, because
/// it carries that page's script nonce.
pub async fn security_headers(req: Request<Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // same-origin keeps the Referer that no-JS form posts need to come back to their page.
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(self), geolocation=(), microphone=()"));
    res
}
