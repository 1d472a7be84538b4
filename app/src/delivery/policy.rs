//! When a message that could not be delivered is tried again, and when the platform gives up on it.
//! Pure, so the worker and its tests agree on the schedule.

use crate::domain::instant::{HOUR_MS, MINUTE_MS};

/// The first retry waits this long; each later one twice as long as the one before…
pub const FIRST_RETRY_MS: i64 = 30_000;
/// …up to an hour between tries.
pub const MAX_RETRY_MS: i64 = HOUR_MS;
/// A message not delivered within a day of being queued is marked failed: a reset code or a
/// reminder that late is worse than none, and the administrator sees it and may resend it.
pub const GIVE_UP_AFTER_MS: i64 = 24 * HOUR_MS;
/// How long a worker owns a message it claimed: longer than one delivery may take (the SMTP and
/// HTTP timeouts are 30 s), so a crashed worker's messages are tried again after it.
pub const CLAIM_MS: i64 = 2 * MINUTE_MS;

/// What a failed attempt was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Worth trying again: the server was unreachable, busy or throttled us.
    Temporary(String),
    /// Trying again changes nothing: the address or number is invalid, the message refused.
    Permanent(String),
}

impl Failure {
    pub fn reason(&self) -> &str {
        match self {
            Failure::Temporary(r) | Failure::Permanent(r) => r,
        }
    }
}

/// What happens to a message after an attempt that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterFailure {
    RetryAt(i64),
    GiveUp,
}

/// `attempts`: tries made so far, this one included (1 after the first).
pub fn after_failure(failure: &Failure, attempts: i64, queued_at: i64, now: i64) -> AfterFailure {
    if matches!(failure, Failure::Permanent(_)) {
        return AfterFailure::GiveUp;
    }
    let shift = attempts.clamp(1, 20) - 1;
    let wait = FIRST_RETRY_MS.saturating_mul(1 << shift).min(MAX_RETRY_MS);
    let at = now + wait;
    if at - queued_at > GIVE_UP_AFTER_MS {
        AfterFailure::GiveUp
    } else {
        AfterFailure::RetryAt(at)
    }
}

/// A message still waiting after the give-up time (queued while its channel was down or before a
/// channel was configured) is marked failed instead of being sent late.
pub fn too_late(queued_at: i64, now: i64) -> bool {
    now - queued_at > GIVE_UP_AFTER_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_doubling_up_to_an_hour() {
        let t = Failure::Temporary("connection refused".into());
        let waits: Vec<i64> = (1..=9)
            .map(|n| match after_failure(&t, n, 0, 0) {
                AfterFailure::RetryAt(at) => at,
                AfterFailure::GiveUp => -1,
            })
            .collect();
        assert_eq!(waits, [30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
    }

    #[test]
    fn a_permanent_failure_is_not_retried() {
        assert_eq!(after_failure(&Failure::Permanent("invalid number".into()), 1, 0, 0), AfterFailure::GiveUp);
    }

    #[test]
    fn gives_up_a_day_after_it_was_queued() {
        let t = Failure::Temporary("timeout".into());
        let queued = 1_000;
        assert_eq!(
            after_failure(&t, 30, queued, queued + GIVE_UP_AFTER_MS - MAX_RETRY_MS),
            AfterFailure::RetryAt(queued + GIVE_UP_AFTER_MS)
        );
        assert_eq!(after_failure(&t, 30, queued, queued + GIVE_UP_AFTER_MS - MAX_RETRY_MS + 1), AfterFailure::GiveUp);
        assert!(!too_late(queued, queued + GIVE_UP_AFTER_MS));
        assert!(too_late(queued, queued + GIVE_UP_AFTER_MS + 1));
    }
}
