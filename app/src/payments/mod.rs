//! Payment gateways (server only). The platform talks to a gateway through `PaymentGateway`: it
//! sends the payer to the gateway's pay page, the gateway reports the payment (a signed
//! notification), and the platform may ask the gateway about an order it never heard of
//! (reconciliation). Only a report whose signature holds is believed; the store makes a repeated
//! one change nothing and compares the amount in fen.
//!
//! - `alipay::Alipay`: 支付宝 手机网站支付 (`alipay.trade.wap.pay`), RSA2 signatures, the
//!   asynchronous notification, `alipay.trade.query` and `alipay.trade.refund`.
//! - `LocalGateway` (below), the demo's only: its pay page is served by this server
//!   (`/gateway/pay/<order>`) and charges nothing; when the payer confirms it signs the callback
//!   with HMAC-SHA256 under its own secret and hands it to the same handler.

pub mod alipay;

use std::future::Future;
use std::pin::Pin;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What a gateway reports about an order.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Callback {
    pub order_id: String,
    pub amount_fen: i64,
    /// The gateway's own transaction number.
    pub txn: String,
    /// `paid` is the only status that moves anything.
    pub status: String,
    /// Hex HMAC-SHA256 of `order_id|amount_fen|txn|status`.
    pub signature: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("signature does not verify")]
    BadSignature,
    #[error("status {0} is not a payment")]
    NotPaid(String),
    #[error("reported for another merchant")]
    NotOurs,
    #[error("the amount is not an amount")]
    BadAmount,
    #[error("this gateway reports no other way")]
    Unsupported,
}

/// The order the payer is sent to pay.
pub struct Order<'a> {
    pub id: &'a str,
    pub application_id: &'a str,
    pub amount_fen: i64,
    /// What the payer's gateway page shows (职称评审费 · series).
    pub subject: &'a str,
}

/// What a gateway says of an order, believed (its signature held).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub order_id: String,
    pub amount_fen: i64,
    /// The gateway's own transaction number.
    pub txn: String,
}

pub type QueryFuture<'a> = Pin<Box<dyn Future<Output = Result<Option<Report>, String>> + Send + 'a>>;

/// A refund to ask of the gateway: the whole of a paid order, under our request number (the same
/// number asked again is the same refund, so a lost answer may be asked again safely).
pub struct Refund<'a> {
    pub order_id: &'a str,
    pub amount_fen: i64,
    pub refund_no: &'a str,
    /// Shown to the payer by the gateway (退款原因).
    pub reason: &'a str,
}

/// `Ok` when the gateway says the money went back; `Err` with its reason in words otherwise.
pub type RefundFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

pub trait PaymentGateway: Send + Sync {
    /// Shown on the receipt (支付渠道).
    fn name(&self) -> &'static str;
    /// Where the payer goes to pay this order.
    fn pay_url(&self, order: &Order<'_>) -> Result<String, String>;
    /// The origin the pay page is on, when it is another site's (the page's CSP lets a form's
    /// redirect go there).
    fn pay_origin(&self) -> Option<String> {
        None
    }
    /// Believes the callback only if its signature holds and it reports a payment.
    fn verify(&self, c: &Callback) -> Result<(), CallbackError>;
    /// Reads a notification as the gateway posts it (form fields), believing it only if it verifies.
    fn notification(&self, _fields: &std::collections::BTreeMap<String, String>) -> Result<Report, CallbackError> {
        Err(CallbackError::Unsupported)
    }
    /// Asks the gateway whether the order was paid: `Ok(None)` when it was not (or the gateway
    /// has nobody to ask, as the built-in one).
    fn query<'a>(&'a self, _order_id: &'a str) -> QueryFuture<'a> {
        Box::pin(async { Ok(None) })
    }
    /// Gives a paid order's money back to the payer.
    fn refund<'a>(&'a self, refund: &'a Refund<'a>) -> RefundFuture<'a>;
}

type HmacSha256 = Hmac<Sha256>;

fn message(c: &Callback) -> String {
    format!("{}|{}|{}|{}", c.order_id, c.amount_fen, c.txn, c.status)
}

/// The built-in gateway (see the module's comment).
pub struct LocalGateway {
    secret: Vec<u8>,
}

impl LocalGateway {
    pub fn new(secret: Vec<u8>) -> Self {
        Self { secret }
    }

    /// Reads the shared secret from `path`, or makes one (32 random bytes, hex) and keeps it there.
    pub fn load_or_create(path: &std::path::Path) -> Result<Self, String> {
        crate::security::load_or_create_secret(path).map(|(secret, _)| Self::new(secret))
    }

    /// What the gateway's side does when the payer confirms: the signed callback.
    pub fn signed_callback(&self, order_id: &str, amount_fen: i64, txn: &str) -> Callback {
        let mut c = Callback { order_id: order_id.into(), amount_fen, txn: txn.into(), status: "paid".into(), signature: String::new() };
        c.signature = self.mac_hex(&message(&c));
        c
    }

    fn mac_hex(&self, msg: &str) -> String {
        // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
        let mut mac = match HmacSha256::new_from_slice(&self.secret) {
            Ok(m) => m,
            Err(_) => return String::new(),
        };
        mac.update(msg.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl PaymentGateway for LocalGateway {
    fn name(&self) -> &'static str {
        "内置支付网关（单机版）"
    }

    fn pay_url(&self, order: &Order<'_>) -> Result<String, String> {
        Ok(format!("/gateway/pay/{}", order.id))
    }

    /// It took nothing, so the refund is only recorded.
    fn refund<'a>(&'a self, _refund: &'a Refund<'a>) -> RefundFuture<'a> {
        Box::pin(async { Ok(()) })
    }

    fn verify(&self, c: &Callback) -> Result<(), CallbackError> {
        let Ok(given) = hex::decode(c.signature.trim()) else { return Err(CallbackError::BadSignature) };
        let mut mac = HmacSha256::new_from_slice(&self.secret).map_err(|_| CallbackError::BadSignature)?;
        mac.update(message(c).as_bytes());
        // constant-time comparison
        mac.verify_slice(&given).map_err(|_| CallbackError::BadSignature)?;
        if c.status != "paid" {
            return Err(CallbackError::NotPaid(c.status.clone()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_callback_signed_with_the_secret_is_believed() {
        let g = LocalGateway::new(b"0123456789abcdef0123456789abcdef".to_vec());
        let good = g.signed_callback("order-1", 30000, "T1");
        assert_eq!(g.verify(&good), Ok(()));
        // a changed amount, order or transaction with the old signature
        for forged in [
            Callback { amount_fen: 1, ..good.clone() },
            Callback { order_id: "order-2".into(), ..good.clone() },
            Callback { txn: "T2".into(), ..good.clone() },
            Callback { signature: "00".repeat(32), ..good.clone() },
            Callback { signature: "not hex".into(), ..good.clone() },
        ] {
            assert_eq!(g.verify(&forged), Err(CallbackError::BadSignature), "{forged:?}");
        }
        // signed by another secret
        let other = LocalGateway::new(b"another secret of thirty-two chars!!".to_vec());
        assert_eq!(g.verify(&other.signed_callback("order-1", 30000, "T1")), Err(CallbackError::BadSignature));
        // a correctly signed report of something other than a payment
        let mut failed = good.clone();
        failed.status = "failed".into();
        failed.signature = g.mac_hex(&message(&failed));
        assert_eq!(g.verify(&failed), Err(CallbackError::NotPaid("failed".into())));
    }
}
