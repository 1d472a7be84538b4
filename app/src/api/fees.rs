//! The evaluation fee (seed §(十), SPEC rule 13): what is due, and paying it (`service::fees`).
//! The gateway's signed callback (server route `/payments/callback`) records the payment; the
//! receipt is a PDF (`/payments/<order>/receipt.pdf`).

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

/// What the applicant owes or paid for an application they may see.
#[server(prefix = "/api", endpoint = "fee_view")]
pub async fn fee_view(id: String) -> Result<FeeInfo, AppError> {
    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    crate::service::fees::fee(&state, &actor, &id).await
}

/// Opens an order and sends the payer to the gateway's pay page.
#[server(prefix = "/api", endpoint = "start_payment")]
pub async fn start_payment(id: String) -> Result<String, AppError> {
    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    let url = crate::service::fees::start_payment(&state, &actor, &id).await?;
    // without JavaScript the browser follows the redirect; with it the page navigates itself
    crate::api::context::redirect_form_post(&url);
    Ok(url)
}

/// 查询支付结果: asks the gateway about the application's open orders (the payer came back
/// before the gateway's notification did). Answers whether a payment was found.
#[server(prefix = "/api", endpoint = "check_payment")]
pub async fn check_payment(id: String) -> Result<bool, AppError> {
    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    let found = crate::service::fees::check_payment(&state, &actor, &id).await?;
    crate::api::context::redirect_form_post(&format!("/applications/{id}/fee?checked=1"));
    Ok(found)
}
