//! Figures for BENCHMARKS.md (issue 17): e-mail through the outbox's worker to an SMTP server on
//! this machine. Prints; asserts nothing. Start the tests' SMTP server first:
//!
//! ```sh
//! mkdir -p /tmp/zpmail && PYTHONPATH=target/py:server/tests/smtp \
//!   python3 -m aiosmtpd -n -l 127.0.0.1:2525 -c test_smtp.Maildrop /tmp/zpmail/box &
//! # N messages stored, then delivered by one worker (over the mailer's one kept connection)
//! ./target/release/examples/mail_bench throughput "sqlite:///tmp/zpmail/z.db?mode=rwc" 2525 1000
//! # one message at a time: from the outbox's `send` (what a return does after its commit) to
//! # the file in the mail server's Maildir, N times
//! ./target/release/examples/mail_bench latency "sqlite:///tmp/zpmail/z.db?mode=rwc" 2525 /tmp/zpmail/box 50
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::delivery::smtp::{Security, SmtpConfig, SmtpMailer};
use app::delivery::Deliveries;
use app::store::outbox::{Channel, DatabaseOutbox, Message, Template};
use app::store::Store;

fn mailer(port: u16) -> Deliveries {
    let config = SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        from: "noreply@zhiping.example.cn".into(),
        credentials: None,
    };
    Deliveries::new(vec![Arc::new(SmtpMailer::new(config).unwrap())])
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

fn message(i: usize) -> Message {
    Message {
        channel: Channel::Email,
        recipient: format!("applicant{i}@example.cn"),
        subject: "申报退回修改".into(),
        body: format!("您的职称申报已被评审办公室退回修改。请于2026-12-09 10:00前修改并重新提交。\n\n需要修改的内容：\n1. 基本信息 · 照片：请上传近期免冠彩色一寸照片（第{i}份）"),
        template: Template::Returned,
        params: vec!["2026-12-09 10:00".into()],
        user_id: None,
        now: now_ms(),
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let store = Store::open(&args[2]).await.unwrap();
    let port: u16 = args[3].parse().unwrap();
    match args[1].as_str() {
        "throughput" => {
            let n: usize = args[4].parse().unwrap();
            for i in 0..n {
                store.insert_outbox(&message(i)).await.unwrap();
            }
            let d = mailer(port);
            let t = Instant::now();
            let pass = d.run_due(&store, now_ms).await.unwrap();
            let s = t.elapsed().as_secs_f64();
            println!(
                "{} delivered, {} retried, {} failed in {s:.2} s: {:.0} messages/s",
                pass.sent,
                pass.retried,
                pass.failed,
                pass.sent as f64 / s
            );
        }
        "latency" => {
            let (maildir, n): (&str, usize) = (&args[4], args[5].parse().unwrap());
            let d = mailer(port);
            let outbox = DatabaseOutbox::new(store.clone(), d.wake());
            // the server's worker: woken by the outbox
            let (worker_store, worker) = (store.clone(), d.clone());
            tokio::spawn(async move {
                loop {
                    worker.wake().notified().await;
                    worker.run_due(&worker_store, now_ms).await.unwrap();
                }
            });
            let count = || std::fs::read_dir(format!("{maildir}/new")).map(|d| d.count()).unwrap_or(0);
            let mut ms = vec![];
            for i in 0..n {
                let before = count();
                let t = Instant::now();
                outbox.send(message(i)).await.unwrap();
                while count() == before {
                    tokio::time::sleep(Duration::from_micros(200)).await;
                }
                ms.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            ms.sort_by(f64::total_cmp);
            println!(
                "stored → in the mailbox, {n} one after another: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
                ms[n / 2],
                ms[(n * 99 / 100).min(n - 1)],
                ms[n - 1]
            );
        }
        _ => eprintln!("usage: mail_bench throughput|latency …"),
    }
}
