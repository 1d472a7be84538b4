//! Nothing acknowledged is lost (security issue, "crash"): a crowd of applicants uploads and submits
//! against the release server, the server is killed with SIGKILL in the middle — no shutdown, no
//! flush — and started again. Every upload and submission that was answered 200 must be there
//! after the restart, each file's bytes as sent, each submission with its audit record, and
//! `zhiping verify-audit` must find the chain intact. On SQLite and on PostgreSQL.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::support::*;
use app::files::fixtures::photo_jpeg;
use app::store::{NewApplication, NewUser};

/// Applications in the crowd: one upload and one submission each.
const APPLICANTS: usize = 1500;
/// The server is killed once this many operations were acknowledged (about half of them).
const KILL_AFTER: usize = 1500;
const WORKERS: usize = 16;

/// What the server acknowledged before it died.
#[derive(Default)]
struct Acknowledged {
    /// (application, attachment id, the bytes sent)
    uploads: Vec<(usize, String, Vec<u8>)>,
    submissions: Vec<usize>,
}

struct Crowd {
    apps: Vec<String>,
    tokens: Vec<String>,
}

/// Applicants with a complete draft each (a copy of one filled through the server functions) and
/// a signed-in session, written straight into the server's database: the crash is the subject,
/// not registration.
async fn seed_crowd(s: &Server) -> Crowd {
    let (c, template) = applicant_with_application(s, "shenbao").await;
    fill_complete(&c, s, &template).await;
    let store = s.store().await;
    let t = store.application(&template).await.unwrap().unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let (mut apps, mut tokens) = (vec![], vec![]);
    for i in 0..APPLICANTS {
        let (user_id, app_id, token) = (format!("user-crash-{i}"), format!("app-crash-{i:05}"), app::store::new_id());
        let (username, email) = (format!("crash{i}"), format!("crash{i}@example.cn"));
        let user = NewUser {
            id: &user_id,
            username: &username,
            id_number: None,
            name: "压力测试",
            phone: "13900000000",
            email: &email,
            password_hash: "not-a-password",
            role: "applicant",
            org_id: None,
            created_at: now,
        };
        store.insert_user(&user).await.unwrap();
        let app = NewApplication {
            id: &app_id,
            applicant_id: &user_id,
            evaluation_year: t.evaluation_year as i32,
            series: &t.series,
            specialty: &t.specialty,
            level: &t.level,
            region_id: &t.region_id,
            reviewing_unit_id: &t.reviewing_unit_id,
            home_unit_id: &t.home_unit_id,
            authority_id: &t.authority_id,
            office_id: &t.office_id,
            materials: &t.materials,
            now,
            round_id: &t.round_id,
        };
        store.insert_application(&app).await.unwrap();
        store.insert_session(&app::security::sha256_hex(&token), &user_id, now).await.unwrap();
        apps.push(app_id);
        tokens.push(token);
    }
    Crowd { apps, tokens }
}

/// One applicant's turn: a photo of their own (the same picture with their number after its end,
/// so every file is different bytes), then the submission. Stops at the first failure: the server
/// is gone.
async fn one_applicant(s_base: &str, crowd: &Crowd, i: usize, photo: &[u8], acked: &Mutex<Acknowledged>) -> bool {
    let http = reqwest::Client::new();
    let cookie = format!("zp_session={}", crowd.tokens[i]);
    let app = &crowd.apps[i];
    let mut bytes = photo.to_vec();
    bytes.extend_from_slice(format!("applicant {i}").as_bytes());
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes.clone()).file_name("证件照.jpg"));
    let sent = http.post(format!("{s_base}/upload/{app}/photo")).header("cookie", &cookie).multipart(form).send().await;
    let Ok(res) = sent else { return false };
    if res.status() != 200 {
        return false;
    }
    let Ok(body) = res.json::<serde_json::Value>().await else { return false };
    let attachment = body["attachment_id"].as_str().unwrap_or_default().to_string();
    acked.lock().unwrap().uploads.push((i, attachment, bytes));

    let key = format!("crash-submission-key-{i:08}");
    let sent = http
        .post(format!("{s_base}/api/submit_application"))
        .header("cookie", &cookie)
        .header("accept", "application/json")
        .form(&[("id", app.as_str()), ("key", key.as_str())])
        .send()
        .await;
    let Ok(res) = sent else { return false };
    if res.status() != 200 || res.bytes().await.is_err() {
        return false;
    }
    acked.lock().unwrap().submissions.push(i);
    true
}

async fn nothing_acknowledged_is_lost(env: &[(&str, &str)]) {
    let mut s = start_with(env).await;
    let crowd = Arc::new(seed_crowd(&s).await);
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let next = Arc::new(AtomicUsize::new(0));
    let gone = Arc::new(AtomicBool::new(false));
    let photo = Arc::new(photo_jpeg());
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (crowd, acked, next, gone, photo, base) =
                (crowd.clone(), acked.clone(), next.clone(), gone.clone(), photo.clone(), s.base.clone());
            tokio::spawn(async move {
                while !gone.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= APPLICANTS || !one_applicant(&base, &crowd, i, &photo, &acked).await {
                        break;
                    }
                }
            })
        })
        .collect();
    // kill it mid-stream, with requests in flight
    loop {
        let done = {
            let a = acked.lock().unwrap();
            a.uploads.len() + a.submissions.len()
        };
        if done >= KILL_AFTER || workers.iter().all(|w| w.is_finished()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    gone.store(true, Ordering::Relaxed);
    s.crash_and_restart().await;
    for w in workers {
        w.await.unwrap();
    }

    let acked = std::mem::take(&mut *acked.lock().unwrap());
    assert!(acked.submissions.len() >= KILL_AFTER / 3, "the crowd was under way: {} submissions", acked.submissions.len());
    assert!(acked.submissions.len() < APPLICANTS, "killed in the middle, not after the end");
    eprintln!("acknowledged before SIGKILL: {} uploads, {} submissions", acked.uploads.len(), acked.submissions.len());

    let store = s.store().await;
    for i in &acked.submissions {
        let row = store.application(&crowd.apps[*i]).await.unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.submissions_used), ("unit_review", 1), "submission {i}");
        let audit = store.audit_of(&crowd.apps[*i]).await.unwrap();
        assert!(audit.iter().any(|r| r.action == "submit"), "submission {i} has its audit record");
    }
    let http = reqwest::Client::new();
    for (i, attachment, bytes) in &acked.uploads {
        let row = store.application(&crowd.apps[*i]).await.unwrap().unwrap();
        assert!(row.materials.contains(attachment.as_str()), "upload {i} is in its slot");
        let res =
            http.get(format!("{}/files/{attachment}", s.base)).header("cookie", format!("zp_session={}", crowd.tokens[*i])).send().await;
        let got = res.unwrap().bytes().await.unwrap();
        assert!(got.as_ref() == bytes.as_slice(), "upload {i}: the bytes as sent");
    }

    let (verified, said) = s.verify_audit();
    assert!(verified && said.contains("intact"), "{said}");
}

#[tokio::test]
async fn nothing_acknowledged_is_lost_when_the_server_is_killed_on_sqlite() {
    nothing_acknowledged_is_lost(&[]).await;
}

#[tokio::test]
async fn nothing_acknowledged_is_lost_when_the_server_is_killed_on_postgresql() {
    let Some(url) = app::store::fresh_postgres_database().await else { return };
    nothing_acknowledged_is_lost(&[("DATABASE_URL", &url)]).await;
}
