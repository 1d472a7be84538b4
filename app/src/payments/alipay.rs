//! 支付宝 (Alipay) 手机网站支付, as Alipay's open platform documents it:
//!
//! - **Pay**: the payer is sent to the gateway (`alipay.trade.wap.pay`, a GET with every parameter
//!   in the address) with the order in `biz_content` (`out_trade_no`, `total_amount` in yuan with
//!   two decimals, `subject`, `product_code` QUICK_WAP_WAY).
//! - **Signing (RSA2)**: every request parameter but `sign` and those with empty values, sorted by
//!   name, joined as `name=value` with `&`, values as they are (not URL-encoded); signed
//!   SHA256withRSA (PKCS#1 v1.5) with the application's private key; Base64.
//! - **Asynchronous notification** (POST to `notify_url`, form fields): believed only if its
//!   `sign` verifies with Alipay's public key over the same string made of every field but `sign`
//!   and `sign_type`; `app_id` must be ours; only `TRADE_SUCCESS` and `TRADE_FINISHED` are payments;
//!   the platform then compares `total_amount` with the order in fen. The answer is `success`.
//! - **Order query** (`alipay.trade.query`, reconciliation): the answer's
//!   `alipay_trade_query_response` object, exactly as the text has it, is what Alipay's `sign`
//!   signs; `ACQ.TRADE_NOT_EXIST` means not paid.
//! - **Refund** (`alipay.trade.refund`): the whole order back, under our `out_request_no` (one per
//!   order: asked again it refunds nothing more); its answer is signed the same way.
//!
//! Configuration (README, "Payments"): `ZP_PAYMENT_PROVIDER=alipay`, `ZP_ALIPAY_APP_ID`,
//! `ZP_ALIPAY_PRIVATE_KEY_FILE` (the application's private key, PEM PKCS#8 or PKCS#1, or the bare
//! Base64 Alipay's key tool writes), `ZP_ALIPAY_PUBLIC_KEY_FILE` (Alipay's public key, PEM or bare
//! Base64), `ZP_ALIPAY_GATEWAY` (default `https://openapi.alipay.com/gateway.do`; the sandbox is
//! `https://openapi-sandbox.dl.alipaydev.com/gateway.do`); the notification and return addresses
//! are under `ZP_PUBLIC_ORIGIN`.

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;

use super::{Callback, CallbackError, Order, PaymentGateway, QueryFuture, Refund, RefundFuture, Report};
use crate::domain::fee::{fen_of_yuan as fen, yuan_digits as yuan};
use crate::security::percent_encode;

pub const DEFAULT_GATEWAY: &str = "https://openapi.alipay.com/gateway.do";

/// A key as Alipay's tools write it: PEM, or the bare Base64 of the DER.
fn der_of(text: &str) -> Result<Vec<u8>, String> {
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).map(str::trim).collect();
    base64::engine::general_purpose::STANDARD.decode(body).map_err(|e| format!("not a key in PEM or Base64: {e}"))
}

pub fn private_key(text: &str) -> Result<RsaPrivateKey, String> {
    let der = der_of(text)?;
    RsaPrivateKey::from_pkcs8_der(&der).or_else(|_| RsaPrivateKey::from_pkcs1_der(&der)).map_err(|e| format!("not an RSA private key: {e}"))
}

pub fn public_key(text: &str) -> Result<RsaPublicKey, String> {
    RsaPublicKey::from_public_key_der(&der_of(text)?).map_err(|e| format!("not an RSA public key: {e}"))
}

