//! Figures for BENCHMARKS.md (the security issue): the server's peak resident memory while ten
//! PDF decompression bombs are uploaded at once, and how many of a burst of 1,000 wrong logins for
//! one account were evaluated. Prints; asserts nothing.
//!
//! ```sh
//! ulimit -n 20000   # the burst opens 1,000 connections from this machine
//! ZP_DEMO=1 ZP_DATA_DIR=/tmp/zpsec ZP_ADDR=127.0.0.1:3012 RUST_LOG=warn ./target/release/zhiping &
//! cargo run --release -p zhiping --example security_bench -- http://127.0.0.1:3012 $(pgrep -n -f target/release/zhiping)
//! ```

use std::time::{Duration, Instant};

use app::files::fixtures::pdf_with_object_stream;

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

async fn applicant(base: &str) -> (reqwest::Client, String) {
    let c = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let form = [("account", "shenbao"), ("password", "Zhiping@2026")];
    let r = c.post(format!("{base}/api/login")).header("Accept", "application/json").form(&form).send().await.unwrap();
    assert!(r.status().is_success(), "login: {}", r.status());
    let start = [
        ("level", "associate_senior"),
        ("series", "高等学校教育管理研究"),
        ("specialty", "高等教育管理"),
        ("unit_id", "org-unit-xju"),
        ("current_level", "intermediate"),
        ("obtained_on", "2020-03-01"),
    ];
    let r = c.post(format!("{base}/api/start_application")).header("Accept", "application/json").form(&start).send().await.unwrap();
    let id: String = match r.json::<serde_json::Value>().await.unwrap() {
        serde_json::Value::String(id) => id,
        // already started in an earlier run: take the open one
        _ => {
            let list: serde_json::Value = c
                .post(format!("{base}/api/my_applications"))
                .header("Accept", "application/json")
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            list[0]["id"].as_str().unwrap().to_string()
        }
    };
    (c, id)
}

async fn bombs(base: &str, pid: u32) {
    let (c, app) = applicant(base).await;
    // each inflates to 256 MiB in one stream: 8 times the cap a PDF stream may reach
    let bomb = pdf_with_object_stream(256 * 1024 * 1024);
    println!("bomb: {} bytes on the wire, 268,435,456 inflated", bomb.len());
    let before = rss_kb(pid);
    let sampling = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let sampling = sampling.clone();
        std::thread::spawn(move || {
            let mut peak = 0;
            while sampling.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(rss_kb(pid));
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    let t = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..10 {
        let (c, base, app, bytes) = (c.clone(), base.to_string(), app.clone(), bomb.clone());
        tasks.spawn(async move {
            let form =
                reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name(format!("bomb{i}.pdf")));
            let r = c
                .post(format!("{base}/upload/{app}/id_card_scan"))
                .header("Accept", "application/json")
                .multipart(form)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        });
    }
    let mut answers = vec![];
    while let Some(a) = tasks.join_next().await {
        answers.push(a.unwrap());
    }
    let took = t.elapsed();
    sampling.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak = sampler.join().unwrap();
    let refused = answers.iter().filter(|(s, b)| *s == 422 && b.contains("UploadRefusedPdf")).count();
    println!(
        "10 bombs at once: {refused} refused as unreadable in {:.2} s; RSS {} MB before, peak {} MB, {} MB after",
        took.as_secs_f64(),
        before / 1024,
        peak / 1024,
        rss_kb(pid) / 1024
    );
    if refused < 10 {
        println!("answers: {answers:?}");
    }
}

async fn login_burst(base: &str, n: usize) {
    let t = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let base = base.to_string();
        tasks.spawn(async move {
            let form = [("account", "pingban"), ("password", "wrong-password")];
            match reqwest::Client::new().post(format!("{base}/api/login")).header("Accept", "application/json").form(&form).send().await {
                Ok(r) => r.status().as_u16(),
                Err(_) => 0,
            }
        });
    }
    let (mut evaluated, mut throttled, mut other) = (0, 0, 0);
    while let Some(s) = tasks.join_next().await {
        match s.unwrap() {
            401 => evaluated += 1,
            429 => throttled += 1,
            _ => other += 1,
        }
    }
    println!(
        "{n} wrong logins at once for one account: {evaluated} evaluated (password checked), {throttled} throttled, {other} other, in {:.2} s",
        t.elapsed().as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).map(String::as_str).unwrap_or("http://127.0.0.1:3012");
    let pid: u32 = args.get(2).and_then(|p| p.parse().ok()).expect("the server's pid");
    bombs(base, pid).await;
    login_burst(base, 1000).await;
}
