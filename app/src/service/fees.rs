//! The evaluation fee (seed §(十), SPEC rule 13; routes `/applications/<id>/fee` and
//! `/payments/…`): what is due, and opening an order for the gateway. Payment is allowed only in
//! 通过形式 (`fee::may_pay`); the gateway's signed callback records it (server `payment_routes`).

use crate::api::error::AppError;
use crate::api::fees::FeeInfo;
use crate::domain::fee::{may_pay, PaymentStatus};
use crate::domain::workflow::Actor;
use crate::i18n::Msg;
use crate::payments::{Order, Report};
use crate::service::form::visible;
use crate::state::AppState;
use crate::store::fees::{Confirmed, PaymentRow};

/// What the applicant owes or paid, and the session the application is evaluated in.
pub async fn fee(state: &AppState, actor: &Actor, id: &str) -> Result<FeeInfo, AppError> {
    let facts = visible(state, actor, id).await?.facts();
    let paid = state.store.paid_payment_of(id).await?;
    let session = state.store.session_of_application(id).await?.map(|s| (s.name, s.held_at, s.place));
    Ok(FeeInfo {
        application_id: id.to_string(),
        status: facts.status,
        amount_fen: paid.as_ref().map(|p| p.amount_fen).unwrap_or(state.config.fee_fen),
        payable: may_pay(actor, &facts).is_ok(),
        paid: paid.and_then(|p| Some((p.id, p.paid_at?))),
        session,
    })
}

/// Opens an order for the fee and returns the gateway's pay page for it.
pub async fn start_payment(state: &AppState, actor: &Actor, id: &str) -> Result<String, AppError> {
    let row = visible(state, actor, id).await?;
    may_pay(actor, &row.facts()).map_err(|_| AppError::refused(Msg::FeeNotPayable))?;
    let order = PaymentRow {
        id: format!("ZP{}", crate::store::new_id()[..16].to_uppercase()),
        application_id: id.to_string(),
        applicant_id: actor.user_id.clone(),
        amount_fen: state.config.fee_fen,
        status: PaymentStatus::Pending,
        gateway: state.gateway.name().into(),
        gateway_txn: None,
        created_at: state.clock.now().millis(),
        paid_at: None,
    };
    state.store.insert_payment(&order).await?;
    let subject = format!("职称评审费 · {}", row.series);
    let pay = Order { id: &order.id, application_id: id, amount_fen: order.amount_fen, subject: &subject };
    state.gateway.pay_url(&pay).map_err(|e| {
        tracing::error!(order = %order.id, error = %e, "pay address not made");
        AppError::Internal
    })
}

/// What a believed report of a payment came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded {
    /// Recorded now; the application moved on.
    Paid,
    /// Recorded before (a repeated report): nothing changed.
    AlreadyPaid,
    /// The gateway reported another amount than the order's: nothing changed.
    AmountMismatch,
    NoSuchOrder,
    /// The application takes no payment now (closed for fraud, say): nothing changed.
    NotPayable,
}

/// Records a payment the gateway reported (its signature already checked), and tells the live pages.
pub async fn record_payment(state: &AppState, r: &Report) -> Result<Recorded, AppError> {
    Ok(match state.store.confirm_payment(&r.order_id, r.amount_fen, &r.txn, state.clock.now().millis()).await? {
        Confirmed::Paid(p) => {
            if let Some(app) = state.store.application(&p.application_id).await? {
                state.events.publish(&app);
            }
            Recorded::Paid
        }
        Confirmed::AlreadyPaid(p) => {
            if p.id != r.order_id {
                // a second order of the same application paid: the money is the applicant's again
                tracing::error!(order = %r.order_id, paid = %p.id, txn = %r.txn, "a second payment for one application: recorded as a refund to make");
            }
            Recorded::AlreadyPaid
        }
        Confirmed::AmountMismatch => {
            tracing::warn!(order = %r.order_id, amount_fen = r.amount_fen, "payment reported with another amount");
            Recorded::AmountMismatch
        }
        Confirmed::NoSuchOrder => Recorded::NoSuchOrder,
        Confirmed::Denied(d) => {
            tracing::error!(order = %r.order_id, denied = %d, "payment for an application that takes none: recorded as a refund to make");
            Recorded::NotPayable
        }
    })
}

/// Orders still waiting after a notification should have come: asked of the gateway, and
/// recorded if it says they were paid (the notification was lost). Returns how many were.
pub async fn reconcile(state: &AppState, pending: Vec<PaymentRow>) -> Result<usize, AppError> {
    let mut found = 0;
    for order in pending {
        match state.gateway.query(&order.id).await {
            Ok(Some(report)) if report.order_id == order.id => {
                if record_payment(state, &report).await? == Recorded::Paid {
                    tracing::info!(order = %order.id, "payment found by asking the gateway");
                    found += 1;
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(order = %order.id, error = %e, "gateway query failed"),
        }
    }
    Ok(found)
}

/// 查询支付结果: the applicant back from the gateway before its notification arrived asks for
/// their application's open orders.
pub async fn check_payment(state: &AppState, actor: &Actor, id: &str) -> Result<bool, AppError> {
    visible(state, actor, id).await?;
    let pending = state.store.pending_payments_of(id).await?;
    Ok(reconcile(state, pending).await? > 0)
}