/// The string Alipay signs: the pairs but those named in `leave_out` and the empty ones, sorted
/// by name (a BTreeMap is), `name=value` joined with `&`.
pub fn sign_content(params: &BTreeMap<String, String>, leave_out: &[&str]) -> String {
    params
        .iter()
        .filter(|(k, v)| !leave_out.contains(&k.as_str()) && !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// RSA2: Base64 of SHA256withRSA (PKCS#1 v1.5).
pub fn rsa2_sign(key: &RsaPrivateKey, content: &str) -> String {
    let signature = SigningKey::<Sha256>::new(key.clone()).sign(content.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(signature.to_bytes())
}

pub fn rsa2_verify(key: &RsaPublicKey, content: &str, sign: &str) -> bool {
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(sign.trim()) else { return false };
    let Ok(signature) = Signature::try_from(bytes.as_slice()) else { return false };
    VerifyingKey::<Sha256>::new(key.clone()).verify(content.as_bytes(), &signature).is_ok()
}

/// Beijing time as Alipay's `timestamp` wants it.
fn timestamp_now() -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    (time::OffsetDateTime::now_utc() + time::Duration::hours(8)).format(&format).unwrap_or_default()
}

/// The object named `key` in a JSON text, exactly as written there (what Alipay signs in an answer).
pub fn object_text<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let at = text.find(&format!("\"{key}\""))? + key.len() + 2;
    let start = at + text[at..].find('{')?;
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text[start..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' if !in_string => depth += 1,
            '}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[start..=start + i]);
                }
            }
            _ => {}
        }
    }
    None
}

#[derive(Clone, Debug)]
pub struct AlipayConfig {
    pub app_id: String,
    pub gateway: String,
    pub private_key: RsaPrivateKey,
    pub alipay_public_key: RsaPublicKey,
    /// The platform's public origin: the notification and return addresses are under it.
    pub origin: String,
}

impl AlipayConfig {
    /// `None` unless `ZP_PAYMENT_PROVIDER=alipay`; `origin` is `ZP_PUBLIC_ORIGIN`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>, origin: Option<&str>) -> Result<Option<Self>, String> {
        match var("ZP_PAYMENT_PROVIDER").as_deref() {
            None => return Ok(None),
            Some("alipay") => {}
            Some(other) => return Err(format!("ZP_PAYMENT_PROVIDER={other}: the payment provider built in is alipay (支付宝)")),
        }
        let need = |k: &str| var(k).ok_or_else(|| format!("{k} is not set (ZP_PAYMENT_PROVIDER=alipay needs it)"));
        let read = |k: &str| -> Result<String, String> {
            let path = need(k)?;
            crate::security::read_private(std::path::Path::new(&path)).map_err(|e| format!("{k}={path}: {e}"))
        };
        let gateway = var("ZP_ALIPAY_GATEWAY").unwrap_or_else(|| DEFAULT_GATEWAY.into());
        if !crate::security::https_or_loopback(&gateway) {
            return Err(format!("ZP_ALIPAY_GATEWAY={gateway}: https:// (plain http only to this machine)"));
        }
        let origin = origin.ok_or("ZP_PAYMENT_PROVIDER=alipay needs ZP_PUBLIC_ORIGIN: Alipay posts its notifications under it")?;
        Ok(Some(Self {
            app_id: need("ZP_ALIPAY_APP_ID")?,
            gateway,
            private_key: private_key(&read("ZP_ALIPAY_PRIVATE_KEY_FILE")?).map_err(|e| format!("ZP_ALIPAY_PRIVATE_KEY_FILE: {e}"))?,
            alipay_public_key: public_key(&read("ZP_ALIPAY_PUBLIC_KEY_FILE")?).map_err(|e| format!("ZP_ALIPAY_PUBLIC_KEY_FILE: {e}"))?,
            origin: origin.trim_end_matches('/').to_string(),
        }))
    }
}

pub struct Alipay {
    config: AlipayConfig,
    http: reqwest::Client,
}

/// Where Alipay posts its notifications (a server route).
pub const NOTIFY_PATH: &str = "/payments/alipay/notify";

impl Alipay {
    pub fn new(config: AlipayConfig) -> Result<Self, String> {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().map_err(|e| e.to_string())?;
        Ok(Self { config, http })
    }

