//! The fee's plain routes: the gateway's callback (believed only with a valid HMAC signature; a
//! repeated one changes nothing), the receipt PDF, and — in the demo only — the built-in
//! gateway's pay page, which only the payer signed in can see and confirm.

use std::collections::BTreeMap;

use axum::extract::{Extension, Form, Path};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::config::LeptosOptions;
use serde_json::json;

use app::api::context::session_from_headers;
use app::api::error::AppError;
use app::certificates::pdf::{receipt_pdf, ReceiptPage};
use app::domain::fee::yuan;
use app::domain::instant::Instant;
use app::domain::site_path::login_then;
use app::domain::workflow::Role;
use app::i18n::Msg;
use app::security::escape_html;

use app::payments::alipay::NOTIFY_PATH;
use app::payments::{Callback, Report};
use app::service::fees::Recorded;
use app::state::AppState;
use app::store::fees::PaymentRow;

use crate::files::{fail, internal, serve};

/// `local_gateway`: the built-in gateway is this server's (the demo), so its pay page is mounted.
pub fn routes(local_gateway: bool) -> Router<LeptosOptions> {
    let router = Router::new()
        .route("/payments/callback", post(callback))
        .route(NOTIFY_PATH, post(notification))
        .route("/payments/{order}/receipt", get(receipt));
    if local_gateway {
        router.route("/gateway/pay/{order}", get(pay_page).post(pay_confirm))
    } else {
        router
    }
}

/// What the built-in gateway's callback does: verified, then recorded.
pub async fn handle_callback(state: &AppState, c: &Callback) -> Response {
    if let Err(e) = state.gateway.verify(c) {
        tracing::warn!(order = %c.order_id, error = %e, "gateway callback refused");
        // the gateway learns that, not why: the details stay in the log (L10)
        return (StatusCode::BAD_REQUEST, Json(json!({ "result": "refused", "reason": "signature" }))).into_response();
    }
    let report = Report { order_id: c.order_id.clone(), amount_fen: c.amount_fen, txn: c.txn.clone() };
    match app::service::fees::record_payment(state, &report).await {
        Ok(Recorded::Paid) => Json(json!({ "result": "paid" })).into_response(),
        // the gateway may repeat itself: answer success so it stops, change nothing
        Ok(Recorded::AlreadyPaid) => Json(json!({ "result": "already_paid" })).into_response(),
        Ok(Recorded::AmountMismatch) => (StatusCode::BAD_REQUEST, Json(json!({ "result": "refused", "reason": "amount" }))).into_response(),
        Ok(Recorded::NoSuchOrder) => (StatusCode::NOT_FOUND, Json(json!({ "result": "refused", "reason": "order" }))).into_response(),
        Ok(Recorded::NotPayable) => (StatusCode::CONFLICT, Json(json!({ "result": "refused", "reason": "not_payable" }))).into_response(),
        Err(e) => fail(e),
    }
}

/// A payment provider's asynchronous notification (Alipay's: form fields, answered `success`
/// once recorded or already recorded, so it stops repeating; `fail` otherwise, and it tries again).
async fn notification(Extension(state): Extension<AppState>, Form(fields): Form<BTreeMap<String, String>>) -> Response {
    let report = match state.gateway.notification(&fields) {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(order = fields.get("out_trade_no").map(String::as_str).unwrap_or(""), error = %e, "payment notification refused");
            return (StatusCode::BAD_REQUEST, "fail").into_response();
        }
    };
    match app::service::fees::record_payment(&state, &report).await {
        Ok(Recorded::Paid | Recorded::AlreadyPaid) => "success".into_response(),
        Ok(other) => {
            tracing::warn!(order = %report.order_id, outcome = ?other, "payment notification not recorded");
            (StatusCode::BAD_REQUEST, "fail").into_response()
        }
        Err(e) => {
            tracing::error!(order = %report.order_id, error = ?e, "payment notification failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "fail").into_response()
        }
    }
}

async fn callback(Extension(state): Extension<AppState>, Form(c): Form<Callback>) -> Response {
    handle_callback(&state, &c).await
}

/// The order on the built-in gateway's page, for its payer only: a visitor is sent to log in
/// first and back; anyone else is told there is no such order.
async fn payers_order(state: &AppState, headers: &HeaderMap, order: &str) -> Result<PaymentRow, Response> {
    let actor = match session_from_headers(state, headers).await {
        Ok(Some((actor, _))) => actor,
        Ok(None) => return Err(Redirect::to(&login_then(&format!("/gateway/pay/{order}"), false)).into_response()),
        Err(e) => return Err(fail(e)),
    };
    match state.store.payment(order).await {
        Ok(Some(p)) if p.applicant_id == actor.user_id => Ok(p),
        Ok(_) => Err(StatusCode::NOT_FOUND.into_response()),
        Err(e) => Err(fail(internal("payment", e))),
    }
}

