//! A live countdown to a server deadline (SPEC rule 11). The remaining time is computed from the
//! server's deadline and the server's clock at page load; the device clock only measures how much
//! time has passed since, so a phone set an hour wrong still shows the truth.

use leptos::prelude::*;

use super::lang::use_lang;
use crate::domain::deadline::Deadline;
use crate::domain::instant::Instant;
use crate::i18n::{Msg, Text};

/// Milliseconds since the page loaded, by the device (server rendering: 0).
fn elapsed_since_load() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().and_then(|w| w.performance()).map(|p| p.now() as i64).unwrap_or(0)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// An island of its own where the page around it is HTML; inside another island, part of that one.
#[cfg_attr(feature = "island-forms", island)]
#[cfg_attr(not(feature = "island-forms"), component)]
pub fn Countdown(
    /// The deadline (UTC ms, from the server).
    due: i64,
    /// The server's clock when the data was made (UTC ms).
    server_now: i64,
) -> impl IntoView {
    let lang = use_lang();
    let deadline = Deadline { due: Instant(due) };
    // the server's "now" corresponds to this moment of the device's monotonic clock
    let loaded_at = elapsed_since_load();
    let now = RwSignal::new(server_now);
    #[cfg(feature = "hydrate")]
    super::timers::every(1_000, move || now.set(server_now + (elapsed_since_load() - loaded_at)));
    let _ = loaded_at;
    let text = move || match deadline.remaining(Instant(now.get())) {
        Some(r) => Text::with(Msg::CountdownLeft, [r.days.to_string(), r.hours.to_string(), r.minutes.to_string(), r.seconds.to_string()])
            .render(lang),
        None => Msg::CountdownOver.text(lang).to_string(),
    };
    let urgent = move || deadline.remaining(Instant(now.get())).is_none_or(|r| r.days == 0 && r.hours < 2);
    view! {
        <span class="countdown" class:urgent=urgent>
            <time datetime=Instant(due).beijing_display()>{text}</time>
            <span class="hint">{Text::with(Msg::CountdownDue, [Instant(due).beijing_display()]).render(lang)}</span>
        </span>
    }
}