    /// The common parameters of a request for `method`, its `biz_content`, and the signature.
    pub fn signed_request(&self, method: &str, biz_content: serde_json::Value, extra: &[(&str, String)]) -> BTreeMap<String, String> {
        let mut p: BTreeMap<String, String> = [
            ("app_id", self.config.app_id.clone()),
            ("method", method.into()),
            ("format", "JSON".into()),
            ("charset", "utf-8".into()),
            ("sign_type", "RSA2".into()),
            ("timestamp", timestamp_now()),
            ("version", "1.0".into()),
            ("biz_content", biz_content.to_string()),
        ]
        .into_iter()
        .chain(extra.iter().cloned())
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let sign = rsa2_sign(&self.config.private_key, &sign_content(&p, &["sign"]));
        p.insert("sign".into(), sign);
        p
    }

    /// Believes an asynchronous notification (its form fields) only if it verifies, is ours and
    /// reports a payment.
    pub fn notification(&self, fields: &BTreeMap<String, String>) -> Result<Report, CallbackError> {
        let sign = fields.get("sign").ok_or(CallbackError::BadSignature)?;
        if fields.get("sign_type").map(String::as_str) != Some("RSA2")
            || !rsa2_verify(&self.config.alipay_public_key, &sign_content(fields, &["sign", "sign_type"]), sign)
        {
            return Err(CallbackError::BadSignature);
        }
        if fields.get("app_id") != Some(&self.config.app_id) {
            return Err(CallbackError::NotOurs);
        }
        let status = fields.get("trade_status").cloned().unwrap_or_default();
        if !matches!(status.as_str(), "TRADE_SUCCESS" | "TRADE_FINISHED") {
            return Err(CallbackError::NotPaid(status));
        }
        let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
        let amount_fen = fen(&field("total_amount")).ok_or(CallbackError::BadAmount)?;
        Ok(Report { order_id: field("out_trade_no"), amount_fen, txn: field("trade_no") })
    }

    /// Calls `method` and believes the answer only when Alipay's key signed it: its
    /// `<method>_response` object, exactly as the text has it.
    async fn call(&self, method: &str, biz_content: serde_json::Value) -> Result<serde_json::Value, String> {
        let params = self.signed_request(method, biz_content, &[]);
        let text = self
            .http
            .post(&self.config.gateway)
            .form(&params)
            .send()
            .await
            .map_err(|e| format!("支付宝暂不可达：{e}"))?
            .text()
            .await
            .map_err(|e| format!("支付宝应答中断：{e}"))?;
        let key = format!("{}_response", method.replace('.', "_"));
        let body = object_text(&text, &key).ok_or("支付宝应答中没有结果")?;
        let whole: serde_json::Value = serde_json::from_str(&text).map_err(|_| "支付宝应答无法读取")?;
        let sign = whole["sign"].as_str().ok_or("支付宝应答没有签名")?;
        if !rsa2_verify(&self.config.alipay_public_key, body, sign) {
            return Err("支付宝应答的签名不符".into());
        }
        serde_json::from_str(body).map_err(|_| "支付宝应答无法读取".into())
    }

    async fn query_order(&self, order_id: &str) -> Result<Option<Report>, String> {
        let r = self.call("alipay.trade.query", serde_json::json!({ "out_trade_no": order_id })).await?;
        let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
        match (s("code").as_str(), s("sub_code").as_str()) {
            ("10000", _) if matches!(s("trade_status").as_str(), "TRADE_SUCCESS" | "TRADE_FINISHED") && s("out_trade_no") == order_id => {
                let amount_fen = fen(&s("total_amount")).ok_or("支付宝应答的金额无法读取")?;
                Ok(Some(Report { order_id: order_id.to_string(), amount_fen, txn: s("trade_no") }))
            }
            ("10000", _) | (_, "ACQ.TRADE_NOT_EXIST") => Ok(None),
            (code, sub) => Err(format!("支付宝查询失败：{code} {sub} {}", s("sub_msg"))),
        }
    }

