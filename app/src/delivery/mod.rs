//! Delivery from the outbox (server only): the worker claims the messages that are due, hands each
//! to its channel's transport, and records what came of it: sent, tried again later with backoff
//! (`policy`), or given up and shown failed to the administrator, who may resend it.
//!
//! Transports: `smtp::SmtpMailer` for e-mail, `aliyun_sms::AliyunSms` for text messages. A channel without a transport keeps its messages in
//! the outbox untouched (the demo, `make run`: nothing leaves the machine).

pub mod aliyun_sms;
pub mod policy;
pub mod smtp;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::sync::Notify;

use crate::store::outbox::{mask, Channel, DeliveryState, OutboxRow};
use crate::store::{Store, StoreResult};
use policy::{after_failure, too_late, AfterFailure, Failure, CLAIM_MS};

pub type DeliverFuture<'a> = Pin<Box<dyn Future<Output = Result<(), Failure>> + Send + 'a>>;

/// One way out: e-mail over SMTP, text messages through a provider.
pub trait Transport: Send + Sync {
    fn channel(&self) -> Channel;
    /// For the administrator's page and the log (e.g. `SMTP smtp.example.cn:587`).
    fn describe(&self) -> String;
    fn deliver<'a>(&'a self, message: &'a OutboxRow) -> DeliverFuture<'a>;
}

/// The configured transports and the bell that wakes the worker when a message is stored.
#[derive(Clone, Default)]
pub struct Deliveries {
    transports: Vec<Arc<dyn Transport>>,
    wake: Arc<Notify>,
}

/// What one pass of the worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Messages claimed per round trip: a few, so a slow server does not hold many claims.
const CLAIM_BATCH: i64 = 20;

impl Deliveries {
    pub fn new(transports: Vec<Arc<dyn Transport>>) -> Self {
        Self { transports, wake: Arc::new(Notify::new()) }
    }

    /// Rung when a message is stored (the outbox's messenger holds it too).
    pub fn wake(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    pub fn transport(&self, channel: Channel) -> Option<&Arc<dyn Transport>> {
        self.transports.iter().find(|t| t.channel() == channel)
    }

    fn channels(&self) -> Vec<Channel> {
        self.transports.iter().map(|t| t.channel()).collect()
    }

    /// Delivers every message that is due now, batch after batch, until none is left.
    pub async fn run_due(&self, store: &Store, now: impl Fn() -> i64) -> StoreResult<Pass> {
        let mut pass = Pass::default();
        let channels = self.channels();
        loop {
            let at = now();
            let batch = store.claim_outbox(&channels, at, at + CLAIM_MS, CLAIM_BATCH).await?;
            if batch.is_empty() {
                return Ok(pass);
            }
            for message in &batch {
                self.deliver_one(store, message, &now, &mut pass).await?;
            }
        }
    }

    async fn deliver_one(&self, store: &Store, m: &OutboxRow, now: &impl Fn() -> i64, pass: &mut Pass) -> StoreResult<()> {
        let Some(transport) = Channel::parse(&m.channel).and_then(|c| self.transport(c)) else { return Ok(()) };
        if too_late(m.queued_at, now()) {
            pass.failed += 1;
            return store.delivery_done(&m.id, DeliveryState::Failed, 0, "超过24小时未能发出，已停止重试", now()).await;
        }
        let result = transport.deliver(m).await;
        let at = now();
        match result {
            Ok(()) => {
                tracing::info!(channel = %m.channel, recipient = %mask(&m.recipient), attempts = m.attempts, "message delivered");
                pass.sent += 1;
                store.delivery_done(&m.id, DeliveryState::Sent, 0, "", at).await
            }
            Err(failure) => {
                let reason = failure.reason().to_string();
                match after_failure(&failure, m.attempts, m.queued_at, at) {
                    AfterFailure::RetryAt(next) => {
                        tracing::warn!(channel = %m.channel, recipient = %mask(&m.recipient), attempts = m.attempts, error = %reason, "delivery failed; will retry");
                        pass.retried += 1;
                        store.delivery_done(&m.id, DeliveryState::Pending, next, &reason, at).await
                    }
                    AfterFailure::GiveUp => {
                        tracing::error!(channel = %m.channel, recipient = %mask(&m.recipient), attempts = m.attempts, error = %reason, "delivery failed for good");
                        pass.failed += 1;
                        store.delivery_done(&m.id, DeliveryState::Failed, 0, &reason, at).await
                    }
                }
            }
        }
    }
}
