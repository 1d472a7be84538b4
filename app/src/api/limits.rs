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
/// Password resets tried from one address: 30 in 15 minutes (each code also allows 5 tries).
pub const RESET_PER_IP: Limit = Limit { max: 30, window_ms: 15 * MINUTE_MS };
/// Certificate lookups from one address (the query API, the verify page and its function, one
/// bucket): 30 a minute — a person checks one certificate; a script walking the numbers stops.
pub const CERTIFICATE_LOOKUPS_PER_IP: Limit = Limit { max: 30, window_ms: MINUTE_MS };
/// Files one person stores (uploads and signatures): 200 an hour — a whole dossier is well under
/// a hundred; a script looping uploads into a draft stops here and at the quota (M7).
pub const UPLOADS_PER_PERSON: Limit = Limit { max: 200, window_ms: 60 * MINUTE_MS };
/// Tries at one code before it is void.
pub const CODE_ATTEMPTS: i64 = 5;
/// In-person resets an administrator may try in an hour: a counter serves a queue of people, not
/// a list of guessed ID numbers.
pub const IN_PERSON_PER_ADMIN: Limit = Limit { max: 20, window_ms: 60 * MINUTE_MS };

/// One use of a bucket, written before the work it guards (see `take`).
#[must_use = "a ticket is either kept (the use counts) or given back"]
pub struct Ticket {
    token: String,
}

impl Ticket {
    /// Takes the use back: it should not count (a login that succeeded, a request refused by
    /// another bucket).
    pub async fn give_back(self, state: &AppState) -> Result<(), AppError> {
        Ok(state.store.release_throttle(&self.token).await?)
    }

    /// Keeps the use: it counts against the bucket for the rest of the window.
    pub fn keep(self) {}
}

/// Counts one use of `bucket` and refuses with "try again in N minutes" past `limit`.
///
/// The use is written first and the bucket counted after. Of any number of requests at once, each
/// counts every use written before its own, so at most `limit.max` of them pass: a burst gets no
/// more tries than requests one by one (security review H2). A refused use is taken back, so
/// refusals do not push the window on.
pub async fn take(state: &AppState, bucket: &str, limit: Limit, msg: Msg) -> Result<Ticket, AppError> {
    let now = state.clock.now().millis();
    let token = crate::security::random_token();
    let (count, oldest) = state.store.take_throttle(bucket, &token, now, now - limit.window_ms).await?;
    if count > limit.max {
        state.store.release_throttle(&token).await?;
        let free_at = oldest.unwrap_or(now) + limit.window_ms;
        let minutes = ((free_at - now) + MINUTE_MS - 1) / MINUTE_MS;
        return Err(AppError::refused(Text::with(msg, [minutes.max(1).to_string()])));
    }
    Ok(Ticket { token })
}

/// `take` for each bucket in turn; when one refuses, the uses already taken are given back.
pub async fn take_all(state: &AppState, buckets: &[(String, Limit)], msg: Msg) -> Result<Vec<Ticket>, AppError> {
    let mut taken = Vec::with_capacity(buckets.len());
    for (bucket, limit) in buckets {
        match take(state, bucket, *limit, msg).await {
            Ok(t) => taken.push(t),
            Err(e) => {
                for t in taken {
                    t.give_back(state).await?;
                }
                return Err(e);
            }
        }
    }
    Ok(taken)
}