    /// `alipay.trade.refund` of the whole order. Alipay answers 10000 for a refund made now and
    /// for the same `out_request_no` asked again (then `fund_change` is N); either way the
    /// refunded total (`refund_fee`) must cover the amount.
    async fn refund_order(&self, refund: &Refund<'_>) -> Result<(), String> {
        let biz = serde_json::json!({
            "out_trade_no": refund.order_id,
            "refund_amount": yuan(refund.amount_fen),
            "out_request_no": refund.refund_no,
            "refund_reason": refund.reason,
        });
        let r = self.call("alipay.trade.refund", biz).await?;
        let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
        match s("code").as_str() {
            "10000" if s("out_trade_no") == refund.order_id => match fen(&s("refund_fee")) {
                Some(total) if total >= refund.amount_fen => Ok(()),
                _ => Err(format!("支付宝退款金额不符：{}", s("refund_fee"))),
            },
            code => Err(format!("支付宝退款失败：{code} {} {}", s("sub_code"), s("sub_msg"))),
        }
    }
}

impl PaymentGateway for Alipay {
    fn name(&self) -> &'static str {
        "支付宝"
    }

    fn pay_url(&self, order: &Order<'_>) -> Result<String, String> {
        let back = format!("{}/applications/{}/fee", self.config.origin, order.application_id);
        let biz = serde_json::json!({
            "out_trade_no": order.id,
            "total_amount": yuan(order.amount_fen),
            "subject": order.subject,
            "product_code": "QUICK_WAP_WAY",
            "quit_url": back,
        });
        let extra = [("notify_url", format!("{}{NOTIFY_PATH}", self.config.origin)), ("return_url", format!("{back}?paid=1"))];
        let params = self.signed_request("alipay.trade.wap.pay", biz, &extra);
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect();
        Ok(format!("{}?{}", self.config.gateway, query.join("&")))
    }

    fn pay_origin(&self) -> Option<String> {
        let rest = self.config.gateway.split_once("://")?;
        Some(format!("{}://{}", rest.0, rest.1.split('/').next()?))
    }

    fn verify(&self, _c: &Callback) -> Result<(), CallbackError> {
        // Alipay's reports come as its own notification (`notification`), never in the built-in shape
        Err(CallbackError::BadSignature)
    }

    fn notification(&self, fields: &BTreeMap<String, String>) -> Result<Report, CallbackError> {
        Alipay::notification(self, fields)
    }

    fn query<'a>(&'a self, order_id: &'a str) -> QueryFuture<'a> {
        Box::pin(self.query_order(order_id))
    }

    fn refund<'a>(&'a self, refund: &'a Refund<'a>) -> RefundFuture<'a> {
        Box::pin(self.refund_order(refund))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_string_to_sign_is_sorted_and_leaves_out_what_it_must() {
        let p: BTreeMap<String, String> = [("b", "2"), ("a", "1"), ("sign", "x"), ("sign_type", "RSA2"), ("empty", "")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(sign_content(&p, &["sign"]), "a=1&b=2&sign_type=RSA2");
        assert_eq!(sign_content(&p, &["sign", "sign_type"]), "a=1&b=2");
    }

    #[test]
    fn the_signed_object_is_found_exactly_as_written() {
        let text = r#"{"alipay_trade_query_response":{"code":"10000","msg":"Success","subject":"a \"}\" b","n":{"x":1}},"sign":"abc"}"#;
        assert_eq!(
            object_text(text, "alipay_trade_query_response"),
            Some(r#"{"code":"10000","msg":"Success","subject":"a \"}\" b","n":{"x":1}}"#)
        );
        assert_eq!(object_text(text, "missing"), None);
    }

    #[test]
    fn rsa2_signs_and_verifies_and_nothing_else_verifies() {
        let mut rng = rand::rngs::OsRng;
        let key = RsaPrivateKey::new(&mut rng, 1024).unwrap();
        let public = RsaPublicKey::from(&key);
        let sign = rsa2_sign(&key, "a=1&b=2");
        assert!(rsa2_verify(&public, "a=1&b=2", &sign));
        assert!(!rsa2_verify(&public, "a=1&b=3", &sign));
        assert!(!rsa2_verify(&public, "a=1&b=2", "not base64!"));
        let other = RsaPublicKey::from(&RsaPrivateKey::new(&mut rng, 1024).unwrap());
        assert!(!rsa2_verify(&other, "a=1&b=2", &sign));
    }
}
