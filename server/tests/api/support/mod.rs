//! Shared by the HTTP tests: the real binary on a free port with its own database.
#![allow(dead_code)]

mod form;
#[allow(unused_imports)]
pub use form::*;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Server {
    child: Child,
    pub base: String,
    dir: TempDir,
    port: u16,
    env: Vec<(String, String)>,
}

impl Server {
    /// The server's data directory (its SQLite file, files and keys).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.dir.0
    }

    /// The server's own database, for facts no endpoint sets yet.
    pub async fn store(&self) -> app::store::Store {
        app::store::Store::open(&self.database_url()).await.unwrap()
    }

    /// Its `DATABASE_URL` if one was given, else the SQLite file in its data directory.
    pub fn database_url(&self) -> String {
        match self.env.iter().find(|(k, v)| k == "DATABASE_URL" && !v.is_empty()) {
            Some((_, url)) => url.clone(),
            None => format!("sqlite://{}/zhiping.db", self.dir.0.display()),
        }
    }

    /// Kills the server with SIGKILL — no shutdown, nothing flushed — and starts it again on the
    /// same port, data directory and settings.
    pub async fn crash_and_restart(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.child = spawn(self.port, &self.dir.0, &self.env);
        wait_ready(&self.base).await;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub async fn start() -> Server {
    start_with(&[]).await
}

/// `start` with more settings (`ZP_…` variables) than the demo's.
pub async fn start_with(env: &[(&str, &str)]) -> Server {
    let port = free_port();
    let dir = std::env::temp_dir().join(format!("zhiping-api-test-{port}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let child = spawn(port, &dir, &env);
    let base = format!("http://127.0.0.1:{port}");
    wait_ready(&base).await;
    Server { child, base, dir: TempDir(dir), port, env }
}

fn spawn(port: u16, dir: &std::path::Path, env: &[(String, String)]) -> Child {
    // the child is killed and waited for when the `Server` is dropped
    #[allow(clippy::zombie_processes)]
    Command::new(env!("CARGO_BIN_EXE_zhiping"))
        .env("ZP_ADDR", format!("127.0.0.1:{port}"))
        .env("ZP_DATA_DIR", dir)
        .env("DATABASE_URL", "")
        .env("ZP_DEMO", "1")
        .env("ZP_TEST_CLOCK", "1")
        .env("RUST_LOG", "warn")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(log_file(dir))
        .stderr(log_file(dir))
        .spawn()
        .expect("start the server binary")
}

/// The server's log (`server.log` in its data directory, kept across restarts): what it writes is a
/// test's subject too (no ID number, phone or code in it).
fn log_file(dir: &std::path::Path) -> Stdio {
    let f = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("server.log")).expect("server log");
    Stdio::from(f)
}

impl Server {
    /// `zhiping verify-audit` on this server's database and key: (passed, what it said on stdout
    /// and stderr).
    pub fn verify_audit(&self) -> (bool, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_zhiping"))
            .arg("verify-audit")
            .env("DATABASE_URL", self.database_url())
            .env("ZP_DATA_DIR", self.data_dir())
            .output()
            .unwrap();
        (out.status.success(), format!("{} {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.0.join("server.log")).unwrap_or_default()
    }
}

/// Waits up to 60 s for `/healthz`: a debug build seeds 13 demo accounts with argon2id at start,
/// and several test servers start at once on two cores.
async fn wait_ready(base: &str) {
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not start");
}

/// A client that keeps cookies and does not follow redirects (to see them).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Calls a server function the way the hydrated page does (form-encoded, JSON answer).
pub async fn call(c: &reqwest::Client, s: &Server, name: &str, form: &[(&str, &str)]) -> (u16, String) {
    let res = c.post(format!("{}/api/{name}", s.base)).header("Accept", "application/json").form(form).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// The demo accounts' password.
pub const DEMO_PASSWORD: &str = "Zhiping@2026";

/// A client signed in as `account` with `password`.
pub async fn login_with(s: &Server, account: &str, password: &str) -> reqwest::Client {
    let c = client();
    let (status, body) = call(&c, s, "login", &[("account", account), ("password", password)]).await;
    assert_eq!(status, 200, "{account}: {body}");
    c
}

/// A client signed in as a demo account.
pub async fn login(s: &Server, account: &str) -> reqwest::Client {
    login_with(s, account, DEMO_PASSWORD).await
}

/// A refusal: a 4xx status (never our 500) and the typed error the body must carry.
pub fn refused(status: u16, body: &str, key: &str) -> bool {
    (400..500).contains(&status) && body.contains(key)
}

/// Where an application stands, by its stored name (`formal_passed`…), read from the server's database.
pub async fn status_of(s: &Server, app: &str) -> &'static str {
    s.store().await.application(app).await.unwrap().unwrap().status.as_str()
}

pub fn id_with_check(first17: &str) -> String {
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.bytes().zip(w).map(|(d, w)| u32::from(d - b'0') * w).sum();
    format!("{first17}{}", ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize])
}

/// Uploads `bytes` into a field of an application, as the page's script does (JSON answer).
pub async fn upload(c: &reqwest::Client, s: &Server, app: &str, field: &str, name: &str, bytes: Vec<u8>) -> (u16, String) {
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    let res = c.post(format!("{}/upload/{app}/{field}", s.base)).multipart(form).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The start form of a 副高级 application at 新疆大学 in the seed's series, by someone holding
/// 中级 since 2020 (five years by the demo round's reference date, as its conditions ask).
pub const START: [(&str, &str); 6] = [
    ("level", "associate_senior"),
    ("series", "高等学校教育管理研究"),
    ("specialty", "高等教育管理"),
    ("unit_id", "org-unit-xju"),
    ("current_level", "intermediate"),
    ("obtained_on", "2020-03-01"),
];

pub async fn applicant_with_application(s: &Server, account: &str) -> (reqwest::Client, String) {
    let c = login(s, account).await;
    let (status, body) = call(&c, s, "start_application", &START).await;
    assert_eq!(status, 200, "{body}");
    (c, serde_json::from_str::<String>(&body).unwrap())
}

pub async fn register_applicant(s: &Server, first17: &str) -> String {
    let id = id_with_check(first17);
    let form = [
        ("name", "热依拉·测试"),
        ("id_number", id.as_str()),
        ("phone", "13991000777"),
        ("email", "r@example.cn"),
        ("password", "Zhiping@2026"),
        ("password2", "Zhiping@2026"),
    ];
    let (status, body) = call(&client(), s, "register", &form).await;
    assert_eq!(status, 200, "{body}");
    id
}

/// Puts an application at a status directly (a test that is about a later step skips the earlier ones).
pub async fn set_status(s: &Server, app: &str, status: &str) {
    let store = s.store().await;
    sqlx::query("UPDATE applications SET status = $1, version = version + 1 WHERE id = $2")
        .bind(status)
        .bind(app)
        .execute(store.pool())
        .await
        .unwrap();
}

/// A submitted application of the demo applicant (新疆大学), put at 通过形式 directly: the review
/// chain before it is `review.rs`'s subject.
pub async fn formally_passed(s: &Server) -> (reqwest::Client, String) {
    let (applicant, app) = applicant_with_application(s, "shenbao").await;
    fill_complete(&applicant, s, &app).await;
    let (status, body) = call(&applicant, s, "submit_application", &[("id", &app), ("key", "certificates-test-key-0001")]).await;
    assert_eq!(status, 200, "{body}");
    set_status(s, &app, "formal_passed").await;
    (applicant, app)
}

/// An organisation beside the demo's, `kind` under `parent`.
pub async fn add_org(s: &Server, id: &str, kind: app::domain::admin::OrgKind, parent: Option<&str>) {
    let org = app::store::OrgRow { id: id.into(), kind, name: format!("测试机构 {id}"), parent_id: parent.map(Into::into) };
    s.store().await.ensure_org(&org, 0).await.unwrap();
}

/// A staff account `username` (demo password) with `role` in organisation `org`.
pub async fn add_staff(s: &Server, username: &str, role: &str, org: &str) {
    let hash = app::security::hash_password(DEMO_PASSWORD.into()).await.unwrap();
    let id = format!("user-{username}");
    let email = format!("{username}@example.cn");
    let u = app::store::NewUser {
        id: &id,
        username,
        id_number: None,
        name: username,
        phone: "13900000000",
        email: &email,
        password_hash: &hash,
        role,
        org_id: Some(org),
        created_at: 0,
    };
    s.store().await.insert_user(&u).await.unwrap();
}

/// Moves the server's test clock forward `ms` (the jobs and the outbox's worker run at once).
pub async fn advance_clock(s: &Server, ms: i64) {
    let res = reqwest::Client::new().post(format!("{}/__test/clock?ms={ms}", s.base)).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

/// The newest outbox message to `recipient`: (state, attempts, last error).
pub async fn outbox_row(s: &Server, recipient: &str) -> (String, i64, String) {
    let rows = s.store().await.outbox(100).await.unwrap();
    let r = rows.into_iter().find(|r| r.recipient == recipient).unwrap_or_else(|| panic!("nothing stored for {recipient}"));
    (r.state, r.attempts, r.last_error)
}

/// Waits (up to 10 s) until the newest outbox message to `recipient` is as `done` says.
async fn outbox_until(s: &Server, recipient: &str, what: &str, done: impl Fn(&(String, i64, String)) -> bool) -> (String, i64, String) {
    let mut row = (String::new(), 0, String::new());
    for _ in 0..200 {
        let rows = s.store().await.outbox(100).await.unwrap();
        if let Some(r) = rows.into_iter().find(|r| r.recipient == recipient) {
            row = (r.state, r.attempts, r.last_error);
            if done(&row) {
                return row;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{recipient}: {what} expected, the outbox says {row:?}");
}

/// … until it is in `state` (`sent`, `failed`).
pub async fn outbox_settled(s: &Server, recipient: &str, state: &str) -> (String, i64, String) {
    outbox_until(s, recipient, state, |r| r.0 == state).await
}

/// … until it was tried and failed at least once (and is kept, or given up).
pub async fn outbox_tried(s: &Server, recipient: &str) -> (String, i64, String) {
    outbox_until(s, recipient, "a failed try", |r| r.1 >= 1 && !r.2.is_empty()).await
}

/// The administrator invites `name` as a unit reviewer of 新疆师范大学.
pub async fn invite_staff(s: &Server, name: &str, username: &str, phone: &str, email: &str) {
    let admin = login(s, "admin").await;
    let form = [
        ("username", username),
        ("name", name),
        ("phone", phone),
        ("email", email),
        ("role", "unit_reviewer"),
        ("org_id", "org-unit-xjnu"),
    ];
    let (status, body) = call(&admin, s, "invite_user", &form).await;
    assert_eq!(status, 200, "{body}");
}
