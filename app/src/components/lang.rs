//! The page language: a cookie (`zp_lang`) read on the server from the request and in the browser
//! from `document.cookie`, so both render the same words. `/lang/en` and `/lang/zh` switch it.

use leptos::prelude::*;

use crate::i18n::Lang;

/// The language of this request, read from its cookie.
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok()).map(Lang::from_cookie_header))
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.cookie().ok())
            .map(|c| Lang::from_cookie_header(&c))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

/// The language provided by `App`; an island hydrating in the browser has no `App` around it and
/// reads the cookie itself.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(detect_lang)
}

/// Beijing's calendar date now, by this machine's clock (used only for live form hints; the
/// server decides with its own clock).
pub fn today_beijing() -> time::Date {
    #[cfg(target_arch = "wasm32")]
    let ms = js_sys_now();
    #[cfg(not(target_arch = "wasm32"))]
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    crate::domain::instant::Instant(ms).beijing_date()
}

#[cfg(target_arch = "wasm32")]
fn js_sys_now() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}
