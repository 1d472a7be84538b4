//! E-mail over SMTP (lettre): every message of the e-mail channel, as multipart plain text + HTML
//! in Chinese under the platform's name. Configured from the environment (README, "Messages"):
//!
//! | variable | meaning |
//! |---|---|
//! | `ZP_SMTP_HOST` | the mail server; without it e-mail stays in the outbox |
//! | `ZP_SMTP_SECURITY` | `starttls` (default), `tls` (implicit TLS) or `none` (a server on this machine only) |
//! | `ZP_SMTP_PORT` | default 587 for starttls, 465 for tls, 25 for none |
//! | `ZP_SMTP_FROM` | the sender's address, e.g. `noreply@zhiping.example.cn` |
//! | `ZP_SMTP_USER` | the login, if the server asks for one |
//! | `ZP_SMTP_PASSWORD_FILE` | a file holding the password, readable by its owner only (0600); or `ZP_SMTP_PASSWORD` |

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tokio::sync::Mutex;

use super::policy::Failure;
use super::{DeliverFuture, Transport};
use crate::security::escape_html;
use crate::store::outbox::{Channel, OutboxRow};

/// The name the mail comes from.
pub const SENDER_NAME: &str = "职评 · 职称评审平台";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    StartTls,
    Tls,
    None,
}

#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub from: String,
    pub credentials: Option<(String, String)>,
}

