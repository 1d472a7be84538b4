//! The outbox: every text message and e-mail the platform sends. A message is stored here (in the
//! transaction of the change that caused it, where there is one) and delivered from here by the
//! worker in `crate::delivery` through the channel's transport: SMTP for e-mail, the SMS
//! provider for text messages. A channel without a configured transport keeps its messages here
//! (the demo: the administrator reads them on the outbox page).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use sqlx::AnyConnection;
use tokio::sync::Notify;

use super::{new_id, Engine, Store, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct OutboxRow {
    pub id: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    /// `pending`, `sent` or `failed` (`DeliveryState`).
    pub state: String,
    pub attempts: i64,
    pub queued_at: i64,
    pub last_error: String,
    pub sent_at: Option<i64>,
    /// `Template`'s stored name ('' for a message stored before templates).
    pub template: String,
    /// JSON array of the template's values, in its order.
    pub params: String,
}

const COLUMNS: &str =
    "id, channel, recipient, subject, body, created_at, state, attempts, queued_at, last_error, sent_at, template, params";

crate::stored_name! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Channel {
        Sms = "sms",
        Email = "email",
    }
}

crate::stored_name! {
    /// Where a message is: waiting (or between tries), delivered, or given up on.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum DeliveryState {
        Pending = "pending",
        Sent = "sent",
        Failed = "failed",
    }
}

crate::stored_name! {
    /// Which message it is: an SMS provider sends a registered template by this name with the
    /// message's values (`params`), not free text.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Template {
        Username = "username",
        ResetCode = "reset_code",
        Invitation = "invitation",
        Returned = "returned",
        Reminder = "reminder",
        Evaluation = "evaluation",
    }
}

impl Template {
    /// The names of its values, in the order of `Message::params` (the template's variables).
    pub fn param_names(self) -> &'static [&'static str] {
        match self {
            Template::Username => &["username"],
            Template::ResetCode => &["code"],
            Template::Invitation => &["name", "username", "link", "code"],
            Template::Returned => &["deadline"],
            Template::Reminder => &["deadline", "hours"],
            Template::Evaluation => &["time", "place"],
        }
    }
}

/// A message to send: stored in the outbox, delivered from there by the worker (`crate::delivery`).
#[derive(Clone, Debug)]
pub struct Message {
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    /// Plain text; an e-mail's HTML part is made from it (paragraphs by blank lines).
    pub body: String,
    pub template: Template,
    /// The values the body was made with, in the template's order.
    pub params: Vec<String>,
    pub user_id: Option<String>,
    pub now: i64,
}

/// One person told one thing: the catalogue's words for `body` filled with `params`, by text
/// message, by e-mail, or both.
pub struct Notice<'a> {
    pub template: Template,
    pub subject: crate::i18n::Msg,
    pub body: crate::i18n::Msg,
    pub params: Vec<String>,
    pub user_id: &'a str,
    pub now: i64,
}

impl Notice<'_> {
    pub fn message(&self, channel: Channel, to: &str) -> Message {
        use crate::i18n::{Lang, Text};
        Message {
            channel,
            recipient: to.into(),
            subject: self.subject.text(Lang::Zh).into(),
            body: Text::with(self.body, self.params.clone()).render(Lang::Zh),
            template: self.template,
            params: self.params.clone(),
            user_id: Some(self.user_id.into()),
            now: self.now,
        }
    }

    /// To the phone and to the e-mail address.
    pub fn to_both(&self, phone: &str, email: &str) -> [Message; 2] {
        [self.message(Channel::Sms, phone), self.message(Channel::Email, email)]
    }
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = StoreResult<()>> + Send + 'a>>;

/// Sends a message. Implementations must be idempotent per message id and never block the caller
/// for long: a real gateway queues and delivers in the background.
pub trait Messenger: Send + Sync {
    fn send(&self, msg: Message) -> SendFuture<'_>;
}

/// The outbox: the message is stored, and the delivery worker is woken to send it through the
/// channel's transport (when one is configured; without, it stays in the table, as in the demo).
pub struct DatabaseOutbox {
    store: Store,
    wake: Arc<Notify>,
}

impl DatabaseOutbox {
    /// The outbox as the app holds its messenger: shared, behind the trait. `wake` is the
    /// delivery worker's.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(store: Store, wake: Arc<Notify>) -> Arc<dyn Messenger> {
        Arc::new(Self { store, wake })
    }
}

