//! Deadline day (issue 15): N applicants press 提交 on complete applications at the same moment,
//! each with a double click (two requests with one key at once) and a retry afterwards (the same
//! key again, as a phone whose answer was lost). Prints the latency of every request (p50, p99,
//! max), the errors, and what the database holds afterwards: each application submitted once,
//! with one submission spent and one `submit` audit record. Prints; asserts nothing.
//!
//! ```sh
//! cargo build --release -p zhiping --example submit_load
//! # SQLite: seed the applicants and their login sessions, then start the server on that database
//! mkdir -p /tmp/zpload && ./target/release/examples/submit_load seed "sqlite:///tmp/zpload/zhiping.db?mode=rwc" 200
//! ZP_DEMO=1 ZP_DATA_DIR=/tmp/zpload ZP_ADDR=127.0.0.1:3013 RUST_LOG=warn ./target/release/zhiping &
//! ./target/release/examples/submit_load run http://127.0.0.1:3013 "sqlite:///tmp/zpload/zhiping.db" 200
//! # PostgreSQL: the same with DATABASE_URL for the server
//! psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE zp_load'
//! ./target/release/examples/submit_load seed postgres://postgres@127.0.0.1:5432/zp_load 200
//! DATABASE_URL=postgres://postgres@127.0.0.1:5432/zp_load ZP_DEMO=1 ZP_DATA_DIR=/tmp/zpload-pg ZP_ADDR=127.0.0.1:3014 RUST_LOG=warn ./target/release/zhiping &
//! ./target/release/examples/submit_load run http://127.0.0.1:3014 postgres://postgres@127.0.0.1:5432/zp_load 200
//! ```

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use app::store::Store;

mod common;

use common::{full_materials, insert_applications};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("seed") => seed(&args[2], args[3].parse().unwrap()).await,
        Some("run") => run(&args[2], &args[3], args[4].parse().unwrap()).await,
        _ => eprintln!("usage: submit_load seed DATABASE_URL N | run BASE_URL DATABASE_URL N"),
    }
}

/// The login session cookie of applicant `i` (its hash is what the store keeps).
fn token(i: usize) -> String {
    format!("submit-load-session-{i:06}-0123456789abcdef")
}

fn app_id(i: usize) -> String {
    format!("bench-app-draft-{i}")
}

/// N applicants of 新疆大学, each with a complete draft and a login session started now.
async fn seed(url: &str, n: usize) {
    let store = Store::open(url).await.unwrap();
    app::store::seed_demo(&store, 0).await.unwrap();
    let materials = full_materials();
    let today = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date();
    let gaps = app::domain::materials::missing(&materials, &app::domain::materials::Basis::notice(today));
    assert!(gaps.is_empty(), "the load's application is incomplete on {today}: {gaps:?}");
    insert_applications(&store, n, "draft", &materials, None, false).await;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64;
    for i in 0..n {
        store.insert_session(&app::security::sha256_hex(&token(i)), &format!("bench-user-draft-{i}"), now).await.unwrap();
    }
    println!("seeded {n} applicants with a complete draft and a login session each");
}

/// One request: its latency in ms and whether it answered 200 with submission number 1.
async fn submit(c: &reqwest::Client, base: &str, i: usize) -> (f64, bool) {
    let t = Instant::now();
    let res = c
        .post(format!("{base}/api/submit_application"))
        .header("Accept", "application/json")
        .header("Cookie", format!("zp_session={}", token(i)))
        .form(&[("id", app_id(i)), ("key", format!("submit-load-key-{i:06}"))])
        .send()
        .await;
    let ok = match res {
        Ok(r) if r.status() == 200 => r.json::<i64>().await.is_ok_and(|number| number == 1),
        Ok(r) => {
            eprintln!("applicant {i}: {} {}", r.status(), r.text().await.unwrap_or_default());
            false
        }
        Err(e) => {
            eprintln!("applicant {i}: {e}");
            false
        }
    };
    (t.elapsed().as_secs_f64() * 1000.0, ok)
}

async fn run(base: &str, url: &str, n: usize) {
    let c = reqwest::Client::builder().pool_max_idle_per_host(4 * n).build().unwrap();
    // a first request of each kind warms the connection pool and the server's caches
    let _ = c.get(format!("{base}/")).send().await;
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let started = Instant::now();
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (c, base, barrier) = (c.clone(), base.to_string(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                // the double click: two requests with one key, at once
                let (a, b) = tokio::join!(submit(&c, &base, i), submit(&c, &base, i));
                // the retry of a phone that lost the answer
                let retry = submit(&c, &base, i).await;
                vec![a, b, retry]
            })
        })
        .collect();
    let mut latencies = vec![];
    let mut errors = 0;
    for t in tasks {
        for (ms, ok) in t.await.unwrap() {
            latencies.push(ms);
            errors += usize::from(!ok);
        }
    }
    let wall = started.elapsed().as_secs_f64();
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1];
    println!(
        "{n} applicants × (double click + retry) = {} requests in {wall:.2} s: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {errors} errors",
        latencies.len(),
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
    let store = Store::open(url).await.unwrap();
    let (submitted, spent): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(submissions_used), 0) AS BIGINT) FROM applications WHERE id LIKE 'bench-app-draft-%' AND status <> 'draft'",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    let records: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE application_id LIKE 'bench-app-draft-%' AND action = 'submit'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    println!(
        "in the database: {submitted} of {n} submitted, {spent} submissions spent, {records} submit records; verify-audit: {:?}",
        store.verify_audit().await.unwrap()
    );
}
