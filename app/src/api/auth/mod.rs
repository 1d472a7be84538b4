//! Accounts (SPEC rules 1–2): register, log in and out, who am I, recover the user name, reset
//! the password. Every function authenticates or rate-limits first, then touches the store.

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
    let kept = [("name", name.clone()), ("id_number", id_number.clone()), ("phone", phone.clone()), ("email", email.clone())];
    remember_on_error(server::register(name, id_number, phone, email, password, password2).await, &kept)
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(account: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let kept = [("account", account.clone())];
    remember_on_error(server::login(account, password, next).await, &kept)
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    server::logout().await
}

#[server(prefix = "/api", endpoint = "me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    server::current_user().await
}

#[server(prefix = "/api", endpoint = "recover_username")]
pub async fn recover_username(id_number: String, name: String) -> Result<(), AppError> {
    let kept = [("id_number", id_number.clone()), ("name", name.clone())];
    remember_on_error(server::recover_username(id_number, name).await, &kept)
}

#[server(prefix = "/api", endpoint = "request_reset_code")]
pub async fn request_reset_code(account: String, channel: String) -> Result<(), AppError> {
    let kept = [("account", account.clone())];
    remember_on_error(server::request_reset_code(account, channel).await, &kept)
}

#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(account: String, code: String, password: String, password2: String) -> Result<(), AppError> {
    let kept = [("account", account.clone()), ("code", code.clone())];
    remember_on_error(server::reset_password(account, code, password, password2).await, &kept)
}

#[cfg(feature = "ssr")]
mod server;

/// Keeps the non-secret fields of a refused form for the no-JavaScript page (see `remember_form`).
#[cfg(feature = "ssr")]
fn remember_on_error<T>(result: Result<T, AppError>, kept: &[(&str, String)]) -> Result<T, AppError> {
    if result.is_err() {
        let values: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::api::context::remember_form(&values);
    }
    result
}
