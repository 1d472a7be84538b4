//! Figures for BENCHMARKS.md (issue 4). Prints; asserts nothing.
//!
//! ```sh
//! # the withdrawal sweeper on N overdue applications (in process, SQLite or PostgreSQL)
//! ./target/release/examples/review_bench sweep sqlite:///tmp/zpsweep.db?mode=rwc 100000
//! # a reviewer's queue page with 500 applications, against a running release server
//! ./target/release/examples/review_bench seed sqlite:///tmp/zpq/zhiping.db 500
//! ./target/release/examples/review_bench queue http://127.0.0.1:3011 8 10
//! # live-update latency with N open event streams
//! ./target/release/examples/review_bench live http://127.0.0.1:3011 1000 30
//! # certificates issued per second (PDF, both signatures, file, row) for N filed passes
//! ./target/release/examples/review_bench seed-filed sqlite:///tmp/zpc/zhiping.db 500
//! ./target/release/examples/review_bench issue http://127.0.0.1:3012
//! # the public verify page of one certificate, against a static file of the same bytes
//! ./target/release/examples/review_bench verify http://127.0.0.1:3012 8 10
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::domain::materials::{Level, Materials};
use app::store::Store;

mod common;

use common::{insert_applications, NOW};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("sweep") => sweep(&args[2], args[3].parse().unwrap(), args.get(4).map_or(1000, |b| b.parse().unwrap())).await,
        Some("seed") => seed_queue(&args[2], args[3].parse().unwrap()).await,
        Some("queue") => queue(&args[2], args[3].parse().unwrap(), args[4].parse().unwrap()).await,
        Some("live") => live(&args[2], args[3].parse().unwrap(), args[4].parse().unwrap()).await,
        Some("seed-filed") => seed_filed(&args[2], args[3].parse().unwrap()).await,
        Some("issue") => issue(&args[2]).await,
        Some("verify") => verify(&args[2], args[3].parse().unwrap(), args[4].parse().unwrap()).await,
        _ => eprintln!("usage: review_bench sweep|seed|queue|live|seed-filed|issue|verify …"),
    }
}

/// The materials of the queue and sweeper benchmarks: a draft's, as they never open them.
fn empty() -> Materials {
    Materials::new(Level::AssociateSenior)
}

