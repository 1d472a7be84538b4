//! The working-day calendar (SPEC rule 8): weekends, public holidays and make-up working days
//! (调休) as data, and the earliest moment a public notice may close.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Weekday};

use super::instant::Instant;

crate::stored_name! {
    /// How the State Council's arrangement marks a day that differs from the weekday rule.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum DayKind {
        /// A day off although it may fall Monday–Friday (法定节假日 and the days added to it).
        Holiday = "holiday",
        /// A Saturday or Sunday worked in exchange (调休上班).
        MakeUpWorkday = "workday",
    }
}

/// The minimum length of a unit's public notice, in working days (§五 "不少于5个工作日").
pub const NOTICE_WORKING_DAYS: u32 = 5;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    holidays: BTreeSet<Date>,
    makeup_workdays: BTreeSet<Date>,
}

impl WorkCalendar {
    pub fn new(days: impl IntoIterator<Item = (Date, DayKind)>) -> Self {
        let mut cal = Self::default();
        for (day, kind) in days {
            match kind {
                DayKind::Holiday => cal.holidays.insert(day),
                DayKind::MakeUpWorkday => cal.makeup_workdays.insert(day),
            };
        }
        cal
    }

    pub fn is_working_day(&self, day: Date) -> bool {
        if self.makeup_workdays.contains(&day) {
            return true;
        }
        if self.holidays.contains(&day) {
            return false;
        }
        !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    /// The first working day on or after `day`.
    pub fn next_working_day(&self, mut day: Date) -> Date {
        // A year never has more than a few weeks of consecutive days off; 400 bounds bad data.
        for _ in 0..400 {
            if self.is_working_day(day) {
                return day;
            }
            day += Duration::DAY;
        }
        day
    }

    /// The `n`-th working day counting `start` as day 1 when it is a working day
    /// (else the next working day is day 1). `n` = 0 is treated as 1.
    pub fn nth_working_day(&self, start: Date, n: u32) -> Date {
        let mut day = self.next_working_day(start);
        for _ in 1..n.max(1) {
            day = self.next_working_day(day + Duration::DAY);
        }
        day
    }

    /// `start` plus `n` working days: the working day reached after `n` further working days.
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        let mut day = start;
        for _ in 0..n {
            day = self.next_working_day(day + Duration::DAY);
        }
        day
    }

    /// The earliest moment a notice started at `started` may close: 00:00 Beijing time after the
    /// end of its 5th working day.
    pub fn notice_earliest_close(&self, started: Instant) -> Instant {
        let fifth = self.nth_working_day(started.beijing_date(), NOTICE_WORKING_DAYS);
        Instant::beijing_midnight(fifth + Duration::DAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// The 2021 Spring Festival and the 2024 National Day arrangements, as the migration loads them.
    fn calendar() -> WorkCalendar {
        let mut days = vec![];
        for d in 11..=17 {
            days.push((Date::from_calendar_date(2021, time::Month::February, d).unwrap(), DayKind::Holiday));
        }
        days.push((date!(2021 - 02 - 07), DayKind::MakeUpWorkday));
        days.push((date!(2021 - 02 - 20), DayKind::MakeUpWorkday));
        for d in 1..=7 {
            days.push((Date::from_calendar_date(2024, time::Month::October, d).unwrap(), DayKind::Holiday));
        }
        days.push((date!(2024 - 09 - 29), DayKind::MakeUpWorkday));
        days.push((date!(2024 - 10 - 12), DayKind::MakeUpWorkday));
        WorkCalendar::new(days)
    }

    #[test]
    fn weekends_holidays_and_makeup_days() {
        let cal = calendar();
        assert!(cal.is_working_day(date!(2021 - 02 - 10))); // Wednesday before the festival
        assert!(!cal.is_working_day(date!(2021 - 02 - 11))); // Thursday, 除夕
        assert!(cal.is_working_day(date!(2021 - 02 - 07))); // Sunday worked
        assert!(cal.is_working_day(date!(2021 - 02 - 20))); // Saturday worked
        assert!(!cal.is_working_day(date!(2021 - 02 - 21))); // ordinary Sunday
    }

    #[test]
    fn a_notice_started_before_spring_festival_spans_the_holiday() {
        let cal = calendar();
        // Started Tuesday 2021-02-09 10:00 Beijing: day 1 = 9th, day 2 = 10th, then the festival
        // (11th–17th); day 3 = Thu 18th, day 4 = Fri 19th, day 5 = Sat 20th (make-up day).
        let started = Instant::beijing_midnight(date!(2021 - 02 - 09)).plus_ms(10 * 3_600_000);
        assert_eq!(cal.nth_working_day(date!(2021 - 02 - 09), 5), date!(2021 - 02 - 20));
        assert_eq!(cal.notice_earliest_close(started), Instant::beijing_midnight(date!(2021 - 02 - 21)));
    }

    #[test]
    fn a_notice_started_on_a_holiday_counts_from_the_next_working_day() {
        let cal = calendar();
        // Started during National Day 2024 (Thursday 3rd): day 1 = Tue 8th … day 5 = Sat 12th (make-up).
        let started = Instant::beijing_midnight(date!(2024 - 10 - 03));
        assert_eq!(cal.notice_earliest_close(started), Instant::beijing_midnight(date!(2024 - 10 - 13)));
        // Started Sunday 29 Sep (a make-up workday): 29, 30, then 8, 9, 10 → closes 00:00 on the 11th.
        let started = Instant::beijing_midnight(date!(2024 - 09 - 29));
        assert_eq!(cal.notice_earliest_close(started), Instant::beijing_midnight(date!(2024 - 10 - 11)));
    }

    #[test]
    fn an_ordinary_week() {
        let cal = WorkCalendar::default();
        // Monday 2026-11-23 → Friday 27th is day 5 → may close from 00:00 Saturday 28th.
        let started = Instant::beijing_midnight(date!(2026 - 11 - 23)).plus_ms(15 * 3_600_000);
        assert_eq!(cal.notice_earliest_close(started), Instant::beijing_midnight(date!(2026 - 11 - 28)));
        assert_eq!(cal.add_working_days(date!(2026 - 11 - 27), 1), date!(2026 - 11 - 30));
    }
}
