//! Background work that must happen with nobody looking: at start-up and every minute.
//! Today: expired sessions and old throttle events. (The 48-hour withdrawals join it with the
//! review chain.) Each run is idempotent, so several servers may run it at once.

use std::time::Duration;

use app::api::context::{SESSION_ABSOLUTE_MS, SESSION_IDLE_MS};
use app::domain::instant::HOUR_MS;
use app::state::AppState;
use tokio::task::JoinHandle;

pub fn spawn(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            sweep(&state).await;
        }
    })
}

async fn sweep(state: &AppState) {
    let now = state.clock.now().millis();
    match state.store.purge_sessions(now - SESSION_IDLE_MS, now - SESSION_ABSOLUTE_MS).await {
        Ok(n) if n > 0 => tracing::info!(n, "expired sessions removed"),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "session sweep failed"),
    }
    // Throttle windows are at most an hour; a day of history is plenty for investigating abuse.
    if let Err(e) = state.store.purge_throttle_events(now - 24 * HOUR_MS).await {
        tracing::error!(error = %e, "throttle sweep failed");
    }
}
