//! The page's address and moving to another, for code that may run inside an island, where no
//! router is there to ask or to navigate (a page load instead, the same with the whole app live).

/// This page's address (path and query), to come back to (after signing in).
pub fn current() -> String {
    #[cfg(feature = "ssr")]
    let (path, search) = {
        use leptos::prelude::GetUntracked;
        let location = leptos_router::hooks::use_location();
        (location.pathname.get_untracked(), location.search.get_untracked())
    };
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let (path, search) = web_sys::window()
        .map(|w| w.location())
        .map(|l| (l.pathname().unwrap_or_default(), l.search().unwrap_or_default()))
        .unwrap_or_default();
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let (path, search) = (String::new(), String::new());
    if search.is_empty() {
        path
    } else {
        format!("{}?{}", path, search.trim_start_matches('?'))
    }
}

/// Goes to `to` in the browser; `replace` leaves the page out of the history (a dead page).
/// Nothing on the server.
pub fn go(to: &str, replace: bool) {
    #[cfg(feature = "hydrate")]
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let _ = if replace { location.replace(to) } else { location.set_href(to) };
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (to, replace);
}
