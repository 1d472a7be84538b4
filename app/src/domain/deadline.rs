//! The 48-hour correction window after the evaluation office returns an application (SPEC rule 11).

use serde::{Deserialize, Serialize};

use super::instant::{Instant, DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS};

pub const CORRECTION_WINDOW_MS: i64 = 48 * HOUR_MS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub due: Instant,
}

/// Time left, split the way a countdown shows it: 天/小时/分/秒.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remaining {
    pub days: i64,
    pub hours: i64,
    pub minutes: i64,
    pub seconds: i64,
}

impl Deadline {
    /// The window opened by a return at `returned_at`.
    pub fn correction_window(returned_at: Instant) -> Self {
        Self { due: returned_at.plus_ms(CORRECTION_WINDOW_MS) }
    }

    /// Past the deadline, exactly at it included: 48 h means the 48th hour has ended.
    pub fn is_expired(&self, now: Instant) -> bool {
        now >= self.due
    }

    /// `None` once expired.
    pub fn remaining(&self, now: Instant) -> Option<Remaining> {
        if self.is_expired(now) {
            return None;
        }
        // Whole seconds, rounded up, so the display never shows 0 while time is left.
        let secs = (self.due.0 - now.0 + SECOND_MS - 1) / SECOND_MS;
        Some(Remaining {
            days: secs / (DAY_MS / SECOND_MS),
            hours: (secs % (DAY_MS / SECOND_MS)) / (HOUR_MS / SECOND_MS),
            minutes: (secs % (HOUR_MS / SECOND_MS)) / (MINUTE_MS / SECOND_MS),
            seconds: secs % (MINUTE_MS / SECOND_MS),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forty_eight_hours_from_the_return() {
        let d = Deadline::correction_window(Instant(1_000));
        assert_eq!(d.due, Instant(1_000 + 48 * HOUR_MS));
        assert!(!d.is_expired(Instant(1_000 + 48 * HOUR_MS - 1)));
        assert!(d.is_expired(Instant(1_000 + 48 * HOUR_MS)));
        assert_eq!(d.remaining(Instant(1_000 + 48 * HOUR_MS)), None);
    }

    #[test]
    fn remaining_splits_into_days_hours_minutes_seconds() {
        let d = Deadline::correction_window(Instant(0));
        // 48 h − 1 h 30 min 0.5 s = 1 day 22 h 29 min 59.5 s, shown rounded up as 1/22/30/0.
        let r = d.remaining(Instant(HOUR_MS + 30 * MINUTE_MS + 500)).unwrap();
        assert_eq!(r, Remaining { days: 1, hours: 22, minutes: 30, seconds: 0 });
        let r = d.remaining(Instant(48 * HOUR_MS - 1)).unwrap();
        assert_eq!(r, Remaining { days: 0, hours: 0, minutes: 0, seconds: 1 });
    }
}
