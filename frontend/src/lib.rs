//! The browser entry point: hydrate the server-rendered page with the same components.

// Leptos views are deeply nested types; the section form exceeds the default query depth.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A marker for end-to-end tests (and curious people) that the page is now live.
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__zp_hydrated".into(), &true.into());
        // the style's cue that controls only the page without JavaScript needs can go
        if let Some(root) = w.document().and_then(|d| d.document_element()) {
            let _ = root.class_list().add_1("js");
        }
    }
}
