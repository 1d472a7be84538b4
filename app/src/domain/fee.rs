//! The evaluation fee (seed §(十), SPEC rule 13): payable by the applicant, only once the office
//! has passed the application's form ("通过形式"), and only once.

use serde::{Deserialize, Serialize};

use super::workflow::{Actor, ApplicationFacts, Denied, Role, Status};

crate::stored_name! {
    /// A fee order: opened when the applicant goes to pay, paid when the gateway confirms it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum PaymentStatus {
        Pending = "pending",
        Paid = "paid",
        /// Paid, but nothing to pay for: the application was paid by another order or no longer
        /// takes a fee (closed). The money is the applicant's again: a refund to make.
        RefundDue = "refund_due",
    }
}

/// May `actor` start paying the fee for `app`?
pub fn may_pay(actor: &Actor, app: &ApplicationFacts) -> Result<(), Denied> {
    if actor.role != Role::Applicant {
        return Err(Denied::Role(actor.role));
    }
    if actor.user_id != app.applicant_id {
        return Err(Denied::NotYours);
    }
    if app.status != Status::FormalPassed {
        return Err(Denied::State(app.status));
    }
    Ok(())
}

/// Money is kept in fen (分) as integers; this writes it as the receipt shows it: ¥300.00.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}¥{}.{:02}", fen / 100, fen % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: Status) -> ApplicationFacts {
        ApplicationFacts {
            applicant_id: "u1".into(),
            status,
            submissions_used: 1,
            reviewing_unit_id: "unit".into(),
            authority_id: "auth".into(),
            office_id: "office".into(),
            region_id: "region".into(),
        }
    }

    #[test]
    fn only_the_owner_pays_and_only_after_the_formal_pass() {
        let me = Actor::new("u1", Role::Applicant, None);
        let other = Actor::new("u2", Role::Applicant, None);
        let office = Actor::new("o", Role::OfficeReviewer, Some("office".into()));
        assert_eq!(may_pay(&me, &facts(Status::FormalPassed)), Ok(()));
        assert_eq!(may_pay(&me, &facts(Status::OfficeReview)), Err(Denied::State(Status::OfficeReview)));
        assert_eq!(may_pay(&me, &facts(Status::UnderEvaluation)), Err(Denied::State(Status::UnderEvaluation)), "paid already");
        assert_eq!(may_pay(&other, &facts(Status::FormalPassed)), Err(Denied::NotYours));
        assert_eq!(may_pay(&office, &facts(Status::FormalPassed)), Err(Denied::Role(Role::OfficeReviewer)));
    }

    #[test]
    fn yuan_is_written_with_two_decimals() {
        assert_eq!(yuan(30000), "¥300.00");
        assert_eq!(yuan(5), "¥0.05");
    }
}
