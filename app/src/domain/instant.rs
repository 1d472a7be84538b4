//! Instants and Beijing calendar days. The domain never reads a clock: callers pass `now`.
//!
//! Instants are UTC milliseconds since the Unix epoch (what the store keeps). Calendar questions
//! (which day, working day or not) are answered in Beijing time, UTC+8 all year round (no DST
//! since 1991), which the region's public bodies use (SPEC rule 8).

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

pub const SECOND_MS: i64 = 1_000;
pub const MINUTE_MS: i64 = 60 * SECOND_MS;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;
const BEIJING_OFFSET_MS: i64 = 8 * HOUR_MS;

/// A moment in time: UTC milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Instant(pub i64);

impl Instant {
    pub fn millis(self) -> i64 {
        self.0
    }

    pub fn plus_ms(self, ms: i64) -> Instant {
        Instant(self.0.saturating_add(ms))
    }

    /// The calendar day this instant falls on in Beijing.
    pub fn beijing_date(self) -> Date {
        let days = (self.0 + BEIJING_OFFSET_MS).div_euclid(DAY_MS);
        epoch() + Duration::days(days)
    }

    /// 00:00 Beijing time of `date`.
    pub fn beijing_midnight(date: Date) -> Instant {
        let days = (date - epoch()).whole_days();
        Instant(days * DAY_MS - BEIJING_OFFSET_MS)
    }

    /// `YYYY-MM-DD HH:MM` in Beijing time, for people.
    pub fn beijing_display(self) -> String {
        let date = self.beijing_date();
        let in_day = (self.0 + BEIJING_OFFSET_MS).rem_euclid(DAY_MS);
        format!("{} {:02}:{:02}", iso_date(date), in_day / HOUR_MS, (in_day % HOUR_MS) / MINUTE_MS)
    }
}

fn epoch() -> Date {
    // 1970-01-01 is a valid date; the macro makes that a compile-time fact.
    time::macros::date!(1970 - 01 - 01)
}

/// `YYYY-MM-DD`.
pub fn iso_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Parses `YYYY-MM-DD` (what `<input type=date>` sends).
/// A date as people type it: 2024-03-01, 2024-3-1, 2024/3/1, 2024.3.1, 2024年3月1日 or 20240301.
/// Forms take dates typed, not picked: a browser's date picker shows the browser's own format
/// (03/01/2024 on an English phone) on a Chinese page.
pub fn parse_written_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_iso_date(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]));
    }
    parse_iso_date(s.replace(['/', '.', '年', '月'], "-").trim_end_matches('日'))
}

pub fn parse_iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let mut parts = s.splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn beijing_day_starts_at_16_utc() {
        let midnight = Instant::beijing_midnight(date!(2026 - 10 - 01));
        assert_eq!(midnight.beijing_date(), date!(2026 - 10 - 01));
        assert_eq!(midnight.plus_ms(-1).beijing_date(), date!(2026 - 09 - 30));
        // 2026-09-30T16:00:00Z
        assert_eq!(midnight.0, 1_790_784_000_000);
        assert_eq!(midnight.beijing_display(), "2026-10-01 00:00");
    }

    #[test]
    fn iso_dates_round_trip() {
        assert_eq!(parse_iso_date("2024-02-29"), Some(date!(2024 - 02 - 29)));
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(iso_date(date!(2021 - 01 - 05)), "2021-01-05");
    }
}
