//! Penalties for fraud (seed §(十一), §五; SPEC "Penalties"): how long a finding bars its subject.

use serde::{Deserialize, Serialize};
use time::Date;

crate::stored_name! {
    /// Whom a fraud finding bars: the applicant who falsified, or the unit that helped.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Subject {
        Applicant = "applicant",
        Unit = "unit",
    }
}

/// An applicant found to have falsified materials may not apply for 3 years.
pub const APPLICANT_BAN_YEARS: i32 = 3;
/// A unit found to have helped may not recommend for 2 years; in that time its staff may not start
/// or submit an application it would review (`service::applications::unit_barred_until`).
pub const UNIT_BAN_YEARS: i32 = 2;

/// The first day the subject is free again: the same calendar day `years` later (29 February
/// becomes 1 March in a year without it).
pub fn free_again_on(found_on: Date, years: i32) -> Date {
    let year = found_on.year() + years;
    Date::from_calendar_date(year, found_on.month(), found_on.day())
        .unwrap_or_else(|_| Date::from_calendar_date(year, time::Month::March, 1).expect("1 March exists"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_ban_ends_on_the_same_day_years_later() {
        assert_eq!(free_again_on(date!(2026 - 11 - 27), APPLICANT_BAN_YEARS), date!(2029 - 11 - 27));
        assert_eq!(free_again_on(date!(2024 - 02 - 29), UNIT_BAN_YEARS), date!(2026 - 03 - 01));
    }
}
