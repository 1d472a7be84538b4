//! The browser entry point: hydrate the server-rendered page with the same components — the whole
//! app, or (with the `islands` feature) only its `#[island]` components.

// Leptos views are deeply nested types; the section form exceeds the default query depth.
#![recursion_limit = "512"]

// The islands' own entry points (`#[island]` exports them to JavaScript) live in the app crate,
// which islands mode otherwise never names: linked in, they come along.
#[cfg(feature = "islands")]
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "islands")]
    {
        // No router in the browser to follow a server function's redirect (after 注册, 登录…):
        // the browser goes there as a link would take it.
        let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| app::components::address::go(to, false));
        leptos::mount::hydrate_islands();
    }
    #[cfg(not(feature = "islands"))]
    leptos::mount::hydrate_body(app::App);
    // In islands mode the page's script (app's `boot.js`) hydrates the islands after this
    // returns and marks the page live when they are; the whole app is live now.
    #[cfg(not(feature = "islands"))]
    mark_live();
}

/// `window.__zp_hydrated` for the tests and the style's `js` class: controls only the page without
/// JavaScript needs can go.
#[cfg(not(feature = "islands"))]
fn mark_live() {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__zp_hydrated".into(), &true.into());
        if let Some(root) = w.document().and_then(|d| d.document_element()) {
            let _ = root.class_list().add_1("js");
        }
    }
}
