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
        /// A refund due, made through the gateway that took the money.
        Refunded = "refunded",
    }
}

/// Whose fee accounts an actor keeps: the evaluation office's reviewers, for the applications their
/// office evaluates (seed §(十): the fee is paid to the office that evaluates). The office is
/// the one every list and action is confined to.
pub fn fee_office(actor: &Actor) -> Result<&str, Denied> {
    match actor.org_id.as_deref() {
        Some(office) if keeps_fee_accounts(actor.role) => Ok(office),
        _ => Err(Denied::Role(actor.role)),
    }
}

/// Does the role keep an office's fee accounts (the menu offers 收费对账)?
pub fn keeps_fee_accounts(role: Role) -> bool {
    role == Role::OfficeReviewer
}

/// May `actor` refund an order in `status` of an application evaluated by `office_id`, which is
/// `closed` or not? An order paid with nothing to pay for (`RefundDue`) is owed back; the fee of
/// an application the platform closed after it was paid (a fraud finding) goes back if the office
/// so decides (the rules leave it to the office); nothing else, and each once.
pub fn may_refund(actor: &Actor, office_id: &str, status: PaymentStatus, closed: bool) -> Result<(), RefundRefusal> {
    if fee_office(actor).map_err(RefundRefusal::Denied)? != office_id {
        return Err(RefundRefusal::Denied(Denied::NotYours));
    }
    match status {
        PaymentStatus::RefundDue => Ok(()),
        PaymentStatus::Paid if closed => Ok(()),
        PaymentStatus::Refunded => Err(RefundRefusal::AlreadyRefunded),
        PaymentStatus::Pending | PaymentStatus::Paid => Err(RefundRefusal::NotDue),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefundRefusal {
    Denied(Denied),
    /// The order was refunded before.
    AlreadyRefunded,
    /// The order pays for its application (or was never paid): nothing to refund.
    NotDue,
}

/// Our refund request number for an order: one per order, so asking the gateway again (a lost
/// answer) is the same request and refunds once (Alipay's `out_request_no`).
pub fn refund_no(order_id: &str) -> String {
    format!("{order_id}R")
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
    format!("{sign}¥{}", yuan_digits(fen))
}

/// Fen as a payment provider writes money: yuan with two decimals (`300.00`), no sign.
pub fn yuan_digits(fen: i64) -> String {
    let fen = fen.unsigned_abs();
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// A provider's amount back in fen: `300`, `300.0`, `300.00`; anything else is not an amount.
pub fn fen_of_yuan(yuan: &str) -> Option<i64> {
    let (whole, part) = yuan.split_once('.').unwrap_or((yuan, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cents = format!("{part:0<2}").parse::<i64>().ok()?;
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(cents)
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_go_to_yuan_and_back_exactly() {
        use super::{fen_of_yuan as fen, yuan_digits as yuan};
        assert_eq!(yuan(30000), "300.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!((fen("300.00"), fen("300"), fen("0.5"), fen("12.34")), (Some(30000), Some(30000), Some(50), Some(1234)));
        for bad in ["", "-1.00", "1.234", "1,00", "abc", ".5"] {
            assert_eq!(fen(bad), None, "{bad}");
        }
    }

    use super::*;

    fn actor(role: Role, org: &str) -> Actor {
        Actor { user_id: "x".into(), role, org_id: Some(org.into()), region_id: None }
    }

    #[test]
    fn only_the_evaluating_office_refunds_and_only_an_order_due_once() {
        let office = actor(Role::OfficeReviewer, "office");
        for closed in [false, true] {
            assert_eq!(may_refund(&office, "office", PaymentStatus::RefundDue, closed), Ok(()));
            assert_eq!(may_refund(&office, "office", PaymentStatus::Refunded, closed), Err(RefundRefusal::AlreadyRefunded));
            assert_eq!(may_refund(&office, "office", PaymentStatus::Pending, closed), Err(RefundRefusal::NotDue));
        }
        // the fee that pays for a living application stays; that of one the platform closed may go back
        assert_eq!(may_refund(&office, "office", PaymentStatus::Paid, false), Err(RefundRefusal::NotDue));
        assert_eq!(may_refund(&office, "office", PaymentStatus::Paid, true), Ok(()));
        assert_eq!(may_refund(&office, "other", PaymentStatus::RefundDue, false), Err(RefundRefusal::Denied(Denied::NotYours)));
        for role in [Role::Applicant, Role::Admin, Role::UnitReviewer, Role::Issuer] {
            assert_eq!(
                may_refund(&actor(role, "office"), "office", PaymentStatus::RefundDue, false),
                Err(RefundRefusal::Denied(Denied::Role(role)))
            );
        }
        assert_eq!(refund_no("ZP1"), "ZP1R");
    }

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
