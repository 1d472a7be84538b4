//! `GET /events`: the live stream of a signed-in user (server-sent events). Every change to an
//! application on the user's route (their own, or their organisation's) is sent as `change`
//! with the application's id, status and version — nothing of its content; the page then asks
//! the server again, which checks `may_view`. A stream that fell behind gets `resync`.
//!
//! A stream lives no longer than its session (security review L3): the session is checked again
//! before each change is sent and once a minute, and the stream ends when it is gone (logout,
//! expiry, a disabled account, a new role) or now belongs to someone else's route. One person
//! holds at most `STREAMS_PER_USER` streams and the server `STREAMS_IN_ALL`.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Mutex;
use std::time::Duration;

use axum::extract::Extension;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use http::{HeaderMap, StatusCode};
use tokio::sync::broadcast::error::RecvError;

use app::api::context::{session_from_headers, session_still_live};
use app::api::error::AppError;
use app::domain::workflow::Actor;
use app::i18n::{Msg, Text};
use app::state::{AppState, Change};

use crate::files::fail;

/// A person's tabs and devices: enough for a reviewer with a few windows open.
const STREAMS_PER_USER: usize = 5;
/// What this server holds at once (measured: 9,000 streams took 209 MB, BENCHMARKS.md).
const STREAMS_IN_ALL: usize = 10_000;
/// How often a quiet stream checks that its session still stands.
const RECHECK: Duration = Duration::from_secs(60);

pub async fn events(Extension(state): Extension<AppState>, headers: HeaderMap) -> Response {
    let actor = match session_from_headers(&state, &headers).await {
        Ok(Some((actor, _))) => actor,
        Ok(None) => return fail(AppError::Unauthenticated),
        Err(e) => return fail(e),
    };
    let Some(slot) = StreamSlot::take(&actor.user_id) else {
        let e = AppError::refused(Text::with(Msg::RateLimited, ["1".to_string()]));
        return (StatusCode::TOO_MANY_REQUESTS, axum::Json(e)).into_response();
    };
    let rx = state.events.subscribe();
    let stream = changes_for(Watch { state, headers, actor, rx, _slot: slot });
    // proxies close idle connections; a comment every 15 s keeps the stream open
    let mut res = Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response();
    // nginx and similar would otherwise buffer the stream
    res.headers_mut().insert("x-accel-buffering", http::HeaderValue::from_static("no"));
    res
}

/// What one open stream carries along.
struct Watch {
    state: AppState,
    headers: HeaderMap,
    actor: Actor,
    rx: tokio::sync::broadcast::Receiver<Change>,
    _slot: StreamSlot,
}

impl Watch {
    /// The session still stands, for the same person in the same place.
    async fn still_theirs(&self) -> bool {
        matches!(session_still_live(&self.state, &self.headers).await, Ok(Some(now)) if now == self.actor)
    }
}

fn changes_for(watch: Watch) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(watch, |mut w| async move {
        loop {
            let next = tokio::time::timeout(RECHECK, w.rx.recv()).await;
            match next {
                Err(_quiet) if !w.still_theirs().await => return None,
                Err(_quiet) => continue,
                Ok(Ok(change)) if change.concerns(&w.actor) => {
                    if !w.still_theirs().await {
                        return None;
                    }
                    let data = serde_json::to_string(&change.note).unwrap_or_default();
                    return Some((Ok(Event::default().event("change").data(data)), w));
                }
                Ok(Ok(_)) => continue,
                Ok(Err(RecvError::Lagged(_))) => return Some((Ok(Event::default().event("resync").data("{}")), w)),
                Ok(Err(RecvError::Closed)) => return None,
            }
        }
    })
}

/// One of the open streams, counted per person and in all; given back when the stream ends.
struct StreamSlot {
    user_id: String,
}

fn open_streams() -> &'static Mutex<(usize, HashMap<String, usize>)> {
    static OPEN: std::sync::OnceLock<Mutex<(usize, HashMap<String, usize>)>> = std::sync::OnceLock::new();
    OPEN.get_or_init(Default::default)
}

impl StreamSlot {
    fn take(user_id: &str) -> Option<Self> {
        let mut open = open_streams().lock().unwrap_or_else(|e| e.into_inner());
        let (all, per_user) = &mut *open;
        let mine = per_user.entry(user_id.to_string()).or_default();
        if *mine >= STREAMS_PER_USER || *all >= STREAMS_IN_ALL {
            return None;
        }
        *mine += 1;
        *all += 1;
        Some(Self { user_id: user_id.to_string() })
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = open_streams().lock().unwrap_or_else(|e| e.into_inner());
        let (all, per_user) = &mut *open;
        *all = all.saturating_sub(1);
        if let Some(mine) = per_user.get_mut(&self.user_id) {
            *mine = mine.saturating_sub(1);
            if *mine == 0 {
                per_user.remove(&self.user_id);
            }
        }
    }
}
