//! Accounts (SPEC rules 1–2): register, log in and out, who am I, recover the user name, reset
//! the password (`service::auth`, which rate-limits before it looks anything up). These doors
//! start or end the login session and send the browser on.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::error::AppError;

/// The signed-in person as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub name: String,
    pub role: crate::domain::workflow::Role,
    pub org_name: Option<String>,
}

#[server(prefix = "/api", endpoint = "register")]
pub async fn register(
    name: String,
    id_number: String,
    phone: String,
    email: String,
    password: String,
    password2: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let form = crate::forms::Registration {
        name: &name,
        id_number: &id_number,
        phone: &phone,
        email: &email,
        password: &password,
        password2: &password2,
    };
    let kept = [("name", &name), ("id_number", &id_number), ("phone", &phone), ("email", &email)];
    let user_id = remember_on_error(auth::register(&state, &form, &request_ip(&state)?).await, &kept)?;
    start_session(&state, &user_id).await?;
    leptos_axum::redirect("/?registered=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(account: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    let user_id = remember_on_error(auth::login(&state, &account, password, &request_ip(&state)?).await, &[("account", &account)])?;
    start_session(&state, &user_id).await?;
    leptos_axum::redirect(&safe_next(next.as_deref(), "/"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::api::context::{clear_session_cookie, cookie, set_cookie, SESSION_COOKIE};
    let state = app_state()?;
    if let Some(token) = cookie(&request_parts()?, SESSION_COOKIE) {
        auth::logout(&state, &token).await?;
    }
    set_cookie(clear_session_cookie());
    leptos_axum::redirect("/login?out=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    let state = app_state()?;
    Ok(crate::api::context::current_session(&state).await?.map(|(actor, user)| Me {
        username: user.username,
        name: user.name,
        role: actor.role,
        org_name: user.org_name,
    }))
}

#[server(prefix = "/api", endpoint = "recover_username")]
pub async fn recover_username(id_number: String, name: String) -> Result<(), AppError> {
    let state = app_state()?;
    let kept = [("id_number", &id_number), ("name", &name)];
    remember_on_error(auth::recover_username(&state, &id_number, &name, &request_ip(&state)?).await, &kept)?;
    leptos_axum::redirect("/recover?username_sent=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "request_reset_code")]
pub async fn request_reset_code(account: String, channel: String) -> Result<(), AppError> {
    use crate::store::outbox::Channel;
    let state = app_state()?;
    let channel = if channel == "email" { Channel::Email } else { Channel::Sms };
    let sent = auth::request_reset_code(&state, &account, channel, &request_ip(&state)?).await;
    remember_on_error(sent, &[("account", &account)])?;
    leptos_axum::redirect(&format!("/recover?sent={}#reset", channel.as_str()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(account: String, code: String, password: String, password2: String) -> Result<(), AppError> {
    let state = app_state()?;
    let done = auth::reset_password(&state, &account, &code, password, &password2, &request_ip(&state)?).await;
    remember_on_error(done, &[("account", &account), ("code", &code)])?;
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}

/// Changes the signed-in person's password (`/account/password`); every session ends and this
/// browser gets a fresh one.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(current: String, password: String, password2: String) -> Result<(), AppError> {
    let state = app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    auth::change_password(&state, &actor, current, password, &password2, &request_ip(&state)?).await?;
    start_session(&state, &actor.user_id).await?;
    leptos_axum::redirect("/account/password?changed=1");
    Ok(())
}

#[cfg(feature = "ssr")]
use crate::api::context::{app_state, request_ip, request_parts, safe_next, start_session};
#[cfg(feature = "ssr")]
use crate::service::auth;

/// Keeps the non-secret fields of a refused form for the no-JavaScript page (see `remember_form`).
#[cfg(feature = "ssr")]
fn remember_on_error<T>(result: Result<T, AppError>, kept: &[(&str, &String)]) -> Result<T, AppError> {
    if result.is_err() {
        let values: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::api::context::remember_form(&values);
    }
    result
}
