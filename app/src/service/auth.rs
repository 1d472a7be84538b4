//! Accounts (SPEC rules 1–2; routes `/register`, `/login`, `/recover`): registering, checking a
//! password, recovering the user name and resetting the password. Each operation rate-limits
//! before it looks anything up; the door in `api::auth` starts or ends the login session and
//! sends the browser on.

use crate::api::context::internal;
use crate::api::error::AppError;
use crate::api::error::OrInternal;
use crate::api::limits::{self, Limit};
use crate::domain::account;
use crate::domain::id_number::IdNumber;
use crate::domain::instant::MINUTE_MS;
use crate::domain::workflow::{Actor, Role};
use crate::forms::{new_password_problems, FieldText, Registration};
use crate::i18n::Msg;
use crate::security::{hash_password, random_code, reset_code_hash, same_digest, verify_password};
use crate::state::AppState;
use crate::store::outbox::{Channel, Notice, Template};
use crate::store::{NewResetCode, NewUser, StoreError, UserRow};

const CODE_VALID_MS: i64 = 15 * MINUTE_MS;

/// Registers an applicant from the form; returns the new user's id. The user name is drawn.
pub async fn register(state: &AppState, form: &Registration<'_>, client_ip: &str) -> Result<String, AppError> {
    let today = state.clock.now().beijing_date();
    let valid = form.validate(today).map_err(AppError::Invalid)?;
    let ip_bucket = format!("register:ip:{client_ip}");
    limits::take(state, &ip_bucket, limits::REGISTER_PER_IP, Msg::RateLimited).await?.keep();

    let hash = hash_password(form.password.to_string()).await.or_internal("hash")?;
    let user_id = crate::store::new_id();
    let now = state.clock.now().millis();
    // A short user name people can read out; a clash with an existing one just draws again.
    for _ in 0..8 {
        let username = format!("zp{:08}", rand::Rng::gen_range(&mut rand::rngs::OsRng, 0..100_000_000u32));
        let user = NewUser {
            id: &user_id,
            username: &username,
            id_number: Some(valid.id_number.as_str()),
            name: &valid.name,
            phone: &valid.phone,
            email: &valid.email,
            password_hash: &hash,
            role: Role::Applicant.as_str(),
            org_id: None,
            created_at: now,
        };
        match state.store.insert_user(&user).await {
            Ok(()) => {
                tracing::info!(user = %user_id, "registered");
                return Ok(user_id);
            }
            Err(StoreError::Unique("username")) => continue,
            Err(StoreError::Unique(_)) => return Err(AppError::field("id_number", Msg::IdTaken)),
            Err(e) => return Err(internal("insert user", e)),
        }
    }
    Err(internal("register", "no free user name after 8 draws"))
}

