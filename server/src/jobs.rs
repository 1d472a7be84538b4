//! Background work that must happen with nobody looking: at start-up, every minute, and at once
//! when the test clock moves. Expired sessions and old throttle events; the 48-hour withdrawals
//! (视为放弃申报) and the reminders 24 h and 2 h before them. Each run is idempotent, so several
//! servers may run it at once.

use std::sync::Arc;
use std::time::Duration;

use app::api::context::{SESSION_ABSOLUTE_MS, SESSION_IDLE_MS};
use app::domain::deadline::Deadline;
use app::domain::instant::{Instant, HOUR_MS};
use app::domain::review::{mark_sent, reminder_due, Reminder};
use app::i18n::{Lang, Msg, Text};
use app::state::AppState;
use app::store::outbox::{Channel, Message};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// Withdrawals per transaction: a large backlog (a server down for a weekend) is cleared in
/// several short transactions rather than one that holds the write lock for long.
const EXPIRE_BATCH: i64 = 1000;

/// Starts the loop; `kick` makes it run now (after the test clock moved).
pub fn spawn(state: AppState) -> (JoinHandle<()>, Arc<Notify>) {
    let kick = Arc::new(Notify::new());
    let woken = kick.clone();
    let handle = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = woken.notified() => {}
            }
            sweep(&state).await;
        }
    });
    (handle, kick)
}

pub async fn sweep(state: &AppState) {
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
    withdraw_overdue(state, now).await;
    send_reminders(state, now).await;
}

/// Moves every application whose 48 hours have passed to `withdrawn`, and tells the live pages.
pub async fn withdraw_overdue(state: &AppState, now: i64) -> usize {
    let mut total = 0;
    loop {
        match state.store.expire_overdue(now, EXPIRE_BATCH).await {
            Ok(rows) => {
                for row in &rows {
                    state.events.publish(row);
                }
                total += rows.len();
                if (rows.len() as i64) < EXPIRE_BATCH {
                    break;
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "withdrawal sweep failed");
                break;
            }
        }
    }
    if total > 0 {
        tracing::info!(total, "returned applications withdrawn after 48 hours");
    }
    total
}

/// The reminders before a return's deadline, each sent once (recorded before it is sent: a
/// crash in between loses one reminder rather than sending two).
async fn send_reminders(state: &AppState, now: i64) {
    let rows = match state.store.returns_due_within(now, 24 * HOUR_MS).await {
        Ok(rows) => rows,
        Err(e) => return tracing::error!(error = %e, "reminder query failed"),
    };
    for row in rows {
        let Some(due) = row.due_at else { continue };
        let Some(reminder) = reminder_due(Deadline { due: Instant(due) }, Instant(now), row.reminders_sent) else { continue };
        match state.store.mark_reminder(&row.id, row.reminders_sent, mark_sent(row.reminders_sent, reminder)).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                tracing::error!(error = %e, "reminder mark failed");
                continue;
            }
        }
        let Ok(Some(user)) = state.store.user_by_id(&row.applicant_id).await else { continue };
        let hours = match reminder {
            Reminder::DayBefore => 24,
            Reminder::TwoHoursBefore => 2,
        };
        let body = Text::with(Msg::ReminderMessage, [Instant(due).beijing_display(), hours.to_string()]).render(Lang::Zh);
        let msg = Message {
            channel: Channel::Sms,
            recipient: &user.phone,
            subject: Msg::ReminderSubject.text(Lang::Zh),
            body: &body,
            user_id: Some(&user.id),
            now,
        };
        if let Err(e) = state.messenger.send(msg).await {
            tracing::error!(error = %e, "reminder not sent");
        }
    }
}
