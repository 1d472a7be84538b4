//! E-mail over SMTP (issue 17): the real binary delivers through a real SMTP server on loopback
//! (aiosmtpd from PyPI, `scripts/install-tools.sh` puts it in target/py; its handler is
//! tests/smtp/test_smtp.py) and the tests read what arrived in its Maildir.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use mail_parser::MessageParser;

use crate::support::*;

/// The test SMTP server: every message it accepts is a file in `<dir>/box/new`.
struct MailServer {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

impl MailServer {
    fn start() -> Self {
        let mut m = Self::down();
        m.up();
        m
    }

    /// A port where no mail server answers yet (`up` starts one there).
    fn down() -> Self {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("zhiping-smtp-{port}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self { child: None, port, dir }
    }

    fn up(&mut self) {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let py = root.join("target/py");
        assert!(py.join("aiosmtpd").is_dir(), "aiosmtpd is not installed: run scripts/install-tools.sh build");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{}", self.port), "-c", "test_smtp.Maildrop"])
            .arg(self.dir.join("box"))
            .env("PYTHONPATH", format!("{}:{}", py.display(), root.join("server/tests/smtp").display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd");
        self.child = Some(child);
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the test SMTP server did not start on {}", self.port);
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ZP_SMTP_HOST", "127.0.0.1".into()),
            ("ZP_SMTP_PORT", self.port.to_string()),
            ("ZP_SMTP_SECURITY", "none".into()),
            ("ZP_SMTP_FROM", "noreply@zhiping.example.cn".into()),
        ]
    }

    /// The raw messages received so far.
    fn received(&self) -> Vec<Vec<u8>> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("box/new")) else { return vec![] };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        files.iter().map(|f| std::fs::read(f).unwrap()).collect()
    }

