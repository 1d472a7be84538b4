//! The HTTP surface: pages (Leptos, server-rendered), `/api/*` server functions, static files,
//! the language switch, health, and — only with ZP_TEST_CLOCK=1 — the test clock.

use axum::extract::{Path, Query, Request};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{middleware, Extension, Router};
use http::header::SET_COOKIE;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use serde::Deserialize;
use tower_http::services::ServeDir;

use app::api::context::safe_next;
use app::i18n::{Lang, LANG_COOKIE};
use app::state::AppState;
use app::{shell, App};

use crate::config::ServerConfig;
use crate::security::{cap_api_body, check_origin, security_headers, HeaderPolicy, OriginPolicy};

pub fn router(cfg: &ServerConfig, state: AppState, sweep_now: std::sync::Arc<tokio::sync::Notify>) -> Router {
    let options =
        LeptosOptions::builder().output_name("zhiping").site_root(cfg.site_root.as_str()).site_pkg_dir("pkg").site_addr(cfg.addr).build();
    let routes = generate_route_list(App);

    let mut router = Router::new()
        .route("/api/{*fn_name}", post(server_fn).get(server_fn))
        .leptos_routes_with_context(
            &options,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .route("/lang/{code}", get(switch_language))
        .merge(crate::files::routes())
        .merge(crate::review_routes::routes())
        .merge(crate::certificate_routes::routes())
        .merge(crate::payment_routes::routes(state.local_gateway.is_some()))
        .merge(crate::seal_routes::routes())
        .route("/events", get(crate::live::events))
        .route("/healthz", get(|| async { "ok" }));
    if cfg.test_clock {
        tracing::warn!("ZP_TEST_CLOCK=1: POST /__test/clock can move the clock (never in production)");
        router = router.route("/__test/clock", post(advance_clock)).layer(Extension(sweep_now));
    }
    router
        .nest_service("/pkg", static_pkg(&cfg.site_root))
        // the 404 page is the app too (header, session, language): it needs the state as every
        // page does, or each unknown address logged an error (a flood anyone could cause)
        .fallback(leptos_axum::file_and_error_handler_with_context(
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            shell,
        ))
        .layer(Extension(state))
        .layer(middleware::from_fn(api_error_status))
        .layer(middleware::from_fn(cap_api_body))
        .layer(middleware::from_fn_with_state(OriginPolicy { public_origin: cfg.public_origin.clone() }, check_origin))
        .layer(middleware::from_fn_with_state(HeaderPolicy { https: cfg.secure_cookies }, security_headers))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .with_state(options)
}

/// The WASM, JS and CSS: the brotli or gzip files `make site` writes beside them when the browser
/// accepts them. Their names carry a hash of their content (`scripts/name-assets.sh`), so a browser
/// keeps them for a year without asking again; anything else under /pkg is revalidated.
fn static_pkg(site_root: &str) -> Router {
    let dir = ServeDir::new(format!("{site_root}/pkg")).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(dir).layer(middleware::from_fn(pkg_cache_control))
}

async fn pkg_cache_control(req: Request, next: middleware::Next) -> Response {
    let hashed = is_content_named(req.uri().path());
    let mut res = next.run(req).await;
    let value = if hashed && res.status().is_success() { "public, max-age=31536000, immutable" } else { "no-cache" };
    res.headers_mut().insert(http::header::CACHE_CONTROL, http::HeaderValue::from_static(value));
    res
}

/// `zhiping.0123456789abcdef.wasm`: a name with 16 hex digits of its content's hash in it.
fn is_content_named(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.split('.').any(|part| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn server_fn(Extension(state): Extension<AppState>, req: Request) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// Server functions answer every error with 500 and the typed `AppError` as JSON; this gives the
/// response the error's own status (422, 401, 403, 409, 429 — 500 only for ours). The browser's
/// server-function client reads any 4xx/5xx body as the error, so the pages see no difference.
/// A layer, not the `/api` handler: Leptos mounts each server function at its own path.
async fn api_error_status(req: Request, next: middleware::Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != http::StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // an error body is a few hundred bytes; anything larger is not ours to reinterpret
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if let Ok(e) = serde_json::from_slice::<app::api::error::AppError>(&bytes) {
        parts.status = http::StatusCode::from_u16(e.status_code()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

#[derive(Deserialize)]
struct Back {
    back: Option<String>,
}

/// `/lang/en?back=/login`: remembers the language for a year and returns to the page.
async fn switch_language(Path(code): Path<String>, Query(q): Query<Back>) -> Response {
    let lang = Lang::from_code(&code);
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    let to = safe_next(q.back.as_deref(), "/");
    ([(SET_COOKIE, cookie)], Redirect::to(&to)).into_response()
}

#[derive(Deserialize)]
struct Advance {
    ms: i64,
}

/// Moves the server's clock forward (end-to-end tests: 48 hours, five working days) and runs the
/// sweep (withdrawals, reminders) before answering, so a test that reads the outbox or a status next
/// sees what the minute's tick would have done; the loop is woken too, for its hourly file collection.
/// The sweep is idempotent, so the loop running it at the same moment does no harm.
async fn advance_clock(
    Extension(state): Extension<AppState>,
    Extension(sweep_now): Extension<std::sync::Arc<tokio::sync::Notify>>,
    Query(a): Query<Advance>,
) -> String {
    // forward only, and at most a year and a bit at a time (no overflow of the clock's i64)
    state.clock.advance(a.ms.clamp(0, 400 * 24 * 3_600_000));
    crate::jobs::sweep(&state).await;
    sweep_now.notify_one();
    // retries that fell due in the moved time
    state.deliveries.wake().notify_one();
    state.clock.now().millis().to_string()
}

/// A bug that panicked while answering: the person gets a page (or, from the page's script, the
/// usual JSON error) saying to try again, not a connection closed without a word; the log has it.
fn panicked(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = err.downcast_ref::<String>().map(String::as_str).or_else(|| err.downcast_ref::<&str>().copied()).unwrap_or("?");
    tracing::error!(panic = %what, "a request panicked");
    let body = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
        <title>职评</title><p>服务器处理时出错，您的内容没有丢失。请刷新页面重试。</p>\
        <p lang=\"en\">Something went wrong on the server; nothing you saved is lost. Reload the page to try again.</p>\
        <p><a href=\"/\">返回首页</a></p></html>";
    (
        http::StatusCode::INTERNAL_SERVER_ERROR,
        [(http::header::CONTENT_TYPE, "text/html; charset=utf-8"), (http::header::CACHE_CONTROL, "no-store")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::is_content_named;

    #[test]
    fn only_a_name_with_its_content_hash_is_kept_for_a_year() {
        assert!(is_content_named("/zhiping.0123456789abcdef.wasm"));
        assert!(is_content_named("/pkg/zhiping.0123456789abcdef.css"));
        assert!(!is_content_named("/zhiping.wasm"));
        assert!(!is_content_named("/bench-queue.html"));
        assert!(!is_content_named("/zhiping.0123.js"));
    }
}
