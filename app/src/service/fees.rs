//! The evaluation fee (seed §(十), SPEC rule 13; routes `/applications/<id>/fee` and
//! `/payments/…`): what is due, and opening an order for the gateway. Payment is allowed only in
//! 通过形式 (`fee::may_pay`); the gateway's signed callback records it (server `payment_routes`).

use crate::api::error::AppError;
use crate::api::fees::FeeInfo;
use crate::domain::fee::{may_pay, PaymentStatus};
use crate::domain::workflow::Actor;
use crate::i18n::Msg;
use crate::service::form::visible;
use crate::state::AppState;
use crate::store::fees::PaymentRow;

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
    let facts = visible(state, actor, id).await?.facts();
    may_pay(actor, &facts).map_err(|_| AppError::refused(Msg::FeeNotPayable))?;
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
    Ok(state.gateway.pay_url(&order.id))
}
