//! Live updates: the page listens to `/events` (server-sent events, one stream per signed-in
//! user) and bumps a counter when an application it shows changes, so its resource reloads
//! without a reload of the page. Server rendering and pages without JavaScript simply don't.

use leptos::prelude::*;

/// A counter that moves when an application changes: any of the reviewer's, or only `only`.
/// Also reports whether the stream is connected (for the "实时更新" indicator).
pub fn use_changes(only: Option<String>) -> (ReadSignal<u32>, ReadSignal<bool>) {
    let (tick, set_tick) = signal(0u32);
    let (connected, set_connected) = signal(false);
    #[cfg(feature = "hydrate")]
    browser::listen(only, set_tick, set_connected);
    #[cfg(not(feature = "hydrate"))]
    let _ = (only, set_tick, set_connected);
    (tick, connected)
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    use crate::api::review::ChangeNote;
    use crate::components::timers::back_off;

    /// One page's stream and what it reports to.
    struct Live {
        only: Option<String>,
        set_tick: WriteSignal<u32>,
        set_connected: WriteSignal<bool>,
        source: RefCell<Option<EventSource>>,
        /// Connections the browser gave up on in a row (for the back-off).
        failures: Cell<u32>,
        /// The page went away: no more reconnecting.
        stopped: Cell<bool>,
    }

    pub fn listen(only: Option<String>, set_tick: WriteSignal<u32>, set_connected: WriteSignal<bool>) {
        let live =
            Rc::new(Live { only, set_tick, set_connected, source: RefCell::new(None), failures: Cell::new(0), stopped: Cell::new(false) });
        connect(live.clone());
        let live = send_wrapper::SendWrapper::new(live);
        on_cleanup(move || {
            live.stopped.set(true);
            if let Some(source) = live.source.borrow_mut().take() {
                source.close();
            }
        });
    }

    fn connect(live: Rc<Live>) {
        let Ok(source) = EventSource::new("/events") else { return };
        let l = live.clone();
        let on_change = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data().as_string().unwrap_or_default();
            let Ok(note) = serde_json::from_str::<ChangeNote>(&data) else { return };
            if l.only.as_ref().is_none_or(|id| *id == note.application_id) {
                l.set_tick.update(|t| *t += 1);
            }
        });
        let _ = source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
        let l = live.clone();
        let on_open = Closure::<dyn FnMut()>::new(move || {
            l.set_connected.set(true);
            // a new stream after the browser gave up has missed what happened meanwhile
            if l.failures.replace(0) > 0 {
                l.set_tick.update(|t| *t += 1);
            }
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        on_open.forget();
        // EventSource reconnects by itself after a dropped connection, and a stream that missed
        // events while down asks for a refresh when it comes back (the server sends `resync`).
        // It gives up for good when the server answers with an error (a restart behind a proxy,
        // a 502): then a new stream is opened after a growing pause.
        let l = live.clone();
        let on_error = Closure::<dyn FnMut()>::new(move || {
            l.set_connected.set(false);
            let closed = l.source.borrow().as_ref().is_some_and(|s| s.ready_state() == EventSource::CLOSED);
            if closed && !l.stopped.get() {
                let attempt = l.failures.get();
                l.failures.set(attempt + 1);
                let l = l.clone();
                leptos::task::spawn_local(async move {
                    back_off(attempt).await;
                    if !l.stopped.get() {
                        connect(l);
                    }
                });
            }
        });
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        let l = live.clone();
        let on_resync = Closure::<dyn FnMut()>::new(move || l.set_tick.update(|t| *t += 1));
        let _ = source.add_event_listener_with_callback("resync", on_resync.as_ref().unchecked_ref());
        on_resync.forget();
        if let Some(old) = live.source.replace(Some(source)) {
            old.close();
        }
    }
}
