//! The outbox (route `/outbox`): the messages the platform stored and where each one is
//! (waiting, delivered, failed), newest first, for the administrator, who may send one again.
//! Outside the demo the codes in them are masked.

use crate::api::error::AppError;
use crate::api::outbox::OutboxEntry;
use crate::domain::instant::Instant;
use crate::domain::workflow::Actor;
use crate::i18n::Msg;
use crate::state::AppState;
use crate::store::outbox::Channel;

/// The newest 200 messages.
pub async fn recent(state: &AppState) -> Result<Vec<OutboxEntry>, AppError> {
    let rows = state.store.outbox(200).await?;
    // Outside the demo the codes in a message are the person's, not the administrator's.
    let shown = |s: String| if state.config.demo { s } else { mask_codes(&s) };
    Ok(rows
        .into_iter()
        .map(|r| OutboxEntry {
            delivered_by: Channel::parse(&r.channel).and_then(|c| state.deliveries.transport(c)).map(|t| t.describe()),
            id: r.id,
            at: Instant(r.created_at).beijing_display(),
            channel: r.channel,
            recipient: r.recipient,
            body: shown(r.body),
            state: r.state,
            attempts: r.attempts,
            last_error: shown(r.last_error),
            sent_at: r.sent_at.map(|t| Instant(t).beijing_display()),
        })
        .collect())
}

/// Queues a message again (重新发送) and wakes the worker.
pub async fn resend(state: &AppState, actor: &Actor, id: &str) -> Result<(), AppError> {
    if state.store.outbox_message(id).await?.is_none() {
        return Err(AppError::refused(Msg::OutboxNoSuchMessage));
    }
    if !state.store.resend_outbox(id, state.clock.now().millis()).await? {
        return Err(AppError::refused(Msg::OutboxBeingSent));
    }
    tracing::info!(message = id, by = %actor.user_id, "message queued again");
    state.deliveries.wake().notify_one();
    Ok(())
}

/// Replaces every run of four or more digits with asterisks: what a message says stays readable,
/// the one-time codes in it do not.
fn mask_codes(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut run = String::new();
    for c in body.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        if run.len() >= 4 {
            out.extend(std::iter::repeat_n('*', run.len()));
        } else {
            out.push_str(&run);
        }
        run.clear();
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_masked_and_short_numbers_kept() {
        assert_eq!(super::mask_codes("验证码 12345678，15分钟内有效"), "验证码 ********，15分钟内有效");
        assert_eq!(super::mask_codes("72小时 2026"), "72小时 ****");
    }
}
