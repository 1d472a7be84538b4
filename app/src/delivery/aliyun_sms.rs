//! Text messages through Alibaba Cloud SMS (阿里云短信服务): the `SendSms` action of the Dysmsapi
//! API, version 2017-05-25, as an RPC-style GET request signed with Alibaba's signature version 1.0
//! (HMAC-SHA1), exactly as Alibaba documents it:
//!
//! 1. every parameter, the common ones (`AccessKeyId`, `Action`, `Format`, `RegionId`,
//!    `SignatureMethod`, `SignatureNonce`, `SignatureVersion`, `Timestamp`, `Version`) and the
//!    action's (`PhoneNumbers`, `SignName`, `TemplateCode`, `TemplateParam`, `OutId`), is
//!    percent-encoded by RFC 3986 (only `A–Z a–z 0–9 - _ . ~` stay; a space is `%20`, UTF-8 bytes
//!    upper-case hex) and the pairs sorted by name: the canonicalized query string;
//! 2. the string to sign is `GET&%2F&` and the percent-encoded canonicalized query string;
//! 3. the signature is the Base64 of HMAC-SHA1 over it, keyed with the AccessKey secret and `&`,
//!    sent as the `Signature` parameter (itself percent-encoded).
//!
//! The unit tests reproduce Alibaba's two published examples (DescribeRegions with `testid` /
//! `testsecret`, SendSms with `testId` / `testSecret`) to the byte. SMS carries no free text: each
//! message is a template registered with Alibaba (`TemplateCode`), sent with its values as the JSON
//! object `TemplateParam`, whose names are `Template::param_names`. Configuration (README,
//! "Messages"): `ZP_SMS_PROVIDER=aliyun`, `ZP_ALIYUN_ACCESS_KEY_ID`, `ZP_ALIYUN_ACCESS_KEY_SECRET_FILE`
//! (0600; or `ZP_ALIYUN_ACCESS_KEY_SECRET`), `ZP_ALIYUN_SMS_SIGN_NAME`, `ZP_ALIYUN_SMS_TEMPLATES`
//! (`reset_code=SMS_1,username=SMS_2,…`, every template), `ZP_ALIYUN_SMS_ENDPOINT` (default
//! `https://dysmsapi.aliyuncs.com/`; plain http only to this machine, for the tests' stand-in).

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::policy::Failure;
use super::{DeliverFuture, Transport};
use crate::security::percent_encode;
use crate::store::outbox::{Channel, OutboxRow, Template};

pub const DEFAULT_ENDPOINT: &str = "https://dysmsapi.aliyuncs.com/";

#[derive(Clone, Debug)]
pub struct AliyunSmsConfig {
    pub endpoint: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub sign_name: String,
    pub templates: HashMap<Template, String>,
}

impl AliyunSmsConfig {
    /// `None` unless `ZP_SMS_PROVIDER=aliyun`; an error names the variable that is wrong.
    pub fn from_env() -> Result<Option<Self>, String> {
        Self::from_vars(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
    }

    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, String> {
        match var("ZP_SMS_PROVIDER").as_deref() {
            None => return Ok(None),
            Some("aliyun") => {}
            Some(other) => return Err(format!("ZP_SMS_PROVIDER={other}: the SMS provider built in is aliyun (阿里云短信服务)")),
        }
        let need = |k: &str| var(k).ok_or_else(|| format!("{k} is not set (ZP_SMS_PROVIDER=aliyun needs it)"));
        let endpoint = var("ZP_ALIYUN_SMS_ENDPOINT").unwrap_or_else(|| DEFAULT_ENDPOINT.into());
        if !crate::security::https_or_loopback(&endpoint) {
            return Err(format!("ZP_ALIYUN_SMS_ENDPOINT={endpoint}: https:// (plain http only to this machine)"));
        }
        let secret = match var("ZP_ALIYUN_ACCESS_KEY_SECRET_FILE") {
            Some(path) => crate::security::read_private(std::path::Path::new(&path))
                .map_err(|e| format!("ZP_ALIYUN_ACCESS_KEY_SECRET_FILE={path}: {e}"))?
                .trim()
                .to_string(),
            None => need("ZP_ALIYUN_ACCESS_KEY_SECRET")?,
        };
        let mut templates = HashMap::new();
        for pair in need("ZP_ALIYUN_SMS_TEMPLATES")?.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, code)) = pair.split_once('=') else {
                return Err(format!("ZP_ALIYUN_SMS_TEMPLATES: {pair:?} is not name=SMS_code"));
            };
            let t = Template::parse(name.trim()).ok_or_else(|| format!("ZP_ALIYUN_SMS_TEMPLATES: no message is called {name:?}"))?;
            templates.insert(t, code.trim().to_string());
        }
        let missing: Vec<&str> = Template::ALL.iter().filter(|t| !templates.contains_key(t)).map(|t| t.as_str()).collect();
        if !missing.is_empty() {
            return Err(format!("ZP_ALIYUN_SMS_TEMPLATES: no template code for {}", missing.join(", ")));
        }
        Ok(Some(Self {
            endpoint,
            access_key_id: need("ZP_ALIYUN_ACCESS_KEY_ID")?,
            access_key_secret: secret,
            sign_name: need("ZP_ALIYUN_SMS_SIGN_NAME")?,
            templates,
        }))
    }
}

