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

/// The client's address: the socket peer, or — behind `trusted_proxies` proxies that each append
/// the address they were reached from to `X-Forwarded-For` — the address the outermost of them saw.
pub fn client_ip(parts: &Parts, state: &AppState) -> String {
    let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    if let Some(ip) = forwarded.and_then(|f| forwarded_client(f, state.config.trusted_proxies)) {
        return ip.to_string();
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ci| ci.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// The `trusted`-th address from the right of an `X-Forwarded-For` value. The hops to its left
/// were written by the client and prove nothing (security review M3); a value that is not an
/// address, or a list shorter than the proxies, gives None (then the peer is used).
pub fn forwarded_client(header: &str, trusted: usize) -> Option<std::net::IpAddr> {
    let hops: Vec<&str> = header.split(',').map(str::trim).collect();
    let at = hops.len().checked_sub(trusted).filter(|_| trusted > 0)?;
    hops.get(at)?.parse().ok()
}

/// The address this request came from, as the rate limits and the audit log record it.
pub fn request_ip(state: &AppState) -> Result<String, AppError> {
    Ok(client_ip(&request_parts()?, state))
}

pub fn set_cookie(value: String) {
    if let (Some(res), Ok(v)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
        res.append_header(SET_COOKIE, v);
    }
}

/// The session cookie (the server's header layer adds `Secure` to every cookie over HTTPS).
pub fn session_cookie(token: &str) -> String {
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}", SESSION_ABSOLUTE_MS / 1000)
}

pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
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
    session_of(state, headers, true).await
}

/// Whether the session a long-lived request (a live stream) began with is still good, without
/// counting the check as the person's activity: an open tab alone does not keep a session alive.
pub async fn session_still_live(state: &AppState, headers: &http::HeaderMap) -> Result<Option<Actor>, AppError> {
    Ok(session_of(state, headers, false).await?.map(|(actor, _)| actor))
}

async fn session_of(state: &AppState, headers: &http::HeaderMap, activity: bool) -> Result<Option<(Actor, UserRow)>, AppError> {
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
    if activity && now - session.last_seen_at > TOUCH_EVERY_MS {
        store.touch_session(&hash, now).await?;
    }
    // HR departments and issuers reach the applications of their region (M1), so their region
    // is looked up here; the other roles reach only their own organisation and need no lookup.
    let region = match (&user.org_id, user.role.is_regional()) {
        (Some(org), true) => store.region_of(org).await?,
        _ => None,
    };
    let actor = Actor::new(user.id.clone(), user.role, user.org_id.clone()).in_region(region);
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
    set_cookie(session_cookie(&token));
    Ok(())
}

pub const FORM_COOKIE: &str = "zp_form";

/// Whether a browser without JavaScript sent this (it asks for a page, not JSON): such a request
/// is answered with a redirect back to a page, and what it typed may need keeping.
pub fn is_plain_form_post(headers: &http::HeaderMap) -> bool {
    headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

/// Sends a plain form post (no JavaScript) on to a page after it succeeded; calls from the page
/// itself are left alone, or every autosave would navigate.
pub fn redirect_form_post(to: &str) {
    if use_context::<Parts>().is_some_and(|p| is_plain_form_post(&p.headers)) {
        leptos_axum::redirect(to);
    }
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

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn the_client_is_counted_from_the_right_past_the_trusted_proxies() {
        let ip = |s: &str| Some(s.parse().unwrap());
        // nginx appended the peer it saw; the client wrote the rest
        assert_eq!(forwarded_client("6.6.6.6, 203.0.113.7", 1), ip("203.0.113.7"));
        assert_eq!(forwarded_client("6.6.6.6, 203.0.113.7, 10.0.0.2", 2), ip("203.0.113.7"));
        assert_eq!(forwarded_client("2001:db8::1", 1), ip("2001:db8::1"));
        assert_eq!(forwarded_client("203.0.113.7", 0), None, "no proxy trusted: the header is the client's own");
        assert_eq!(forwarded_client("203.0.113.7", 2), None, "fewer hops than proxies");
        assert_eq!(forwarded_client("1.2.3.4, not-an-address", 1), None);
    }
}
