//! Text messages through Alibaba Cloud SMS (issue 17): the real binary sends to a stand-in for
//! `dysmsapi.aliyuncs.com` on loopback that checks each request the way Alibaba documents it —
//! the signature recomputed here by its own code, the time within 15 minutes, a nonce never seen
//! before — and answers as Alibaba does: OK, flow control (isv.BUSINESS_LIMIT_CONTROL), an illegal
//! number (isv.MOBILE_NUMBER_ILLEGAL), or SignatureDoesNotMatch.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Json;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::json;

use crate::support::*;

const KEY_ID: &str = "LTAI5tTestKeyId";
const SECRET: &str = "test-secret-of-the-stand-in";
/// The stand-in's numbers: one it throttles while told to, one it calls illegal.
const THROTTLED: &str = "13900000002";
const ILLEGAL: &str = "13900000003";

#[derive(Default)]
struct Provider {
    /// (phone, template code, template parameters) of each message accepted
    accepted: Vec<(String, String, serde_json::Value)>,
    nonces: HashSet<String>,
    throttling: bool,
    refused_signatures: usize,
}

type Shared = Arc<Mutex<Provider>>;

/// RFC 3986, written again here so the adapter's own encoder is not what checks it.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn expected_signature(params: &BTreeMap<String, String>) -> String {
    let query: Vec<String> =
        params.iter().filter(|(k, _)| *k != "Signature").map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    let to_sign = format!("GET&%2F&{}", encode(&query.join("&")));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{SECRET}&").as_bytes()).unwrap();
    mac.update(to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

async fn send_sms(State(p): State<Shared>, Query(q): Query<BTreeMap<String, String>>) -> impl IntoResponse {
    let refuse =
        |code: &str, message: &str| (StatusCode::BAD_REQUEST, Json(json!({"Code": code, "Message": message, "RequestId": "stand-in"})));
    let mut p = p.lock().unwrap();
    let common = [
        ("Action", "SendSms"),
        ("Version", "2017-05-25"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("Format", "JSON"),
    ];
    if common.iter().any(|(k, v)| q.get(*k).map(String::as_str) != Some(v)) {
        return refuse("MissingParameter", "a common parameter is missing or wrong");
    }
    if q.get("AccessKeyId").map(String::as_str) != Some(KEY_ID) {
        return refuse("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    if q.get("Signature") != Some(&expected_signature(&q)) {
        p.refused_signatures += 1;
        return refuse("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    let at = q.get("Timestamp").and_then(|t| time::PrimitiveDateTime::parse(t, &format).ok()).map(|t| t.assume_utc());
    if at.is_none_or(|at| (time::OffsetDateTime::now_utc() - at).abs() > time::Duration::minutes(15)) {
        return refuse("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }
    if !p.nonces.insert(q["SignatureNonce"].clone()) {
        return refuse("SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    let phone = q.get("PhoneNumbers").cloned().unwrap_or_default();
    let ok = |body: serde_json::Value| (StatusCode::OK, Json(body));
    if phone == THROTTLED && p.throttling {
        return ok(json!({"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控Permits:1", "RequestId": "stand-in"}));
    }
    if phone == ILLEGAL {
        return ok(json!({"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": "stand-in"}));
    }
    let params: serde_json::Value = serde_json::from_str(q.get("TemplateParam").map(String::as_str).unwrap_or("")).unwrap_or_default();
    p.accepted.push((phone, q.get("TemplateCode").cloned().unwrap_or_default(), params));
    ok(json!({"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "stand-in"}))
}

async fn stand_in() -> (String, Shared) {
    let shared: Shared = Default::default();
    let app = axum::Router::new().route("/", get(send_sms)).with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://127.0.0.1:{}/", addr.port()), shared)
}

const TEMPLATES: &str = "username=SMS_100,reset_code=SMS_101,invitation=SMS_102,returned=SMS_103,reminder=SMS_104,evaluation=SMS_105";

async fn with_sms(endpoint: &str, secret: &str) -> Server {
    start_with(&[
        ("ZP_SMS_PROVIDER", "aliyun"),
        ("ZP_ALIYUN_ACCESS_KEY_ID", KEY_ID),
        ("ZP_ALIYUN_ACCESS_KEY_SECRET", secret),
        ("ZP_ALIYUN_SMS_SIGN_NAME", "职评平台"),
        ("ZP_ALIYUN_SMS_TEMPLATES", TEMPLATES),
        ("ZP_ALIYUN_SMS_ENDPOINT", endpoint),
    ])
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reset_code_goes_out_as_the_registered_template_with_its_code() {
    let (endpoint, provider) = stand_in().await;
    let s = with_sms(&endpoint, SECRET).await;
    let (status, _) = call(&client(), &s, "request_reset_code", &[("account", "shenbao"), ("channel", "sms")]).await;
    assert_eq!(status, 200);
    let (_, attempts, error) = outbox_settled(&s, "13991000001", "sent").await;
    assert_eq!((attempts, error.as_str()), (1, ""));
    let stored = s.store().await.outbox(10).await.unwrap();
    let code: String = stored[0].body.split("验证码是").nth(1).unwrap().trim_start().chars().take_while(char::is_ascii_digit).collect();
    let p = provider.lock().unwrap();
    assert_eq!(p.accepted, vec![("13991000001".to_string(), "SMS_101".to_string(), json!({ "code": code }))]);
    assert_eq!(p.refused_signatures, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn flow_control_is_waited_out_and_the_message_sent_once() {
    let (endpoint, provider) = stand_in().await;
    provider.lock().unwrap().throttling = true;
    let s = with_sms(&endpoint, SECRET).await;
    invite_staff(&s, "王磊", "throttled", THROTTLED, "wl@example.cn").await;
    // refused for now: kept with the provider's words, to be tried again
    let row = outbox_tried(&s, THROTTLED).await;
    assert_eq!(row.0, "pending");
    assert!(row.2.contains("isv.BUSINESS_LIMIT_CONTROL"), "{row:?}");

    provider.lock().unwrap().throttling = false;
    advance_clock(&s, 31_000).await;
    let (_, attempts, _) = outbox_settled(&s, THROTTLED, "sent").await;
    assert_eq!(attempts, 2);
    advance_clock(&s, 3_600_000).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let p = provider.lock().unwrap();
    let sent: Vec<_> = p.accepted.iter().filter(|(phone, _, _)| phone == THROTTLED).collect();
    assert_eq!(sent.len(), 1, "sent once");
    let (_, template, params) = sent[0];
    assert_eq!((template.as_str(), params["username"].as_str(), params["name"].as_str()), ("SMS_102", Some("throttled"), Some("王磊")));
    assert!(params["code"].as_str().unwrap().chars().all(|c| c.is_ascii_digit()), "{params}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_illegal_number_and_a_wrong_key_end_failed_without_retrying() {
    let (endpoint, provider) = stand_in().await;
    let s = with_sms(&endpoint, SECRET).await;
    invite_staff(&s, "王磊", "illegal", ILLEGAL, "wl@example.cn").await;
    let (_, attempts, error) = outbox_settled(&s, ILLEGAL, "failed").await;
    assert_eq!(attempts, 1);
    assert!(error.contains("isv.MOBILE_NUMBER_ILLEGAL") && error.contains("非法手机号"), "{error}");
    drop(s);

    // a server configured with the wrong secret: the provider refuses the signature, every time
    let s = with_sms(&endpoint, "not-the-secret").await;
    call(&client(), &s, "request_reset_code", &[("account", "shenbao"), ("channel", "sms")]).await;
    let (_, attempts, error) = outbox_settled(&s, "13991000001", "failed").await;
    assert_eq!(attempts, 1);
    assert!(error.contains("SignatureDoesNotMatch"), "{error}");
    let p = provider.lock().unwrap();
    assert_eq!((p.refused_signatures, p.accepted.len()), (1, 0));
}
