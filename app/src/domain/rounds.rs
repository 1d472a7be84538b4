//! Rounds (申报年度 / 批次, issue 16): the office opens applications for a series in a region for
//! a year, between two dates, and names the reference date that every "years since the post",
//! training-year and assessment-year rule counts to. The rules here are the round's own: when an
//! application may be started or submitted, and that a person has one application per round — a
//! withdrawal (视为放弃申报), a unit's decline or a fraud finding does not open a fresh one with
//! three new submissions.
//!
//! The server decides with these at the start form (`service::applications::route`), on a change of
//! series or unit, and at submission (`service::form::submit`); the pages show each round's window
//! from the same `Round::window`.

use serde::{Deserialize, Serialize};
use time::Date;

use super::conditions::Conditions;
use super::workflow::Status;

/// One round, as the office sets it. Dates are Beijing's calendar days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub id: String,
    /// The series' name, as applications and the catalogue name it.
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
    /// What applicants must meet (评审条件), as the office set them for this round.
    pub conditions: Conditions,
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
    /// The office has opened no round of this series in the applicant's region.
    NoRound,
    NotOpenYet {
        opens_on: Date,
    },
    Closed {
        submit_by: Date,
    },
    /// This person already has an application in the round, in this state.
    AlreadyApplied(Status),
}

/// The round an application in `series` made in `region_id` belongs to today: the open one
/// (the latest to open, should two overlap); otherwise the refusal that says when the next one
/// opens, or when the last one closed.
pub fn current_round<'a>(rounds: &'a [Round], series: &str, region_id: &str, today: Date) -> Result<&'a Round, RoundRefusal> {
    let mine = || rounds.iter().filter(|r| r.series == series && r.region_id == region_id);
    if let Some(open) = mine().filter(|r| matches!(r.window(today), Window::Open { .. })).max_by_key(|r| r.opens_on) {
        return Ok(open);
    }
    if let Some(next) = mine().filter(|r| r.opens_on > today).min_by_key(|r| r.opens_on) {
        return Err(RoundRefusal::NotOpenYet { opens_on: next.opens_on });
    }
    match mine().map(|r| r.submit_by).max() {
        Some(submit_by) => Err(RoundRefusal::Closed { submit_by }),
        None => Err(RoundRefusal::NoRound),
    }
}

/// What is wrong with a round the administrator typed, each at its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundProblem {
    Required,
    /// Not a date (2026-11-01, 2026/11/1, 2026年11月1日…).
    BadDate,
    /// A year outside 2000–2100.
    BadYear,
    /// The last day to submit comes before the first day to start.
    SubmitBeforeOpen,
}

/// A round's year, first day, last day to submit and reference date.
pub type RoundDates = (i32, Date, Date, Date);

/// A round's dates as the administrator's form sends them, checked: every problem at its field
/// (`year`, `opens_on`, `submit_by`, `reference_date`).
pub fn check_round_dates(
    year: &str,
    opens_on: &str,
    submit_by: &str,
    reference_date: &str,
) -> Result<RoundDates, Vec<(&'static str, RoundProblem)>> {
    let mut problems = vec![];
    let mut day = |field: &'static str, raw: &str| {
        let raw = raw.trim();
        if raw.is_empty() {
            problems.push((field, RoundProblem::Required));
            return None;
        }
        let parsed = crate::domain::instant::parse_written_date(raw).filter(|d| (2000..=2100).contains(&d.year()));
        if parsed.is_none() {
            problems.push((field, RoundProblem::BadDate));
        }
        parsed
    };
    let (opens, submit, reference) = (day("opens_on", opens_on), day("submit_by", submit_by), day("reference_date", reference_date));
    let year = match year.trim() {
        "" => {
            problems.push(("year", RoundProblem::Required));
            None
        }
        y => match y.parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => Some(y),
            _ => {
                problems.push(("year", RoundProblem::BadYear));
                None
            }
        },
    };
    if let (Some(o), Some(s)) = (opens, submit) {
        if s < o {
            problems.push(("submit_by", RoundProblem::SubmitBeforeOpen));
        }
    }
    match (year, opens, submit, reference, problems.is_empty()) {
        (Some(y), Some(o), Some(s), Some(r), true) => Ok((y, o, s, r)),
        _ => Err(problems),
    }
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
            id: "round-1".into(),
            series: "高等学校教育管理研究".into(),
            region_id: "org-region".into(),
            year: 2026,
            opens_on: date!(2026 - 11 - 01),
            submit_by: date!(2026 - 12 - 31),
            reference_date: date!(2026 - 12 - 31),
            conditions: Conditions::default(),
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
    fn the_current_round_is_the_open_one_or_says_when_the_next_opens() {
        let r2026 = round();
        let r2027 = Round {
            id: "round-2".into(),
            year: 2027,
            opens_on: date!(2027 - 11 - 01),
            submit_by: date!(2027 - 12 - 31),
            reference_date: date!(2027 - 12 - 31),
            ..round()
        };
        let elsewhere = Round { id: "round-3".into(), region_id: "org-region-2".into(), ..round() };
        let all = [r2026.clone(), r2027, elsewhere];
        let s = "高等学校教育管理研究";
        assert_eq!(current_round(&all, s, "org-region", date!(2026 - 11 - 20)).map(|r| r.id.as_str()), Ok("round-1"));
        assert_eq!(current_round(&all, s, "org-region-2", date!(2026 - 11 - 20)).map(|r| r.id.as_str()), Ok("round-3"));
        assert_eq!(
            current_round(&all, s, "org-region", date!(2027 - 02 - 01)),
            Err(RoundRefusal::NotOpenYet { opens_on: date!(2027 - 11 - 01) })
        );
        assert_eq!(
            current_round(&all, s, "org-region", date!(2028 - 02 - 01)),
            Err(RoundRefusal::Closed { submit_by: date!(2027 - 12 - 31) })
        );
        assert_eq!(current_round(&all, "高等学校实验技术", "org-region", date!(2026 - 11 - 20)), Err(RoundRefusal::NoRound));
    }

    #[test]
    fn the_administrators_dates_are_checked_at_their_fields() {
        assert_eq!(
            check_round_dates("2026", "2026-11-01", "2027-03-31", "2026-12-31"),
            Ok((2026, date!(2026 - 11 - 01), date!(2027 - 03 - 31), date!(2026 - 12 - 31)))
        );
        assert_eq!(
            check_round_dates("26", "2026-11-01", "2026-10-01", ""),
            Err(vec![
                ("reference_date", RoundProblem::Required),
                ("year", RoundProblem::BadYear),
                ("submit_by", RoundProblem::SubmitBeforeOpen)
            ])
        );
        assert_eq!(
            check_round_dates("2026", "2026/11/01", "2027-02-30", "2026年12月31日"),
            Err(vec![("submit_by", RoundProblem::BadDate)])
        );
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
