//! The one place that writes SQL (server only). Runtime-checked queries through sqlx's `Any`
//! driver, so one code path serves SQLite (embedded default) and PostgreSQL (`DATABASE_URL=postgres://…`).
//! Placeholders are `$1…`, which both engines accept; instants are BIGINT UTC milliseconds.

mod admin;
mod applications;
mod attachments;
pub mod audit;
mod calendar;
pub mod certificates;
pub mod committee;
mod demo;
pub mod evaluation;
pub mod fees;
mod gongshi;
mod notices;
mod organisations;
pub mod outbox;
mod penalties;
mod reset_codes;
pub mod review;
mod rounds;
mod sessions;
mod throttle;
mod users;

pub use admin::{ByAdmin, UserFilter};
pub use applications::{ApplicationRow, NewApplication, Rerouted, Submitted};
pub use attachments::AttachmentRow;
pub use demo::{seed_demo, DEMO_ACCOUNTS, DEMO_PASSWORD};
pub use gongshi::{Handled, Handling, NoticeEntry, ObjectionRow};
pub use notices::{NoticeFileRow, NoticeRow};
pub use organisations::OrgRow;
pub use outbox::OutboxRow;
pub use penalties::{Finding, FindingRow, Found, NewPenalty};
pub use reset_codes::{NewResetCode, ResetCodeRow};
pub use review::{Decided, Decision, QueueFilter, QueueRow, QueueSort};
pub use rounds::{RoundRow, RoundSave};
pub use sessions::SessionRow;
pub use users::{NewUser, UserRow};

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness constraint refused the write; the string names the column.
    #[error("already exists: {0}")]
    Unique(&'static str),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Someone changed the row since it was read (optimistic version check).
    #[error("changed by someone else")]
    Conflict,
    #[error("not found")]
    NotFound,
    /// A row the domain cannot read (e.g. an unknown status).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// Demo data asked for on a database that holds real accounts.
    #[error("this database holds accounts that are not the demo's: demo data (ZP_DEMO=1), whose accounts share a published password, is never added to it")]
    NotDemo,
}

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The `n`-th placeholder (from 1) of a statement with hundreds of values: `?` on SQLite,
    /// whose parser looks each `$N` up among the names before it (a 7,000-value INSERT spent
    /// 65 ms on that alone), `$n` on PostgreSQL. Every placeholder of the statement must come
    /// from here, in order (sqlx binds SQLite's `?` by position, and `$N` by name).
    pub(super) fn placeholder(self, n: usize) -> String {
        match self {
            Engine::Sqlite => "?".into(),
            Engine::Postgres => format!("${n}"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// Seals the audit chain's head (`audit::AuditKey`); the server always sets one.
    audit_key: Option<std::sync::Arc<audit::AuditKey>>,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../server/migrations");

impl Store {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`) and runs the migrations.
    pub async fn open(url: &str) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("postgres") { Engine::Postgres } else { Engine::Sqlite };
        let options =
            AnyPoolOptions::new().max_connections(if engine == Engine::Sqlite { 8 } else { 16 }).after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // WAL lets readers go on while one writer writes; busy_timeout makes a
                        // second writer wait instead of failing at once. FULL fsyncs the log at
                        // every commit: what was acknowledged survives a power cut too, not only a
                        // killed process (NORMAL may lose the last commits then).
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(url).await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool, engine, audit_key: None })
    }

    /// The store whose audit appends seal the head with `key`, and whose `verify_audit` checks it.
    pub fn with_audit_key(self, key: audit::AuditKey) -> Self {
        Self { audit_key: Some(std::sync::Arc::new(key)), ..self }
    }

    fn without_audit_key(self) -> Self {
        Self { audit_key: None, ..self }
    }

    fn audit_key(&self) -> Option<&audit::AuditKey> {
        self.audit_key.as_deref()
    }

    fn chain(&self) -> audit::Chain<'_> {
        audit::Chain { engine: self.engine, key: self.audit_key() }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A new random identifier (128 bits, hex), made by the application so that no engine-specific
/// sequence is needed.
pub fn new_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// Turns a driver's uniqueness violation into `StoreError::Unique(column)`, naming the first of
/// `columns` that the message mentions (SQLite says `users.id_number`, PostgreSQL `users_id_number_key`).
fn unique_or(e: sqlx::Error, columns: &[&'static str]) -> StoreError {
    if let sqlx::Error::Database(db) = &e {
        if db.is_unique_violation() {
            let text = format!("{} {}", db.message(), db.constraint().unwrap_or(""));
            let col = columns.iter().find(|c| text.contains(*c)).copied().unwrap_or("unknown");
            return StoreError::Unique(col);
        }
    }
    StoreError::Db(e)
}

#[cfg(test)]
mod tests;

/// A new PostgreSQL database named after a random id under `TEST_DATABASE_URL` (its URL), for the
/// store tests and the server's crash test; `.ci/run` drops every `zp_test_%` database after. `None`
/// when no server is configured — a failure instead under `ZP_REQUIRE_POSTGRES=1` (CI).
#[cfg(any(test, feature = "fixtures"))]
pub async fn fresh_postgres_database() -> Option<String> {
    let base = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            assert!(std::env::var("ZP_REQUIRE_POSTGRES").as_deref() != Ok("1"), "ZP_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
            eprintln!("TEST_DATABASE_URL not set: PostgreSQL variant skipped");
            return None;
        }
    };
    sqlx::any::install_default_drivers();
    let name = format!("zp_test_{}", &new_id()[..16]);
    let admin = sqlx::AnyPool::connect(&base).await.expect("connect to TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
    admin.close().await;
    let (prefix, _) = base.rsplit_once('/').expect("TEST_DATABASE_URL ends with /database");
    Some(format!("{prefix}/{name}"))
}
