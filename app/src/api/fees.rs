//! The evaluation fee (seed §(十), SPEC rule 13): the applicant sees what is due and starts paying
//! only in 通过形式 (`fee::may_pay`); the order goes to the gateway's pay page; the gateway's signed
//! callback (server route `/payments/callback`) records the payment. The receipt is a PDF
//! (`/payments/<order>/receipt.pdf`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::workflow::Status;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeInfo {
    pub application_id: String,
    pub status: Status,
    pub amount_fen: i64,
    /// May the applicant pay now?
    pub payable: bool,
    /// The paid order: (order id, paid at).
    pub paid: Option<(String, i64)>,
    /// The session the application is evaluated in: (name, when, where).
    pub session: Option<(String, i64, String)>,
}

#[server(prefix = "/api", endpoint = "fee_view")]
pub async fn fee_view(id: String) -> Result<FeeInfo, AppError> {
    use crate::api::context::{app_state, require_session};
    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    let row = crate::api::form::visible(&state, &actor, &id).await?;
    let facts = row.facts();
    let paid = state.store.paid_payment_of(&id).await?;
    let session = state.store.session_of_application(&id).await?.map(|s| (s.name, s.held_at, s.place));
    Ok(FeeInfo {
        application_id: id,
        status: facts.status,
        amount_fen: paid.as_ref().map(|p| p.amount_fen).unwrap_or(state.config.fee_fen),
        payable: crate::domain::fee::may_pay(&actor, &facts).is_ok(),
        paid: paid.and_then(|p| Some((p.id, p.paid_at?))),
        session,
    })
}

/// Opens an order and sends the payer to the gateway's pay page.
#[server(prefix = "/api", endpoint = "start_payment")]
pub async fn start_payment(id: String) -> Result<String, AppError> {
    use crate::api::context::{app_state, require_session};
    use crate::i18n::Msg;
    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    let row = crate::api::form::visible(&state, &actor, &id).await?;
    let facts = row.facts();
    if crate::domain::fee::may_pay(&actor, &facts).is_err() {
        return Err(AppError::refused(Msg::FeeNotPayable));
    }
    let order = crate::store::fees::PaymentRow {
        id: format!("ZP{}", crate::store::new_id()[..16].to_uppercase()),
        application_id: id,
        applicant_id: actor.user_id.clone(),
        amount_fen: state.config.fee_fen,
        status: crate::domain::fee::PaymentStatus::Pending,
        gateway: state.gateway.name().into(),
        gateway_txn: None,
        created_at: state.clock.now().millis(),
        paid_at: None,
    };
    state.store.insert_payment(&order).await?;
    let url = state.gateway.pay_url(&order.id);
    // without JavaScript the browser follows the redirect; with it the page navigates itself
    crate::api::form::redirect_form_post(&url);
    Ok(url)
}
