//! Background work that must happen with nobody looking: at start-up, every minute, and at once
//! when the test clock moves. Expired sessions and old throttle events; the 48-hour withdrawals
//! (视为放弃申报) and the reminders 24 h and 2 h before them; once an hour, the files nobody keeps
//! any more (M7). Each run is idempotent, so several servers may run it at once.

use std::sync::Arc;
use std::time::Duration;

use app::api::context::{SESSION_ABSOLUTE_MS, SESSION_IDLE_MS};
use app::domain::deadline::Deadline;
use app::domain::instant::{Instant, HOUR_MS};
use app::domain::review::{mark_sent, reminder_due, Reminder};
use app::i18n::Msg;
use app::state::AppState;
use app::store::outbox::{Notice, Template};
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
        let mut collected_at = None;
        let mut reconciled_at = None;
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = woken.notified() => {}
            }
            sweep(&state).await;
            let now = state.clock.now().millis();
            if collected_at.is_none_or(|at| now - at >= HOUR_MS) {
                collect_files(&state, now).await;
                collected_at = Some(now);
            }
            if reconciled_at.is_none_or(|at| now - at >= RECONCILE_EVERY_MS) {
                reconcile_payments(&state, now).await;
                reconciled_at = Some(now);
            }
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

/// The reminders before a return's deadline, each stored once with the mark that it was sent
/// (`mark_reminder`): a second server or a second run finds it marked and sends nothing.
async fn send_reminders(state: &AppState, now: i64) {
    let rows = match state.store.returns_due_within(now, 24 * HOUR_MS).await {
        Ok(rows) => rows,
        Err(e) => return tracing::error!(error = %e, "reminder query failed"),
    };
    for row in rows {
        let Some(due) = row.due_at else { continue };
        let Some(reminder) = reminder_due(Deadline { due: Instant(due) }, Instant(now), row.reminders_sent) else { continue };
        let Ok(Some(user)) = state.store.user_by_id(&row.applicant_id).await else { continue };
        let hours = match reminder {
            Reminder::DayBefore => 24,
            Reminder::TwoHoursBefore => 2,
        };
        let words = vec![Instant(due).beijing_display(), hours.to_string()];
        let notice = Notice {
            template: Template::Reminder,
            subject: Msg::ReminderSubject,
            body: Msg::ReminderMessage,
            params: words,
            user_id: &user.id,
            now,
        };
        let marked = mark_sent(row.reminders_sent, reminder);
        match state.store.mark_reminder(&row.id, row.reminders_sent, marked, &notice.to_both(&user.phone, &user.email)).await {
            Ok(true) => state.deliveries.wake().notify_one(),
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "reminder not stored"),
        }
    }
}

/// Orders are asked about this often, once they are this old and until they are two days old (an
/// order the payer abandoned is never paid; the gateway's own closes it).
const RECONCILE_EVERY_MS: i64 = 10 * app::domain::instant::MINUTE_MS;
const RECONCILE_AFTER_MS: i64 = 5 * app::domain::instant::MINUTE_MS;

/// Payments whose notification never arrived: asked of the gateway (`service::fees::reconcile`).
pub async fn reconcile_payments(state: &AppState, now: i64) -> usize {
    let pending = match state.store.pending_payments_between(now - 48 * HOUR_MS, now - RECONCILE_AFTER_MS).await {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "payment reconciliation query failed");
            return 0;
        }
    };
    match app::service::fees::reconcile(state, pending).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = ?e, "payment reconciliation failed");
            0
        }
    }
}

/// How long a file may stay without a place before it is collected: longer than any upload takes
/// between storing its bytes, its row and its slot.
const FILE_GRACE_MS: i64 = HOUR_MS;

/// Collects what no application keeps (M7): the rows of files replaced or removed from the form,
/// then the stored bytes that no row names. Bytes are removed only if still unnamed after a second
/// look and not stored again since the cutoff, so an upload of the same file meanwhile keeps them.
pub async fn collect_files(state: &AppState, now: i64) -> (u64, usize) {
    let rows = match state.store.collect_detached_attachments(now - FILE_GRACE_MS, &app::api::review::UNIT_FILE_FIELDS).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "file collection failed");
            return (0, 0);
        }
    };
    let cutoff = std::time::SystemTime::now() - Duration::from_millis(FILE_GRACE_MS as u64);
    let blobs = match collect_blobs(state, cutoff).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "blob collection failed");
            0
        }
    };
    if rows > 0 || blobs > 0 {
        tracing::info!(rows, blobs, "files nobody keeps collected");
    }
    (rows, blobs)
}

async fn collect_blobs(state: &AppState, cutoff: std::time::SystemTime) -> Result<usize, String> {
    let named = state.store.referenced_blobs().await.map_err(|e| e.to_string())?;
    let old = state.blobs.stored_before(cutoff).await.map_err(|e| e.to_string())?;
    let candidates: Vec<String> = old.into_iter().filter(|b| !named.contains(b)).collect();
    if candidates.is_empty() {
        return Ok(0);
    }
    // a row written since the first look names its bytes now
    let named = state.store.referenced_blobs().await.map_err(|e| e.to_string())?;
    let mut removed = 0;
    for sha in candidates.iter().filter(|b| !named.contains(*b)) {
        if state.blobs.remove_if_stored_before(sha, cutoff).await.map_err(|e| e.to_string())? {
            removed += 1;
        }
    }
    Ok(removed)
}
