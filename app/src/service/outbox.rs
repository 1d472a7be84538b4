//! The outbox (route `/admin/outbox`): the messages the platform sent, newest first, for the
//! administrator. Outside the demo the one-time codes in them are masked.

use crate::api::error::AppError;
use crate::api::outbox::OutboxEntry;
use crate::domain::instant::Instant;
use crate::state::AppState;

/// The newest 200 messages.
pub async fn recent(state: &AppState) -> Result<Vec<OutboxEntry>, AppError> {
    let rows = state.store.outbox(200).await?;
    Ok(rows
        .into_iter()
        .map(|r| OutboxEntry {
            at: Instant(r.created_at).beijing_display(),
            channel: r.channel,
            recipient: r.recipient,
            // Outside the demo the codes in a message are the person's, not the administrator's.
            body: if state.config.demo { r.body } else { mask_codes(&r.body) },
        })
        .collect())
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