/// The built-in gateway's page: what a bank's page would show, and one button.
async fn pay_page(Extension(state): Extension<AppState>, Path(order): Path<String>, headers: HeaderMap) -> Response {
    let p = match payers_order(&state, &headers, &order).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    let back = format!("/applications/{}/fee", escape_html(&p.application_id));
    // paid (or paid twice and due back): never a second 确认支付 for one order
    let body = if p.status != app::domain::fee::PaymentStatus::Pending {
        format!("<p>该订单已支付。</p><p><a href=\"{back}\">返回职评</a></p>")
    } else {
        format!(
            "<dl><dt>订单号</dt><dd>{}</dd><dt>商户</dt><dd>职评 · 职称评审费</dd><dt>金额</dt><dd class=amount>{}</dd></dl>\
             <form method=post><button type=submit>确认支付</button></form><p><a href=\"{back}\">取消并返回</a></p>",
            escape_html(&p.id),
            yuan(p.amount_fen)
        )
    };
    Html(format!(
        "<!doctype html><html lang=zh-CN><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\">\
         <title>支付 · 内置支付网关</title><style>body{{font:16px/1.6 system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#222}}\
         h1{{font-size:1.3rem}}.note{{background:#fff4d6;padding:.6rem .8rem;border-radius:6px;font-size:.9rem}}dt{{color:#666;font-size:.9rem}}dd{{margin:0 0 .6rem}}\
         .amount{{font-size:1.6rem;font-weight:600}}button{{font-size:1.1rem;width:100%;min-height:48px;background:#1a7f37;color:#fff;border:0;border-radius:8px}}</style></head>\
         <body><h1>内置支付网关</h1><p class=note>单机版支付网关：用于演示和测试，不会扣款。正式部署时由银行或统一支付平台的适配器替换。</p>{body}</body></html>"
    ))
    .into_response()
}

async fn pay_confirm(Extension(state): Extension<AppState>, Path(order): Path<String>, headers: HeaderMap) -> Response {
    let Some(gateway) = state.local_gateway.clone() else { return StatusCode::NOT_FOUND.into_response() };
    let p = match payers_order(&state, &headers, &order).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    let txn = format!("LG{}", &app::store::new_id()[..20].to_uppercase());
    // the gateway's side signs its report; the platform's side believes it only after checking
    let report = gateway.signed_callback(&p.id, p.amount_fen, &txn);
    let res = handle_callback(&state, &report).await;
    if res.status().is_success() {
        Redirect::to(&format!("/applications/{}/fee?paid=1", p.application_id)).into_response()
    } else {
        res
    }
}

async fn receipt(Extension(state): Extension<AppState>, Path(order): Path<String>, headers: HeaderMap) -> Response {
    let actor = match session_from_headers(&state, &headers).await {
        Ok(Some((actor, _))) => actor,
        Ok(None) => return fail(AppError::Unauthenticated),
        Err(e) => return fail(e),
    };
    let not_found = || fail(AppError::refused(Msg::ApplicationNotFound));
    let p = match state.store.payment(&order).await {
        Ok(Some(p)) if p.status == app::domain::fee::PaymentStatus::Paid => p,
        Ok(_) => return not_found(),
        Err(e) => return fail(internal("payment", e)),
    };
    let app = match state.store.application(&p.application_id).await {
        Ok(Some(a)) => a,
        Ok(None) => return not_found(),
        Err(e) => return fail(internal("application", e)),
    };
    let is_office = actor.role == Role::OfficeReviewer && actor.org_id.as_deref() == Some(app.office_id.as_str());
    if actor.user_id != p.applicant_id && !is_office {
        return not_found();
    }
    let payer = match state.store.user_by_id(&p.applicant_id).await {
        Ok(Some(u)) => u.name,
        Ok(None) => String::new(),
        Err(e) => return fail(internal("payer", e)),
    };
    let payee = match state.store.organisation(&app.office_id).await {
        Ok(o) => o.map(|o| o.name).unwrap_or_default(),
        Err(e) => return fail(internal("office", e)),
    };
    let page = ReceiptPage {
        order_id: &p.id,
        payer: &payer,
        application: &format!("{} · {} · {}", app.series, app.specialty, app.evaluation_year),
        amount: &yuan(p.amount_fen),
        paid_at: &p.paid_at.map(|t| Instant(t).beijing_display()).unwrap_or_default(),
        gateway: &p.gateway,
        gateway_txn: p.gateway_txn.as_deref().unwrap_or(""),
        payee: &payee,
    };
    match receipt_pdf(&page) {
        Ok(bytes) => serve(bytes, "application/pdf", "attachment", &format!("receipt-{}.pdf", p.id)),
        Err(e) => fail(internal("receipt", e)),
    }
}
