//! The outbox page's data (administrators only; outside the demo the codes are masked).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub at: String,
    pub channel: String,
    pub recipient: String,
    pub body: String,
}

#[server(prefix = "/api", endpoint = "outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    use super::context::app_state;
    use crate::domain::instant::Instant;
    use crate::domain::workflow::Role;

    let state = app_state()?;
    crate::api::access::as_role(&state, Role::Admin).await?;
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
#[cfg(feature = "ssr")]
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn codes_are_masked_and_short_numbers_kept() {
        assert_eq!(super::mask_codes("验证码 12345678，15分钟内有效"), "验证码 ********，15分钟内有效");
        assert_eq!(super::mask_codes("72小时 2026"), "72小时 ****");
    }
}