impl SmtpConfig {
    /// `None` when `ZP_SMTP_HOST` is not set; an error names the variable that is wrong.
    pub fn from_env() -> Result<Option<Self>, String> {
        Self::from_vars(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
    }

    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, String> {
        let Some(host) = var("ZP_SMTP_HOST") else { return Ok(None) };
        let security = match var("ZP_SMTP_SECURITY").as_deref() {
            None | Some("starttls") => Security::StartTls,
            Some("tls") => Security::Tls,
            Some("none") => Security::None,
            Some(other) => return Err(format!("ZP_SMTP_SECURITY={other}: starttls, tls or none")),
        };
        // Without TLS the password and every reset code cross the network in clear.
        if security == Security::None && !crate::security::is_loopback_host(&host) {
            return Err(format!("ZP_SMTP_SECURITY=none with ZP_SMTP_HOST={host}: mail without TLS goes only to a server on this machine (127.0.0.1, localhost)"));
        }
        let port = match var("ZP_SMTP_PORT") {
            Some(p) => p.parse().map_err(|_| format!("ZP_SMTP_PORT={p}: a port number"))?,
            None => match security {
                Security::StartTls => 587,
                Security::Tls => 465,
                Security::None => 25,
            },
        };
        let from = var("ZP_SMTP_FROM")
            .ok_or("ZP_SMTP_FROM is not set: the address the platform's mail comes from, e.g. noreply@zhiping.example.cn")?;
        from.parse::<lettre::Address>().map_err(|e| format!("ZP_SMTP_FROM={from}: {e}"))?;
        let password = match (var("ZP_SMTP_PASSWORD_FILE"), var("ZP_SMTP_PASSWORD")) {
            (Some(path), _) => {
                Some(crate::security::read_private(std::path::Path::new(&path)).map_err(|e| format!("ZP_SMTP_PASSWORD_FILE={path}: {e}"))?)
            }
            (None, p) => p,
        };
        let credentials = match (var("ZP_SMTP_USER"), password) {
            (Some(user), Some(password)) => Some((user, password.trim_end_matches(['\r', '\n']).to_string())),
            (Some(_), None) => return Err("ZP_SMTP_USER is set but no password: ZP_SMTP_PASSWORD_FILE (0600) or ZP_SMTP_PASSWORD".into()),
            (None, _) => None,
        };
        Ok(Some(Self { host, port, security, from, credentials }))
    }
}

/// The e-mail transport.
pub struct SmtpMailer {
    config: SmtpConfig,
    sender: Sender,
    from: Mailbox,
}

/// How mail leaves: through lettre's pooled relay (STARTTLS or TLS to a server elsewhere), or, to a
/// relay on this machine (`Security::None`, loopback only: the usual local Postfix), over one kept
/// connection of our own with `TCP_NODELAY`. lettre writes a message's end in two writes before it
/// reads the answer, and on its own sockets Nagle's algorithm holds the second until the server's
/// delayed ACK: 40 ms a message, 21 messages a second (BENCHMARKS.md, "Messages"). Across a network
/// the round trips dwarf that; next door they are all of it.
enum Sender {
    Relay(AsyncSmtpTransport<Tokio1Executor>),
    Local(Box<Mutex<Option<AsyncSmtpConnection>>>),
}

const TIMEOUT: Duration = Duration::from_secs(30);

impl SmtpMailer {
    pub fn new(config: SmtpConfig) -> Result<Self, String> {
        let builder = match config.security {
            Security::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host).map_err(|e| e.to_string())?,
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host).map_err(|e| e.to_string())?,
            Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host),
        };
        let mut builder = builder.port(config.port).timeout(Some(TIMEOUT));
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let sender = match config.security {
            Security::None => Sender::Local(Box::new(Mutex::new(None))),
            _ => Sender::Relay(builder.build()),
        };
        let from = Mailbox::new(Some(SENDER_NAME.into()), config.from.parse().map_err(|e| format!("{e}"))?);
        Ok(Self { sender, from, config })
    }

    /// Sends over the kept local connection, opening it when there is none or it no longer
    /// answers. A failed message leaves the connection broken (lettre aborts it): the next one opens another.
    async fn send_local(&self, conn: &Mutex<Option<AsyncSmtpConnection>>, email: &lettre::Message) -> Result<(), Failure> {
        let mut kept = conn.lock().await;
        if let Some(c) = kept.as_mut() {
            let answers = !c.has_broken() && tokio::time::timeout(Duration::from_secs(5), c.test_connected()).await.unwrap_or(false);
            if !answers {
                *kept = None;
            }
        }
        if kept.is_none() {
            *kept = Some(self.connect_local().await.map_err(|e| Failure::Temporary(format!("邮件服务器暂不可用：{e}")))?);
        }
        let Some(c) = kept.as_mut() else { return Err(Failure::Temporary("邮件服务器暂不可用".into())) };
        let sent = tokio::time::timeout(TIMEOUT, c.send(email.envelope(), &email.formatted())).await;
        match sent {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => {
                *kept = None;
                Err(failure(&e))
            }
            Err(_) => {
                *kept = None;
                Err(Failure::Temporary("邮件服务器暂不可用：超时".into()))
            }
        }
    }

    async fn connect_local(&self) -> Result<AsyncSmtpConnection, String> {
        let address = (self.config.host.as_str(), self.config.port);
        let stream = tokio::time::timeout(TIMEOUT, tokio::net::TcpStream::connect(address))
            .await
            .map_err(|_| "连接超时".to_string())?
            .map_err(|e| e.to_string())?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let mut c = AsyncSmtpConnection::connect_with_transport(Box::new(stream), &ClientId::default()).await.map_err(|e| e.to_string())?;
        if let Some((user, password)) = &self.config.credentials {
            c.auth(&[Mechanism::Plain, Mechanism::Login], &Credentials::new(user.clone(), password.clone()))
                .await
                .map_err(|e| e.to_string())?;
        }
        Ok(c)
    }
}

/// 5xx: the server refused this message for good (unknown mailbox, rejected); anything else (4xx,
/// a refused connection, a timeout, TLS) is worth another try.
fn failure(e: &lettre::transport::smtp::Error) -> Failure {
    if e.is_permanent() {
        Failure::Permanent(format!("邮件服务器拒收：{e}"))
    } else {
        Failure::Temporary(format!("邮件服务器暂不可用：{e}"))
    }
}

impl Transport for SmtpMailer {
    fn channel(&self) -> Channel {
        Channel::Email
    }

    fn describe(&self) -> String {
        format!("SMTP {}:{}", self.config.host, self.config.port)
    }

    fn deliver<'a>(&'a self, m: &'a OutboxRow) -> DeliverFuture<'a> {
        Box::pin(async move {
            let to: Mailbox = m.recipient.parse().map_err(|_| Failure::Permanent(format!("收件地址无效：{}", m.recipient)))?;
            let email = lettre::Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(subject(&m.subject))
                .multipart(MultiPart::alternative_plain_html(plain_text(&m.body), html(&m.subject, &m.body)))
                .map_err(|e| Failure::Permanent(format!("邮件无法组成：{e}")))?;
            match &self.sender {
                Sender::Relay(transport) => transport.send(email).await.map(|_| ()).map_err(|e| failure(&e)),
                Sender::Local(conn) => self.send_local(conn, &email).await,
            }
        })
    }
}

