//! Accounts (issue 5 part 7, route `/admin/users`): the list with its filters, invitations, roles
//! and organisations, disabling. Administrators only; every change is audited in the store.

use leptos::server;

use super::UsersData;
use crate::api::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    api::admin::{INVITE_VALID_HOURS, USERS_PAGE},
    api::context::internal,
    api::error::OrInternal,
    domain::workflow::Role,
    service::admin as service,
};

/// Accounts, filtered by role, organisation and a text (name, user name, phone, e-mail).
#[server(prefix = "/api", endpoint = "list_users")]
pub async fn list_users(
    #[server(default)] role: String,
    #[server(default)] org_id: String,
    #[server(default)] q: String,
) -> Result<UsersData, AppError> {
    let state = crate::api::context::app_state()?;
    let actor = service::admin(&state).await?;
    let filter = crate::store::UserFilter {
        role: Role::parse(&role).map(|r| r.as_str().to_string()).unwrap_or_default(),
        org_id: org_id.trim().to_string(),
        text: q.trim().chars().take(50).collect(),
        limit: USERS_PAGE as i64 + 1,
    };
    let rows = state.store.users(&filter).await?;
    let more = rows.len() > USERS_PAGE;
    let users = rows.into_iter().take(USERS_PAGE).filter_map(service::user_entry).collect();
    Ok(UsersData { users, orgs: service::tree(&state).await?, me: actor.user_id, more })
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
    use crate::domain::account::{check_email, check_name, check_phone};
    use crate::domain::admin::{check_role_org, check_username, AdminProblem};
    use crate::domain::instant::HOUR_MS;
    use crate::forms::FieldText;
    use crate::i18n::{Lang, Msg, Text};
    use crate::security::{hash_password, random_code, random_token, reset_code_hash};
    use crate::store::outbox::{Channel, Message};
    use crate::store::{NewUser, StoreError};

    let state = crate::api::context::app_state()?;
    let actor = service::admin(&state).await?;
    let mut problems = vec![];
    let username_ok = check_username(&username).map_err(|p| problems.push(FieldText::new("username", p))).ok();
    let name_ok = check_name(&name).map_err(|p| problems.push(FieldText::new("name", p))).ok();
    let phone_ok = check_phone(&phone).map_err(|p| problems.push(FieldText::new("phone", p))).ok();
    let email_ok = check_email(&email).map_err(|p| problems.push(FieldText::new("email", p))).ok();
    let role_ok = Role::parse(&role).filter(|r| *r != Role::System);
    if role_ok.is_none() {
        problems.push(FieldText::new("role", AdminProblem::Required));
    }
    match service::org_kind(&state, &org_id, "org_id").await {
        Ok(kind) => {
            if let Some(Err(p)) = role_ok.map(|r| check_role_org(r, kind)) {
                problems.push(FieldText::new("org_id", p));
            }
        }
        Err(AppError::Invalid(mut list)) => problems.append(&mut list),
        Err(e) => return Err(e),
    }
    let keep = || crate::api::context::remember_form(&[("username", &username), ("name", &name), ("phone", &phone), ("email", &email)]);
    let (Some(username), Some(name), Some(phone), Some(email), Some(role), true) =
        (username_ok, name_ok, phone_ok, email_ok, role_ok, problems.is_empty())
    else {
        keep();
        return Err(AppError::Invalid(problems));
    };
    let org_id = Some(org_id.trim()).filter(|o| !o.is_empty() && role != Role::Applicant);
    let now = state.clock.now().millis();
    // No password anyone knows: the person sets one with the invitation's code.
    let hash = hash_password(random_token()).await.or_internal("hash")?;
    let id = crate::store::new_id();
    let user = NewUser {
        id: &id,
        username: &username,
        id_number: None,
        name: &name,
        phone: &phone,
        email: &email,
        password_hash: &hash,
        role: role.as_str(),
        org_id,
        created_at: now,
    };
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &service::ip(&state)?, now };
    match state.store.invite_user(&user, &by).await {
        Ok(()) => {}
        Err(StoreError::Unique(_)) => {
            keep();
            return Err(service::problem("username", AdminProblem::UsernameTaken));
        }
        Err(e) => return Err(internal("invite", e)),
    }
    let code = random_code();
    state.store.insert_reset_code(&id, &reset_code_hash(&id, &code), "invite", now, now + INVITE_VALID_HOURS * HOUR_MS).await?;
    let origin = state.config.public_origin.clone().unwrap_or_default();
    let body = Text::with(Msg::InviteMessage, [name.clone(), username.clone(), format!("{origin}/recover#reset"), code]).render(Lang::Zh);
    for (channel, to) in [(Channel::Sms, &phone), (Channel::Email, &email)] {
        let msg = Message { channel, recipient: to, subject: Msg::InviteSubject.text(Lang::Zh), body: &body, user_id: Some(&id), now };
        state.messenger.send(msg).await?;
    }
    crate::api::form::redirect_form_post(&format!("/admin/users?invited={username}"));
    Ok(username)
}

