//! Rate limits kept in the database, so they hold across restarts and across several servers.

use super::error::AppError;
use crate::domain::instant::MINUTE_MS;
use crate::i18n::{Msg, Text};
use crate::state::AppState;

#[derive(Clone, Copy)]
pub struct Limit {
    pub max: i64,
    pub window_ms: i64,
}

/// Failed logins for one account: 5 in 15 minutes.
pub const LOGIN_PER_ACCOUNT: Limit = Limit { max: 5, window_ms: 15 * MINUTE_MS };
/// Failed logins from one address: 30 in 15 minutes (a shared campus NAT has many people).
pub const LOGIN_PER_IP: Limit = Limit { max: 30, window_ms: 15 * MINUTE_MS };
/// Codes and recovery messages requested for one account: 3 an hour.
pub const RECOVERY_PER_ACCOUNT: Limit = Limit { max: 3, window_ms: 60 * MINUTE_MS };
/// Recovery requests from one address: 100 an hour (a campus shares one NAT address).
pub const RECOVERY_PER_IP: Limit = Limit { max: 100, window_ms: 60 * MINUTE_MS };
/// Registrations from one address: 200 an hour — a whole university registering on the last day
/// comes from one NAT address; this only stops a script creating accounts in bulk.
pub const REGISTER_PER_IP: Limit = Limit { max: 200, window_ms: 60 * MINUTE_MS };
/// Wrong guesses at one code before it is void.
pub const CODE_ATTEMPTS: i64 = 5;

/// Refuses with "try again in N minutes" when `bucket` has used up `limit`.
pub async fn check(state: &AppState, bucket: &str, limit: Limit, msg: Msg) -> Result<(), AppError> {
    let now = state.clock.now().millis();
    let (count, oldest) = state.store.throttle_count(bucket, now - limit.window_ms).await?;
    if count >= limit.max {
        let free_at = oldest.unwrap_or(now) + limit.window_ms;
        let minutes = ((free_at - now) + MINUTE_MS - 1) / MINUTE_MS;
        return Err(AppError::refused(Text::with(msg, [minutes.max(1).to_string()])));
    }
    Ok(())
}

pub async fn record(state: &AppState, bucket: &str) -> Result<(), AppError> {
    let now = state.clock.now().millis();
    Ok(state.store.record_throttle_event(bucket, now).await?)
}
