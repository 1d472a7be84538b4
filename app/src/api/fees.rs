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
    /// Money paid with nothing to pay for (a second order, or after the application closed):
    /// (amount, when it went back, if it has).
    pub refunds: Vec<(String, Option<String>)>,
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

/// One order as the office's fee accounts show it, in words and Beijing time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeLine {
    pub id: String,
    pub application_id: String,
    pub applicant_name: String,
    pub series: String,
    /// ¥300.00
    pub amount: String,
    pub gateway: String,
    /// The gateway's transaction number, once paid.
    pub txn: Option<String>,
    pub opened_at: String,
    pub paid_at: Option<String>,
    /// Our refund request number and when it was made, once refunded.
    pub refund: Option<(String, String)>,
}

/// 收费对账: an evaluation office's fee orders that need or had its attention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeLedger {
    /// Orders waiting for the gateway's word (the last 48 hours).
    pub waiting: Vec<FeeLine>,
    /// Paid with nothing to pay for: to be refunded, oldest first.
    pub refunds_due: Vec<FeeLine>,
    /// The fees of applications the platform closed after they were paid (a fraud finding):
    /// refunded if the office so decides.
    pub closed_paid: Vec<FeeLine>,
    /// Refunds made (the last 90 days).
    pub refunded: Vec<FeeLine>,
    /// The gateway orders go through (支付宝, or the built-in one).
    pub gateway: String,
}

/// The fee accounts of the signed-in office reviewer's office (`service::fees::accounts`).
#[server(prefix = "/api", endpoint = "fee_accounts")]
pub async fn fee_accounts() -> Result<FeeLedger, AppError> {
    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    crate::service::fees::accounts(&state, &actor).await
}

/// 立即与支付平台核对: asks the gateway about every waiting order of the office now. Answers
/// (asked, found paid).
#[server(prefix = "/api", endpoint = "reconcile_fees")]
pub async fn reconcile_fees() -> Result<(usize, usize), AppError> {
    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    let (asked, found) = crate::service::fees::reconcile_office(&state, &actor).await?;
    crate::api::context::redirect_form_post(&format!("/fees?asked={asked}&found={found}"));
    Ok((asked, found))
}

/// 原路退款: gives a refund-due order's money back through the gateway that took it.
#[server(prefix = "/api", endpoint = "refund_payment")]
pub async fn refund_payment(id: String) -> Result<(), AppError> {
    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    let client_ip = crate::api::context::request_ip(&state)?;
    crate::service::fees::refund(&state, &actor, &client_ip, &id).await?;
    crate::api::context::redirect_form_post(&format!("/fees?refunded={id}"));
    Ok(())
}
