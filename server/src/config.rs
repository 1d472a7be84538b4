//! Configuration from the environment. Every variable is documented in README.md.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// `ZP_ADDR`, default 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// `ZP_DATA_DIR`, default ./data: the SQLite file and, later, uploaded files.
    pub data_dir: PathBuf,
    /// `DATABASE_URL`, default sqlite://<data dir>/zhiping.db?mode=rwc.
    pub database_url: String,
    /// `ZP_SITE_ROOT`, default target/site: the built WASM, JS and CSS.
    pub site_root: String,
    /// `ZP_DEMO=1`: seed demo data and allow the outbox page.
    pub demo: bool,
    /// `ZP_TEST_CLOCK=1`: mount POST /__test/clock (end-to-end tests only; absent otherwise).
    pub test_clock: bool,
    /// `ZP_SECURE_COOKIES`: the site is served over HTTPS, so every cookie gets `Secure` and
    /// responses carry HSTS. On by default except on a loopback address; `0` turns it off.
    pub secure_cookies: bool,
    /// `ZP_TRUSTED_PROXIES=N`: the server sits behind N proxies that each append to
    /// X-Forwarded-For; the client address is the N-th from the right. Default 0 (the peer).
    /// `ZP_TRUST_FORWARDED_FOR=1`, the older switch, means one.
    pub trusted_proxies: usize,
    /// `ZP_PUBLIC_ORIGIN`, e.g. https://zhiping.example.cn: the origin state-changing requests
    /// must come from. Default: the request's own Host.
    pub public_origin: Option<String>,
    /// `ZP_FEE_FEN`, default 30000 (¥300.00): the evaluation fee.
    pub fee_fen: i64,
}

fn flag(name: &str) -> bool {
    matches!(std::env::var(name).as_deref(), Ok("1") | Ok("true") | Ok("yes"))
}

impl ServerConfig {
    pub fn from_env() -> Result<Self, String> {
        let addr = std::env::var("ZP_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
        let addr: SocketAddr = addr.parse().map_err(|e| format!("ZP_ADDR={addr}: {e}"))?;
        let data_dir = PathBuf::from(std::env::var("ZP_DATA_DIR").unwrap_or_else(|_| "data".into()));
        let database_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| format!("sqlite://{}/zhiping.db?mode=rwc", data_dir.display()));
        let (demo, test_clock) = (flag("ZP_DEMO"), flag("ZP_TEST_CLOCK"));
        // Both are for this machine only: the demo's accounts share a published password (review
        // M9), and anyone may move the test clock, no session asked (L4).
        if test_clock && !addr.ip().is_loopback() {
            return Err(format!("ZP_TEST_CLOCK=1 on {addr}: the test clock is for tests on this machine, on a loopback address only"));
        }
        if demo && !addr.ip().is_loopback() {
            return Err(format!(
                "ZP_DEMO=1 on {addr}: the demo's accounts share a published password, so it listens on a loopback address only (ZP_ADDR=127.0.0.1:3000)"
            ));
        }
        Ok(Self {
            addr,
            data_dir,
            database_url,
            site_root: std::env::var("ZP_SITE_ROOT").unwrap_or_else(|_| "target/site".into()),
            demo,
            test_clock,
            // served over HTTPS unless said otherwise or on this machine only
            secure_cookies: match std::env::var("ZP_SECURE_COOKIES").as_deref() {
                Ok("0") | Ok("false") | Ok("no") => false,
                Ok(_) => true,
                Err(_) => !addr.ip().is_loopback(),
            },
            trusted_proxies: match std::env::var("ZP_TRUSTED_PROXIES") {
                Ok(v) => {
                    v.parse().ok().filter(|n| *n <= 10).ok_or_else(|| format!("ZP_TRUSTED_PROXIES={v}: a number of proxies, 0 to 10"))?
                }
                Err(_) => usize::from(flag("ZP_TRUST_FORWARDED_FOR")),
            },
            public_origin: std::env::var("ZP_PUBLIC_ORIGIN").ok().filter(|o| !o.is_empty()),
            fee_fen: match std::env::var("ZP_FEE_FEN") {
                Ok(v) => v.parse().ok().filter(|f| *f > 0).ok_or_else(|| format!("ZP_FEE_FEN={v}: a positive number of fen"))?,
                Err(_) => 30_000,
            },
        })
    }
}