/// Gives an account another role or organisation; the person's sessions end.
#[server(prefix = "/api", endpoint = "assign_user")]
pub async fn assign_user(user_id: String, #[server(default)] role: String, #[server(default)] org_id: String) -> Result<(), AppError> {
    use crate::domain::admin::{check_role_org, may_change_account, AccountChange, AdminProblem, AdminRefusal};
    use crate::store::StoreError;
    let state = crate::api::context::app_state()?;
    let (actor, _) = crate::api::context::require_session(&state).await?;
    let Some(role) = Role::parse(&role) else {
        crate::domain::workflow::may_administer(&actor).map_err(|_| AppError::Forbidden)?;
        return Err(service::problem("role", AdminProblem::Required));
    };
    match may_change_account(&actor, &user_id, AccountChange::Assign { role }) {
        Ok(()) => {}
        Err(AdminRefusal::Denied(_)) => return Err(AppError::Forbidden),
        Err(AdminRefusal::Problem(p)) => return Err(service::problem("role", p)),
    }
    let kind = service::org_kind(&state, &org_id, "org_id").await?;
    check_role_org(role, kind).map_err(|p| service::problem(if p == AdminProblem::RoleNotAssignable { "role" } else { "org_id" }, p))?;
    let org_id = Some(org_id.trim()).filter(|o| !o.is_empty() && role != Role::Applicant);
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &service::ip(&state)?, now: state.clock.now().millis() };
    match state.store.assign_user(&user_id, role.as_str(), org_id, &by).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => return Err(AppError::Forbidden),
        Err(e) => return Err(internal("assign", e)),
    }
    crate::api::form::redirect_form_post(&service::back_to_users());
    Ok(())
}

/// Disables an account (every session of it ends at once) or enables it again.
/// `disabled` is "1" or "0" (a form's hidden field).
#[server(prefix = "/api", endpoint = "set_user_disabled")]
pub async fn set_user_disabled(user_id: String, disabled: String) -> Result<bool, AppError> {
    use crate::domain::admin::{may_change_account, AccountChange, AdminRefusal};
    use crate::i18n::Msg;
    use crate::store::StoreError;
    let state = crate::api::context::app_state()?;
    let (actor, _) = crate::api::context::require_session(&state).await?;
    let disable = disabled == "1";
    let change = if disable { AccountChange::Disable } else { AccountChange::Enable };
    match may_change_account(&actor, &user_id, change) {
        Ok(()) => {}
        Err(AdminRefusal::Denied(_)) => return Err(AppError::Forbidden),
        Err(AdminRefusal::Problem(_)) => return Err(AppError::refused(Msg::AdminNotOnSelf)),
    }
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &service::ip(&state)?, now: state.clock.now().millis() };
    let changed = match state.store.set_user_disabled(&user_id, disable, &by).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Err(AppError::Forbidden),
        Err(e) => return Err(internal("disable", e)),
    };
    crate::api::form::redirect_form_post(&service::back_to_users());
    Ok(changed)
}
