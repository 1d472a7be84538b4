//! The evaluation fee (seed §(十), SPEC rule 13; routes `/applications/<id>/fee` and
//! `/payments/…`): what is due, and opening an order for the gateway. Payment is allowed only in
//! 通过形式 (`fee::may_pay`); the gateway's signed callback records it (server `payment_routes`).

use crate::api::error::AppError;
use crate::api::fees::{FeeInfo, FeeLedger, FeeLine};
use crate::domain::fee::{fee_office, may_pay, may_refund, refund_no, yuan, PaymentStatus, RefundRefusal};
use crate::domain::instant::{Instant, HOUR_MS};
use crate::domain::workflow::Actor;
use crate::i18n::{Msg, Text};
use crate::payments::{Order, Refund, Report};
use crate::service::form::visible;
use crate::state::AppState;
use crate::store::fees::{Confirmed, OfficePaymentRow, OrderAtOffice, PaymentRow};
use crate::store::ByAdmin;

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
        refunds: state
            .store
            .refunds_of(id)
            .await?
            .into_iter()
            .map(|p| (yuan(p.amount_fen), p.refunded_at.map(|t| Instant(t).beijing_display())))
            .collect(),
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

/// How far back the office's accounts reach for orders still waiting (the gateway closes an
/// abandoned one well before) and for refunds made.
const WAITING_WINDOW_MS: i64 = 48 * HOUR_MS;
const REFUNDED_WINDOW_MS: i64 = 90 * 24 * HOUR_MS;

/// 收费对账 of the actor's office (`fee_office`: its reviewers only).
pub async fn accounts(state: &AppState, actor: &Actor) -> Result<FeeLedger, AppError> {
    let office = fee_office(actor).map_err(|_| AppError::Forbidden)?;
    let now = state.clock.now().millis();
    let rows = state.store.office_payments(office, now - REFUNDED_WINDOW_MS).await?;
    let mut accounts =
        FeeLedger { waiting: vec![], refunds_due: vec![], closed_paid: vec![], refunded: vec![], gateway: state.gateway.name().into() };
    for row in rows {
        match row.order.status {
            PaymentStatus::Pending if row.order.created_at >= now - WAITING_WINDOW_MS => accounts.waiting.push(line(row)),
            PaymentStatus::Pending => {}
            PaymentStatus::RefundDue => accounts.refunds_due.push(line(row)),
            // a paid order is listed only when its application was closed (`office_payments`)
            PaymentStatus::Paid => accounts.closed_paid.push(line(row)),
            PaymentStatus::Refunded => accounts.refunded.push(line(row)),
        }
    }
    // the oldest refund owed first: it has waited longest
    accounts.refunds_due.reverse();
    Ok(accounts)
}

fn line(r: OfficePaymentRow) -> FeeLine {
    let at = |ms: i64| Instant(ms).beijing_display();
    let o = r.order;
    FeeLine {
        amount: yuan(o.amount_fen),
        opened_at: at(o.created_at),
        paid_at: o.paid_at.map(at),
        refund: r.refund_no.zip(r.refunded_at.map(at)),
        id: o.id,
        application_id: o.application_id,
        applicant_name: r.applicant_name,
        series: r.series,
        gateway: o.gateway,
        txn: o.gateway_txn,
    }
}

/// 立即与支付平台核对: every order of the office still waiting (the last 48 hours) asked of the
/// gateway now. Returns (asked, found paid).
pub async fn reconcile_office(state: &AppState, actor: &Actor) -> Result<(usize, usize), AppError> {
    let office = fee_office(actor).map_err(|_| AppError::Forbidden)?;
    let now = state.clock.now().millis();
    let pending = state.store.office_pending_payments(office, now - WAITING_WINDOW_MS, now).await?;
    let asked = pending.len();
    let found = reconcile(state, pending).await?;
    tracing::info!(office, asked, found, by = %actor.user_id, "payments reconciled by the office");
    Ok((asked, found))
}

/// 原路退款: the whole order back to the payer through the gateway that took it, then recorded
/// (audited). A gateway that refuses leaves the order due, with its reason shown.
pub async fn refund(state: &AppState, actor: &Actor, client_ip: &str, order_id: &str) -> Result<(), AppError> {
    // who may refund at all before what: nobody else learns which orders exist
    fee_office(actor).map_err(|_| AppError::Forbidden)?;
    let Some(OrderAtOffice { order, office_id, application_closed }) = state.store.payment_and_office(order_id).await? else {
        return Err(AppError::refused(Msg::FeeOrderNotFound));
    };
    match may_refund(actor, &office_id, order.status, application_closed) {
        Ok(()) => {}
        // another office's order is, to this one, an order that does not exist
        Err(RefundRefusal::Denied(crate::domain::workflow::Denied::NotYours)) => return Err(AppError::refused(Msg::FeeOrderNotFound)),
        Err(RefundRefusal::Denied(_)) => return Err(AppError::Forbidden),
        Err(RefundRefusal::AlreadyRefunded) => return Err(AppError::refused(Msg::RefundAlreadyMade)),
        Err(RefundRefusal::NotDue) => return Err(AppError::refused(Msg::RefundNotDue)),
    }
    if order.gateway != state.gateway.name() {
        // taken by a gateway this server no longer talks to: only that gateway can give it back
        return Err(AppError::refused(Text::with(Msg::RefundOtherGateway, [order.gateway])));
    }
    let number = refund_no(&order.id);
    let reason = Msg::RefundReason.text(crate::i18n::Lang::Zh);
    let request = Refund { order_id: &order.id, amount_fen: order.amount_fen, refund_no: &number, reason };
    if let Err(e) = state.gateway.refund(&request).await {
        tracing::warn!(order = %order.id, error = %e, "refund refused by the gateway");
        return Err(AppError::refused(Text::with(Msg::RefundFailed, [e])));
    }
    let by = ByAdmin { actor, client_ip, now: state.clock.now().millis() };
    if !state.store.record_refund(&order.id, &number, &by).await? {
        // recorded by someone else meanwhile: the gateway was asked the same request number, so once
        return Err(AppError::refused(Msg::RefundAlreadyMade));
    }
    tracing::info!(order = %order.id, refund_no = %number, by = %actor.user_id, "refund made");
    Ok(())
}