    /// Waits (up to 10 s) until `n` messages have arrived, and returns them.
    async fn wait_for(&self, n: usize) -> Vec<Vec<u8>> {
        for _ in 0..200 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{n} messages expected, {} arrived", self.received().len());
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn with_mail(mail: &MailServer) -> Server {
    let env = mail.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    start_with(&env).await
}

/// A message as the person's mail program reads it: sender, recipient, subject, text, HTML.
struct Mail {
    from: String,
    to: String,
    subject: String,
    text: String,
    html: String,
}

fn parse(raw: &[u8]) -> Mail {
    let m = MessageParser::default().parse(raw).expect("a mail message");
    let addr = |a: Option<&mail_parser::Address>| {
        let a = a.and_then(|a| a.first()).expect("an address");
        format!("{} <{}>", a.name().unwrap_or(""), a.address().unwrap_or(""))
    };
    Mail {
        from: addr(m.from()),
        to: addr(m.to()),
        subject: m.subject().unwrap_or("").to_string(),
        text: m.body_text(0).map(|t| t.to_string()).unwrap_or_default(),
        html: m.body_html(0).map(|t| t.to_string()).unwrap_or_default(),
    }
}

#[tokio::test]
async fn a_reset_code_arrives_by_mail_in_text_and_html_under_the_platforms_name() {
    let mail = MailServer::start();
    let s = with_mail(&mail).await;
    let (status, _) = call(&client(), &s, "request_reset_code", &[("account", "shenbao"), ("channel", "email")]).await;
    assert_eq!(status, 200);
    let got = mail.wait_for(1).await;
    let m = parse(&got[0]);
    assert_eq!(m.from, "职评 · 职称评审平台 <noreply@zhiping.example.cn>");
    assert_eq!(m.to, " <shenbao@demo.zhiping.cn>");
    assert_eq!(m.subject, "职评：密码重置验证码");
    let stored = s.store().await.outbox(10).await.unwrap();
    let code: String = stored[0].body.split("验证码是").nth(1).unwrap().trim_start().chars().take_while(char::is_ascii_digit).collect();
    assert!(code.len() >= 6, "{code}");
    assert!(m.text.contains(&format!("验证码是 {code}")) && m.text.contains("请勿直接回复"), "{}", m.text);
    assert!(m.html.contains(&code) && m.html.contains("<html lang=\"zh-CN\">"), "{}", m.html);
    let (state, attempts, error) = outbox_settled(&s, "shenbao@demo.zhiping.cn", "sent").await;
    assert_eq!((state.as_str(), attempts, error.as_str()), ("sent", 1, ""));

    // no SMS provider is configured: a text message stays in the outbox, untouched
    call(&client(), &s, "request_reset_code", &[("account", "shenbao"), ("channel", "sms")]).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(outbox_row(&s, "13991000001").await, ("pending".into(), 0, String::new()));
    assert_eq!(mail.received().len(), 1);
}

#[tokio::test]
async fn an_invitation_and_a_return_notice_arrive_with_what_they_need() {
    let mail = MailServer::start();
    let s = with_mail(&mail).await;
    invite_staff(&s, "王磊", "WangLei", "13912345678", "wl@example.cn").await;
    let m = parse(&mail.wait_for(1).await[0]);
    assert_eq!((m.to.as_str(), m.subject.as_str()), (" <wl@example.cn>", "职评：账号开通邀请"));
    assert!(m.text.contains("王磊，您好") && m.text.contains("用户名 wanglei") && m.text.contains("/recover#reset"), "{}", m.text);

    // the office returns an application with a list: the applicant's mail carries the list and the deadline
    let (_, app) = formally_passed(&s).await;
    set_status(&s, &app, "office_review").await;
    let version = s.store().await.application(&app).await.unwrap().unwrap().version.to_string();
    let office = login(&s, "pingban").await;
    let form = [
        ("id", app.as_str()),
        ("version", version.as_str()),
        ("action", "office_return"),
        ("opinion", "请按要求修改"),
        ("at[i0]", "basic/photo"),
        ("note[i0]", "请上传近期免冠彩色一寸照片"),
        ("at[i1]", "publications"),
        ("note[i1]", "论文检索证明缺页 <第3页>"),
    ];
    let (status, body) = call(&office, &s, "decide", &form).await;
    assert_eq!((status, body.as_str()), (200, "\"Returned\""));
    let got = mail.wait_for(2).await;
    let m = got.iter().map(|raw| parse(raw)).find(|m| m.to.contains("shenbao@")).expect("the applicant's mail");
    assert_eq!(m.subject, "职评：申报退回修改");
    let due = s.store().await.application(&app).await.unwrap().unwrap().due_at.unwrap();
    let due = app::domain::instant::Instant(due).beijing_display();
    assert!(m.text.contains(&format!("请于{due}前修改并重新提交")), "{due} in {}", m.text);
    assert!(m.text.contains("1. 基本信息 · ") && m.text.contains("：请上传近期免冠彩色一寸照片"), "{}", m.text);
    assert!(m.text.contains("2. ") && m.text.contains("论文检索证明缺页 <第3页>"), "{}", m.text);
    assert!(m.text.contains(&format!("/applications/{app}")), "{}", m.text);
    // the reviewer's words are text in the HTML part, not markup
    assert!(m.html.contains("论文检索证明缺页 &lt;第3页&gt;"), "{}", m.html);
    // and the text message with the deadline is stored beside it (no SMS provider here)
    assert_eq!(outbox_row(&s, "13991000001").await.0, "pending");
}

#[tokio::test]
async fn a_mail_server_that_comes_back_gets_the_message_once() {
    let mut mail = MailServer::down();
    let s = with_mail(&mail).await;
    call(&client(), &s, "request_reset_code", &[("account", "shenbao"), ("channel", "email")]).await;
    // refused: kept, to be tried again in 30 s, the reason on record
    let row = outbox_tried(&s, "shenbao@demo.zhiping.cn").await;
    assert_eq!((row.0.as_str(), row.1), ("pending", 1), "{row:?}");
    assert!(row.2.contains("邮件服务器暂不可用"), "{row:?}");

    mail.up();
    // not before its time…
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(mail.received().is_empty());
    // …and once it is due, delivered, once
    advance_clock(&s, 31_000).await;
    mail.wait_for(1).await;
    let (state, attempts, _) = outbox_settled(&s, "shenbao@demo.zhiping.cn", "sent").await;
    assert_eq!((state.as_str(), attempts), ("sent", 2));
    advance_clock(&s, 3_600_000).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(mail.received().len(), 1, "delivered once");
}

#[tokio::test]
async fn a_refused_recipient_ends_failed_visible_to_the_administrator_who_may_resend() {
    let mail = MailServer::start();
    let s = with_mail(&mail).await;
    invite_staff(&s, "无此人", "nobody", "13912340000", "nobody@refused.example.cn").await;
    let admin = login(&s, "admin").await;
    let (_, attempts, error) = outbox_settled(&s, "nobody@refused.example.cn", "failed").await;
    assert_eq!(attempts, 1, "a permanent refusal is not retried");
    assert!(error.contains("邮件服务器拒收") && error.contains("550"), "{error}");

    // the administrator's list says so, codes masked outside the demo's rule (the demo shows them)
    let (status, body) = call(&admin, &s, "outbox", &[]).await;
    assert_eq!(status, 200);
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let entry = list.as_array().unwrap().iter().find(|e| e["recipient"] == "nobody@refused.example.cn").unwrap();
    assert_eq!((entry["state"].as_str(), entry["attempts"].as_i64()), (Some("failed"), Some(1)));
    assert!(entry["delivered_by"].as_str().unwrap().starts_with("SMTP 127.0.0.1:"), "{entry}");
    let sms = list.as_array().unwrap().iter().find(|e| e["recipient"] == "13912340000").unwrap();
    assert_eq!((sms["state"].as_str(), &sms["delivered_by"]), (Some("pending"), &serde_json::Value::Null));

    // sent again: tried again (and refused again)
    let id = entry["id"].as_str().unwrap();
    let (status, _) = call(&admin, &s, "resend_message", &[("id", id)]).await;
    assert_eq!(status, 200);
    let (_, attempts, _) = outbox_settled(&s, "nobody@refused.example.cn", "failed").await;
    assert_eq!(attempts, 1, "counted afresh");
    let (status, body) = call(&admin, &s, "resend_message", &[("id", "no-such-message")]).await;
    assert!(refused(status, &body, "OutboxNoSuchMessage") && status == 404, "{status} {body}");
    // only an administrator
    let office = login(&s, "pingban").await;
    assert_eq!(call(&office, &s, "resend_message", &[("id", id)]).await.0, 403);
    assert!(mail.received().is_empty());
}
