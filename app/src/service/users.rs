//! Accounts (issue 5 part 7, route `/admin/users`): the list with its filters, invitations, roles
//! and organisations, disabling. Every change is audited in the store with the administrator and
//! their address (`ByAdmin`).

use crate::api::admin::{InPersonCode, UserEntry, UsersData, INVITE_VALID_HOURS, USERS_PAGE};
use crate::api::error::{AppError, OrInternal};
use crate::domain::account::{check_email, check_name, check_phone, same_id_number, IN_PERSON_CODE_VALID_MS};
use crate::domain::admin::{check_role_org, check_username, may_change_account, AccountChange, AdminProblem, AdminRefusal};
use crate::domain::instant::HOUR_MS;
use crate::domain::workflow::{Actor, Role};
use crate::forms::FieldText;
use crate::i18n::{Msg, Text};
use crate::security::{hash_password, random_code, random_token, reset_code_hash};
use crate::service::admin::{org_kind, problem, tree};
use crate::state::AppState;
use crate::store::outbox::{Notice, Template};
use crate::store::{ByAdmin, NewResetCode, NewUser, StoreError, UserFilter, UserRow};

fn user_entry(u: UserRow) -> UserEntry {
    UserEntry {
        role: u.role,
        id: u.id,
        username: u.username,
        name: u.name,
        phone: u.phone,
        email: u.email,
        org_id: u.org_id,
        org_name: u.org_name.unwrap_or_default(),
        disabled: u.disabled != 0,
    }
}

/// The first `USERS_PAGE` accounts matching a role, an organisation and a text (name, user name,
/// phone, e-mail), with the organisation tree the filters offer.
pub async fn list(state: &AppState, actor: &Actor, role: &str, org_id: &str, text: &str) -> Result<UsersData, AppError> {
    let filter = UserFilter {
        role: Role::parse(role).map(|r| r.as_str().to_string()).unwrap_or_default(),
        org_id: org_id.trim().to_string(),
        text: text.trim().chars().take(50).collect(),
        limit: USERS_PAGE as i64 + 1,
    };
    let rows = state.store.users(&filter).await?;
    let more = rows.len() > USERS_PAGE;
    let users = rows.into_iter().take(USERS_PAGE).map(user_entry).collect();
    Ok(UsersData { users, orgs: tree(state).await?, me: actor.user_id.clone(), more })
}

/// A colleague's account as the invitation form describes it, checked.
pub struct Invitation {
    pub username: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub role: Role,
    /// None for an applicant, who belongs to no organisation.
    pub org_id: Option<String>,
}

/// The invitation form as typed.
pub struct InvitationForm<'a> {
    pub username: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub role: &'a str,
    pub org_id: &'a str,
}

impl InvitationForm<'_> {
    /// Every field checked, each refusal at its field; the organisation must exist and suit the
    /// role (`check_role_org`).
    pub async fn check(&self, state: &AppState) -> Result<Invitation, AppError> {
        let mut problems = vec![];
        let username = check_username(self.username).map_err(|p| problems.push(FieldText::new("username", p))).ok();
        let name = check_name(self.name).map_err(|p| problems.push(FieldText::new("name", p))).ok();
        let phone = check_phone(self.phone).map_err(|p| problems.push(FieldText::new("phone", p))).ok();
        let email = check_email(self.email).map_err(|p| problems.push(FieldText::new("email", p))).ok();
        let role = Role::parse(self.role).filter(|r| *r != Role::System);
        if role.is_none() {
            problems.push(FieldText::new("role", AdminProblem::Required));
        }
        match org_kind(state, self.org_id, "org_id").await {
            Ok(kind) => {
                if let Some(Err(p)) = role.map(|r| check_role_org(r, kind)) {
                    problems.push(FieldText::new("org_id", p));
                }
            }
            Err(AppError::Invalid(mut list)) => problems.append(&mut list),
            Err(e) => return Err(e),
        }
        let (Some(username), Some(name), Some(phone), Some(email), Some(role), true) =
            (username, name, phone, email, role, problems.is_empty())
        else {
            return Err(AppError::Invalid(problems));
        };
        let org_id = Some(self.org_id.trim()).filter(|o| !o.is_empty() && role != Role::Applicant).map(str::to_string);
        Ok(Invitation { username, name, phone, email, role, org_id })
    }
}

/// Opens the account with a password nobody knows and sends the person a code (valid
/// `INVITE_VALID_HOURS`) to set one, by SMS and e-mail.
pub async fn invite(state: &AppState, by: &ByAdmin<'_>, inv: &Invitation) -> Result<(), AppError> {
    let hash = hash_password(random_token()).await.or_internal("hash")?;
    let id = crate::store::new_id();
    let user = NewUser {
        id: &id,
        username: &inv.username,
        id_number: None,
        name: &inv.name,
        phone: &inv.phone,
        email: &inv.email,
        password_hash: &hash,
        role: inv.role.as_str(),
        org_id: inv.org_id.as_deref(),
        created_at: by.now,
    };
    let (now, code) = (by.now, random_code());
    let code_hash = reset_code_hash(&id, &code);
    let origin = state.config.public_origin.clone().unwrap_or_default();
    let words = [inv.name.clone(), inv.username.clone(), format!("{origin}/recover#reset"), code];
    let notice = Notice {
        template: Template::Invitation,
        subject: Msg::InviteSubject,
        body: Msg::InviteMessage,
        params: words.to_vec(),
        user_id: &id,
        now,
    };
    let key = NewResetCode { user_id: &id, code_hash: &code_hash, channel: "invite", now, expires_at: now + INVITE_VALID_HOURS * HOUR_MS };
    // the account, its code and the invitation carrying it: one transaction
    match state.store.invite_user(&user, by, &key, &notice.to_both(&inv.phone, &inv.email)).await {
        Ok(()) => {}
        Err(StoreError::Unique(_)) => return Err(problem("username", AdminProblem::UsernameTaken)),
        Err(e) => return Err(e.into()),
    }
    state.deliveries.wake().notify_one();
    Ok(())
}