/// Every subject names the platform (most of the catalogue's already begin `职评：`).
fn subject(s: &str) -> String {
    if s.starts_with("职评") {
        s.to_string()
    } else {
        format!("职评：{s}")
    }
}

const FOOTER: &str = "此邮件由职评职称评审平台自动发送，请勿直接回复。";

fn plain_text(body: &str) -> String {
    format!("{body}\n\n--\n{SENDER_NAME}\n{FOOTER}\n")
}

/// The HTML part: the same words, paragraphs by blank lines, lines by line breaks, every
/// character escaped (a return note is the reviewer's free text).
pub fn html(subject: &str, body: &str) -> String {
    let paragraphs: String = body
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", p.lines().map(escape_html).collect::<Vec<_>>().join("<br>")))
        .collect();
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:sans-serif;line-height:1.6;color:#1f2328;max-width:40em\">\
         <p style=\"font-weight:bold;color:#b4261a\">{SENDER_NAME}</p><h1 style=\"font-size:1.25em\">{title}</h1>{paragraphs}\
         <hr><p style=\"color:#57606a;font-size:.875em\">{FOOTER}</p></body></html>",
        title = escape_html(subject)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn no_host_no_mail() {
        assert!(SmtpConfig::from_vars(vars(&[])).unwrap().is_none());
    }

    #[test]
    fn defaults_to_starttls_on_587() {
        let c =
            SmtpConfig::from_vars(vars(&[("ZP_SMTP_HOST", "smtp.example.cn"), ("ZP_SMTP_FROM", "noreply@example.cn")])).unwrap().unwrap();
        assert_eq!((c.security, c.port, c.credentials), (Security::StartTls, 587, None));
    }

    #[test]
    fn plain_smtp_only_to_this_machine() {
        let far =
            SmtpConfig::from_vars(vars(&[("ZP_SMTP_HOST", "smtp.example.cn"), ("ZP_SMTP_SECURITY", "none"), ("ZP_SMTP_FROM", "a@b.cn")]));
        assert!(far.unwrap_err().contains("only to a server on this machine"));
        let near = SmtpConfig::from_vars(vars(&[("ZP_SMTP_HOST", "127.0.0.1"), ("ZP_SMTP_SECURITY", "none"), ("ZP_SMTP_FROM", "a@b.cn")]));
        assert_eq!(near.unwrap().unwrap().port, 25);
    }

    #[test]
    fn wrong_settings_name_their_variable() {
        let bad = |pairs: &[(&str, &str)]| SmtpConfig::from_vars(vars(pairs)).unwrap_err();
        assert!(bad(&[("ZP_SMTP_HOST", "h"), ("ZP_SMTP_SECURITY", "ssl"), ("ZP_SMTP_FROM", "a@b.cn")]).starts_with("ZP_SMTP_SECURITY=ssl"));
        assert!(bad(&[("ZP_SMTP_HOST", "h"), ("ZP_SMTP_PORT", "x"), ("ZP_SMTP_FROM", "a@b.cn")]).starts_with("ZP_SMTP_PORT=x"));
        assert!(bad(&[("ZP_SMTP_HOST", "h")]).starts_with("ZP_SMTP_FROM is not set"));
        assert!(bad(&[("ZP_SMTP_HOST", "h"), ("ZP_SMTP_FROM", "not an address")]).starts_with("ZP_SMTP_FROM=not an address"));
        assert!(bad(&[("ZP_SMTP_HOST", "h"), ("ZP_SMTP_FROM", "a@b.cn"), ("ZP_SMTP_USER", "u")]).contains("no password"));
    }

    #[test]
    fn the_html_part_escapes_what_a_reviewer_wrote() {
        let h = html("申报退回修改", "请修改：\n1. 学历 <script>\n\n第二段");
        assert!(h.contains("<p>请修改：<br>1. 学历 &lt;script&gt;</p><p>第二段</p>"));
        assert!(h.contains(SENDER_NAME) && !h.contains("<script>"));
    }
}