/// The canonicalized query string: pairs encoded and sorted by name (a BTreeMap is sorted).
pub fn canonical_query(params: &BTreeMap<String, String>) -> String {
    params.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect::<Vec<_>>().join("&")
}

pub fn string_to_sign(params: &BTreeMap<String, String>) -> String {
    format!("GET&{}&{}", percent_encode("/"), percent_encode(&canonical_query(params)))
}

/// Base64(HMAC-SHA1(secret + "&", string to sign)).
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(format!("{secret}&").as_bytes()) else { return String::new() };
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The request's whole query: the canonicalized string and the signature after it.
pub fn signed_query(params: &BTreeMap<String, String>, secret: &str) -> String {
    format!("{}&Signature={}", canonical_query(params), percent_encode(&signature(secret, &string_to_sign(params))))
}

/// What Alibaba answers (JSON, `Format=JSON`).
#[derive(Debug, serde::Deserialize)]
struct Answer {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// Alibaba's answer codes: `OK`; flow control and the provider's own trouble pass (try again);
/// anything else — an illegal number, a template or signature not approved, a wrong key — does
/// not change by trying again.
fn judge(code: &str, message: &str) -> Result<(), Failure> {
    let said = format!("阿里云短信 {code}：{message}");
    if code == "OK" {
        Ok(())
    } else if code.contains("LIMIT_CONTROL") || code.starts_with("Throttling") || code.starts_with("isp.") || code == "ServiceUnavailable" {
        Err(Failure::Temporary(said))
    } else {
        Err(Failure::Permanent(said))
    }
}

pub struct AliyunSms {
    config: AliyunSmsConfig,
    http: reqwest::Client,
}

impl AliyunSms {
    pub fn new(config: AliyunSmsConfig) -> Result<Self, String> {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().map_err(|e| e.to_string())?;
        Ok(Self { config, http })
    }

    /// Every parameter of the SendSms request for `m`, `Signature` aside.
    fn params(&self, m: &OutboxRow, nonce: &str, timestamp: &str) -> Result<BTreeMap<String, String>, Failure> {
        let template = Template::parse(&m.template).ok_or_else(|| Failure::Permanent(format!("消息没有短信模板（{}）", m.template)))?;
        let code =
            self.config.templates.get(&template).ok_or_else(|| Failure::Permanent(format!("未配置短信模板 {}", template.as_str())))?;
        let values: Vec<String> = serde_json::from_str(&m.params).map_err(|_| Failure::Permanent("消息的模板参数无法读取".into()))?;
        let object: serde_json::Map<String, serde_json::Value> =
            template.param_names().iter().zip(values).map(|(k, v)| (k.to_string(), serde_json::Value::String(v))).collect();
        let pairs = [
            ("AccessKeyId", self.config.access_key_id.as_str()),
            ("Action", "SendSms"),
            ("Format", "JSON"),
            ("OutId", m.id.as_str()),
            ("PhoneNumbers", m.recipient.as_str()),
            ("RegionId", "cn-hangzhou"),
            ("SignName", self.config.sign_name.as_str()),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", nonce),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", code.as_str()),
            ("Timestamp", timestamp),
            ("Version", "2017-05-25"),
        ];
        let mut params: BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        params.insert("TemplateParam".into(), serde_json::Value::Object(object).to_string());
        Ok(params)
    }
}

/// Now in UTC as the API wants it (`2017-07-12T02:42:19Z`): the wall clock, not the test clock,
/// since the provider refuses a request whose time is more than 15 minutes off its own.
fn timestamp_now() -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::now_utc().format(&format).unwrap_or_default()
}

impl Transport for AliyunSms {
    fn channel(&self) -> Channel {
        Channel::Sms
    }

    fn describe(&self) -> String {
        format!("阿里云短信 {}", self.config.endpoint)
    }