impl Messenger for DatabaseOutbox {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        Box::pin(async move {
            self.store.insert_outbox(&msg).await?;
            // The recipient is logged masked; the body (which may hold a code) is not logged.
            tracing::info!(channel = msg.channel.as_str(), recipient = %mask(&msg.recipient), "outbox message stored");
            self.wake.notify_one();
            Ok(())
        })
    }
}

/// A recipient as logs and the administrator's page show it: `139****34`, `zha****cn`.
pub fn mask(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 4 {
        return "****".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}****{tail}")
}

impl Store {
    pub async fn insert_outbox(&self, m: &Message) -> StoreResult<()> {
        let mut conn = self.pool().acquire().await?;
        insert_on(&mut conn, m).await
    }

    /// The newest `limit` messages, newest first.
    pub async fn outbox(&self, limit: i64) -> StoreResult<Vec<OutboxRow>> {
        Ok(sqlx::query_as::<_, OutboxRow>(&format!("SELECT {COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1"))
            .bind(limit)
            .fetch_all(self.pool())
            .await?)
    }

    pub async fn outbox_message(&self, id: &str) -> StoreResult<Option<OutboxRow>> {
        Ok(sqlx::query_as::<_, OutboxRow>(&format!("SELECT {COLUMNS} FROM outbox WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Claims up to `limit` pending messages of `channels` that are due: each is the caller's
    /// until `claimed_until` and counts one attempt more. On PostgreSQL the rows are locked as
    /// they are read and rows another server is claiming are skipped; SQLite's BEGIN IMMEDIATE
    /// lets one claimer in at a time. Either way no message is claimed by two workers at once.
    pub async fn claim_outbox(&self, channels: &[Channel], now: i64, claim_until: i64, limit: i64) -> StoreResult<Vec<OutboxRow>> {
        if channels.is_empty() {
            return Ok(vec![]);
        }
        let mut conn = self.begin().await?;
        let result = async {
            let lock = if self.engine() == Engine::Sqlite { "" } else { " FOR UPDATE SKIP LOCKED" };
            let names = channels.iter().map(|c| format!("'{}'", c.as_str())).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT {COLUMNS} FROM outbox WHERE state = 'pending' AND next_attempt_at <= $1 AND claimed_until <= $1 \
                 AND channel IN ({names}) ORDER BY next_attempt_at, created_at LIMIT $2{lock}"
            );
            let mut rows = sqlx::query_as::<_, OutboxRow>(&sql).bind(now).bind(limit).fetch_all(&mut *conn).await?;
            for row in &mut rows {
                sqlx::query("UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id = $2")
                    .bind(claim_until)
                    .bind(&row.id)
                    .execute(&mut *conn)
                    .await?;
                row.attempts += 1;
            }
            Ok(rows)
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Records what became of a claimed message: delivered, to be tried again at a time, or given up.
    pub async fn delivery_done(&self, id: &str, state: DeliveryState, next_attempt_at: i64, error: &str, now: i64) -> StoreResult<()> {
        sqlx::query(
            "UPDATE outbox SET state = $1, next_attempt_at = $2, last_error = $3, claimed_until = 0, sent_at = COALESCE($4, sent_at) \
             WHERE id = $5 AND state = 'pending'",
        )
        .bind(state.as_str())
        .bind(next_attempt_at)
        .bind(error)
        .bind((state == DeliveryState::Sent).then_some(now))
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Queues a message again (the administrator's 重新发送): a new day to deliver it, attempts
    /// counted afresh. False when it is being delivered now or was never stored.
    pub async fn resend_outbox(&self, id: &str, now: i64) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $1, queued_at = $1, last_error = '', sent_at = NULL \
             WHERE id = $2 AND claimed_until <= $1",
        )
        .bind(now)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(r.rows_affected() == 1)
    }
}

/// Stores a message on the caller's connection: inside a transaction, it is kept exactly when the
/// change that caused it is (a return and its notices, `Decision::notify`).
pub(super) async fn insert_on(conn: &mut AnyConnection, m: &Message) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO outbox (id, channel, recipient, subject, body, user_id, created_at, state, next_attempt_at, queued_at, template, params) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $7, $7, $8, $9)",
    )
    .bind(new_id())
    .bind(m.channel.as_str())
    .bind(&m.recipient)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(m.user_id.as_deref())
    .bind(m.now)
    .bind(m.template.as_str())
    .bind(serde_json::to_string(&m.params).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Stores every message of a change on the change's connection (`insert_on`, each).
pub(super) async fn insert_all_on(conn: &mut AnyConnection, messages: &[Message]) -> StoreResult<()> {
    for m in messages {
        insert_on(conn, m).await?;
    }
    Ok(())
}
