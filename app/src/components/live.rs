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
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    use crate::api::review::ChangeNote;

    pub fn listen(only: Option<String>, set_tick: WriteSignal<u32>, set_connected: WriteSignal<bool>) {
        let Ok(source) = EventSource::new("/events") else { return };
        let on_change = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data().as_string().unwrap_or_default();
            let Ok(note) = serde_json::from_str::<ChangeNote>(&data) else { return };
            if only.as_ref().is_none_or(|id| *id == note.application_id) {
                set_tick.update(|t| *t += 1);
            }
        });
        let _ = source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
        let on_open = Closure::<dyn FnMut()>::new(move || set_connected.set(true));
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        on_open.forget();
        // EventSource reconnects by itself; a stream that missed events while down asks for a
        // refresh when it comes back (the server sends `resync`), which also bumps the counter.
        let on_error = Closure::<dyn FnMut()>::new(move || set_connected.set(false));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        let on_resync = Closure::<dyn FnMut()>::new(move || set_tick.update(|t| *t += 1));
        let _ = source.add_event_listener_with_callback("resync", on_resync.as_ref().unchecked_ref());
        on_resync.forget();
        let source = send_wrapper::SendWrapper::new(source);
        on_cleanup(move || source.close());
    }
}
