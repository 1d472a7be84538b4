//! Rounds (申报年度 / 批次, issue 16): the office opens applications for a series in a region for
//! a year, between two dates, and names the reference date that every "years since the post",
//! training-year and assessment-year rule counts to. The rules here are the round's own: when an
//! application may be started or submitted, and that a person has one application per round — a
//! withdrawal (视为放弃申报), a unit's decline or a fraud finding does not open a fresh one with
//! three new submissions.
//!
//! Not wired yet: the store's rounds table, the administrator's page and the start and submit
//! checks that call these are the next step (see the note of stop 28).

use serde::{Deserialize, Serialize};
use time::Date;

use super::workflow::Status;

/// One round, as the office sets it. Dates are Beijing's calendar days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub series: String,
    pub region_id: String,
    pub year: i32,
    /// The first day an application may be started.
    pub opens_on: Date,
    /// The last day a draft may be submitted (a returned application keeps its 48 hours).
    pub submit_by: Date,
    /// The day the conditions are counted to: years since the post, the training and the
    /// assessment years. Fixed for the round, so New Year's Day changes nothing.
    pub reference_date: Date,
}

/// Where today stands against a round's window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Window {
    /// Opens on that day.
    NotYet { opens_on: Date },
    /// Open until the end of that day.
    Open { submit_by: Date },
    /// Closed after that day.
    Closed { submit_by: Date },
}

impl Round {
    pub fn window(&self, today: Date) -> Window {
        if today < self.opens_on {
            Window::NotYet { opens_on: self.opens_on }
        } else if today <= self.submit_by {
            Window::Open { submit_by: self.submit_by }
        } else {
            Window::Closed { submit_by: self.submit_by }
        }
    }

    /// The days left to submit, today included (0 once closed, None before it opens).
    pub fn days_left(&self, today: Date) -> Option<i64> {
        match self.window(today) {
            Window::NotYet { .. } => None,
            Window::Open { submit_by } => Some((submit_by - today).whole_days() + 1),
            Window::Closed { .. } => Some(0),
        }
    }
}

/// Why the round refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundRefusal {
    NotOpenYet {
        opens_on: Date,
    },
    Closed {
        submit_by: Date,
    },
    /// This person already has an application in the round, in this state.
    AlreadyApplied(Status),
}

/// A fresh application in `round` today, for a person whose applications in the same round are
/// `earlier` (their statuses): only inside the window, and only as the person's first.
pub fn may_start(round: &Round, today: Date, earlier: &[Status]) -> Result<(), RoundRefusal> {
    match round.window(today) {
        Window::NotYet { opens_on } => return Err(RoundRefusal::NotOpenYet { opens_on }),
        Window::Closed { submit_by } => return Err(RoundRefusal::Closed { submit_by }),
        Window::Open { .. } => {}
    }
    // one application per person per round: whatever became of an earlier one (still open,
    // withdrawn, declined, closed by a finding, or through to the end) stands for the round
    match earlier.first() {
        Some(&status) => Err(RoundRefusal::AlreadyApplied(status)),
        None => Ok(()),
    }
}

/// A submission in `round` today of an application that is `status`: a draft only inside the
/// window; a returned application also after it closes, while its 48 hours run (the deadline's
/// own rule decides those).
pub fn may_submit(round: &Round, today: Date, status: Status) -> Result<(), RoundRefusal> {
    match (round.window(today), status) {
        (_, Status::Returned) => Ok(()),
        (Window::Open { .. }, _) => Ok(()),
        (Window::NotYet { opens_on }, _) => Err(RoundRefusal::NotOpenYet { opens_on }),
        (Window::Closed { submit_by }, _) => Err(RoundRefusal::Closed { submit_by }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::materials::{assessment_years, years_since_post};
    use time::macros::date;

    fn round() -> Round {
        Round {
            series: "高等学校教育管理研究".into(),
            region_id: "org-region".into(),
            year: 2026,
            opens_on: date!(2026 - 11 - 01),
            submit_by: date!(2026 - 12 - 31),
            reference_date: date!(2026 - 12 - 31),
        }
    }

    #[test]
    fn the_window_opens_and_closes_on_whole_days() {
        let r = round();
        assert_eq!(r.window(date!(2026 - 10 - 31)), Window::NotYet { opens_on: date!(2026 - 11 - 01) });
        assert_eq!(r.window(date!(2026 - 11 - 01)), Window::Open { submit_by: date!(2026 - 12 - 31) });
        assert_eq!(r.days_left(date!(2026 - 12 - 31)), Some(1), "the last day counts");
        assert_eq!(r.days_left(date!(2026 - 12 - 01)), Some(31));
        assert_eq!(r.window(date!(2027 - 01 - 01)), Window::Closed { submit_by: date!(2026 - 12 - 31) });
        assert_eq!(r.days_left(date!(2026 - 10 - 01)), None);
    }

    #[test]
    fn nothing_starts_outside_the_window_and_a_person_starts_once_per_round() {
        let r = round();
        assert_eq!(may_start(&r, date!(2026 - 10 - 15), &[]), Err(RoundRefusal::NotOpenYet { opens_on: date!(2026 - 11 - 01) }));
        assert_eq!(may_start(&r, date!(2027 - 01 - 02), &[]), Err(RoundRefusal::Closed { submit_by: date!(2026 - 12 - 31) }));
        assert_eq!(may_start(&r, date!(2026 - 11 - 20), &[]), Ok(()));
        // withdrawn after its 48 hours, declined by the unit, closed by a fraud finding: the round
        // is spent, and no fresh application brings three new submissions
        for earlier in [Status::Withdrawn, Status::Closed, Status::Draft, Status::Certified] {
            assert_eq!(may_start(&r, date!(2026 - 11 - 20), &[earlier]), Err(RoundRefusal::AlreadyApplied(earlier)));
        }
    }

    #[test]
    fn a_draft_submits_inside_the_window_and_a_return_keeps_its_48_hours_after_it() {
        let r = round();
        assert_eq!(may_submit(&r, date!(2026 - 12 - 31), Status::Draft), Ok(()));
        assert_eq!(may_submit(&r, date!(2027 - 01 - 01), Status::Draft), Err(RoundRefusal::Closed { submit_by: date!(2026 - 12 - 31) }));
        assert_eq!(may_submit(&r, date!(2027 - 01 - 01), Status::Returned), Ok(()));
    }

    #[test]
    fn the_reference_date_keeps_the_required_years_across_new_year() {
        // a post obtained in March 2023; the office returns the application on 2 January 2027
        let post = date!(2023 - 03 - 01);
        let r = round();
        assert_eq!(years_since_post(post, r.reference_date), [2023, 2024, 2025]);
        assert_eq!(assessment_years(post, r.reference_date), [2023, 2024, 2025]);
        // counted to "today" instead, the returned application would suddenly lack 2026's
        // training and assessment: what the chain tests had to move their clocks to avoid
        assert_eq!(years_since_post(post, date!(2027 - 01 - 02)), [2023, 2024, 2025, 2026]);
    }
}