    fn deliver<'a>(&'a self, m: &'a OutboxRow) -> DeliverFuture<'a> {
        Box::pin(async move {
            // a new nonce for every request, retries included: the provider refuses a nonce seen in the last 15 minutes
            let nonce = crate::security::random_token();
            let params = self.params(m, &nonce[..32], &timestamp_now())?;
            let url = format!("{}?{}", self.config.endpoint, signed_query(&params, &self.config.access_key_secret));
            let response = self.http.get(url).send().await.map_err(|e| Failure::Temporary(format!("阿里云短信暂不可达：{e}")))?;
            let status = response.status();
            let body = response.text().await.map_err(|e| Failure::Temporary(format!("阿里云短信应答中断：{e}")))?;
            match serde_json::from_str::<Answer>(&body) {
                Ok(a) => judge(&a.code, &a.message),
                Err(_) if status.is_server_error() => Err(Failure::Temporary(format!("阿里云短信 HTTP {status}"))),
                Err(_) => Err(Failure::Permanent(format!("阿里云短信应答无法读取（HTTP {status}）"))),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// Alibaba's published example of the signature (the RPC signature document, DescribeRegions).
    #[test]
    fn the_documented_describe_regions_example_signs_to_the_byte() {
        let params = map(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]);
        assert_eq!(
            string_to_sign(&params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(signature("testsecret", &string_to_sign(&params)), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    /// Alibaba's published SendSms example (the SMS API's signature document): Chinese sign name,
    /// a JSON template parameter, and the signature percent-encoded in the query.
    #[test]
    fn the_documented_send_sms_example_signs_to_the_byte() {
        let params = map(&[
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", r#"{"customer":"test"}"#),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ]);
        assert_eq!(signature("testSecret", &string_to_sign(&params)), "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
        assert!(signed_query(&params, "testSecret").ends_with("&Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D"));
        assert!(canonical_query(&params).contains("SignName=%E9%98%BF%E9%87%8C%E4%BA%91"));
    }

    #[test]
    fn percent_encoding_keeps_only_the_unreserved() {
        assert_eq!(percent_encode("a b*c~d+e/f:g"), "a%20b%2Ac~d%2Be%2Ff%3Ag");
    }

    #[test]
    fn answers_map_to_sent_retry_or_give_up() {
        assert_eq!(judge("OK", "OK"), Ok(()));
        assert!(matches!(judge("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控"), Err(Failure::Temporary(_))));
        assert!(matches!(judge("Throttling.User", ""), Err(Failure::Temporary(_))));
        assert!(matches!(judge("isp.SYSTEM_ERROR", ""), Err(Failure::Temporary(_))));
        assert!(matches!(judge("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"), Err(Failure::Permanent(m)) if m.contains("非法手机号")));
        assert!(matches!(judge("SignatureDoesNotMatch", ""), Err(Failure::Permanent(_))));
    }

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    const ALL: &str = "username=SMS_1,reset_code=SMS_2,invitation=SMS_3,returned=SMS_4,reminder=SMS_5,evaluation=SMS_6";

    #[test]
    fn configuration_names_what_is_missing() {
        assert!(AliyunSmsConfig::from_vars(vars(&[])).unwrap().is_none());
        let base = [
            ("ZP_SMS_PROVIDER", "aliyun"),
            ("ZP_ALIYUN_ACCESS_KEY_ID", "id"),
            ("ZP_ALIYUN_ACCESS_KEY_SECRET", "secret"),
            ("ZP_ALIYUN_SMS_SIGN_NAME", "职评"),
            ("ZP_ALIYUN_SMS_TEMPLATES", ALL),
        ];
        let c = AliyunSmsConfig::from_vars(vars(&base)).unwrap().unwrap();
        assert_eq!((c.endpoint.as_str(), c.templates[&Template::Returned].as_str()), (DEFAULT_ENDPOINT, "SMS_4"));
        let with = |k: &'static str, v: &'static str| {
            let mut pairs: Vec<(&str, &str)> = base.iter().filter(|(n, _)| *n != k).copied().collect();
            pairs.push((k, v));
            AliyunSmsConfig::from_vars(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())).unwrap_err()
        };
        assert!(with("ZP_SMS_PROVIDER", "tencent").contains("aliyun"));
        assert!(with("ZP_ALIYUN_SMS_TEMPLATES", "reset_code=SMS_2").contains("no template code for username, invitation"));
        assert!(with("ZP_ALIYUN_SMS_TEMPLATES", "greeting=SMS_9").contains("no message is called \"greeting\""));
        assert!(with("ZP_ALIYUN_SMS_ENDPOINT", "http://sms.example.cn/").contains("https://"));
    }
}
