//! What server functions need from the request (server only): the app state, the signed-in actor,
//! cookies, the client address, and the response headers they set.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use http::header::{COOKIE, SET_COOKIE};
use http::request::Parts;
use http::HeaderValue;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::error::AppError;
use crate::domain::instant::{HOUR_MS, MINUTE_MS};
use crate::domain::workflow::Actor;
use crate::security::sha256_hex;
use crate::state::AppState;
use crate::store::UserRow;

pub const SESSION_COOKIE: &str = "zp_session";
/// A session ends after 2 hours without a request (an applicant may pause over a long form; the
/// form keeps its draft) and 12 hours after login whatever happens.
pub const SESSION_IDLE_MS: i64 = 2 * HOUR_MS;
pub const SESSION_ABSOLUTE_MS: i64 = 12 * HOUR_MS;
/// `last_seen_at` is written at most once a minute per session, not on every request.
const TOUCH_EVERY_MS: i64 = MINUTE_MS;

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from context");
        AppError::Internal
    })
}

/// Logs an unexpected failure with its detail and gives the person the generic message.
pub fn internal(context: &str, e: impl std::fmt::Display) -> AppError {
    tracing::error!(%context, error = %e, "internal error");
    AppError::Internal
}

pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    cookie_in(&parts.headers, name)
}

pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The client's address: the socket peer, or the first `X-Forwarded-For` hop behind a trusted proxy.
pub fn client_ip(parts: &Parts, state: &AppState) -> String {
    if state.config.trust_forwarded_for {
        if let Some(first) = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next()) {
            return first.trim().to_string();
        }
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ci| ci.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

pub fn set_cookie(value: String) {
    if let (Some(res), Ok(v)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
        res.append_header(SET_COOKIE, v);
    }
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        SESSION_ABSOLUTE_MS / 1000,
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_session_cookie(secure: bool) -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}", if secure { "; Secure" } else { "" })
}

/// The signed-in user, if the request carries a live session. Expired sessions are deleted here.
pub async fn current_session(state: &AppState) -> Result<Option<(Actor, UserRow)>, AppError> {
    session_from_parts(state, &request_parts()?).await
}

/// The same, for plain axum handlers (uploads, downloads) that have the request's headers.
pub async fn session_from_parts(state: &AppState, parts: &Parts) -> Result<Option<(Actor, UserRow)>, AppError> {
    session_from_headers(state, &parts.headers).await
}

pub async fn session_from_headers(state: &AppState, headers: &http::HeaderMap) -> Result<Option<(Actor, UserRow)>, AppError> {
    let Some(token) = cookie_in(headers, SESSION_COOKIE) else { return Ok(None) };
    let hash = sha256_hex(&token);
    let store = &state.store;
    let Some(session) = store.session(&hash).await? else {
        return Ok(None);
    };
    let now = state.clock.now().millis();
    if now - session.last_seen_at > SESSION_IDLE_MS || now - session.created_at > SESSION_ABSOLUTE_MS {
        store.delete_session(&hash).await?;
        return Ok(None);
    }
    let Some(user) = store.user_by_id(&session.user_id).await? else {
        return Ok(None);
    };
    if user.disabled != 0 {
        store.delete_session(&hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_EVERY_MS {
        store.touch_session(&hash, now).await?;
    }
    let actor = Actor { user_id: user.id.clone(), role: user.role, org_id: user.org_id.clone() };
    Ok(Some((actor, user)))
}

/// The signed-in user, or `Unauthenticated`.
pub async fn require_session(state: &AppState) -> Result<(Actor, UserRow), AppError> {
    current_session(state).await?.ok_or(AppError::Unauthenticated)
}

/// Starts a new session for `user_id` (a fresh token at every login: no fixation) and ends the
/// one the request came with, if any.
pub async fn start_session(state: &AppState, user_id: &str) -> Result<(), AppError> {
    let parts = request_parts()?;
    if let Some(old) = cookie(&parts, SESSION_COOKIE) {
        state.store.delete_session(&sha256_hex(&old)).await?;
    }
    let token = crate::security::random_token();
    let now = state.clock.now().millis();
    state.store.insert_session(&sha256_hex(&token), user_id, now).await?;
    set_cookie(session_cookie(&token, state.config.secure_cookies));
    Ok(())
}

pub const FORM_COOKIE: &str = "zp_form";

/// Whether a browser without JavaScript sent this (it asks for a page, not JSON): such a request
/// is answered with a redirect back to a page, and what it typed may need keeping.
pub fn is_plain_form_post(headers: &http::HeaderMap) -> bool {
    headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

/// Without JavaScript a refused form comes back through a redirect, and the browser would show it
/// empty. This keeps what was typed (never passwords) for five minutes in an HttpOnly cookie —
/// not in the URL, where an ID number would land in history and logs — and the page puts it back
/// (`components::field::remembered`). With JavaScript the form never leaves the page, so nothing
/// is kept.
pub fn remember_form(values: &[(&str, &str)]) {
    if !use_context::<Parts>().is_some_and(|p| is_plain_form_post(&p.headers)) {
        return;
    }
    let map: std::collections::BTreeMap<&str, &str> = values.iter().copied().collect();
    if let Ok(json) = serde_json::to_string(&map) {
        set_cookie(format!("{FORM_COOKIE}={}; Path=/; Max-Age=300; HttpOnly; SameSite=Strict", hex::encode(json)));
    }
}

/// A local path to go to after a form: only same-site absolute paths, never `//host`.
pub fn safe_next(next: Option<&str>, fallback: &str) -> String {
    crate::domain::site_path::site_path_or(next, fallback).to_string()
}
