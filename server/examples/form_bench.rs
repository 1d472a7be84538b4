//! Figures for BENCHMARKS.md (issue 3): upload throughput of a 5 MB PDF and a 5 MB JPEG against a
//! running release server, the server's resident memory during 10 parallel uploads, and the time
//! of the completeness check on a full application. Prints; asserts nothing.
//!
//! ```sh
//! ZP_DEMO=1 ZP_DATA_DIR=/tmp/zpbench ZP_ADDR=127.0.0.1:3009 RUST_LOG=warn ./target/release/zhiping &
//! cargo run --release -p zhiping --example form_bench -- http://127.0.0.1:3009 $(pgrep -n -f target/release/zhiping)
//! ```

use std::io::Cursor;
use std::time::Instant;

use app::domain::materials::{missing, Materials};
use image::{DynamicImage, RgbImage};

mod common;

/// A 5 MB PDF: one page and a large stream, as a scanned certificate exported to PDF.
fn big_pdf(bytes: usize) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut noise = vec![0u8; bytes];
    let mut x = 0x2545_F491u32;
    for b in noise.iter_mut() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    let blob = doc.add_object(Stream::new(dictionary! {}, noise));
    let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Extra" => blob,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![Object::from(page)], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A detailed colour JPEG of about `bytes` (a phone photo of a document is this kind of file).
fn big_jpeg(bytes: usize) -> Vec<u8> {
    let mut side = 1200u32;
    loop {
        let mut x = 0x9E37_79B9u32;
        let img = RgbImage::from_fn(side, side, |px, py| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let base = if (px / 8 + py / 8) % 2 == 0 { 40 } else { 210 };
            image::Rgb([base ^ (x as u8 & 0x3f), base ^ ((x >> 8) as u8 & 0x3f), base ^ ((x >> 16) as u8 & 0x3f)])
        });
        let mut out = Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92).encode_image(&DynamicImage::ImageRgb8(img)).unwrap();
        let out = out.into_inner();
        if out.len() >= bytes || side > 4000 {
            return out;
        }
        side = (f64::from(side) * (bytes as f64 / out.len() as f64).sqrt() * 1.02) as u32;
    }
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

async fn login(base: &str) -> (reqwest::Client, String) {
    let c = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let r = c
        .post(format!("{base}/api/login"))
        .header("Accept", "application/json")
        .form(&[("account", "shenbao"), ("password", "Zhiping@2026")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "login: {}", r.status());
    let list: serde_json::Value =
        c.post(format!("{base}/api/my_applications")).header("Accept", "application/json").send().await.unwrap().json().await.unwrap();
    let id = match list.as_array().and_then(|a| a.first()) {
        Some(a) => a["id"].as_str().unwrap().to_string(),
        None => {
            let form = [
                ("level", "associate_senior"),
                ("series", "高等学校教育管理研究"),
                ("specialty", "高等教育管理"),
                ("unit_id", "org-unit-xju"),
                ("current_level", "intermediate"),
                ("obtained_on", "2020-03-01"),
            ];
            c.post(format!("{base}/api/start_application"))
                .header("Accept", "application/json")
                .form(&form)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap()
        }
    };
    (c, id)
}

async fn upload(c: &reqwest::Client, base: &str, app: &str, field: &str, name: &str, bytes: Vec<u8>) -> u16 {
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    let r = c.post(format!("{base}/upload/{app}/{field}")).multipart(form).send().await.unwrap();
    let status = r.status().as_u16();
    let _ = r.bytes().await;
    status
}

fn completeness() {
    let today = app::domain::materials::Basis::notice(time::macros::date!(2026 - 11 - 27));
    let today = &today;
    let m = common::full_materials();
    assert!(missing(&m, today).is_empty(), "{:?}", missing(&m, today));
    let runs = 2000;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(missing(std::hint::black_box(&m), today));
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let json = serde_json::to_string(&m).unwrap();
    let t = Instant::now();
    for _ in 0..200 {
        let parsed: Materials = serde_json::from_str(std::hint::black_box(&json)).unwrap();
        std::hint::black_box(missing(&parsed, today));
    }
    println!(
        "completeness check, full application (3 degrees, 30 achievements, 40 works, 10 training years, {} KB JSON): median {:.1} µs; with JSON parse {:.1} µs",
        json.len() / 1024,
        median(times),
        t.elapsed().as_secs_f64() * 1e6 / 200.0
    );
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let base = args.next().unwrap_or_else(|| "http://127.0.0.1:3009".into());
    let pid: Option<u32> = args.next().and_then(|p| p.parse().ok());
    completeness();

    let (c, app) = login(&base).await;
    let pdf = big_pdf(5 * 1024 * 1024);
    let jpeg = big_jpeg(5 * 1024 * 1024);
    for (what, field, name, bytes) in [("PDF", "id_card_scan", "big.pdf", &pdf), ("JPEG", "id_card_scan", "big.jpg", &jpeg)] {
        let mut rates = vec![];
        for _ in 0..9 {
            let t = Instant::now();
            let status = upload(&c, &base, &app, field, name, bytes.clone()).await;
            assert_eq!(status, 200, "{what} upload");
            rates.push(bytes.len() as f64 / 1_048_576.0 / t.elapsed().as_secs_f64());
        }
        println!(
            "upload {what} {:.1} MB: median {:.1} MB/s over 9 uploads (min {:.1}, max {:.1})",
            bytes.len() as f64 / 1_048_576.0,
            median(rates.clone()),
            rates.iter().cloned().fold(f64::MAX, f64::min),
            rates.iter().cloned().fold(0.0, f64::max)
        );
    }

    if let Some(pid) = pid {
        let before = rss_kb(pid);
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let sampler = {
            let done = done.clone();
            std::thread::spawn(move || {
                let mut peak = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    peak = peak.max(rss_kb(pid));
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                peak
            })
        };
        let t = Instant::now();
        let tasks: Vec<_> = (0..10)
            .map(|i| {
                let (c, base, app) = (c.clone(), base.clone(), app.clone());
                let bytes = if i % 2 == 0 { pdf.clone() } else { jpeg.clone() };
                tokio::spawn(async move { upload(&c, &base, &app, "id_card_scan", "parallel", bytes).await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap(), 200);
        }
        let secs = t.elapsed().as_secs_f64();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let peak = sampler.join().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(500));
        println!(
            "10 parallel 5 MB uploads (5 PDF + 5 JPEG) in {secs:.2} s: server RSS {} MB before, peak {} MB, {} MB after",
            before / 1024,
            peak / 1024,
            rss_kb(pid) / 1024
        );
    }
}