/// Checks an account (user name or ID number) and its password; returns the user's id. The tries
/// are counted per account and per address before the password is checked.
pub async fn login(state: &AppState, account: &str, password: String, client_ip: &str) -> Result<String, AppError> {
    let mut problems = vec![];
    if account.trim().is_empty() {
        problems.push(FieldText::new("account", Msg::Required));
    }
    if password.is_empty() {
        problems.push(FieldText::new("password", Msg::Required));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let user = state.store.user_by_account(account).await?;
    // One bucket per account, whether it is named by user name or ID number; a name no account
    // has gets a bucket of its own.
    let account_key = user.as_ref().map_or_else(|| account.trim().to_uppercase(), |u| u.id.clone());
    let acct_bucket = format!("login:acct:{account_key}");
    let ip_bucket = format!("login:ip:{client_ip}");
    let buckets = [(acct_bucket.clone(), limits::LOGIN_PER_ACCOUNT), (ip_bucket, limits::LOGIN_PER_IP)];
    // the tries are counted before the password is checked, so a burst is no faster than one by one
    let tries = limits::take_all(state, &buckets, Msg::LoginThrottled).await?;

    let usable = user.as_ref().filter(|u| u.disabled == 0);
    let ok = verify_password(password, usable.map(|u| u.password_hash.clone())).await;
    let now = state.clock.now().millis();
    let Some(user) = usable.filter(|_| ok) else {
        // The log names an account by its id, never by what was typed (it may be an ID number).
        match &user {
            Some(u) => {
                tracing::warn!(user = %u.id, "login failed");
                state.store.record_account_event(&u.id, &Actor::anonymous(), "login_failed", client_ip, now).await?;
            }
            None => tracing::warn!("login failed: no such account"),
        }
        // the tries stay counted: they are the failures
        tries.into_iter().for_each(limits::Ticket::keep);
        return Err(AppError::refused(Msg::LoginFailed));
    };
    // a success forgives the account's failures and does not count against the address
    state.store.clear_throttle(&acct_bucket).await?;
    for t in tries {
        t.give_back(state).await?;
    }
    tracing::info!(user = %user.id, "logged in");
    let me = Actor::new(user.id.clone(), user.role, user.org_id.clone());
    state.store.record_account_event(&user.id, &me, "login", client_ip, now).await?;
    Ok(user.id.clone())
}

/// Changes a signed-in person's password: the current one first (counted like a login against the
/// account, so a stolen session cannot guess it), then the new one by the same rules as at
/// registration, with the account's ID number (L8). Every session of the person ends, this one
/// too: the caller starts a fresh one.
pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    current: String,
    password: String,
    password2: &str,
    client_ip: &str,
) -> Result<(), AppError> {
    let user = state.store.user_by_id(&actor.user_id).await?.filter(|u| u.disabled == 0).ok_or(AppError::Unauthenticated)?;
    let mut problems = vec![];
    if current.is_empty() {
        problems.push(FieldText::new("current", Msg::Required));
    }
    if let Err(p) = account::check_password(&password, user.id_number.as_deref()) {
        problems.push(FieldText::new("password", p));
    } else if password == current {
        problems.push(FieldText::new("password", Msg::PasswordUnchanged));
    }
    if let Err(p) = account::check_password_repeat(&password, password2) {
        problems.push(FieldText::new("password2", p));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let bucket = format!("login:acct:{}", user.id);
    let tries = limits::take_all(state, &[(bucket.clone(), limits::LOGIN_PER_ACCOUNT)], Msg::LoginThrottled).await?;
    let now = state.clock.now().millis();
    if !verify_password(current, Some(user.password_hash.clone())).await {
        tracing::warn!(user = %user.id, "password change: current password wrong");
        state.store.record_account_event(&user.id, actor, "login_failed", client_ip, now).await?;
        tries.into_iter().for_each(limits::Ticket::keep);
        return Err(AppError::field("current", Msg::CurrentPasswordWrong));
    }
    state.store.clear_throttle(&bucket).await?;
    let hash = hash_password(password).await.or_internal("hash")?;
    state.store.set_password_hash(&user.id, &hash).await?;
    state.store.delete_sessions_of(&user.id).await?;
    tracing::info!(user = %user.id, "password changed");
    state.store.record_account_event(&user.id, actor, "password_change", client_ip, now).await?;
    Ok(())
}

/// Ends the login session whose cookie held `token`.
pub async fn logout(state: &AppState, token: &str) -> Result<(), AppError> {
    Ok(state.store.delete_session(&crate::security::sha256_hex(token)).await?)
}

/// Sends the user name to the phone and e-mail on file when ID and name match. The answer is the
/// same whether or not they match, so it tells nobody whether an ID is registered.
pub async fn recover_username(state: &AppState, id_number: &str, name: &str, client_ip: &str) -> Result<(), AppError> {
    let today = state.clock.now().beijing_date();
    let mut problems = vec![];
    let id = IdNumber::parse(id_number, today).map_err(|e| problems.push(FieldText::new("id_number", e))).ok();
    let name = account::check_name(name).map_err(|p| problems.push(FieldText::new("name", p))).ok();
    let (Some(id), Some(name)) = (id, name) else { return Err(AppError::Invalid(problems)) };

    recovery_limits(state, id.as_str(), client_ip).await?;
    let user = state.store.user_by_account(id.as_str()).await?;
    if let Some(user) = user.filter(|u| u.name == name && u.disabled == 0) {
        let now = state.clock.now().millis();
        let notice = Notice {
            template: Template::Username,
            subject: Msg::MailSubjectUsername,
            body: Msg::SmsUsername,
            params: vec![user.username.clone()],
            user_id: &user.id,
            now,
        };
        for msg in notice.to_both(&user.phone, &user.email) {
            state.messenger.send(msg).await?;
        }
    }
    Ok(())
}

/// Sends a one-time code (valid 15 minutes) to the account's phone or e-mail. The answer is the
/// same whether or not the account exists.
pub async fn request_reset_code(state: &AppState, account: &str, channel: Channel, client_ip: &str) -> Result<(), AppError> {
    if account.trim().is_empty() {
        return Err(AppError::field("account", Msg::Required));
    }
    recovery_limits(state, &account.trim().to_uppercase(), client_ip).await?;
    let user = state.store.user_by_account(account).await?;
    if let Some(user) = user.filter(|u| u.disabled == 0) {
        let now = state.clock.now().millis();
        let code = random_code();
        let code_hash = reset_code_hash(&user.id, &code);
        let to = if channel == Channel::Email { &user.email } else { &user.phone };
        let notice = Notice {
            template: Template::ResetCode,
            subject: Msg::MailSubjectReset,
            body: Msg::SmsResetCode,
            params: vec![code],
            user_id: &user.id,
            now,
        };
        let key =
            NewResetCode { user_id: &user.id, code_hash: &code_hash, channel: channel.as_str(), now, expires_at: now + CODE_VALID_MS };
        // the code is kept exactly when the message carrying it is
        state.store.insert_reset_code(&key, &[notice.message(channel, to)]).await?;
        state.deliveries.wake().notify_one();
    }
    Ok(())
}

/// Sets a new password with a live code (five tries in all); every session of the account ends.
pub async fn reset_password(
    state: &AppState,
    account: &str,
    code: &str,
    password: String,
    password2: &str,
    client_ip: &str,
) -> Result<(), AppError> {
    let mut problems = new_password_problems(&password, password2);
    if account.trim().is_empty() {
        problems.insert(0, FieldText::new("account", Msg::Required));
    }
    let code = account::check_code(code).map_err(|p| problems.insert(0, FieldText::new("code", p))).ok();
    let Some(code) = code.filter(|_| problems.is_empty()) else { return Err(AppError::Invalid(problems)) };

    let ip_bucket = format!("reset:ip:{client_ip}");
    limits::take(state, &ip_bucket, limits::RESET_PER_IP, Msg::RateLimited).await?.keep();
    let now = state.clock.now().millis();
    let wrong = || AppError::field("code", Msg::CodeInvalid);
    let user: Option<UserRow> = state.store.user_by_account(account).await?;
    let Some(user) = user.filter(|u| u.disabled == 0) else { return Err(wrong()) };
    let live = state.store.live_reset_code(&user.id, now).await?;
    let Some(live) = live else { return Err(wrong()) };
    // the try is counted before the code is compared (five in all, however many at once)
    let Some(code_hash) = state.store.try_reset_code(&live.id, limits::CODE_ATTEMPTS).await? else { return Err(wrong()) };
    if !same_digest(&code_hash, &reset_code_hash(&user.id, &code)) {
        tracing::warn!(user = %user.id, "wrong reset code");
        return Err(wrong());
    }
    // the browser could not know whose ID number the new password must not contain (L8); the code
    // stays live for the next try
    if let Err(p) = account::check_password(&password, user.id_number.as_deref()) {
        return Err(AppError::field("password", p));
    }
    if !state.store.spend_reset_code(&live.id, now).await? {
        return Err(wrong());
    }
    let hash = hash_password(password).await.or_internal("hash")?;
    state.store.set_password_hash(&user.id, &hash).await?;
    // A reset ends every session: whoever knew the old password is out.
    state.store.delete_sessions_of(&user.id).await?;
    tracing::info!(user = %user.id, "password reset");
    state.store.record_account_event(&user.id, &Actor::anonymous(), "password_reset", client_ip, now).await?;
    Ok(())
}

/// Recovery is limited per account and per address, counted whether or not the account exists.
async fn recovery_limits(state: &AppState, account_key: &str, client_ip: &str) -> Result<(), AppError> {
    let buckets: [(String, Limit); 2] = [
        (format!("recover:acct:{account_key}"), limits::RECOVERY_PER_ACCOUNT),
        (format!("recover:ip:{client_ip}"), limits::RECOVERY_PER_IP),
    ];
    limits::take_all(state, &buckets, Msg::RateLimited).await?.into_iter().for_each(limits::Ticket::keep);
    Ok(())
}
