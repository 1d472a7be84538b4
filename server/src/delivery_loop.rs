//! The outbox's worker: woken when a message is stored (and every few seconds for the retries that
//! fall due), it delivers what is due through the configured transports (`app::delivery`).

use std::sync::Arc;
use std::time::Duration;

use app::delivery::aliyun_sms::{AliyunSms, AliyunSmsConfig};
use app::delivery::smtp::{SmtpConfig, SmtpMailer};
use app::delivery::{Deliveries, Transport};
use app::state::AppState;
use tokio::task::JoinHandle;

/// How often due retries are looked for when nothing wakes the worker.
const POLL: Duration = Duration::from_secs(5);

/// The transports the environment configures (README, "Messages"); a channel without one keeps
/// its messages in the outbox.
pub fn transports() -> Result<Deliveries, String> {
    let mut transports: Vec<Arc<dyn Transport>> = vec![];
    match SmtpConfig::from_env()? {
        Some(config) => transports.push(Arc::new(SmtpMailer::new(config)?)),
        None => tracing::info!("e-mail is kept in the outbox: ZP_SMTP_HOST is not set"),
    }
    match AliyunSmsConfig::from_env()? {
        Some(config) => transports.push(Arc::new(AliyunSms::new(config)?)),
        None => tracing::info!("text messages are kept in the outbox: ZP_SMS_PROVIDER is not set"),
    }
    for t in &transports {
        tracing::info!(channel = t.channel().as_str(), transport = %t.describe(), "messages are delivered");
    }
    Ok(Deliveries::new(transports))
}

pub fn spawn(state: AppState) -> JoinHandle<()> {
    let wake = state.deliveries.wake();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = wake.notified() => {}
            }
            let clock = state.clock.clone();
            match state.deliveries.run_due(&state.store, || clock.now().millis()).await {
                Ok(pass) if pass != Default::default() => tracing::debug!(?pass, "outbox pass"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "outbox delivery failed"),
            }
        }
    })
}