async fn sweep(url: &str, n: usize, batch: i64) {
    let store = Store::open(url).await.unwrap();
    app::store::seed_demo(&store, 0).await.unwrap();
    let t = Instant::now();
    insert_applications(&store, n, "returned", &empty(), Some(NOW - 1), false).await;
    println!("seeded {n} overdue returned applications in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut total = 0;
    loop {
        let done = store.expire_overdue(NOW, batch).await.unwrap().len();
        total += done;
        if (done as i64) < batch {
            break;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "sweeper: withdrew {total} applications in {secs:.2} s ({:.0} per second) in batches of {batch}, each with its audit record",
        total as f64 / secs
    );
    let again = Instant::now();
    let second = store.expire_overdue(NOW, batch).await.unwrap().len();
    println!("second sweep (idempotent): {second} withdrawn in {:.3} s", again.elapsed().as_secs_f64());
    let t = Instant::now();
    let check = store.verify_audit().await.unwrap();
    println!("verify-audit: {check:?} in {:.1} s", t.elapsed().as_secs_f64());
}

async fn seed_queue(url: &str, n: usize) {
    let store = Store::open(url).await.unwrap();
    app::store::seed_demo(&store, 0).await.unwrap();
    insert_applications(&store, n, "unit_review", &empty(), None, false).await;
    insert_applications(&store, 1, "unit_notice", &empty(), None, true).await;
    println!("seeded {n} applications in 新疆大学's unit review, and 1 on notice");
}

async fn seed_filed(url: &str, n: usize) {
    let store = Store::open(url).await.unwrap();
    app::store::seed_demo(&store, 0).await.unwrap();
    insert_applications(&store, n, "filed", &empty(), None, false).await;
    sqlx::query("UPDATE applications SET outcome = 'pass' WHERE status = 'filed'").execute(store.pool()).await.unwrap();
    println!("seeded {n} filed passes waiting for a certificate");
}

/// One "issue all" as the issuer's page sends it, timed from the outside.
async fn issue(base: &str) {
    let c = login(base, "qianfa").await;
    let t = Instant::now();
    let res =
        c.post(format!("{base}/api/issue_certificates")).header("Accept", "application/json").form(&[("all", "1")]).send().await.unwrap();
    let numbers: Vec<String> = res.json().await.unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "issued {} certificates in {secs:.2} s: {:.1} certificates/s (PDF rendered with a font subset, signed twice, stored)",
        numbers.len(),
        numbers.len() as f64 / secs
    );
}

async fn verify(base: &str, workers: usize, secs: u64) {
    let c = login(base, "qianfa").await;
    let overview: serde_json::Value =
        c.post(format!("{base}/api/issuing_overview")).header("Accept", "application/json").send().await.unwrap().json().await.unwrap();
    let number = overview["issued"][0]["number"].as_str().expect("a certificate: run seed-filed and issue first").to_string();
    let anon = reqwest::Client::builder().pool_max_idle_per_host(10_000).build().unwrap();
    let url = format!("{base}/verify/{number}");
    let page = anon.get(&url).send().await.unwrap().text().await.unwrap();
    let site = std::env::var("ZP_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    std::fs::write(format!("{site}/pkg/bench-verify.html"), &page).unwrap();
    let (dynamic, bytes) = load(&anon, &url, workers, secs).await;
    let (fixed, _) = load(&anon, &format!("{base}/pkg/bench-verify.html"), workers, secs).await;
    let _ = std::fs::remove_file(format!("{site}/pkg/bench-verify.html"));
    println!("verify page of {number}: {bytes} bytes; {workers} connections, {secs} s each");
    println!("  rendered by the server: {dynamic:.0} requests/s");
    println!("  same bytes, static file: {fixed:.0} requests/s");
    println!("  ratio: {:.2}", dynamic / fixed);
}

async fn login(base: &str, account: &str) -> reqwest::Client {
    let c = reqwest::Client::builder().cookie_store(true).pool_max_idle_per_host(10_000).build().unwrap();
    let res = c
        .post(format!("{base}/api/login"))
        .header("Accept", "application/json")
        .form(&[("account", account), ("password", "Zhiping@2026")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    c
}

/// Requests per second of `url` from `workers` connections for `secs` seconds.
async fn load(c: &reqwest::Client, url: &str, workers: usize, secs: u64) -> (f64, usize) {
    let stop = Instant::now() + Duration::from_secs(secs);
    let mut tasks = vec![];
    for _ in 0..workers {
        let (c, url) = (c.clone(), url.to_string());
        tasks.push(tokio::spawn(async move {
            let (mut n, mut bytes) = (0usize, 0usize);
            while Instant::now() < stop {
                let body = c.get(&url).header("Accept-Encoding", "identity").send().await.unwrap().bytes().await.unwrap();
                bytes = body.len();
                n += 1;
            }
            (n, bytes)
        }));
    }
    let (mut total, mut bytes) = (0, 0);
    for t in tasks {
        let (n, b) = t.await.unwrap();
        total += n;
        bytes = b;
    }
    (total as f64 / secs as f64, bytes)
}

async fn queue(base: &str, workers: usize, secs: u64) {
    let c = login(base, "danwei").await;
    let page = c.get(format!("{base}/review")).send().await.unwrap().text().await.unwrap();
    let rows = page.matches("href=\"/review/").count();
    // the same bytes as a static file, served by the same server's static route
    let site = std::env::var("ZP_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    std::fs::write(format!("{site}/pkg/bench-queue.html"), &page).unwrap();
    let (dynamic, bytes) = load(&c, &format!("{base}/review"), workers, secs).await;
    let (fixed, _) = load(&c, &format!("{base}/pkg/bench-queue.html"), workers, secs).await;
    let _ = std::fs::remove_file(format!("{site}/pkg/bench-queue.html"));
    println!("queue page: {rows} rows, {bytes} bytes; {workers} connections, {secs} s each");
    println!("  rendered by the server: {dynamic:.0} requests/s");
    println!("  same bytes, static file: {fixed:.0} requests/s");
    println!("  ratio: {:.2}", dynamic / fixed);
}

async fn live(base: &str, streams: usize, rounds: usize) {
    let unit = login(base, "danwei").await;
    // the application on notice: objections on it reach the unit's streams
    let app_id = "bench-app-unit_notice-0";
    let received: Arc<std::sync::Mutex<Vec<(usize, Instant)>>> = Arc::default();
    let mut opened = 0;
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel::<()>(streams);
    for _ in 0..streams {
        let (unit, base, received, ready) = (unit.clone(), base.to_string(), received.clone(), ready_tx.clone());
        tokio::spawn(async move {
            let Ok(mut res) = unit.get(format!("{base}/events")).send().await else { return };
            if res.status() != 200 {
                return;
            }
            let _ = ready.send(()).await;
            let mut buf = String::new();
            while let Ok(Some(chunk)) = res.chunk().await {
                buf.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buf.find("\n\n") {
                    let event: String = buf.drain(..end + 2).collect();
                    if let Some(round) = event
                        .lines()
                        .find_map(|l| l.strip_prefix("data: "))
                        .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
                        .and_then(|v| v["version"].as_i64())
                    {
                        received.lock().unwrap().push((round as usize, Instant::now()));
                    }
                }
            }
        });
    }
    drop(ready_tx);
    let deadline = Instant::now() + Duration::from_secs(60);
    while opened < streams && Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(5), ready_rx.recv()).await {
            Ok(Some(())) => opened += 1,
            _ => break,
        }
    }
    println!("open event streams: {opened} of {streams} asked");
    let anyone = reqwest::Client::new();
    let mut sent = vec![];
    for r in 0..rounds {
        let t0 = Instant::now();
        let res = anyone
            .post(format!("{base}/api/lodge_objection"))
            .header("Accept", "application/json")
            .header("X-Forwarded-For", format!("10.1.{}.{}", r / 250, r % 250))
            .form(&[("id", app_id), ("name", "测试"), ("contact", "13800000000"), ("body", "基准测试")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        sent.push(t0);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    // each objection is one event for every stream; match events to rounds by arrival order
    let got = received.lock().unwrap().clone();
    let mut latencies: Vec<f64> = vec![];
    for (_, at) in &got {
        // the latest round sent before this arrival
        if let Some(t0) = sent.iter().filter(|t| *t <= at).max() {
            latencies.push(at.duration_since(*t0).as_secs_f64() * 1000.0);
        }
    }
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    println!("events received: {} (expected {})", latencies.len(), opened * rounds);
    println!(
        "live-update latency, objection POST sent → event read by each stream: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
}
