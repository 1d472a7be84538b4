//! Paying the fee through Alipay (issue 17): the real binary with Alipay configured against a
//! stand-in for `openapi.alipay.com/gateway.do` that holds "Alipay's" key pair, made by the test:
//! the pay address is signed with the application's key the way Alipay checks it, a notification
//! is believed only when Alipay's key signed it and its amount is the order's, and an order whose
//! notification never came is found by `alipay.trade.query` (查询支付结果, and the office's
//! 立即与支付平台核对); a fee paid twice is refunded by the office through `alipay.trade.refund`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use app::payments::alipay::{rsa2_sign, rsa2_verify, sign_content};
use axum::extract::{Form, State};
use axum::routing::post;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::{RsaPrivateKey, RsaPublicKey};

use crate::support::*;

const APP_ID: &str = "2021000000000001";
const ORIGIN: &str = "https://zhiping.example.cn";

/// The stand-in: orders it was told were paid (order → (amount in yuan, trade number)), the
/// refunds it made (out_request_no → (order, amount)), and whether the merchant's balance is too
/// low to refund.
struct Gateway {
    alipay_key: RsaPrivateKey,
    app_public: RsaPublicKey,
    paid: Mutex<HashMap<String, (String, String)>>,
    refunds: Mutex<BTreeMap<String, (String, String)>>,
    balance_low: Mutex<bool>,
    refused_requests: Mutex<usize>,
}

