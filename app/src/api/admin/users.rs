//! Accounts (issue 5 part 7, route `/admin/users`): the list with its filters, invitations, roles
//! and organisations, disabling (`service::users`). Administrators only.

use leptos::server;

use super::{InPersonCode, UsersData};
use crate::api::error::AppError;
#[cfg(feature = "ssr")]
use crate::api::{access, context::app_state, context::redirect_form_post, context::remember_form, context::request_ip};
#[cfg(feature = "ssr")]
use crate::service::users;

/// Accounts, filtered by role, organisation and a text (name, user name, phone, e-mail).
#[server(prefix = "/api", endpoint = "list_users")]
pub async fn list_users(
    #[server(default)] role: String,
    #[server(default)] org_id: String,
    #[server(default)] q: String,
) -> Result<UsersData, AppError> {
    let state = app_state()?;
    let actor = access::admin(&state).await?;
    users::list(&state, &actor, &role, &org_id, &q).await
}

/// Opens an account for a colleague: the role and organisation are set now, the password by the
/// person, with the code the invitation sends to their phone and e-mail (valid 72 hours, the
/// same form as a password reset).
#[server(prefix = "/api", endpoint = "invite_user")]
pub async fn invite_user(
    #[server(default)] username: String,
    #[server(default)] name: String,
    #[server(default)] phone: String,
    #[server(default)] email: String,
    #[server(default)] role: String,
    #[server(default)] org_id: String,
) -> Result<String, AppError> {
    let state = app_state()?;
    let actor = access::admin(&state).await?;
    let form = users::InvitationForm { username: &username, name: &name, phone: &phone, email: &email, role: &role, org_id: &org_id };
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &request_ip(&state)?, now: state.clock.now().millis() };
    let invited = match form.check(&state).await {
        Ok(invitation) => users::invite(&state, &by, &invitation).await.map(|()| invitation.username),
        Err(e) => Err(e),
    };
    if invited.is_err() {
        crate::api::context::remember_form(&[
            ("username", &username),
            ("name", &name),
            ("phone", &phone),
            ("email", &email),
            ("role", &role),
            ("org_id", &org_id),
        ]);
    }
    let username = invited?;
    redirect_form_post(&format!("/admin/users?invited={username}"));
    Ok(username)
}

/// Gives an account another role or organisation; the person's sessions end.
#[server(prefix = "/api", endpoint = "assign_user")]
pub async fn assign_user(user_id: String, #[server(default)] role: String, #[server(default)] org_id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let actor = access::signed_in(&state).await?;
    users::assign(&state, &actor, &user_id, &role, &org_id, &request_ip(&state)?).await?;
    redirect_form_post(&back_to_users());
    Ok(())
}

/// Disables an account (every session of it ends at once) or enables it again.
/// `disabled` is "1" or "0" (a form's hidden field).
#[server(prefix = "/api", endpoint = "set_user_disabled")]
pub async fn set_user_disabled(user_id: String, disabled: String) -> Result<bool, AppError> {
    let state = app_state()?;
    let actor = access::signed_in(&state).await?;
    let changed = users::set_disabled(&state, &actor, &user_id, disabled == "1", &request_ip(&state)?).await?;
    redirect_form_post(&back_to_users());
    Ok(changed)
}

/// A one-time reset code for someone at the counter who lost both phone and e-mail, after the
/// administrator typed the number of the ID card they hold (`id_number`).
#[server(prefix = "/api", endpoint = "reset_in_person")]
pub async fn reset_in_person(user_id: String, #[server(default)] id_number: String) -> Result<InPersonCode, AppError> {
    let state = app_state()?;
    let actor = access::signed_in(&state).await?;
    let issued = users::reset_in_person(&state, &actor, &user_id, &id_number, &request_ip(&state)?).await?;
    // without JavaScript the list after the redirect shows the code: it travels in the short-lived
    // HttpOnly form cookie, read once, never in the URL (where history and logs would keep it)
    let until = issued.valid_until.to_string();
    remember_form(&[("reset_for", &issued.user_id), ("reset_code", &issued.code), ("reset_until", &until)]);
    redirect_form_post(&back_to_users());
    Ok(issued)
}

/// Where a plain form post from the account list goes back to: the same filtered list (the
/// Referer's path and query, when it is that page), with the saved notice.
#[cfg(feature = "ssr")]
fn back_to_users() -> String {
    let referer = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string));
    users_list_after_save(referer.as_deref())
}

/// The account list a Referer points at, with `saved=1` and without what an earlier answer left
/// in its query: a refused post's error (`__path`, `__err`, which would show again beside a
/// success) and an earlier notice.
#[cfg(feature = "ssr")]
fn users_list_after_save(referer: Option<&str>) -> String {
    let page = referer.and_then(|r| r.find("/admin/users").map(|i| &r[i..])).unwrap_or("/admin/users");
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !matches!(pair.split('=').next(), Some("saved" | "__path" | "__err")))
        .chain(["saved=1"])
        .collect();
    format!("{path}?{}", kept.join("&"))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::users_list_after_save;

    #[test]
    fn back_to_the_same_list_without_an_earlier_error_or_notice() {
        assert_eq!(users_list_after_save(None), "/admin/users?saved=1");
        assert_eq!(users_list_after_save(Some("https://zp.example/admin/users?q=139")), "/admin/users?q=139&saved=1");
        assert_eq!(
            users_list_after_save(Some("http://h/admin/users?q=139&saved=1&__path=%2Fapi%2Freset_in_person&__err=eyJ9")),
            "/admin/users?q=139&saved=1"
        );
        assert_eq!(users_list_after_save(Some("http://h/elsewhere?x=1")), "/admin/users?saved=1");
    }
}
