//! The server side of `auth.rs`.

use super::Me;
use crate::api::context::internal;
use crate::api::context::{
    app_state, clear_session_cookie, client_ip, cookie, current_session, request_parts, safe_next, set_cookie, start_session,
    SESSION_COOKIE,
};
use crate::api::error::AppError;
use crate::api::error::OrInternal;
use crate::api::limits::{self, Limit};
use crate::domain::account;
use crate::domain::id_number::IdNumber;
use crate::domain::instant::MINUTE_MS;
use crate::domain::workflow::Role;
use crate::forms::{new_password_problems, FieldText, Registration};
use crate::i18n::{Lang, Msg, Text};
use crate::security::{hash_password, random_code, reset_code_hash, same_digest, sha256_hex, verify_password};
use crate::store::outbox::{Channel, Message};
use crate::store::{NewUser, StoreError, UserRow};

const CODE_VALID_MS: i64 = 15 * MINUTE_MS;

pub async fn register(
    name: String,
    id_number: String,
    phone: String,
    email: String,
    password: String,
    password2: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let today = state.clock.now().beijing_date();
    let form =
        Registration { name: &name, id_number: &id_number, phone: &phone, email: &email, password: &password, password2: &password2 };
    let valid = form.validate(today).map_err(AppError::Invalid)?;
    let parts = request_parts()?;
    let ip_bucket = format!("register:ip:{}", client_ip(&parts, &state));
    limits::take(&state, &ip_bucket, limits::REGISTER_PER_IP, Msg::RateLimited).await?.keep();

    let hash = hash_password(password).await.or_internal("hash")?;
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
                start_session(&state, &user_id).await?;
                tracing::info!(user = %user_id, "registered");
                leptos_axum::redirect("/?registered=1");
                return Ok(());
            }
            Err(StoreError::Unique("username")) => continue,
            Err(StoreError::Unique(_)) => return Err(AppError::field("id_number", Msg::IdTaken)),
            Err(e) => return Err(internal("insert user", e)),
        }
    }
    Err(internal("register", "no free user name after 8 draws"))
}

pub async fn login(account: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
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
    let parts = request_parts()?;
    let user = state.store.user_by_account(&account).await?;
    // One bucket per account, whether it is named by user name or ID number; a name no account
    // has gets a bucket of its own.
    let account_key = user.as_ref().map_or_else(|| account.trim().to_uppercase(), |u| u.id.clone());
    let acct_bucket = format!("login:acct:{account_key}");
    let ip_bucket = format!("login:ip:{}", client_ip(&parts, &state));
    let buckets = [(acct_bucket.clone(), limits::LOGIN_PER_ACCOUNT), (ip_bucket, limits::LOGIN_PER_IP)];
    // the tries are counted before the password is checked, so a burst is no faster than one by one
    let tries = limits::take_all(&state, &buckets, Msg::LoginThrottled).await?;

    let usable = user.as_ref().filter(|u| u.disabled == 0);
    let ok = verify_password(password, usable.map(|u| u.password_hash.clone())).await;
    let Some(user) = usable.filter(|_| ok) else {
        tracing::warn!(account = %account_key, "login failed");
        // the tries stay counted: they are the failures
        tries.into_iter().for_each(limits::Ticket::keep);
        return Err(AppError::refused(Msg::LoginFailed));
    };
    // a success forgives the account's failures and does not count against the address
    state.store.clear_throttle(&acct_bucket).await?;
    for t in tries {
        t.give_back(&state).await?;
    }
    start_session(&state, &user.id).await?;
    tracing::info!(user = %user.id, "logged in");
    leptos_axum::redirect(&safe_next(next.as_deref(), "/"));
    Ok(())
}

pub async fn logout() -> Result<(), AppError> {
    let state = app_state()?;
    let parts = request_parts()?;
    if let Some(token) = cookie(&parts, SESSION_COOKIE) {
        state.store.delete_session(&sha256_hex(&token)).await?;
    }
    set_cookie(clear_session_cookie());
    leptos_axum::redirect("/login?out=1");
    Ok(())
}

pub async fn current_user() -> Result<Option<Me>, AppError> {
    let state = app_state()?;
    Ok(current_session(&state).await?.map(|(actor, user)| Me {
        username: user.username,
        name: user.name,
        role: actor.role,
        org_name: user.org_name,
    }))
}