/// Gives an account another role or organisation (`may_change_account`: an administrator, not on
/// themself); the person's sessions end.
pub async fn assign(state: &AppState, actor: &Actor, user_id: &str, role: &str, org_id: &str, client_ip: &str) -> Result<(), AppError> {
    let Some(role) = Role::parse(role) else {
        crate::domain::workflow::may_administer(actor).map_err(|_| AppError::Forbidden)?;
        return Err(problem("role", AdminProblem::Required));
    };
    match may_change_account(actor, user_id, AccountChange::Assign { role }) {
        Ok(()) => {}
        Err(AdminRefusal::Denied(_)) => return Err(AppError::Forbidden),
        Err(AdminRefusal::Problem(p)) => return Err(problem("role", p)),
    }
    let kind = org_kind(state, org_id, "org_id").await?;
    check_role_org(role, kind).map_err(|p| problem(if p == AdminProblem::RoleNotAssignable { "role" } else { "org_id" }, p))?;
    let org_id = Some(org_id.trim()).filter(|o| !o.is_empty() && role != Role::Applicant);
    let by = ByAdmin { actor, client_ip, now: state.clock.now().millis() };
    match state.store.assign_user(user_id, role.as_str(), org_id, &by).await {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound) => Err(AppError::Forbidden),
        Err(e) => Err(e.into()),
    }
}

/// Disables an account (every session of it ends at once) or enables it again; an administrator
/// cannot disable themself. Returns whether anything changed.
pub async fn set_disabled(state: &AppState, actor: &Actor, user_id: &str, disable: bool, client_ip: &str) -> Result<bool, AppError> {
    let change = if disable { AccountChange::Disable } else { AccountChange::Enable };
    match may_change_account(actor, user_id, change) {
        Ok(()) => {}
        Err(AdminRefusal::Denied(_)) => return Err(AppError::Forbidden),
        Err(AdminRefusal::Problem(_)) => return Err(AppError::refused(Msg::AdminNotOnSelf)),
    }
    let by = ByAdmin { actor, client_ip, now: state.clock.now().millis() };
    match state.store.set_user_disabled(user_id, disable, &by).await {
        Ok(changed) => Ok(changed),
        Err(StoreError::NotFound) => Err(AppError::Forbidden),
        Err(e) => Err(e.into()),
    }
}

/// A one-time reset code for someone who lost both phone and e-mail, made at the counter after the
/// administrator checked the ID card they hold against the account (`same_id_number`; a number
/// that does not match is refused at its field, 20 tries an hour per administrator). The code
/// works as one sent by SMS would (five tries, single use, every session ends when it is used);
/// issuing it is in the audit chain with the administrator and their address.
pub async fn reset_in_person(
    state: &AppState,
    actor: &Actor,
    user_id: &str,
    id_number: &str,
    client_ip: &str,
) -> Result<InPersonCode, AppError> {
    match may_change_account(actor, user_id, AccountChange::ResetInPerson) {
        Ok(()) => {}
        Err(AdminRefusal::Denied(_)) => return Err(AppError::Forbidden),
        Err(AdminRefusal::Problem(_)) => return Err(AppError::refused(Msg::AdminNotOnSelf)),
    }
    let bucket = format!("in-person:{}", actor.user_id);
    crate::api::limits::take(state, &bucket, crate::api::limits::IN_PERSON_PER_ADMIN, Msg::RateLimited).await?.keep();
    let user = state.store.user_by_id(user_id).await?.ok_or(AppError::Forbidden)?;
    if user.disabled != 0 {
        return Err(AppError::refused(Msg::IdentityAccountDisabled));
    }
    same_id_number(id_number, user.id_number.as_deref()).map_err(|p| AppError::field("id_number", Text::from(p)))?;
    let now = state.clock.now().millis();
    let code = random_code();
    let valid_until = now + IN_PERSON_CODE_VALID_MS;
    let code_hash = reset_code_hash(&user.id, &code);
    let key = NewResetCode { user_id: &user.id, code_hash: &code_hash, channel: "in_person", now, expires_at: valid_until };
    // handed over in person: no message carries it
    state.store.insert_reset_code(&key, &[]).await?;
    state.store.record_account_event(&user.id, actor, "reset_in_person", client_ip, now).await?;
    Ok(InPersonCode { user_id: user.id, code, valid_until })
}