async fn gateway_do(State(g): State<Arc<Gateway>>, Form(p): Form<BTreeMap<String, String>>) -> String {
    // the answer is `<method>_response`, signed by Alipay's key exactly as written
    let method = p.get("method").cloned().unwrap_or_default();
    let answer = |body: serde_json::Value| {
        let body = body.to_string();
        let sign = rsa2_sign(&g.alipay_key, &body);
        format!(r#"{{"{}_response":{body},"sign":"{sign}"}}"#, method.replace('.', "_"))
    };
    let signed = p.get("sign").is_some_and(|s| rsa2_verify(&g.app_public, &sign_content(&p, &["sign"]), s));
    if !signed || p.get("app_id").map(String::as_str) != Some(APP_ID) || p.get("sign_type").map(String::as_str) != Some("RSA2") {
        *g.refused_requests.lock().unwrap() += 1;
        return answer(
            serde_json::json!({"code": "40002", "msg": "Invalid Arguments", "sub_code": "isv.invalid-signature", "sub_msg": "验签出错"}),
        );
    }
    let biz: serde_json::Value = serde_json::from_str(&p["biz_content"]).unwrap();
    let order = biz["out_trade_no"].as_str().unwrap().to_string();
    if method == "alipay.trade.refund" {
        let Some((paid, trade_no)) = g.paid.lock().unwrap().get(&order).cloned() else {
            return answer(
                serde_json::json!({"code": "40004", "msg": "Business Failed", "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "交易不存在"}),
            );
        };
        if *g.balance_low.lock().unwrap() {
            return answer(serde_json::json!({
                "code": "40004", "msg": "Business Failed", "sub_code": "ACQ.SELLER_BALANCE_NOT_ENOUGH", "sub_msg": "卖家余额不足"
            }));
        }
        let (request_no, amount) =
            (biz["out_request_no"].as_str().unwrap().to_string(), biz["refund_amount"].as_str().unwrap().to_string());
        assert_eq!(amount, paid, "the whole order back");
        // the same out_request_no again refunds nothing more
        let fund_change = if g.refunds.lock().unwrap().insert(request_no, (order.clone(), amount.clone())).is_none() { "Y" } else { "N" };
        return answer(serde_json::json!({
            "code": "10000", "msg": "Success", "out_trade_no": order, "trade_no": trade_no,
            "buyer_logon_id": "159****5620", "fund_change": fund_change, "refund_fee": amount
        }));
    }
    assert_eq!(method, "alipay.trade.query");
    match g.paid.lock().unwrap().get(&order) {
        Some((amount, trade_no)) => answer(serde_json::json!({
            "code": "10000", "msg": "Success", "out_trade_no": order, "trade_no": trade_no,
            "trade_status": "TRADE_SUCCESS", "total_amount": amount, "buyer_logon_id": "159****5620"
        })),
        None => answer(
            serde_json::json!({"code": "40004", "msg": "Business Failed", "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "交易不存在"}),
        ),
    }
}

/// An asynchronous notification as Alipay posts it, signed with `key`.
fn notification(key: &RsaPrivateKey, order: &str, amount: &str, trade_no: &str) -> BTreeMap<String, String> {
    let mut f: BTreeMap<String, String> = [
        ("notify_time", "2026-12-07 10:00:00"),
        ("notify_type", "trade_status_sync"),
        ("notify_id", "ac05099524730693a8b330c5ecf72da9786"),
        ("app_id", APP_ID),
        ("charset", "utf-8"),
        ("version", "1.0"),
        ("trade_no", trade_no),
        ("out_trade_no", order),
        ("trade_status", "TRADE_SUCCESS"),
        ("total_amount", amount),
        ("receipt_amount", amount),
        ("subject", "职称评审费"),
        ("gmt_payment", "2026-12-07 09:59:58"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let sign = rsa2_sign(key, &sign_content(&f, &["sign", "sign_type"]));
    f.insert("sign_type".into(), "RSA2".into());
    f.insert("sign".into(), sign);
    f
}

async fn notify(s: &Server, fields: &BTreeMap<String, String>) -> (u16, String) {
    let r = client().post(format!("{}/payments/alipay/notify", s.base)).form(fields).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_fee_is_paid_through_alipay_believed_only_when_alipay_signed_it() {
    let mut rng = rand::rngs::OsRng;
    let app_key = RsaPrivateKey::new(&mut rng, 2048).unwrap();
    let alipay_key = RsaPrivateKey::new(&mut rng, 2048).unwrap();
    let keys = std::env::temp_dir().join(format!("zhiping-alipay-{}", std::process::id()));
    std::fs::create_dir_all(&keys).unwrap();
    let (private_file, public_file) = (keys.join("app-private.pem"), keys.join("alipay-public.pem"));
    std::fs::write(&private_file, app_key.to_pkcs8_pem(LineEnding::LF).unwrap().as_bytes()).unwrap();
    std::fs::write(&public_file, RsaPublicKey::from(&alipay_key).to_public_key_pem(LineEnding::LF).unwrap()).unwrap();

    let g = Arc::new(Gateway {
        alipay_key: alipay_key.clone(),
        app_public: RsaPublicKey::from(&app_key),
        paid: Default::default(),
        refunds: Default::default(),
        balance_low: Default::default(),
        refused_requests: Default::default(),
    });
    let router = axum::Router::new().route("/gateway.do", post(gateway_do)).with_state(g.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gateway = format!("http://127.0.0.1:{}/gateway.do", listener.local_addr().unwrap().port());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    let s = start_with(&[
        ("ZP_PAYMENT_PROVIDER", "alipay"),
        ("ZP_ALIPAY_APP_ID", APP_ID),
        ("ZP_ALIPAY_PRIVATE_KEY_FILE", private_file.to_str().unwrap()),
        ("ZP_ALIPAY_PUBLIC_KEY_FILE", public_file.to_str().unwrap()),
        ("ZP_ALIPAY_GATEWAY", &gateway),
        ("ZP_PUBLIC_ORIGIN", ORIGIN),
    ])
    .await;
    let (applicant, app) = formally_passed(&s).await;

    // 缴纳评审费: the address of Alipay's pay page, every parameter signed with the application's key
    let (status, body) = call(&applicant, &s, "start_payment", &[("id", &app)]).await;
    assert_eq!(status, 200, "{body}");
    let url: String = serde_json::from_str(&body).unwrap();
    let (base, query) = url.split_once('?').unwrap();
    assert_eq!(base, gateway);
    let p: BTreeMap<String, String> = query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            let v = v.replace('+', " ");
            (k.to_string(), percent_decode(&v))
        })
        .collect();
    assert!(rsa2_verify(&RsaPublicKey::from(&app_key), &sign_content(&p, &["sign"]), &p["sign"]), "the pay address is signed");
    assert_eq!((p["method"].as_str(), p["app_id"].as_str(), p["sign_type"].as_str()), ("alipay.trade.wap.pay", APP_ID, "RSA2"));
    assert_eq!(p["notify_url"], format!("{ORIGIN}/payments/alipay/notify"));
    assert_eq!(p["return_url"], format!("{ORIGIN}/applications/{app}/fee?paid=1"));
    let biz: serde_json::Value = serde_json::from_str(&p["biz_content"]).unwrap();
    assert_eq!((biz["total_amount"].as_str(), biz["product_code"].as_str()), (Some("300.00"), Some("QUICK_WAP_WAY")));
    assert!(biz["subject"].as_str().unwrap().starts_with("职称评审费"), "{biz}");
    let order = biz["out_trade_no"].as_str().unwrap().to_string();
    // the payer pressed 缴纳评审费 twice (two tabs): two orders, both open
    let (status, second) = call(&applicant, &s, "start_payment", &[("id", &app)]).await;
    assert_eq!(status, 200);
    let second_order = second.split("out_trade_no%22%3A%22").nth(1).unwrap().split("%22").next().unwrap().to_string();
    assert_ne!(second_order, order);

    // a notification signed with any other key, or for another amount, changes nothing
    let forged = notification(&app_key, &order, "300.00", "2026120722001400001");
    assert_eq!(notify(&s, &forged).await, (400, "fail".to_string()));
    let cheap = notification(&alipay_key, &order, "0.01", "2026120722001400001");
    assert_eq!(notify(&s, &cheap).await, (400, "fail".to_string()));
    let mut tampered = notification(&alipay_key, &order, "300.00", "2026120722001400001");
    tampered.insert("total_amount".into(), "3.00".into());
    assert_eq!(notify(&s, &tampered).await, (400, "fail".to_string()));
    assert_eq!(status_of(&s, &app).await, "formal_passed");

    // 查询支付结果 before Alipay has it: not paid
    let (status, body) = call(&applicant, &s, "check_payment", &[("id", &app)]).await;
    assert_eq!((status, body.as_str()), (200, "false"));
    // paid, and the notification lost: the office's 核对 asks about both open orders and finds it, once
    g.paid.lock().unwrap().insert(order.clone(), ("300.00".into(), "2026120722001400001".into()));
    let office = login(&s, "pingban").await;
    assert_eq!(call(&applicant, &s, "reconcile_fees", &[]).await.0, 403, "the office's, not the applicant's");
    let (status, body) = call(&office, &s, "reconcile_fees", &[]).await;
    assert_eq!((status, body.as_str()), (200, "[2,1]"));
    assert_ne!(status_of(&s, &app).await, "formal_passed");
    let (status, body) = call(&applicant, &s, "check_payment", &[("id", &app)]).await;
    assert_eq!((status, body.as_str()), (200, "false"), "recorded already");
    let payment = s.store().await.paid_payment_of(&app).await.unwrap().unwrap();
    assert_eq!(
        (payment.gateway.as_str(), payment.gateway_txn.as_deref(), payment.amount_fen),
        ("支付宝", Some("2026120722001400001"), 30000)
    );
    // the late notification is answered `success` (so Alipay stops) and changes nothing
    let real = notification(&alipay_key, &order, "300.00", "2026120722001400001");
    assert_eq!(notify(&s, &real).await, (200, "success".to_string()));
    assert_eq!(notify(&s, &real).await, (200, "success".to_string()));
    let (status, _) = call(&applicant, &s, "check_payment", &[("id", &app)]).await;
    assert_eq!(status, 200);
    // …and paid the second order too: answered `success`, recorded as a refund to make, nothing else moves
    g.paid.lock().unwrap().insert(second_order.clone(), ("300.00".into(), "2026120722001400002".into()));
    let twice = notification(&alipay_key, &second_order, "300.00", "2026120722001400002");
    assert_eq!(notify(&s, &twice).await, (200, "success".to_string()));
    let refunds = s.store().await.refunds_due().await.unwrap();
    assert_eq!(
        refunds.iter().map(|p| (p.id.as_str(), p.gateway_txn.as_deref())).collect::<Vec<_>>(),
        [(second_order.as_str(), Some("2026120722001400002"))]
    );
    assert_eq!(s.store().await.paid_payment_of(&app).await.unwrap().unwrap().id, order);

    // 收费对账: the office sees the refund to make and gives it back the way it came
    let (status, body) = call(&office, &s, "fee_accounts", &[]).await;
    assert_eq!(status, 200, "{body}");
    let accounts: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(accounts["refunds_due"][0]["id"], second_order.as_str(), "{accounts}");
    assert_eq!((accounts["refunds_due"][0]["amount"].as_str(), accounts["waiting"].as_array().map(Vec::len)), (Some("¥300.00"), Some(0)));
    assert_eq!(call(&applicant, &s, "fee_accounts", &[]).await.0, 403);
    assert_eq!(call(&applicant, &s, "refund_payment", &[("id", &second_order)]).await.0, 403);
    // Alipay refuses (the merchant's balance is short): the reason is shown, the fee stays due
    *g.balance_low.lock().unwrap() = true;
    let (status, body) = call(&office, &s, "refund_payment", &[("id", &second_order)]).await;
    assert!(refused(status, &body, "RefundFailed") && body.contains("卖家余额不足"), "{status} {body}");
    assert_eq!(s.store().await.refunds_due().await.unwrap().len(), 1);
    *g.balance_low.lock().unwrap() = false;
    let (status, body) = call(&office, &s, "refund_payment", &[("id", &second_order)]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        g.refunds.lock().unwrap().clone().into_iter().collect::<Vec<_>>(),
        [(format!("{second_order}R"), (second_order.clone(), "300.00".to_string()))]
    );
    let refunded = s.store().await.payment(&second_order).await.unwrap().unwrap();
    assert_eq!(refunded.status.as_str(), "refunded");
    assert!(s.store().await.refunds_due().await.unwrap().is_empty());
    // once only; the order that pays for the application is no refund; an order nobody has is 404
    let (status, body) = call(&office, &s, "refund_payment", &[("id", &second_order)]).await;
    assert!(refused(status, &body, "RefundAlreadyMade"), "{status} {body}");
    let (status, body) = call(&office, &s, "refund_payment", &[("id", &order)]).await;
    assert!(refused(status, &body, "RefundNotDue"), "{status} {body}");
    assert_eq!(call(&office, &s, "refund_payment", &[("id", "ZPNOSUCHORDER")]).await.0, 404);
    let (status, body) = call(&office, &s, "fee_accounts", &[]).await;
    let accounts: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!((status, accounts["refunded"][0]["refund"][0].as_str()), (200, Some(format!("{second_order}R").as_str())));
    assert!(s.verify_audit().0, "the refund is in the audit chain");
    assert_eq!(*g.refused_requests.lock().unwrap(), 0, "every request was signed as Alipay checks it");
    // the fee page's form may send the payer to Alipay's site (CSP form-action)
    let page = applicant.get(format!("{}/applications/{app}/fee", s.base)).send().await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains(&format!("form-action 'self' {}", gateway.trim_end_matches("/gateway.do"))), "{csp}");
    let _ = std::fs::remove_dir_all(&keys);
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
