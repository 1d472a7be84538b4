//! The browser's timers, on gloo-timers (the design card's choice), one small wrapper per use: a
//! tick for as long as a component lives (the countdowns), a debounce that runs only the last of
//! calls scheduled in quick succession (the autosave), and a back-off for retrying (the live
//! stream's reconnect). Nothing here runs on the server: its callers are `hydrate`-only code.

use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

/// Calls `f` every `ms` milliseconds until the reactive owner that called this is cleaned up.
pub fn every(ms: u32, f: impl FnMut() + 'static) {
    let interval = send_wrapper::SendWrapper::new(Interval::new(ms, f));
    on_cleanup(move || drop(interval));
}

/// Runs a call after a quiet spell: each `schedule` replaces the call still waiting, `cancel`
/// drops it. A call whose owner was disposed meanwhile does not run. (Futures with a generation
/// rather than a stored `Timeout`: a stored one would be dropped by the call it is running.)
#[derive(Clone, Copy)]
pub struct Debounce {
    generation: StoredValue<u64>,
    waiting: StoredValue<bool>,
}

impl Default for Debounce {
    fn default() -> Self {
        Self { generation: StoredValue::new(0), waiting: StoredValue::new(false) }
    }
}

impl Debounce {
    pub fn schedule(self, ms: u32, f: impl FnOnce() + 'static) {
        let generation = self.bump();
        self.waiting.set_value(true);
        leptos::task::spawn_local(async move {
            TimeoutFuture::new(ms).await;
            if self.generation.try_get_value() == Some(generation) {
                self.waiting.set_value(false);
                f();
            }
        });
    }

    /// Drops the call still waiting; true when there was one.
    pub fn cancel(self) -> bool {
        self.bump();
        self.waiting.try_update_value(|w| std::mem::replace(w, false)).unwrap_or(false)
    }

    fn bump(self) -> u64 {
        self.generation
            .try_update_value(|g| {
                *g += 1;
                *g
            })
            .unwrap_or(0)
    }
}

/// Async work one piece at a time: `wait_turn` returns once the piece before has called `done`
/// (looked at every 50 ms, for up to 5 s). The section's saves go this way: each carries the version the one
/// before it returned, and two on their way at once would make the server refuse the second as
/// stale (a list's 添加 tapped while the autosave was still out was lost that way).
#[derive(Clone, Copy)]
pub struct Serial {
    busy: StoredValue<bool>,
}

impl Default for Serial {
    fn default() -> Self {
        Self { busy: StoredValue::new(false) }
    }
}

impl Serial {
    /// A piece that is still out after 5 s (a request the network holds without an answer) no
    /// longer holds the next one back.
    pub async fn wait_turn(self) {
        for _ in 0..100 {
            if !self.busy.try_get_value().unwrap_or(false) {
                break;
            }
            TimeoutFuture::new(50).await;
        }
        self.busy.try_set_value(true);
    }

    pub fn done(self) {
        self.busy.try_set_value(false);
    }
}

/// Waits before the `attempt`-th retry: 1 s, 2 s, 4 s … up to 30 s, so a server that is down for
/// a while is not hammered by every open page at once.
pub async fn back_off(attempt: u32) {
    TimeoutFuture::new(1_000u32.saturating_mul(1 << attempt.min(5)).min(30_000)).await;
}
