//! The account server functions called over HTTP with no browser: the real binary on a free
//! port with its own SQLite database, as an attacker or another channel would call them.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    base: String,
    _dir: TempDir,
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

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start() -> Server {
    let port = free_port();
    let dir = std::env::temp_dir().join(format!("zhiping-api-test-{port}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_zhiping"))
        .env("ZP_ADDR", format!("127.0.0.1:{port}"))
        .env("ZP_DATA_DIR", &dir)
        .env("DATABASE_URL", "")
        .env("ZP_DEMO", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("start the server binary");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            return Server { child, base, _dir: TempDir(dir) };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not start");
}

/// A client that keeps cookies and does not follow redirects (to see them).
fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Calls a server function the way the hydrated page does (form-encoded, JSON answer).
async fn call(c: &reqwest::Client, s: &Server, name: &str, form: &[(&str, &str)]) -> (u16, String) {
    let res = c
        .post(format!("{}/api/{name}", s.base))
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

fn id_with_check(first17: &str) -> String {
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.bytes().zip(w).map(|(d, w)| u32::from(d - b'0') * w).sum();
    format!("{first17}{}", ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize])
}

fn registration<'a>(id: &'a str, phone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", "买买提·测试"),
        ("id_number", id),
        ("phone", phone),
        ("email", "m@example.cn"),
        ("password", "天山雪莲2026春"),
        ("password2", "天山雪莲2026春"),
    ]
}

#[tokio::test]
async fn the_server_refuses_what_the_browser_would_and_more() {
    let s = start().await;
    let c = client();

    // every field is checked on the server too, each at its place
    let (status, body) = call(&c, &s, "register", &registration("650102198506152025", "12345")).await;
    assert_eq!(status, 500, "{body}");
    assert!(body.contains("IdCheckCharacter") && body.contains("PhoneInvalid"), "{body}");

    // fifty identical registrations at once make one account
    let id = id_with_check("65010219880808111");
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (base, id) = (s.base.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            let form = registration(&id, "13991000001");
            let res = client().post(format!("{base}/api/register")).header("Accept", "application/json").form(&form).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }));
    }
    let mut created = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        if status == 200 {
            created += 1;
        } else {
            assert!(body.contains("IdTaken"), "{status} {body}");
        }
    }
    assert_eq!(created, 1);
}

#[tokio::test]
async fn logins_are_throttled_per_account() {
    let s = start().await;
    let c = client();
    for _ in 0..5 {
        let (_, body) = call(&c, &s, "login", &[("account", "pingban"), ("password", "wrong-password")]).await;
        assert!(body.contains("LoginFailed"), "{body}");
    }
    // the sixth try is refused even with the right password, and says for how long
    let (_, body) = call(&c, &s, "login", &[("account", "pingban"), ("password", "Zhiping@2026")]).await;
    assert!(body.contains("LoginThrottled"), "{body}");
    // another account from the same address is unaffected
    let (status, _) = call(&c, &s, "login", &[("account", "renshe"), ("password", "Zhiping@2026")]).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn reset_codes_answer_alike_for_unknown_accounts_and_are_rate_limited() {
    let s = start().await;
    let c = client();
    let (known, _) = call(&c, &s, "request_reset_code", &[("account", "shenbao"), ("channel", "sms")]).await;
    let (unknown, _) = call(&c, &s, "request_reset_code", &[("account", "nobody-here"), ("channel", "sms")]).await;
    assert_eq!(known, unknown, "the answer must not tell whether an account exists");
    for _ in 0..2 {
        call(&c, &s, "request_reset_code", &[("account", "shenbao"), ("channel", "sms")]).await;
    }
    let (_, body) = call(&c, &s, "request_reset_code", &[("account", "shenbao"), ("channel", "sms")]).await;
    assert!(body.contains("RateLimited"), "{body}");
    // a guessed code is refused
    let form = [("account", "shenbao"), ("code", "000000"), ("password", "昆仑山2027新密码"), ("password2", "昆仑山2027新密码")];
    let (_, body) = call(&c, &s, "reset_password", &form).await;
    assert!(body.contains("CodeInvalid"), "{body}");
}

#[tokio::test]
async fn the_outbox_is_for_administrators_only() {
    let s = start().await;
    let c = client();
    let (status, body) = call(&c, &s, "outbox", &[]).await;
    assert!(status >= 400 && body.contains("Unauthenticated"), "{status} {body}");
    call(&c, &s, "login", &[("account", "shenbao"), ("password", "Zhiping@2026")]).await;
    let (_, body) = call(&c, &s, "outbox", &[]).await;
    assert!(body.contains("Forbidden"), "{body}");
    let admin = client();
    call(&admin, &s, "login", &[("account", "admin"), ("password", "Zhiping@2026")]).await;
    let (status, _) = call(&admin, &s, "outbox", &[]).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_session_ends_at_logout_and_its_cookie_is_useless_after() {
    let s = start().await;
    let c = client();
    let res = c
        .post(format!("{}/api/login", s.base))
        .header("Accept", "application/json")
        .form(&[("account", "zhuguan"), ("password", "Zhiping@2026")])
        .send()
        .await
        .unwrap();
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    let me = |cookie: String| {
        let base = s.base.clone();
        async move {
            reqwest::Client::new()
                .post(format!("{base}/api/me"))
                .header("Accept", "application/json")
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    assert!(me(cookie.clone()).await.contains("张志强"));
    call(&c, &s, "logout", &[]).await;
    assert_eq!(me(cookie).await, "null");
}
