//! The outbox: every text message and e-mail the platform sends. The default adapter keeps them in
//! the database and writes them to the log, so the platform works on one machine; a real SMS or
//! mail gateway implements `Messenger` and is chosen at start-up.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{new_id, Store, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct OutboxRow {
    pub id: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
}

crate::stored_name! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Channel {
        Sms = "sms",
        Email = "email",
    }
}

pub struct Message<'a> {
    pub channel: Channel,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub user_id: Option<&'a str>,
    pub now: i64,
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = StoreResult<()>> + Send + 'a>>;

/// Sends a message. Implementations must be idempotent per message id and never block the caller
/// for long: a real gateway queues and delivers in the background.
pub trait Messenger: Send + Sync {
    fn send<'a>(&'a self, msg: Message<'a>) -> SendFuture<'a>;
}

/// The built-in adapter: the outbox table plus a log line. Used by `make run` and the tests.
pub struct DatabaseOutbox {
    store: Store,
}

impl DatabaseOutbox {
    /// The outbox as the app holds its messenger: shared, behind the trait.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(store: Store) -> Arc<dyn Messenger> {
        Arc::new(Self { store })
    }
}

impl Messenger for DatabaseOutbox {
    fn send<'a>(&'a self, msg: Message<'a>) -> SendFuture<'a> {
        Box::pin(async move {
            self.store.insert_outbox(&msg).await?;
            // The recipient is logged masked; the body (which may hold a code) is not logged.
            tracing::info!(channel = msg.channel.as_str(), recipient = %mask(msg.recipient), "outbox message stored");
            Ok(())
        })
    }
}

fn mask(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 4 {
        return "****".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}****{tail}")
}

impl Store {
    pub async fn insert_outbox(&self, m: &Message<'_>) -> StoreResult<()> {
        sqlx::query("INSERT INTO outbox (id, channel, recipient, subject, body, user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(new_id())
            .bind(m.channel.as_str())
            .bind(m.recipient)
            .bind(m.subject)
            .bind(m.body)
            .bind(m.user_id)
            .bind(m.now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The newest `limit` messages, newest first.
    pub async fn outbox(&self, limit: i64) -> StoreResult<Vec<OutboxRow>> {
        Ok(sqlx::query_as::<_, OutboxRow>(
            "SELECT id, channel, recipient, subject, body, created_at FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}
