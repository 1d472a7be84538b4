//! 职评's server: configuration, the store and its migrations, demo data, the Leptos app, the
//! server functions, static files, background jobs and graceful shutdown.

mod certificate_check;
mod certificate_routes;
mod config;
mod delivery_loop;
mod files;
mod jobs;
mod live;
mod notice_files;
mod payment_routes;
mod review_routes;
mod routes;
mod seal_routes;
mod security;

use std::process::ExitCode;
use std::sync::Arc;

use app::certificates::signing::IssuerKey;
use app::files::blobs::LocalBlobs;
use app::payments::alipay::{Alipay, AlipayConfig};
use app::payments::{LocalGateway, PaymentGateway};
use app::state::{AppState, Clock, Config};
use app::store::{outbox::DatabaseOutbox, seed_demo, Store, DEMO_ACCOUNTS, DEMO_PASSWORD};
use tracing_subscriber::EnvFilter;

use config::ServerConfig;

/// glibc raises its mmap threshold after the first large free, after which every argon2id run
/// (19 MiB) lands in a per-thread arena that is never given back: 200 logins took the process
/// from 170 MB to 7 GB (BENCHMARKS.md). A fixed 1 MiB threshold sends large blocks to mmap and
/// back to the system on free.
fn keep_large_allocations_returnable() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; called once before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Every file the server makes — the SQLite database and its journal, uploaded files, keys — is
/// its own user's alone (0600, directories 0700): they hold ID numbers and scans (review L2).
fn files_private_to_this_user() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: umask only sets the process's file-creation mask; called before any thread starts.
    unsafe {
        libc::umask(0o077);
    }
}