/// Sends the user name to the phone and e-mail on file when ID and name match. The answer is the
/// same whether or not they match, so it tells nobody whether an ID is registered.
pub async fn recover_username(id_number: String, name: String) -> Result<(), AppError> {
    let state = app_state()?;
    let today = state.clock.now().beijing_date();
    let mut problems = vec![];
    let id = IdNumber::parse(&id_number, today).map_err(|e| problems.push(FieldText::new("id_number", e))).ok();
    let name = account::check_name(&name).map_err(|p| problems.push(FieldText::new("name", p))).ok();
    let (Some(id), Some(name)) = (id, name) else { return Err(AppError::Invalid(problems)) };

    recovery_limits(&state, id.as_str()).await?;
    let user = state.store.user_by_account(id.as_str()).await?;
    if let Some(user) = user.filter(|u| u.name == name && u.disabled == 0) {
        let now = state.clock.now().millis();
        let body = Text::with(Msg::SmsUsername, [user.username.clone()]).render(Lang::Zh);
        let subject = Msg::MailSubjectUsername.text(Lang::Zh);
        for (channel, to) in [(Channel::Sms, &user.phone), (Channel::Email, &user.email)] {
            send(&state, channel, to, subject, &body, &user.id, now).await?;
        }
    }
    leptos_axum::redirect("/recover?username_sent=1");
    Ok(())
}

pub async fn request_reset_code(account: String, channel: String) -> Result<(), AppError> {
    let state = app_state()?;
    if account.trim().is_empty() {
        return Err(AppError::field("account", Msg::Required));
    }
    let channel = if channel == "email" { Channel::Email } else { Channel::Sms };
    recovery_limits(&state, &account.trim().to_uppercase()).await?;
    let user = state.store.user_by_account(&account).await?;
    if let Some(user) = user.filter(|u| u.disabled == 0) {
        let now = state.clock.now().millis();
        let code = random_code();
        state.store.insert_reset_code(&user.id, &reset_code_hash(&user.id, &code), channel.as_str(), now, now + CODE_VALID_MS).await?;
        let body = Text::with(Msg::SmsResetCode, [code]).render(Lang::Zh);
        let to = if channel == Channel::Email { &user.email } else { &user.phone };
        send(&state, channel, to, Msg::MailSubjectReset.text(Lang::Zh), &body, &user.id, now).await?;
    }
    leptos_axum::redirect(&format!("/recover?sent={}#reset", channel.as_str()));
    Ok(())
}

pub async fn reset_password(account: String, code: String, password: String, password2: String) -> Result<(), AppError> {
    let state = app_state()?;
    let mut problems = new_password_problems(&password, &password2);
    if account.trim().is_empty() {
        problems.insert(0, FieldText::new("account", Msg::Required));
    }
    let code = account::check_code(&code).map_err(|p| problems.insert(0, FieldText::new("code", p))).ok();
    let Some(code) = code.filter(|_| problems.is_empty()) else { return Err(AppError::Invalid(problems)) };

    let parts = request_parts()?;
    let ip_bucket = format!("reset:ip:{}", client_ip(&parts, &state));
    limits::take(&state, &ip_bucket, limits::RESET_PER_IP, Msg::RateLimited).await?.keep();
    let now = state.clock.now().millis();
    let wrong = || AppError::field("code", Msg::CodeInvalid);
    let user: Option<UserRow> = state.store.user_by_account(&account).await?;
    let Some(user) = user.filter(|u| u.disabled == 0) else { return Err(wrong()) };
    let live = state.store.live_reset_code(&user.id, now).await?;
    let Some(live) = live else { return Err(wrong()) };
    // the try is counted before the code is compared (five in all, however many at once)
    let Some(code_hash) = state.store.try_reset_code(&live.id, limits::CODE_ATTEMPTS).await? else { return Err(wrong()) };
    if !same_digest(&code_hash, &reset_code_hash(&user.id, &code)) {
        tracing::warn!(user = %user.id, "wrong reset code");
        return Err(wrong());
    }
    if !state.store.spend_reset_code(&live.id, now).await? {
        return Err(wrong());
    }
    let hash = hash_password(password).await.or_internal("hash")?;
    state.store.set_password_hash(&user.id, &hash).await?;
    // A reset ends every session: whoever knew the old password is out.
    state.store.delete_sessions_of(&user.id).await?;
    tracing::info!(user = %user.id, "password reset");
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}

/// Recovery is limited per account and per address, counted whether or not the account exists.
async fn recovery_limits(state: &crate::state::AppState, account_key: &str) -> Result<(), AppError> {
    let parts = request_parts()?;
    let buckets: [(String, Limit); 2] = [
        (format!("recover:acct:{account_key}"), limits::RECOVERY_PER_ACCOUNT),
        (format!("recover:ip:{}", client_ip(&parts, state)), limits::RECOVERY_PER_IP),
    ];
    limits::take_all(state, &buckets, Msg::RateLimited).await?.into_iter().for_each(limits::Ticket::keep);
    Ok(())
}

async fn send(
    state: &crate::state::AppState,
    channel: Channel,
    to: &str,
    subject: &str,
    body: &str,
    user_id: &str,
    now: i64,
) -> Result<(), AppError> {
    let msg = Message { channel, recipient: to, subject, body, user_id: Some(user_id), now };
    Ok(state.messenger.send(msg).await?)
}
