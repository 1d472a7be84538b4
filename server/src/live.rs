//! `GET /events`: the live stream of a signed-in user (server-sent events). Every change to an
//! application on the user's route (their own, or their organisation's) is sent as `change`
//! with the application's id, status and version — nothing of its content; the page then asks
//! the server again, which checks `may_view`. A stream that fell behind gets `resync`.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::Extension;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use http::HeaderMap;
use tokio::sync::broadcast::error::RecvError;

use app::api::context::session_from_headers;
use app::api::error::AppError;
use app::state::AppState;

use crate::files::fail;

pub async fn events(Extension(state): Extension<AppState>, headers: HeaderMap) -> Response {
    let actor = match session_from_headers(&state, &headers).await {
        Ok(Some((actor, _))) => actor,
        Ok(None) => return fail(AppError::Unauthenticated),
        Err(e) => return fail(e),
    };
    let rx = state.events.subscribe();
    let stream = changes_for(actor, rx);
    // proxies close idle connections; a comment every 15 s keeps the stream open
    let mut res = Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response();
    // nginx and similar would otherwise buffer the stream
    res.headers_mut().insert("x-accel-buffering", http::HeaderValue::from_static("no"));
    res
}

fn changes_for(
    actor: app::domain::workflow::Actor,
    rx: tokio::sync::broadcast::Receiver<app::state::Change>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold((actor, rx), |(actor, mut rx)| async move {
        loop {
            match rx.recv().await {
                Ok(change) if change.concerns(&actor) => {
                    let data = serde_json::to_string(&change.note).unwrap_or_default();
                    return Some((Ok(Event::default().event("change").data(data)), (actor, rx)));
                }
                Ok(_) => continue,
                Err(RecvError::Lagged(_)) => return Some((Ok(Event::default().event("resync").data("{}")), (actor, rx))),
                Err(RecvError::Closed) => return None,
            }
        }
    })
}