fn main() -> ExitCode {
    keep_large_allocations_returnable();
    files_private_to_this_user();
    match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt.block_on(async_main()),
        Err(e) => {
            eprintln!("zhiping: cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn async_main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("zhiping: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Why a server without a payment gateway does not start: the fee (SPEC rule 13) would go uncollected.
const NO_GATEWAY: &str = "no payment gateway is configured, so the evaluation fee could not be collected. \
The built-in gateway charges nothing and exists only in the demo (ZP_DEMO=1); \
configure Alipay (ZP_PAYMENT_PROVIDER=alipay and its keys: README, \"Payments\").";

/// Why a server outside the demo needs its public address: certificates print it in their QR
/// codes, and a Host header is the client's to choose (security review L10).
const NO_ORIGIN: &str = "ZP_PUBLIC_ORIGIN is not set: certificates print the platform's address in their QR codes, \
and taking it from the request would let a client choose it. Set the address people reach the platform at, \
e.g. ZP_PUBLIC_ORIGIN=https://zhiping.example.cn (only the demo, ZP_DEMO=1, runs without it).";

/// The payment provider the environment configures (Alipay), or else the built-in gateway, which
/// charges nothing: the demo's only (security review H3).
type Gateways = (Arc<dyn PaymentGateway>, Option<Arc<LocalGateway>>);
fn payment_gateway(cfg: &ServerConfig) -> Result<Gateways, String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    if let Some(config) = AlipayConfig::from_vars(var, cfg.public_origin.as_deref())? {
        tracing::info!(app_id = %config.app_id, gateway = %config.gateway, "fees are paid through Alipay");
        return Ok((Arc::new(Alipay::new(config)?), None));
    }
    if !cfg.demo {
        return Err(NO_GATEWAY.into());
    }
    let local = Arc::new(LocalGateway::load_or_create(&cfg.data_dir.join("gateway.secret"))?);
    Ok((local.clone(), Some(local)))
}

async fn run() -> Result<(), String> {
    let cfg = ServerConfig::from_env()?;
    match std::env::args().nth(1).as_deref() {
        Some("verify-audit") => return verify_audit(&cfg).await,
        Some("verify-certificate") => return certificate_check::run(std::env::args().skip(2).collect()),
        Some("public-key") => return certificate_check::print_public_key(&cfg),
        _ => {}
    }
    if !cfg.demo && cfg.public_origin.is_none() {
        return Err(NO_ORIGIN.into());
    }
    let (gateway, local_gateway) = payment_gateway(&cfg)?;
    if cfg.database_url.starts_with("sqlite") {
        std::fs::create_dir_all(&cfg.data_dir).map_err(|e| format!("creating {}: {e}", cfg.data_dir.display()))?;
    }
    let store = Store::open(&cfg.database_url).await.map_err(|e| format!("database {}: {e}", redact(&cfg.database_url)))?;
    let store = with_audit_key(store, &cfg).await?;
    let clock = Clock::default();
    if cfg.demo {
        seed_demo(&store, clock.now().millis()).await.map_err(|e| format!("demo data: {e}"))?;
    }
    let issuer_key = IssuerKey::load_or_create(&cfg.data_dir.join("issuer-ed25519.key"))?;
    let deliveries = delivery_loop::transports()?;
    let state = AppState {
        store: store.clone(),
        clock: clock.clone(),
        messenger: DatabaseOutbox::new(store.clone(), deliveries.wake()),
        deliveries,
        blobs: Arc::new(LocalBlobs::new(cfg.data_dir.join("files"))),
        config: Arc::new(Config {
            demo: cfg.demo,
            secure_cookies: cfg.secure_cookies,
            trusted_proxies: cfg.trusted_proxies,
            fee_fen: cfg.fee_fen,
            public_origin: cfg.public_origin.clone(),
        }),
        events: Default::default(),
        issuer_key: Arc::new(issuer_key),
        gateway,
        local_gateway,
    };

    let (jobs, sweep_now) = jobs::spawn(state.clone());
    let deliverer = delivery_loop::spawn(state.clone());
    let router = routes::router(&cfg, state, sweep_now);
    let listener = tokio::net::TcpListener::bind(cfg.addr).await.map_err(|e| format!("binding {}: {e}", cfg.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // Without TCP_NODELAY a response written in two parts (headers, then a file body) waits for
    // the client's delayed ACK: 40 ms per keep-alive request (measured: 31 req/s on one connection).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set");
        }
    });
    announce(&cfg, addr);

    axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server: {e}"))?;
    jobs.abort();
    deliverer.abort();
    store.close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// Where the key that seals the audit chain's head lives: beside the other keys, outside the
/// database (security review M8).
fn audit_key_path(cfg: &ServerConfig) -> std::path::PathBuf {
    cfg.data_dir.join("audit-hmac.key")
}

/// The store with the audit key, made on the first start. A chain written before there was a key
/// is checked and its head sealed then, once; a key that existed already never seals an unsealed
/// head (`verify-audit` reports that as broken).
async fn with_audit_key(store: Store, cfg: &ServerConfig) -> Result<Store, String> {
    use app::store::audit::{AuditCheck, AuditKey};
    let (secret, made_now) = app::security::load_or_create_secret(&audit_key_path(cfg))?;
    let store = store.with_audit_key(AuditKey::new(secret));
    if made_now {
        match store.seal_unsealed_head().await.map_err(|e| format!("sealing the audit head: {e}"))? {
            AuditCheck::Intact { records } => tracing::info!(records, "audit key made; the chain's head is sealed with it"),
            AuditCheck::Broken { seq, reason } => tracing::error!(seq, reason, "audit chain broken: its head was not sealed"),
        }
    }
    Ok(store)
}

/// `zhiping verify-audit`: recomputes the audit chain, checks the head's seal with the key, and
/// names the first broken record.
async fn verify_audit(cfg: &ServerConfig) -> Result<(), String> {
    use app::store::audit::{AuditCheck, AuditKey};
    let path = audit_key_path(cfg);
    let secret = app::security::read_private(&path).map_err(|e| format!("the audit key {}: {e}", path.display()))?;
    let store = Store::open(&cfg.database_url).await.map_err(|e| format!("database {}: {e}", redact(&cfg.database_url)))?;
    let store = store.with_audit_key(AuditKey::new(secret.trim().as_bytes().to_vec()));
    let check = store.verify_audit().await.map_err(|e| format!("reading the audit log: {e}"))?;
    store.close().await;
    match check {
        AuditCheck::Intact { records } => {
            println!("audit log intact: {records} records, chain, head and its seal verified");
            Ok(())
        }
        AuditCheck::Broken { seq, reason } => {
            Err(format!("audit log BROKEN at record {seq} ({reason}): it or a record before it was changed or removed"))
        }
    }
}

/// Says where the app is, and in demo mode how to log in.
fn announce(cfg: &ServerConfig, addr: std::net::SocketAddr) {
    tracing::info!(%addr, database = %redact(&cfg.database_url), "listening");
    println!("\n  职评 is running at http://{addr}/");
    println!("  database: {}", redact(&cfg.database_url));
    if cfg.demo {
        println!("\n  demo accounts (password {DEMO_PASSWORD}):");
        for (username, name, role, _, _) in DEMO_ACCOUNTS {
            println!("    {username:<9} {:<20} {name}", role.as_str());
        }
    }
    println!("\n  Ctrl-C stops it.\n");
}

/// Hides a password in a database URL.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
            None => url.to_string(),
        },
        _ => url.to_string(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_database_passwords() {
        assert_eq!(super::redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(super::redact("sqlite://data/z.db"), "sqlite://data/z.db");
    }
}
