//! Penalties for fraud (seed §(十一), §五; SPEC "Penalties"): how long a finding bars its subject.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::workflow::{Actor, Role};

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

/// Whose entries of the credit record (诚信档案, §五) an actor reads. The record keeps every
/// finding, also those whose period is over (the public 通报 lists only those in force).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreditScope {
    /// The administrator: every finding.
    All,
    /// An evaluation office: the findings on applications it handled (its organisation's id).
    Office(String),
    /// A unit's reviewers: the findings against their unit.
    Unit(String),
    /// An applicant: the findings against themselves.
    Applicant(String),
}

/// The part of the credit record `actor` may read; `None` for the roles that have no business
/// there (authority, committee, HR, issuer), who are refused.
pub fn credit_scope(actor: &Actor) -> Option<CreditScope> {
    match actor.role {
        Role::Admin => Some(CreditScope::All),
        Role::OfficeReviewer => actor.org_id.clone().map(CreditScope::Office),
        Role::UnitReviewer => actor.org_id.clone().map(CreditScope::Unit),
        Role::Applicant => Some(CreditScope::Applicant(actor.user_id.clone())),
        _ => None,
    }
}

/// Whether a role has a part of the credit record to read (the menu offers it to those only).
pub fn reads_credit_record(role: Role) -> bool {
    credit_scope(&Actor::new("", role, Some(String::new()))).is_some()
}

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
    fn the_credit_record_is_read_by_the_office_the_administrator_and_whom_it_concerns() {
        let unit = Actor::new("u1", Role::UnitReviewer, Some("org-unit".into()));
        assert_eq!(credit_scope(&unit), Some(CreditScope::Unit("org-unit".into())));
        let office = Actor::new("o1", Role::OfficeReviewer, Some("org-office".into()));
        assert_eq!(credit_scope(&office), Some(CreditScope::Office("org-office".into())));
        assert_eq!(credit_scope(&Actor::new("a1", Role::Applicant, None)), Some(CreditScope::Applicant("a1".into())));
        assert_eq!(credit_scope(&Actor::new("x", Role::Admin, None)), Some(CreditScope::All));
        for role in [Role::AuthorityReviewer, Role::CommitteeMember, Role::HrOfficer, Role::Issuer, Role::System] {
            assert_eq!(credit_scope(&Actor::new("x", role, Some("org".into()))), None, "{role:?}");
            assert!(!reads_credit_record(role));
        }
        // a reviewer without an organisation reads nothing rather than everything
        assert_eq!(credit_scope(&Actor::new("u2", Role::UnitReviewer, None)), None);
    }

    #[test]
    fn a_ban_ends_on_the_same_day_years_later() {
        assert_eq!(free_again_on(date!(2026 - 11 - 27), APPLICANT_BAN_YEARS), date!(2029 - 11 - 27));
        assert_eq!(free_again_on(date!(2024 - 02 - 29), UNIT_BAN_YEARS), date!(2026 - 03 - 01));
    }
}
